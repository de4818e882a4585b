#include "vm/memory.h"

#include <sys/mman.h>

namespace dvm {
namespace {

constexpr uint64_t kPage = 4096;
uint64_t page_round(uint64_t n) { return (n + kPage - 1) / kPage * kPage; }
constexpr uint64_t kLowHint = uint64_t{1} << 28, kLowLimit = uint64_t{1} << 31;

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
  // Below 2 GiB when the space there is free: machine code then folds the
  // base into each access's 32-bit displacement (jit/codegen.cpp).  The
  // kernel takes the hint only where nothing is mapped; elsewhere is as good.
  void* p = reserved_ < kLowLimit - kLowHint ? reserve_host(reserved_, reinterpret_cast<void*>(kLowHint))
                                             : reserve_host(reserved_);
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

bool Memory::below_2gib() const {
  return reinterpret_cast<uintptr_t>(base_) + reserved_ <= kLowLimit;
}

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
