/* <errno.h>: errno is the program's own lvalue (the library sets none), EDOM and ERANGE, strerror of them, perror reads errno. */
#include <errno.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
  int x = 5;
  errno = 0;
  long v = strtol("123", NULL, 10);
  printf("%ld %d %zu\n", v, errno, _Alignof(double));
  if (errno == ERANGE || errno == EDOM) printf("range\n");
  errno = ERANGE;
  printf("%d %s\n", errno, strerror(errno));
  errno = EDOM;
  perror("sqrt");
  errno = 0;
  return x - 5;
}
