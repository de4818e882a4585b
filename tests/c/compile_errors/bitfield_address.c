/* error-line: 11 */
/* error-match: cannot take address of bit-field 'mode' */
struct flags {
  unsigned ready : 1;
  unsigned mode : 3;
};

int main(void) {
  struct flags f = {0};
  /* a bit-field has no address of its own */
  unsigned *p = &f.mode;
  return (int)*p;
}
