#include <stdio.h>
int main(void) {
  int c, lines = 0, chars = 0;
  while ((c = getchar()) != EOF) {
    chars++;
    if (c == '\n') lines++;
    putchar(c >= 'a' && c <= 'z' ? c - 32 : c);
  }
  printf("%d %d\n", lines, chars);
  return 0;
}
