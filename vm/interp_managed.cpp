#include "vm/interp_managed.h"

#include <utility>

namespace dvm {
namespace {

constexpr int kMaxManagedDepth = 256;  // nested managed arrays: the walk recurses this deep

std::vector<uint32_t> contained(const TypeDesc& d) {
  std::vector<uint32_t> kids;
  if (d.kind == TypeKind::Array || d.kind == TypeKind::Subrange) kids.push_back(d.elem);
  if (d.kind == TypeKind::Record)
    for (const Field& f : d.fields) kids.push_back(f.type);
  return kids;
}

// Adds the string slots of a value of type t placed at `offset` to `parts`.
void add_parts(const std::vector<TypeDesc>& types, const std::vector<TypeLayout>& done, uint32_t t,
               uint64_t offset, std::vector<ManagedPart>* parts) {
  const TypeDesc& d = types[t];
  if (!done[t].managed) return;
  if (d.kind == TypeKind::String || d.kind == TypeKind::DynArray) {
    parts->push_back({offset, kNoType, 0, 0});
  } else if (d.kind == TypeKind::Record) {
    for (const ManagedPart& p : done[t].parts) parts->push_back({offset + p.offset, p.elem, p.count, p.stride});
  } else if (d.kind == TypeKind::Array) {
    uint64_t count = static_cast<uint64_t>(d.hi - d.lo) + 1;
    parts->push_back({offset, d.elem, count, types[d.elem].size});
  }
}

// Computes t's layout from its (already computed) parts.
bool finish_type(const std::vector<TypeDesc>& types, std::vector<TypeLayout>& done, std::vector<int>& depth,
                 uint32_t t, std::string* error) {
  const TypeDesc& d = types[t];
  TypeLayout& l = done[t];
  l.size = d.size;
  switch (d.kind) {
    case TypeKind::String:
    case TypeKind::DynArray:  // released like a string (str::free_object releases its elements)
      l.managed = true;
      l.parts.push_back({0, kNoType, 0, 0});
      break;
    case TypeKind::Record:
      for (const Field& f : d.fields) {
        add_parts(types, done, f.type, f.offset, &l.parts);
        l.managed = l.managed || done[f.type].managed;
        depth[t] = std::max(depth[t], depth[f.type]);
      }
      break;
    case TypeKind::Array:
      if (done[d.elem].managed && d.hi >= d.lo) {
        l.managed = true;
        l.parts.push_back({0, d.elem, static_cast<uint64_t>(d.hi - d.lo) + 1, types[d.elem].size});
        depth[t] = depth[d.elem] + 1;
      }
      break;
    default:
      break;
  }
  if (depth[t] > kMaxManagedDepth) {
    *error = "type nesting too deep";
    return false;
  }
  return true;
}

}  // namespace

bool build_layouts(const std::vector<TypeDesc>& types, std::vector<TypeLayout>* out, std::string* error) {
  const uint32_t n = static_cast<uint32_t>(types.size());
  std::vector<TypeLayout> done(n);
  std::vector<int> depth(n, 0);
  enum : uint8_t { kNew, kActive, kDone };
  std::vector<uint8_t> state(n, kNew);
  // Post-order over the containment graph with an explicit stack: the table may be deep.
  for (uint32_t root = 0; root < n; root++) {
    if (state[root] != kNew) continue;
    std::vector<std::pair<uint32_t, size_t>> stack{{root, 0}};
    state[root] = kActive;
    while (!stack.empty()) {
      uint32_t t = stack.back().first;
      std::vector<uint32_t> kids = contained(types[t]);
      size_t& next = stack.back().second;
      if (next == kids.size()) {
        if (!finish_type(types, done, depth, t, error)) return false;
        state[t] = kDone;
        stack.pop_back();
        continue;
      }
      uint32_t kid = kids[next++];
      if (kid >= n || state[kid] == kActive) {
        *error = "malformed type table";
        return false;
      }
      if (state[kid] == kNew) {
        state[kid] = kActive;
        stack.push_back({kid, 0});
      }
    }
  }
  *out = std::move(done);
  return true;
}

}  // namespace dvm
