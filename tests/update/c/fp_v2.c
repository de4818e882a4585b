/* handler is stored in a global before the update; it must reach the new greet. */
#include <stdio.h>
void greet(const char *s) { printf("fp2 %s", s); fflush(stdout); }
void (*handler)(const char *s);
int main(void) {
  char line[64];
  handler = greet;
  while (fgets(line, sizeof line, stdin)) handler(line);
  return 0;
}
