/* runtime-error: 11: heap block overrun (read of 1 byte at offset 10 of a 10-byte block, 0 bytes past its end; the block was allocated by malloc at */
/* trace: fill, main, memcheck_heap_read.c:16:15 */
/* dvm-options: --check-memory */
/* A loop reading two bytes past a heap buffer, in a function the buffer was passed to. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
long fill(const char *s, int n) {
  long sum = 0;
  for (int i = 0; i < n; i++)
    sum += s[i];
  return sum;
}
int main(void) {
  printf("start\n");
  char *buf = malloc(10);
  memset(buf, 1, 10);
  printf("%ld\n", fill(buf, 12));
  return 0;
}
