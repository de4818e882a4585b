/* runtime-error: 5: null pointer dereference */
#include <stdio.h>
int main(void) {
  int *p = NULL;
  printf("%d\n", *p);
  return 0;
}
