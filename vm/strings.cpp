#include "vm/strings.h"

#include <cstring>
#include <vector>

namespace dvm::str {

void free_object(Heap& h, uint64_t s) {
  // A reference that is not a live heap block can only come from a program
  // that forged one; the allocator refuses it and the object simply stays.
  // A dynamic array of references releases its elements first; nested ones
  // go on a work list (no recursion, however deep the nesting).
  const Memory* m = h.memory();
  if (!m || (m->load<int64_t>(s + 8) & kRefElements) == 0) {  // a string, or numbers
    (void)h.free(s);
    return;
  }
  std::vector<uint64_t> dying{s};  // objects whose last reference is gone
  auto drop = [&](uint64_t at) {
    uint64_t e = m->load<uint64_t>(at);
    if (!e || !valid_ref(*m, e)) return;
    int64_t rc = refcount(*m, e);
    if (rc > 1) {
      m->store<int64_t>(e, rc - 1);
    } else if (rc == 1) {
      m->store<int64_t>(e, 0);
      dying.push_back(e);
    }
  };
  while (!dying.empty()) {
    uint64_t x = dying.back();
    dying.pop_back();
    int64_t word = m->load<int64_t>(x + 8), count = 0;
    if ((word & kRefElements) && h.is_live(x)) {
      if (word & kLayoutElements) {
        // Records: the words the layout after the elements marks.
        uint64_t words = static_cast<uint64_t>(word >> kLayoutWordsShift) & kLayoutWordsMask;
        if (array_count(*m, x, words * 8, &count) && words && count &&
            m->valid(x + kHeader + static_cast<uint64_t>(count) * words * 8, layout_bytes(words))) {
          uint64_t data = x + kHeader, layout = data + static_cast<uint64_t>(count) * words * 8;
          for (uint64_t w = 0; w < words; w++)
            if ((m->load<uint8_t>(layout + w / 8) >> (w % 8)) & 1)
              for (int64_t i = 0; i < count; i++) drop(data + (static_cast<uint64_t>(i) * words + w) * 8);
        }
      } else if (array_count(*m, x, 8, &count)) {
        for (int64_t i = 0; i < count; i++) drop(x + kHeader + static_cast<uint64_t>(i) * 8);
      }
    }
    (void)h.free(x);
  }
}

uint64_t alloc(Memory& m, Heap& h, int64_t len, int64_t capacity) {
  if (len < 0 || capacity < len) return 0;
  uint64_t s = h.alloc(kMinObject + static_cast<uint64_t>(capacity), false);
  if (!s) return 0;
  m.store<int64_t>(s, 1);
  m.store<int64_t>(s + 8, len);
  chars(m, s)[len] = '\0';
  return s;
}

uint64_t make(Memory& m, Heap& h, const char* p, int64_t len, bool* ok) {
  *ok = true;
  if (len <= 0) return 0;
  uint64_t s = alloc(m, h, len, len);
  if (!s) {
    *ok = false;
    return 0;
  }
  std::memcpy(chars(m, s), p, static_cast<size_t>(len));
  return s;
}

void place_immortal(const Memory& m, uint64_t addr, const std::string& text) {
  m.store<int64_t>(addr, -1);
  m.store<int64_t>(addr + 8, static_cast<int64_t>(text.size()));
  std::memcpy(chars(m, addr), text.data(), text.size());
  chars(m, addr)[text.size()] = '\0';
}

// (No look-up of s among the live blocks: a unique reference is a heap
// block unless the program forged one, and usable_size bounds what it reads
// by the used heap, so the worst a forgery gets is its own data garbled.
// Machine code decides the same way: jit/codegen.cpp, string_append.)
int64_t capacity(const Heap& h, uint64_t s) {
  if (!h.memory() || s < h.memory()->heap_begin() + 8) return 0;
  uint64_t usable = h.usable_size(s);
  return usable < kMinObject ? 0 : static_cast<int64_t>(usable - kMinObject);
}

bool concat(Memory& m, Heap& h, uint64_t a, uint64_t b, bool reuse_left, uint64_t* out, RtError* err) {
  View va, vb;
  if (!view(m, a, &va) || !view(m, b, &vb)) {
    *err = RtError::BadAddress;
    return false;
  }
  if (vb.len == 0 || va.len == 0) {  // one side empty: share the other
    *out = vb.len == 0 ? a : b;
    retain(m, *out);
    return true;
  }
  int64_t need = va.len + vb.len;
  if (reuse_left && refcount(m, a) == 1 && capacity(h, a) >= need) {
    std::memmove(chars(m, a) + va.len, vb.p, static_cast<size_t>(vb.len));  // b may be a itself
    m.store<int64_t>(a + 8, need);
    chars(m, a)[need] = '\0';
    retain(m, a);
    *out = a;
    return true;
  }
  // Growing by half again makes repeated `s := s + x` amortized linear.
  int64_t room = reuse_left ? need + need / 2 : need;
  uint64_t s = alloc(m, h, need, room);
  if (!s) {
    *err = RtError::OutOfMemory;
    return false;
  }
  // alloc may not move memory (the reservation is fixed), so va/vb stay valid.
  std::memcpy(chars(m, s), va.p, static_cast<size_t>(va.len));
  std::memcpy(chars(m, s) + va.len, vb.p, static_cast<size_t>(vb.len));
  *out = s;
  return true;
}

bool make_unique(Memory& m, Heap& h, uint64_t* s, RtError* err) {
  if (*s == 0 || refcount(m, *s) == 1) return true;
  View v;
  if (!view(m, *s, &v)) {
    *err = RtError::BadAddress;
    return false;
  }
  uint64_t copy = alloc(m, h, v.len, v.len);
  if (!copy) {
    *err = RtError::OutOfMemory;
    return false;
  }
  std::memcpy(chars(m, copy), v.p, static_cast<size_t>(v.len));
  release(m, h, *s);
  *s = copy;
  return true;
}

bool compare(const Memory& m, uint64_t a, uint64_t b, int64_t* out) {
  View va, vb;
  if (!view(m, a, &va) || !view(m, b, &vb)) return false;
  size_t n = static_cast<size_t>(va.len < vb.len ? va.len : vb.len);
  int c = std::memcmp(va.p, vb.p, n);
  if (c == 0) c = va.len < vb.len ? -1 : va.len > vb.len ? 1 : 0;
  *out = c < 0 ? -1 : c > 0 ? 1 : 0;
  return true;
}

}  // namespace dvm::str
