/* Variable-length arrays (C11 6.7.6.2, optional; gcc has them): locals sized at
   run time, several dimensions, sizeof evaluated, pointers to VLA rows,
   parameters whose bounds name earlier parameters, and a VLA in a loop
   body that break, continue and return leave (each block is freed: the run
   fits in 1 MiB of program memory). */
/* dvm-options: --memory=1M */
#include <stdio.h>
#include <stdlib.h>

static void fill(int rows, int cols, int m[rows][cols]) {
  for (int i = 0; i < rows; i++)
    for (int j = 0; j < cols; j++) m[i][j] = i * cols + j;
}

static long sum(int n, const int v[n]) {
  long s = 0;
  for (int i = 0; i < n; i++) s += v[i];
  return s;
}

static int last_of(int n) {
  int a[n];
  for (int i = 0; i < n; i++) a[i] = i;
  if (n > 3) return a[n - 1];
  return a[0];
}

static int trace(int n, int m[][n]) {
  int t = 0;
  for (int i = 0; i < n; i++) t += m[i][i];
  return t;
}

static long loop_of_vlas(void) {
  long s = 0;
  for (int i = 0; i < 200000; i++) {
    char buf[4096 + i % 7];
    buf[0] = (char)(i & 0x7f);
    s += buf[0];
    if (i % 3 == 0) continue;
    if (i == 199990) break;
    s += last_of(i % 10 + 1);
  }
  return s;
}

int main(void) {
  printf("%ld\n", loop_of_vlas());
  int n = 5;
  int a[n];
  for (int i = 0; i < n; i++) a[i] = i * i;
  printf("%zu %ld\n", sizeof a, sum(n, a));
  int rows = 3, cols = 4;
  int m[rows][cols];
  fill(rows, cols, m);
  printf("%zu %zu %d %d\n", sizeof m, sizeof m[0], m[2][3], m[1][2]);
  int (*p)[cols] = m;
  p++;
  printf("%d %td\n", (*p)[0], &m[2] - &m[0]);
  for (int k = 1; k <= 3; k++) {
    double buf[k * 2];
    for (int i = 0; i < k * 2; i++) buf[i] = i / 2.0;
    if (k == 2) continue;
    printf("k=%d last=%g size=%zu\n", k, buf[k * 2 - 1], sizeof buf);
  }
  int sq[4][4];
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++) sq[i][j] = i == j ? i + 1 : 0;
  printf("%d\n", trace(4, sq));
  printf("%zu\n", sizeof(char[n * 3]));
  return 0;
}
