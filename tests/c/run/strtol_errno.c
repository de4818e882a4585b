/* strtol and its kin set errno to ERANGE for a value out of range, as glibc's. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    const char *inputs[] = {"123", "99999999999999999999999", "-99999999999999999999999", "0x7fffffffffffffff", "zz", "  -42abc"};
    for (int i = 0; i < 6; i++) {
        char *end;
        errno = 0;
        long v = strtol(inputs[i], &end, 0);
        int e1 = errno;
        errno = 0;
        unsigned long u = strtoul(inputs[i], NULL, 10);
        int e2 = errno;
        errno = 0;
        long long ll = strtoll(inputs[i], NULL, 16);
        printf("%s: %ld errno %d rest '%s'; %lu errno %d; %lld errno %d\n", inputs[i], v, e1, end, u, e2, ll, errno);
    }
    return 0;
}
