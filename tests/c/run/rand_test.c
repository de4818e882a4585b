#include <stdio.h>
#include <stdlib.h>
int main(void) {
  srand(42);
  for (int i = 0; i < 5; i++) printf("%d\n", rand());
  srand(1);
  int hist[6] = {0};
  for (int i = 0; i < 6000; i++) hist[rand() % 6]++;
  for (int i = 0; i < 6; i++) printf("%d ", hist[i]);
  printf("\n%d\n", RAND_MAX);
  return 0;
}
