/* add's signature changes in v2 and again in v3; main of v1 keeps calling add(x). */
#include <stdio.h>
#include <stdlib.h>
int add(int x) { return x + 1; }
int main(void) {
  char line[64];
  while (fgets(line, sizeof line, stdin)) { printf("r=%d\n", add(atoi(line))); fflush(stdout); }
  return 0;
}
