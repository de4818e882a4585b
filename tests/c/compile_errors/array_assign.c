/* error-line: 5 */
int main(void) {
  int a[3] = {1, 2, 3};
  int b[3];
  b = a;
  return b[0];
}
