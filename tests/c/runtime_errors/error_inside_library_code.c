/* runtime-error: 12: null function pointer call */
/* trace: qsort, main */
#include <stdio.h>
#include <stdlib.h>

/* A fault inside the library's own code (here: calling a null comparator)
   is reported where the program called the library. */
int main(void) {
    int v[4] = {5, 2, 5, 1};
    int (*cmp)(const void *, const void *) = NULL;
    puts("sorting");
    qsort(v, 4, sizeof v[0], cmp);
    return 0;
}
