/* runtime-error: 10: use of freed memory (read of 1 byte at offset 2 of an 8-byte block allocated by malloc at */
/* dvm-options: --check-memory */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
  char *s = malloc(8);
  strcpy(s, "abc");
  free(s);
  printf("%c\n", s[2]);
  return 0;
}
