#include <stdio.h>
#include <stdlib.h>
struct point { int z; int y; int x; };
struct point pts[4];
void bump(int i) { if (i >= 0 && i < 4) { pts[i].x += i + 1; pts[i].y += 10 * (i + 1); pts[i].z += 1; } }
void show(void) {
  for (int i = 0; i < 4; i++) printf("rec2 %d: %d %d %d\n", i, pts[i].x, pts[i].y, pts[i].z);
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
