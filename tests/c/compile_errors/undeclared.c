/* error-line: 4 */
int main(void) {
  int a = 1;
  return a + b;
}
