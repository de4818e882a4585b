/* matmul: multiply two 550x550 matrices of reals (naive i-j-k triple loop), then sum
   the product and its squares. Measures real arithmetic and two-dimensional array
   indexing. The entries are multiples of 1/8 so every sum is exact and all languages
   agree bit for bit. */
#include <stdio.h>

#define N 550

static double a[N + 1][N + 1], b[N + 1][N + 1], c[N + 1][N + 1];

int main(void)
{
    for (int i = 1; i <= N; i++)
        for (int j = 1; j <= N; j++) {
            double s = (i * 7 + j * 3) % 17 - 8;
            a[i][j] = s / 8.0;
            s = (i * 5 + j * 11) % 13 - 6;
            b[i][j] = s / 8.0;
        }
    for (int i = 1; i <= N; i++)
        for (int j = 1; j <= N; j++) {
            double s = 0.0;
            for (int k = 1; k <= N; k++)
                s = s + a[i][k] * b[k][j];
            c[i][j] = s;
        }
    double total = 0.0;
    double squares = 0.0;
    for (int i = 1; i <= N; i++)
        for (int j = 1; j <= N; j++) {
            total = total + c[i][j];
            squares = squares + c[i][j] * c[i][j];
        }
    double scale = 64.0;
    printf("%d %d %d\n", (int)(total * scale), (int)squares, (int)(c[N][N] * scale));
    return 0;
}
