#include <stdio.h>
struct A { char c; int i; };
struct B { char c; double d; short s; };
struct C { char a, b, c; };
struct D { int x; struct C inner; long y; };
struct E { char name[5]; int *p; };
int main(void) {
  printf("%zu %zu %zu %zu %zu\n", sizeof(struct A), sizeof(struct B), sizeof(struct C), sizeof(struct D), sizeof(struct E));
  int arr[10];
  printf("%zu %zu\n", sizeof arr, sizeof arr / sizeof arr[0]);
  char *p;
  printf("%zu %zu %zu\n", sizeof p, sizeof *p, sizeof(int[4][5]));
  printf("%zu %zu\n", sizeof 'a', sizeof "hello");
  double m[3][7];
  printf("%zu %zu\n", sizeof m, sizeof m[0]);
  printf("%zu\n", sizeof(struct A[3]));
  return 0;
}
