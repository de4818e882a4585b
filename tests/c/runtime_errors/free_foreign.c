/* runtime-error: 6: free */
#include <stdlib.h>
int main(void) {
  int x[4];
  int *p = x;
  free(p + 1);
  return 0;
}
