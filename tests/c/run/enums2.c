#include <stdio.h>
enum dir { NORTH, EAST = 5, SOUTH, WEST = EAST * 3, UP = -2, DOWN };
typedef enum { LOW = 1, MID = LOW << 2, HIGH = MID | LOW } level;
enum { ANON_A = 10, ANON_B };
static const char *dir_name(enum dir d) {
  switch (d) {
    case NORTH: return "north";
    case EAST: return "east";
    case SOUTH: return "south";
    case WEST: return "west";
    default: return "vertical";
  }
}
int main(void) {
  printf("%d %d %d %d %d %d\n", NORTH, EAST, SOUTH, WEST, UP, DOWN);
  printf("%d %d %d %d %d\n", LOW, MID, HIGH, ANON_A, ANON_B);
  enum dir d = SOUTH;
  d++;
  printf("%d %s\n", d, dir_name(d));
  for (enum dir k = NORTH; k <= WEST; k += 5) printf("%s ", dir_name(k));
  printf("\n");
  level l = HIGH;
  printf("%d %zu\n", l & MID, sizeof(level));
  int arr[ANON_B];
  printf("%zu\n", sizeof arr / sizeof arr[0]);
  enum dir e = 100;
  printf("%d %s\n", e, dir_name(e));
  printf("%d\n", UP < NORTH);
  return 0;
}
