/* Macro expansion as gcc does it: a macro call whose result names a
   function-like macro takes its arguments from the text that follows and may
   use the macros of the first expansion again (Prosser's hide sets); empty
   arguments beside ## are placemarkers (C11 6.10.3.3). */
#include <stdio.h>

#define CAT(a, b) a##b
#define XCAT(a, b) CAT(a, b)
#define twice(x) (2 * (x))
#define finish(x) CAT(x, _done)
#define STEP(x) CAT(STEP_, x)
#define STEP_1(y) STEP(y)
#define CALL(f, ...) f(__VA_ARGS__)
#define PASTE(x, y) x ## y
#define STR(x) #x
#define XSTR(x) STR(x)
#define PRE tw

int loop_done = 42;
int STEP_2 = 5;

int main(void) {
  printf("%d\n", CAT(twi, ce)(5));
  printf("%d\n", CAT(fin, ish)(loop));
  printf("%d\n", STEP(1)(2));
  printf("%d\n", CALL(CAT(twi, ce), 4));
  printf("%d\n", XCAT(PRE, ice)(7));
  printf("%d %d %d\n", PASTE(, 5), PASTE(4, ), PASTE(1, 2));
  printf("[%s] [%s]\n", XSTR(PASTE(, )), XSTR(CAT(twi, ce)(1)));
  return 0;
}
