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
  if (!vm.out.flush()) return vm.stop_quietly();
  int64_t us = r[0].i;
  if (us <= 0) return true;
  constexpr int64_t kMaxUs = int64_t{1} << 43;  // keeps the deadline arithmetic in range
  vm.waiter.sleep_until(monotonic_ns() + (us < kMaxUs ? us : kMaxUs) * 1000);
  return true;
}

}  // namespace dvm
