#include "vm/remote_values.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "vm/instance.h"
#include "vm/ops_inline.h"
#include "vm/strings.h"

namespace dvm::remote {
namespace {

const TypeDesc& desc(const Types& types, uint32_t t) { return (*types.descs)[t]; }

// The ordinal type under any subranges (bounded: subranges of subranges are rare).
uint32_t base_of(const Types& types, uint32_t t) {
  for (int i = 0; i < 8 && desc(types, t).kind == TypeKind::Subrange; i++) t = desc(types, t).elem;
  return t;
}

bool is_c_string(const Types& types, const TypeDesc& d) {
  return d.kind == TypeKind::Pointer && d.elem < types.descs->size() && desc(types, d.elem).kind == TypeKind::Int &&
         desc(types, d.elem).size == 1;
}

std::string range_text(int64_t lo, int64_t hi) { return std::to_string(lo) + ".." + std::to_string(hi); }

// ---- integers in memory, by size and signedness

uint64_t load_int(const Memory& m, uint64_t addr, uint32_t size, bool is_signed) {
  switch (size) {
    case 1: return is_signed ? static_cast<uint64_t>(int64_t{m.load<int8_t>(addr)}) : m.load<uint8_t>(addr);
    case 2: return is_signed ? static_cast<uint64_t>(int64_t{m.load<int16_t>(addr)}) : m.load<uint16_t>(addr);
    case 4: return is_signed ? static_cast<uint64_t>(int64_t{m.load<int32_t>(addr)}) : m.load<uint32_t>(addr);
    default: return m.load<uint64_t>(addr);
  }
}

void store_int(const Memory& m, uint64_t addr, uint32_t size, uint64_t v) {
  switch (size) {
    case 1: m.store<uint8_t>(addr, static_cast<uint8_t>(v)); break;
    case 2: m.store<uint16_t>(addr, static_cast<uint16_t>(v)); break;
    case 4: m.store<uint32_t>(addr, static_cast<uint32_t>(v)); break;
    default: m.store<uint64_t>(addr, v); break;
  }
}

// Whether an integer read off the wire fits an Int type of this size.
bool int_fits(int64_t v, uint32_t size, bool is_signed) {
  if (size >= 8) return true;  // 8 bytes hold every wire integer (unsigned ones as their bits)
  int bits = static_cast<int>(size) * 8;
  if (is_signed) return v >= -(int64_t{1} << (bits - 1)) && v < (int64_t{1} << (bits - 1));
  return v >= 0 && v < (int64_t{1} << bits);
}

// ---- encoding

bool encode_string_ref(Instance& inst, uint64_t s, wire::Writer& w, std::string* why) {
  str::View v;
  if (!str::view(inst.mem, s, &v)) {
    *why = "a string argument is corrupted";
    return false;
  }
  if (static_cast<uint64_t>(v.len) > wire::kMaxMessage) {
    *why = "a string argument is longer than a message may be";
    return false;
  }
  w.raw(v.p, static_cast<size_t>(v.len));
  return true;
}

bool encode_c_string(Instance& inst, uint64_t addr, wire::Writer& w, std::string* why) {
  if (addr == 0) {
    *why = "a string argument is NULL";
    return false;
  }
  uint64_t limit = std::min<uint64_t>(inst.mem.end(), addr + wire::kMaxMessage);
  if (!inst.mem.valid(addr, 1)) {
    *why = "a string argument points outside memory";
    return false;
  }
  const char* p = reinterpret_cast<const char*>(inst.mem.at(addr));
  const void* nul = std::memchr(p, 0, static_cast<size_t>(limit - addr));
  if (!nul) {
    *why = "a string argument has no terminating NUL within memory";
    return false;
  }
  w.raw(p, static_cast<size_t>(static_cast<const char*>(nul) - p));
  return true;
}

// A scalar held as its register value (ints normalized to 64 bits, reals as doubles).
bool encode_scalar(Instance& inst, const Types& types, uint32_t t, uint64_t v, wire::Writer& w, std::string* why) {
  const TypeDesc& d = desc(types, base_of(types, t));
  switch (d.kind) {
    case TypeKind::Int: w.u64(v); return true;
    case TypeKind::Real: w.u64(v); return true;  // the double's bits
    case TypeKind::Bool: w.u8(v != 0); return true;
    case TypeKind::Char: w.u8(static_cast<uint8_t>(v)); return true;
    case TypeKind::Enum: w.u32(static_cast<uint32_t>(v)); return true;
    case TypeKind::String: return encode_string_ref(inst, v, w, why);
    case TypeKind::Pointer: return encode_c_string(inst, v, w, why);
    default: *why = "a value of a type that cannot cross"; return false;
  }
}

bool encode_memory(Instance& inst, const Types& types, uint32_t t, uint64_t addr, uint32_t depth, wire::Writer& w,
                   std::string* why) {
  const TypeDesc& d = desc(types, t);
  if (depth > wire::kMaxTypeDepth || !inst.mem.valid(addr, d.size)) {
    *why = "an argument lies outside memory";
    return false;
  }
  const TypeDesc& b = desc(types, base_of(types, t));
  const Memory& m = inst.mem;
  switch (b.kind) {
    case TypeKind::Int: w.u64(load_int(m, addr, d.size, b.is_signed)); return true;
    case TypeKind::Real:
      w.f64(d.size == 4 ? static_cast<double>(m.load<float>(addr)) : m.load<double>(addr));
      return true;
    case TypeKind::Bool: w.u8(m.load<uint8_t>(addr) != 0); return true;
    case TypeKind::Char: w.u8(m.load<uint8_t>(addr)); return true;
    case TypeKind::Enum: w.u32(static_cast<uint32_t>(load_int(m, addr, d.size, false))); return true;
    case TypeKind::String: return encode_string_ref(inst, m.load<uint64_t>(addr), w, why);
    case TypeKind::Array: {
      uint32_t esize = desc(types, d.elem).size;
      for (int64_t i = 0; i <= d.hi - d.lo; i++)
        if (!encode_memory(inst, types, d.elem, addr + static_cast<uint64_t>(i) * esize, depth + 1, w, why))
          return false;
      return true;
    }
    case TypeKind::Record:
      for (const Field& f : d.fields)
        if (!encode_memory(inst, types, f.type, addr + f.offset, depth + 1, w, why)) return false;
      return true;
    default: *why = "a value of a type that cannot cross"; return false;
  }
}

// ---- decoding

bool decode_int(const Types& types, uint32_t t, wire::Reader& r, uint64_t* out, std::string* why) {
  const TypeDesc& d = desc(types, t);
  const TypeDesc& b = desc(types, base_of(types, t));
  int64_t v;
  switch (b.kind) {
    case TypeKind::Int: {
      v = static_cast<int64_t>(r.u64());
      if (!int_fits(v, b.size, b.is_signed)) {
        *why = "value " + std::to_string(v) + " does not fit a " + std::to_string(b.size * 8) + "-bit " +
               (b.is_signed ? "signed" : "unsigned") + " integer";
        return false;
      }
      break;
    }
    case TypeKind::Bool:
      v = r.u8();
      if (v > 1) {
        *why = "boolean " + std::to_string(v) + " is neither false nor true";
        return false;
      }
      break;
    case TypeKind::Char: v = r.u8(); break;
    case TypeKind::Enum:
      v = r.u32();
      if (v >= static_cast<int64_t>(b.names.size())) {
        *why = "enumeration value " + std::to_string(v) + " out of range 0.." + std::to_string(b.names.size() - 1);
        return false;
      }
      break;
    default: *why = "a type that cannot cross"; return false;
  }
  if (d.kind == TypeKind::Subrange && (v < d.lo || v > d.hi)) {
    *why = "value " + std::to_string(v) + " out of range " + range_text(d.lo, d.hi);
    return false;
  }
  *out = static_cast<uint64_t>(v);
  return r.ok() || (*why = "the message ends inside a value", false);
}

bool decode_real(uint32_t size, wire::Reader& r, uint64_t* out, std::string* why) {
  double v = r.f64();
  if (size == 4) v = static_cast<float>(v);
  std::memcpy(out, &v, 8);
  return r.ok() || (*why = "the message ends inside a value", false);
}

// A new string object (0 for '') holding the next wire string; max_len > 0
// limits its length (string[N]).
bool decode_string(Instance& inst, wire::Reader& r, uint32_t max_len, uint64_t* out, std::string* why) {
  const char* p;
  uint32_t n;
  if (!r.bytes(&p, &n)) {
    *why = "the message ends inside a string";
    return false;
  }
  if (max_len > 0 && n > max_len) {
    *why = "a string of " + std::to_string(n) + " characters does not fit string[" + std::to_string(max_len) + "]";
    return false;
  }
  bool ok;
  *out = str::make(inst.mem, inst.heap, p, n, &ok);
  return ok || (*why = "out of memory", false);
}

bool decode_c_string(Instance& inst, wire::Reader& r, uint64_t* out, std::string* why) {
  const char* p;
  uint32_t n;
  if (!r.bytes(&p, &n)) {
    *why = "the message ends inside a string";
    return false;
  }
  if (std::memchr(p, 0, n)) {
    *why = "a string holding a NUL character cannot be passed as a C string";
    return false;
  }
  uint64_t block = inst.heap.alloc(uint64_t{n} + 1, false);
  if (!block) {
    *why = "out of memory";
    return false;
  }
  std::memcpy(inst.mem.at(block), p, n);
  inst.mem.at(block)[n] = 0;
  *out = block;
  return true;
}

bool decode_memory(Instance& inst, const Types& types, uint32_t t, wire::Reader& r, uint64_t addr, uint32_t depth,
                   std::string* why) {
  const TypeDesc& d = desc(types, t);
  const TypeDesc& b = desc(types, base_of(types, t));
  if (depth > wire::kMaxTypeDepth) {
    *why = "a value nested too deeply";
    return false;
  }
  uint64_t v = 0;
  switch (b.kind) {
    case TypeKind::Int: case TypeKind::Bool: case TypeKind::Char: case TypeKind::Enum:
      if (!decode_int(types, t, r, &v, why)) return false;
      store_int(inst.mem, addr, d.size, v);
      return true;
    case TypeKind::Real: {
      if (!decode_real(d.size, r, &v, why)) return false;
      double x;
      std::memcpy(&x, &v, 8);
      if (d.size == 4) inst.mem.store<float>(addr, static_cast<float>(x));
      else inst.mem.store<double>(addr, x);
      return true;
    }
    case TypeKind::String:
      if (!decode_string(inst, r, d.max_len, &v, why)) return false;
      inst.mem.store<uint64_t>(addr, v);  // the zeroed slot held ''
      return true;
    case TypeKind::Array: {
      uint32_t esize = desc(types, d.elem).size;
      for (int64_t i = 0; i <= d.hi - d.lo; i++)
        if (!decode_memory(inst, types, d.elem, r, addr + static_cast<uint64_t>(i) * esize, depth + 1, why))
          return false;
      return true;
    }
    case TypeKind::Record:
      for (const Field& f : d.fields)
        if (!decode_memory(inst, types, f.type, r, addr + f.offset, depth + 1, why)) {
          if (why->find(" (field ") == std::string::npos) *why += " (field " + f.name + ")";
          return false;
        }
      return true;
    default: *why = "a type that cannot cross"; return false;
  }
}

// Strings inside a value in memory are released (the value is then garbage).
void release_strings(Instance& inst, const Types& types, uint32_t t, uint64_t addr) {
  ops::release_all(inst, types.layouts, t, addr);
}

}  // namespace

Slot slot_of(const Types& types, uint32_t t) {
  const TypeDesc& d = desc(types, base_of(types, t));
  switch (d.kind) {
    case TypeKind::Real: return Slot::Real;
    case TypeKind::String: return Slot::String;
    case TypeKind::Array: case TypeKind::Record: return Slot::Aggregate;
    case TypeKind::Pointer: return is_c_string(types, d) ? Slot::CString : Slot::Int;
    default: return Slot::Int;
  }
}

bool encode(Instance& inst, const Types& types, uint32_t t, uint64_t v, wire::Writer& w, std::string* why) {
  if (slot_of(types, t) == Slot::Aggregate) return encode_memory(inst, types, t, v, 0, w, why);
  return encode_scalar(inst, types, t, v, w, why);
}

bool decode(Instance& inst, const Types& types, uint32_t t, wire::Reader& r, uint64_t* out, Owned* owned,
            std::string* why) {
  const TypeDesc& d = desc(types, t);
  switch (slot_of(types, t)) {
    case Slot::Int: return decode_int(types, t, r, out, why);
    case Slot::Real: return decode_real(desc(types, base_of(types, t)).size, r, out, why);
    case Slot::String:
      if (!decode_string(inst, r, desc(types, base_of(types, t)).max_len, out, why)) return false;
      owned->strings.push_back(*out);
      return true;
    case Slot::CString:
      if (!decode_c_string(inst, r, out, why)) return false;
      owned->blocks.push_back(*out);
      return true;
    case Slot::Aggregate: {
      uint64_t block = inst.heap.alloc(std::max<uint64_t>(d.size, 1), true);
      if (!block) {
        *why = "out of memory";
        return false;
      }
      owned->aggregates.push_back({block, t});  // strings placed so far are released with it
      *out = block;
      return decode_memory(inst, types, t, r, block, 0, why);
    }
  }
  return false;
}

bool decode_into(Instance& inst, const Types& types, uint32_t t, wire::Reader& r, uint64_t addr, std::string* why) {
  if (!decode_memory(inst, types, t, r, addr, 0, why)) {
    release_strings(inst, types, t, addr);  // nothing half-decoded stays behind
    std::memset(inst.mem.at(addr), 0, desc(types, t).size);
    return false;
  }
  return true;
}

void Owned::release(Instance& inst, const Types& types) {
  for (uint64_t s : strings) str::release(inst.mem, inst.heap, s);
  for (uint64_t b : blocks) inst.heap.free(b);
  for (const Aggregate& a : aggregates) {
    release_strings(inst, types, a.type, a.addr);
    inst.heap.free(a.addr);
  }
  strings.clear();
  blocks.clear();
  aggregates.clear();
}

}  // namespace dvm::remote
