// Program memory: one sandboxed, byte-addressed memory per instance.
//
//   [0, 4096)                    null page: never valid (nil dereference)
//   [4096, frame_end)            the frame-area stack
//   [static_begin, static_end)   globals in image order, then string literals
//   [heap_begin, end)            the heap, grown on demand up to heap_limit
//
// The whole range is reserved up front with MAP_NORESERVE, so untouched pages
// cost nothing and the base never moves: host pointers into it stay valid.
// Addresses are 64-bit offsets from `base`.  Every access the program makes is
// checked with one unsigned compare against the current size (`end`).
#pragma once
#include <cstdint>
#include <cstring>
#include <string>

#include "vm/errors.h"

namespace dvm {

constexpr uint64_t kNullPageSize = 4096;

class Memory {
 public:
  Memory() = default;
  Memory(const Memory&) = delete;
  Memory& operator=(const Memory&) = delete;
  ~Memory();

  // Reserves the address space.  Returns false (and sets *error) on failure.
  bool reserve(uint64_t frame_bytes, uint64_t static_bytes, uint64_t heap_bytes, std::string* error);

  // Makes [.., new_end) addressable; new_end never goes past heap_limit.
  bool grow_to(uint64_t new_end);

  // Where machine code reads the check limits (NativeCtx::limit): from now
  // on, every change of the size also stores there, for accesses of 1, 2, 4
  // and 8 bytes, size - 4096 - access size.
  void publish_limits(uint64_t* limits);

  uint8_t* base() const { return base_; }
  // The base is below 2^31: it fits a 32-bit displacement.
  bool low_base() const;
  uint64_t end() const { return end_; }  // current size: accesses must end at or below it

  uint64_t frame_begin() const { return kNullPageSize; }
  uint64_t frame_end() const { return frame_end_; }
  uint64_t static_begin() const { return frame_end_; }
  uint64_t static_end() const { return static_end_; }
  uint64_t heap_begin() const { return heap_begin_; }
  uint64_t heap_limit() const { return heap_limit_; }

  // True when [addr, addr + size) is addressable.  One compare: addresses below
  // the null page wrap around to huge values.
  bool valid(uint64_t addr, uint64_t size) const {
    return addr - kNullPageSize <= end_ - kNullPageSize - size && size <= end_ - kNullPageSize;
  }
  // The error an invalid access raises.
  static RtError fault(uint64_t addr) {
    return addr < kNullPageSize ? RtError::NilDeref : RtError::BadAddress;
  }

  // Unchecked host access, for addresses the caller has validated.
  uint8_t* at(uint64_t addr) const { return base_ + addr; }
  template <typename T>
  T load(uint64_t addr) const {
    T v;
    std::memcpy(&v, base_ + addr, sizeof v);
    return v;
  }
  template <typename T>
  void store(uint64_t addr, T v) const {
    std::memcpy(base_ + addr, &v, sizeof v);
  }

 private:
  uint8_t* base_ = nullptr;
  uint64_t reserved_ = 0;
  uint64_t frame_end_ = 0, static_end_ = 0, heap_begin_ = 0, heap_limit_ = 0;
  uint64_t end_ = 0;
  uint64_t* published_limits_ = nullptr;
  void store_limits();
};

// Reserves `bytes` of zeroed, lazily committed host memory (register file,
// control stack, allocator bitmaps).  Returns null on failure.
void* reserve_host(uint64_t bytes, void* hint = nullptr);
void release_host(void* p, uint64_t bytes);

}  // namespace dvm
