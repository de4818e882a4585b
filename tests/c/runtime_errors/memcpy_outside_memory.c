/* runtime-error: 13: pointer dereference */
/* trace: copy, main */
/* memcpy and memmove check both ranges: copies inside memory work (also of
   zero bytes and overlapping ones), one that reaches outside it stops the
   program at the call. */
#include <stdio.h>
#include <string.h>

static char buf[16] = "abcdefghijklmno";

static void copy(char *to, const char *from, size_t n)
{
    memcpy(to, from, n);
    printf("%.15s\n", buf);
}

int main(void)
{
    char *nowhere = NULL;
    memmove(buf + 2, buf, 5);
    printf("%.15s\n", buf);
    memmove(buf, buf + 3, 5);
    copy(buf + 10, "XYZ", 3);
    copy(buf, nowhere, 0);
    copy(buf, nowhere + 8, 4);
    return 0;
}
