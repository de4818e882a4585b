/* error-line: 7 */
/* error-match: label 'finish' used but not defined */
int main(void) {
  int n = 0;
  while (n < 10) {
    n++;
    if (n == 3) goto finish;
  }
  return n;
}
