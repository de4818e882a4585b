/* error-line: 3 */
void f(const int *p) {
  *p = 5;
}
int main(void) { return 0; }
