/* Echo service: fgets in main, greet changes between versions. */
#include <stdio.h>
int served = 0;
void greet(const char *s) { printf("echo1 %d: %s", served, s); fflush(stdout); }
int main(void) {
  char line[128];
  while (fgets(line, sizeof line, stdin)) {
    served++;
    greet(line);
  }
  printf("served %d\n", served);
  return 0;
}
