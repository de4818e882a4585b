/* v2 of data_v1.c whose mapper's parameter does not match the old type. */
#include <stdio.h>
#include <stdlib.h>
struct tot { int sum; int scaled; };
struct tot total;
int kept = 5;
#pragma dvm mapper total
void map_total(const double *old) { total.sum = (int)*old; }
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
