/* runtime-error: 10: local variable overrun (write of 4 bytes at offset 20 of local array 'a' (16 bytes) of main, 4 bytes past its end) */
/* dvm-options: --check-memory */
/* An index past a local array: without the check it overwrites its neighbour b
   (gcc -fsanitize=address: stack-buffer-overflow). */
#include <stdio.h>
int main(void) {
  int a[4];
  int b[4] = {1, 2, 3, 4};
  int i = 5;
  a[i] = 7;
  printf("%d %d\n", a[0], b[1]);
  return 0;
}
