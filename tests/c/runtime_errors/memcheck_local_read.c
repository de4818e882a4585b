/* runtime-error: 9: local variable overrun (read of 1 byte at offset 8 of local array 'word' (8 bytes) of count, 0 bytes past its end) */
/* trace: count, main */
/* dvm-options: --check-memory */
/* A string scanned past its buffer through a pointer: the buffer has no NUL. */
#include <stdio.h>
int count(void) {
  char word[8] = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'};
  int n = 0;
  for (char *p = word; *p; p++) n++;
  return n;
}
int main(void) {
  printf("%d\n", count());
  return 0;
}
