// String objects in program memory (docs/VM.md "Strings").
//
// A string value is 0 for '' or the address of an object
//   int64 refcount; int64 length; char bytes[length]; '\0'
// Heap strings have refcount >= 1; literals and static strings have -1 and are
// never freed.  Operations never produce an object of length 0: '' is 0.
//
// Nothing read from program memory is trusted: a reference loaded from memory
// is validated (valid_ref) before it enters a register, and every access to
// the bytes re-checks the length against the memory size (view), since the
// program may have overwritten the object since.  References in registers are
// known to lie in memory (memory never shrinks), so refcounts can be touched
// without a check.
#pragma once
#include <cstdint>
#include <string>

#include "vm/errors.h"
#include "vm/heap.h"
#include "vm/memory.h"

namespace dvm::str {

constexpr uint64_t kHeader = 16;      // refcount, length
constexpr uint64_t kMinObject = kHeader + 1;  // header and the NUL
// A dynamic array whose elements are references (strings, dynamic arrays)
// has this bit set in its count: freeing it releases them.  A string's
// length never has it, and str::view refuses such an object as a string.
constexpr int64_t kRefElements = int64_t{1} << 62;
// With kRefElements: the elements are records or arrays holding references
// among other data.  Bits 40..60 of the count word are then the element size
// in 8-byte words, and after the elements comes the layout: one bit per word
// of an element (byte k, bit b: word 8k + b), set for each reference.
constexpr int64_t kLayoutElements = int64_t{1} << 61;
constexpr int kLayoutWordsShift = 40;
constexpr int64_t kLayoutWordsMask = (int64_t{1} << 21) - 1;
constexpr int64_t kCountMask = (int64_t{1} << kLayoutWordsShift) - 1;  // the element count
inline uint64_t layout_bytes(uint64_t words) { return (words + 7) / 8; }

inline int64_t refcount(const Memory& m, uint64_t s) { return m.load<int64_t>(s); }

// The element count of the dynamic array s (0: empty), its references flag
// cleared; false when the object does not fit in memory with `size`-byte
// elements (an image could hand over anything as a reference).
inline bool array_count(const Memory& m, uint64_t s, uint64_t size, int64_t* count) {
  *count = 0;
  if (s == 0) return true;
  if (!m.valid(s, kMinObject)) return false;
  *count = m.load<int64_t>(s + 8);
  if (*count >= 0) *count &= kCountMask;
  return *count >= 0 && (size == 0 || static_cast<uint64_t>(*count) <= (m.end() - s - kMinObject) / size);
}
inline int64_t raw_length(const Memory& m, uint64_t s) { return s ? m.load<int64_t>(s + 8) : 0; }
inline char* chars(const Memory& m, uint64_t s) { return reinterpret_cast<char*>(m.at(s + kHeader)); }

// True when s is 0 or could be a string object inside memory.
inline bool valid_ref(const Memory& m, uint64_t s) { return s == 0 || m.valid(s, kMinObject); }

// The bytes of a string, checked against memory.  False: the object's length
// was overwritten with something impossible (RtError::BadAddress).
struct View {
  const char* p;
  int64_t len;
};
inline bool view(const Memory& m, uint64_t s, View* v) {
  if (!s) {
    *v = {"", 0};
    return true;
  }
  int64_t len = m.load<int64_t>(s + 8);
  if (len < 0 || static_cast<uint64_t>(len) > m.end() - s - kMinObject) return false;
  *v = {chars(m, s), len};
  return true;
}

inline void retain(const Memory& m, uint64_t s) {
  if (!s) return;
  int64_t rc = refcount(m, s);
  if (rc > 0) m.store<int64_t>(s, rc + 1);
}

void free_object(Heap& h, uint64_t s);  // out of line: the rare path

inline void release(const Memory& m, Heap& h, uint64_t s) {
  if (!s) return;
  int64_t rc = refcount(m, s);
  if (rc > 1) {
    m.store<int64_t>(s, rc - 1);
  } else if (rc == 1) {
    m.store<int64_t>(s, 0);
    free_object(h, s);
  }
}

// A new string of `len` bytes (contents to be filled in by the caller) with
// room for `capacity` >= len; refcount 1.  0 when out of memory.
uint64_t alloc(Memory& m, Heap& h, int64_t len, int64_t capacity);
// A new string holding p[0..len) (0 for len 0); *ok false when out of memory.
uint64_t make(Memory& m, Heap& h, const char* p, int64_t len, bool* ok);
// Writes an immortal object for `text` at addr (the caller reserved object_size).
void place_immortal(const Memory& m, uint64_t addr, const std::string& text);
inline uint64_t object_size(uint64_t len) { return (kMinObject + len + 7) / 8 * 8; }
// Bytes the object at s can hold without moving (heap strings only).
int64_t capacity(const Heap& h, uint64_t s);

// a + b as a new reference the caller owns.  With reuse_left, the caller will
// overwrite a's register with the result: when a is unique and has room, b is
// appended in place, and a new result gets spare room for the next append.
bool concat(Memory& m, Heap& h, uint64_t a, uint64_t b, bool reuse_left, uint64_t* out, RtError* err);
// Makes the string unique (refcount 1) so it may be changed in place; *s is
// updated (the old reference released).
bool make_unique(Memory& m, Heap& h, uint64_t* s, RtError* err);
// sign of the comparison of a and b, bytewise unsigned, then by length.
bool compare(const Memory& m, uint64_t a, uint64_t b, int64_t* out);

}  // namespace dvm::str
