/* The part of dvm's C library that is written in C (frontend/c_headers.cpp
 * marks these functions "Prelude").  The C front end compiles the ones a
 * program uses into its image, so no native code calls back into the VM (a
 * comparator passed to qsort is bytecode calling bytecode).
 *
 * Rules for this file: no variables at file scope (state lives in static
 * locals, named function.variable in the image); the __dvm_ helpers are
 * builtins, declared here because no header declares them. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

long __dvm_time(void);
void __dvm_break_time(long t, int local, struct tm *out);
void __dvm_strerror(int e, char *buf, size_t n);
long __dvm_fopen(const char *name, const char *mode);
long __dvm_remove(const char *name);
long __dvm_rename(const char *old, const char *new);
long __dvm_strtol(const char *s, char **end, int base, int *err);
unsigned long __dvm_strtoul(const char *s, char **end, int base, int *err);
int *__dvm_errno_location(void);

/* ---- <stdlib.h> */

/* A bottom-up merge sort: stable for equal keys, as glibc's qsort is in
 * practice (it merge-sorts whenever it can allocate). */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *)) {
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

/* glibc's bsearch: halving [lo, hi) until the key compares equal. */
void *bsearch(const void *key, const void *base, size_t n, size_t size, int (*cmp)(const void *, const void *)) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const char *p = (const char *)base + mid * size;
    int c = cmp(key, p);
    if (c < 0) hi = mid;
    else if (c > 0) lo = mid + 1;
    else return (void *)p;
  }
  return NULL;
}

div_t div(int a, int b) {
  div_t r;
  r.quot = a / b;
  r.rem = a % b;
  return r;
}

ldiv_t ldiv(long a, long b) {
  ldiv_t r;
  r.quot = a / b;
  r.rem = a % b;
  return r;
}

lldiv_t lldiv(long long a, long long b) {
  lldiv_t r;
  r.quot = a / b;
  r.rem = a % b;
  return r;
}

/* ---- <string.h> */

void *memchr(const void *s, int c, size_t n) {
  const unsigned char *p = s;
  size_t i;
  for (i = 0; i < n; i++)
    if (p[i] == (unsigned char)c) return (void *)(p + i);
  return NULL;
}

size_t strspn(const char *s, const char *accept) {
  size_t n = 0;
  while (s[n] && strchr(accept, s[n])) n++;
  return n;
}

size_t strcspn(const char *s, const char *reject) {
  size_t n = 0;
  while (s[n] && !strchr(reject, s[n])) n++;
  return n;
}

char *strpbrk(const char *s, const char *accept) {
  s += strcspn(s, accept);
  return *s ? (char *)s : NULL;
}

/* The tokenizer keeps its place between calls, as glibc's does. */
char *strtok(char *s, const char *delim) {
  static char *next;
  char *token;
  if (s == NULL) s = next;
  if (s == NULL) return NULL;
  s += strspn(s, delim);
  if (*s == '\0') {
    next = NULL;
    return NULL;
  }
  token = s;
  s += strcspn(s, delim);
  if (*s) {
    *s = '\0';
    next = s + 1;
  } else {
    next = NULL;
  }
  return token;
}

char *strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

char *strndup(const char *s, size_t n) {
  size_t len = 0;
  char *d;
  while (len < n && s[len]) len++;
  d = malloc(len + 1);
  if (d == NULL) return NULL;
  memcpy(d, s, len);
  d[len] = '\0';
  return d;
}

char *strncat(char *d, const char *s, size_t n) {
  char *end = d + strlen(d);
  size_t i = 0;
  while (i < n && s[i]) {
    end[i] = s[i];
    i++;
  }
  end[i] = '\0';
  return d;
}

char *strerror(int e) {
  static char buf[64];
  __dvm_strerror(e, buf, sizeof buf);
  return buf;
}

/* ---- <stdarg.h>: va_arg's next slot (an argument of any type fills one) */

void *__dvm_va_arg(va_list ap) {
  char *slot = ap[0].__next;
  ap[0].__next += 8;
  ap[0].__left--;
  return slot;
}

/* Out of range: errno is ERANGE, as glibc's. */
long strtol(const char *s, char **end, int base) {
  return __dvm_strtol(s, end, base, __dvm_errno_location());
}

