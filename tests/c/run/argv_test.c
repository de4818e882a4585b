#include <stdio.h>
int main(int argc, char **argv) {
  printf("%d\n", argc);
  return argc > 5 ? 1 : 0;
}
