/* mandel: escape-time iteration over an 800x800 grid of the Mandelbrot set, up to 300
   iterations per point. Measures real arithmetic and comparisons in a tight loop with an
   integer counter. Prints the number of points inside the set and the total iterations. */
#include <stdio.h>

#define SIZE 800
#define MAXITER 300

int main(void)
{
    int inside = 0;
    int total = 0;
    double fsize = SIZE;
    for (int y = 0; y <= SIZE - 1; y++) {
        double fy = y;
        double ci = fy * 2.0 / fsize - 1.0;
        for (int x = 0; x <= SIZE - 1; x++) {
            double fx = x;
            double cr = fx * 3.0 / fsize - 2.0;
            double zr = 0.0;
            double zi = 0.0;
            int it = 0;
            while (it < MAXITER && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                it = it + 1;
            }
            if (it == MAXITER)
                inside = inside + 1;
            total = total + it;
        }
    }
    printf("%d %d\n", inside, total);
    return 0;
}
