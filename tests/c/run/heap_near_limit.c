/* The default heap holds 1 GiB: large blocks near the limit fit (no class
   rounding past it), and freeing the topmost block gives its room back to a
   block of any size.  Touches little of what it allocates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    const size_t mib = 1u << 20;
    char *one = malloc(900 * mib);
    printf("900 MiB at once: %s\n", one ? "yes" : "no");
    if (one) {
        one[0] = 1;
        one[900 * mib - 1] = 2;
        free(one);
    }
    static char *blocks[1000];
    int n = 0;
    while (n < 1000 && (blocks[n] = malloc(1000000)) != NULL) blocks[n++][0] = 'x';
    printf("blocks of 1,000,000 bytes: %d\n", n);
    while (n > 0) free(blocks[--n]);
    char *a = malloc(200 * mib), *b = malloc(700 * mib);
    printf("200 MiB and 700 MiB: %s\n", a && b ? "yes" : "no");
    if (b) memset(b, 7, 4096);
    free(b);
    char *c = calloc(800, mib);
    int zero = 1;
    for (size_t i = 0; c && i < 800 * mib; i += mib / 2) zero = zero && c[i] == 0;
    printf("then 800 MiB from calloc: %s, zero: %s\n", c ? "yes" : "no", zero ? "yes" : "no");
    free(c);
    free(a);
    return 0;
}
