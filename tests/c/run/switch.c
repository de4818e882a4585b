#include <stdio.h>
const char *name(int d) {
  switch (d) {
    case 0: return "zero";
    case 1: return "one";
    case 2: case 3: return "two or three";
    default: return "many";
  }
}
int main(void) {
  for (int i = 0; i < 6; i++) printf("%d %s\n", i, name(i));
  int total = 0;
  for (int i = 0; i < 5; i++) {
    switch (i) {
      case 1: total += 1;
      case 2: total += 10;
        break;
      case 4: { total += 100; break; }
      default: total += 1000;
    }
  }
  printf("%d\n", total);
  char c = 'b';
  switch (c) { case 'a': puts("a"); break; case 'b': puts("b"); break; }
  switch (7) { default: puts("only default"); }
  return 0;
}
