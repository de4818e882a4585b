/* runtime-error: 3: division by zero */
int divide(int a, int b) {
  return a / b;
}
int main(void) {
  return divide(1, 0) + 0 * (1 / 1);
}
