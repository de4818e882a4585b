/* runtime-error: 8: heap block overrun (write of 4 bytes at offset 16 of a 16-byte block, 0 bytes past its end; the block was allocated by malloc at */
/* trace: main, memcheck_heap_write.c:7:27 */
/* dvm-options: --check-memory */
/* One element too many written into a heap array (gcc -fsanitize=address: heap-buffer-overflow). */
#include <stdio.h>
#include <stdlib.h>
int main(void) { int *p = malloc(4 * sizeof(int));
  for (int i = 0; i <= 4; i++) p[i] = i * i;
  printf("%d\n", p[3]);
  free(p);
  return 0;
}
