#include <stdio.h>
struct counter { int calls; int value; };
int next_id(void) {
  static struct counter n;
  n.calls++;
  n.value += 100;
  return n.value * 1000 + n.calls;
}
int main(void) {
  char line[64];
  while (fgets(line, sizeof line, stdin)) { printf("id=%d\n", next_id()); fflush(stdout); }
  return 0;
}
