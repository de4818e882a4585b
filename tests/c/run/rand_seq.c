#include <stdio.h>
#include <stdlib.h>
int main(void) {
  for (int i = 0; i < 5; i++) printf("%d ", rand());
  printf("\n");
  unsigned seeds[] = {0, 1, 2, 42, 12345, 4294967295u};
  for (int s = 0; s < 6; s++) {
    srand(seeds[s]);
    for (int i = 0; i < 6; i++) printf("%d ", rand());
    printf("\n");
  }
  srand(99);
  int hist[10] = {0};
  for (int i = 0; i < 100000; i++) hist[rand() % 10]++;
  for (int i = 0; i < 10; i++) printf("%d ", hist[i]);
  printf("\n%d\n", RAND_MAX);
  srand(3);
  double acc = 0;
  for (int i = 0; i < 1000; i++) acc += (double)rand() / RAND_MAX;
  printf("%.6f\n", acc);
  return 0;
}
