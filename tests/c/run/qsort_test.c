#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int cmp_int(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }
struct Rec { int key; int order; };
int cmp_rec(const void *a, const void *b) { return ((const struct Rec *)a)->key - ((const struct Rec *)b)->key; }
int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }
int main(void) {
  int a[] = {5, 3, 9, 1, 7, 2, 8, 6, 4, 0};
  qsort(a, 10, sizeof a[0], cmp_int);
  for (int i = 0; i < 10; i++) printf("%d ", a[i]);
  printf("\n");
  struct Rec r[8];
  for (int i = 0; i < 8; i++) { r[i].key = (i * 5) % 3; r[i].order = i; }
  qsort(r, 8, sizeof(struct Rec), cmp_rec);
  for (int i = 0; i < 8; i++) printf("%d/%d ", r[i].key, r[i].order);
  printf("\n");
  const char *w[] = {"pear", "apple", "fig", "banana"};
  qsort(w, 4, sizeof w[0], cmp_str);
  for (int i = 0; i < 4; i++) printf("%s ", w[i]);
  printf("\n");
  return 0;
}
