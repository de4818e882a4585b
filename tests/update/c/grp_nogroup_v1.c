/* session and fmt form a group: a change to fmt restricts session too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fmt(int x) { return x * 2; }
void session(void) {
  char line[64];
  printf("in session\n"); fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (strncmp(line, "end", 3) == 0) return;
    printf("g %d\n", fmt(atoi(line))); fflush(stdout);
  }
}
int main(void) {
  char line[64];
  while (fgets(line, sizeof line, stdin)) {
    if (strncmp(line, "go", 2) == 0) session();
    printf("back\n"); fflush(stdout);
  }
  return 0;
}
