/* runtime-error: 6: overflow */
#include <limits.h>
#include <stdio.h>
long divide(long a, long b) {
  printf("dividing\n");
  return a / b;
}
int main(void) {
  return (int)divide(LONG_MIN, -1);
}
