/* runtime-error: 10: use of freed memory (strcpy accessing 6 bytes at offset 0 of a 32-byte block allocated by malloc at */
/* trace: main, memcheck_write_after_free.c:7:31, memcheck_write_after_free.c:9:3 */
/* dvm-options: --check-memory */
/* A library function writing into a freed buffer. */
#include <stdlib.h>
#include <string.h>
int main(void) { char *name = malloc(32);
  strcpy(name, "first");
  free(name);
  strcpy(name, "again");
  return 0;
}
