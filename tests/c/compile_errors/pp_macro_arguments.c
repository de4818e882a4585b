/* error-line: 8 */
/* A function-like macro takes as many arguments as it has parameters; a
   variadic one at least one more. */
#define TWO(a, b) ((a) + (b))
#define LOG(fmt, ...) printf(fmt, __VA_ARGS__)
int main(void) {
  int x = TWO(1, 2);
  return TWO(x);
}
