#include <stdio.h>
#include <stdlib.h>
int add(int x, int y) { return x + y + 1000; }
#pragma dvm interprocedure add
int add_from_v1(double x) { return add((int)x, 1); }
int main(void) {
  char line[64];
  while (fgets(line, sizeof line, stdin)) { printf("r=%d\n", add(atoi(line), 1)); fflush(stdout); }
  return 0;
}
