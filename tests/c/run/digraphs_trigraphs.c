/* Digraphs (C11 6.4.6p3) are punctuators, also in directives, and a string
   made by # keeps their spelling.  Trigraphs (C11 5.2.1.1) are replaced in
   translation phase 1, as gcc does with -std=c11: also inside literals, and
   ??/ before a newline splices lines. */
%:include <stdio.h>
%:define STR(x) %:x
%:define XSTR(x) STR(x)
%:define CAT(a, b) a %:%: b
??=define TRI 5

int table<:3:> = <% 1, 2, 3 %>;

int main(void) <%
  int CAT(my, var) = table<:1:> + TRI;
  printf("%d\n", myvar);
  printf("%s\n", STR(<: :> <% %> %: %:%:));
  printf("%s\n", XSTR(CAT(x, y)));
  printf("%s\n", "??( ??) ??< ??> ??= ??! ??' ??- ??/??/");
  printf("%d %d %d\n", 6 ??! 1, 6 ??' 3, ??-0);
  int spliced = 10 ??/
+ 1;
  printf("%d\n", spliced);
  printf("%c%c\n", '??<', '??/'');
  printf("%s\n", "? ?? ??? ?\?= ??x");
  return 0;
%>
