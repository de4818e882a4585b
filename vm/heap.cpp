#include "vm/heap.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace dvm {
namespace {

constexpr uint64_t kGrowStep = 64 * 1024;  // program memory grows in these steps

int floor_log2(uint64_t v) { return 63 - __builtin_clzll(v); }

}  // namespace

Heap::~Heap() {
  release_host(bitmap_, bitmap_bytes_);
  for (FreeList& fl : free_) std::free(fl.base);
}

void Heap::init(Memory* mem) {
  mem_ = mem;
  top_ = mem->heap_begin() + kHeader;  // so that user addresses are 16-aligned
}

// Sizes up to 1024 go in exact 16-byte steps; above, kLargeSteps classes per
// power of two, so a block wastes at most a sixteenth of its size (1000
// blocks of a megabyte fit in a 1 GiB heap).
int Heap::class_of(uint64_t total) {
  if (total <= kSmallClasses * kGranule) return static_cast<int>((total + kGranule - 1) / kGranule) - 1;
  int k = floor_log2(total - 1);  // 2^k < total <= 2^(k+1)
  uint64_t step = uint64_t{1} << (k - kLargeStepBits);
  uint64_t j = (total - (uint64_t{1} << k) + step - 1) / step;  // 1..kLargeSteps
  return kSmallClasses + (k - 10) * kLargeSteps + static_cast<int>(j) - 1;
}

uint64_t Heap::class_size(int c) {
  if (c < kSmallClasses) return (static_cast<uint64_t>(c) + 1) * kGranule;
  int k = 10 + (c - kSmallClasses) / kLargeSteps;
  uint64_t j = (c - kSmallClasses) % kLargeSteps + 1;
  return (uint64_t{1} << k) + j * (uint64_t{1} << (k - kLargeStepBits));
}

bool Heap::ensure_bitmap() {
  if (bitmap_) return true;
  uint64_t granules = (mem_->heap_limit() - mem_->heap_begin()) / kGranule + 1;
  bitmap_bytes_ = (granules + 63) / 64 * 8;
  bitmap_ = static_cast<uint64_t*>(reserve_host(bitmap_bytes_));
  return bitmap_ != nullptr;
}

// A fresh block from the untouched top of the heap (zero pages already).
uint64_t Heap::bump(uint64_t total) {
  uint64_t header = top_;
  // An empty heap (a limit below the first block's header) has no room at all.
  if (header > mem_->heap_limit() || total > mem_->heap_limit() - header) return 0;
  uint64_t need = header + total;
  if (need > mem_->end()) {
    uint64_t grown = (need + kGrowStep - 1) / kGrowStep * kGrowStep;
    if (grown > mem_->heap_limit()) grown = mem_->heap_limit();
    uint64_t before = mem_->end();
    mem_->grow_to(grown);
    if (watcher_) watcher_->grew(before, mem_->end());
  }
  top_ = need;
  if (top_ > fresh_) fresh_ = top_;
  return header + kHeader;
}

// The general allocation: any size.  A block of the size's class, free or
// fresh from the top; when the heap has no room left for the class's size, a
// fresh block of exactly the size asked (800 MiB next to 200 MiB fits a
// 1 GiB heap).
uint64_t Heap::alloc_block(uint64_t size, bool zero) {
  if (size > mem_->heap_limit() || !ensure_bitmap()) return 0;
  const uint64_t exact = (size + kHeader + kGranule - 1) / kGranule * kGranule;
  uint64_t total = exact;
  int c;
  if (total <= kSmallLimit) {  // classes of exact sizes
    c = static_cast<int>(total / kGranule) - 1;
  } else {
    c = class_of(total);
    if (c >= kClasses) return 0;
    total = class_size(c);
  }
  FreeList& fl = free_[c];
  uint64_t addr;
  if (fl.top != fl.base) {
    addr = *--fl.top;
    if (zero) std::memset(mem_->at(addr), 0, total - kHeader);
  } else {
    const uint64_t fresh = fresh_;  // below it, memory a freed top block left
    addr = bump(total);
    if (!addr && exact < total) addr = bump(total = exact);
    if (!addr) return 0;
    if (zero && addr < fresh) std::memset(mem_->at(addr), 0, std::min(total - kHeader, fresh - addr));
  }
  mark_allocated(addr, total);
  return addr;
}

void Heap::mark_allocated(uint64_t addr, uint64_t total) {
  mem_->store<uint64_t>(addr - kHeader, total);  // rewritten: the program may have scribbled on it
  set_bit(bit_index(addr));
  live_++;
}

