/* error-line: 5 */
struct P { int x; };
int main(void) {
  struct P p;
  p.y = 1;
  return 0;
}
