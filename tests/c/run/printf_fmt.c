#include <stdio.h>
int main(void) {
  printf("[%5d] [%-5d] [%05d] [%+d] [% d]\n", 42, 42, 42, 42, 42);
  printf("[%x] [%X] [%#x] [%o] [%#o]\n", 255, 255, 255, 8, 8);
  printf("[%ld] [%lu] [%lld] [%hd] [%hhd]\n", -5L, 5UL, 123456789012LL, (short)-3, (char)65);
  printf("[%f] [%.3f] [%10.2f] [%-10.2f] [%e] [%E] [%g] [%G]\n", 3.14159, 3.14159, 3.14159, 3.14159, 31415.9, 0.000314, 0.0001, 1e20);
  printf("[%s] [%10s] [%-10s] [%.2s]\n", "abc", "abc", "abc", "abc");
  printf("[%c] [%%] [%5c]\n", 'x', 'y');
  printf("[%*d] [%-*d] [%.*f]\n", 6, 7, 6, 7, 2, 2.71828);
  printf("[%g] [%g] [%g]\n", 100000.0, 1000000.0, 1.5);
  printf("[%.0f] [%.0f] [%.1f]\n", 0.5, 1.5, 0.05);
  printf("[%zu] [%u]\n", sizeof(int), 4000000000u);
  double d = 1.0 / 3.0;
  float f = 1.0f / 3.0f;
  printf("%.17g %.17g\n", d, f);
  printf("%d\n", printf("abc\n"));
  return 0;
}
