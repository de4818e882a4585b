#include <stdio.h>
#include <string.h>
int main(void) {
  int n;
  if (scanf("%d", &n) != 1) return 1;
  long total = 0;
  for (int i = 0; i < n; i++) {
    long x;
    scanf("%ld", &x);
    total += x;
  }
  printf("total %ld\n", total);
  double a, b;
  scanf("%lf %lf", &a, &b);
  printf("%.3f\n", a * b);
  char word[32];
  scanf("%s", word);
  printf("word [%s] %zu\n", word, strlen(word));
  char c;
  scanf(" %c", &c);
  printf("char [%c]\n", c);
  scanf("%c", &c);
  printf("raw [%d]\n", c);
  int k = getchar();
  printf("getchar %d\n", k);
  char line[64];
  while (fgets(line, sizeof line, stdin)) {
    size_t len = strlen(line);
    if (len && line[len - 1] == '\n') line[--len] = 0;
    printf("line [%s] %zu\n", line, len);
  }
  int r = scanf("%d", &n);
  printf("eof %d %d\n", r, getchar());
  return 0;
}
