/* error-line: 9 */
/* error-match: void value not ignored */
/* Unary * applied to the result of a function returning void: an error, not a crash. */
void tick(void) {}

int main(void) {
  int n = 1;
  n++;
  *  tick();
  return n;
}
