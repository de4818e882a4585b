// The one narrow API through which front ends (and tests) write code.
// Front ends never write raw instruction words: they name an opcode and its
// operands, and the builder checks the count against the opcode table.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <unordered_map>
#include <vector>

#include "vm/image.h"
#include "vm/opcodes.h"

namespace dvm {

struct Label {
  uint32_t id = 0xffffffffu;
};

class UnitBuilder;

// While one lives, procedures built on this thread get a guard after every
// frame slot (FrameGuard: a build for memory checking).
class FrameGuards {
 public:
  explicit FrameGuards(bool on);
  ~FrameGuards();
  FrameGuards(const FrameGuards&) = delete;
  FrameGuards& operator=(const FrameGuards&) = delete;

 private:
  bool saved_;
};

class ProcBuilder {
 public:
  ProcBuilder(UnitBuilder* unit, std::string name) : unit_(unit) { proc_.name = std::move(name); }

  // A parameter register; parameters must be declared before any other register.
  uint32_t param(Kind k, uint32_t type = kNoType, uint8_t mode = 0);
  void set_result(Kind k, uint32_t type = kNoType);
  uint32_t reg(Kind k);
  Kind reg_kind(uint32_t r) const { return proc_.regs[r]; }
  uint32_t num_regs() const { return static_cast<uint32_t>(proc_.regs.size()); }

  // Reserves `size` bytes of frame area aligned to `align`; returns the
  // offset.  Under FrameGuards the slot starts 8-aligned and a guard of at
  // least 16 bytes, ending 8-aligned, follows it.
  uint32_t frame_slot(uint32_t size, uint32_t align);
  void add_managed_slot(uint32_t offset, uint32_t type) { proc_.frame_managed.push_back({offset, type}); }
  void add_local(LocalInfo info) { proc_.locals.push_back(std::move(info)); }

  // The source position of the instructions emitted from now on.
  void set_pos(uint32_t line, uint32_t col);

  void emit(Op op, std::initializer_list<uint32_t> operands);
  // Code placed before everything emitted with emit(): set-up that must
  // dominate the whole body (hoisted global addresses, parameter copies).
  // No jumps here.
  void emit_prologue(Op op, std::initializer_list<uint32_t> operands);
  // An instruction whose last operand is a jump target.
  void emit_jump(Op op, std::initializer_list<uint32_t> operands, Label target);

  Label new_label();
  void bind(Label l);
  uint32_t pc() const { return static_cast<uint32_t>(proc_.code.size()); }
  // The opcode of the last instruction emitted, to avoid dead RETs after a RET.
  bool last_is_end() const;
  // Makes the last instruction write register `reg` instead of its first
  // operand, when that instruction ends at `end_pc` (so an expression computed
  // into a temporary lands directly in its destination).
  bool retarget_last(uint32_t end_pc, uint32_t from, uint32_t reg);
  uint32_t new_update_point() { return proc_.num_update_points++; }
  // A variable held in register p.value over [p.begin, p.end) of the body
  // (offsets as pc() gives them; see Promotion).
  void add_promotion(const Promotion& p) { proc_.promotions.push_back(p); }
  // Counts the points after which a value loaded from memory may be stale:
  // labels (control joins), memory writes and calls.
  uint64_t barrier() const { return barrier_; }

  Proc finish();  // resolves labels; every label used must be bound

  // A builder with this one's registers, frame and labels but none of its
  // code: for compiling an expression on trial to learn its type, at a cost
  // that does not grow with the code emitted so far.  What it emits is
  // thrown away.
  ProcBuilder probe() const;

 private:
  UnitBuilder* unit_;
  Proc proc_;
  std::vector<int64_t> label_pc_;                           // -1 while unbound
  std::vector<std::pair<uint32_t, uint32_t>> patches_;      // (code index, label id)
  std::vector<uint32_t> prologue_;
  int64_t last_op_pc_ = -1;
  uint64_t barrier_ = 0;
};

class UnitBuilder {
 public:
  explicit UnitBuilder(std::string name) { unit_.name = std::move(name); }

  // Constant pools and symbolic references, deduplicated.
  uint32_t kint(int64_t v);
  uint32_t kreal(double v);
  uint32_t kstr(const std::string& v);
  uint32_t proc_ref(const std::string& name);
  uint32_t global_ref(const std::string& name);
  // A signature for CALLP's SIG operand (deduplicated).
  uint32_t sig(const Signature& s);

  // Adds a finished procedure: the first is the top-level routine, the next ones
  // are nested routines, numbered 1, 2, ... (SUB operands).  Reserving the index
  // first lets recursion and forward calls among nested routines name it.
  uint32_t reserve_proc();
  void set_proc(uint32_t index, Proc p);

  Unit finish();

 private:
  Unit unit_;
  std::unordered_map<int64_t, uint32_t> kint_index_;
  std::unordered_map<uint64_t, uint32_t> kreal_index_;  // by bit pattern
  std::unordered_map<std::string, uint32_t> kstr_index_, proc_index_, global_index_;
};

}  // namespace dvm
