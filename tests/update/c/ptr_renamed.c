/* p points into store, a local: the frame moves only if store carries over. */
#include <stdio.h>
#include <stdlib.h>
int main(void) {
  char line[64];
  int store[4] = {0, 0, 0, 0};
  int *p = store;
  for (int i = 0; i < 100; i++) {
    if (!fgets(line, sizeof line, stdin)) break;
#pragma dvm updatepoint
    p[i % 4] += atoi(line);
    printf("ptr3 %d %d\n", i, p[i % 4]);
    fflush(stdout);
  }
  return 0;
}
