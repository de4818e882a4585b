/* #line (C11 6.10.4) sets what __LINE__ and __FILE__ give from the next line
   on; its operands may come from macros.  __LINE__ in a macro is the line of
   the macro's use. */
#include <stdio.h>
#include <string.h>

#define HERE __LINE__
#define SHOW() printf("%s:%d\n", __FILE__, __LINE__)
#define NUM 500
#define NAME "named.c"

int main(void) {
  /* the source's own name differs under gcc and dvm: only its end */
  const char *f = __FILE__;
  printf("%s %d\n", f + strlen(f) - 20, __LINE__);
#line 100 "line.c"
  printf("%d %d\n", __LINE__, HERE);
  SHOW
  (
  );
#line 200 "other.c"
  SHOW();

  SHOW();
#line NUM NAME
  SHOW();
#line 7 /* a comment that goes on
          over two lines */
  SHOW();
#line 1000 \
  "spliced.c"
  SHOW();
#li\
ne 2000
  SHOW();
  printf("%d\n", __LINE__
  );
  return 0;
}
