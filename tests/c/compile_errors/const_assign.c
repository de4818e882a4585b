/* error-line: 4 */
int main(void) {
  const int x = 5;
  x = 6;
  return x;
}
