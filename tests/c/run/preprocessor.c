#include <stdio.h>
#define N 10
#define SQUARE(x) ((x) * (x))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define STR(x) #x
#define CAT(a, b) a##b
#define DEBUG 1
#if DEBUG && N > 5
#define MODE "debug"
#elif N > 100
#define MODE "big"
#else
#define MODE "release"
#endif
#ifdef UNDEFINED_THING
#error "should not happen"
#endif
#ifndef N
#define N 0
#endif
#undef DEBUG
int main(void) {
  int CAT(my, var) = SQUARE(N + 1);
  printf("%d %d %s %s\n", myvar, MAX(3, 7), STR(hello world), MODE);
#ifdef DEBUG
  printf("debug defined\n");
#else
  printf("debug undefined\n");
#endif
#if defined(N) && !defined(FOO)
  printf("line %d\n", __LINE__);
#endif
  return 0;
}
