#include <stdio.h>
extern int counter;
extern int table[];
int next_id(void);
static int hidden = 5;
int counter = 10;
int table[4] = {1, 2, 3, 4};
int next_id(void) {
  static int id = 100;
  static int calls;
  calls++;
  return id++ + calls * 0;
}
int fib_memo(int n) {
  static long memo[50];
  if (n < 2) return n;
  if (memo[n]) return (int)memo[n];
  memo[n] = fib_memo(n - 1) + fib_memo(n - 2);
  return (int)memo[n];
}
static void bump(void) { hidden *= 2; counter++; }
const char *label(int k) {
  static char buf[16];
  sprintf(buf, "L%d", k);
  return buf;
}
int main(void) {
  for (int i = 0; i < 3; i++) printf("%d ", next_id());
  printf("\n");
  bump(); bump();
  printf("%d %d\n", hidden, counter);
  printf("%d %d\n", fib_memo(40), fib_memo(45));
  extern int table[];
  table[2] += 10;
  printf("%d\n", table[2]);
  {
    static int blockstatic = 1;
    blockstatic++;
    printf("%d\n", blockstatic);
  }
  for (int i = 0; i < 3; i++) {
    static int s;
    int automatic = 0;
    s += i;
    automatic += i;
    printf("%d %d\n", s, automatic);
  }
  printf("%s ", label(1));
  printf("%s\n", label(2));
  register int r = 3;
  auto int au = 4;
  printf("%d\n", r + au);
  return 0;
}
