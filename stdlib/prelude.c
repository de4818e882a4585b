/* The part of dvm's C library that is written in C: compiled by the C front
 * end into every image that calls qsort (so no native code calls back into
 * the VM).  A bottom-up merge sort: stable for equal keys, as glibc's qsort
 * is in practice. */
#include <stdlib.h>
#include <string.h>

void __dvm_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *)) {
  char *a = base;
  char *tmp;
  size_t width;
  if (n < 2 || size == 0) return;
  tmp = malloc(n * size);
  if (tmp == NULL) return;
  for (width = 1; width < n; width *= 2) {
    size_t lo;
    for (lo = 0; lo < n; lo += 2 * width) {
      size_t mid = lo + width < n ? lo + width : n;
      size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        if (cmp(a + j * size, a + i * size) < 0) {
          memcpy(tmp + k * size, a + j * size, size);
          j++;
        } else {
          memcpy(tmp + k * size, a + i * size, size);
          i++;
        }
        k++;
      }
      if (i < mid) memcpy(tmp + k * size, a + i * size, (mid - i) * size);
      k += mid - i;
      if (j < hi) memcpy(tmp + k * size, a + j * size, (hi - j) * size);
    }
    memcpy(a, tmp, n * size);
  }
  free(tmp);
}
