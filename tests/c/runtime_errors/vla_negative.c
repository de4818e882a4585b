/* runtime-error: 7: value out of range */
/* A variable-length array with a negative bound stops the program. */
#include <stdio.h>

static int total(int n) {
  int sum = 0;
  int a[n];
  for (int i = 0; i < n; i++) sum += a[i] = i;
  return sum;
}

int main(void) {
  printf("%d\n", total(4));
  printf("%d\n", total(2 - 5));
  return 0;
}
