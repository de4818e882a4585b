/* v2 of data_v1.c whose mapper divides by zero: the update must roll back. */
#include <stdio.h>
#include <stdlib.h>
struct tot { int sum; int scaled; };
struct tot total;
int kept = 7;
int zero = 0;
#pragma dvm mapper total
void map_total(const int *old) {
  total.sum = *old;
  total.scaled = *old / zero;
}
void add(int n) { total.sum += n; kept++; }
void show(void) { printf("bad total=%d kept=%d\n", total.sum, kept); fflush(stdout); }
int main(void) {
  char line[64];
  while (fgets(line, sizeof line, stdin)) {
    add(atoi(line));
    show();
  }
  return 0;
}
