/* Rescanning as gcc does it: a function-like macro name produced by an
   expansion takes its arguments from the text that follows; the examples of
   C11 6.10.3.5 (EXAMPLE 3, 4, 5, 7), printed through # and evaluated. */
#include <stdio.h>
#include <string.h>

#define STR_(x) #x
#define XSTR(x) STR_(x)

#define CAT(a, b) a##b
#define AB(x) (x * 2)

/* EXAMPLE 3, with functions f, t and m and arrays y and z to run it */
static int f(int v) { return v * 10 + 1; }
static int t(int v) { return v + 100; }
static int m(int a, int b) { return a * 2 + b; }
static int y = 4, z[1] = {3};
#define x 3
#define f(a) f(x * (a))
#undef x
#define x 2
#define g f
#define z z[0]
#define h g(~
#define m(a) a(w)
#define w 0,1
#define t(a) a
#define p() int
#define q(x) x
#define r(x,y) x ## y
#define str(x) # x

static int example3(void) {
  return f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);
}
static int example3b(void) {
  return g(x+(3,4)-w) | h 5) & m
(f)^m(m);
}

#undef str
#undef t
#undef f
#undef g
#undef h
#undef m
#undef p
#undef q
#undef r
#undef w
#undef x
#undef y
#undef z

/* EXAMPLE 4 */
#define str(s) # s
#define xstr(s) str(s)
#define debug(s, t) sprintf(buf, "x" # s "= %d, x" # t "= %s", \
 x ## s, x ## t)
#define INCFILE(n) vers ## n
#define glue(a, b) a ## b
#define xglue(a, b) glue(a, b)
#define HIGHLOW "hello"
#define LOW LOW ", world"

/* EXAMPLE 5 */
#define tt(x,y,z) x ## y ## z

/* EXAMPLE 7 */
#define showlist(...) puts(#__VA_ARGS__)
#define report(test, ...) ((test)?puts(#test):\
 printf(__VA_ARGS__))

/* Nested and recursive */
#define FOO() BAR
#define BAR() FOO
#define SELF SELF + 1
#define SELFF(a) SELFF(a) + a
#define EXPR(a) a * EXPR
#define TWICE(a) a a
#define APPLY(fn, v) fn(v)
#define ID(v) v
#define NEG(v) (-(v))

int main(void) {
  printf("%d\n", CAT(A, B)(3));
  printf("%s\n", XSTR(CAT(A, B)(3)));
  {
    int p = 7;
    printf("%d %d\n", example3(), example3b());
    (void)p;
  }
  int x1 = 11, x2 = 22;
  char buf[64];
  (void)x2;
  {
    char *x2 = "two";
    debug(1, 2);
    puts(buf);
  }
  puts(str(strncmp("abc\0d", "abc", '\4') // this goes away
       == 0) str(: @\n));
  puts(xstr(INCFILE(2).h));
  puts(glue(HIGH, LOW));
  puts(xglue(HIGH, LOW));
  int j[] = { tt(1,2,3), tt(,4,5), tt(6,,7), tt(8,9,),
              tt(10,,), tt(,11,), tt(,,12), tt(,,) };
  for (size_t i = 0; i < sizeof j / sizeof j[0]; i++) printf("%d ", j[i]);
  printf("\n");
  showlist(The first, second, and third items.);
  int xx = 1, yy = 2;
  report(xx>yy, "x is %d but y is %d\n", xx, yy);
  puts(XSTR(FOO()()()));
  puts(XSTR(SELF));
  puts(XSTR(SELFF(SELFF(1))));
  puts(XSTR(EXPR(2)(3)(4)));
  puts(XSTR(TWICE(TWICE(x))));
  printf("%d %d\n", APPLY(NEG, 5), APPLY(ID, NEG)(6));
  puts(XSTR(APPLY(APPLY, ID)));
  return 0;
}
