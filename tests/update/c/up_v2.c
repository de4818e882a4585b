#include <stdio.h>
#include <stdlib.h>
int main(void) {
  char line[64];
  int total = 0;
  int hist[4] = {0, 0, 0, 0};
  int fresh = 99;
  for (int i = 0; i < 100; i++) {
    if (!fgets(line, sizeof line, stdin)) break;
#pragma dvm updatepoint
    total += 2 * atoi(line);
    hist[i % 4]++;
    printf("up2 i=%d total=%d hist=%d%d%d%d fresh=%d\n", i, total, hist[0], hist[1], hist[2], hist[3], fresh);
    fflush(stdout);
  }
  return 0;
}
