/* sieve: Sieve of Eratosthenes over a boolean array, repeated. Measures array stores and
   loads in tight while/for loops. */
#include <stdio.h>

#define N 1000000
#define REPEATS 80

static char flags[N + 1];

int main(void)
{
    int total = 0;
    int count = 0;
    for (int r = 1; r <= REPEATS; r++) {
        for (int i = 0; i <= N; i++)
            flags[i] = 1;
        flags[0] = 0;
        flags[1] = 0;
        int i = 2;
        while (i * i <= N) {
            if (flags[i]) {
                int j = i * i;
                while (j <= N) {
                    flags[j] = 0;
                    j = j + i;
                }
            }
            i = i + 1;
        }
        count = 0;
        for (i = 0; i <= N; i++)
            if (flags[i])
                count = count + 1;
        total = total + count;
    }
    printf("%d %d\n", count, total);
    return 0;
}
