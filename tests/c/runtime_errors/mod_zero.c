/* runtime-error: 4: by zero */
int main(void) {
  int z = 0;
  return 7 % z;
}
