/* error-line: 5 */
int main(void) {
  int v = 1;
  const int *p = &v;
  *p = 2;
  return v;
}
