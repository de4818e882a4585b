// What the code generator needs to know about a procedure's bytecode before
// it emits anything: its instructions, basic blocks, the places machine code
// may be entered (loop headers, update points), the argument blocks of calls,
// and which I and F registers are live where (S registers always live in the
// frame's register window, so they never need tracking).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "vm/image.h"
#include "vm/opcodes.h"

namespace dvm::jit {

// A set of registers, one bit each.
class RegSet {
 public:
  explicit RegSet(uint32_t n = 0) : bits_((n + 63) / 64, 0) {}
  void add(uint32_t r) { bits_[r >> 6] |= uint64_t{1} << (r & 63); }
  void remove(uint32_t r) { bits_[r >> 6] &= ~(uint64_t{1} << (r & 63)); }
  bool has(uint32_t r) const { return (bits_[r >> 6] >> (r & 63)) & 1; }
  // this |= other; true if anything was added.
  bool unite(const RegSet& other);
  bool operator==(const RegSet& o) const { return bits_ == o.bits_; }
  template <typename Fn>
  void for_each(Fn fn) const {
    for (size_t w = 0; w < bits_.size(); w++)
      for (uint64_t b = bits_[w]; b; b &= b - 1) fn(static_cast<uint32_t>(w * 64 + __builtin_ctzll(b)));
  }

 private:
  std::vector<uint64_t> bits_;
};

struct Instr {
  uint32_t pc;      // word offset
  Op op;
  // Calls and builtins: the argument block's size and whether a result
  // register follows it.
  uint32_t nargs = 0;
  bool has_result = false;
  bool leader = false;  // starts a basic block
  bool entry = false;   // machine code may be entered here (loop header, update point)
  int32_t target = -1;  // a jump's target instruction (its index)
};

struct CalleeInfo {
  uint32_t nargs;
  Kind result;
};

class Analysis {
 public:
  // `callee` gives the signature a call instruction expects (verified images
  // only).  Fails (returning false) only on code a verified image cannot have.
  bool run(const Proc& proc, const std::vector<CalleeInfo>& proc_refs, const std::vector<CalleeInfo>& sigs,
           const std::vector<CalleeInfo>& nested, std::string* why);

  const std::vector<Instr>& instrs() const { return instrs_; }
  // Instruction index of a word offset (-1: not an instruction start).
  int32_t index_of(uint32_t pc) const { return pc < index_.size() ? index_[pc] : -1; }
  // I and F registers live just before / just after instruction i.
  const RegSet& live_in(size_t i) const { return live_in_[i]; }
  const RegSet& live_out(size_t i) const { return live_out_[i]; }
  bool tracked(uint32_t r) const { return kinds_[r] == Kind::I || kinds_[r] == Kind::F; }

  // Register operands (I and F only) an instruction reads and writes.
  void uses_defs(const Instr& in, const uint32_t* code, std::vector<uint32_t>* uses, std::vector<uint32_t>* defs) const;

 private:
  std::vector<Instr> instrs_;
  std::vector<int32_t> index_;
  std::vector<Kind> kinds_;
  std::vector<RegSet> live_in_, live_out_;
};

}  // namespace dvm::jit
