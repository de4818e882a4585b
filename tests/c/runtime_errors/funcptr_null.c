/* runtime-error: 4: null function pointer */
int main(void) {
  int (*f)(int) = 0;
  return f(1);
}
