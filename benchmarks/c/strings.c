/* strings: build short strings by appending characters one at a time, convert a number
   with sprintf, concatenate pieces (including substring slices) into a longer string, and
   hash characters of the results. Measures string building, concatenation, copying,
   length and indexing. Strings are char buffers with explicit lengths, as C does it. */
#include <stdio.h>
#include <string.h>

#define ITERS 400000
#define MODULUS 1000003

/* Append n bytes from src to the string in dst of length *len. */
static void append(char *dst, int *len, const char *src, int n)
{
    memcpy(dst + *len, src, (size_t)n);
    *len += n;
    dst[*len] = '\0';
}

int main(void)
{
    char s[256], t[256], u[256], num[32];
    int h = 0;
    int total = 0;
    int ulen = 0;
    for (int iter = 1; iter <= ITERS; iter++) {
        int slen = 0;
        for (int j = 1; j <= 40; j++) {
            char c = (char)(97 + (iter + j * 7) % 26);
            append(s, &slen, &c, 1);
        }
        int numlen = sprintf(num, "%d", iter);
        int tlen = 0;
        append(t, &tlen, s, slen);
        append(t, &tlen, ":", 1);
        append(t, &tlen, num, numlen);
        append(t, &tlen, ";", 1);
        ulen = 0;
        u[0] = '\0';
        for (int k = 1; k <= 4; k++) {
            append(u, &ulen, t, tlen);
            append(u, &ulen, s + k * 3 - 1, 10);
        }
        total = total + (int)strlen(u);
        for (int j = 0; j < tlen; j++)
            h = (h * 31 + (unsigned char)t[j]) % MODULUS;
        h = (h * 31 + (unsigned char)u[iter % ulen]) % MODULUS;
    }
    printf("%d %d %s\n", total, h, u);
    return 0;
}
