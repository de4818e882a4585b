/* error-line: 3 */
int main(void) {
  int a[3] = {};
  return a[0];
}
