/* total becomes a struct in v2 (mapper); kept only changes its initializer. */
#include <stdio.h>
#include <stdlib.h>
int total = 0;
int kept = 5;
void add(int n) { total += n; kept++; }
void show(void) { printf("data1 total=%d kept=%d\n", total, kept); fflush(stdout); }
int main(void) {
  char line[64];
  while (fgets(line, sizeof line, stdin)) {
    add(atoi(line));
    show();
  }
  return 0;
}
