/* main -> outer -> inner, each printing its version: inner serves lines until
   "end" (returns 1: outer calls it again), "quit" (0: back to main) or eof (-1). */
#include <stdio.h>
#include <string.h>
int inner(void) {
  char line[64];
  while (fgets(line, sizeof line, stdin)) {
    if (strncmp(line, "end", 3) == 0) return 1;
    if (strncmp(line, "quit", 4) == 0) return 0;
    printf("inner2 %s", line); fflush(stdout);
  }
  return -1;
}
int outer(void) {
  int r;
  printf("outer2\n"); fflush(stdout);
  while ((r = inner()) == 1) { printf("outer2 again\n"); fflush(stdout); }
  return r;
}
int main(void) {
  for (;;) {
#pragma dvm updatepoint
    printf("main2\n"); fflush(stdout);
    if (outer() < 0) break;
  }
  return 0;
}
