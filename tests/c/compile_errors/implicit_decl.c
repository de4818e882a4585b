/* error-line: 3 */
int main(void) {
  return foo(3);
}
