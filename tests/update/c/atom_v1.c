/* Spins calling a() then b(): b's version must never be older than a's. */
#include <stdio.h>
int a(void) { return 1; }
int b(void) { return 1; }
int main(void) {
  long bad = 0, n = 0;
  int va, vb;
  printf("spinning\n"); fflush(stdout);
  do {
    va = a();
    vb = b();
    if (vb < va) bad++;
    n++;
  } while (va < 3);
  printf("bad=%ld\n", bad);
  return 0;
}
