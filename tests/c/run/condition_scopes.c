/* A selection or iteration statement is a block (C11 6.8.4p3, 6.8.5p5):
   a tag or enumeration constant its condition declares ends with it, and
   what a for loop's third clause declares is visible in the body. */
#include <stdio.h>

int in = 7;
struct pt { int x; };

int main(void) {
  int total = 0;
  if ((enum { in = 1 })0 == 0) total += in;
  total += in;
  switch ((enum { in = 2 })1) {
    case 1: total += in * 10;
  }
  total += in;
  while ((enum { in = 3 })0) {
  }
  total += in;
  do total += 1000; while ((enum { in = 4 })0);
  total += in;
  for (int i = 0; i < 3; i += (enum { STEP = 1 })0 + STEP) total += STEP * 100;
  for (int i = 0; i < 2; i += sizeof(struct pt { char c[2]; })) {
    struct pt p = {{'a', 'b'}};
    total += p.c[1];
  }
  struct pt q = {5};
  printf("%d %d\n", total, q.x);
  return 0;
}
