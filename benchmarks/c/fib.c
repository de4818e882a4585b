/* fib: recursive Fibonacci. Measures procedure calls and returns, integer add/compare. */
#include <stdio.h>

#define N 39

static int fib(int n)
{
    if (n < 2)
        return n;
    return fib(n - 1) + fib(n - 2);
}

int main(void)
{
    printf("%d\n", fib(N));
    return 0;
}
