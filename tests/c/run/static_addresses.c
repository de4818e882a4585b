/* Address constants in static initializers (C11 6.6p9), offsetof as an
   integer constant expression, __func__, a braced string initializer and
   gcc's alternate keyword spellings. */
#include <stddef.h>
#include <stdio.h>

struct inner { int a[4]; };
struct outer { int x; int y; struct inner in; const char *name; };
struct outer gs = {1, 2, {{5, 6, 7, 8}}, "gs"};
int grid[4][5];
struct tagged { int n; char label[8]; } gt = {3, "hey"};

int *member_address = &gs.y;
int *element_address = &grid[2][3];
int *row = grid[1];
char *label = gt.label;
int *deep = &gs.in.a[2];
int *shifted = gs.in.a + 3;
int (*whole_row)[5] = &grid[3];
struct outer *self = &gs;
int *through_arrow = &(&gs)->x;
const char *tail = "abcdef" + 2;
char *label_end = &gt.label[1];
static int offsets[] = {offsetof(struct outer, y), offsetof(struct outer, in.a[2]), offsetof(struct outer, name)};
enum { INNER_AT = offsetof(struct outer, in) };
char sized_by_offset[offsetof(struct outer, in)];
char braced[] = {"braced"};
int *table[] = {&grid[0][0], &grid[1][1], &gs.x, 0};

static int counter(void) {
  static int calls;
  static int *mine = &calls;
  return ++*mine;
}

static const char *who(void) { return __func__; }

__inline__ static int twice(int v) { return 2 * v; }
static int unused_helper(void) __attribute__((unused));
static int unused_helper(void) { return 0; }

int main(void) {
  grid[2][3] = 42;
  grid[1][0] = 7;
  grid[3][0] = 9;
  grid[1][1] = 11;
  printf("%d %d %d %s %d %d %d %d %d\n", *member_address, *element_address, *row, label, *deep, *shifted,
         (*whole_row)[0], self->x, *through_arrow);
  printf("%s %s %s\n", tail, label_end, self->name);
  printf("%d %d %d %d %zu\n", offsets[0], offsets[1], offsets[2], INNER_AT, sizeof sized_by_offset);
  printf("%s %zu\n", braced, sizeof braced);
  printf("%d %d %d %d\n", *table[0], *table[1], *table[2], table[3] == 0);
  int first = counter();
  int second = counter();
  printf("%d %d\n", first, second);
  printf("%s %s %zu\n", who(), __func__, sizeof __func__);
  switch (INNER_AT) {
    case offsetof(struct outer, in): puts("case offsetof"); break;
    default: puts("default");
  }
  __volatile__ int v = 3;
  __signed__ char c = -2;
  const char *__restrict__ r = "r";
  __extension__ long e = 4;
  printf("%d %d %s %ld\n", twice(v), c, r, e);
  return 0;
}
