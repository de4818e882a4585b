/* error-line: 4 */
#include <stdio.h>
int main(void) {
  printf("tab\q\n");
  return 0;
}
