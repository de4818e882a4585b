#include <stdio.h>
int main(void) {
  int n;
  long big;
  double d;
  char word[32];
  char ch;
  if (scanf("%d %ld %lf %s %c", &n, &big, &d, word, &ch) != 5) return 1;
  printf("%d %ld %.3f %s %c\n", n, big, d, word, ch);
  int sum = 0, x;
  while (scanf("%d", &x) == 1) sum += x;
  printf("sum=%d\n", sum);
  return 0;
}
