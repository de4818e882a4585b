/* A C service with structs, reals, strings and a runtime error. */
#include <stdio.h>
#include <string.h>
#include <dvm.h>
#pragma dvm service shapes
#pragma dvm export scale
#pragma dvm export tag
#pragma dvm export crash
struct point { long x; long y; double w; };
struct point scale(struct point p, long k) { p.x *= k; p.y *= k; p.w = p.w * 0.5; return p; }
long tag(const char *s, long n) { return (long)strlen(s) * 1000 + n; }
long crash(long d) { long z = 0; return d / z; }
int main(void) { dvm_serve(); return 0; }
