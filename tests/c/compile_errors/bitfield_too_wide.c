/* error-line: 5 */
/* error-match: width of 'count' exceeds its type */
struct counter {
  unsigned small : 8;
  unsigned count : 33;
};

int main(void) {
  struct counter c = {0};
  return (int)c.small;
}
