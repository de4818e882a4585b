/* An array bound that reads a local struct's member is not a constant
   expression: the array is variable-length (found by fuzzing: reading the
   member while testing for a constant used to crash the compiler). */
#include <stdio.h>

struct Shape { int rows, cols; };

int main(void) {
  struct Shape s = {3, 4};
  int cells[s.rows * s.cols];
  for (int i = 0; i < s.rows * s.cols; i++) cells[i] = i;
  printf("%zu %d\n", sizeof cells, cells[11]);
  return s.rows;
}
