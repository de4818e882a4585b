/* runtime-error: 9: pointer dereference */
/* trace: main */
#include <stdio.h>

int main(void) {
  FILE *f = fopen("does-not-exist.txt", "r");
  char line[80];
  printf("%s\n", f == NULL ? "NULL" : "opened");
  fgets(line, sizeof line, f);
  return 0;
}
