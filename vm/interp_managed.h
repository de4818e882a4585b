// Where the string references inside a value of a type are (COPY, FINAL,
// DISPOSE, managed frame slots), precomputed once per image.
//
// A record's strings are flattened into one list of offsets; an array of a
// managed element type stays one entry that loops over the elements, so a big
// array costs no table space.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "vm/image.h"

namespace dvm {

struct ManagedPart {
  uint64_t offset;
  uint32_t elem;  // kNoType: a string slot at offset; else `count` values of type elem
  uint64_t count, stride;
};

struct TypeLayout {
  uint64_t size = 0;
  bool managed = false;
  std::vector<ManagedPart> parts;
};

// Fails (and sets *error) only for type tables a verified image cannot have,
// or managed arrays nested absurdly deep.
bool build_layouts(const std::vector<TypeDesc>& types, std::vector<TypeLayout>* out, std::string* error);

// Calls fn(address of a string slot) for every string inside the value of
// type t at addr.  Recursion depth is bounded by build_layouts.
template <typename Fn>
void for_each_string(const TypeLayout* layouts, uint32_t t, uint64_t addr, Fn& fn) {
  for (const ManagedPart& p : layouts[t].parts) {
    if (p.elem == kNoType) {
      fn(addr + p.offset);
      continue;
    }
    for (uint64_t i = 0; i < p.count; i++) for_each_string(layouts, p.elem, addr + p.offset + i * p.stride, fn);
  }
}

}  // namespace dvm
