/* error-line: 4 */
int main(void) {
  register int r = 3;
  int *p = &r;
  return *p;
}
