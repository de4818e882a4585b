/* next_id's static local n is the global next_id.n: it keeps its value. */
#include <stdio.h>
int next_id(void) {
  static int n = 0;
  n++;
  return n;
}
int main(void) {
  char line[64];
  while (fgets(line, sizeof line, stdin)) { printf("st1 id=%d\n", next_id()); fflush(stdout); }
  return 0;
}
