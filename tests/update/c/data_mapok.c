/* v2 of data_v1.c: total is a struct, filled by a mapper from the old int. */
#include <stdio.h>
#include <stdlib.h>
struct tot { int sum; int scaled; };
struct tot total;
int kept = 7;
int added = 42;
int scale(int x) { return x * 10; }
#pragma dvm mapper total
void map_total(const int *old) {
  total.sum = *old;
  total.scaled = scale(*old);
}
void add(int n) { total.sum += n; total.scaled = scale(total.sum); kept++; }
void show(void) {
  printf("data2 total=%d scaled=%d kept=%d added=%d\n", total.sum, total.scaled, kept, added);
  fflush(stdout);
}
int main(void) {
  char line[64];
  while (fgets(line, sizeof line, stdin)) {
    add(atoi(line));
    show();
  }
  return 0;
}
