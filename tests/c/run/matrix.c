#include <stdio.h>
#include <math.h>
#define N 6
typedef double Mat[N][N];
static void identity(Mat m) { for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) m[i][j] = i == j; }
static void mul(Mat a, Mat b, Mat out) {
  Mat t;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      double s = 0;
      for (int k = 0; k < N; k++) s += a[i][k] * b[k][j];
      t[i][j] = s;
    }
  for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) out[i][j] = t[i][j];
}
static double det(Mat in) {
  Mat a;
  for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) a[i][j] = in[i][j];
  double d = 1;
  for (int c = 0; c < N; c++) {
    int p = c;
    for (int r = c + 1; r < N; r++) if (fabs(a[r][c]) > fabs(a[p][c])) p = r;
    if (a[p][c] == 0) return 0;
    if (p != c) { for (int k = 0; k < N; k++) { double t = a[c][k]; a[c][k] = a[p][k]; a[p][k] = t; } d = -d; }
    d *= a[c][c];
    for (int r = c + 1; r < N; r++) {
      double f = a[r][c] / a[c][c];
      for (int k = c; k < N; k++) a[r][k] -= f * a[c][k];
    }
  }
  return d;
}
static void print(const char *name, Mat m) {
  printf("%s\n", name);
  for (int i = 0; i < N; i++) { for (int j = 0; j < N; j++) printf("%9.3f", m[i][j]); printf("\n"); }
}
int main(void) {
  Mat a, b, c;
  for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { a[i][j] = (i * 7 + j * 3) % 5 - 2 + (i == j) * 4; b[i][j] = 1.0 / (i + j + 1); }
  print("a", a);
  mul(a, b, c);
  print("a*b", c);
  printf("det a %.6f det b %.6e\n", det(a), det(b));
  Mat p;
  identity(p);
  for (int k = 0; k < 5; k++) mul(p, a, p);
  print("a^5", p);
  long im[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 10}}, tr[3][3];
  for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) tr[j][i] = im[i][j];
  for (int i = 0; i < 3; i++) printf("%ld %ld %ld\n", tr[i][0], tr[i][1], tr[i][2]);
  return 0;
}