// A free block of class c kept for reuse.  Should the host refuse to grow
// the list, the block is simply never reused (it is no longer live either way).
void Heap::keep_free(int c, uint64_t addr) {
  FreeList& fl = free_[c];
  if (__builtin_expect(fl.top == fl.end, 0)) {
    size_t used = static_cast<size_t>(fl.top - fl.base);
    size_t capacity = used ? 2 * used : 64;
    auto* grown = static_cast<uint64_t*>(std::realloc(fl.base, capacity * sizeof(uint64_t)));
    if (!grown) return;
    fl.base = grown;
    fl.top = grown + used;
    fl.end = grown + capacity;
  }
  *fl.top++ = addr;
}

// The usual case without a call or a saved register: a small block from its
// class's free list.  Everything else takes alloc_block.
uint64_t Heap::alloc(uint64_t size, bool zero) {
  if (__builtin_expect(watcher_ != nullptr, 0)) return watched_alloc(size, zero);
  if (size <= kSmallLimit - kHeader) {
    uint64_t total = (size + kHeader + kGranule - 1) & ~(kGranule - 1);
    FreeList& fl = free_[total / kGranule - 1];
    if (fl.top != fl.base) {
      uint64_t addr = *--fl.top;
      if (zero) {
        uint8_t* p = mem_->at(addr);
        for (uint64_t i = 0; i + 8 <= total - kHeader; i += 8) {  // (no call to memset)
          const uint64_t nothing = 0;
          std::memcpy(p + i, &nothing, 8);
        }
      }
      mark_allocated(addr, total);
      return addr;
    }
  }
  return alloc_block(size, zero);
}

uint64_t Heap::watched_alloc(uint64_t size, bool zero) {
  uint64_t extra = watcher_->redzone(size);
  if (size > mem_->heap_limit() || extra > mem_->heap_limit() - size) return 0;
  uint64_t addr = alloc_block(size + extra, zero);
  if (addr) watcher_->allocated(addr, size, usable_size(addr));
  return addr;
}

uint64_t Heap::usable_size(uint64_t addr) const {
  uint64_t total = mem_->load<uint64_t>(addr - kHeader);
  uint64_t room = top_ - addr;  // a scribbled header must not reach past the used heap
  uint64_t usable = total >= kHeader ? total - kHeader : 0;
  return usable < room ? usable : room;
}

// The usual case without a call or a saved register: a live small block
// with a sane header back on its list.  Everything else takes free_block.
bool Heap::free(uint64_t addr) {
  if (!is_live(addr)) return false;
  uint64_t total = mem_->load<uint64_t>(addr - kHeader);
  bool usual = watcher_ == nullptr && total - kGranule <= kSmallLimit - kGranule && total % kGranule == 0 &&
               total <= top_ - (addr - kHeader);
  if (__builtin_expect(!usual, 0)) return free_block(addr, total);
  FreeList& fl = free_[total / kGranule - 1];
  if (__builtin_expect(fl.top == fl.end, 0)) return free_block(addr, total);
  clear_bit(bit_index(addr));
  live_--;
  *fl.top++ = addr;
  return true;
}

// Any live block (whose header reads `total`).
bool Heap::free_block(uint64_t addr, uint64_t total) {
  bool sane = total >= kGranule && total % kGranule == 0 && total <= top_ - (addr - kHeader);
  if (!sane) return false;  // the program overwrote the header: keep the block rather than guess
  int c = free_class(total);
  clear_bit(bit_index(addr));
  live_--;
  if (watcher_ && !watcher_->freed(addr, total - kHeader)) return true;  // held back for now
  if (!watcher_ && addr - kHeader + total == top_) {
    top_ -= total;  // the topmost block goes back to the untouched heap, for a block of any size
    forget_above_top();
    return true;
  }
  keep_free(c, addr);
  return true;
}

// Hands the pages above the heap's top back to the host, which makes them
// zero again: a block made there later needs no clearing, and a program
// that freed its largest block holds its memory no longer.
void Heap::forget_above_top() {
  constexpr uint64_t kPage = 4096;
  const uint64_t from = (top_ + kPage - 1) / kPage * kPage, to = (fresh_ + kPage - 1) / kPage * kPage;
  if (to <= from || to - from < kForgetAtLeast) return;
  if (madvise(mem_->at(from), to - from, MADV_DONTNEED) == 0) fresh_ = from;
}

void Heap::recycle(uint64_t addr) { keep_free(free_class(mem_->load<uint64_t>(addr - kHeader)), addr); }

// The class a free block of `total` bytes serves: the largest whose size it
// holds (a block made at the heap's limit has its exact size; reused, it
// counts as its class's size, and its tail, under a sixteenth, stays unused).
int Heap::free_class(uint64_t total) {
  if (total <= kSmallLimit) return static_cast<int>(total / kGranule) - 1;
  int c = class_of(total);
  return class_size(c) > total ? c - 1 : c;
}

}  // namespace dvm
