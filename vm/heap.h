// The heap allocator of program memory (Pascal new/dispose, strings; later C's
// malloc/free/realloc).
//
// Blocks are carved from a bump pointer and recycled through size-class free
// lists.  Each block has an 8-byte header in program memory holding its total
// size; the user address that follows is 16-byte aligned.  Everything the
// allocator must be able to trust lives on the host side: the free lists, and
// a bitmap with one bit per 16-byte granule marking the user addresses of live
// blocks.  So freeing anything that is not a live block (a double dispose, a
// foreign or interior pointer) is detected exactly, and a program that
// scribbles over headers or freed blocks can at worst garble its own data.
//
// Failure is a value: alloc returns 0 when memory is exhausted, free returns
// false for a pointer that is not a live block.
#pragma once
#include <cstdint>
#include <string>

#include "vm/memory.h"

namespace dvm {

// Watches the heap for memory checking (vm/memcheck.h): blocks get a redzone
// after them, and freed blocks may be held back from reuse (a quarantine).
class HeapWatcher {
 public:
  virtual ~HeapWatcher() = default;
  // Bytes to allocate beyond a block of `size` (its redzone).
  virtual uint64_t redzone(uint64_t size) = 0;
  // A block of `size` bytes at addr; `usable` bytes including the redzone.
  virtual void allocated(uint64_t addr, uint64_t size, uint64_t usable) = 0;
  // A live block was freed.  True: the heap may reuse it now; false: the
  // watcher holds it and hands it back later with Heap::recycle.
  virtual bool freed(uint64_t addr, uint64_t usable) = 0;
  // Program memory grew by [from, to) for the heap: no block's yet.
  virtual void grew(uint64_t from, uint64_t to) = 0;
};

class Heap {
 public:
  Heap() = default;
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;
  ~Heap();

  void init(Memory* mem);
  Memory* memory() const { return mem_; }

  // A block with at least `size` usable bytes, zeroed if asked; 0 when out of memory.
  uint64_t alloc(uint64_t size, bool zero);
  // Frees a live block; false if addr is not the start of one.
  bool free(uint64_t addr);
  bool is_live(uint64_t addr) const {
    return bitmap_ && addr >= mem_->heap_begin() + kGranule && addr < top_ && addr % kGranule == 0 && bit(bit_index(addr));
  }
  // Usable bytes of a live block (never reaching past the heap's used part).
  uint64_t usable_size(uint64_t addr) const;

  // Memory checking: every block and free goes through the watcher from now on.
  void set_watcher(HeapWatcher* w) { watcher_ = w; }
  // A block a watcher held back after free(): reusable from now on.
  void recycle(uint64_t addr);

  uint64_t live_blocks() const { return live_; }  // test hook
  // Where the end of the used heap is kept (machine code reads it to bound
  // a block's usable size, as usable_size does).
  const uint64_t* top_address() const { return &top_; }

  static constexpr uint64_t kGranule = 16;
  static constexpr uint64_t kHeader = 8;
  static constexpr int kSmallClasses = 64;  // 16, 32, ... 1024 bytes
  static constexpr uint64_t kSmallLimit = kSmallClasses * kGranule;
  static constexpr int kLargeStepBits = 4;
  static constexpr int kLargeSteps = 1 << kLargeStepBits;  // classes per power of two above kSmallLimit
  static constexpr int kClasses = kSmallClasses + kLargeSteps * 54;

  // The free blocks of one class, as a stack of user addresses (host memory,
  // grown by doubling).  Blocks whose total size (header included) is at most
  // kSmallLimit are in the class total / kGranule - 1.
  struct FreeList {
    uint64_t* top = nullptr;
    uint64_t* base = nullptr;
    uint64_t* end = nullptr;
  };
  // What machine code uses to take and give back blocks of the small classes
  // itself, with the steps of alloc and free (jit/): the free lists, the
  // bitmap (null until the first block), the live count.  Only while no
  // watcher is set.
  FreeList* free_lists() { return free_; }
  uint64_t* const* bitmap_address() const { return &bitmap_; }
  uint64_t* live_address() { return &live_; }
  bool watched() const { return watcher_ != nullptr; }

 private:

  static int class_of(uint64_t total);  // smallest class holding `total` bytes
  static uint64_t class_size(int c);
  static int free_class(uint64_t total);  // the class a free block of `total` bytes goes to
  static constexpr uint64_t kForgetAtLeast = uint64_t{1} << 20;
  void forget_above_top();

  bool ensure_bitmap();
  uint64_t bit_index(uint64_t addr) const { return (addr - mem_->heap_begin()) / kGranule; }
  bool bit(uint64_t i) const { return (bitmap_[i >> 6] >> (i & 63)) & 1; }
  void set_bit(uint64_t i) { bitmap_[i >> 6] |= uint64_t{1} << (i & 63); }
  void clear_bit(uint64_t i) { bitmap_[i >> 6] &= ~(uint64_t{1} << (i & 63)); }
  uint64_t bump(uint64_t total);
  __attribute__((noinline)) uint64_t alloc_block(uint64_t size, bool zero);
  void mark_allocated(uint64_t addr, uint64_t total);
  __attribute__((noinline)) bool free_block(uint64_t addr, uint64_t total);
  void keep_free(int c, uint64_t addr);
  uint64_t watched_alloc(uint64_t size, bool zero);

  Memory* mem_ = nullptr;
  uint64_t top_ = 0;  // header address of the next fresh block
  uint64_t fresh_ = 0;  // the highest top_ so far: above it, memory is still zero
  uint64_t live_ = 0;
  uint64_t* bitmap_ = nullptr;
  uint64_t bitmap_bytes_ = 0;
  FreeList free_[kClasses];
  HeapWatcher* watcher_ = nullptr;
};

}  // namespace dvm
