/* error-line: 3 */
int main(void) {
  char c = '\x141';
  return c;
}
