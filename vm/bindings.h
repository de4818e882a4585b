// The binding table: one slot per top-level procedure name, holding the
// procedure version every call of that name reaches.  Slots never move (call
// sites and procedure values point at them).
//
// Race-free by construction: the control thread adds slots while it links
// an update (under the update lock) and the program's thread reads the table
// without a lock (calls through procedure values check an id against the
// size).  Slots live in segments of doubling size that are allocated once and
// never freed while the table lives; a new slot is written before the size
// that makes it visible is published (release), and readers acquire the
// size first.  Slot values themselves are written only by the program's
// thread (at commits) or before the program starts.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace dvm {

struct LinkedProc;

class BindingTable {
 public:
  BindingTable() = default;
  BindingTable(const BindingTable&) = delete;
  BindingTable& operator=(const BindingTable&) = delete;
  ~BindingTable() {
    for (auto& s : segments_) delete[] s.load(std::memory_order_relaxed);
  }

  size_t size() const { return size_.load(std::memory_order_acquire); }
  LinkedProc*& operator[](size_t i) { return slot(i); }
  LinkedProc* operator[](size_t i) const { return const_cast<BindingTable*>(this)->slot(i); }

  // Adds a slot holding p (one writer at a time: the update lock).
  void push_back(LinkedProc* p) {
    size_t i = size_.load(std::memory_order_relaxed);
    int k = segment_of(i);
    if (!segments_[k].load(std::memory_order_relaxed))
      segments_[k].store(new LinkedProc*[segment_size(k)](), std::memory_order_release);
    slot(i) = p;
    size_.store(i + 1, std::memory_order_release);
  }

  class Iterator {
   public:
    Iterator(const BindingTable* t, size_t i) : t_(t), i_(i) {}
    LinkedProc* operator*() const { return (*t_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    const BindingTable* t_;
    size_t i_;
  };
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, size()); }

 private:
  static constexpr size_t kFirst = 64;  // slots in segment 0; each next one doubles
  static constexpr int kSegments = 48;
  static int segment_of(size_t i) { return 63 - __builtin_clzll((i + kFirst) / kFirst); }
  static size_t segment_size(int k) { return kFirst << k; }
  LinkedProc*& slot(size_t i) {
    int k = segment_of(i);
    size_t offset = i + kFirst - (kFirst << k);
    return segments_[k].load(std::memory_order_acquire)[offset];
  }

  std::atomic<LinkedProc**> segments_[kSegments] = {};
  std::atomic<size_t> size_{0};
};

}  // namespace dvm
