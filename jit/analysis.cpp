#include "jit/analysis.h"

#include "stdlib/builtin_ids.h"

namespace dvm::jit {

bool RegSet::unite(const RegSet& other) {
  bool grew = false;
  for (size_t w = 0; w < bits_.size(); w++) {
    uint64_t merged = bits_[w] | other.bits_[w];
    grew |= merged != bits_[w];
    bits_[w] = merged;
  }
  return grew;
}

void Analysis::uses_defs(const Instr& in, const uint32_t* code, std::vector<uint32_t>* uses,
                         std::vector<uint32_t>* defs) const {
  uses->clear();
  defs->clear();
  const OpInfo& info = op_info(in.op);
  const uint32_t* w = code + in.pc + 1;
  for (int i = 0; i < info.num_operands; i++) {
    Operand kind = info.operands[i];
    if (kind == Operand::RB) {
      for (uint32_t a = 0; a < in.nargs; a++)
        if (tracked(w[i] + a)) uses->push_back(w[i] + a);
      if (in.has_result && tracked(w[i] + in.nargs)) defs->push_back(w[i] + in.nargs);
      continue;
    }
    if (kind != Operand::RI && kind != Operand::RF) continue;
    if (!tracked(w[i])) continue;
    bool written = i == 0 && (info.flags & (F_DEF | F_RDEF));
    bool read = !(i == 0 && (info.flags & F_DEF));
    if (read) uses->push_back(w[i]);
    if (written) defs->push_back(w[i]);
  }
}

namespace {

int32_t jump_target(const Instr& in, const uint32_t* code) {
  const OpInfo& info = op_info(in.op);
  for (int i = 0; i < info.num_operands; i++)
    if (info.operands[i] == Operand::TGT) return static_cast<int32_t>(code[in.pc + 1 + i]);
  return -1;
}

}  // namespace

bool Analysis::run(const Proc& proc, const std::vector<CalleeInfo>& proc_refs, const std::vector<CalleeInfo>& sigs,
                   const std::vector<CalleeInfo>& nested, std::string* why) {
  const std::vector<uint32_t>& code = proc.code;
  kinds_ = proc.regs;
  const uint32_t nregs = static_cast<uint32_t>(kinds_.size());
  index_.assign(code.size(), -1);
  instrs_.clear();
  for (uint32_t pc = 0; pc < code.size();) {
    if (code[pc] >= static_cast<uint32_t>(Op::POLLTRAP)) return *why = "bad opcode", false;
    Instr in;
    in.pc = pc;
    in.op = static_cast<Op>(code[pc]);
    auto callee = [&](const std::vector<CalleeInfo>& table, uint32_t k) {
      if (k >= table.size()) return false;
      in.nargs = table[k].nargs;
      in.has_result = table[k].result != Kind::V;
      return true;
    };
    bool ok = true;
    switch (in.op) {
      case Op::CALL: ok = callee(proc_refs, code[pc + 1]); break;
      case Op::CALLN: ok = callee(nested, code[pc + 1]); break;
      case Op::CALLP: ok = callee(sigs, code[pc + 2]); break;
      case Op::CALLB:
        ok = code[pc + 1] < static_cast<uint32_t>(kNumBuiltins);
        if (ok) {
          const BuiltinSig& b = kBuiltinSigs[code[pc + 1]];
          in.nargs = b.num_params;
          in.has_result = b.result != Kind::V;
        }
        break;
      default: break;
    }
    if (!ok) return *why = "call to an unknown procedure", false;
    index_[pc] = static_cast<int32_t>(instrs_.size());
    instrs_.push_back(in);
    pc += static_cast<uint32_t>(op_size(in.op));
  }
  if (instrs_.empty()) return *why = "no code", false;
  // Blocks: leaders at the start, at jump targets and after jumps and ends.
  instrs_[0].leader = true;
  for (size_t i = 0; i < instrs_.size(); i++) {
    const OpInfo& info = op_info(instrs_[i].op);
    if ((info.flags & (F_JUMP | F_END)) && i + 1 < instrs_.size()) instrs_[i + 1].leader = true;
    if (info.flags & F_JUMP) {
      int32_t t = index_of(static_cast<uint32_t>(jump_target(instrs_[i], code.data())));
      if (t < 0) return *why = "jump into an instruction", false;
      instrs_[i].target = t;
      instrs_[t].leader = true;
      if (info.flags & F_BACK) instrs_[t].entry = true;
    }
    if (instrs_[i].op == Op::UPDPT) instrs_[i].leader = instrs_[i].entry = true;
  }
  // Liveness: backward over the instructions, iterated to a fixed point
  // (loops need a few rounds).  Per instruction, since safe points and
  // entries need the exact sets and procedures are small.
  const size_t n = instrs_.size();
  live_in_.assign(n, RegSet(nregs));
  live_out_.assign(n, RegSet(nregs));
  std::vector<std::vector<uint32_t>> uses(n), defs(n);
  for (size_t i = 0; i < n; i++) uses_defs(instrs_[i], code.data(), &uses[i], &defs[i]);
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t k = n; k-- > 0;) {
      const OpInfo& info = op_info(instrs_[k].op);
      RegSet out(nregs);
      if (!(info.flags & F_END) && k + 1 < n) out.unite(live_in_[k + 1]);
      if (instrs_[k].target >= 0) out.unite(live_in_[static_cast<size_t>(instrs_[k].target)]);
      RegSet in = out;
      for (uint32_t d : defs[k]) in.remove(d);
      for (uint32_t u : uses[k]) in.add(u);
      // FORUP/FORDN write a only when they jump: a stays live on the way out.
      if (!(in == live_in_[k])) {
        live_in_[k] = std::move(in);
        changed = true;
      }
      live_out_[k] = std::move(out);
    }
  }
  return true;
}

}  // namespace dvm::jit
