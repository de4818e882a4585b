#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct rec { int key; int seq; char name[8]; };
static int by_key(const void *a, const void *b) {
  const struct rec *x = a, *y = b;
  return (x->key > y->key) - (x->key < y->key);
}
static int by_name(const void *a, const void *b) { return strcmp(((const struct rec *)a)->name, ((const struct rec *)b)->name); }
static int desc_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? 1 : x > y ? -1 : 0;
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
int main(void) {
  struct rec r[40];
  srand(7);
  for (int i = 0; i < 40; i++) {
    r[i].key = rand() % 5;
    r[i].seq = i;
    sprintf(r[i].name, "n%02d", (i * 7) % 40);
  }
  qsort(r, 40, sizeof r[0], by_key);
  for (int i = 0; i < 40; i++) printf("%d:%d ", r[i].key, r[i].seq);
  printf("\n");
  qsort(r, 40, sizeof r[0], by_name);
  for (int i = 0; i < 40; i += 5) printf("%s ", r[i].name);
  printf("\n");
  double d[] = {3.5, -1, 2.25, 9, 0, 2.25};
  qsort(d, 6, sizeof d[0], desc_double);
  for (int i = 0; i < 6; i++) printf("%g ", d[i]);
  printf("\n");
  char *names[] = {"pear", "apple", "fig", "banana", "cherry"};
  qsort(names, 5, sizeof names[0], cmp_str);
  for (int i = 0; i < 5; i++) printf("%s ", names[i]);
  printf("\n");
  int one[1] = {4};
  qsort(one, 1, sizeof one[0], by_key);
  qsort(one, 0, sizeof one[0], by_key);
  printf("%d\n", one[0]);
  return 0;
}
