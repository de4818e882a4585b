#include <stdio.h>
float accumulate(int n) {
  float s = 0.0f;
  for (int i = 1; i <= n; i++) s += 1.0f / (float)i;
  return s;
}
int main(void) {
  float a = 0.1f, b = 0.2f;
  float c = a + b;
  printf("%f %.10f %g %.9g\n", c, c, c, c);
  printf("%d\n", c == 0.3f);
  printf("%d\n", (double)c == 0.3);
  float x = 1.0f;
  for (int i = 0; i < 30; i++) x = x * 1.1f;
  printf("%.8f %.12g\n", x, x);
  printf("%.10f\n", accumulate(1000));
  double d = 0;
  for (int i = 1; i <= 1000; i++) d += 1.0 / i;
  printf("%.15f\n", d);
  float big = 16777216.0f;
  big = big + 1.0f;
  printf("%.1f\n", big);
  float q = 10.0f / 3.0f;
  printf("%.10f %.10f\n", q, q * 3.0f);
  int i = (int)(q * 100.0f);
  printf("%d\n", i);
  float neg = -7.9f;
  printf("%d %d\n", (int)neg, (int)-neg);
  unsigned u = (unsigned)3.99f;
  printf("%u\n", u);
  float m = 3.0f * 0.1f;
  double md = 3.0 * 0.1;
  printf("%.20f\n%.20f\n", m, md);
  printf("%zu %zu\n", sizeof(float), sizeof(a + b));
  printf("%zu\n", sizeof(a + 1.0));
  float arr[4] = {1.5f, 2.25f, -3.125f, 1e-3f};
  float sum = 0;
  for (int k = 0; k < 4; k++) sum += arr[k] * arr[k];
  printf("%g %e\n", sum, sum);
  float h = 1e30f;
  h = h * 1e10f;
  printf("%f\n", h);
  return 0;
}
