/* runtime-error: 12: not an open stream */
/* trace: main */
#include <stdio.h>

int main(void) {
  FILE *f = fopen("notes.txt", "w");
  fputs("one\n", f);
  fclose(f);
  f = fopen("notes.txt", "r");
  printf("%c\n", fgetc(f));
  fclose(f);
  printf("%c\n", fgetc(f));
  return 0;
}
