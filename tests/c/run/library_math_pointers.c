/* Every double function of <math.h>, called directly and through a pointer. */
#include <math.h>
#include <stdio.h>

typedef double (*F1)(double);
typedef double (*F2)(double, double);

int main(void) {
  volatile double x = 0.7, b = 1.5, h = 0.5;
  { F1 p = sqrt; printf("sqrt %.17g %.17g\n", sqrt(x), p(b)); }
  { F1 p = fabs; printf("fabs %.17g %.17g\n", fabs(x), p(b)); }
  { F1 p = floor; printf("floor %.17g %.17g\n", floor(x), p(b)); }
  { F1 p = ceil; printf("ceil %.17g %.17g\n", ceil(x), p(b)); }
  { F1 p = round; printf("round %.17g %.17g\n", round(x), p(b)); }
  { F1 p = trunc; printf("trunc %.17g %.17g\n", trunc(x), p(b)); }
  { F1 p = rint; printf("rint %.17g %.17g\n", rint(x), p(b)); }
  { F1 p = nearbyint; printf("nearbyint %.17g %.17g\n", nearbyint(x), p(b)); }
  { F1 p = sin; printf("sin %.17g %.17g\n", sin(x), p(b)); }
  { F1 p = cos; printf("cos %.17g %.17g\n", cos(x), p(b)); }
  { F1 p = tan; printf("tan %.17g %.17g\n", tan(x), p(b)); }
  { F1 p = asin; printf("asin %.17g %.17g\n", asin(h), p(b)); }
  { F1 p = acos; printf("acos %.17g %.17g\n", acos(h), p(b)); }
  { F1 p = atan; printf("atan %.17g %.17g\n", atan(x), p(b)); }
  { F1 p = sinh; printf("sinh %.17g %.17g\n", sinh(x), p(b)); }
  { F1 p = cosh; printf("cosh %.17g %.17g\n", cosh(x), p(b)); }
  { F1 p = tanh; printf("tanh %.17g %.17g\n", tanh(x), p(b)); }
  { F1 p = asinh; printf("asinh %.17g %.17g\n", asinh(x), p(b)); }
  { F1 p = acosh; printf("acosh %.17g %.17g\n", acosh(b), p(b)); }
  { F1 p = atanh; printf("atanh %.17g %.17g\n", atanh(h), p(b)); }
  { F1 p = exp; printf("exp %.17g %.17g\n", exp(x), p(b)); }
  { F1 p = exp2; printf("exp2 %.17g %.17g\n", exp2(x), p(b)); }
  { F1 p = expm1; printf("expm1 %.17g %.17g\n", expm1(x), p(b)); }
  { F1 p = log; printf("log %.17g %.17g\n", log(x), p(b)); }
  { F1 p = log10; printf("log10 %.17g %.17g\n", log10(x), p(b)); }
  { F1 p = log2; printf("log2 %.17g %.17g\n", log2(x), p(b)); }
  { F1 p = log1p; printf("log1p %.17g %.17g\n", log1p(x), p(b)); }
  { F1 p = cbrt; printf("cbrt %.17g %.17g\n", cbrt(x), p(b)); }
  { F1 p = erf; printf("erf %.17g %.17g\n", erf(x), p(b)); }
  { F1 p = erfc; printf("erfc %.17g %.17g\n", erfc(x), p(b)); }
  { F1 p = tgamma; printf("tgamma %.17g %.17g\n", tgamma(x), p(b)); }
  { F1 p = lgamma; printf("lgamma %.17g %.17g\n", lgamma(x), p(b)); }
  { F1 p = logb; printf("logb %.17g %.17g\n", logb(x), p(b)); }
  { F2 p = pow; printf("pow %.17g %.17g\n", pow(x, b), p(b, x)); }
  { F2 p = atan2; printf("atan2 %.17g %.17g\n", atan2(x, b), p(b, x)); }
  { F2 p = hypot; printf("hypot %.17g %.17g\n", hypot(x, b), p(b, x)); }
  { F2 p = fmod; printf("fmod %.17g %.17g\n", fmod(x, b), p(b, x)); }
  { F2 p = remainder; printf("remainder %.17g %.17g\n", remainder(x, b), p(b, x)); }
  { F2 p = fmin; printf("fmin %.17g %.17g\n", fmin(x, b), p(b, x)); }
  { F2 p = fmax; printf("fmax %.17g %.17g\n", fmax(x, b), p(b, x)); }
  { F2 p = fdim; printf("fdim %.17g %.17g\n", fdim(x, b), p(b, x)); }
  { F2 p = copysign; printf("copysign %.17g %.17g\n", copysign(x, b), p(b, x)); }
  { F2 p = nextafter; printf("nextafter %.17g %.17g\n", nextafter(x, b), p(b, x)); }
  { double (*p)(double, double, double) = fma; printf("fma %.17g %.17g\n", fma(x, b, h), p(x, x, -h)); }
  { long (*p)(double) = lround; printf("lround %ld %ld\n", lround(b), p(-b)); }
  { long long (*p)(double) = llround; printf("llround %lld %lld\n", llround(b), p(-b)); }
  { long (*p)(double) = lrint; printf("lrint %ld %ld\n", lrint(b), p(h)); }
  { long long (*p)(double) = llrint; printf("llrint %lld %lld\n", llrint(b), p(-b)); }
  { double (*p)(double, int) = ldexp; printf("ldexp %g %g\n", ldexp(x, 3), p(x, 4)); }
  { double (*p)(double, int) = scalbn; printf("scalbn %g %g\n", scalbn(x, 3), p(x, -4)); }
  { int e1, e2; double (*p)(double, int *) = frexp; double m1 = frexp(x, &e1), m2 = p(b * 8, &e2); printf("frexp %g %d %g %d\n", m1, e1, m2, e2); }
  { double i1, i2; double (*p)(double, double *) = modf; double f1 = modf(b, &i1), f2 = p(-b, &i2); printf("modf %g %g %g %g\n", f1, i1, f2, i2); }
  { int (*p)(double) = ilogb; printf("ilogb %d %d\n", ilogb(x), p(b * 1000)); }
  { double (*p)(const char *) = nan; printf("nan %f %f\n", nan(""), p("1")); }
  return 0;
}
