/* The float forms of <math.h>, called directly and through pointers, on values
   the compiler cannot fold: glibc's float functions are not always the double
   function rounded to float (tanhf, log10f, acoshf of these inputs). */
#include <math.h>
#include <stdio.h>

typedef float (*F1)(float);
typedef float (*F2)(float, float);

int main(void) {
  volatile float a = 0.7f, b = 1.5f, h = 0.5f, big = 1e30f;
  int e;
  float ip;
  { F1 p = sqrtf; printf("sqrtf %.9g %.9g\n", (double)sqrtf(a), (double)p(b)); }
  { F1 p = fabsf; printf("fabsf %.9g %.9g\n", (double)fabsf(a), (double)p(b)); }
  { F1 p = floorf; printf("floorf %.9g %.9g\n", (double)floorf(a), (double)p(b)); }
  { F1 p = ceilf; printf("ceilf %.9g %.9g\n", (double)ceilf(a), (double)p(b)); }
  { F1 p = roundf; printf("roundf %.9g %.9g\n", (double)roundf(a), (double)p(b)); }
  { F1 p = truncf; printf("truncf %.9g %.9g\n", (double)truncf(a), (double)p(b)); }
  { F1 p = rintf; printf("rintf %.9g %.9g\n", (double)rintf(a), (double)p(b)); }
  { F1 p = nearbyintf; printf("nearbyintf %.9g %.9g\n", (double)nearbyintf(a), (double)p(b)); }
  { F1 p = sinf; printf("sinf %.9g %.9g\n", (double)sinf(a), (double)p(b)); }
  { F1 p = cosf; printf("cosf %.9g %.9g\n", (double)cosf(a), (double)p(b)); }
  { F1 p = tanf; printf("tanf %.9g %.9g\n", (double)tanf(a), (double)p(b)); }
  { F1 p = asinf; printf("asinf %.9g %.9g\n", (double)asinf(h), (double)p(b)); }
  { F1 p = acosf; printf("acosf %.9g %.9g\n", (double)acosf(h), (double)p(b)); }
  { F1 p = atanf; printf("atanf %.9g %.9g\n", (double)atanf(a), (double)p(b)); }
  { F1 p = sinhf; printf("sinhf %.9g %.9g\n", (double)sinhf(a), (double)p(b)); }
  { F1 p = coshf; printf("coshf %.9g %.9g\n", (double)coshf(a), (double)p(b)); }
  { F1 p = tanhf; printf("tanhf %.9g %.9g\n", (double)tanhf(a), (double)p(b)); }
  { F1 p = asinhf; printf("asinhf %.9g %.9g\n", (double)asinhf(a), (double)p(b)); }
  { F1 p = acoshf; printf("acoshf %.9g %.9g\n", (double)acoshf(b), (double)p(b)); }
  { F1 p = atanhf; printf("atanhf %.9g %.9g\n", (double)atanhf(h), (double)p(b)); }
  { F1 p = expf; printf("expf %.9g %.9g\n", (double)expf(a), (double)p(b)); }
  { F1 p = exp2f; printf("exp2f %.9g %.9g\n", (double)exp2f(a), (double)p(b)); }
  { F1 p = expm1f; printf("expm1f %.9g %.9g\n", (double)expm1f(a), (double)p(b)); }
  { F1 p = logf; printf("logf %.9g %.9g\n", (double)logf(a), (double)p(b)); }
  { F1 p = log10f; printf("log10f %.9g %.9g\n", (double)log10f(a), (double)p(b)); }
  { F1 p = log2f; printf("log2f %.9g %.9g\n", (double)log2f(a), (double)p(b)); }
  { F1 p = log1pf; printf("log1pf %.9g %.9g\n", (double)log1pf(a), (double)p(b)); }
  { F1 p = cbrtf; printf("cbrtf %.9g %.9g\n", (double)cbrtf(a), (double)p(b)); }
  { F1 p = erff; printf("erff %.9g %.9g\n", (double)erff(a), (double)p(b)); }
  { F1 p = erfcf; printf("erfcf %.9g %.9g\n", (double)erfcf(a), (double)p(b)); }
  { F1 p = tgammaf; printf("tgammaf %.9g %.9g\n", (double)tgammaf(a), (double)p(b)); }
  { F1 p = lgammaf; printf("lgammaf %.9g %.9g\n", (double)lgammaf(a), (double)p(b)); }
  { F2 p = powf; printf("powf %.9g %.9g\n", (double)powf(a, b), (double)p(b, a)); }
  { F2 p = atan2f; printf("atan2f %.9g %.9g\n", (double)atan2f(a, b), (double)p(b, a)); }
  { F2 p = hypotf; printf("hypotf %.9g %.9g\n", (double)hypotf(a, b), (double)p(b, a)); }
  { F2 p = fmodf; printf("fmodf %.9g %.9g\n", (double)fmodf(a, b), (double)p(b, a)); }
  { F2 p = remainderf; printf("remainderf %.9g %.9g\n", (double)remainderf(a, b), (double)p(b, a)); }
  { F2 p = fminf; printf("fminf %.9g %.9g\n", (double)fminf(a, b), (double)p(b, a)); }
  { F2 p = fmaxf; printf("fmaxf %.9g %.9g\n", (double)fmaxf(a, b), (double)p(b, a)); }
  { F2 p = fdimf; printf("fdimf %.9g %.9g\n", (double)fdimf(a, b), (double)p(b, a)); }
  { F2 p = copysignf; printf("copysignf %.9g %.9g\n", (double)copysignf(a, b), (double)p(b, a)); }
  { F2 p = nextafterf; printf("nextafterf %.9g %.9g\n", (double)nextafterf(a, b), (double)p(b, a)); }
  { float (*p)(float, float, float) = fmaf; printf("fmaf %.9g %.9g\n", (double)fmaf(a, b, h), (double)p(big, big, -big)); }
  { long (*p)(float) = lroundf; printf("lroundf %ld %ld\n", lroundf(b), p(-b)); }
  { long long (*p)(float) = llrintf; printf("llrintf %lld %lld\n", llrintf(b), p(-b)); }
  printf("lrintf %ld llroundf %lld\n", lrintf(h), llroundf(h));
  { float (*p)(float, int) = ldexpf; printf("ldexpf %.9g %.9g\n", (double)ldexpf(a, 3), (double)p(a, -130)); }
  printf("scalbnf %.9g\n", (double)scalbnf(b, 4));
  { float (*p)(float, int *) = frexpf; float m = p(b, &e); printf("frexpf %.9g %d\n", (double)m, e); }
  { float (*p)(float, float *) = modff; float fr = p(-b, &ip); printf("modff %.9g %.9g\n", (double)fr, (double)ip); }
  printf("nextafterf %.9g %.9g %.9g\n", (double)nextafterf(a, 1.0f), (double)nextafterf(a, 0.0f), (double)nextafterf(0.0f, -1.0f));
  printf("nan %f %f %f %d\n", nan(""), (double)nanf(""), NAN, isnan(nan("")));
  printf("logb %g %g %g ilogb %d %d\n", logb(a), logb(1024.0), logb(0.0), ilogb(b), ilogb(1e-310));
  { double (*p)(double, long) = scalbln; printf("scalbln %g\n", p(b, 10L)); }
  return 0;
}
