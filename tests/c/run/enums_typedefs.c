#include <stdio.h>
#include <stdint.h>
#include <stdbool.h>
enum Color { RED, GREEN = 5, BLUE };
typedef enum { LOW = -1, HIGH = 1 } Level;
typedef unsigned int uint;
typedef int Vec[3];
int main(void) {
  enum Color c = BLUE;
  Level l = LOW;
  printf("%d %d %d %d\n", RED, GREEN, c, l);
  uint u = 3;
  Vec v = {1, 2, 3};
  printf("%u %d %zu\n", u, v[2], sizeof(Vec));
  int8_t a = -128; uint8_t b = 200; int16_t s = -1; uint16_t us = 65535; int32_t i = -7; uint32_t ui = 7; int64_t L = -1; uint64_t UL = 1;
  printf("%d %d %d %d %d %u %ld %lu\n", a, b, s, us, i, ui, L, UL);
  bool t = true, f = false;
  bool x = 42;
  printf("%d %d %d %zu\n", t, f, x, sizeof(bool));
  printf("%zu %zu %zu %zu %zu %zu %zu\n", sizeof(char), sizeof(short), sizeof(int), sizeof(long), sizeof(long long), sizeof(float), sizeof(void *));
  return 0;
}
