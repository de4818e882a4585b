#include <stdio.h>
#include <limits.h>
int main(void) {
  int a = 17, b = 5;
  printf("%d %d %d %d %d\n", a + b, a - b, a * b, a / b, a % b);
  printf("%d %d\n", -a / b, -a % b);
  int big = INT_MAX;
  big = big + 1;
  printf("%d\n", big);
  unsigned u = 0;
  u = u - 1;
  printf("%u %x %o\n", u, u, 8u);
  long l = 1L << 40;
  printf("%ld\n", l);
  short s = 32767;
  s++;
  printf("%d\n", s);
  char c = 127;
  c = c + 1;
  printf("%d\n", c);
  unsigned char uc = 255;
  uc++;
  printf("%d\n", uc);
  printf("%d %d %d\n", 7 & 3, 7 | 8, 7 ^ 2);
  printf("%d %d\n", -16 >> 2, 1 << 10);
  printf("%u\n", 0xffffffffu >> 4);
  printf("%d\n", (int)(unsigned)-5 < 0);
  printf("%d\n", -1 < 0u);
  printf("%ld\n", (long)INT_MIN * 2);
  long long ll = 9223372036854775807LL;
  ll++;
  printf("%lld\n", ll);
  printf("%d\n", ~5);
  printf("%d %d\n", !0, !7);
  int x = 10;
  x += 5; x -= 2; x *= 3; x /= 2; x %= 7; x <<= 3; x >>= 1; x &= 0xff; x |= 1; x ^= 3;
  printf("%d\n", x);
  return 0;
}
