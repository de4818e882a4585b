/* The static local next_id.n gains a field in v2 (mapped by default). */
#include <stdio.h>
struct counter { int value; };
int next_id(void) {
  static struct counter n;
  n.value++;
  return n.value;
}
int main(void) {
  char line[64];
  while (fgets(line, sizeof line, stdin)) { printf("id=%d\n", next_id()); fflush(stdout); }
  return 0;
}
