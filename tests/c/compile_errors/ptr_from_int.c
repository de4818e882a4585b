/* error-line: 4 */
int main(void) {
  int x = 5;
  int *p = x;
  return *p;
}
