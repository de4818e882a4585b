#include <stdio.h>
int main(void) {
  unsigned char a = 200, b = 100;
  int r = a + b;
  printf("%d\n", r);
  unsigned char c = a + b;
  printf("%d\n", c);
  short s = -1;
  unsigned short us = s;
  printf("%d %u\n", us, (unsigned)s);
  unsigned int u = 1;
  int i = -1;
  printf("%d\n", i < u);
  long l = -1;
  printf("%d\n", l < u);
  printf("%u\n", u - 2);
  printf("%lu\n", (unsigned long)i);
  char ch = -56;
  printf("%d %u\n", ch, (unsigned char)ch);
  printf("%d\n", (char)300);
  printf("%d\n", (short)70000);
  printf("%ld\n", 2147483647 + 1L);
  printf("%d\n", 3 / 2 * 2);
  printf("%u\n", -3 / 2u);
  printf("%d %d\n", -7 / 2, -7 % 2);
  printf("%lu\n", sizeof(a + b));
  return 0;
}
