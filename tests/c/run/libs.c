#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
int main(void) {
  char buf[64] = "Hello";
  strcat(buf, ", World");
  printf("%s %zu\n", buf, strlen(buf));
  char cp[64];
  strcpy(cp, buf);
  printf("%d %d %d\n", strcmp(cp, buf) == 0, strcmp("abc", "abd") < 0, strcmp("b", "a") > 0);
  printf("%d %d\n", strncmp("abcdef", "abcxyz", 3), strncmp("abcdef", "abcxyz", 4) < 0);
  char nb[8];
  strncpy(nb, "abcdefghij", 7); nb[7] = 0;
  printf("%s\n", nb);
  memset(nb, 0, sizeof nb);
  strncpy(nb, "ab", 5);
  printf("%s %d %d\n", nb, nb[3], nb[4]);
  printf("%s\n", strchr(buf, 'o'));
  printf("%s\n", strrchr(buf, 'o'));
  printf("%p\n", (void *)strchr(buf, 'z'));
  printf("%s\n", strstr(buf, "Wor"));
  printf("%d\n", strstr(buf, "xyz") == NULL);
  int src[5] = {1, 2, 3, 4, 5}, dst[5];
  memcpy(dst, src, sizeof src);
  memmove(src + 1, src, 4 * sizeof(int));
  printf("%d %d %d %d %d / %d\n", src[0], src[1], src[2], src[3], src[4], dst[4]);
  printf("%d %d\n", memcmp(src, dst, 4) == 0, memcmp(src, dst, 8) == 0);
  const char *t = "a1 B2_z\t\n!";
  for (const char *c = t; *c; c++)
    printf("%d%d%d%d%d%d%c%c|", !!isdigit(*c), !!isalpha(*c), !!isalnum(*c), !!isspace(*c), !!isupper(*c), !!islower(*c),
           toupper(*c) == '\n' ? 'N' : toupper(*c), tolower(*c) == '\t' ? 'T' : tolower(*c));
  printf("\n");
  printf("%.6f %.6f %.6f %.6f\n", sqrt(2.0), pow(2, 10), pow(2.5, -1.5), fabs(-3.25));
  printf("%.1f %.1f %.1f %.1f\n", floor(-2.5), ceil(-2.5), floor(2.5), ceil(2.1));
  printf("%.6f %.6f %.6f %.6f\n", sin(1.0), cos(1.0), tan(0.5), atan(1.0) * 4);
  printf("%.6f %.6f %.6f %.6f\n", atan2(1, -1), exp(1), log(10), fmod(10.5, 3));
  printf("%.6f %.6f\n", fmod(-7.5, 2), sqrt(1e10));
  printf("%d %ld %d %d\n", abs(-7), labs(-70000000000L), atoi("  -123xyz"), atoi("42"));
  printf("%ld %ld\n", atol("9000000000"), strtol("ff", NULL, 16));
  char *end;
  long v = strtol("  123abc", &end, 10);
  printf("%ld %s\n", v, end);
  printf("%ld %ld %ld\n", strtol("0x1A", NULL, 0), strtol("077", NULL, 0), strtol("-101", NULL, 2));
  printf("%g %g\n", pow(0, 0), sqrt(0.25));
  double nan_v = sqrt(-1.0);
  printf("%d\n", nan_v != nan_v);
  return 0;
}
