/* runtime-error: 8: out of */
/* trace: scribble, main */
#include <stdlib.h>
#include <stdio.h>
void scribble(char *p, long n) {
  printf("start\n");
  for (long i = 0; ; i += 4096) {
    p[i * n] = 1;
  }
}
int main(void) {
  char *p = malloc(16);
  scribble(p, 1000);
  return 0;
}
