/* error-line: 5 */
int main(void) {
  int x = 0;
  switch (x) {
    case 0: continue;
  }
  return 0;
}
