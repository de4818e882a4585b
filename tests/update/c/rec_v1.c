/* pts[i] gets x += i+1, y += 10*(i+1); v2 reorders the struct, adds z and grows the array. */
#include <stdio.h>
#include <stdlib.h>
struct point { int x; int y; };
struct point pts[3];
void bump(int i) { if (i >= 0 && i < 3) { pts[i].x += i + 1; pts[i].y += 10 * (i + 1); } }
void show(void) {
  for (int i = 0; i < 3; i++) printf("rec1 %d: %d %d\n", i, pts[i].x, pts[i].y);
  fflush(stdout);
}
int main(void) {
  char line[64];
  while (fgets(line, sizeof line, stdin)) {
    bump(atoi(line));
    show();
  }
  return 0;
}
