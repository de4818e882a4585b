/* A skipped group (C11 6.10.1p6) is only scanned for directives that nest:
   stray characters, unknown directive names and an #else or #elif of an inner
   group are ignored there.  Outside it, a stray '@' stays an error. */
#include <stdio.h>

#if 0
  @ ` \ $ characters that are no tokens
#unknown_directive with @ `
#error not reached
#include <no_such_header.h>
#if 1
#elif
#else
#endif
#define BAD(
#endif

#ifdef NOT_DEFINED
#  if 1 / 0
#  endif
#elif 1
#define PICKED 1
#else
#error not reached either
#endif

#define STR(x) #x
#define ODD @ `
#undef ODD

int main(void) {
  printf("%d %s\n", PICKED, STR(@ ` x));
  return 0;
}
