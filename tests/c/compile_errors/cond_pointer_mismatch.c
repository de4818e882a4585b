/* error-line: 5 */
int main(void) {
  int i = 1;
  double d = 2;
  void *p = i > 0 ? &i : &d;
  return p != 0;
}
