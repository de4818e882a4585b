/* v2 of data_v1.c: total becomes a double without a mapper: refused. */
#include <stdio.h>
#include <stdlib.h>
double total = 0;
int kept = 5;
void add(int n) { total += n; kept++; }
void show(void) { printf("bad total=%f kept=%d\n", total, kept); fflush(stdout); }
int main(void) {
  char line[64];
  while (fgets(line, sizeof line, stdin)) {
    add(atoi(line));
    show();
  }
  return 0;
}
