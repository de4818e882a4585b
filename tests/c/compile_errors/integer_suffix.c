/* error-line: 3 */
int main(void) {
  long n = 12lul;
  return (int)n;
}
