// <stdlib.h> memory and random numbers, <math.h>, <unistd.h> sleeping.
// malloc and friends use the VM heap (vm/heap.h), whose bookkeeping lives
// outside program memory: freeing anything but a live block is detected.
#include <cmath>
#include <cstring>

#include "stdlib/clib.h"
#include "vm/instance.h"

namespace dvm {

using namespace clib;

// ---- memory

// The host's environment, as the program's process sees it.
bool bi_C_GETENV(Instance& vm, Value* r) {
  const char* name;
  uint64_t len;
  if (!clib::c_string(vm, r[0].u, &name, &len)) return false;
  std::string key(name, len);
  const char* value = key.find('=') == std::string::npos ? std::getenv(key.c_str()) : nullptr;
  if (!value) return r[n_C_GETENV].u = 0, true;
  auto& known = vm.clib.environment[key];
  if (known.second == 0 || known.first != value) {
    size_t n = std::strlen(value);
    uint64_t block = vm.heap.alloc(n + 1, false);
    if (block == 0) return r[n_C_GETENV].u = 0, true;
    std::memcpy(vm.mem.at(block), value, n + 1);
    known = {value, block};
  }
  r[n_C_GETENV].u = known.second;
  return true;
}

bool bi_MALLOC(Instance& vm, Value* r) {
  r[n_MALLOC].u = vm.heap.alloc(r[0].u, false);  // 0 when memory runs out: NULL
  return true;
}

bool bi_CALLOC(Instance& vm, Value* r) {
  unsigned __int128 total = static_cast<unsigned __int128>(r[0].u) * r[1].u;
  r[n_CALLOC].u = total > UINT64_MAX ? 0 : vm.heap.alloc(static_cast<uint64_t>(total), true);
  return true;
}

bool bi_FREE(Instance& vm, Value* r) {
  uint64_t p = r[0].u;
  return p == 0 || vm.heap.free(p) || vm.fail(RtError::BadFree);
}

// glibc's realloc: NULL allocates, size 0 frees (and gives NULL), a block
// that is big enough stays where it is, failure leaves the old block alone.
bool bi_REALLOC(Instance& vm, Value* r) {
  uint64_t p = r[0].u, size = r[1].u;
  Value& result = r[n_REALLOC];
  if (p == 0) return result.u = vm.heap.alloc(size, false), true;
  if (!vm.heap.is_live(p)) return vm.fail(RtError::BadFree);
  if (size == 0) {
    vm.heap.free(p);
    result.u = 0;
    return true;
  }
  uint64_t have = vm.heap.usable_size(p);
  if (size <= have) return result.u = p, true;
  uint64_t q = vm.heap.alloc(size, false);
  if (q) {
    std::memcpy(vm.mem.at(q), vm.mem.at(p), have);
    vm.heap.free(p);
  }
  result.u = q;
  return true;
}

// ---- rand: glibc's TYPE_3 additive feedback generator (random_r.c), 31
// words of state, r[i] = r[i-31] + r[i-3] with the lowest bit dropped.

namespace {

constexpr int kRandDeg = 31, kRandSep = 3;

// srandom_r: the state from a Lehmer generator (16807 * x mod 2^31 - 1, by
// Schrage's method), then 310 outputs discarded.  glibc's word is an int32_t,
// so seeds from 2^31 up start negative (and C's division truncates).
void seed_rand(CLibState& c, uint32_t seed) {
  if (seed == 0) seed = 1;
  c.rand_state[0] = static_cast<int32_t>(seed);
  int32_t word = static_cast<int32_t>(seed);
  for (int i = 1; i < kRandDeg; i++) {
    int64_t hi = word / 127773, lo = word % 127773;
    word = static_cast<int32_t>(16807 * lo - 2836 * hi);
    if (word < 0) word += 2147483647;
    c.rand_state[i] = word;
  }
  c.rand_front = kRandSep;
  c.rand_rear = 0;
  c.rand_seeded = true;
  for (int i = 0; i < 10 * kRandDeg; i++) {
    uint32_t v = static_cast<uint32_t>(c.rand_state[c.rand_front]) + static_cast<uint32_t>(c.rand_state[c.rand_rear]);
    c.rand_state[c.rand_front] = static_cast<int32_t>(v);
    c.rand_front = (c.rand_front + 1) % kRandDeg;
    c.rand_rear = (c.rand_rear + 1) % kRandDeg;
  }
}

int32_t next_rand(CLibState& c) {
  if (!c.rand_seeded) seed_rand(c, 1);  // a program that never calls srand: as srand(1)
  uint32_t v = static_cast<uint32_t>(c.rand_state[c.rand_front]) + static_cast<uint32_t>(c.rand_state[c.rand_rear]);
  c.rand_state[c.rand_front] = static_cast<int32_t>(v);
  c.rand_front = (c.rand_front + 1) % kRandDeg;
  c.rand_rear = (c.rand_rear + 1) % kRandDeg;
  return static_cast<int32_t>(v >> 1);
}

}  // namespace

bool bi_RAND(Instance& vm, Value* r) {
  r[n_RAND].i = next_rand(vm.clib);
  return true;
}

bool bi_SRAND(Instance& vm, Value* r) {
  seed_rand(vm.clib, static_cast<uint32_t>(r[0].u));
  return true;
}

// ---- math.h: the host's libm (glibc's), so NaN, infinities and last bits are C's.

bool bi_POW(Instance&, Value* r) { return r[n_POW].f = std::pow(r[0].f, r[1].f), true; }

// assert(e): the message names the expression as written.
bool bi_ASSERT_FAILED(Instance& vm, Value* r) {
  const char* p;
  uint64_t len;
  if (c_string(vm, r[0].u, &p, &len)) vm.error_detail = std::string(p, len);
  return vm.fail(RtError::AssertFailed);
}

namespace {
// <math.h> functions of one and two doubles, as glibc computes them.
template <double (*F)(double), int N>
bool math1(Value* r) {
  r[N].f = F(r[0].f);
  return true;
}
template <double (*F)(double, double), int N>
bool math2(Value* r) {
  r[N].f = F(r[0].f, r[1].f);
  return true;
}
// Their float forms: glibc's own float functions, whose results are not
// always the double result rounded to float.
template <float (*F)(float), int N>
bool mathf1(Value* r) {
  r[N].f = F(static_cast<float>(r[0].f));
  return true;
}
template <float (*F)(float, float), int N>
bool mathf2(Value* r) {
  r[N].f = F(static_cast<float>(r[0].f), static_cast<float>(r[1].f));
  return true;
}
}  // namespace

bool bi_SINF(Instance&, Value* r) { return mathf1<::sinf, n_SINF>(r); }
bool bi_COSF(Instance&, Value* r) { return mathf1<::cosf, n_COSF>(r); }
bool bi_TANF(Instance&, Value* r) { return mathf1<::tanf, n_TANF>(r); }
bool bi_ASINF(Instance&, Value* r) { return mathf1<::asinf, n_ASINF>(r); }
bool bi_ACOSF(Instance&, Value* r) { return mathf1<::acosf, n_ACOSF>(r); }
bool bi_ATANF(Instance&, Value* r) { return mathf1<::atanf, n_ATANF>(r); }
bool bi_EXPF(Instance&, Value* r) { return mathf1<::expf, n_EXPF>(r); }
bool bi_LOGF(Instance&, Value* r) { return mathf1<::logf, n_LOGF>(r); }
bool bi_LOG10F(Instance&, Value* r) { return mathf1<::log10f, n_LOG10F>(r); }
bool bi_LOG2F(Instance&, Value* r) { return mathf1<::log2f, n_LOG2F>(r); }
bool bi_SINHF(Instance&, Value* r) { return mathf1<::sinhf, n_SINHF>(r); }
bool bi_COSHF(Instance&, Value* r) { return mathf1<::coshf, n_COSHF>(r); }
bool bi_TANHF(Instance&, Value* r) { return mathf1<::tanhf, n_TANHF>(r); }
bool bi_ASINHF(Instance&, Value* r) { return mathf1<::asinhf, n_ASINHF>(r); }
bool bi_ACOSHF(Instance&, Value* r) { return mathf1<::acoshf, n_ACOSHF>(r); }
bool bi_ATANHF(Instance&, Value* r) { return mathf1<::atanhf, n_ATANHF>(r); }
bool bi_EXP2F(Instance&, Value* r) { return mathf1<::exp2f, n_EXP2F>(r); }
bool bi_EXPM1F(Instance&, Value* r) { return mathf1<::expm1f, n_EXPM1F>(r); }
bool bi_LOG1PF(Instance&, Value* r) { return mathf1<::log1pf, n_LOG1PF>(r); }
bool bi_CBRTF(Instance&, Value* r) { return mathf1<::cbrtf, n_CBRTF>(r); }
bool bi_ERFF(Instance&, Value* r) { return mathf1<::erff, n_ERFF>(r); }
bool bi_ERFCF(Instance&, Value* r) { return mathf1<::erfcf, n_ERFCF>(r); }
bool bi_TGAMMAF(Instance&, Value* r) { return mathf1<::tgammaf, n_TGAMMAF>(r); }
bool bi_LGAMMAF(Instance&, Value* r) { return mathf1<::lgammaf, n_LGAMMAF>(r); }
bool bi_ATAN2F(Instance&, Value* r) { return mathf2<::atan2f, n_ATAN2F>(r); }
bool bi_POWF(Instance&, Value* r) { return mathf2<::powf, n_POWF>(r); }
bool bi_HYPOTF(Instance&, Value* r) { return mathf2<::hypotf, n_HYPOTF>(r); }
bool bi_FMAF(Instance&, Value* r) {
  r[n_FMAF].f = ::fmaf(static_cast<float>(r[0].f), static_cast<float>(r[1].f), static_cast<float>(r[2].f));
  return true;
}
bool bi_ROUND(Instance&, Value* r) { return math1<::round, n_ROUND>(r); }
bool bi_TRUNC(Instance&, Value* r) { return math1<::trunc, n_TRUNC>(r); }
bool bi_RINT(Instance&, Value* r) { return math1<::rint, n_RINT>(r); }
bool bi_ASIN(Instance&, Value* r) { return math1<::asin, n_ASIN>(r); }
bool bi_ACOS(Instance&, Value* r) { return math1<::acos, n_ACOS>(r); }
bool bi_SINH(Instance&, Value* r) { return math1<::sinh, n_SINH>(r); }
bool bi_COSH(Instance&, Value* r) { return math1<::cosh, n_COSH>(r); }
bool bi_TANH(Instance&, Value* r) { return math1<::tanh, n_TANH>(r); }
bool bi_ASINH(Instance&, Value* r) { return math1<::asinh, n_ASINH>(r); }
bool bi_ACOSH(Instance&, Value* r) { return math1<::acosh, n_ACOSH>(r); }
bool bi_ATANH(Instance&, Value* r) { return math1<::atanh, n_ATANH>(r); }
bool bi_EXP2(Instance&, Value* r) { return math1<::exp2, n_EXP2>(r); }
bool bi_EXPM1(Instance&, Value* r) { return math1<::expm1, n_EXPM1>(r); }
bool bi_LOG10(Instance&, Value* r) { return math1<::log10, n_LOG10>(r); }
bool bi_LOG2(Instance&, Value* r) { return math1<::log2, n_LOG2>(r); }
bool bi_LOG1P(Instance&, Value* r) { return math1<::log1p, n_LOG1P>(r); }
bool bi_CBRT(Instance&, Value* r) { return math1<::cbrt, n_CBRT>(r); }
bool bi_ERF(Instance&, Value* r) { return math1<::erf, n_ERF>(r); }
bool bi_ERFC(Instance&, Value* r) { return math1<::erfc, n_ERFC>(r); }
bool bi_TGAMMA(Instance&, Value* r) { return math1<::tgamma, n_TGAMMA>(r); }
bool bi_LGAMMA(Instance&, Value* r) { return math1<::lgamma, n_LGAMMA>(r); }
bool bi_HYPOT(Instance&, Value* r) { return math2<::hypot, n_HYPOT>(r); }
bool bi_REMAINDER(Instance&, Value* r) { return math2<::remainder, n_REMAINDER>(r); }
bool bi_FMIN(Instance&, Value* r) { return math2<::fmin, n_FMIN>(r); }
bool bi_FMAX(Instance&, Value* r) { return math2<::fmax, n_FMAX>(r); }
bool bi_FDIM(Instance&, Value* r) { return math2<::fdim, n_FDIM>(r); }
bool bi_COPYSIGN(Instance&, Value* r) { return math2<::copysign, n_COPYSIGN>(r); }
bool bi_NEXTAFTER(Instance&, Value* r) { return math2<::nextafter, n_NEXTAFTER>(r); }
bool bi_FMA(Instance&, Value* r) { return r[n_FMA].f = std::fma(r[0].f, r[1].f, r[2].f), true; }
// lround and lrint of a value outside long's range are LONG_MIN, as on x86-64.
bool bi_LROUND(Instance&, Value* r) { return r[n_LROUND].i = ::lround(r[0].f), true; }
bool bi_LRINT(Instance&, Value* r) { return r[n_LRINT].i = ::lrint(r[0].f), true; }
bool bi_LDEXP(Instance&, Value* r) { return r[n_LDEXP].f = std::ldexp(r[0].f, static_cast<int>(r[1].i)), true; }

bool bi_FREXP(Instance& vm, Value* r) {
  if (!check_range(vm, r[1].u, 4)) return false;
  int e = 0;
  r[n_FREXP].f = std::frexp(r[0].f, &e);
  vm.mem.store<int32_t>(r[1].u, e);
  return true;
}

bool bi_MODF(Instance& vm, Value* r) {
  if (!check_range(vm, r[1].u, 8)) return false;
  double whole = 0;
  r[n_MODF].f = std::modf(r[0].f, &whole);
  vm.mem.store<double>(r[1].u, whole);
  return true;
}

bool bi_FPCLASSIFY(Instance&, Value* r) { return r[n_FPCLASSIFY].i = std::fpclassify(r[0].f), true; }
bool bi_ISINF(Instance&, Value* r) {
  double x = r[0].f;
  r[n_ISINF].i = std::isinf(x) ? (x < 0 ? -1 : 1) : 0;
  return true;
}
bool bi_SIGNBIT(Instance&, Value* r) { return r[n_SIGNBIT].i = std::signbit(r[0].f) ? 1 : 0, true; }
bool bi_FLOOR(Instance&, Value* r) { return r[n_FLOOR].f = std::floor(r[0].f), true; }
bool bi_CEIL(Instance&, Value* r) { return r[n_CEIL].f = std::ceil(r[0].f), true; }
bool bi_TAN(Instance&, Value* r) { return r[n_TAN].f = std::tan(r[0].f), true; }
bool bi_ATAN(Instance&, Value* r) { return r[n_ATAN].f = std::atan(r[0].f), true; }
bool bi_ATAN2(Instance&, Value* r) { return r[n_ATAN2].f = std::atan2(r[0].f, r[1].f), true; }
bool bi_LOG(Instance&, Value* r) { return r[n_LOG].f = std::log(r[0].f), true; }
bool bi_FMOD(Instance&, Value* r) { return r[n_FMOD].f = std::fmod(r[0].f, r[1].f), true; }
bool bi_SQRTC(Instance&, Value* r) { return r[n_SQRTC].f = std::sqrt(r[0].f), true; }
bool bi_EXPC(Instance&, Value* r) { return r[n_EXPC].f = std::exp(r[0].f), true; }

// ---- sleeping: the whole time, even when an update wakes it meanwhile.

bool bi_SLEEP_US(Instance& vm, Value* r) {
  if (!vm.out.flush()) return vm.output_failed();
  int64_t us = r[0].i;
  if (us <= 0) return true;
  constexpr int64_t kMaxUs = int64_t{1} << 43;  // keeps the deadline arithmetic in range
  return sleep_in_program(vm, monotonic_ns() + (us < kMaxUs ? us : kMaxUs) * 1000);
}

}  // namespace dvm
