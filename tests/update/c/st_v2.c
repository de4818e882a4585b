#include <stdio.h>
int next_id(void) {
  static int n = 500;
  n += 10;
  return n;
}
int main(void) {
  char line[64];
  while (fgets(line, sizeof line, stdin)) { printf("st2 id=%d\n", next_id()); fflush(stdout); }
  return 0;
}
