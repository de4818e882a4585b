/* error-line: 6 */
struct a { int x; };
struct b { int x; };
int main(void) {
  struct a p = {1};
  struct b q = p;
  return q.x;
}
