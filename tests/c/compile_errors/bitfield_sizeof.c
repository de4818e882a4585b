/* error-line: 9 */
/* error-match: 'sizeof' applied to a bit-field */
struct flags {
  unsigned mode : 3;
};

int main(void) {
  struct flags f = {0};
  return (int)sizeof f.mode;
}
