#include <stdio.h>
void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }
int sum(const int *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i]; return s; }
int main(void) {
  int x = 3, y = 4;
  swap(&x, &y);
  printf("%d %d\n", x, y);
  int a[5] = {1, 2, 3, 4, 5};
  int *p = a;
  printf("%d %d %d\n", *p, *(p + 2), p[4]);
  p++;
  printf("%d %ld\n", *p, (long)(&a[4] - p));
  printf("%d\n", sum(a, 5));
  int **pp = &p;
  **pp = 20;
  printf("%d\n", a[1]);
  int *q = NULL;
  printf("%d\n", q == 0);
  printf("%d\n", p > a && p < a + 5);
  char s[] = "hello";
  char *c = s;
  while (*c) { *c = *c - 32; c++; }
  printf("%s %d\n", s, (int)(c - s));
  int m[3][4];
  for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) m[i][j] = i * 10 + j;
  int (*row)[4] = m;
  printf("%d %d\n", row[2][3], (*(row + 1))[2]);
  void *v = &x;
  printf("%d\n", *(int *)v);
  return 0;
}
