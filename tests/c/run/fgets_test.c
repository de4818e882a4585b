#include <stdio.h>
#include <string.h>
int main(void) {
  char line[100];
  int n = 0;
  while (fgets(line, sizeof line, stdin) != NULL) {
    size_t len = strlen(line);
    if (len > 0 && line[len - 1] == '\n') line[len - 1] = 0;
    printf("%d: [%s]\n", ++n, line);
  }
  fprintf(stdout, "done %d\n", n);
  fprintf(stderr, "to stderr\n");
  fflush(stdout);
  return 0;
}
