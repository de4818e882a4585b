#include <stdio.h>
#include <stdlib.h>
typedef double (*unary)(double);
static double twice(double x) { return 2 * x; }
static double square(double x) { return x * x; }
static double negate(double x) { return -x; }
static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
int apply_n(int (*f)(int), int n, int x) { while (n--) x = f(x); return x; }
int inc(int x) { return x + 1; }
int dbl(int x) { return x * 2; }
int (*choose(int which))(int) { return which ? dbl : inc; }
struct op { const char *name; int (*fn)(int, int); };
int add(int a, int b) { return a + b; }
int sub(int a, int b) { return a - b; }
int mul(int a, int b) { return a * b; }
struct op ops[] = {{"add", add}, {"sub", sub}, {"mul", mul}};
unary table[3] = {twice, square, negate};
int main(void) {
  for (int i = 0; i < 3; i++) printf("%.1f ", table[i](3.0));
  printf("\n");
  double (*pt[])(double) = {square, twice};
  printf("%.1f\n", pt[0](pt[1](2.5)));
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) printf("%s %d\n", ops[i].name, ops[i].fn(7, 3));
  printf("%d %d\n", apply_n(inc, 5, 0), apply_n(choose(1), 5, 1));
  printf("%d\n", choose(0)(41));
  int (*fp)(int) = &inc;
  printf("%d %d\n", (*fp)(1), fp == inc);
  printf("%d\n", fp != dbl);
  int v[] = {5, 3, 9, 1};
  int (*c)(const void *, const void *) = cmp_int;
  qsort(v, 4, sizeof v[0], c);
  printf("%d %d %d %d\n", v[0], v[1], v[2], v[3]);
  unary u = 0;
  printf("%d\n", u == 0);
  u = negate;
  printf("%.1f\n", u(u(4)));
  return 0;
}
