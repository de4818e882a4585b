// Instruction set facts, generated from opcodes.def.
#pragma once
#include <cstdint>

namespace dvm {

// What one operand word means; the verifier and disassembler are driven by it.
enum class Operand : uint8_t { RI, RF, RS, RB, IMM, KI, KF, KS, TGT, PRC, SUB, GLB, TYP, BLT, SIG };

enum OpFlag : uint8_t {
  F_NONE = 0,
  F_JUMP = 1,  // has a TGT operand
  F_BACK = 2,  // the branch goes backward and polls for updates
  F_CALL = 4,  // a safe point (calls, returns, update points)
  F_END = 8,   // control never falls through to the next instruction
  F_TRAP = 16, // may raise a runtime error
  F_MEMW = 32, // may write program memory (code generators forget cached loads)
  F_DEF = 64,  // operand a is a register the instruction writes (and does not read)
  F_RDEF = 128,  // operand a is a register the instruction reads and writes
};

enum class Op : uint8_t {
#define OP(name, flags, ...) name,
#include "opcodes.def"
#undef OP
  COUNT_
};

constexpr int kNumOps = static_cast<int>(Op::COUNT_);
constexpr int kMaxOperands = 6;

struct OpInfo {
  const char* name;
  uint8_t flags;
  uint8_t num_operands;
  Operand operands[kMaxOperands];
  const char* meaning;
};

extern const OpInfo kOpInfo[kNumOps];

inline const OpInfo& op_info(Op op) { return kOpInfo[static_cast<int>(op)]; }
// Words an instruction occupies: the opcode word plus one per operand.
inline int op_size(Op op) { return 1 + op_info(op).num_operands; }

}  // namespace dvm
