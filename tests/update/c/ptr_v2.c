/* p points into buf, a local: the frame moves only if buf carries over. */
#include <stdio.h>
#include <stdlib.h>
int main(void) {
  char line[64];
  int buf[4] = {0, 0, 0, 0};
  int *p = buf;
  for (int i = 0; i < 100; i++) {
    if (!fgets(line, sizeof line, stdin)) break;
#pragma dvm updatepoint
    p[i % 4] += atoi(line);
    printf("ptr2 %d %d\n", i, p[i % 4]);
    fflush(stdout);
  }
  return 0;
}
