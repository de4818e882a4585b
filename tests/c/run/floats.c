#include <stdio.h>
#include <math.h>
int main(void) {
  double a = 1.5, b = 2.25;
  printf("%f %f %f %f\n", a + b, a - b, a * b, a / b);
  float f = 0.1f;
  float s = 0;
  for (int i = 0; i < 10; i++) s += f;
  printf("%.10f\n", s);
  double ds = 0;
  for (int i = 0; i < 10; i++) ds += 0.1;
  printf("%.17f\n", ds);
  printf("%f %f %f\n", sqrt(2.0), pow(2, 10), fabs(-3.5));
  printf("%f %f %f\n", floor(-2.5), ceil(2.1), fmod(7.5, 2));
  printf("%.6f %.6f %.6f %.6f\n", sin(1), cos(1), tan(1), atan(1));
  printf("%.6f %.6f %.6f\n", atan2(1, 2), exp(1), log(10));
  int i = (int)3.99;
  int j = (int)-3.99;
  printf("%d %d\n", i, j);
  double z = 0.0;
  printf("%f %f\n", 1.0 / z, -1.0 / z);
  printf("%d\n", 0.1 + 0.2 == 0.3);
  float g = 16777216.0f;
  g = g + 1.0f;
  printf("%.1f\n", g);
  printf("%f\n", (double)(float)3.14159265358979);
  long l = 1234567890123L;
  printf("%f\n", (double)l);
  unsigned long ul = 18446744073709551615UL;
  printf("%.0f\n", (double)ul);
  printf("%d\n", 5 / 2 * 2.0 == 4.0);
  return 0;
}
