#include <stdio.h>
#include <stddef.h>
int grid[3][4];
int sum_rows(int (*rows)[4], int n) {
  int s = 0;
  for (int i = 0; i < n; i++) for (int j = 0; j < 4; j++) s += rows[i][j];
  return s;
}
void fill(int *p, int n, int v) { for (int *e = p + n; p < e; p++) *p = v++; }
void swap(int **a, int **b) { int *t = *a; *a = *b; *b = t; }
int main(void) {
  for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) grid[i][j] = i * 10 + j;
  int (*row)[4] = grid;
  printf("%d %d %d\n", row[1][2], (*(row + 2))[3], *(*(grid + 1) + 1));
  printf("%d\n", sum_rows(grid, 3));
  printf("%d\n", sum_rows(grid + 1, 2));
  int (*pa)[3][4] = &grid;
  printf("%d %zu %zu\n", (*pa)[2][1], sizeof *pa, sizeof(*row));
  int a[10];
  fill(a, 10, 100);
  int *p = a, *q = &a[9];
  printf("%td %td %d %d\n", q - p, p - q, *q, q[-3]);
  printf("%d %d %d %d\n", p < q, p > q, p <= p, p != q);
  ptrdiff_t d = &a[7] - &a[2];
  printf("%td\n", d);
  int *mid = a + 5;
  int m1 = *mid++;
  int m2 = *mid;
  int m3 = *--mid;
  printf("%d %d %d\n", m1, m2, m3);
  printf("%d\n", 3[a]);
  int x = 1, y = 2, *px = &x, *py = &y;
  swap(&px, &py);
  printf("%d %d\n", *px, *py);
  int **pp = &px;
  **pp = 50;
  printf("%d %d\n", y, **pp);
  char s[] = "pointer";
  char *c = s;
  while (*c) c++;
  printf("%td\n", c - s);
  for (char *r = c - 1; r >= s; r--) putchar(*r);
  putchar('\n');
  void *vp = a;
  int *ip = vp;
  printf("%d\n", ip[4]);
  const char *strs[] = {"alpha", "beta", "gamma"};
  const char **sp = strs;
  printf("%s %c %c\n", *(sp + 1), **sp, *(*(sp + 2) + 1));
  int *np = NULL;
  printf("%d %d\n", np == 0, !np);
  long addr_diff = (char *)&a[1] - (char *)&a[0];
  printf("%ld\n", addr_diff);
  struct { int k; double v; } recs[3] = {{1, 1.5}, {2, 2.5}, {3, 3.5}}, *rp = recs;
  rp += 2;
  printf("%d %.1f %td\n", rp->k, (rp - 1)->v, rp - recs);
  return 0;
}
