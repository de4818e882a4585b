// The instructions whose work is more than a few machine instructions
// (strings, values with strings inside, the heap), written once: the
// interpreter inlines them into its dispatch loop, machine code reaches them
// through one runtime call (jit/runtime.cpp).  Each takes the frame's
// registers and the instruction (linked code), and returns false with *err set
// when the instruction raises a runtime error.
#pragma once
#include <cstring>

#include "vm/instance.h"
#include "vm/strings.h"

namespace dvm::ops {

// Takes a reference to every string of the value; false if one is not a string.
inline bool retain_all(Instance& inst, const TypeLayout* layouts, uint32_t t, uint64_t addr) {
  bool ok = true;
  auto fn = [&](uint64_t slot) {
    uint64_t s = inst.mem.load<uint64_t>(slot);
    if (!str::valid_ref(inst.mem, s)) ok = false;
    else str::retain(inst.mem, s);
  };
  for_each_string(layouts, t, addr, fn);
  return ok;
}

// Releases every string of the value; slots that cannot hold a string are skipped.
inline void release_all(Instance& inst, const TypeLayout* layouts, uint32_t t, uint64_t addr) {
  auto fn = [&](uint64_t slot) {
    uint64_t s = inst.mem.load<uint64_t>(slot);
    if (str::valid_ref(inst.mem, s)) str::release(inst.mem, inst.heap, s);
  };
  for_each_string(layouts, t, addr, fn);
}

// Writing an S register releases what it held (the new value is already owned).
inline void set_s(Instance& inst, Value& slot, uint64_t v) {
  uint64_t old = slot.u;
  slot.u = v;
  str::release(inst.mem, inst.heap, old);
}

inline int64_t imm(const uint32_t* pc, int i) { return static_cast<int64_t>(static_cast<int32_t>(pc[i])); }

// MOVS a, b
inline void movs(Instance& inst, Value* R, const uint32_t* pc) {
  uint64_t v = R[pc[2]].u;
  str::retain(inst.mem, v);
  set_s(inst, R[pc[1]], v);
}

// LDKS a, k: string constants are immortal, no reference to take.
inline void ldks(Instance& inst, const LinkedProc* P, Value* R, const uint32_t* pc) {
  set_s(inst, R[pc[1]], P->kstr[pc[2]]);
}

// LDS a, b, c
inline bool lds(Instance& inst, Value* R, const uint32_t* pc, RtError* err) {
  uint64_t addr = R[pc[2]].u + static_cast<uint64_t>(imm(pc, 3));
  if (!inst.mem.valid(addr, 8)) return *err = Memory::fault(addr), false;
  uint64_t s = inst.mem.load<uint64_t>(addr);
  if (!str::valid_ref(inst.mem, s)) return *err = RtError::BadAddress, false;  // never trust memory
  str::retain(inst.mem, s);
  set_s(inst, R[pc[1]], s);
  return true;
}

// STS a, b, c
inline bool sts(Instance& inst, Value* R, const uint32_t* pc, RtError* err) {
  uint64_t addr = R[pc[2]].u + static_cast<uint64_t>(imm(pc, 3));
  if (!inst.mem.valid(addr, 8)) return *err = Memory::fault(addr), false;
  uint64_t old = inst.mem.load<uint64_t>(addr);
  if (!str::valid_ref(inst.mem, old)) return *err = RtError::BadAddress, false;
  uint64_t s = R[pc[1]].u;
  str::retain(inst.mem, s);
  inst.mem.store<uint64_t>(addr, s);
  str::release(inst.mem, inst.heap, old);
  return true;
}

// COPY a, b, t
inline bool copy(Instance& inst, const LinkedProc* P, Value* R, const uint32_t* pc, RtError* err) {
  const TypeLayout& t = P->layouts[pc[3]];
  uint64_t dst = R[pc[1]].u, src = R[pc[2]].u;
  if (!inst.mem.valid(dst, t.size)) return *err = Memory::fault(dst), false;
  if (!inst.mem.valid(src, t.size)) return *err = Memory::fault(src), false;
  if (t.managed) {  // references first, so copying a value onto itself is harmless
    if (!retain_all(inst, P->layouts, pc[3], src)) return *err = RtError::BadAddress, false;
    release_all(inst, P->layouts, pc[3], dst);
  }
  std::memmove(inst.mem.at(dst), inst.mem.at(src), t.size);
  return true;
}

// FINAL a, t
inline bool final(Instance& inst, const LinkedProc* P, Value* R, const uint32_t* pc, RtError* err) {
  const TypeLayout& t = P->layouts[pc[2]];
  uint64_t addr = R[pc[1]].u;
  if (!inst.mem.valid(addr, t.size)) return *err = Memory::fault(addr), false;
  if (t.managed) release_all(inst, P->layouts, pc[2], addr);
  std::memset(inst.mem.at(addr), 0, t.size);
  return true;
}

// NEW a, t
inline bool new_block(Instance& inst, const LinkedProc* P, Value* R, const uint32_t* pc, RtError* err) {
  uint64_t p = inst.heap.alloc(P->layouts[pc[2]].size, true);
  if (!p) return *err = RtError::OutOfMemory, false;
  R[pc[1]].u = p;
  return true;
}

// DISPOSE a, t
inline bool dispose(Instance& inst, const LinkedProc* P, Value* R, const uint32_t* pc, RtError* err) {
  uint64_t p = R[pc[1]].u;
  if (p == 0) return true;  // dispose(nil) does nothing, as in fpc
  const TypeLayout& t = P->layouts[pc[2]];
  if (t.managed) {  // its strings are released first, so it must be a live block
    if (!inst.heap.is_live(p)) return *err = RtError::DoubleDispose, false;
    if (inst.mem.valid(p, t.size)) release_all(inst, P->layouts, pc[2], p);
  }
  if (!inst.heap.free(p)) return *err = RtError::DoubleDispose, false;
  return true;
}

// SCAT a, b, c
inline bool scat(Instance& inst, Value* R, const uint32_t* pc, RtError* err) {
  uint64_t s;
  if (!str::concat(inst.mem, inst.heap, R[pc[2]].u, R[pc[3]].u, pc[1] == pc[2], &s, err)) return false;
  set_s(inst, R[pc[1]], s);
  return true;
}

// SCMP a, b, c
inline bool scmp(Instance& inst, Value* R, const uint32_t* pc, RtError* err) {
  int64_t c;
  if (!str::compare(inst.mem, R[pc[2]].u, R[pc[3]].u, &c)) return *err = RtError::BadAddress, false;
  R[pc[1]].i = c;
  return true;
}

// SLEN a, b
inline void slen(Instance& inst, Value* R, const uint32_t* pc) { R[pc[1]].i = str::raw_length(inst.mem, R[pc[2]].u); }

// DIDX a, b, c, d: the object's count is checked against memory as a
// string's length is (an image could hand over anything as a reference).
inline bool didx(Instance& inst, Value* R, const uint32_t* pc, RtError* err) {
  uint64_t s = R[pc[2]].u, size = pc[4];
  int64_t count;
  if (!str::array_count(inst.mem, s, size, &count)) return *err = RtError::BadAddress, false;
  uint64_t i = R[pc[3]].u;
  if (i >= static_cast<uint64_t>(count)) return *err = RtError::IndexRange, false;
  R[pc[1]].u = s + str::kHeader + i * size;
  return true;
}

// SGET a, b, c
inline bool sget(Instance& inst, Value* R, const uint32_t* pc, RtError* err) {
  str::View v;
  if (!str::view(inst.mem, R[pc[2]].u, &v)) return *err = RtError::BadAddress, false;
  uint64_t i = R[pc[3]].u - 1;  // 1-based; 0 and negatives wrap to huge
  if (i >= static_cast<uint64_t>(v.len)) return *err = RtError::StringIndex, false;
  R[pc[1]].i = static_cast<unsigned char>(v.p[i]);
  return true;
}

// SSET a, b, c
inline bool sset(Instance& inst, Value* R, const uint32_t* pc, RtError* err) {
  Value& s = R[pc[1]];
  str::View v;
  if (!str::view(inst.mem, s.u, &v)) return *err = RtError::BadAddress, false;
  uint64_t i = R[pc[2]].u - 1;
  if (i >= static_cast<uint64_t>(v.len)) return *err = RtError::StringIndex, false;
  if (str::refcount(inst.mem, s.u) != 1 && !str::make_unique(inst.mem, inst.heap, &s.u, err)) return false;  // copy on write
  str::chars(inst.mem, s.u)[i] = static_cast<char>(R[pc[3]].u);
  return true;
}

// C2S a, b: one-character strings are immortal (never allocated).
inline void c2s(Instance& inst, Value* R, const uint32_t* pc) { set_s(inst, R[pc[1]], inst.one_char[R[pc[2]].u & 255]); }

}  // namespace dvm::ops
