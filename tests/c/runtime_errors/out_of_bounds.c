/* runtime-error: 6: out of bounds */
#include <stdlib.h>
int main(void) {
  int *p = malloc(16);
  long far = 1L << 40;
  p[far] = 1;
  return 0;
}
