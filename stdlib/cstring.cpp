// <string.h>, <ctype.h> and the string conversions of <stdlib.h>, on program
// memory.  Every byte is checked to be inside memory before it is touched;
// the comparisons and conversions then run the host's (glibc's) functions on
// the checked bytes, so results (strcmp's magnitudes, isdigit's 2048) are
// glibc's.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cerrno>
#include <cstring>

#include "stdlib/clib.h"
#include "vm/instance.h"
#include "vm/memcheck.h"

namespace dvm {

// ---- shared helpers (clib.h)

namespace clib {

bool check_range(Instance& vm, uint64_t addr, uint64_t n) {
  if (n == 0) return true;
  if (!vm.mem.valid(addr, n)) return vm.fail(Memory::fault(addr));
  return !vm.memcheck || checked(vm, addr, n);
}

// --check-memory: the bytes a library function touches must be addressable
// too (the call being made is the frame's current instruction).
bool checked(Instance& vm, uint64_t addr, uint64_t n) {
  if (vm.memcheck->ok(addr, n)) return true;
  return vm.fail(vm.memcheck->fault(vm.top_frame->proc, vm.top_frame->pc, addr, n));
}

char* host(Instance& vm, uint64_t addr) { return reinterpret_cast<char*>(vm.mem.at(addr)); }

bool c_string_upto(Instance& vm, uint64_t addr, uint64_t max, const char** p, uint64_t* len) {
  if (max == 0) {
    *p = "";
    *len = 0;
    return true;
  }
  if (!check_range(vm, addr, 1)) return false;
  uint64_t room = vm.mem.end() - addr;
  uint64_t scan = room < max ? room : max;
  const char* s = host(vm, addr);
  const void* nul = std::memchr(s, 0, scan);
  if (!nul && scan < max) return vm.fail(RtError::BadAddress);  // runs off the end of memory
  *p = s;
  *len = nul ? static_cast<uint64_t>(static_cast<const char*>(nul) - s) : scan;
  return !vm.memcheck || checked(vm, addr, *len + (nul ? 1 : 0));
}

bool c_string(Instance& vm, uint64_t addr, const char** p, uint64_t* len) {
  return c_string_upto(vm, addr, UINT64_MAX, p, len);
}

}  // namespace clib

using namespace clib;

namespace {

// The string's bytes with their NUL (for the host functions that need it).
bool whole(Instance& vm, uint64_t addr, const char** p) {
  uint64_t len;
  return c_string(vm, addr, p, &len);
}

}  // namespace

// ---- string.h

bool bi_STRLEN(Instance& vm, Value* r) {
  const char* p;
  uint64_t len;
  if (!c_string(vm, r[0].u, &p, &len)) return false;
  r[n_STRLEN].u = len;
  return true;
}

bool bi_STRCMP(Instance& vm, Value* r) {
  const char *a, *b;
  if (!whole(vm, r[0].u, &a) || !whole(vm, r[1].u, &b)) return false;
  r[n_STRCMP].i = std::strcmp(a, b);
  return true;
}

// Only the first n bytes of each need be there (or up to a NUL).
bool bi_STRNCMP(Instance& vm, Value* r) {
  const char *a, *b;
  uint64_t la, lb, n = r[2].u;
  if (!c_string_upto(vm, r[0].u, n, &a, &la) || !c_string_upto(vm, r[1].u, n, &b, &lb)) return false;
  // Compared on copies: a bounded string need not be NUL-terminated inside memory.
  std::string ca(a, la), cb(b, lb);
  r[n_STRNCMP].i = std::strncmp(ca.c_str(), cb.c_str(), n);
  return true;
}

// Overlapping copies are undefined in C; memmove makes them harmless here.
bool bi_STRCPY(Instance& vm, Value* r) {
  const char* src;
  uint64_t len;
  if (!c_string(vm, r[1].u, &src, &len) || !check_range(vm, r[0].u, len + 1)) return false;
  std::memmove(host(vm, r[0].u), src, len + 1);
  r[n_STRCPY].u = r[0].u;
  return true;
}

// Copies at most n bytes and pads with NULs to n, as C's strncpy.
bool bi_STRNCPY(Instance& vm, Value* r) {
  uint64_t dst = r[0].u, n = r[2].u;
  const char* src;
  uint64_t len;
  if (!c_string_upto(vm, r[1].u, n, &src, &len) || !check_range(vm, dst, n)) return false;
  std::memmove(host(vm, dst), src, len);
  std::memset(host(vm, dst) + len, 0, n - len);
  r[n_STRNCPY].u = dst;
  return true;
}

bool bi_STRCAT(Instance& vm, Value* r) {
  const char *d, *s;
  uint64_t dlen, slen;
  if (!c_string(vm, r[0].u, &d, &dlen) || !c_string(vm, r[1].u, &s, &slen)) return false;
  if (!check_range(vm, r[0].u + dlen, slen + 1)) return false;
  std::memmove(host(vm, r[0].u + dlen), s, slen + 1);
  r[n_STRCAT].u = r[0].u;
  return true;
}

// strchr(s, 0) finds the terminating NUL, as C's does.
bool bi_STRCHR(Instance& vm, Value* r) {
  const char* p;
  uint64_t len;
  if (!c_string(vm, r[0].u, &p, &len)) return false;
  const char* at = static_cast<const char*>(std::memchr(p, static_cast<char>(r[1].u), len + 1));
  r[n_STRCHR].u = at ? r[0].u + static_cast<uint64_t>(at - p) : 0;
  return true;
}

bool bi_STRRCHR(Instance& vm, Value* r) {
  const char* p;
  uint64_t len;
  if (!c_string(vm, r[0].u, &p, &len)) return false;
  const char* at = std::strrchr(p, static_cast<char>(r[1].u));
  r[n_STRRCHR].u = at ? r[0].u + static_cast<uint64_t>(at - p) : 0;
  return true;
}

bool bi_STRSTR(Instance& vm, Value* r) {
  const char *h, *n;
  if (!whole(vm, r[0].u, &h) || !whole(vm, r[1].u, &n)) return false;
  const char* at = std::strstr(h, n);
  r[n_STRSTR].u = at ? r[0].u + static_cast<uint64_t>(at - h) : 0;
  return true;
}

bool bi_MEMCPY(Instance& vm, Value* r) {
  uint64_t n = r[2].u;
  if (!check_range(vm, r[0].u, n) || !check_range(vm, r[1].u, n)) return false;
  if (n) std::memmove(host(vm, r[0].u), host(vm, r[1].u), n);
  r[n_MEMCPY].u = r[0].u;
  return true;
}

bool bi_MEMMOVE(Instance& vm, Value* r) {
  uint64_t n = r[2].u;
  if (!check_range(vm, r[0].u, n) || !check_range(vm, r[1].u, n)) return false;
  if (n) std::memmove(host(vm, r[0].u), host(vm, r[1].u), n);
  r[n_MEMMOVE].u = r[0].u;
  return true;
}

bool bi_MEMSET(Instance& vm, Value* r) {
  uint64_t n = r[2].u;
  if (!check_range(vm, r[0].u, n)) return false;
  if (n) std::memset(host(vm, r[0].u), static_cast<int>(r[1].u & 0xff), n);
  r[n_MEMSET].u = r[0].u;
  return true;
}

bool bi_MEMCMP(Instance& vm, Value* r) {
  uint64_t n = r[2].u;
  if (!check_range(vm, r[0].u, n) || !check_range(vm, r[1].u, n)) return false;
  r[n_MEMCMP].i = n ? std::memcmp(host(vm, r[0].u), host(vm, r[1].u), n) : 0;
  return true;
}

// ---- ctype.h: glibc's C-locale tables, defined for EOF and -128..255;
// other values are undefined in C and classify as nothing here.  The
// classifications read the table as glibc's ctype.h macros do, so the values
// are the same bit masks a gcc-built program sees (isdigit('7') == 2048), not
// the 0/1 of a compiler's built-in.

namespace {

bool in_ctype_range(int64_t c) { return c >= -128 && c <= 255; }

template <int kMask>
bool classify(Value* r) {
  int64_t c = r[0].i;
  r[1].i = in_ctype_range(c) ? ((*__ctype_b_loc())[c] & kMask) : 0;
  return true;
}

template <int (*F)(int)>
bool convert_case(Value* r) {
  int64_t c = r[0].i;
  r[1].i = in_ctype_range(c) ? F(static_cast<int>(c)) : c;
  return true;
}

int host_toupper(int c) { return toupper(c); }
int host_tolower(int c) { return tolower(c); }

}  // namespace

bool bi_ISDIGIT(Instance&, Value* r) { return classify<_ISdigit>(r); }
bool bi_ISALPHA(Instance&, Value* r) { return classify<_ISalpha>(r); }
bool bi_ISALNUM(Instance&, Value* r) { return classify<_ISalnum>(r); }
bool bi_ISSPACE(Instance&, Value* r) { return classify<_ISspace>(r); }
bool bi_ISUPPER(Instance&, Value* r) { return classify<_ISupper>(r); }
bool bi_ISLOWER(Instance&, Value* r) { return classify<_ISlower>(r); }
bool bi_ISPUNCT(Instance&, Value* r) { return classify<_ISpunct>(r); }
bool bi_ISXDIGIT(Instance&, Value* r) { return classify<_ISxdigit>(r); }
bool bi_ISCNTRL(Instance&, Value* r) { return classify<_IScntrl>(r); }
bool bi_ISPRINT(Instance&, Value* r) { return classify<_ISprint>(r); }
bool bi_ISGRAPH(Instance&, Value* r) { return classify<_ISgraph>(r); }
bool bi_ISBLANK(Instance&, Value* r) { return classify<_ISblank>(r); }
bool bi_TOUPPER(Instance&, Value* r) { return convert_case<host_toupper>(r); }
bool bi_TOLOWER(Instance&, Value* r) { return convert_case<host_tolower>(r); }

// ---- conversions

// strtol(s, endp, base): *endp (when endp is not NULL) gets the address after
// the number, or s itself when there is none; glibc leaves it alone for a bad
// base.  A value out of range sets the program's errno (at r[3]) to ERANGE.
template <typename T, T (*convert)(const char*, char**, int)>
bool string_to_integer(Instance& vm, Value* r, T* out) {
  const char* s;
  uint64_t endp = r[1].u, err = r[3].u;
  if (!whole(vm, r[0].u, &s)) return false;
  if (endp && !check_range(vm, endp, 8)) return false;
  if (err && !check_range(vm, err, 4)) return false;
  char* end = nullptr;
  errno = 0;
  *out = convert(s, &end, static_cast<int>(r[2].i));
  if (errno == ERANGE && err) vm.mem.store<int32_t>(err, ERANGE);
  if (endp && end) vm.mem.store<uint64_t>(endp, r[0].u + static_cast<uint64_t>(end - s));
  return true;
}

bool bi_STRTOL(Instance& vm, Value* r) { return string_to_integer<long, std::strtol>(vm, r, &r[n_STRTOL].i); }

// glibc's atoi is (int) strtol(s, NULL, 10).
bool bi_ATOI(Instance& vm, Value* r) {
  const char* s;
  if (!whole(vm, r[0].u, &s)) return false;
  r[n_ATOI].i = static_cast<int>(std::strtol(s, nullptr, 10));
  return true;
}

bool bi_ATOL(Instance& vm, Value* r) {
  const char* s;
  if (!whole(vm, r[0].u, &s)) return false;
  r[n_ATOL].i = std::strtol(s, nullptr, 10);
  return true;
}

// strtoul: glibc's, a leading minus included (it negates the result).
bool bi_STRTOUL(Instance& vm, Value* r) {
  unsigned long v;
  if (!string_to_integer<unsigned long, std::strtoul>(vm, r, &v)) return false;
  r[n_STRTOUL].u = v;
  return true;
}

// strtod and atof read numbers the C locale's way, hexadecimal and inf/nan included.
bool bi_STRTOD(Instance& vm, Value* r) {
  const char* s;
  uint64_t endp = r[1].u;
  if (!whole(vm, r[0].u, &s)) return false;
  if (endp && !check_range(vm, endp, 8)) return false;
  char* end = nullptr;
  double v = std::strtod(s, &end);
  if (endp && end) vm.mem.store<uint64_t>(endp, r[0].u + static_cast<uint64_t>(end - s));
  r[n_STRTOD].f = v;
  return true;
}

bool bi_ATOF(Instance& vm, Value* r) {
  const char* s;
  if (!whole(vm, r[0].u, &s)) return false;
  r[n_ATOF].f = std::strtod(s, nullptr);
  return true;
}

// glibc's message for error number e ("Success", "Unknown error 1234", ...),
// cut to the buffer with a NUL.
bool bi_STRERROR(Instance& vm, Value* r) {
  uint64_t buf = r[1].u, size = r[2].u;
  if (size == 0) return true;
  if (!check_range(vm, buf, size)) return false;
  char text[256];
  const char* msg = strerror_r(static_cast<int>(r[0].i), text, sizeof text);
  size_t n = std::min<size_t>(std::strlen(msg), size - 1);
  std::memcpy(host(vm, buf), msg, n);
  host(vm, buf)[n] = '\0';
  return true;
}

}  // namespace dvm
