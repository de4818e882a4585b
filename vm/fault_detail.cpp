#include "vm/fault_detail.h"

#include "vm/instance.h"
#include "vm/opcodes.h"
#include "vm/strings.h"

namespace dvm {

std::string fault_detail(const Instance& inst, const Frame* f, const uint32_t* pc, RtError err) {
  if (!f || !pc || !f->regs) return "";
  const Value* R = f->regs;
  const LinkedProc* P = f->proc;
  auto reg = [&](int k) { return R[pc[k]].i; };
  auto range = [](int64_t lo, int64_t hi) { return std::to_string(lo) + ".." + std::to_string(hi); };
  switch (static_cast<Op>(pc[0])) {
    case Op::IDX:
      if (err != RtError::IndexRange) return "";
      return "index " + std::to_string(reg(3)) + ", bounds " + range(P->kint[pc[4]], P->kint[pc[5]]);
    case Op::IDXR:
      if (err != RtError::IndexRange) return "";
      return "index " + std::to_string(reg(3)) + ", bounds " + range(0, reg(4));
    case Op::DIDX: {
      if (err != RtError::IndexRange) return "";
      int64_t count;
      if (!str::array_count(inst.mem, static_cast<uint64_t>(reg(2)), 0, &count)) count = 0;
      if (count <= 0) return "index " + std::to_string(reg(3)) + " of an empty dynamic array";
      return "index " + std::to_string(reg(3)) + ", bounds " + range(0, count - 1);
    }
    case Op::CHKRNG:
      if (err != RtError::ValueRange) return "";
      return "value " + std::to_string(reg(1)) + ", range " + range(P->kint[pc[2]], P->kint[pc[3]]);
    case Op::SGET: case Op::SSET: {
      if (err != RtError::StringIndex) return "";
      uint64_t s = static_cast<uint64_t>(static_cast<Op>(pc[0]) == Op::SGET ? reg(2) : reg(1));
      int64_t index = static_cast<Op>(pc[0]) == Op::SGET ? reg(3) : reg(2);
      str::View v;
      if (s != 0 && !str::view(inst.mem, s, &v)) return "index " + std::to_string(index);
      return "index " + std::to_string(index) + ", length " + std::to_string(s == 0 ? 0 : v.len);
    }
    default:
      return "";
  }
}

}  // namespace dvm
