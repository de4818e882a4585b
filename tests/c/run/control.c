#include <stdio.h>
int main(void) {
  int i, sum = 0;
  for (i = 0; i < 100; i++) {
    if (i % 3 == 0) continue;
    if (i > 50) break;
    sum += i;
  }
  printf("sum=%d\n", sum);
  int n = 10;
  while (n > 0) { n -= 3; }
  printf("n=%d\n", n);
  do { n++; } while (n < 5);
  printf("n=%d\n", n);
  for (int j = 0, k = 10; j < k; j++, k--) printf("%d-%d ", j, k);
  printf("\n");
  int x = 5;
  printf("%s\n", x > 3 ? "big" : "small");
  int y = (x > 3) && (x < 10) || (x == 0);
  printf("%d\n", y);
  int z = 0;
  if (z != 0 && 10 / z > 1) printf("no\n"); else printf("short-circuit ok\n");
  int w = (1, 2, 3);
  printf("%d\n", w);
  for (;;) { if (++z > 3) break; }
  printf("z=%d\n", z);
  int count = 0;
  i = 0;
  while (1) { i++; if (i & 1) continue; count++; if (i > 20) break; }
  printf("count=%d\n", count);
  return 0;
}
