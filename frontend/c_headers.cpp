// dvm's C library table and the built-in headers made from it.
#include "frontend/c_headers.h"

#include <map>
#include <vector>

namespace dvm::c {
namespace {

constexpr LibImpl B = LibImpl::Builtin, S = LibImpl::Special, C = LibImpl::Prelude;

// The variable arguments of a variadic function (what a va_list points to):
// the address of their 8-byte slots and how many are left.
#define VA_LIST_STRUCT \
  "#ifndef __DVM_VA_LIST\n#define __DVM_VA_LIST\nstruct __dvm_va_list { char *__next; long __left; };\n#endif\n"

// Every function the library provides.  A header declares the functions that
// name it, in this order, after its preamble below.
const LibFunction kFunctions[] = {
    // ---- <stdio.h>
    {"printf", "stdio.h", "int printf(const char *fmt, ...);", S, ""},
    {"fprintf", "stdio.h", "int fprintf(FILE *stream, const char *fmt, ...);", S, ""},
    {"sprintf", "stdio.h", "int sprintf(char *buf, const char *fmt, ...);", S, ""},
    {"snprintf", "stdio.h", "int snprintf(char *buf, size_t size, const char *fmt, ...);", S, ""},
    {"scanf", "stdio.h", "int scanf(const char *fmt, ...);", S, ""},
    {"sscanf", "stdio.h", "int sscanf(const char *s, const char *fmt, ...);", S, ""},
    {"fscanf", "stdio.h", "int fscanf(FILE *stream, const char *fmt, ...);", S, ""},
    {"puts", "stdio.h", "int puts(const char *s);", B, "PUTS"},
    {"putchar", "stdio.h", "int putchar(int c);", B, "PUTCHAR"},
    {"getchar", "stdio.h", "int getchar(void);", B, "GETCHAR"},
    {"getc", "stdio.h", "int getc(FILE *stream);", B, "FGETC"},
    {"fgetc", "stdio.h", "int fgetc(FILE *stream);", B, "FGETC"},
    {"ungetc", "stdio.h", "int ungetc(int c, FILE *stream);", B, "UNGETC"},
    {"fgets", "stdio.h", "char *fgets(char *buf, int n, FILE *stream);", B, "FGETS"},
    {"fflush", "stdio.h", "int fflush(FILE *stream);", B, "FFLUSH"},
    {"feof", "stdio.h", "int feof(FILE *stream);", B, "FEOF"},
    {"ferror", "stdio.h", "int ferror(FILE *stream);", B, "FERROR"},
    {"fputs", "stdio.h", "int fputs(const char *s, FILE *stream);", S, ""},
    {"fputc", "stdio.h", "int fputc(int c, FILE *stream);", S, ""},
    {"putc", "stdio.h", "int putc(int c, FILE *stream);", S, ""},
    {"perror", "stdio.h", "void perror(const char *s);", C, ""},
    {"fopen", "stdio.h", "FILE *fopen(const char *name, const char *mode);", C, ""},
    {"fclose", "stdio.h", "int fclose(FILE *stream);", B, "C_FCLOSE"},
    {"fread", "stdio.h", "size_t fread(void *buf, size_t size, size_t n, FILE *stream);", B, "C_FREAD"},
    {"fwrite", "stdio.h", "size_t fwrite(const void *buf, size_t size, size_t n, FILE *stream);", B, "C_FWRITE"},
    {"fseek", "stdio.h", "int fseek(FILE *stream, long offset, int whence);", B, "C_FSEEK"},
    {"ftell", "stdio.h", "long ftell(FILE *stream);", B, "C_FTELL"},
    {"rewind", "stdio.h", "void rewind(FILE *stream);", C, ""},
    {"remove", "stdio.h", "int remove(const char *name);", C, ""},
    {"rename", "stdio.h", "int rename(const char *old, const char *new);", C, ""},
    // ---- <errno.h>
    {"__dvm_errno_location", "errno.h", "int *__dvm_errno_location(void);", C, ""},
    {"vprintf", "stdio.h", "int vprintf(const char *fmt, struct __dvm_va_list *ap);", S, ""},
    {"vfprintf", "stdio.h", "int vfprintf(FILE *stream, const char *fmt, struct __dvm_va_list *ap);", S, ""},
    {"vsprintf", "stdio.h", "int vsprintf(char *buf, const char *fmt, struct __dvm_va_list *ap);", S, ""},
    {"vsnprintf", "stdio.h", "int vsnprintf(char *buf, size_t size, const char *fmt, struct __dvm_va_list *ap);", S, ""},
    {"vscanf", "stdio.h", "int vscanf(const char *fmt, struct __dvm_va_list *ap);", S, ""},
    {"vsscanf", "stdio.h", "int vsscanf(const char *s, const char *fmt, struct __dvm_va_list *ap);", S, ""},
    {"vfscanf", "stdio.h", "int vfscanf(FILE *stream, const char *fmt, struct __dvm_va_list *ap);", S, ""},
    // ---- <stdlib.h>
    {"malloc", "stdlib.h", "void *malloc(size_t size);", B, "MALLOC"},
    {"calloc", "stdlib.h", "void *calloc(size_t n, size_t size);", B, "CALLOC"},
    {"realloc", "stdlib.h", "void *realloc(void *p, size_t size);", B, "REALLOC"},
    {"free", "stdlib.h", "void free(void *p);", B, "FREE"},
    {"exit", "stdlib.h", "void exit(int status);", S, ""},
    {"abort", "stdlib.h", "void abort(void);", S, ""},
    {"abs", "stdlib.h", "int abs(int x);", S, ""},
    {"labs", "stdlib.h", "long labs(long x);", S, ""},
    {"llabs", "stdlib.h", "long long llabs(long long x);", S, ""},
    {"div", "stdlib.h", "div_t div(int a, int b);", C, ""},
    {"ldiv", "stdlib.h", "ldiv_t ldiv(long a, long b);", C, ""},
    {"lldiv", "stdlib.h", "lldiv_t lldiv(long long a, long long b);", C, ""},
    {"atoi", "stdlib.h", "int atoi(const char *s);", B, "ATOI"},
    {"getenv", "stdlib.h", "char *getenv(const char *name);", B, "C_GETENV"},
    {"atol", "stdlib.h", "long atol(const char *s);", B, "ATOL"},
    {"atoll", "stdlib.h", "long long atoll(const char *s);", B, "ATOL"},
    {"atof", "stdlib.h", "double atof(const char *s);", B, "ATOF"},
    {"strtol", "stdlib.h", "long strtol(const char *s, char **end, int base);", C, ""},
    {"strtoll", "stdlib.h", "long long strtoll(const char *s, char **end, int base);", C, ""},
    {"strtoul", "stdlib.h", "unsigned long strtoul(const char *s, char **end, int base);", C, ""},
    {"strtoull", "stdlib.h", "unsigned long long strtoull(const char *s, char **end, int base);", C, ""},
    {"strtod", "stdlib.h", "double strtod(const char *s, char **end);", B, "STRTOD"},
    {"qsort", "stdlib.h", "void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));", C, ""},
    {"bsearch", "stdlib.h",
     "void *bsearch(const void *key, const void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));", C, ""},
    {"rand", "stdlib.h", "int rand(void);", B, "RAND"},
    {"srand", "stdlib.h", "void srand(unsigned seed);", B, "SRAND"},
    // ---- <string.h>
    {"strlen", "string.h", "size_t strlen(const char *s);", B, "STRLEN"},
    {"strcmp", "string.h", "int strcmp(const char *a, const char *b);", B, "STRCMP"},
    {"strncmp", "string.h", "int strncmp(const char *a, const char *b, size_t n);", B, "STRNCMP"},
    {"strcoll", "string.h", "int strcoll(const char *a, const char *b);", B, "STRCMP"},
    {"strcpy", "string.h", "char *strcpy(char *d, const char *s);", B, "STRCPY"},
    {"strncpy", "string.h", "char *strncpy(char *d, const char *s, size_t n);", B, "STRNCPY"},
    {"strcat", "string.h", "char *strcat(char *d, const char *s);", B, "STRCAT"},
    {"strncat", "string.h", "char *strncat(char *d, const char *s, size_t n);", C, ""},
    {"strchr", "string.h", "char *strchr(const char *s, int c);", B, "STRCHR"},
    {"strrchr", "string.h", "char *strrchr(const char *s, int c);", B, "STRRCHR"},
    {"strstr", "string.h", "char *strstr(const char *h, const char *n);", B, "STRSTR"},
    {"strspn", "string.h", "size_t strspn(const char *s, const char *accept);", C, ""},
    {"strcspn", "string.h", "size_t strcspn(const char *s, const char *reject);", C, ""},
    {"strpbrk", "string.h", "char *strpbrk(const char *s, const char *accept);", C, ""},
    {"strtok", "string.h", "char *strtok(char *s, const char *delim);", C, ""},
    {"strdup", "string.h", "char *strdup(const char *s);", C, ""},
    {"strndup", "string.h", "char *strndup(const char *s, size_t n);", C, ""},
    {"strerror", "string.h", "char *strerror(int e);", C, ""},
    {"memcpy", "string.h", "void *memcpy(void *d, const void *s, size_t n);", B, "MEMCPY"},
    {"memmove", "string.h", "void *memmove(void *d, const void *s, size_t n);", B, "MEMMOVE"},
    {"memset", "string.h", "void *memset(void *d, int c, size_t n);", B, "MEMSET"},
    {"memcmp", "string.h", "int memcmp(const void *a, const void *b, size_t n);", B, "MEMCMP"},
    {"memchr", "string.h", "void *memchr(const void *s, int c, size_t n);", C, ""},
    // ---- <math.h>: double functions, then their float forms (glibc's float
    // functions where their results differ from the double result rounded to
    // float; the double builtin where they cannot)
    {"sqrt", "math.h", "double sqrt(double x);", B, "SQRTC"},
    {"pow", "math.h", "double pow(double x, double y);", B, "POW"},
    {"fabs", "math.h", "double fabs(double x);", S, ""},
    {"floor", "math.h", "double floor(double x);", B, "FLOOR"},
    {"ceil", "math.h", "double ceil(double x);", B, "CEIL"},
    {"round", "math.h", "double round(double x);", B, "ROUND"},
    {"trunc", "math.h", "double trunc(double x);", B, "TRUNC"},
    {"rint", "math.h", "double rint(double x);", B, "RINT"},
    {"nearbyint", "math.h", "double nearbyint(double x);", B, "RINT"},
    {"lround", "math.h", "long lround(double x);", B, "LROUND"},
    {"llround", "math.h", "long long llround(double x);", B, "LROUND"},
    {"lrint", "math.h", "long lrint(double x);", B, "LRINT"},
    {"llrint", "math.h", "long long llrint(double x);", B, "LRINT"},
    {"sin", "math.h", "double sin(double x);", B, "SIN"},
    {"cos", "math.h", "double cos(double x);", B, "COS"},
    {"tan", "math.h", "double tan(double x);", B, "TAN"},
    {"asin", "math.h", "double asin(double x);", B, "ASIN"},
    {"acos", "math.h", "double acos(double x);", B, "ACOS"},
    {"atan", "math.h", "double atan(double x);", B, "ATAN"},
    {"atan2", "math.h", "double atan2(double y, double x);", B, "ATAN2"},
    {"sinh", "math.h", "double sinh(double x);", B, "SINH"},
    {"cosh", "math.h", "double cosh(double x);", B, "COSH"},
    {"tanh", "math.h", "double tanh(double x);", B, "TANH"},
    {"asinh", "math.h", "double asinh(double x);", B, "ASINH"},
    {"acosh", "math.h", "double acosh(double x);", B, "ACOSH"},
    {"atanh", "math.h", "double atanh(double x);", B, "ATANH"},
    {"exp", "math.h", "double exp(double x);", B, "EXPC"},
    {"exp2", "math.h", "double exp2(double x);", B, "EXP2"},
    {"expm1", "math.h", "double expm1(double x);", B, "EXPM1"},
    {"log", "math.h", "double log(double x);", B, "LOG"},
    {"log10", "math.h", "double log10(double x);", B, "LOG10"},
    {"log2", "math.h", "double log2(double x);", B, "LOG2"},
    {"log1p", "math.h", "double log1p(double x);", B, "LOG1P"},
    {"cbrt", "math.h", "double cbrt(double x);", B, "CBRT"},
    {"hypot", "math.h", "double hypot(double x, double y);", B, "HYPOT"},
    {"fmod", "math.h", "double fmod(double x, double y);", B, "FMOD"},
    {"remainder", "math.h", "double remainder(double x, double y);", B, "REMAINDER"},
    {"fmin", "math.h", "double fmin(double x, double y);", B, "FMIN"},
    {"fmax", "math.h", "double fmax(double x, double y);", B, "FMAX"},
    {"fdim", "math.h", "double fdim(double x, double y);", B, "FDIM"},
    {"copysign", "math.h", "double copysign(double x, double y);", B, "COPYSIGN"},
    {"nextafter", "math.h", "double nextafter(double x, double y);", B, "NEXTAFTER"},
    {"fma", "math.h", "double fma(double x, double y, double z);", B, "FMA"},
    {"erf", "math.h", "double erf(double x);", B, "ERF"},
    {"erfc", "math.h", "double erfc(double x);", B, "ERFC"},
    {"tgamma", "math.h", "double tgamma(double x);", B, "TGAMMA"},
    {"lgamma", "math.h", "double lgamma(double x);", B, "LGAMMA"},
    {"ldexp", "math.h", "double ldexp(double x, int e);", B, "LDEXP"},
    {"scalbn", "math.h", "double scalbn(double x, int e);", B, "LDEXP"},
    {"frexp", "math.h", "double frexp(double x, int *e);", B, "FREXP"},
    {"modf", "math.h", "double modf(double x, double *ip);", B, "MODF"},
    {"sqrtf", "math.h", "float sqrtf(float x);", B, "SQRTC"},
    {"powf", "math.h", "float powf(float x, float y);", B, "POWF"},
    {"fabsf", "math.h", "float fabsf(float x);", S, ""},
    {"floorf", "math.h", "float floorf(float x);", B, "FLOOR"},
    {"ceilf", "math.h", "float ceilf(float x);", B, "CEIL"},
    {"roundf", "math.h", "float roundf(float x);", B, "ROUND"},
    {"truncf", "math.h", "float truncf(float x);", B, "TRUNC"},
    {"sinf", "math.h", "float sinf(float x);", B, "SINF"},
    {"cosf", "math.h", "float cosf(float x);", B, "COSF"},
    {"tanf", "math.h", "float tanf(float x);", B, "TANF"},
    {"asinf", "math.h", "float asinf(float x);", B, "ASINF"},
    {"acosf", "math.h", "float acosf(float x);", B, "ACOSF"},
    {"atanf", "math.h", "float atanf(float x);", B, "ATANF"},
    {"atan2f", "math.h", "float atan2f(float y, float x);", B, "ATAN2F"},
    {"expf", "math.h", "float expf(float x);", B, "EXPF"},
    {"logf", "math.h", "float logf(float x);", B, "LOGF"},
    {"log10f", "math.h", "float log10f(float x);", B, "LOG10F"},
    {"log2f", "math.h", "float log2f(float x);", B, "LOG2F"},
    {"fmodf", "math.h", "float fmodf(float x, float y);", B, "FMOD"},
    {"hypotf", "math.h", "float hypotf(float x, float y);", B, "HYPOTF"},
    {"fminf", "math.h", "float fminf(float x, float y);", B, "FMIN"},
    {"fmaxf", "math.h", "float fmaxf(float x, float y);", B, "FMAX"},
    {"rintf", "math.h", "float rintf(float x);", B, "RINT"},
    {"nearbyintf", "math.h", "float nearbyintf(float x);", B, "RINT"},
    {"sinhf", "math.h", "float sinhf(float x);", B, "SINHF"},
    {"coshf", "math.h", "float coshf(float x);", B, "COSHF"},
    {"tanhf", "math.h", "float tanhf(float x);", B, "TANHF"},
    {"asinhf", "math.h", "float asinhf(float x);", B, "ASINHF"},
    {"acoshf", "math.h", "float acoshf(float x);", B, "ACOSHF"},
    {"atanhf", "math.h", "float atanhf(float x);", B, "ATANHF"},
    {"exp2f", "math.h", "float exp2f(float x);", B, "EXP2F"},
    {"expm1f", "math.h", "float expm1f(float x);", B, "EXPM1F"},
    {"log1pf", "math.h", "float log1pf(float x);", B, "LOG1PF"},
    {"cbrtf", "math.h", "float cbrtf(float x);", B, "CBRTF"},
    {"erff", "math.h", "float erff(float x);", B, "ERFF"},
    {"erfcf", "math.h", "float erfcf(float x);", B, "ERFCF"},
    {"tgammaf", "math.h", "float tgammaf(float x);", B, "TGAMMAF"},
    {"lgammaf", "math.h", "float lgammaf(float x);", B, "LGAMMAF"},
    {"remainderf", "math.h", "float remainderf(float x, float y);", B, "REMAINDER"},
    {"fdimf", "math.h", "float fdimf(float x, float y);", B, "FDIM"},
    {"copysignf", "math.h", "float copysignf(float x, float y);", B, "COPYSIGN"},
    {"fmaf", "math.h", "float fmaf(float x, float y, float z);", B, "FMAF"},
    {"lroundf", "math.h", "long lroundf(float x);", B, "LROUND"},
    {"llroundf", "math.h", "long long llroundf(float x);", B, "LROUND"},
    {"lrintf", "math.h", "long lrintf(float x);", B, "LRINT"},
    {"llrintf", "math.h", "long long llrintf(float x);", B, "LRINT"},
    {"ldexpf", "math.h", "float ldexpf(float x, int e);", B, "LDEXP"},
    {"scalbnf", "math.h", "float scalbnf(float x, int e);", B, "LDEXP"},
    {"frexpf", "math.h", "float frexpf(float x, int *e);", B, "FREXP"},
    {"modff", "math.h", "float modff(float x, float *ip);", C, ""},
    {"nextafterf", "math.h", "float nextafterf(float x, float y);", C, ""},
    {"nan", "math.h", "double nan(const char *tag);", C, ""},
    {"nanf", "math.h", "float nanf(const char *tag);", C, ""},
    {"logb", "math.h", "double logb(double x);", C, ""},
    {"ilogb", "math.h", "int ilogb(double x);", C, ""},
    {"scalbln", "math.h", "double scalbln(double x, long e);", C, ""},
    {"__dvm_fpclassify", "math.h", "int __dvm_fpclassify(double x);", B, "FPCLASSIFY"},
    {"__dvm_isinf", "math.h", "int __dvm_isinf(double x);", B, "ISINF"},
    {"__dvm_signbit", "math.h", "int __dvm_signbit(double x);", B, "SIGNBIT"},
    // ---- <ctype.h>
    {"isdigit", "ctype.h", "int isdigit(int c);", B, "ISDIGIT"},
    {"isalpha", "ctype.h", "int isalpha(int c);", B, "ISALPHA"},
    {"isalnum", "ctype.h", "int isalnum(int c);", B, "ISALNUM"},
    {"isspace", "ctype.h", "int isspace(int c);", B, "ISSPACE"},
    {"isupper", "ctype.h", "int isupper(int c);", B, "ISUPPER"},
    {"islower", "ctype.h", "int islower(int c);", B, "ISLOWER"},
    {"ispunct", "ctype.h", "int ispunct(int c);", B, "ISPUNCT"},
    {"isxdigit", "ctype.h", "int isxdigit(int c);", B, "ISXDIGIT"},
    {"iscntrl", "ctype.h", "int iscntrl(int c);", B, "ISCNTRL"},
    {"isprint", "ctype.h", "int isprint(int c);", B, "ISPRINT"},
    {"isgraph", "ctype.h", "int isgraph(int c);", B, "ISGRAPH"},
    {"isblank", "ctype.h", "int isblank(int c);", B, "ISBLANK"},
    {"toupper", "ctype.h", "int toupper(int c);", B, "TOUPPER"},
    {"tolower", "ctype.h", "int tolower(int c);", B, "TOLOWER"},
    // ---- <time.h>
    {"time", "time.h", "time_t time(time_t *t);", C, ""},
    {"clock", "time.h", "clock_t clock(void);", B, "CLOCK"},
    {"difftime", "time.h", "double difftime(time_t end, time_t start);", C, ""},
    {"mktime", "time.h", "time_t mktime(struct tm *tm);", B, "MKTIME"},
    {"localtime", "time.h", "struct tm *localtime(const time_t *t);", C, ""},
    {"gmtime", "time.h", "struct tm *gmtime(const time_t *t);", C, ""},
    {"strftime", "time.h", "size_t strftime(char *buf, size_t max, const char *fmt, const struct tm *tm);", B, "STRFTIME"},
    {"asctime", "time.h", "char *asctime(const struct tm *tm);", C, ""},
    {"ctime", "time.h", "char *ctime(const time_t *t);", C, ""},
    // ---- <stdarg.h>: va_list is one struct of the slots' address and count
    {"__dvm_va_start", "stdarg.h", "void __dvm_va_start(struct __dvm_va_list *ap);", S, ""},
    {"__dvm_va_arg", "stdarg.h", "void *__dvm_va_arg(struct __dvm_va_list *ap);", C, ""},
    // ---- <unistd.h>
    {"sleep", "unistd.h", "unsigned sleep(unsigned s);", S, ""},
    {"usleep", "unistd.h", "int usleep(unsigned long us);", B, "SLEEP_US"},
    // ---- the library's own helpers, declared by stdlib/prelude.c
    {"__dvm_time", "", "", B, "TIME"},
    {"__dvm_break_time", "", "", B, "BREAK_TIME"},
    {"__dvm_strerror", "", "", B, "STRERROR"},
    {"__dvm_fopen", "", "", B, "C_FOPEN"},
    {"__dvm_strtol", "", "", B, "STRTOL"},
    {"__dvm_strtoul", "", "", B, "STRTOUL"},
    {"__dvm_remove", "", "", B, "C_REMOVE"},
    {"__dvm_rename", "", "", B, "C_RENAME"},
    {"__dvm_assert", "", "", S, ""},
};

// What each header declares besides its functions.
const std::map<std::string, std::string>& preambles() {
  static const std::map<std::string, std::string> p = {
      {"stddef.h",
       "typedef unsigned long size_t;\ntypedef long ptrdiff_t;\ntypedef int wchar_t;\n"
       "#define NULL ((void *)0)\n#define offsetof(t, m) ((size_t)&(((t *)0)->m))\n"},
      {"stdio.h",
       "#include <stddef.h>\ntypedef struct __dvm_FILE FILE;\n" VA_LIST_STRUCT
       "#define stdin ((FILE *)3)\n#define stdout ((FILE *)1)\n#define stderr ((FILE *)2)\n"
       "#define EOF (-1)\n#define BUFSIZ 8192\n#define FILENAME_MAX 4096\n#define FOPEN_MAX 16\n"
       "#define SEEK_SET 0\n#define SEEK_CUR 1\n#define SEEK_END 2\n"},
      {"stdlib.h",
       "#include <stddef.h>\n#define RAND_MAX 2147483647\n#define EXIT_SUCCESS 0\n#define EXIT_FAILURE 1\n"
       "typedef struct { int quot; int rem; } div_t;\ntypedef struct { long quot; long rem; } ldiv_t;\n"
       "typedef struct { long long quot; long long rem; } lldiv_t;\n#define MB_CUR_MAX ((size_t)1)\n"},
      {"string.h", "#include <stddef.h>\n"},
      {"math.h",
       "#define HUGE_VAL (1.0 / 0.0)\n#define INFINITY (1.0f / 0.0f)\n"
       // A quiet NaN with its sign bit clear, as glibc's NAN (x86-64's 0.0 / 0.0 sets it).
       "#define NAN (-(0.0f / 0.0f))\n"
       "#define FP_NAN 0\n#define FP_INFINITE 1\n#define FP_ZERO 2\n#define FP_SUBNORMAL 3\n#define FP_NORMAL 4\n"
       "#define fpclassify(x) __dvm_fpclassify(x)\n#define isnan(x) (__dvm_fpclassify(x) == FP_NAN)\n"
       "#define isinf(x) __dvm_isinf(x)\n#define isfinite(x) (__dvm_fpclassify(x) >= FP_ZERO)\n"
       "#define isnormal(x) (__dvm_fpclassify(x) == FP_NORMAL)\n#define signbit(x) __dvm_signbit(x)\n"
       // POSIX's constants, which real programs use (glibc hides them in strict C11 mode).
       "#define M_E 2.7182818284590452354\n#define M_LOG2E 1.4426950408889634074\n"
       "#define M_LOG10E 0.43429448190325182765\n#define M_LN2 0.69314718055994530942\n"
       "#define M_LN10 2.30258509299404568402\n#define M_PI 3.14159265358979323846\n"
       "#define M_PI_2 1.57079632679489661923\n#define M_PI_4 0.78539816339744830962\n"
       "#define M_1_PI 0.31830988618379067154\n#define M_2_PI 0.63661977236758134308\n"
       "#define M_2_SQRTPI 1.12837916709551257390\n#define M_SQRT2 1.41421356237309504880\n"
       "#define M_SQRT1_2 0.70710678118654752440\n"},
      {"ctype.h", ""},
      {"time.h",
       "#include <stddef.h>\ntypedef long time_t;\ntypedef long clock_t;\n#define CLOCKS_PER_SEC 1000000L\n"
       "struct tm {\n  int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;\n"
       "  long tm_gmtoff;\n  const char *tm_zone;\n};\n"},
      {"unistd.h", ""},
      {"stdarg.h",
       VA_LIST_STRUCT "typedef struct __dvm_va_list va_list[1];\n"
       "#define va_start(ap, last) __dvm_va_start(ap)\n#define va_arg(ap, type) (*(type *)__dvm_va_arg(ap))\n"
       "#define va_end(ap) ((void)(ap))\n#define va_copy(d, s) ((void)(*(d) = *(s)))\n"},
      {"stdbool.h", "#define bool _Bool\n#define true 1\n#define false 0\n#define __bool_true_false_are_defined 1\n"},
      {"stdint.h",
       "typedef signed char int8_t;\ntypedef short int16_t;\ntypedef int int32_t;\ntypedef long int64_t;\n"
       "typedef unsigned char uint8_t;\ntypedef unsigned short uint16_t;\ntypedef unsigned int uint32_t;\n"
       "typedef unsigned long uint64_t;\ntypedef long intptr_t;\ntypedef unsigned long uintptr_t;\n"
       "typedef long intmax_t;\ntypedef unsigned long uintmax_t;\n"
       "#define INT8_MIN (-128)\n#define INT8_MAX 127\n#define UINT8_MAX 255\n"
       "#define INT16_MIN (-32767-1)\n#define INT16_MAX 32767\n#define UINT16_MAX 65535\n"
       "#define INT32_MIN (-2147483647-1)\n#define INT32_MAX 2147483647\n#define UINT32_MAX 4294967295U\n"
       "#define INT64_MIN (-9223372036854775807L-1)\n#define INT64_MAX 9223372036854775807L\n"
       "#define UINT64_MAX 18446744073709551615UL\n#define SIZE_MAX 18446744073709551615UL\n"
       "#define INTMAX_MIN INT64_MIN\n#define INTMAX_MAX INT64_MAX\n#define UINTMAX_MAX UINT64_MAX\n"
       "#define INTPTR_MIN INT64_MIN\n#define INTPTR_MAX INT64_MAX\n#define UINTPTR_MAX UINT64_MAX\n"
       "#define INT64_C(x) x ## L\n#define UINT64_C(x) x ## UL\n#define INT32_C(x) x\n#define UINT32_C(x) x ## U\n"
       // The least and fast types as glibc has them on x86-64 (fast 16 and 32 are long).
       "typedef signed char int_least8_t;\ntypedef short int_least16_t;\ntypedef int int_least32_t;\n"
       "typedef long int_least64_t;\ntypedef unsigned char uint_least8_t;\ntypedef unsigned short uint_least16_t;\n"
       "typedef unsigned int uint_least32_t;\ntypedef unsigned long uint_least64_t;\n"
       "typedef signed char int_fast8_t;\ntypedef long int_fast16_t;\ntypedef long int_fast32_t;\n"
       "typedef long int_fast64_t;\ntypedef unsigned char uint_fast8_t;\ntypedef unsigned long uint_fast16_t;\n"
       "typedef unsigned long uint_fast32_t;\ntypedef unsigned long uint_fast64_t;\n"
       "#define INT_LEAST8_MIN INT8_MIN\n#define INT_LEAST8_MAX INT8_MAX\n#define UINT_LEAST8_MAX UINT8_MAX\n"
       "#define INT_LEAST16_MIN INT16_MIN\n#define INT_LEAST16_MAX INT16_MAX\n#define UINT_LEAST16_MAX UINT16_MAX\n"
       "#define INT_LEAST32_MIN INT32_MIN\n#define INT_LEAST32_MAX INT32_MAX\n#define UINT_LEAST32_MAX UINT32_MAX\n"
       "#define INT_LEAST64_MIN INT64_MIN\n#define INT_LEAST64_MAX INT64_MAX\n#define UINT_LEAST64_MAX UINT64_MAX\n"
       "#define INT_FAST8_MIN INT8_MIN\n#define INT_FAST8_MAX INT8_MAX\n#define UINT_FAST8_MAX UINT8_MAX\n"
       "#define INT_FAST16_MIN INT64_MIN\n#define INT_FAST16_MAX INT64_MAX\n#define UINT_FAST16_MAX UINT64_MAX\n"
       "#define INT_FAST32_MIN INT64_MIN\n#define INT_FAST32_MAX INT64_MAX\n#define UINT_FAST32_MAX UINT64_MAX\n"
       "#define INT_FAST64_MIN INT64_MIN\n#define INT_FAST64_MAX INT64_MAX\n#define UINT_FAST64_MAX UINT64_MAX\n"
       "#define PTRDIFF_MIN INT64_MIN\n#define PTRDIFF_MAX INT64_MAX\n"
       "#define SIG_ATOMIC_MIN INT32_MIN\n#define SIG_ATOMIC_MAX INT32_MAX\n"
       "#define WCHAR_MIN INT32_MIN\n#define WCHAR_MAX INT32_MAX\n#define WINT_MIN 0U\n#define WINT_MAX UINT32_MAX\n"
       "#define INT8_C(x) x\n#define INT16_C(x) x\n#define UINT8_C(x) x\n#define UINT16_C(x) x\n"
       "#define INTMAX_C(x) x ## L\n#define UINTMAX_C(x) x ## UL\n"},
      {"inttypes.h",
       "#include <stdint.h>\n"
       "#define PRId8 \"d\"\n#define PRId16 \"d\"\n#define PRId32 \"d\"\n#define PRId64 \"ld\"\n"
       "#define PRIi8 \"i\"\n#define PRIi16 \"i\"\n#define PRIi32 \"i\"\n#define PRIi64 \"li\"\n"
       "#define PRIu8 \"u\"\n#define PRIu16 \"u\"\n#define PRIu32 \"u\"\n#define PRIu64 \"lu\"\n"
       "#define PRIx8 \"x\"\n#define PRIx16 \"x\"\n#define PRIx32 \"x\"\n#define PRIx64 \"lx\"\n"
       "#define PRIX8 \"X\"\n#define PRIX16 \"X\"\n#define PRIX32 \"X\"\n#define PRIX64 \"lX\"\n"
       "#define PRIo32 \"o\"\n#define PRIo64 \"lo\"\n#define PRIdMAX \"ld\"\n#define PRIuMAX \"lu\"\n"
       "#define SCNd32 \"d\"\n#define SCNd64 \"ld\"\n#define SCNu32 \"u\"\n#define SCNu64 \"lu\"\n"},
      {"limits.h",
       "#define CHAR_BIT 8\n#define SCHAR_MIN (-128)\n#define SCHAR_MAX 127\n#define UCHAR_MAX 255\n"
       "#define CHAR_MIN (-128)\n#define CHAR_MAX 127\n#define SHRT_MIN (-32768)\n#define SHRT_MAX 32767\n"
       "#define USHRT_MAX 65535\n#define INT_MIN (-2147483647-1)\n#define INT_MAX 2147483647\n"
       "#define UINT_MAX 4294967295U\n#define LONG_MIN (-9223372036854775807L-1)\n"
       "#define LONG_MAX 9223372036854775807L\n#define ULONG_MAX 18446744073709551615UL\n"
       "#define LLONG_MIN (-9223372036854775807LL-1)\n#define LLONG_MAX 9223372036854775807LL\n"
       "#define ULLONG_MAX 18446744073709551615ULL\n#define MB_LEN_MAX 16\n"},
      {"float.h",
       "#define FLT_RADIX 2\n#define FLT_MANT_DIG 24\n#define DBL_MANT_DIG 53\n#define FLT_DIG 6\n#define DBL_DIG 15\n"
       "#define FLT_EPSILON 1.19209289550781250000e-7F\n#define DBL_EPSILON 2.22044604925031308085e-16\n"
       "#define FLT_MIN 1.17549435082228750797e-38F\n#define DBL_MIN 2.22507385850720138309e-308\n"
       "#define FLT_MAX 3.40282346638528859812e+38F\n#define DBL_MAX 1.79769313486231570815e+308\n"
       "#define FLT_MIN_EXP (-125)\n#define DBL_MIN_EXP (-1021)\n#define FLT_MAX_EXP 128\n#define DBL_MAX_EXP 1024\n"
       "#define FLT_MIN_10_EXP (-37)\n#define DBL_MIN_10_EXP (-307)\n#define FLT_MAX_10_EXP 38\n"
       "#define DBL_MAX_10_EXP 308\n#define DECIMAL_DIG 21\n#define FLT_EVAL_METHOD 0\n"},
      {"iso646.h",
       "#define and &&\n#define and_eq &=\n#define bitand &\n#define bitor |\n#define compl ~\n#define not !\n"
       "#define not_eq !=\n#define or ||\n#define or_eq |=\n#define xor ^\n#define xor_eq ^=\n"},
      {"stdnoreturn.h", "#define noreturn _Noreturn\n"},
      // The library sets no error numbers: errno is the program's own (0 until it sets it).
      {"errno.h",
       "#define EPERM 1\n#define ENOENT 2\n#define EIO 5\n#define EBADF 9\n#define EACCES 13\n#define EEXIST 17\n"
       "#define ENOTDIR 20\n#define EISDIR 21\n#define EINVAL 22\n#define EMFILE 24\n#define ENOSPC 28\n"
       "#define EDOM 33\n#define ERANGE 34\n#define ENAMETOOLONG 36\n#define ENOTEMPTY 39\n#define EILSEQ 84\n"
       "#define errno (*__dvm_errno_location())\n"},

      {"dvm.h", "void dvm_serve(void);\n"},  // remote procedures: serve calls (frontend/c_remote.cpp)
  };
  return p;
}

// Standard functions of the headers above that dvm does not provide.
const std::map<std::string, const char*>& unprovided() {
  static const std::map<std::string, const char*> m = [] {
    std::map<std::string, const char*> out;
    const std::vector<std::pair<const char*, std::vector<const char*>>> lists = {
        {"stdio.h", {"freopen", "fgetpos", "fsetpos", "clearerr", "tmpfile", "tmpnam", "setbuf", "setvbuf",
                     "gets",
                     "getline", "getdelim", "fdopen", "fileno", "popen", "pclose", "dprintf"}},
        {"stdlib.h", {"system", "atexit", "at_quick_exit", "quick_exit", "_Exit", "strtof", "strtold",
                      "mblen", "mbtowc", "wctomb", "mbstowcs", "wcstombs", "aligned_alloc", "random", "srandom",
                      "drand48", "srand48", "setenv", "unsetenv", "realpath", "mkstemp"}},
        {"string.h", {"strxfrm", "strerror_r", "strsep", "strcasecmp", "strncasecmp", "strnlen", "stpcpy",
                      "memccpy", "mempcpy", "strsignal"}},
        {"math.h", {"nexttoward", "nexttowardf", "remquo", "remquof", "logbf", "ilogbf", "scalblnf", "sqrtl",
                    "powl", "fabsl"}},
        {"time.h", {"timespec_get", "localtime_r", "gmtime_r", "asctime_r", "ctime_r", "nanosleep",
                    "clock_gettime", "tzset"}},
        {"unistd.h", {"read", "write", "open", "close", "fork", "exec", "execv", "execvp", "getpid", "pipe",
                      "dup", "dup2", "access", "unlink", "chdir", "getcwd", "lseek"}},
        {"ctype.h", {"isascii", "toascii"}},
    };
    for (const auto& [header, names] : lists)
      for (const char* n : names) out[n] = header;
    return out;
  }();
  return m;
}

// Headers that refuse to be used: what they are for is not in the subset.
const std::map<std::string, const char*>& refused_headers() {
  static const std::map<std::string, const char*> m = {
      {"setjmp.h", "setjmp and longjmp"},
      {"signal.h", "signals"},
      {"threads.h", "threads"},
      {"pthread.h", "threads"},
      {"complex.h", "complex numbers"},
      {"wchar.h", "wide characters"},
      {"locale.h", "locales"},
  };
  return m;
}

std::string make_header(const std::string& name) {
  auto refused = refused_headers().find(name);
  if (refused != refused_headers().end())
    return "#error \"unsupported: <" + name + "> (" + refused->second + ")\"\n";
  std::string guard = "__DVM_";
  for (char ch : name) guard += std::isalnum(static_cast<unsigned char>(ch)) ? static_cast<char>(std::toupper(ch)) : '_';
  std::string text = "#ifndef " + guard + "\n#define " + guard + "\n" + preambles().at(name);
  for (const LibFunction& f : kFunctions)
    if (name == f.header) text += std::string(f.prototype) + "\n";
  return text + "#endif\n";
}

}  // namespace

const LibFunction* library_function(const std::string& name) {
  static const std::map<std::string, const LibFunction*> by_name = [] {
    std::map<std::string, const LibFunction*> m;
    for (const LibFunction& f : kFunctions) m[f.name] = &f;
    return m;
  }();
  auto it = by_name.find(name);
  return it == by_name.end() ? nullptr : it->second;
}

const std::string* builtin_header(const std::string& name) {
  static const std::map<std::string, std::string> headers = [] {
    std::map<std::string, std::string> m;
    for (const auto& [header, text] : preambles()) m[header] = make_header(header);
    for (const auto& [header, why] : refused_headers()) m[header] = make_header(header);
    // assert.h has no guard: each inclusion redefines assert for NDEBUG as it is then.
    m["assert.h"] = "#undef assert\n#ifdef NDEBUG\n#define assert(e) ((void)0)\n#else\n"
                    "#define assert(e) __dvm_assert(e, #e)\n#endif\n";
    return m;
  }();
  auto it = headers.find(name);
  return it == headers.end() ? nullptr : &it->second;
}

const char* unprovided_function_header(const std::string& name) {
  auto it = unprovided().find(name);
  return it == unprovided().end() ? nullptr : it->second;
}

const char* provided_function_header(const std::string& name) {
  const LibFunction* f = library_function(name);
  return f && f->header[0] ? f->header : nullptr;
}

}  // namespace dvm::c
