#include <stdio.h>
#pragma dvm group step, report
struct Old { int n; };
int total;
#pragma dvm mapper total
void map_total(const struct Old *old) { total = old->n; }
int step(int x) { return x + 1; }
#pragma dvm interprocedure step
int step_old(int x) { return step(x); }
void report(void) { printf("total=%d\n", total); }
int main(void) {
  for (int i = 0; i < 3; i++) {
#pragma dvm updatepoint
    total = step(total);
  }
  report();
  return 0;
}
