/* main's frame moves at its update point: total, hist and i carry over. */
#include <stdio.h>
#include <stdlib.h>
int main(void) {
  char line[64];
  int total = 0;
  int hist[4] = {0, 0, 0, 0};
  for (int i = 0; i < 100; i++) {
    if (!fgets(line, sizeof line, stdin)) break;
#pragma dvm updatepoint
    total += atoi(line);
    hist[i % 4]++;
    printf("up1 i=%d total=%d hist=%d%d%d%d\n", i, total, hist[0], hist[1], hist[2], hist[3]);
    fflush(stdout);
  }
  return 0;
}
