#include <stdio.h>
#include <limits.h>
enum { LIMIT = 5 };
long g_total;
int triangle(int n) { int s = 0; for (int i = 1; i <= n; i++) s += i; return s; }
int main(void) {
  for (int i = 0; i < 5; i++) printf("%d ", i);
  printf("\n");
  for (int i = 3; i < 3; i++) printf("never ");
  for (int i = 3; i <= 2; i++) printf("never ");
  for (int i = -3; i <= LIMIT; ++i) { if (i == 0) continue; if (i == 4) break; printf("%d ", i); }
  printf("\n");
  int n = 7;
  for (int i = 0; i < n; i++) { g_total += i * n; }
  printf("%ld\n", g_total);
  for (long i = INT_MAX - 2L; i <= INT_MAX + 2L; i++) printf("%ld ", i);
  printf("\n");
  for (int i = INT_MAX - 3; i < INT_MAX; i++) printf("%d ", i);
  printf("\n");
  for (int i = INT_MIN; i < INT_MIN + 2; i++) printf("%d ", i);
  printf("\n");
  char c = 4;
  for (int i = 0; i < c; i++) { c = 2; printf("c%d ", i); }
  printf("\n");
  for (int i = 0; i < 10; i++) { i += 2; printf("%d ", i); }
  printf("\n");
  int m = 3;
  for (int i = 0; i <= m; i++) for (int j = i; j < m; j++) printf("(%d,%d)", i, j);
  printf("\n");
  unsigned u = 3;
  for (int i = -1; i < u; i++) printf("unsigned compare never ");
  for (int i = 0; i < 3u; i++) printf("u%d ", i);
  printf("\n%d %d\n", triangle(100), triangle(0));
  long big = 0;
  for (long i = 0; i < 3000000000L; i += 1000000000L) big += i;
  printf("%ld\n", big);
  int k = 0;
  for (int i = 0; i < 5; i++) k = i;
  printf("%d\n", k);
  for (int i = 0, j = 10; i < j; i++) j--;
  int w = 0;
  for (int i = 0; i < 100; i++) { int i2 = i * i; if (i2 > 50) break; w = i2; }
  printf("%d\n", w);
  return 0;
}
