/* runtime-error: 6: file not open for output */
/* trace: log_line, main */
#include <stdio.h>

static void log_line(FILE *f, int n) {
  fprintf(f, "line %d\n", n);
}

int main(void) {
  FILE *out = fopen("log.txt", "w");
  log_line(out, 1);
  fclose(out);
  FILE *in = fopen("log.txt", "r");
  log_line(in, 2);
  return 0;
}
