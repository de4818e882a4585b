/* error-line: 5 */
int main(void) {
  int x = 1;
  char *c;
  c = &x;
  return *c;
}
