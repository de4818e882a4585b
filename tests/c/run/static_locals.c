#include <stdio.h>
int counter(void) { static int n; return ++n; }
int fibmemo(int k) { static long memo[50]; if (k < 2) return k; if (memo[k]) return (int)memo[k]; return (int)(memo[k] = fibmemo(k - 1) + fibmemo(k - 2)); }
int main(void) {
  for (int i = 0; i < 3; i++) printf("%d ", counter());
  printf("\n%d\n", fibmemo(40));
  return 0;
}
