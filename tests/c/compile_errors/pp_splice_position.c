/* error-line: 8 */
/* After a backslash-newline, a token is reported on the physical line where
   it starts. */
int main(void) {
  int x = 1\
2 + \
\
undecl\
ared;
  return x;
}
