/* runtime-error: 9: abort() called */
/* trace: check, main */
#include <stdio.h>
#include <stdlib.h>

static void check(int ok) {
  if (!ok) {
    fprintf(stderr, "check failed\n");
    abort();
  }
}

int main(void) {
  check(1);
  check(0);
  return 0;
}