long long strtoll(const char *s, char **end, int base) {
  return __dvm_strtol(s, end, base, __dvm_errno_location());
}

unsigned long strtoul(const char *s, char **end, int base) {
  return __dvm_strtoul(s, end, base, __dvm_errno_location());
}

unsigned long long strtoull(const char *s, char **end, int base) {
  return __dvm_strtoul(s, end, base, __dvm_errno_location());
}

/* ---- <stdio.h> */

/* ---- <errno.h>: errno is 0 until the program sets it or fopen, remove or
 * rename fail. */
int *__dvm_errno_location(void) {
  static int value;
  return &value;
}

/* Files inside the sandbox (docs/C.md); the builtins return minus the error
 * number on failure. */
FILE *fopen(const char *name, const char *mode) {
  long r = __dvm_fopen(name, mode);
  if (r < 0) {
    *__dvm_errno_location() = (int)-r;
    return NULL;
  }
  return (FILE *)r;
}

void rewind(FILE *stream) {
  fseek(stream, 0L, SEEK_SET);
}

int remove(const char *name) {
  long r = __dvm_remove(name);
  if (r < 0) *__dvm_errno_location() = (int)-r;
  return r < 0 ? -1 : 0;
}

int rename(const char *old, const char *new) {
  long r = __dvm_rename(old, new);
  if (r < 0) *__dvm_errno_location() = (int)-r;
  return r < 0 ? -1 : 0;
}

void perror(const char *s) {
  if (s && *s) fprintf(stderr, "%s: ", s);
  fprintf(stderr, "%s\n", strerror(*__dvm_errno_location()));
}

/* ---- <math.h>: the forms whose float results are not a double result
 * rounded, and the functions that work on a number's representation. */

float modff(float x, float *ip) {
  double whole;
  double frac = modf(x, &whole);
  *ip = (float)whole;
  return (float)frac;
}

/* The float after x towards y: one step of the float's representation. */
float nextafterf(float x, float y) {
  unsigned int bits;
  if (isnan(x) || isnan(y)) return x + y;
  if (x == y) return y;
  if (x == 0) {
    bits = 1;
    memcpy(&x, &bits, sizeof x);
    return y > 0 ? x : -x;
  }
  memcpy(&bits, &x, sizeof x);
  if ((x < y) == (x > 0)) bits++;
  else bits--;
  memcpy(&x, &bits, sizeof x);
  return x;
}

/* A quiet NaN with the sign bit clear, as glibc's nan("") (0.0 / 0.0
 * computed at run time has it set). */
double nan(const char *tag) {
  unsigned long bits = 0x7ff8000000000000UL;
  double d;
  (void)tag;
  memcpy(&d, &bits, sizeof d);
  return d;
}

float nanf(const char *tag) { return (float)nan(tag); }

/* The unbiased exponent: glibc's values for 0 (-inf, FP_ILOGB0), infinities and NaN. */
double logb(double x) {
  int e;
  if (isnan(x)) return x * x;
  if (isinf(x)) return fabs(x);
  if (x == 0) return -HUGE_VAL;
  frexp(x, &e);
  return e - 1;
}

int ilogb(double x) {
  int e;
  if (isnan(x) || x == 0) return INT_MIN;
  if (isinf(x)) return INT_MAX;
  frexp(x, &e);
  return e - 1;
}

double scalbln(double x, long e) {
  if (e > 100000) e = 100000;
  if (e < -100000) e = -100000;
  return ldexp(x, (int)e);
}

/* ---- <time.h> */

time_t time(time_t *t) {
  time_t now = __dvm_time();
  if (t) *t = now;
  return now;
}

double difftime(time_t end, time_t start) { return (double)(end - start); }

/* localtime and gmtime share one static struct tm, as glibc's do. */
struct tm *__dvm_tm(void) {
  static struct tm tm;
  return &tm;
}

struct tm *localtime(const time_t *t) {
  struct tm *tm = __dvm_tm();
  __dvm_break_time(*t, 1, tm);
  return tm;
}

struct tm *gmtime(const time_t *t) {
  struct tm *tm = __dvm_tm();
  __dvm_break_time(*t, 0, tm);
  return tm;
}

char *asctime(const struct tm *tm) {
  static char buf[32];
  strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y\n", tm);
  return buf;
}

char *ctime(const time_t *t) { return asctime(localtime(t)); }
