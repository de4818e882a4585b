/* error-line: 7 */
#include <stdio.h>
int main(void) {
  {
    int inner = 1;
  }
  printf("%d\n", inner);
  return 0;
}
