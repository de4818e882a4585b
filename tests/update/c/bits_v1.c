/* Each line n sets mode to n and counts it; v2 moves the bit-fields after a new member. */
#include <stdio.h>
#include <stdlib.h>
struct state { int count; unsigned ready : 1; unsigned mode : 3; int level : 4; };
struct state st;
void take(int n) { st.count++; st.ready = 1; st.mode = n; st.level = -n; }
void show(void) {
  printf("bits1 %d: %u %u %d\n", st.count, st.ready, st.mode, st.level);
  fflush(stdout);
}
int main(void) {
  char line[64];
  while (fgets(line, sizeof line, stdin)) {
    take(atoi(line));
    show();
  }
  return 0;
}
