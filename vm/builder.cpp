#include "vm/builder.h"

#include <cstring>
#include <stdexcept>

namespace dvm {

uint32_t ProcBuilder::param(Kind k, uint32_t type, uint8_t mode) {
  if (proc_.regs.size() != proc_.sig.params.size())
    throw std::logic_error("parameters must be declared before other registers");
  proc_.sig.params.push_back(k);
  proc_.sig.param_types.push_back(type);
  proc_.sig.param_modes.push_back(mode);
  return reg(k);
}

void ProcBuilder::set_result(Kind k, uint32_t type) {
  proc_.sig.result = k;
  proc_.sig.result_type = type;
}

uint32_t ProcBuilder::reg(Kind k) {
  proc_.regs.push_back(k);
  return static_cast<uint32_t>(proc_.regs.size() - 1);
}

namespace {
thread_local bool t_frame_guards = false;
constexpr uint32_t kFrameGuardBytes = 16;
}  // namespace

FrameGuards::FrameGuards(bool on) : saved_(t_frame_guards) { t_frame_guards = on; }
FrameGuards::~FrameGuards() { t_frame_guards = saved_; }

uint32_t ProcBuilder::frame_slot(uint32_t size, uint32_t align) {
  if (align == 0) align = 1;
  if (t_frame_guards) {
    // 8-aligned slots and guard ends, so a guard's shadow never shares a
    // granule with the next slot (vm/memcheck.h).
    if (align < 8) align = 8;
    uint32_t off = (proc_.frame_size + align - 1) / align * align;
    uint32_t end = off + size;
    uint32_t guard_end = (end + 7) / 8 * 8 + kFrameGuardBytes;
    proc_.frame_guards.push_back({end, guard_end - end});
    proc_.frame_size = guard_end;
    return off;
  }
  uint32_t off = (proc_.frame_size + align - 1) / align * align;
  proc_.frame_size = off + size;
  return off;
}

void ProcBuilder::set_pos(uint32_t line, uint32_t col) {
  if (!proc_.lines.empty()) {
    LineEntry& last = proc_.lines.back();
    if (last.line == line && last.col == col) return;
    if (last.pc == pc()) {  // nothing emitted at the previous position
      last.line = line;
      last.col = col;
      return;
    }
  }
  proc_.lines.push_back({pc(), line, col});
}

void ProcBuilder::emit(Op op, std::initializer_list<uint32_t> operands) {
  const OpInfo& info = op_info(op);
  if (operands.size() != info.num_operands)
    throw std::logic_error(std::string("wrong operand count for ") + info.name);
  last_op_pc_ = pc();
  if (info.flags & (F_MEMW | F_CALL)) barrier_++;
  proc_.code.push_back(static_cast<uint32_t>(op));
  for (uint32_t w : operands) proc_.code.push_back(w);
}

void ProcBuilder::emit_prologue(Op op, std::initializer_list<uint32_t> operands) {
  const OpInfo& info = op_info(op);
  if (operands.size() != info.num_operands || (info.flags & F_JUMP))
    throw std::logic_error(std::string("bad prologue instruction ") + info.name);
  prologue_.push_back(static_cast<uint32_t>(op));
  for (uint32_t w : operands) prologue_.push_back(w);
}

void ProcBuilder::emit_jump(Op op, std::initializer_list<uint32_t> operands, Label target) {
  const OpInfo& info = op_info(op);
  if (operands.size() + 1 != info.num_operands || info.operands[info.num_operands - 1] != Operand::TGT)
    throw std::logic_error(std::string("bad jump operands for ") + info.name);
  last_op_pc_ = pc();
  proc_.code.push_back(static_cast<uint32_t>(op));
  for (uint32_t w : operands) proc_.code.push_back(w);
  patches_.push_back({pc(), target.id});
  proc_.code.push_back(0);
}

Label ProcBuilder::new_label() {
  label_pc_.push_back(-1);
  return Label{static_cast<uint32_t>(label_pc_.size() - 1)};
}

void ProcBuilder::bind(Label l) {
  label_pc_.at(l.id) = pc();
  last_op_pc_ = -1;
  barrier_++;  // a label makes the next instruction reachable
}

ProcBuilder ProcBuilder::probe() const {
  ProcBuilder b(unit_, proc_.name);
  Proc& p = b.proc_;
  const Proc& q = proc_;
  p.sig = q.sig;
  p.regs = q.regs;
  p.frame_size = q.frame_size;
  p.num_update_points = q.num_update_points;
  b.label_pc_.assign(label_pc_.size(), 0);  // (bound, so that finish would not complain)
  b.barrier_ = barrier_;
  return b;
}

bool ProcBuilder::last_is_end() const {
  if (last_op_pc_ < 0) return false;
  return (op_info(static_cast<Op>(proc_.code[last_op_pc_])).flags & F_END) != 0;
}

bool ProcBuilder::retarget_last(uint32_t end_pc, uint32_t from, uint32_t reg) {
  if (last_op_pc_ < 0 || end_pc != pc()) return false;
  const OpInfo& info = op_info(static_cast<Op>(proc_.code[last_op_pc_]));
  if (info.num_operands == 0 || (info.flags & (F_JUMP | F_CALL))) return false;
  Operand a = info.operands[0];
  if (a != Operand::RI && a != Operand::RF && a != Operand::RS) return false;
  uint32_t& dst = proc_.code[last_op_pc_ + 1];
  if (dst != from || proc_.regs.at(reg) != proc_.regs.at(from)) return false;
  dst = reg;
  return true;
}

Proc ProcBuilder::finish() {
  const uint32_t shift = static_cast<uint32_t>(prologue_.size());
  for (auto [at, id] : patches_) {
    int64_t target = label_pc_.at(id);
    if (target < 0) throw std::logic_error("unbound label in " + proc_.name);
    proc_.code[at] = static_cast<uint32_t>(target) + shift;
  }
  patches_.clear();
  proc_.prologue_size = shift;
  for (Promotion& m : proc_.promotions) {
    m.begin += shift;
    m.end += shift;
  }
  if (shift > 0) {
    proc_.code.insert(proc_.code.begin(), prologue_.begin(), prologue_.end());
    for (LineEntry& e : proc_.lines)
      if (e.pc > 0) e.pc += shift;  // the first entry also covers the prologue
    prologue_.clear();
  }
  return std::move(proc_);
}

uint32_t UnitBuilder::kint(int64_t v) {
  auto [it, fresh] = kint_index_.emplace(v, static_cast<uint32_t>(unit_.kint.size()));
  if (fresh) unit_.kint.push_back(v);
  return it->second;
}

uint32_t UnitBuilder::kreal(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  auto [it, fresh] = kreal_index_.emplace(bits, static_cast<uint32_t>(unit_.kreal.size()));
  if (fresh) unit_.kreal.push_back(v);
  return it->second;
}

uint32_t UnitBuilder::kstr(const std::string& v) {
  auto [it, fresh] = kstr_index_.emplace(v, static_cast<uint32_t>(unit_.kstr.size()));
  if (fresh) unit_.kstr.push_back(v);
  return it->second;
}

uint32_t UnitBuilder::proc_ref(const std::string& name) {
  auto [it, fresh] = proc_index_.emplace(name, static_cast<uint32_t>(unit_.proc_refs.size()));
  if (fresh) unit_.proc_refs.push_back(name);
  return it->second;
}

uint32_t UnitBuilder::sig(const Signature& s) {
  for (size_t i = 0; i < unit_.sigs.size(); i++) {
    const Signature& t = unit_.sigs[i];
    if (t.params == s.params && t.param_types == s.param_types && t.param_modes == s.param_modes &&
        t.result == s.result && t.result_type == s.result_type)
      return static_cast<uint32_t>(i);
  }
  unit_.sigs.push_back(s);
  return static_cast<uint32_t>(unit_.sigs.size() - 1);
}

uint32_t UnitBuilder::global_ref(const std::string& name) {
  auto [it, fresh] = global_index_.emplace(name, static_cast<uint32_t>(unit_.global_refs.size()));
  if (fresh) unit_.global_refs.push_back(name);
  return it->second;
}

uint32_t UnitBuilder::reserve_proc() {
  unit_.procs.emplace_back();
  return static_cast<uint32_t>(unit_.procs.size() - 1);
}

void UnitBuilder::set_proc(uint32_t index, Proc p) { unit_.procs.at(index) = std::move(p); }

Unit UnitBuilder::finish() {
  if (!unit_.procs.empty()) unit_.name = unit_.procs[0].name;
  return std::move(unit_);
}

}  // namespace dvm
