/* Unions: members sharing their storage (size and alignment as gcc lays
   them out), type punning through a union, a tagged union inside a struct,
   initializers for the first or a designated member, and unions copied and
   passed by value. */
#include <stdio.h>
#include <string.h>

union Number {
  int i;
  double d;
  unsigned char bytes[8];
};

enum Kind { INT, REAL, TEXT };

struct Value {
  enum Kind kind;
  union {
    long n;
    double x;
    const char *s;
  } as;
};

static union Number global_number = {.d = -0.5};
static struct Value global_values[2] = {{TEXT, {.s = "static"}}, {INT, {7}}};

static void show(struct Value v) {
  switch (v.kind) {
    case INT: printf("int %ld\n", v.as.n); break;
    case REAL: printf("real %.2f\n", v.as.x); break;
    case TEXT: printf("text %s\n", v.as.s); break;
  }
}

static union Number twice(union Number u) {
  u.i *= 2;
  return u;
}

int main(void) {
  union Number u;
  printf("%zu %zu\n", sizeof u, _Alignof(union Number));
  u.d = 1.0;
  printf("%02x %02x\n", u.bytes[7], u.bytes[6]);
  u.i = 0x01020304;
  printf("%d %d\n", u.bytes[0], u.bytes[3]);
  union Number a = {5}, b = {.d = 2.5};
  printf("%d %.1f %d\n", a.i, b.d, twice(a).i);
  struct Value vals[] = {{INT, {.n = 42}}, {REAL, {.x = 3.25}}, {TEXT, {.s = "hi"}}};
  for (int k = 0; k < 3; k++) show(vals[k]);
  union Number c = a;
  memset(&a, 0, sizeof a);
  printf("%d %d %zu\n", c.i, a.i, sizeof(struct Value));
  printf("%.2f\n", global_number.d);
  show(global_values[0]);
  show(global_values[1]);
  return 0;
}
