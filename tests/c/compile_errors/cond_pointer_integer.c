/* error-line: 4 */
int main(void) {
  int i = 1;
  int *p = i > 0 ? &i : 5;
  return p != 0;
}
