#include <stdio.h>
int classify(int c) {
  int r = 0;
  switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u':
      r += 100;
    case 'y':
      r += 10;
      break;
    default:
      r = 1;
      break;
    case 0:
      r = -1;
  }
  return r;
}
int collatz(long n) { int steps = 0; do { n = n % 2 ? 3 * n + 1 : n / 2; steps++; } while (n != 1); return steps; }
int main(void) {
  const char *s = "hay\0z";
  for (int i = 0; i < 5; i++) printf("%d ", classify(s[i]));
  printf("\n");
  printf("%d %d\n", collatz(27), collatz(97));
  int i, j;
  for (i = 0, j = 10; i < j; i += 2, j--) ;
  printf("%d %d\n", i, j);
  int x = (i++, j++, i + j);
  printf("%d\n", x);
  int n = 0;
  do n++; while (n < 0);
  printf("%d\n", n);
  for (int k = 0; k < 10; k++) {
    if (k % 2) continue;
    if (k > 6) break;
    printf("%d", k);
  }
  printf("\n");
  int outer = 0;
  while (1) {
    switch (outer) {
      case 3:
        break;
      default: outer++; continue;
    }
    break;
  }
  printf("%d\n", outer);
  int a = 5, b = 7;
  int m = a > b ? a : b;
  int mm = a > b ? a : b > 6 ? 100 : -100;
  printf("%d %d\n", m, mm);
  const char *t = a & 1 ? "odd" : "even";
  printf("%s\n", t);
  double dv = a > 3 ? 1 : 2.5;
  printf("%g\n", dv);
  int cnt = 0;
  for (;;) { if (++cnt == 5) break; }
  printf("%d\n", cnt);
  int w = 3;
  while (w --> 0) printf("w%d ", w);
  printf("\n");
  int z = 0;
  if (z++ || z++ || z++) printf("or %d\n", z);
  z = 0;
  if (z++ && z++) printf("never\n");
  printf("and %d\n", z);
  switch (9) { }
  switch (2) { case 1: printf("one\n"); }
  switch (2) default: printf("lonely default\n");
  return 0;
}
