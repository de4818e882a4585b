#include "opcodes.h"

namespace dvm {
namespace {
// Operand kinds are spelled without the enum prefix in opcodes.def.
constexpr Operand RI = Operand::RI, RF = Operand::RF, RS = Operand::RS, RB = Operand::RB,
                  IMM = Operand::IMM, KI = Operand::KI, KF = Operand::KF, KS = Operand::KS,
                  TGT = Operand::TGT, PRC = Operand::PRC, SUB = Operand::SUB,
                  GLB = Operand::GLB, TYP = Operand::TYP, BLT = Operand::BLT,
                  SIG = Operand::SIG;

// The last argument is the meaning string; everything before it is an operand.
constexpr OpInfo info(const char* name, uint8_t flags, const char* meaning) {
  return OpInfo{name, flags, 0, {}, meaning};
}

template <typename... Rest>
constexpr OpInfo info(const char* name, uint8_t flags, Operand first, Rest... rest) {
  OpInfo tail = info(name, flags, rest...);
  OpInfo out{name, flags, static_cast<uint8_t>(tail.num_operands + 1), {}, tail.meaning};
  out.operands[0] = first;
  for (int i = 0; i < tail.num_operands; i++) out.operands[i + 1] = tail.operands[i];
  return out;
}
}  // namespace

const OpInfo kOpInfo[kNumOps] = {
#define OP(name, flags, ...) info(#name, flags, __VA_ARGS__),
#include "opcodes.def"
#undef OP
};

}  // namespace dvm
