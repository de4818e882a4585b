// Memory checking (`dvm run --check-memory`): every access the program makes
// to program memory is checked against a shadow map, so reading or writing
// past a heap block, using a freed block, or overrunning a local into the
// guard a checking build leaves after each frame slot stops the program with
// a runtime error naming the access and the block's allocation site.
//
// The shadow holds one byte per 8-byte granule, as AddressSanitizer's: 0 when
// all 8 bytes are addressable, k in 1..7 when the first k are, a negative
// poison kind otherwise.  Untouched shadow pages are zero: the frame area,
// static data and the heap's untouched top cost nothing until written.
// Heap blocks get a redzone after them (their header before them is poisoned
// too) and freed blocks wait in a quarantine before the heap reuses them.
//
// Only the checking instantiation of the interpreter and the C library's
// range checks consult it; the default interpreter and machine code never do
// (docs/VM.md, "Memory checking", has the measured cost).
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <unordered_map>
#include <memory>
#include <string>
#include <unordered_set>

#include "vm/errors.h"
#include "vm/heap.h"

namespace dvm {

class Instance;
struct LinkedProc;

class MemoryCheck final : public HeapWatcher {
 public:
  // Shadow values of poisoned granules.
  static constexpr int8_t kHeapRedzone = -6;  // before or after a heap block
  static constexpr int8_t kHeapFreed = -3;    // a freed heap block
  static constexpr int8_t kFrameGuard = -14;  // between frame slots (a checking build)

  // Reserves the shadow of the instance's whole memory; null and *error when
  // that fails.  Call after the memory is reserved and before the heap is used.
  static std::unique_ptr<MemoryCheck> create(Instance& inst, std::string* error);
  ~MemoryCheck() override;

  // True when every byte of [addr, addr + size) is addressable; the range
  // must already be inside memory (Memory::valid).
  bool ok(uint64_t addr, uint64_t size) const {
    int8_t s = shadow_[addr >> 3];
    if (s == 0 && (addr & 7) + size <= 8) return true;
    return ok_slow(addr, size);
  }
  // For an access that failed ok(): records its particulars (what accessed
  // how many bytes where, the block and its allocation site) in the
  // instance's error_detail and returns the error to raise.  `proc` and `pc`:
  // the instruction making the access (a load, a store, a block copy, or a
  // call of a library function).
  RtError fault(const LinkedProc* proc, const uint32_t* pc, uint64_t addr, uint64_t size);

  // The instruction about to allocate or free (NEW, DISPOSE, a call of
  // malloc or free): blocks remember it as their allocation or free site.
  // Cleared with (nullptr, nullptr) after the instruction.
  void set_site(const LinkedProc* proc, const uint32_t* pc) {
    site_proc_ = proc;
    site_pc_ = pc;
  }

  // A frame's guards poisoned when it is entered, its area cleared when it is left.
  void enter_frame(uint64_t fa_base, const LinkedProc* proc);
  void leave_frame(uint64_t fa_base, uint64_t size);

  // HeapWatcher
  uint64_t redzone(uint64_t size) override;
  void allocated(uint64_t addr, uint64_t size, uint64_t usable) override;
  bool freed(uint64_t addr, uint64_t usable) override;
  void grew(uint64_t from, uint64_t to) override;

 private:
  struct Site {
    const std::string* file = nullptr;  // interned
    const std::string* proc = nullptr;
    uint32_t line = 0, col = 0;
    const char* how = "";  // "malloc", "new", "free", "dispose", ...
  };
  struct Block {
    uint64_t size = 0, usable = 0;
    bool is_freed = false;
    Site allocated, freed;
  };

  explicit MemoryCheck(Instance& inst) : inst_(inst) {}
  bool ok_slow(uint64_t addr, uint64_t size) const;
  uint64_t first_bad(uint64_t addr, uint64_t size) const;
  void poison(uint64_t addr, uint64_t size, int8_t kind);
  void unpoison(uint64_t addr, uint64_t size);
  Site current_site();
  const std::string* intern(const std::string& s) { return &*names_.insert(s).first; }
  std::string describe(const Site& s) const;
  std::string describe_heap(uint64_t bad, uint64_t addr, uint64_t size, const std::string& access, RtError* err);
  std::string describe_frame(uint64_t bad, uint64_t addr, uint64_t size, const std::string& access);

  Instance& inst_;
  int8_t* shadow_ = nullptr;
  uint64_t shadow_bytes_ = 0;
  const LinkedProc* site_proc_ = nullptr;
  const uint32_t* site_pc_ = nullptr;
  // By user address: live and quarantined blocks (hashed: allocation and free
  // are the hot path; only a fault looks for the blocks around an address).
  std::unordered_map<uint64_t, Block> blocks_;
  // The last allocation or free site, resolved: most come from a few sites.
  const LinkedProc* last_site_proc_ = nullptr;
  const uint32_t* last_site_pc_ = nullptr;
  const void* last_site_src_ = nullptr;
  Site last_site_;
  std::deque<uint64_t> quarantine_;   // freed blocks, oldest first
  uint64_t quarantined_bytes_ = 0, quarantine_limit_ = 0;
  std::unordered_set<std::string> names_;
};

}  // namespace dvm
