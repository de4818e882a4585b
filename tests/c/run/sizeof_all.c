#include <stdio.h>
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
struct a { char c; };
struct b { char c; int i; };
struct c { char c; double d; char e; };
struct d { short s; char c[3]; };
struct e { struct c inner; char tail; };
struct f { int *p; char c; };
struct g { char c; long double_unused_name; };
struct h { float f; char c; };
struct arr { int a[5]; char b[3]; };
enum color { RED, GREEN, BLUE };
typedef int (*fp)(int);
int main(void) {
  printf("%zu %zu %zu %zu %zu %zu\n", sizeof(char), sizeof(short), sizeof(int), sizeof(long), sizeof(long long), sizeof(_Bool));
  printf("%zu %zu %zu %zu %zu\n", sizeof(float), sizeof(double), sizeof(void *), sizeof(char *), sizeof(fp));
  printf("%zu %zu %zu %zu\n", sizeof(int8_t), sizeof(int16_t), sizeof(uint32_t), sizeof(uint64_t));
  printf("%zu %zu %zu %zu\n", sizeof(size_t), sizeof(ptrdiff_t), sizeof(bool), sizeof(enum color));
  printf("%zu %zu %zu %zu %zu\n", sizeof(struct a), sizeof(struct b), sizeof(struct c), sizeof(struct d), sizeof(struct e));
  printf("%zu %zu %zu %zu\n", sizeof(struct f), sizeof(struct g), sizeof(struct h), sizeof(struct arr));
  printf("%zu %zu %zu\n", offsetof(struct c, d), offsetof(struct c, e), offsetof(struct e, tail));
  int x[7];
  double m[3][4];
  char s[] = "hello";
  printf("%zu %zu %zu %zu %zu\n", sizeof x, sizeof x[0], sizeof m, sizeof m[1], sizeof s);
  printf("%zu %zu %zu\n", sizeof "abc", sizeof 'a', sizeof 1.0f);
  printf("%zu %zu %zu %zu\n", sizeof 1, sizeof 1L, sizeof 1u, sizeof 1.0);
  char c = 0;
  short sh = 0;
  printf("%zu %zu %zu %zu\n", sizeof c, sizeof(c + c), sizeof(sh * 2L), sizeof(c ? 1 : 2.0));
  int *p = x;
  printf("%zu %zu %zu\n", sizeof p, sizeof *p, sizeof &x);
  int n = 0;
  size_t z = sizeof(n++);
  printf("%zu %d\n", z, n);
  printf("%zu\n", sizeof(struct { int a; char b; }[4]));
  printf("%zu %zu\n", _Alignof(double), _Alignof(struct c));
  printf("%d\n", (int)(sizeof x / sizeof *x));
  return 0;
}
