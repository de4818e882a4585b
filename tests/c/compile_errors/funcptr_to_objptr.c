/* error-line: 4 */
#include <stdio.h>
int main(void) {
  void *p = (void *)main;
  return p != NULL;
}
