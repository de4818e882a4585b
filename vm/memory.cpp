#include "vm/memory.h"

#include <sys/mman.h>
#include <unistd.h>

namespace dvm {
namespace {

constexpr uint64_t kPage = 4096;
uint64_t page_round(uint64_t n) { return (n + kPage - 1) / kPage * kPage; }
constexpr uint64_t kLowStep = uint64_t{1} << 28, kLowLimit = uint64_t{1} << 31;

// A place for `bytes` whose start is below 2 GiB, or null.  Linux puts the
// brk heap anywhere in the first GiB above the executable (its start is
// randomized), so one fixed hint misses most of the time: the candidates are
// every 256 MiB, skipping those that would stop the heap from growing.
void* reserve_low(uint64_t bytes) {
  const uintptr_t heap_end = reinterpret_cast<uintptr_t>(sbrk(0));
  const uint64_t heap_room = uint64_t{1} << 28;
  for (uint64_t at = kLowStep; at < kLowLimit; at += kLowStep) {
    if (at < heap_end + heap_room && at + bytes > heap_end) continue;
    void* p = mmap(reinterpret_cast<void*>(at), bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == MAP_FAILED) continue;
    if (p == reinterpret_cast<void*>(at)) return p;
    munmap(p, bytes);  // a kernel without MAP_FIXED_NOREPLACE took it as a hint
  }
  return nullptr;
}

}  // namespace

void* reserve_host(uint64_t bytes, void* hint) {
  void* p = mmap(hint, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  return p == MAP_FAILED ? nullptr : p;
}

void release_host(void* p, uint64_t bytes) {
  if (p) munmap(p, bytes);
}

Memory::~Memory() { release_host(base_, reserved_); }

bool Memory::reserve(uint64_t frame_bytes, uint64_t static_bytes, uint64_t heap_bytes, std::string* error) {
  constexpr uint64_t kMaxPart = uint64_t{1} << 44;  // 16 TiB: keeps the sums below from wrapping
  if (frame_bytes > kMaxPart || static_bytes > kMaxPart || heap_bytes > kMaxPart) {
    *error = "program memory or stack size too large";
    return false;
  }
  frame_end_ = kNullPageSize + page_round(frame_bytes);
  static_end_ = frame_end_ + static_bytes;
  heap_begin_ = page_round(static_end_);
  heap_limit_ = heap_begin_ + page_round(heap_bytes);
  reserved_ = heap_limit_;
  // Starting below 2 GiB where there is room: machine code then folds the
  // base into each access's 32-bit displacement (jit/codegen.cpp).
  // Anywhere else is as good for everything but speed.
  void* p = reserve_low(reserved_);
  if (!p) p = reserve_host(reserved_);
  if (!p) {
    *error = "cannot reserve " + std::to_string(reserved_ >> 20) + " MiB of program memory";
    reserved_ = 0;
    return false;
  }
  base_ = static_cast<uint8_t*>(p);
  // The null page is never accessed by checked code; making it inaccessible
  // turns a VM bug that skips a check into a crash instead of a silent read.
  mprotect(base_, kNullPageSize, PROT_NONE);
  end_ = heap_begin_;
  return true;
}

bool Memory::grow_to(uint64_t new_end) {
  if (new_end > heap_limit_) return false;
  if (new_end > end_) {
    end_ = new_end;
    store_limits();
  }
  return true;
}

bool Memory::low_base() const { return reinterpret_cast<uintptr_t>(base_) < kLowLimit; }

void Memory::publish_limits(uint64_t* limits) {
  published_limits_ = limits;
  store_limits();
}

// end_ is at least a page above the null page once reserved, so no limit wraps.
void Memory::store_limits() {
  if (!published_limits_) return;
  const uint64_t sizes[4] = {1, 2, 4, 8};
  for (int i = 0; i < 4; i++) published_limits_[i] = end_ - kNullPageSize - sizes[i];
}

}  // namespace dvm
