/* Every library function is callable directly and through a pointer:
   builtins, variadic functions (printf's family) and C-written ones
   (qsort, strdup), from locals, arrays and tables in static data. */
#define _POSIX_C_SOURCE 200809L /* strdup is POSIX: glibc declares it then */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef double (*unary_fn)(double);

static const unary_fn table[] = { sin, cos, exp, sqrt, fabs, floor, log10 };
static const char *names[] = { "sin", "cos", "exp", "sqrt", "fabs", "floor", "log10" };

static int by_value(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

int main(void) {
  double (*g)(double) = exp;
  printf("%.6f\n", g(2.0));
  for (int i = 0; i < 7; i++) printf("%s(2.5) = %.6f\n", names[i], table[i](2.5));
  int (*p)(FILE *, const char *, ...) = fprintf;
  p(stdout, "%d + %d = %d, %s\n", 2, 3, 2 + 3, "five");
  int (*say)(const char *, ...) = printf;
  int n = say("%5.2f|%-4d|%c\n", 3.14159, 7, 'x');
  printf("printf returned %d\n", n);
  int (*unproto)() = abs;
  printf("%d\n", unproto(-41));
  int (*classify)(int) = isalpha;
  printf("%d %d\n", classify('q') != 0, classify('7') != 0);
  size_t (*len)(const char *) = strlen;
  char *(*dup)(const char *) = strdup;
  char *copy = dup("duplicated");
  printf("%zu %s\n", len(copy), copy);
  free(copy);
  void (*sort)(void *, size_t, size_t, int (*)(const void *, const void *)) = qsort;
  int v[] = {5, 3, 9, 1, 7};
  sort(v, 5, sizeof v[0], by_value);
  for (int i = 0; i < 5; i++) printf("%d ", v[i]);
  printf("\n");
  char buf[32];
  int (*fmt)(char *, size_t, const char *, ...) = snprintf;
  fmt(buf, sizeof buf, "[%08.3f]", -2.5);
  puts(buf);
  double (*two)(double, double) = pow;
  printf("%.1f %.1f\n", two(2, 10), (*two)(3, 3));
  return 0;
}
