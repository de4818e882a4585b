/* error-line: 3 */
int main(void) {
  char c = '';
  return c;
}
