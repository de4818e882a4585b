/* runtime-error: 13: assertion failed (count * 2 == total) */
/* A failed assert names the expression as written. */
#include <assert.h>
#include <stdio.h>

int main(void) {
  int count = 3, total = 7;
  assert(count > 0 && count < 10);
  printf("count %d\n", count);
  assert(total > count);
  printf("total %d\n", total);
  fflush(stdout);
  assert(count * 2 == total);
  return 0;
}
