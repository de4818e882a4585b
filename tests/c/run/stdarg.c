/* User-defined variadic functions with <stdarg.h>: va_start, va_arg of
   several types, va_copy, va_end; passing a va_list on to vsnprintf and
   vfprintf; a variadic function called through a pointer. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int sum(int count, ...) {
  va_list ap;
  va_start(ap, count);
  int total = 0;
  for (int i = 0; i < count; i++) total += va_arg(ap, int);
  va_end(ap);
  return total;
}

static double mean(const char *label, int n, ...) {
  va_list ap, copy;
  va_start(ap, n);
  va_copy(copy, ap);
  double s = 0;
  for (int i = 0; i < n; i++) s += va_arg(ap, double);
  printf("%s first=%g\n", label, va_arg(copy, double));
  va_end(copy);
  va_end(ap);
  return s / n;
}

static void report(const char *fmt, ...) {
  va_list ap;
  char buf[64];
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  printf("[%s] (%zu)\n", buf, strlen(buf));
  va_start(ap, fmt);
  vfprintf(stdout, fmt, ap);
  va_end(ap);
  printf("\n");
}

int main(void) {
  printf("%d %d\n", sum(3, 1, 2, 3), sum(0));
  printf("%.3f\n", mean("m", 4, 1.0, 2.5, 3.5, 4.0));
  report("%s=%d %c %.2f", "x", 42, 'q', 2.5);
  int (*p)(int, ...) = sum;
  printf("%d\n", p(2, 10, 20));
  int a, b;
  char line[] = "7 8";
  va_list none;
  (void)none;
  if (sscanf(line, "%d %d", &a, &b) == 2) printf("%d\n", a * b);
  return 0;
}
