/* error-line: 3 */
int main(void) {
  double d = 2.0i;
  return (int)d;
}
