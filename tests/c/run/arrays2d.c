#include <stdio.h>
#define R 4
#define C 5
int grid[R][C];
void fill(int g[R][C]) { for (int i = 0; i < R; i++) for (int j = 0; j < C; j++) g[i][j] = i * j; }
int trace(int n, int m[][5]) { int t = 0; for (int i = 0; i < n; i++) t += m[i][i]; return t; }
int main(void) {
  fill(grid);
  printf("%d %d\n", grid[3][4], trace(4, grid));
  char names[3][8] = {"ann", "bob", "cy"};
  for (int i = 0; i < 3; i++) printf("%s ", names[i]);
  printf("\n");
  int cube[2][2][2] = {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}};
  printf("%d\n", cube[1][0][1]);
  return 0;
}
