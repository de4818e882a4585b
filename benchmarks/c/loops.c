/* loops: three nested counting loops around integer arithmetic (multiply, add, div, mod)
   and a branch. Measures the interpreter's basic integer instructions and loop overhead. */
#include <stdio.h>

#define N 500
#define MODULUS 1000003

int main(void)
{
    int acc = 0;
    int odds = 0;
    for (int i = 1; i <= N; i++)
        for (int j = 1; j <= N; j++)
            for (int k = 1; k <= N; k++) {
                int t = i * j + k;
                if (t % 3 == 0)
                    acc = (acc * 7 + t / 3) % MODULUS;
                else
                    odds = odds + 1;
            }
    printf("%d %d\n", acc, odds);
    return 0;
}
