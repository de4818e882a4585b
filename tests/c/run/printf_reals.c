#include <stdio.h>
int main(void) {
  double vals[] = {0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1.0/3.0, 2.0/3.0, 3.14159265358979, 100.0, 123456.789,
                   1e-5, 1.5e-10, 9.999999, 99999.95, 1e15, 1.23456789e20, -2.5e-3, 0.000123456, 1e100, 5e-324, 1.7976931348623157e308,
                   0.05, 0.15, 0.25, 0.35, 2.5, 3.5, 1234567.0, 0.0009765625};
  int n = sizeof vals / sizeof vals[0];
  for (int i = 0; i < n; i++) {
    double v = vals[i];
    printf("%f|%.0f|%.1f|%.3f|%10.4f|%-12.2f|%+f|% f|%012.3f\n", v, v, v, v, v, v, v, v, v);
    printf("%e|%.0e|%.2e|%E|%12.3e|%-12.1e|%+e\n", v, v, v, v, v, v, v);
    printf("%g|%.0g|%.1g|%.3g|%.10g|%G|%12g|%-12g|%#g|%+g|%.17g\n", v, v, v, v, v, v, v, v, v, v, v);
  }
  printf("%#.0f|%#.0e|%#x\n", 3.0, 3.0, 0);
  printf("%*.*f|%-*.*e|\n", 10, 2, 3.14159, 12, 3, 2.71828);
  double inf = 1.0 / 0.0, nan = 0.0 / 0.0;
  printf("%f %e %g\n", inf, -inf, inf);
  printf("%5.1f %G\n", -inf, -inf);
  (void)nan;
  float f = 0.1f;
  printf("%f %.10f %g %.9g\n", f, f, f, f);
  float g = 16777217.0f;
  printf("%f %g\n", g, g);
  return 0;
}
