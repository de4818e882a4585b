/* What real programs use of the preprocessor, as gcc does it: #include with
   a macro operand, _Pragma and unknown #pragmas ignored, empty macro
   arguments, __VA_ARGS__, # of strings with quotes and backslashes and of
   arguments over several lines, identical redefinitions, the null
   directive. */
#define HEADER <stdio.h>
#include HEADER
#define STRING_H "string.h"
#include STRING_H
#define STD(name) <std##name.h>
#include STD(lib)

#pragma once_more unknown to everyone
#pragma GCC diagnostic push
_Pragma("GCC diagnostic pop") _Pragma("unknown")
#
#define SQUARE(x) ((x) * (x))
#define SQUARE(x) ((x)   *   (x))
#define STR(x) #x
#define XSTR(x) STR(x)
#define EMPTY
#define BRACKET(x) [x]
#define PAIR(a, b) (a|b)
#define LOG(fmt, ...) printf(fmt "\n", __VA_ARGS__)
#define COUNT(...) (sizeof((int[]){0, __VA_ARGS__}) / sizeof(int) - 1)
#define SHOW(...) puts(#__VA_ARGS__)
#define WITH_COMMA(fmt, ...) printf(fmt, ## __VA_ARGS__)

int main(void) {
  puts(XSTR(BRACKET() BRACKET( ) BRACKET(EMPTY) PAIR(,) PAIR(, 1) PAIR(1, )));
  LOG("%d %s", 1, "two");
  printf("%d %d\n", (int)COUNT(1, 2, 3), (int)COUNT(7));
  SHOW();
  SHOW(  a ,  b  ,c  );
  puts(STR("a\n" '\'' "\\" x));
  puts(STR('"' "\"" '\\'));
  puts(STR(  spread
             over    lines  ));
  puts(STR(a/* comment */b   /* c */ c));
  WITH_COMMA("%d\n", 5);
  printf("%d\n", SQUARE(3));
  char *s = malloc(8);
  strcpy(s, "heap");
  puts(s);
  free(s);
  return 0;
}
