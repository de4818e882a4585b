/* runtime-error: 7: local variable overrun (strcpy accessing 12 bytes at offset 0 of local array 'name' (8 bytes) of main, 0 bytes past its end) */
/* dvm-options: --check-memory */
/* A library function copying a string too long for a local buffer. */
#include <stdio.h>
#include <string.h>
int main(void) { char name[8];
  strcpy(name, "a long name");
  printf("%s\n", name);
  return 0;
}
