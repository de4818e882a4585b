#include <stdio.h>
#include <string.h>
struct Point { int x, y; };
typedef struct { char name[16]; int age; double score; } Person;
struct Point add(struct Point a, struct Point b) { struct Point r; r.x = a.x + b.x; r.y = a.y + b.y; return r; }
void grow(Person *p) { p->age++; p->score *= 1.5; }
struct Node { int v; struct Node *next; };
int main(void) {
  struct Point p = {1, 2}, q = {10, 20};
  struct Point r = add(p, q);
  printf("%d %d\n", r.x, r.y);
  Person a = {"alice", 30, 2.5};
  grow(&a);
  printf("%s %d %.2f\n", a.name, a.age, a.score);
  Person b = a;
  strcpy(b.name, "bob");
  printf("%s %s\n", a.name, b.name);
  struct Node n3 = {3, NULL}, n2 = {2, &n3}, n1 = {1, &n2};
  for (struct Node *n = &n1; n; n = n->next) printf("%d ", n->v);
  printf("\n");
  printf("%zu %zu %zu\n", sizeof(struct Point), sizeof(Person), sizeof(struct Node));
  struct { char c; double d; char e; } odd;
  printf("%zu\n", sizeof odd);
  Person arr[3];
  for (int i = 0; i < 3; i++) { arr[i].age = i * 10; }
  printf("%d\n", arr[2].age);
  struct Point pts[2] = {{1, 2}, {3, 4}};
  pts[0] = pts[1];
  printf("%d %d\n", pts[0].x, pts[0].y);
  return 0;
}
