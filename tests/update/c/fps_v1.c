/* op points to twice; v2 changes twice's signature and brings an interprocedure. */
#include <stdio.h>
#include <stdlib.h>
int twice(int x) { return 2 * x; }
int (*op)(int x);
int main(void) {
  char line[64];
  op = twice;
  while (fgets(line, sizeof line, stdin)) { printf("r=%d\n", op(atoi(line))); fflush(stdout); }
  return 0;
}
