/* runtime-error: 6: overflow */
#include <limits.h>
int main(void) {
  int a = INT_MIN;
  int b = -1;
  int c = a / b;
  return c;
}
