/* runtime-error: 9: heap block overrun (write of 8 bytes at offset -8 of a 24-byte block, 8 bytes before its start; the block was allocated by calloc at */
/* trace: main, memcheck_heap_before.c:7:30 */
/* dvm-options: --check-memory */
/* An index of -1: the write lands before the block (on the allocator's header). */
#include <stdio.h>
#include <stdlib.h>
int main(void) { double *v = calloc(3, sizeof(double));
  int i = -1;
  v[i] = 1.5;
  printf("%g\n", v[0]);
  return 0;
}
