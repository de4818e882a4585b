#include <stdio.h>
#include <stdlib.h>
struct state { long added; int count; unsigned ready : 1; unsigned mode : 3; int level : 4; };
struct state st;
void take(int n) { st.count++; st.added += n; }
void show(void) {
  printf("bits2 %d: %u %u %d %ld\n", st.count, st.ready, st.mode, st.level, st.added);
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
