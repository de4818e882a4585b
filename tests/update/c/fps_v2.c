#include <stdio.h>
#include <stdlib.h>
int twice(int x, int y) { return 2 * x + y; }
#pragma dvm interprocedure twice
int twice_v1(int x) { return twice(x, 1000); }
int (*op)(int x);
int main(void) {
  char line[64];
  op = twice_v1;
  while (fgets(line, sizeof line, stdin)) { printf("r=%d\n", op(atoi(line))); fflush(stdout); }
  return 0;
}
