/* sort: quicksort (recursive, middle pivot) of 1,500,000 pseudo-random integers from the
   Park-Miller "minimal standard" LCG computed with Schrage's method, so every intermediate
   value fits in 32 bits. Measures array access, comparisons, swaps and recursion. */
#include <stdio.h>

#define N 1500000
#define MODULUS 1000003

static int a[N + 1];
static int seed;

/* Park-Miller: seed = 48271 * seed mod (2^31 - 1), without overflow. */
static int nextrand(void)
{
    seed = 48271 * (seed % 44488) - 3399 * (seed / 44488);
    if (seed <= 0)
        seed = seed + 2147483647;
    return seed;
}

static void quicksort(int lo, int hi)
{
    int i = lo;
    int j = hi;
    int pivot = a[(lo + hi) / 2];
    do {
        while (a[i] < pivot)
            i = i + 1;
        while (a[j] > pivot)
            j = j - 1;
        if (i <= j) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
            i = i + 1;
            j = j - 1;
        }
    } while (!(i > j));
    if (lo < j)
        quicksort(lo, j);
    if (i < hi)
        quicksort(i, hi);
}

int main(void)
{
    seed = 42;
    for (int i = 1; i <= N; i++)
        a[i] = nextrand() % 1000000;
    quicksort(1, N);
    int check = 0;
    int unsorted = 0;
    for (int i = 1; i <= N; i++) {
        if (i > 1 && a[i - 1] > a[i])
            unsorted = unsorted + 1;
        check = (check * 31 + a[i]) % MODULUS;
    }
    printf("%d %d %d %d\n", check, unsorted, a[1], a[N]);
    return 0;
}
