/* error-line: 3 */
int main(void) {
  break;
  return 0;
}
