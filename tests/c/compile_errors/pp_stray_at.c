/* error-line: 7 */
/* A character that is no token is an error where it reaches the program. */
#if 0
  @ ignored in a skipped group
#endif
int main(void) {
  int x = 1 @ 2;
  return x;
}
