/* Strings and characters: <string.h> searching and tokenizing, <ctype.h>
   classes, number conversions, and sscanf. */
#define _POSIX_C_SOURCE 200809L /* strdup and strndup are POSIX: glibc declares them then */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void) {
  char line[] = "  alpha, beta;gamma ,,delta  ";
  for (char *t = strtok(line, " ,;"); t; t = strtok(NULL, " ,;")) printf("[%s]", t);
  printf("\n");
  printf("%zu %zu %s\n", strspn("aabbcx", "ab"), strcspn("hello, world", ",!"), strpbrk("key=value", "=:"));
  const char *s = "memchr finds bytes";
  printf("%s|%p\n", (char *)memchr(s, 'f', strlen(s)), memchr(s, 'z', strlen(s)));
  char *d = strdup("copy me");
  char *n = strndup("truncate", 5);
  char cat[32] = "abc";
  strncat(cat, "defghij", 3);
  printf("%s %s %s %d\n", d, n, cat, strcoll("a", "b") < 0);
  free(d);
  free(n);
  for (int c = 0; c < 128; c++)
    if (ispunct(c)) putchar(c);
  printf("\n");
  int counts[6] = {0};
  for (int c = -1; c < 256; c++) {
    counts[0] += isxdigit(c) != 0;
    counts[1] += iscntrl(c) != 0;
    counts[2] += isprint(c) != 0;
    counts[3] += isgraph(c) != 0;
    counts[4] += isblank(c) != 0;
    counts[5] += ispunct(c) != 0;
  }
  printf("%d %d %d %d %d %d\n", counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
  char *end;
  double v = strtod("  -12.5e2xyz", &end);
  printf("%g [%s] %g %g\n", v, end, atof("3.25abc"), strtod("0x1p4", NULL));
  unsigned long u = strtoul("ff", &end, 16);
  printf("%lu %lld %llu %lld\n", u, strtoll("-9000000000", NULL, 10), strtoull("18446744073709551615", NULL, 10),
         atoll("123456789012"));
  int a, b;
  char word[16];
  double x;
  int got = sscanf("12 34 hello 2.5", "%d %d %15s %lf", &a, &b, word, &x);
  printf("%d: %d %d %s %g\n", got, a, b, word, x);
  printf("%d %d\n", sscanf("", "%d", &a), sscanf("x", "%d", &a));
  char date[] = "2024-03-09";
  int y, mo, da;
  if (sscanf(date, "%d-%d-%d", &y, &mo, &da) == 3) printf("%d/%d/%d\n", da, mo, y);
  const char *words[] = {"pear", "apple", "fig", "banana"};
  qsort(words, 4, sizeof words[0], cmp_str);
  const char *key = "fig";
  const char **hit = bsearch(&key, words, 4, sizeof words[0], cmp_str);
  printf("%s %s %s %s -> %ld\n", words[0], words[1], words[2], words[3], hit ? (long)(hit - words) : -1L);
  div_t q = div(17, -5);
  ldiv_t lq = ldiv(-17L, 5L);
  printf("%d %d %ld %ld %lld\n", q.quot, q.rem, lq.quot, lq.rem, llabs(-5LL));
  printf("%s\n", strerror(0));
  return 0;
}
