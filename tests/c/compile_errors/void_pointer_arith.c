/* error-line: 5 */
int main(void) {
  int a[2] = {1, 2};
  void *p = a;
  p = p + 4;
  return *(int *)p;
}
