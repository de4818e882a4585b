#include <stdio.h>
typedef int T;
typedef struct node { int v; struct node *next; } Node;
typedef int (*binop)(int, int);
typedef char Name[16];
static int add(int a, int b) { return a + b; }
int f(T x) {
  T T = x * 2;
  return T + 1;
}
int main(void) {
  T a = 3;
  {
    int T = 5;
    int b = T * a;
    printf("%d\n", b);
  }
  T c = 4;
  printf("%d %d\n", c, f(10));
  {
    typedef double T;
    T d = 2.5;
    printf("%.1f\n", d);
  }
  T e = 7;
  printf("%d %zu\n", e, sizeof(T));
  Node n2 = {2, 0}, n1 = {1, &n2};
  for (Node *p = &n1; p; p = p->next) printf("node %d\n", p->v);
  binop op = add;
  printf("%d\n", op(3, 4));
  Name nm = "dvm";
  printf("%s %zu\n", nm, sizeof(Name));
  for (int Node = 0; Node < 2; Node++) printf("loop %d\n", Node);
  Node after = {9, 0};
  printf("%d\n", after.v);
  return 0;
}
