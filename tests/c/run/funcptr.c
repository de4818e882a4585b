#include <stdio.h>
int add(int a, int b) { return a + b; }
int sub(int a, int b) { return a - b; }
int mul(int a, int b) { return a * b; }
typedef int (*binop)(int, int);
int apply(binop f, int a, int b) { return f(a, b); }
int (*pick(int i))(int, int) { return i ? add : sub; }
binop table[] = {add, sub, mul};
int main(void) {
  int (*ops[3])(int, int) = {add, sub, mul};
  for (int i = 0; i < 3; i++) printf("%d ", ops[i](7, 3));
  printf("\n");
  printf("%d %d\n", apply(mul, 6, 7), apply(&add, 1, 2));
  printf("%d %d\n", pick(1)(5, 5), pick(0)(5, 5));
  binop f = sub;
  printf("%d %d\n", f(10, 4), (*f)(10, 4));
  printf("%d\n", table[2](3, 3));
  printf("%d\n", f == sub);
  return 0;
}
