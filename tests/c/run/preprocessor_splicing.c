/* Translation phase 2 (C11 5.1.1.2): a backslash-newline is removed before
   tokens are formed, wherever it is: identifiers, numbers, literals,
   operators, comments and directives.  '$' in identifiers is gcc's. */
#include <stdio.h>
#include <string.h>

#def\
ine SPLICED_MACRO(a, \
                  b) ((a) * \
                      (b))
#if SPLICED\
_MACRO(2, 3) == 6
#define SIX "six"
#else
#define SIX "not six"
#endif

#define STR(x) #x
#define XSTR(x) STR(x)

int main(void) {
  in\
t va\
lue = 12\
34;
  char *s = "ab\
cd";
  char c = '\
x';
  int n = 1;
  n +\
= 2;
  n+\
+;
  // a line comment ending in a backslash goes on \
  n = 1000;
  /* a block comment \
  */ n *= 10;
  int a$b = 7, $x = 1, y$ = 2;
  printf("%d %s %c %d\n", value, s, c, n);
  printf("%d %s\n", SPLICED_MACRO(4, 5), SIX);
  printf("%d %d %d\n", a$b, $x, y$);
  printf("%s\n", XSTR(SPLICED_MACRO(x, y)));
  printf("%s\n", STR(one
                     two   three));
  printf("%zu\n", strlen("long \
string"));
  printf("%d\n", __LI\
NE__);
  return 0;
}
