#include <stdio.h>
const int LIMIT = 5;
static const double RATE = 0.25;
int total(const int *v, int n) { int s = 0; for (int i = 0; i < n; i++) s += v[i]; return s; }
int main(void) {
  const int local = 3;
  int arr[] = {1, 2, 3, 4, 5};
  const char *msg = "constant";
  msg = "changed pointer";
  printf("%d %d %.2f %d %s\n", LIMIT, local, RATE, total(arr, 5), msg);
  return 0;
}
