// The C library builtins (the second part of stdlib/builtins.def) and the
// helpers they share: every pointer a C program passes is a program-memory
// address, checked before any byte of it is touched.
#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>

#include "stdlib/builtins.h"

namespace dvm {

class Instance;
class Input;
class Output;
union Value;

namespace clib {

// The argument count of each builtin, so results land in r[n].
#define DVM_ARITY(...) static_cast<int>(std::initializer_list<int>{__VA_ARGS__}.size())
#define BUILTIN(name, result, params, meaning) constexpr int n_##name = DVM_ARITY params;
namespace kinds {
constexpr int I = 0, F = 1, S = 2;
#include "stdlib/builtins.def"
}  // namespace kinds
#undef BUILTIN
#undef DVM_ARITY
using namespace kinds;

constexpr int kEof = -1;
// C's streams: FILE * values in the null page, so a program can never
// dereference one.  Files fopen opened are kFirstFile + handle - 1
// (vm/textfiles.h's handles).
constexpr int64_t kStdout = 1, kStderr = 2, kStdin = 3, kFirstFile = 16;

// True when [addr, addr + n) is program memory (n == 0 always is); else
// records the fault (nil dereference below 4096, out of bounds otherwise).
// With --check-memory the range must also be addressable (vm/memcheck.h).
bool check_range(Instance& vm, uint64_t addr, uint64_t n);
// The memory-checking part of check_range (the instance has a MemoryCheck).
bool checked(Instance& vm, uint64_t addr, uint64_t n);
// The NUL-terminated string at addr: its bytes and length (without the NUL).
// Fails (recording the fault) when the string runs off the end of memory.
bool c_string(Instance& vm, uint64_t addr, const char** p, uint64_t* len);
// At most `max` bytes of the string at addr (a shorter one ends at its NUL):
// for precisions and strncmp, where the bytes need not be NUL-terminated.
bool c_string_upto(Instance& vm, uint64_t addr, uint64_t max, const char** p, uint64_t* len);
// Host pointer to validated memory.
char* host(Instance& vm, uint64_t addr);
// The Input a stream reads (stdin's, or a file's opened for reading) and the
// Output it writes (vm.out, vm.err, or a file's opened for writing); null,
// with the runtime error recorded, for anything else.
Input* in_stream(Instance& vm, int64_t stream);
Output* out_stream(Instance& vm, int64_t stream);

}  // namespace clib

// One function per C builtin (bi_NAME, as builtins.cpp's table expects).
#define DVM_C_BUILTINS(X)                                                                    \
  X(PRINTF) X(FPRINTF) X(SPRINTF) X(SNPRINTF) X(SCANF) X(PUTS) X(PUTCHAR) X(GETCHAR)          \
  X(FGETS) X(FFLUSH) X(MALLOC) X(CALLOC) X(REALLOC) X(FREE) X(ATOI) X(ATOL) X(STRTOL)         \
  X(RAND) X(SRAND) X(STRLEN) X(STRCMP) X(STRNCMP) X(STRCPY) X(STRNCPY) X(STRCAT) X(STRCHR)    \
  X(STRRCHR) X(STRSTR) X(MEMCPY) X(MEMMOVE) X(MEMSET) X(MEMCMP) X(POW) X(FLOOR) X(CEIL)      \
  X(TAN) X(ATAN) X(ATAN2) X(LOG) X(FMOD) X(SQRTC) X(EXPC) X(ISDIGIT) X(ISALPHA) X(ISALNUM)   \
  X(ISSPACE) X(ISUPPER) X(ISLOWER) X(TOUPPER) X(TOLOWER) X(SLEEP_US) X(C_EXIT_FLUSH)          \
  X(FGETC) X(UNGETC) X(FEOF) X(FERROR) X(SSCANF) X(FSCANF) X(ATOF) X(STRTOD) X(STRTOUL)       \
  X(ROUND) X(TRUNC) X(RINT) X(LROUND) X(LRINT) X(ASIN) X(ACOS) X(SINH) X(COSH) X(TANH)        \
  X(ASINH) X(ACOSH) X(ATANH) X(EXP2) X(EXPM1) X(LOG10) X(LOG2) X(LOG1P) X(CBRT) X(ERF)        \
  X(ERFC) X(TGAMMA) X(LGAMMA) X(HYPOT) X(REMAINDER) X(FMIN) X(FMAX) X(FDIM) X(COPYSIGN)       \
  X(NEXTAFTER) X(FMA) X(LDEXP) X(FREXP) X(MODF) X(FPCLASSIFY) X(ISINF) X(SIGNBIT) X(ISPUNCT)  \
  X(ISXDIGIT) X(ISCNTRL) X(ISPRINT) X(ISGRAPH) X(ISBLANK) X(CLOCK) X(TIME) X(BREAK_TIME)     \
  X(MKTIME) X(STRFTIME) X(STRERROR) X(ASSERT_FAILED) X(SINF) X(COSF) X(TANF) X(ASINF) X(ACOSF) X(ATANF) X(EXPF) X(LOGF) X(LOG10F) X(LOG2F) X(SINHF) X(COSHF) X(TANHF) X(ASINHF) X(ACOSHF) X(ATANHF) X(EXP2F) X(EXPM1F) X(LOG1PF) X(CBRTF) X(ERFF) X(ERFCF) X(TGAMMAF) X(LGAMMAF) X(ATAN2F) X(POWF) X(HYPOTF) X(FMAF) \
  X(C_FOPEN) X(C_FCLOSE) X(C_FREAD) X(C_FWRITE) X(C_FSEEK) X(C_FTELL) X(C_REMOVE) X(C_RENAME) X(C_GETENV)
#define DVM_DECLARE_BUILTIN(name) bool bi_##name(Instance& vm, Value* r);
DVM_C_BUILTINS(DVM_DECLARE_BUILTIN)
#undef DVM_DECLARE_BUILTIN

}  // namespace dvm
