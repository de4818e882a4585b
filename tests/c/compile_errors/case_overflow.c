/* error-line: 4 */
int main(void) {
  switch (1) {
  case 2147483647 + 1: return 1;
  }
  return 0;
}
