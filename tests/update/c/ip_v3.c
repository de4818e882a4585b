#include <stdio.h>
#include <stdlib.h>
int add(int x, int y, int z) { return x + y + z + 100000; }
#pragma dvm interprocedure add
int add_from_v2(int x, int y) { return add(x, y, 2); }
int main(void) {
  char line[64];
  while (fgets(line, sizeof line, stdin)) { printf("r=%d\n", add(atoi(line), 1, 2)); fflush(stdout); }
  return 0;
}
