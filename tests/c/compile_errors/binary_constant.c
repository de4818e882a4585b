/* error-line: 3 */
int main(void) {
  int mask = 0b1010;
  return mask;
}
