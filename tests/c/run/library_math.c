/* <math.h> beyond the basics: rounding, inverse and hyperbolic functions,
   logarithms, classification macros, the float forms and out-parameters. */
#include <float.h>
#include <math.h>
#include <stdio.h>

int main(void) {
  double xs[] = {-2.5, -0.5, 0.0, 0.4, 0.5, 1.5, 2.5, 1e10};
  for (int i = 0; i < 8; i++) {
    double x = xs[i];
    printf("%g: round %g trunc %g rint %g lround %ld floor %g ceil %g\n", x, round(x), trunc(x), rint(x), lround(x),
           floor(x), ceil(x));
  }
  printf("%.10f %.10f %.10f\n", asin(0.5), acos(0.5), atan2(1, -1));
  printf("%.10f %.10f %.10f\n", sinh(1), cosh(1), tanh(0.5));
  printf("%.10f %.10f %.10f\n", asinh(1), acosh(2), atanh(0.5));
  printf("%.10f %.10f %.10f %.10f\n", log10(2000), log2(1024), log1p(1e-10), expm1(1e-10));
  printf("%.10f %.10f %.10f\n", cbrt(27), hypot(3, 4), exp2(0.5));
  printf("%.10f %.10f %.10f %.10f\n", erf(0.5), erfc(0.5), tgamma(5.5), lgamma(10));
  printf("%g %g %g %g %g\n", fmod(7.5, 2), remainder(7.5, 2), fmin(1, NAN), fmax(-1, 2), fdim(5, 3));
  printf("%g %g %g\n", copysign(3, -0.0), nextafter(1, 2) - 1, fma(2, 3, 4));
  int e;
  double m = frexp(48.0, &e);
  double ip;
  double fp = modf(-3.75, &ip);
  printf("%g %d %g %g %g\n", m, e, ldexp(m, e), ip, fp);
  double z = 0.0;
  printf("%d %d %d %d\n", isinf(-1 / z), isinf(1 / z), isnan(z / z), isnan(1.0));
  printf("%d %d %d %d\n", signbit(-2.0), signbit(2.0), isfinite(1.0), isfinite(1 / z));
  printf("%d %d %d\n", fpclassify(0.0) == FP_ZERO, fpclassify(1.0) == FP_NORMAL, isnormal(DBL_MIN / 2));
  float f = 2.0f;
  printf("%.7f %.7f %.7f %.7f\n", sqrtf(f), sinf(f), powf(f, 0.5f), fabsf(-f));
  printf("%.7f %.7f %.7f\n", roundf(2.5f), floorf(-1.5f), atan2f(1.0f, 2.0f));
  printf("%g %g %d %d\n", DBL_EPSILON, FLT_MAX, DBL_DIG, FLT_MANT_DIG);
  printf("%.3f %.3f\n", HUGE_VAL, -INFINITY);
  return 0;
}
