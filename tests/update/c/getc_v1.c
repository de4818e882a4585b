/* Reads characters with getchar; line_done reports each line. */
#include <stdio.h>
int lines = 0;
void line_done(int n) { lines++; printf("getc1 line %d: %d chars\n", lines, n); fflush(stdout); }
int main(void) {
  int c, n = 0;
  while ((c = getchar()) != EOF) {
    if (c == '\n') { line_done(n); n = 0; } else n++;
  }
  return 0;
}
