/* A quoted #include is looked for beside the file that includes it first:
   headers/nested/outer.h includes "inner.h" from headers/nested/.  A header
   with #pragma once is read once, however it is named. */
#include <stdio.h>
#include "headers/nested/outer.h"
#include "headers/once.h"
#include "headers/once.h"
#include "headers/nested/../once.h"

int main(void) {
    printf("%d %d %d\n", OUTER, INNER, twice(21));
#if defined(__x86_64__) && defined(__linux__) && __SIZEOF_POINTER__ == 8 && __CHAR_BIT__ == 8
    puts("x86-64 Linux, 64-bit pointers");
#endif
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    puts("little-endian");
#endif
    return 0;
}
