#include <stdio.h>
int counter;
int table[5] = {1, 2, 3};
double pi = 3.14159;
const char *greeting = "hi there";
char letters[] = "xyz";
struct Pair { int a; const char *b; } pairs[] = {{1, "one"}, {2, "two"}};
int *ptr = &table[2];
static int hidden = 7;
long big = 1L << 40;
int matrix[2][3] = {{1, 2, 3}, {4, 5, 6}};
void bump(void) { counter++; }
int next_id(void) { static int id = 100; return id++; }
int main(void) {
  bump(); bump();
  printf("%d\n", counter);
  printf("%d %d %d\n", table[0], table[2], table[4]);
  printf("%.5f %s %s\n", pi, greeting, letters);
  printf("%d %s %d %s\n", pairs[0].a, pairs[0].b, pairs[1].a, pairs[1].b);
  printf("%d %d %ld\n", *ptr, hidden, big);
  int i1 = next_id(), i2 = next_id(), i3 = next_id();
  printf("%d %d %d\n", i1, i2, i3);
  printf("%d\n", matrix[1][2]);
  printf("%zu %zu\n", sizeof table, sizeof pairs);
  return 0;
}
