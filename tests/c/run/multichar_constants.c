/* Multi-character constants are ints of their last four characters, as gcc
   makes them (a fuzzed input made the compiler shift a signed value out of range). */
#include <stdio.h>
int main(void) {
  printf("%d %d %d %d\n", 'ab', 'abcd', 'abcde', '\xff\xfe\xfd\xfc\xfb');
  printf("%d %d\n", 'a', '\xff');
  return 0;
}
