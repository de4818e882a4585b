/* Old-style (K&R) function definitions: parameter types declared between the
   declarator and the body (in another order than the names), several names
   per declaration, arrays and functions adjusted to pointers, register, a
   prototype-less declaration before the definition, and calls through a
   pointer to an unprototyped function. */
#include <stdio.h>

int later();

static int add(a, b)
    int a;
    int b;
{
    return a + b;
}

long untyped(x, y)
    long y, x;
{
    return x * 10 + y;
}

double scale(x, factor, name)
    double x;
    int factor;
    char *name;
{
    printf("%s: ", name);
    return x * factor;
}

int count(s, c)
    register char *s;
    char c;
{
    int n = 0;
    for (; *s; s++)
        if (*s == c)
            n++;
    return n;
}

int sum(n, v, lo, hi)
    int n, v[], lo, hi;
{
    int t = 0, i;
    for (i = 0; i < n; i++)
        if (v[i] >= lo && v[i] <= hi)
            t += v[i];
    return t;
}

int apply(f, x)
    int f(int);
    int x;
{
    return f(x) + f(x + 1);
}

static int twice(int x) { return 2 * x; }

int main()
{
    int v[6] = {1, 2, 3, 4, 5, 6};
    int (*f)() = add;
    printf("%d %d %d\n", add(2, 3), f(40, 2), later(7, 8));
    printf("%ld\n", untyped(4L, 2L));
    printf("%.2f\n", scale(1.5, 4, "scaled"));
    printf("%d %d %d\n", count("banana", 'a'), sum(6, v, 2, 5), apply(twice, 10));
    return 0;
}

int later(a, b)
    int a, b;
{
    return a * b;
}
