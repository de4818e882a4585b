/* runtime-error: 10: division by zero */
/* trace: cmp, qsort, main */
#include <stdio.h>
#include <stdlib.h>

/* Equal keys divide by zero: the error is in the comparator, the trace goes
   through the library's qsort (no line of this program) to main. */
int cmp(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return 100 / (x - y) > 0 ? 1 : -1;
}

int main(void) {
    int v[4] = {5, 2, 5, 1};
    qsort(v, 4, sizeof v[0], cmp);
    printf("%d\n", v[0]);
    return 0;
}
