/* goto: forward jumps out of nested loops and to a shared cleanup, backward
   jumps that make a loop, labels in switch bodies. */
#include <stdio.h>
#include <stdlib.h>

static int find(int grid[3][4], int want, int *row, int *col) {
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 4; c++)
      if (grid[r][c] == want) {
        *row = r;
        *col = c;
        goto found;
      }
  return 0;
found:
  return 1;
}

static int process(int n) {
  int status = -1;
  int *a = malloc(sizeof(int) * (size_t)n);
  if (!a) goto out;
  int *b = malloc(sizeof(int) * (size_t)n);
  if (!b) goto free_a;
  for (int i = 0; i < n; i++) a[i] = b[i] = i;
  if (n > 5) goto free_b;
  status = 0;
  for (int i = 0; i < n; i++) status += a[i] * b[i];
free_b:
  free(b);
free_a:
  free(a);
out:
  return status;
}

int main(void) {
  int grid[3][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};
  int r = -1, c = -1;
  int ok = find(grid, 7, &r, &c);
  printf("%d %d %d\n", ok, r, c);
  printf("%d\n", find(grid, 99, &r, &c));
  printf("%d %d\n", process(4), process(9));
  int i = 0;
again:
  i++;
  if (i < 5) goto again;
  printf("%d\n", i);
  switch (i) {
    case 5:
      goto five;
    default:
      printf("not five\n");
      break;
    five:
      printf("five\n");
  }
  return 0;
}
