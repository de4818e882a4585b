/* <stdint.h>'s least and fast types and the limits and constant macros of C11 7.20, as glibc has them on x86-64. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int_least8_t a = INT_LEAST8_MAX;
    int_fast16_t b = INT_FAST16_MAX;
    uint_fast32_t c = UINT_FAST32_MAX;
    int_least64_t d = INTMAX_C(123456789012);
    uint_least16_t e = UINT_LEAST16_MAX;
    printf("%d %ld %lu %ld %u\n", a, (long)b, (unsigned long)c, (long)d, e);
    printf("%zu %zu %zu %zu\n", sizeof(int_fast8_t), sizeof(int_fast16_t), sizeof(int_fast32_t), sizeof(uint_least16_t));
    printf("%ld %ld %d %d %d %d\n", (long)PTRDIFF_MAX, (long)PTRDIFF_MIN, SIG_ATOMIC_MAX, WCHAR_MAX, MB_LEN_MAX, (int)MB_CUR_MAX);
    printf("%lu %d %u\n", (unsigned long)UINTMAX_C(18446744073709551615), INT8_C(-5), UINT16_C(65535));
    return 0;
}
