#include <stdio.h>
#include <stdlib.h>
#include <string.h>
typedef struct { int *data; size_t len, cap; } Vec;
void push(Vec *v, int x) {
  if (v->len == v->cap) {
    v->cap = v->cap ? v->cap * 2 : 2;
    v->data = realloc(v->data, v->cap * sizeof *v->data);
  }
  v->data[v->len++] = x;
}
char *dup(const char *s) {
  char *p = malloc(strlen(s) + 1);
  strcpy(p, s);
  return p;
}
int main(void) {
  Vec v = {NULL, 0, 0};
  for (int i = 0; i < 100; i++) push(&v, i * i);
  long sum = 0;
  for (size_t i = 0; i < v.len; i++) sum += v.data[i];
  printf("%zu %zu %ld\n", v.len, v.cap, sum);
  free(v.data);
  int *z = calloc(10, sizeof(int));
  int allzero = 1;
  for (int i = 0; i < 10; i++) if (z[i]) allzero = 0;
  printf("%d\n", allzero);
  z = realloc(z, 20 * sizeof(int));
  printf("%d\n", z[9]);
  free(z);
  char **words = malloc(3 * sizeof(char *));
  words[0] = dup("alpha"); words[1] = dup("beta"); words[2] = dup("gamma");
  for (int i = 0; i < 3; i++) { printf("%s ", words[i]); free(words[i]); }
  printf("\n");
  free(words);
  free(NULL);
  double *m = malloc(sizeof(double) * 1000);
  for (int i = 0; i < 1000; i++) m[i] = i * 0.5;
  printf("%.1f\n", m[999]);
  free(m);
  int **tri = malloc(5 * sizeof *tri);
  for (int i = 0; i < 5; i++) {
    tri[i] = malloc((i + 1) * sizeof **tri);
    tri[i][0] = tri[i][i] = 1;
    for (int j = 1; j < i; j++) tri[i][j] = tri[i - 1][j - 1] + tri[i - 1][j];
  }
  for (int i = 0; i < 5; i++) { for (int j = 0; j <= i; j++) printf("%d ", tri[i][j]); printf("\n"); free(tri[i]); }
  free(tri);
  void *big = malloc((size_t)1 << 40);
  printf("%s\n", big == NULL ? "null" : "allocated");
  return 0;
}
