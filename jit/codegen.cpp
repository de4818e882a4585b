// The code generator: one bytecode instruction at a time, in order, into
// asmjit's Compiler.  Each I register of the procedure is a virtual general
// register and each F register a virtual XMM register, so asmjit's allocator
// keeps the hot ones in machine registers; S registers stay in the frame's
// register window (the string runtime works there).  At every place where the
// VM must see the frame (a safe point with a request pending, an entry in the
// middle of the procedure, a builtin, the runtime's instructions) the live
// registers are written to the window and read back after: only on the path
// taken when that happens.
//
// The function is NativeCode (vm/native.h): (ctx, frame, entry).  Rare paths
// (traps, safe points with a request pending, on-stack entries) are emitted
// after the body, out of the hot code's way.
#include "jit/codegen.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <functional>
#include <optional>
#include <unordered_map>

#include "jit/analysis.h"
#include "jit/runtime.h"
#include "stdlib/builtin_ids.h"
#include "vm/instance.h"
#include "vm/opcodes.h"
#include "vm/strings.h"

namespace dvm::jit {

using namespace asmjit;

namespace {

constexpr int32_t kFrameProc = offsetof(Frame, proc);
constexpr int32_t kFramePc = offsetof(Frame, pc);
constexpr int32_t kFrameRegs = offsetof(Frame, regs);
constexpr int32_t kFrameResult = offsetof(Frame, result);
constexpr int32_t kFrameFaBase = offsetof(Frame, fa_base);
constexpr int32_t kCtxMem = offsetof(NativeCtx, mem);
constexpr int32_t kCtxLimit = offsetof(NativeCtx, limit);
constexpr int32_t kCtxRegsEnd = offsetof(NativeCtx, regs_end);
constexpr int32_t kCtxFaEnd = offsetof(NativeCtx, fa_end);
constexpr int32_t kCtxStackLimit = offsetof(NativeCtx, stack_limit);
constexpr int32_t kCtxPoll = offsetof(NativeCtx, poll);

bool fits_i32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

using Sig3 = FuncSignatureT<uint32_t, NativeCtx*, Frame*, uint32_t>;

class ProcCompiler {
 public:
  ProcCompiler(Instance& inst, const LinkedProc& lp, x86::Compiler& cc, const Analysis& an, const CodegenOptions& opt,
               std::vector<CallSite>* call_sites)
      : inst_(inst), lp_(lp), src_(*lp.src), cc_(cc), an_(an), opt_(opt), code_(src_.code.data()), call_sites_(call_sites) {}

  bool emit(std::string* why);

 private:
  Instance& inst_;
  const LinkedProc& lp_;
  const Proc& src_;
  x86::Compiler& cc_;
  const Analysis& an_;
  const CodegenOptions& opt_;
  const uint32_t* code_;
  std::vector<CallSite>* call_sites_;  // reserved for every call: their addresses are in the code

  x86::Gp frame_, entry_;
  std::vector<x86::Gp> ireg_;
  // Values a block may need again, made at their first use in the block:
  // the context, memory base and register window, and constant registers.
  // Keeping them block-local spares the register allocator long live ranges
  // across calls.
  std::unordered_map<uint64_t, x86::Gp> block_values_;
  std::vector<x86::Gp> block_pool_, gp_pool_;
  std::vector<x86::Xmm> xmm_pool_;
  size_t next_gp_ = 0, next_xmm_ = 0;
  // Registers set once, in the prologue, to a value known now (global
  // addresses, constants): never held in a machine register, made where used.
  std::vector<bool> is_konst_;
  std::vector<int64_t> konst_;
  // Bytes known addressable from a register's value on (-1: unknown), for
  // the checks the code can prove cannot fail.  invariant_: prologue
  // registers, for the whole procedure; valid_: the current block.
  std::vector<int64_t> invariant_, valid_;
  // Local value numbering of I registers in the current block (forgotten at
  // leaders and safe points, where a mapper may change a register).  A pure
  // integer instruction computed again becomes a move: C reaches `a[i].f`
  // field by field through the same address arithmetic, Pascal indexes a
  // record of an array (IDX, whose check passed the first time) field by field.  And a memory check
  // proves a byte range around a value: program memory is one interval, so
  // two checked accesses through one value prove everything between them,
  // and later accesses within that hull need no check.
  struct PureValue {
    Op op;
    uint32_t b, c;       // operands' value numbers
    int64_t k, k2;       // immediates (IDX: its bounds' constants, its scale)
    uint32_t vn, holder;
    bool same_computation(const PureValue& o) const { return op == o.op && b == o.b && c == o.c && k == o.k && k2 == o.k2; }
  };
  struct CheckedSpan {
    uint32_t vn;
    int64_t lo, hi;
  };
  std::vector<uint32_t> vn_, vn_stamp_;
  uint32_t vn_epoch_ = 1, next_vn_ = 1;
  std::vector<PureValue> pure_values_;
  std::vector<CheckedSpan> checked_;
  // Index values an IDX proved within bounds in this block: a[i, k] and
  // b[k, j] check k once.
  struct ProvenIndex {
    uint32_t vn;
    int64_t lo, hi;
  };
  std::vector<ProvenIndex> proven_indexes_;
  // Counted loops (FORUP) whose variable runs from a constant to a constant
  // limit, neither changed in the body, entered only through their guard:
  // inside the body the variable lies in [lo, hi], so indexing by it within
  // those bounds needs no check.  (No update point inside: a frame that
  // moves there could bring any value.)
  //
  // A promoted global (Pascal's main program) may come back from a safe
  // point with any value a mapper wrote: such a range holds only for a body
  // with no call or builtin, and every safe point and entry inside it checks
  // the value again (guarded_ranges); where it fails, the interpreter runs
  // the frame on.
  struct LoopRange {
    uint32_t reg;
    int64_t lo, hi;
    uint32_t begin_pc, end_pc;  // the body: [begin_pc, end_pc], end_pc the FORUP
    uint32_t back_pc = 0;       // the back edge (FORUP or LOOP)
    uint32_t limit = 0;         // FORUP's limit register
    bool guarded = false;       // the variable or the limit is a promoted global
  };
  std::vector<LoopRange> loop_ranges_;
  // Integer registers known to lie in [lo, hi] at this point of the block
  // (a loop variable scaled and offset: C's a[i][k] as pointer arithmetic).
  struct Range {
    bool known = false;
    int64_t lo = 0, hi = 0;
  };
  std::vector<Range> ranges_;
  Range range_of(uint32_t r) const {
    if (r < ranges_.size() && ranges_[r].known) return ranges_[r];
    if (konst(r)) return {true, konst_[r], konst_[r]};
    for (const LoopRange& l : loop_ranges_)
      if (l.reg == r && pc() >= l.begin_pc && pc() <= l.end_pc) return {true, l.lo, l.hi};
    return {};
  }
  void find_loop_ranges();
  void find_while_range(size_t back);
  std::optional<int64_t> constant_before(size_t at, uint32_t reg) const;
  bool entered_only_at_head(size_t head, size_t back) const;
  // Jumps to `fail` where a promoted loop variable (or limit) lies outside
  // the range its loop's code assumes at pc, a safe point or entry.
  void guard_ranges(uint32_t at_pc, const Label& fail) {
    for (const LoopRange& l : loop_ranges_) {
      if (!l.guarded || at_pc < l.begin_pc || at_pc > l.back_pc) continue;
      if (!konst(l.reg)) {
        cc_.cmp(gi(l.reg), static_cast<int32_t>(l.lo));
        cc_.jl(fail);
      }
      if (code_[l.back_pc] == static_cast<uint32_t>(Op::FORUP) && !konst(l.limit)) {
        cc_.cmp(gi(l.limit), static_cast<int32_t>(l.hi));
        cc_.jg(fail);
      }
    }
  }
  bool has_guarded_range(uint32_t at_pc) const {
    for (const LoopRange& l : loop_ranges_)
      if (l.guarded && at_pc >= l.begin_pc && at_pc <= l.back_pc) return true;
    return false;
  }
  static bool calls(const Instr& in) { return (op_info(in.op).flags & F_CALL) || in.op == Op::CALLB; }
  // A promoted global's register: a mapper may write any value into it at a
  // safe point.
  bool promoted(uint32_t reg) const {
    for (const Promotion& p : src_.promotions)
      if (p.value == reg) return true;
    return false;
  }
  Range derived_range(const Instr& in) const;
  // At this FORUP: its loop is a counted one whose limit is below INT64_MAX.
  bool counts_without_overflow(uint32_t reg) const {
    for (const LoopRange& l : loop_ranges_)
      if (l.reg == reg && pc() == l.end_pc && l.hi < INT64_MAX) return true;
    return false;
  }
  bool in_loop_range(uint32_t reg, int64_t lo, int64_t hi) const {
    for (const LoopRange& l : loop_ranges_)
      if (l.reg == reg && pc() >= l.begin_pc && pc() <= l.end_pc && lo <= l.lo && l.hi <= hi) return true;
    return false;
  }
  // Loop-invariant instructions at the head of a loop (a[i] of a[i, k] in a
  // k loop) are computed once in a preheader before the loop's first
  // instruction.  hoisted_[i]: instruction i is computed there (nothing in
  // the body); preheader_[t]: the label and instructions of the loop at t.
  // A safe point at the back edge may change a promoted global the hoisted
  // values depend on: after one runs, the loop goes on through the preheader.
  struct Preheader {
    Label label;
    std::vector<size_t> instrs;
  };
  std::vector<bool> hoisted_;
  std::unordered_map<size_t, Preheader> preheaders_;
  std::unordered_map<size_t, size_t> back_edge_head_;  // back edge -> loop head with a preheader
  std::vector<x86::Xmm> freg_;
  std::vector<Label> labels_;  // per instruction index (leaders only)
  std::vector<std::function<void()>> cold_;
  Label osr_dispatch_;
  std::vector<uint32_t> named_regs_;  // register locals (I/F): written back at update points too
  size_t at_ = 0;                      // index of the instruction being emitted
  std::string why_;

  // ---- registers
  bool in_memory() const { return opt_.registers_in_memory; }
  void new_block() { block_values_.clear(); }
  // A label: a join of paths, where no block value made on one path may be
  // used (they are made again after it).
  void bind(const Label& l) {
    cc_.bind(l);
    new_block();
  }
  // (Block values come from a pool reused by every block: each block makes
  // again what it uses, so the allocator sees few virtual registers.)
  x86::Gp block_value(uint64_t key, const std::function<void(const x86::Gp&)>& make) {
    auto it = block_values_.find(key);
    if (it != block_values_.end()) return it->second;
    size_t n = block_values_.size();
    if (n == block_pool_.size()) block_pool_.push_back(cc_.newGpq());
    x86::Gp t = block_pool_[n];
    make(t);
    block_values_.emplace(key, t);
    return t;
  }
  static constexpr uint64_t kCtxKey = ~uint64_t{0}, kMemKey = ~uint64_t{1}, kRegsKey = ~uint64_t{2};
  x86::Gp ctx() { return block_value(kCtxKey, [&](const x86::Gp& t) { cc_.mov(t, reinterpret_cast<uint64_t>(&inst_.native)); }); }
  // A field of the context: by its absolute address when it lies below 2 GiB.
  x86::Mem ctx_field(int32_t off, uint32_t size) {
    if (native_ctx_is_low(&inst_.native)) return x86::ptr_abs(reinterpret_cast<uint64_t>(&inst_.native) + off, size);
    return x86::ptr(ctx(), off, size);
  }
  Imm ctx_arg() const { return Imm(reinterpret_cast<uint64_t>(&inst_.native)); }
  x86::Gp mem() { return block_value(kMemKey, [&](const x86::Gp& t) { cc_.mov(t, reinterpret_cast<uint64_t>(inst_.mem.base())); }); }
  x86::Gp regs() { return block_value(kRegsKey, [&](const x86::Gp& t) { cc_.mov(t, x86::qword_ptr(frame_, kFrameRegs)); }); }
  // Program memory at the address in `index` plus disp: with the memory's
  // base below 2 GiB, the base is part of the displacement and needs no
  // register.
  x86::Mem mem_ptr(const x86::Gp& index, int64_t disp, uint32_t size = 0) {
    int64_t host = static_cast<int64_t>(reinterpret_cast<uintptr_t>(inst_.mem.base())) + disp;
    if (inst_.mem.low_base() && fits_i32(host)) return x86::ptr(index, static_cast<int32_t>(host), size);
    return x86::ptr(mem(), index, 0, static_cast<int32_t>(disp), size);
  }
  // (A constant address stays relative to the base register: absolute
  // operands there made asmjit's allocator spill loop variables.)
  x86::Mem mem_abs(int64_t disp, uint32_t size = 0) { return x86::ptr(mem(), static_cast<int32_t>(disp), size); }
  x86::Mem slot(uint32_t r) { return x86::qword_ptr(regs(), static_cast<int32_t>(r * 8)); }
  // Temporaries live within one instruction (or one out-of-line path): they
  // come from a pool reused by every instruction, so the allocator's work
  // grows with the procedure's length, not with its temporaries.
  x86::Gp tmp() {
    if (next_gp_ == gp_pool_.size()) gp_pool_.push_back(cc_.newGpq());
    return gp_pool_[next_gp_++];
  }
  x86::Gp tmpd() { return tmp().r32(); }
  x86::Xmm ftmp() {
    if (next_xmm_ == xmm_pool_.size()) xmm_pool_.push_back(cc_.newXmmSd());
    return xmm_pool_[next_xmm_++];
  }
  void reset_temporaries() { next_gp_ = next_xmm_ = 0; }
  bool konst(uint32_t r) const { return r < is_konst_.size() && is_konst_[r]; }
  // An I register's value, to read.
  x86::Gp gi(uint32_t r) {
    if (konst(r)) return block_value(r, [&](const x86::Gp& t) { load_constant(t, konst_[r]); });
    if (!in_memory()) return ireg_[r];
    x86::Gp t = tmp();
    cc_.mov(t, slot(r));
    return t;
  }
  void load_constant(const x86::Gp& t, int64_t v) {
    if (v == 0) cc_.xor_(t.r32(), t.r32());
    else cc_.mov(t, v);
  }
  // An I register as an instruction's source operand: an immediate when it is
  // a constant that fits.
  asmjit::Operand src_i(uint32_t r) {
    if (konst(r) && fits_i32(konst_[r])) return Imm(konst_[r]);
    return gi(r);
  }
  // Where an I register's new value is computed; put_i makes it the register's.
  x86::Gp di(uint32_t r) { return in_memory() ? tmp() : ireg_[r]; }
  void put_i(uint32_t r, const x86::Gp& v) {
    if (in_memory()) cc_.mov(slot(r), v);
    else if (v.id() != ireg_[r].id()) cc_.mov(ireg_[r], v);
  }
  x86::Xmm gf(uint32_t r) {
    if (!in_memory()) return freg_[r];
    x86::Xmm t = ftmp();
    cc_.movsd(t, slot(r));
    return t;
  }
  x86::Xmm df(uint32_t r) { return in_memory() ? ftmp() : freg_[r]; }
  void put_f(uint32_t r, const x86::Xmm& v) {
    if (in_memory()) cc_.movsd(slot(r), v);
    else if (v.id() != freg_[r].id()) cc_.movapd(freg_[r], v);
  }
  // Writes registers to the window / reads them back (machine-register mode only).
  void spill(uint32_t r) {
    if (konst(r)) {
      x86::Gp t = tmp();
      load_constant(t, konst_[r]);
      cc_.mov(slot(r), t);
      return;
    }
    if (in_memory() || !an_.tracked(r)) return;
    if (src_.regs[r] == Kind::I) cc_.mov(slot(r), ireg_[r]);
    else cc_.movsd(slot(r), freg_[r]);
  }
  void reload(uint32_t r) {
    if (konst(r) || in_memory() || !an_.tracked(r)) return;
    if (src_.regs[r] == Kind::I) cc_.mov(ireg_[r], slot(r));
    else cc_.movsd(freg_[r], slot(r));
  }
  void spill_set(const RegSet& s) {
    s.for_each([&](uint32_t r) { spill(r); });
  }
  void reload_set(const RegSet& s) {
    s.for_each([&](uint32_t r) { reload(r); });
  }

  // ---- operands
  uint32_t w(int i) const { return code_[an_.instrs()[at_].pc + static_cast<uint32_t>(i)]; }
  int64_t imm(int i) const { return static_cast<int32_t>(w(i)); }
  uint32_t pc() const { return an_.instrs()[at_].pc; }
  Label label_at(uint32_t target_pc) { return labels_[static_cast<size_t>(an_.index_of(target_pc))]; }
  Label target(int i) { return label_at(w(i)); }
  // A 64-bit constant as an operand: an immediate when it fits, else a register.
  asmjit::Operand const_operand(int64_t v) {
    if (fits_i32(v)) return imm64(v);
    x86::Gp t = tmp();
    cc_.mov(t, v);
    return t;
  }
  static Imm imm64(int64_t v) { return Imm(v); }

  // ---- out-of-line paths
  // A runtime error at this instruction when the jump is taken.
  Label trap(RtError err) {
    Label l = cc_.newLabel();
    uint32_t at_pc = pc();
    // The operands go to the window: the error's particulars (index and
    // bounds, ...) are read from there, as the interpreter's are.
    std::vector<uint32_t> uses, defs;
    an_.uses_defs(an_.instrs()[at_], code_, &uses, &defs);
    cold_.push_back([this, l, err, at_pc, uses] {
      bind(l);
      for (uint32_t r : uses) spill(r);
      x86::Gp st = tmpd();
      call3(reinterpret_cast<uint64_t>(&rt::raise), imm32(at_pc), Imm(static_cast<uint32_t>(err)), st);
      cc_.ret(st);
    });
    return l;
  }
  Imm imm32(uint32_t v) { return Imm(v); }
  // Calls a runtime function (or machine code in a register) with arguments
  // made before the call.  Block values are not kept across it.
  void invoke(const asmjit::Operand& target, const FuncSignature& sig, const std::vector<asmjit::Operand>& args,
              const x86::Gp* ret = nullptr) {
    InvokeNode* inv;
    if (target.isImm()) cc_.invoke(&inv, target.as<Imm>(), sig);
    else cc_.invoke(&inv, target.as<x86::Gp>(), sig);
    for (size_t i = 0; i < args.size(); i++) set_arg(inv, i, args[i]);
    if (ret) inv->setRet(0, *ret);
    new_block();
  }
  template <typename Fn>
  static Imm fn_imm(Fn* f) {
    return Imm(reinterpret_cast<uint64_t>(f));
  }
  // ctx, frame, a, b -> status
  void call3(uint64_t fn, const asmjit::Operand& a, const asmjit::Operand& b, const x86::Gp& ret) {
    invoke(Imm(fn), FuncSignatureT<uint32_t, NativeCtx*, Frame*, uint32_t, uint64_t>(), {ctx_arg(), frame_, a, b}, &ret);
  }
  static void set_arg(InvokeNode* inv, size_t i, const asmjit::Operand& o) {
    if (o.isImm()) inv->setArg(i, o.as<Imm>());
    else inv->setArg(i, o.as<BaseReg>());
  }
  // status = fn(ctx, frame, pc); a non-zero status ends this function.
  void call_status(uint64_t fn) {
    x86::Gp st = tmpd();
    invoke(Imm(fn), Sig3(), {ctx_arg(), frame_, imm32(pc())}, &st);
    unwind_if_nonzero(st);
  }
  void unwind_if_nonzero(const x86::Gp& st) {
    Label l = cc_.newLabel();
    cc_.test(st, st);
    cc_.jnz(l);
    cold_.push_back([this, l, st] {
      bind(l);
      cc_.ret(st);
    });
  }

  // cmp R[b], R[c] with a constant operand as an immediate (swapping the
  // operands when it is the first); returns the condition that now means
  // "R[b] cond R[c]".
  x86::CondCode compare_ints(uint32_t b, uint32_t c, x86::CondCode cond) {
    asmjit::Operand right = src_i(c);
    if (right.isImm()) {
      cc_.cmp(gi(b), right.as<Imm>());
      return cond;
    }
    asmjit::Operand left = src_i(b);
    if (left.isImm()) {
      cc_.cmp(right.as<x86::Gp>(), left.as<Imm>());
      return x86::reverseCond(cond);
    }
    cc_.cmp(left.as<x86::Gp>(), right.as<x86::Gp>());
    return cond;
  }
  // The condition of an integer compare-and-jump (JEQ ... JLEU).
  static std::optional<x86::CondCode> int_jump_cond(Op op) {
    switch (op) {
      case Op::JEQ: return x86::CondCode::kEqual;
      case Op::JNE: return x86::CondCode::kNotEqual;
      case Op::JLT: return x86::CondCode::kSignedLT;
      case Op::JLE: return x86::CondCode::kSignedLE;
      case Op::JLTU: return x86::CondCode::kUnsignedLT;
      case Op::JLEU: return x86::CondCode::kUnsignedLE;
      default: return std::nullopt;
    }
  }
  // LOOP's jump back.  A while loop whose head is a few integer
  // instructions and loads and its test (a compare and jump to right
  // after this back edge) is rotated: the head is computed again here and
  // the test, inverted, jumps back into the body or falls out of the loop,
  // which saves the jump to the head on every turn.
  static bool repeatable_in_test(Op op) {
    switch (op) {
      case Op::LDI: case Op::LDK: case Op::MOVI: case Op::ADDK: case Op::MULK: case Op::ADD: case Op::SUB:
      case Op::MUL: case Op::AND: case Op::OR: case Op::XOR: case Op::NEG: case Op::NOT: case Op::SEXT8:
      case Op::SEXT16: case Op::SEXT32: case Op::ZEXT8: case Op::ZEXT16: case Op::ZEXT32:
      // (a check that fails there fails at the same instruction as at the head)
      case Op::IDX: case Op::LD8S: case Op::LD8U: case Op::LD16S: case Op::LD16U: case Op::LD32S: case Op::LD32U:
      case Op::LD64:
        return true;
      default:
        return false;
    }
  }
  void loop_back() {
    const std::vector<Instr>& ins = an_.instrs();
    const size_t back = at_;
    int32_t head = ins[at_].target;
    if (head < 0 || preheaders_.count(static_cast<size_t>(head))) return (void)cc_.jmp(target(1));
    size_t t = static_cast<size_t>(head);
    size_t test = t;
    while (test < back && test - t < 8 && repeatable_in_test(ins[test].op) && (test == t || !ins[test].leader)) test++;
    if (test >= back || (test != t && ins[test].leader) || test + 1 >= ins.size() || !ins[test + 1].leader)
      return (void)cc_.jmp(target(1));
    const uint32_t* tw = code_ + ins[test].pc;
    std::optional<x86::CondCode> cond = int_jump_cond(ins[test].op);
    if (!cond || ins[test].target != static_cast<int32_t>(back) + 1) return (void)cc_.jmp(target(1));
    for (size_t k = t; k < test; k++) {
      at_ = k;
      reset_temporaries();
      instruction();
      update_facts(ins[k]);
    }
    at_ = test;
    reset_temporaries();
    x86::CondCode c = compare_ints(tw[1], tw[2], *cond);
    cc_.emit(x86::Inst::jccFromCond(x86::negateCond(c)), labels_[test + 1]);
    at_ = back;
  }
  // A jump when the floating compare ucomisd(x, y) gives cond; unordered
  // (NaN) operands jump only when `unordered_jumps`.
  void float_jump(x86::CondCode cond, bool unordered_jumps, const Label& to) {
    if (cond == x86::CondCode::kEqual) {  // ZF=1 also when unordered
      if (unordered_jumps) {
        cc_.jp(to);
        cc_.je(to);
      } else {
        Label skip = cc_.newLabel();
        cc_.jp(skip);
        cc_.je(to);
        bind(skip);
      }
    } else if (cond == x86::CondCode::kNotEqual) {
      if (unordered_jumps) {
        cc_.jp(to);
        cc_.jne(to);
      } else {
        Label skip = cc_.newLabel();
        cc_.jp(skip);
        cc_.jne(to);
        bind(skip);
      }
    } else {
      cc_.emit(x86::Inst::jccFromCond(cond), to);  // above/below tests: CF covers unordered
    }
  }

  // ---- pieces of instructions
  void poll(bool update_point, const Label* resume = nullptr);
  void find_invariants();
  void hoist_from_loop(size_t head, size_t back);
  void checked_address(uint32_t base_reg, int64_t offset, uint32_t size, x86::Mem* out);
  void int_binop(InstId id, bool commutative);
  void float_binop(InstId id);
  void compare_set(x86::CondCode cc, bool fp, bool swap);
  bool fuse_compare_branch();
  void division(Op op);
  void division_by_constant(Op op, int64_t divisor);
  uint32_t vn_of(uint32_t r);
  void set_vn(uint32_t r, uint32_t v);
  void forget_values();
  std::optional<PureValue> pure_key(const Instr& in);
  std::optional<uint32_t> repeated_value(const Instr& in);
  void number_values(const Instr& in, const std::vector<uint32_t>& defs, std::optional<uint32_t> repeated);
  bool proved_by_checks(uint32_t base_reg, int64_t offset, uint32_t size);
  void remember_check(uint32_t base_reg, int64_t offset, uint32_t size);
  void call(Op op);
  void direct_call(const CallSite& site, const x86::Gp& st);
  void builtin();
  void via_runtime();
  void memory_copy();
  void builtin_slow_path(const Label& slow, const Label& join);
  void square_root(bool checked);
  void slow_via_runtime(const Label& slow, const Label& join);
  void string_length();
  void set_string(uint32_t a, const x86::Gp& v);
  void string_move(Op op);
  void object_room(const x86::Gp& room, const x86::Gp& obj);
  void string_get();
  void string_concat();
  void copy_bytes(const x86::Gp& dst, const x86::Gp& src, const x86::Gp& n);
  void dynamic_index();
  bool heap_inline() const;
  void free_list_of(const x86::Gp& list, const x86::Gp& total);
  void live_bit(const x86::Gp& bit, const x86::Gp& word, const x86::Gp& bitmap, const x86::Gp& addr);
  void checked_string(uint32_t r, const x86::Gp& s, const x86::Gp& len, const x86::Gp& room, const Label& slow);
  x86::Mem host_qword(const void* p, const x86::Gp& t);
  void subtract_constant(const x86::Gp& r, uint64_t c, const x86::Gp& t);
  void add_constant(const x86::Gp& r, uint64_t c);
  void take_block(const x86::Gp& addr, const x86::Gp& list, const asmjit::Operand& total, uint32_t zero_bytes, const Label& slow);
  void give_block(const x86::Gp& p, const Label& slow, const Label& done);
  void heap_new();
  void heap_dispose();
  void c_malloc();
  void c_free();
  void ret(Op op);
  void entry_code();
  void osr_code();
  void instruction();
  void find_constants();
  void update_facts(const Instr& in);
  int64_t global_size(uint32_t k) const;
};

// Bytes of the global named by GLB operand k (its type in this version), or -1.
int64_t ProcCompiler::global_size(uint32_t k) const {
  const Image& img = lp_.space->image;
  const std::string& name = lp_.unit->global_refs[k];
  for (const Global& g : img.globals)
    if (g.name == name) return g.type < img.types.size() ? static_cast<int64_t>(img.types[g.type].size) : -1;
  return -1;
}

// Registers the prologue sets once and nothing else writes: constants (made
// where used) and addresses with a known extent (global and frame-area bases).
void ProcCompiler::find_constants() {
  const uint32_t nregs = static_cast<uint32_t>(src_.regs.size());
  is_konst_.assign(nregs, false);
  konst_.assign(nregs, 0);
  invariant_.assign(nregs, -1);
  std::vector<uint32_t> def_count(nregs, 0), uses, defs;
  for (const Instr& in : an_.instrs()) {
    an_.uses_defs(in, code_, &uses, &defs);
    for (uint32_t d : defs) def_count[d]++;
  }
  for (const Instr& in : an_.instrs()) {
    if (in.pc >= src_.prologue_size) break;
    const uint32_t* wd = code_ + in.pc;
    uint32_t a = wd[1];
    if (!(op_info(in.op).flags & F_DEF) || a < lp_.nparams || def_count[a] != 1 || src_.regs[a] != Kind::I) continue;
    bool known = true;
    int64_t v = 0;
    switch (in.op) {
      case Op::LDI: v = static_cast<int32_t>(wd[2]); break;
      case Op::LDK: v = lp_.kint[wd[2]]; break;
      case Op::PADDR: v = static_cast<int64_t>(lp_.proc_values[wd[2]]); break;
      case Op::GADDR:
        v = static_cast<int64_t>(lp_.globals[wd[2]]);
        known = v != 0;  // a global an update brings gets its address at the commit
        invariant_[a] = global_size(wd[2]);
        break;
      case Op::LDSA: {
        uint64_t str_obj = lp_.kstr[wd[2]];
        bool empty = lp_.unit->kstr[wd[2]].empty();
        known = empty || str_obj != 0;
        v = static_cast<int64_t>(empty ? inst_.clib.empty_bytes : str_obj + str::kHeader);
        break;
      }
      case Op::FADDR: {
        int64_t off = static_cast<int32_t>(wd[2]);
        known = false;
        if (off >= 0 && off <= static_cast<int64_t>(lp_.frame_size)) invariant_[a] = lp_.frame_size - off;
        break;
      }
      default: known = false; break;
    }
    if (!known) continue;
    is_konst_[a] = true;
    konst_[a] = v;
  }
  valid_ = invariant_;
  ranges_.assign(nregs, Range{});
  vn_.assign(nregs, 0);
  vn_stamp_.assign(nregs, 0);
}

// After an instruction: what its destination is known to address.
void ProcCompiler::update_facts(const Instr& in) {
  std::vector<uint32_t> uses, defs;
  an_.uses_defs(in, code_, &uses, &defs);
  const uint32_t* wd = code_ + in.pc;
  std::optional<uint32_t> repeated = repeated_value(in);
  int64_t fact = -1;
  if (repeated) fact = valid_[*repeated];
  else switch (in.op) {
    case Op::IDX: {
      int64_t base = valid_[wd[2]], lo = lp_.kint[wd[4]], hi = lp_.kint[wd[5]], scale = static_cast<int32_t>(wd[6]);
      if (base >= 0 && scale > 0 && lo <= hi && hi - lo < (int64_t{1} << 40) && scale < (int64_t{1} << 20)) {
        int64_t len = base - (hi - lo) * scale;  // from the last element on
        if (len > 0) fact = len;
      }
      break;
    }
    case Op::ADDK: {
      int64_t base = valid_[wd[2]], k = static_cast<int32_t>(wd[3]);
      if (base >= 0 && k >= 0 && base > k) fact = base - k;
      break;
    }
    case Op::ADD: {
      // An address plus an offset known to be at least 0: what is left after the largest.
      for (int k = 0; k < 2 && fact < 0; k++) {
        uint32_t a = wd[2 + k], b = wd[3 - k];
        Range rb = range_of(b);
        if (valid_[a] >= 0 && rb.known && rb.lo >= 0 && rb.hi < valid_[a]) fact = valid_[a] - rb.hi;
      }
      break;
    }
    case Op::MOVI: fact = valid_[wd[2]]; break;
    case Op::GADDR: fact = global_size(wd[2]); break;
    case Op::FADDR: {
      int64_t off = static_cast<int32_t>(wd[2]);
      if (off >= 0 && off <= static_cast<int64_t>(lp_.frame_size)) fact = lp_.frame_size - off;
      break;
    }
    default: break;
  }
  Range range = derived_range(in);
  for (uint32_t d : defs) {
    valid_[d] = -1;
    if (d < ranges_.size()) ranges_[d].known = false;
  }
  if (!defs.empty() && (op_info(in.op).flags & F_DEF)) {
    valid_[wd[1]] = fact;
    if (wd[1] < ranges_.size()) ranges_[wd[1]] = range;
  }
  for (uint32_t d : defs)
    if (konst(d)) valid_[d] = invariant_[d];  // (its prologue definition)
  number_values(in, defs, repeated);
}

// The range of an instruction's integer result, from its operands' ranges
// (nothing for what may overflow or is not tracked).
ProcCompiler::Range ProcCompiler::derived_range(const Instr& in) const {
  const uint32_t* wd = code_ + in.pc;
  constexpr int64_t kLimit = int64_t{1} << 40;
  auto bounded = [&](int64_t lo, int64_t hi) -> Range {
    if (lo < -kLimit || hi > kLimit || lo > hi) return {};
    return {true, lo, hi};
  };
  switch (in.op) {
    case Op::LDI: return bounded(static_cast<int32_t>(wd[2]), static_cast<int32_t>(wd[2]));
    case Op::MOVI: return range_of(wd[2]);
    case Op::SEXT32: {
      Range a = range_of(wd[2]);
      return a.known && a.lo >= INT32_MIN && a.hi <= INT32_MAX ? a : Range{};
    }
    case Op::ADDK: {
      Range a = range_of(wd[2]);
      int64_t k = static_cast<int32_t>(wd[3]);
      return a.known ? bounded(a.lo + k, a.hi + k) : Range{};
    }
    case Op::MULK: {
      Range a = range_of(wd[2]);
      int64_t k = static_cast<int32_t>(wd[3]);
      if (!a.known || k < 0 || k > (int64_t{1} << 20)) return {};
      return bounded(a.lo * k, a.hi * k);
    }
    case Op::ADD: {
      Range a = range_of(wd[2]), b = range_of(wd[3]);
      return a.known && b.known ? bounded(a.lo + b.lo, a.hi + b.hi) : Range{};
    }
    default: return {};
  }
}

uint32_t ProcCompiler::vn_of(uint32_t r) {
  if (vn_stamp_[r] != vn_epoch_) set_vn(r, next_vn_++);
  return vn_[r];
}

void ProcCompiler::set_vn(uint32_t r, uint32_t v) {
  vn_stamp_[r] = vn_epoch_;
  vn_[r] = v;
}

void ProcCompiler::forget_values() {
  vn_epoch_++;
  pure_values_.clear();
  checked_.clear();
  proven_indexes_.clear();
}

// The value an instruction computes from its operands' values alone (no
// memory; IDX may trap, but not when it is computed again), as a key of the
// value table; nothing for the rest.
std::optional<ProcCompiler::PureValue> ProcCompiler::pure_key(const Instr& in) {
  const uint32_t* wd = code_ + in.pc;
  if (!(op_info(in.op).flags & F_DEF)) return std::nullopt;
  uint32_t a = wd[1];
  if (a >= src_.regs.size() || src_.regs[a] != Kind::I || konst(a)) return std::nullopt;
  PureValue v{in.op, 0, 0, 0, 0, 0, a};
  switch (in.op) {
    case Op::ADD:
    case Op::MUL:
    case Op::AND:
    case Op::OR:
    case Op::XOR:
    case Op::SUB:
    case Op::SHL:
    case Op::SHR:
    case Op::SAR: {
      v.b = vn_of(wd[2]);
      v.c = vn_of(wd[3]);
      bool commutative = in.op != Op::SUB && in.op != Op::SHL && in.op != Op::SHR && in.op != Op::SAR;
      if (commutative && v.b > v.c) std::swap(v.b, v.c);
      return v;
    }
    case Op::IDX:
      v.b = vn_of(wd[2]);
      v.c = vn_of(wd[3]);
      v.k = static_cast<int64_t>((uint64_t{wd[4]} << 32) | wd[5]);
      v.k2 = static_cast<int32_t>(wd[6]);
      return v;
    case Op::ADDK:
    case Op::MULK:
      v.b = vn_of(wd[2]);
      v.k = static_cast<int32_t>(wd[3]);
      return v;
    case Op::NEG:
    case Op::NOT:
    case Op::SEXT8:
    case Op::SEXT16:
    case Op::SEXT32:
    case Op::ZEXT8:
    case Op::ZEXT16:
    case Op::ZEXT32:
      v.b = vn_of(wd[2]);
      return v;
    default: return std::nullopt;
  }
}

// The register that holds what this instruction would compute, if one does.
std::optional<uint32_t> ProcCompiler::repeated_value(const Instr& in) {
  std::optional<PureValue> key = pure_key(in);
  if (!key) return std::nullopt;
  for (const PureValue& v : pure_values_)
    if (v.same_computation(*key) && vn_stamp_[v.holder] == vn_epoch_ && vn_[v.holder] == v.vn)
      return v.holder;
  return std::nullopt;
}

// After an instruction: its results' value numbers.
void ProcCompiler::number_values(const Instr& in, const std::vector<uint32_t>& defs, std::optional<uint32_t> repeated) {
  // (A forward jump's fall-through continues the block.)
  if ((op_info(in.op).flags & (F_BACK | F_CALL | F_END))) {
    forget_values();
    return;
  }
  if (in.op == Op::CALLB) {  // a blocking builtin may serve a commit, which may change promoted globals
    for (const Promotion& p : src_.promotions)
      if (in.pc >= p.begin && in.pc < p.end) set_vn(p.value, next_vn_++);
  }
  std::optional<PureValue> key = pure_key(in);  // (operands' numbers from before the results')
  uint32_t same = repeated ? vn_of(*repeated) : 0;
  for (uint32_t d : defs) set_vn(d, next_vn_++);
  if (!key) return;
  if (pure_values_.size() >= 256) pure_values_.clear();  // (a bound on the search in huge blocks)
  if (repeated) {
    set_vn(key->holder, same);
    if (*repeated == key->holder) return;
    key->vn = same;  // one more register holding it
  } else {
    // A value computed again after every register holding it changed keeps
    // its number (and so the ranges checks proved for it).
    auto known = std::find_if(pure_values_.begin(), pure_values_.end(),
                              [&](const PureValue& v) { return v.same_computation(*key); });
    key->vn = known != pure_values_.end() ? known->vn : next_vn_++;
    set_vn(key->holder, key->vn);
  }
  pure_values_.push_back(*key);
}

void ProcCompiler::remember_check(uint32_t base_reg, int64_t offset, uint32_t size) {
  uint32_t v = vn_of(base_reg);
  for (CheckedSpan& c : checked_)
    if (c.vn == v) {
      c.lo = std::min(c.lo, offset);
      c.hi = std::max(c.hi, offset + static_cast<int64_t>(size));
      return;
    }
  if (checked_.size() >= 64) checked_.clear();
  checked_.push_back({v, offset, offset + static_cast<int64_t>(size)});
}

// Loops whose first block starts computing values that no instruction of
// the loop changes: those instructions move to a preheader (innermost loops
// entered only by falling into their head, with no call, builtin or update
// point inside).  An instruction that may trap moves only when nothing before
// it in the block can trap or has an effect, so a failing a[i] fails at the
// same instruction, with the same output before it, as in the interpreter.
void ProcCompiler::find_loop_ranges() {
  const std::vector<Instr>& ins = an_.instrs();
  std::vector<uint32_t> uses, defs;
  for (size_t e = 0; e < ins.size(); e++) {
    if (ins[e].op == Op::LOOP) find_while_range(e);
    if (ins[e].op != Op::FORUP || ins[e].target < 1) continue;
    const size_t head = static_cast<size_t>(ins[e].target);
    if (head > e) continue;
    const uint32_t* fw = code_ + ins[e].pc;
    const uint32_t var = fw[1], lim = fw[2];
    // The guard right before the body, JLT x, var (skip the loop when x < var),
    // which only falling through reaches: the body starts with the value var
    // has there; FORUP keeps it at most the limit after that.
    const uint32_t* gw = code_ + ins[head - 1].pc;
    if (ins[head - 1].op != Op::JLT || gw[2] != var || ins[head - 1].leader) continue;
    // The values the guard sees: constants loaded in its block.
    std::optional<int64_t> lo = constant_before(head - 1, var), hi = constant_before(head - 1, lim);
    if (!hi && konst(lim)) hi = konst_[lim];
    if (!lo || !hi) continue;
    hi = std::max(*lo, *hi);
    const bool guarded = promoted(var) || promoted(lim);
    // Nothing in the body changes the variable or the limit, and nothing
    // outside it jumps in.
    bool clean = true;
    for (size_t k = head; k < e && clean; k++) {
      an_.uses_defs(ins[k], code_, &uses, &defs);
      for (uint32_t d : defs) clean = clean && d != var && d != lim;
      clean = clean && ins[k].op != Op::UPDPT && !(guarded && calls(ins[k]));
    }
    if (clean && entered_only_at_head(head, e))
      loop_ranges_.push_back({var, *lo, *hi, ins[head].pc, ins[e].pc, ins[e].pc, lim, guarded});
  }
}

// The constant `reg` holds right before instruction `at`, where the block
// ending there loads it (LDI); nothing if it is not a constant there.
std::optional<int64_t> ProcCompiler::constant_before(size_t at, uint32_t reg) const {
  const std::vector<Instr>& ins = an_.instrs();
  std::vector<uint32_t> uses, defs;
  for (size_t k = at; k-- > 0;) {
    an_.uses_defs(ins[k], code_, &uses, &defs);
    if (std::find(defs.begin(), defs.end(), reg) != defs.end())
      return ins[k].op == Op::LDI ? std::optional<int64_t>(static_cast<int32_t>(code_[ins[k].pc + 2])) : std::nullopt;
    if (ins[k].leader) break;
  }
  return std::nullopt;
}

// No instruction outside [head, back] jumps into it.
bool ProcCompiler::entered_only_at_head(size_t head, size_t back) const {
  const std::vector<Instr>& ins = an_.instrs();
  for (size_t k = 0; k < ins.size(); k++)
    if ((k < head || k > back) && ins[k].target >= static_cast<int32_t>(head) && ins[k].target <= static_cast<int32_t>(back))
      return false;
  return true;
}

// C's counted loops that are while loops in the image (for (i = 0; i < n;
// i++) with i declared outside, or while (i <= n) { ...; i = i + 1; }):
//
//   head:  [LDI lim, #K]  JLT lim, var, ->out  (or JLE: var < lim)
//          body
//          ADDK t, var, #c  SEXT32 var, t      (or ADDK var, var, #c), c >= 1
//          LOOP ->head
//
// entered only by falling into the head after a constant LDI var.  Nothing
// else in the loop writes var, so it only grows from that constant, and the
// test bounds it above: in the body up to the increment it lies in [lo, hi].
// (The increment may not wrap: hi + c stays within int32.)
void ProcCompiler::find_while_range(size_t e) {
  const std::vector<Instr>& ins = an_.instrs();
  if (ins[e].target < 1 || static_cast<size_t>(ins[e].target) >= e || e < 3) return;
  const size_t head = static_cast<size_t>(ins[e].target);
  size_t test = head;
  if (ins[test].op == Op::LDI) test++;
  if (test + 1 >= e || (ins[test].op != Op::JLT && ins[test].op != Op::JLE)) return;
  if (ins[test].target <= static_cast<int32_t>(e)) return;  // the test leaves the loop
  const uint32_t* tw = code_ + ins[test].pc;
  const uint32_t lim = tw[1], var = tw[2];
  std::optional<int64_t> hi;
  if (test > head && code_[ins[head].pc + 1] == lim) hi = static_cast<int32_t>(code_[ins[head].pc + 2]);
  else if (test == head && konst(lim)) hi = konst_[lim];
  if (!hi) return;
  if (ins[test].op == Op::JLE) *hi -= 1;
  // The increment: the last instructions before the back edge.
  size_t inc;
  int64_t step;
  const uint32_t* sw = code_ + ins[e - 1].pc;
  if (ins[e - 1].op == Op::SEXT32 && sw[1] == var && ins[e - 2].op == Op::ADDK && code_[ins[e - 2].pc + 1] == sw[2] &&
      code_[ins[e - 2].pc + 2] == var) {
    inc = e - 2;
    step = static_cast<int32_t>(code_[ins[inc].pc + 3]);
    if (*hi + step > INT32_MAX) return;
  } else if (ins[e - 1].op == Op::ADDK && sw[1] == var && sw[2] == var) {
    inc = e - 1;
    step = static_cast<int32_t>(sw[3]);
  } else {
    return;
  }
  if (step < 1 || inc <= test) return;
  std::optional<int64_t> lo = constant_before(head, var);
  if (!lo || promoted(lim)) return;
  const bool guarded = promoted(var);
  std::vector<uint32_t> uses, defs;
  for (size_t k = head; k < inc; k++) {
    an_.uses_defs(ins[k], code_, &uses, &defs);
    if (std::find(defs.begin(), defs.end(), var) != defs.end() || ins[k].op == Op::UPDPT) return;
    if (guarded && calls(ins[k])) return;
  }
  if (!entered_only_at_head(head, e)) return;
  loop_ranges_.push_back({var, *lo, std::max(*lo, *hi), ins[test + 1].pc, ins[inc].pc, ins[e].pc, lim, guarded});
}

void ProcCompiler::find_invariants() {
  const std::vector<Instr>& ins = an_.instrs();
  hoisted_.assign(ins.size(), false);
  if (in_memory()) return;
  for (size_t e = 0; e < ins.size(); e++) {
    if (!(op_info(ins[e].op).flags & F_BACK)) continue;
    int32_t t = ins[e].target;
    if (t > 0 && static_cast<size_t>(t) < e && !preheaders_.count(static_cast<size_t>(t))) hoist_from_loop(t, e);
  }
  forget_values();  // (the numbers pure_key gave out while looking)
}

void ProcCompiler::hoist_from_loop(size_t head, size_t back) {
  const std::vector<Instr>& ins = an_.instrs();
  const uint32_t nregs = static_cast<uint32_t>(src_.regs.size());
  std::vector<uint32_t> def_count(nregs, 0), uses, defs;
  for (size_t i = 0; i < ins.size(); i++) {
    const OpInfo& info = op_info(ins[i].op);
    bool inside = i >= head && i <= back;
    if (inside && i != back && ((info.flags & (F_CALL | F_BACK)) || ins[i].op == Op::CALLB)) return;
    int32_t to = ins[i].target;
    if (!inside && to >= static_cast<int32_t>(head) && to <= static_cast<int32_t>(back)) return;  // entered from outside
    if (!inside) continue;
    an_.uses_defs(ins[i], code_, &uses, &defs);
    for (uint32_t d : defs) def_count[d]++;
  }
  std::vector<bool> kept_out(nregs, false), read_before(nregs, false);
  for (const Promotion& p : src_.promotions) kept_out[p.value] = true;  // (written home at safe points)
  for (uint32_t r : named_regs_) kept_out[r] = true;
  std::vector<bool> hoisted_value(nregs, false);
  Preheader pre;
  for (size_t k = head; k < back; k++) {
    const Instr& in = ins[k];
    if (k > head && in.leader) break;
    an_.uses_defs(in, code_, &uses, &defs);
    bool computes = pure_key(in).has_value();
    bool movable = computes && defs.size() == 1 && def_count[defs[0]] == 1 && !kept_out[defs[0]] &&
                   !read_before[defs[0]];
    for (uint32_t u : uses) movable = movable && (def_count[u] == 0 || hoisted_value[u]);
    if (movable) {
      hoisted_[k] = true;
      hoisted_value[defs[0]] = true;
      pre.instrs.push_back(k);
      continue;
    }
    const OpInfo& info = op_info(in.op);
    bool harmless = !(info.flags & (F_TRAP | F_MEMW | F_JUMP | F_CALL | F_END)) && in.op != Op::CALLB &&
                    (info.num_operands == 0 || info.operands[0] != Operand::RS);
    if (!harmless) break;
    for (uint32_t u : uses) read_before[u] = true;
  }
  if (pre.instrs.empty()) return;
  pre.label = cc_.newLabel();
  preheaders_[head] = pre;
  back_edge_head_[back] = head;
}

// Whether checks earlier in the block proved [R[base] + offset, + size).
bool ProcCompiler::proved_by_checks(uint32_t base_reg, int64_t offset, uint32_t size) {
  uint32_t v = vn_of(base_reg);
  for (const CheckedSpan& c : checked_)
    if (c.vn == v && c.lo <= offset && offset + size <= c.hi) return true;
  return false;
}

// `resume`: where the code goes on after a request was served (default: at
// the instruction, as if nothing had happened).
void ProcCompiler::poll(bool update_point, const Label* resume) {
  if (!inst_.opts.updatable) return;
  Label slow = cc_.newLabel(), back = cc_.newLabel();
  cc_.cmp(ctx_field(kCtxPoll, 1), 0);
  cc_.jne(slow);
  if (update_point) {  // also while a frame of this version waits to move here
    x86::Gp flag = tmp();
    cc_.mov(flag, reinterpret_cast<uint64_t>(&lp_.update_point_poll));
    cc_.cmp(x86::byte_ptr(flag), 0);
    cc_.jne(slow);
  }
  bind(back);
  RegSet live = an_.live_in(at_);
  if (update_point)  // a frame that moves takes its locals, live or not
    for (uint32_t r : named_regs_) live.add(r);
  uint32_t at_pc = pc();
  Label go_back = resume ? *resume : back;
  cold_.push_back([this, slow, go_back, live, at_pc] {
    bind(slow);
    spill_set(live);
    x86::Gp st = tmpd();
    invoke(fn_imm(&rt::safe_point), Sig3(), {ctx_arg(), frame_, imm32(at_pc)}, &st);
    Label go_on = cc_.newLabel(), moved = cc_.newLabel();
    cc_.test(st, st);
    cc_.jz(go_on);
    cc_.cmp(st, rt::kSafePointMoved);
    cc_.je(moved);
    cc_.ret(st);
    bind(moved);  // the frame now runs a newer version: it finishes there
    x86::Gp st2 = tmpd();
    invoke(fn_imm(&rt::resume), FuncSignatureT<uint32_t, NativeCtx*, Frame*>(), {ctx_arg(), frame_}, &st2);
    cc_.ret(st2);
    bind(go_on);
    reload_set(live);
    if (has_guarded_range(at_pc)) {  // a mapper may have moved a loop variable out of its range
      Label outside = cc_.newLabel();
      guard_ranges(at_pc, outside);
      cc_.jmp(go_back);
      bind(outside);
      x86::Gp st3 = tmpd();
      invoke(fn_imm(&rt::interpret_from), Sig3(), {ctx_arg(), frame_, imm32(at_pc)}, &st3);
      cc_.ret(st3);
      return;
    }
    cc_.jmp(go_back);
  });
}

// The address R[base] + offset checked for a `size`-byte access; *out is the
// machine address.  Fails into the runtime's memory fault.
void ProcCompiler::checked_address(uint32_t base_reg, int64_t offset, uint32_t size, x86::Mem* out) {
  // Proved addressable: within a global or the frame area, at an index
  // already checked against its array's bounds.
  if ((valid_[base_reg] >= 0 && offset >= 0 && offset + size <= valid_[base_reg]) ||
      proved_by_checks(base_reg, offset, size)) {
    if (konst(base_reg) && fits_i32(konst_[base_reg] + offset)) {
      *out = mem_abs(static_cast<int32_t>(konst_[base_reg] + offset));
    } else if (fits_i32(offset)) {
      *out = mem_ptr(gi(base_reg), static_cast<int32_t>(offset));
    } else {
      x86::Gp t = tmp();
      cc_.mov(t, offset);
      cc_.add(t, gi(base_reg));
      *out = mem_ptr(t, 0);
    }
    out->setSize(size);
    return;
  }
  x86::Gp b = gi(base_reg);
  x86::Gp t = tmp();  // address - 4096
  int64_t disp = offset - static_cast<int64_t>(kNullPageSize);
  if (fits_i32(disp)) {
    cc_.lea(t, x86::ptr(b, static_cast<int32_t>(disp)));
  } else {
    cc_.mov(t, disp);
    cc_.add(t, b);
  }
  cc_.cmp(t, ctx_field(kCtxLimit + 8 * limit_index(size), 8));
  Label fault = cc_.newLabel();
  cc_.ja(fault);
  remember_check(base_reg, offset, size);
  uint32_t at_pc = pc();
  cold_.push_back([this, fault, t, at_pc] {
    bind(fault);
    x86::Gp addr = tmp();
    cc_.lea(addr, x86::ptr(t, static_cast<int32_t>(kNullPageSize)));
    x86::Gp st = tmpd();
    call3(reinterpret_cast<uint64_t>(&rt::memory_fault), imm32(at_pc), addr, st);
    cc_.ret(st);
  });
  *out = mem_ptr(t, static_cast<int32_t>(kNullPageSize));
  out->setSize(size);
}

void ProcCompiler::int_binop(InstId id, bool commutative) {
  uint32_t a = w(1), b = w(2), c = w(3);
  x86::Gp vb = gi(b), vc = gi(c);
  x86::Gp d = di(a);
  if (d.id() == vc.id() && d.id() != vb.id()) {
    if (commutative) {
      cc_.emit(id, d, vb);
    } else {
      x86::Gp t = tmp();
      cc_.mov(t, vb);
      cc_.emit(id, t, vc);
      cc_.mov(d, t);
    }
  } else {
    if (d.id() != vb.id()) cc_.mov(d, vb);
    cc_.emit(id, d, vc);
  }
  put_i(a, d);
}

void ProcCompiler::float_binop(InstId id) {
  uint32_t a = w(1), b = w(2), c = w(3);
  x86::Xmm vb = gf(b), vc = gf(c);
  x86::Xmm d = df(a);
  if (d.id() == vc.id() && d.id() != vb.id()) {
    x86::Xmm t = ftmp();
    cc_.movapd(t, vb);
    cc_.emit(id, t, vc);
    cc_.movapd(d, t);
  } else {
    if (d.id() != vb.id()) cc_.movapd(d, vb);
    cc_.emit(id, d, vc);
  }
  put_f(a, d);
}

// R[a] := R[b] cond R[c] (as 0/1).  Floats compare with ucomisd (swap: the
// operands reversed, so that "below" tests need no parity check).
void ProcCompiler::compare_set(x86::CondCode cond, bool fp, bool swap) {
  uint32_t a = w(1), b = w(2), c = w(3);
  x86::Gp t = tmp();
  cc_.xor_(t.r32(), t.r32());
  if (fp) {
    x86::Xmm vb = gf(b), vc = gf(c);
    if (swap) cc_.ucomisd(vc, vb);
    else cc_.ucomisd(vb, vc);
  } else {
    cond = compare_ints(b, c, cond);
  }
  cc_.emit(x86::Inst::setccFromCond(cond), t.r8());
  put_i(a, t);
}

// EQ/NE/LT/LE/LTU/LEU a, b, c followed by JT/JF a, with a dead afterwards:
// one compare and one conditional jump.
bool ProcCompiler::fuse_compare_branch() {
  if (at_ + 1 >= an_.instrs().size()) return false;
  const Instr& next = an_.instrs()[at_ + 1];
  if ((next.op != Op::JT && next.op != Op::JF) || next.leader) return false;
  uint32_t a = w(1);
  if (code_[next.pc + 1] != a || an_.live_out(at_ + 1).has(a)) return false;
  Label to = label_at(code_[next.pc + 2]);
  bool jump_if_true = next.op == Op::JT;
  Op op = an_.instrs()[at_].op;
  if (op == Op::FEQ || op == Op::FNE || op == Op::FLT || op == Op::FLE) {
    x86::Xmm vb = gf(w(2)), vc = gf(w(3));
    // FLT b < c is "c above b" (false when unordered), FLE "c above or equal".
    if (op == Op::FLT || op == Op::FLE) cc_.ucomisd(vc, vb);
    else cc_.ucomisd(vb, vc);
    x86::CondCode cond;
    bool unordered_true;  // the compare's result for NaN operands
    switch (op) {
      case Op::FEQ: cond = x86::CondCode::kEqual, unordered_true = false; break;
      case Op::FNE: cond = x86::CondCode::kNotEqual, unordered_true = true; break;
      case Op::FLT: cond = x86::CondCode::kUnsignedGT, unordered_true = false; break;
      default: cond = x86::CondCode::kUnsignedGE, unordered_true = false; break;
    }
    if (!jump_if_true) {
      cond = x86::negateCond(cond);
      unordered_true = !unordered_true;
    }
    float_jump(cond, unordered_true, to);
    at_++;
    return true;
  }
  x86::CondCode cond;
  switch (op) {
    case Op::EQ: cond = x86::CondCode::kEqual; break;
    case Op::NE: cond = x86::CondCode::kNotEqual; break;
    case Op::LT: cond = x86::CondCode::kSignedLT; break;
    case Op::LE: cond = x86::CondCode::kSignedLE; break;
    case Op::LTU: cond = x86::CondCode::kUnsignedLT; break;
    case Op::LEU: cond = x86::CondCode::kUnsignedLE; break;
    default: return false;
  }
  cond = compare_ints(w(2), w(3), cond);
  if (!jump_if_true) cond = x86::negateCond(cond);
  cc_.emit(x86::Inst::jccFromCond(cond), to);
  at_++;  // the branch is done
  return true;
}

// The magic multiplier M and shift s that turn a signed 64-bit division by
// the constant d (not -1, 0 or 1) into a multiplication: Hacker's Delight,
// 10-1.  q = hi64(n * M) (+ n when d > 0 > M, - n when d < 0 < M) >> s,
// plus its own sign bit.
struct SignedMagic {
  int64_t multiplier;
  int shift;
};
SignedMagic signed_magic(int64_t d) {
  const uint64_t two63 = uint64_t{1} << 63;
  uint64_t ad = d < 0 ? 0 - static_cast<uint64_t>(d) : static_cast<uint64_t>(d);
  uint64_t t = two63 + (static_cast<uint64_t>(d) >> 63);
  uint64_t anc = t - 1 - t % ad;
  int p = 63;
  uint64_t q1 = two63 / anc, r1 = two63 - q1 * anc, q2 = two63 / ad, r2 = two63 - q2 * ad, delta;
  do {
    p++;
    q1 *= 2;
    r1 *= 2;
    if (r1 >= anc) q1++, r1 -= anc;
    q2 *= 2;
    r2 *= 2;
    if (r2 >= ad) q2++, r2 -= ad;
    delta = ad - r2;
  } while (q1 < delta || (q1 == delta && r1 == 0));
  uint64_t m = q2 + 1;
  return {static_cast<int64_t>(d < 0 ? 0 - m : m), p - 64};
}

// Signed division or remainder by a constant: a multiplication, no trap.
void ProcCompiler::division_by_constant(Op op, int64_t divisor) {
  uint32_t a = w(1);
  SignedMagic mg = signed_magic(divisor);
  x86::Gp n = gi(w(2)), lo = tmp(), hi = tmp();
  cc_.mov(lo, mg.multiplier);
  cc_.imul(hi, lo, n);  // hi:lo = n * M
  if (divisor > 0 && mg.multiplier < 0) cc_.add(hi, n);
  if (divisor < 0 && mg.multiplier > 0) cc_.sub(hi, n);
  if (mg.shift > 0) cc_.sar(hi, mg.shift);
  x86::Gp sign = tmp();
  cc_.mov(sign, hi);
  cc_.shr(sign, 63);
  cc_.add(hi, sign);  // hi = the quotient, truncated toward zero
  x86::Gp d = di(a);
  if (op == Op::MOD || op == Op::CMOD) {
    x86::Gp product = tmp();
    if (fits_i32(divisor)) {
      cc_.imul(product, hi, static_cast<int32_t>(divisor));
    } else {
      cc_.mov(product, divisor);
      cc_.imul(product, hi);
    }
    if (d.id() != n.id()) cc_.mov(d, n);
    else {
      x86::Gp copy = tmp();
      cc_.mov(copy, n);
      cc_.sub(copy, product);
      cc_.mov(d, copy);
      put_i(a, d);
      return;
    }
    cc_.sub(d, product);
  } else {
    cc_.mov(d, hi);
  }
  put_i(a, d);
}

void ProcCompiler::division(Op op) {
  uint32_t a = w(1), b = w(2), c = w(3);
  bool signed_op = op == Op::DIV || op == Op::MOD || op == Op::CDIV || op == Op::CMOD;
  if (signed_op && konst(c) && (konst_[c] < -1 || konst_[c] > 1)) return division_by_constant(op, konst_[c]);
  x86::Gp n = gi(b), dv = gi(c);
  x86::Gp lo = tmp(), hi = tmp();
  Label done = cc_.newLabel(), normal = cc_.newLabel();
  x86::Gp d = di(a);
  bool is_signed = op == Op::DIV || op == Op::MOD || op == Op::CDIV || op == Op::CMOD;
  bool remainder = op == Op::MOD || op == Op::CMOD || op == Op::UMOD;
  cc_.test(dv, dv);
  cc_.jz(trap(op == Op::MOD ? RtError::ModByZero : RtError::DivByZero));
  if (is_signed) {
    // x / -1 is a negation (and x mod -1 is 0), so the host never divides MIN by -1.
    cc_.cmp(dv, -1);
    cc_.jne(normal);
    if (op == Op::CDIV || op == Op::CMOD) {
      int64_t min = w(4) == 32 ? INT32_MIN : INT64_MIN;
      asmjit::Operand m = const_operand(min);
      if (m.isImm()) cc_.cmp(n, m.as<Imm>());
      else cc_.cmp(n, m.as<x86::Gp>());
      cc_.je(trap(RtError::IntOverflow));
    }
    if (remainder) {
      cc_.xor_(lo.r32(), lo.r32());
    } else {
      cc_.mov(lo, n);
      cc_.neg(lo);
    }
    cc_.jmp(done);
    bind(normal);
    cc_.mov(lo, n);
    cc_.cqo(hi, lo);
    cc_.idiv(hi, lo, dv);
  } else {
    cc_.mov(lo, n);
    cc_.xor_(hi.r32(), hi.r32());
    cc_.div(hi, lo, dv);
  }
  if (remainder) cc_.mov(lo, hi);
  bind(done);
  cc_.mov(d, lo);
  put_i(a, d);
  if (!is_signed) bind(normal);  // (unused label in the unsigned case)
}

// CALL, CALLN, CALLP.  When no request is pending and the callee has machine
// code whose window fits, the call is made here: the arguments go straight
// into the callee's window, its frame is pushed and its code called (the
// interpreter's do_call, without leaving machine code).  Otherwise rt::call
// does it all from the arguments in this frame's window: it polls the call's
// safe point, runs the interpreter for a callee without machine code and
// raises the stack overflow.  CALLP always goes through rt::call_value (the
// procedure value is checked and may need an interprocedure).
void ProcCompiler::call(Op op) {
  const Instr& in = an_.instrs()[at_];
  // At a call no register needs to be in the window for the safe point (a
  // frame moves only at an update point), unless a promoted variable's loop
  // contains the call (the Pascal compiler makes none; an image could): then
  // the poll is here, with its write-back.
  for (const Promotion& m : src_.promotions)
    if (pc() >= m.begin && pc() < m.end) {
      poll(false);
      break;
    }
  uint32_t b = op == Op::CALLP ? w(3) : w(2);
  CallSite site;
  site.slot = op == Op::CALL ? &lp_.callees[w(1)] : nullptr;
  site.nested = op == Op::CALLN ? &lp_.nested[w(1)] : nullptr;
  site.sig_key = op == Op::CALLP ? lp_.sig_keys[w(2)] : 0;
  site.args = b;
  site.nargs = in.nargs;
  site.pc = pc();
  site.return_pc = lp_.code + pc() + static_cast<uint32_t>(op_size(op));
  call_sites_->push_back(site);
  const CallSite* where = &call_sites_->back();
  x86::Gp st = tmpd();
  if (op == Op::CALLP) {
    for (uint32_t i = 0; i < in.nargs; i++) spill(b + i);
    x86::Gp value = gi(w(1));
    invoke(fn_imm(&rt::call_value), FuncSignatureT<uint32_t, NativeCtx*, Frame*, const CallSite*, uint64_t>(),
           {ctx_arg(), frame_, Imm(reinterpret_cast<uint64_t>(where)), value}, &st);
  } else {
    direct_call(*where, st);
  }
  unwind_if_nonzero(st);
  if (in.has_result) reload(b + in.nargs);
}

void ProcCompiler::direct_call(const CallSite& site, const x86::Gp& st) {
  Label slow = cc_.newLabel(), join = cc_.newLabel();
  cc_.cmp(ctx_field(kCtxPoll, 1), 0);
  cc_.jne(slow);
  x86::Gp callee = tmp(), code = tmp(), t = tmp();
  if (site.nested) {
    cc_.mov(callee, reinterpret_cast<uint64_t>(site.nested));
  } else {
    // The call site's binding slot (an update may rewire it to an
    // interprocedure's), then the procedure version bound there.
    uint64_t site_slot = reinterpret_cast<uint64_t>(site.slot);
    if (site_slot < (uint64_t{1} << 31)) {
      cc_.mov(callee, x86::ptr_abs(site_slot, 8));
    } else {
      cc_.mov(callee, site_slot);
      cc_.mov(callee, x86::qword_ptr(callee));
    }
    cc_.mov(callee, x86::qword_ptr(callee));
  }
  cc_.mov(code, x86::qword_ptr(callee, offsetof(LinkedProc, native)));
  cc_.test(code, code);
  cc_.jz(slow);
  const int32_t window = static_cast<int32_t>(lp_.window * 8);
  if (site.nested) {
    cc_.lea(t, x86::ptr(regs(), window + static_cast<int32_t>(site.nested->window * 8)));
  } else {
    cc_.mov(t.r32(), x86::dword_ptr(callee, offsetof(LinkedProc, window)));
    cc_.lea(t, x86::ptr(regs(), t, 3, window));
  }
  cc_.cmp(t, ctx_field(kCtxRegsEnd, 8));
  cc_.ja(slow);
  for (uint32_t i = 0; i < site.nargs; i++) {
    uint32_t r = site.args + i;
    x86::Mem to = x86::qword_ptr(regs(), window + static_cast<int32_t>(i * 8));
    if (konst(r)) {
      load_constant(t, konst_[r]);
      cc_.mov(to, t);
    } else if (in_memory() || !an_.tracked(r)) {
      cc_.mov(t, slot(r));
      cc_.mov(to, t);
    } else if (src_.regs[r] == Kind::I) {
      cc_.mov(to, ireg_[r]);
    } else {
      cc_.movsd(to, freg_[r]);
    }
  }
  uint64_t return_pc = reinterpret_cast<uint64_t>(site.return_pc);
  if (return_pc <= INT32_MAX) {
    cc_.mov(x86::qword_ptr(frame_, kFramePc), Imm(static_cast<int64_t>(return_pc)));
  } else {
    cc_.mov(t, return_pc);
    cc_.mov(x86::qword_ptr(frame_, kFramePc), t);
  }
  x86::Gp next = tmp();
  cc_.lea(next, x86::ptr(frame_, static_cast<int32_t>(sizeof(Frame))));
  cc_.mov(x86::qword_ptr(next, kFrameProc), callee);
  cc_.lea(t, x86::ptr(regs(), window));
  cc_.mov(x86::qword_ptr(next, kFrameRegs), t);
  cc_.lea(t, slot(site.args + site.nargs));
  cc_.mov(x86::qword_ptr(next, kFrameResult), t);
  cc_.mov(t, x86::qword_ptr(frame_, kFrameFaBase));
  if (lp_.frame_size) cc_.add(t, static_cast<int32_t>(lp_.frame_size));
  cc_.mov(x86::qword_ptr(next, kFrameFaBase), t);
  invoke(code, FuncSignatureT<uint32_t, NativeCtx*, Frame*, uint32_t>(), {ctx_arg(), next, imm32(0)}, &st);
  bind(join);
  const CallSite* where = &site;
  cold_.push_back([this, slow, join, where, st] {
    bind(slow);
    for (uint32_t i = 0; i < where->nargs; i++) spill(where->args + i);
    invoke(fn_imm(&rt::call), FuncSignatureT<uint32_t, NativeCtx*, Frame*, const CallSite*>(),
           {ctx_arg(), frame_, Imm(reinterpret_cast<uint64_t>(where))}, &st);
    cc_.jmp(join);
  });
}

void ProcCompiler::builtin() {
  const Instr& in = an_.instrs()[at_];
  uint32_t b = w(2);
  Builtin id = static_cast<Builtin>(w(1));
  if ((id == Builtin::kMEMCPY || id == Builtin::kMEMMOVE) && !inst_.memcheck && !in_memory()) {
    memory_copy();
    return;
  }
  if (id == Builtin::kMALLOC && heap_inline()) return c_malloc();
  if (id == Builtin::kFREE && heap_inline()) return c_free();
  if ((id == Builtin::kSQRT || id == Builtin::kSQRTC) && !in_memory()) {
    square_root(id == Builtin::kSQRT);
    return;
  }
  for (uint32_t i = 0; i < in.nargs; i++) spill(b + i);
  // A blocking builtin may serve a commit: promoted globals are written back
  // from the window there.
  for (uint32_t i = 0; i < src_.promotions.size(); i++) {
    const Promotion& p = src_.promotions[i];
    if (pc() >= p.begin && pc() < p.end) spill(p.value);
  }
  call_status(reinterpret_cast<uint64_t>(&rt::builtin));
  if (in.has_result) reload(b + in.nargs);
  for (uint32_t i = 0; i < src_.promotions.size(); i++) {
    const Promotion& p = src_.promotions[i];
    if (pc() >= p.begin && pc() < p.end) reload(p.value);
  }
}

// memcpy/memmove (CALLB): both ranges checked against memory here and the
// host's memmove called directly; a range outside memory takes the builtin's
// own path, which fails as the interpreter does.  (Not with --check-memory,
// whose checks live in the builtin.)
void ProcCompiler::memory_copy() {
  uint32_t b = w(2), at_pc = pc();
  Label slow = cc_.newLabel(), join = cc_.newLabel();
  x86::Gp dst = gi(b), src = gi(b + 1), n = gi(b + 2);
  x86::Gp limit = tmp(), t = tmp(), room = tmp();
  cc_.mov(limit, ctx_field(kCtxLimit, 8));  // the last valid address - 4096, for one byte
  for (const x86::Gp& addr : {dst, src}) {  // addr - 4096 <= limit and n <= limit - (addr - 4096) + 1
    cc_.lea(t, x86::ptr(addr, -static_cast<int32_t>(kNullPageSize)));
    cc_.cmp(t, limit);
    cc_.ja(slow);
    cc_.mov(room, limit);
    cc_.sub(room, t);
    cc_.add(room, 1);
    cc_.cmp(n, room);
    cc_.ja(slow);
  }
  x86::Gp to = tmp(), from = tmp();
  cc_.lea(to, mem_ptr(dst, 0));
  cc_.lea(from, mem_ptr(src, 0));
  using Memmove = void* (*)(void*, const void*, size_t);
  Memmove host_memmove = &std::memmove;
  invoke(Imm(reinterpret_cast<uint64_t>(host_memmove)), FuncSignatureT<void*, void*, const void*, size_t>(), {to, from, n});
  if (an_.instrs()[at_].has_result) put_i(b + 3, gi(b));
  bind(join);
  builtin_slow_path(slow, join);
  (void)at_pc;
}

// The out-of-line half of a builtin whose usual case is in machine code: from
// `slow` the builtin itself runs (and fails as in the interpreter), then the
// code goes on at `join` with its result.
void ProcCompiler::builtin_slow_path(const Label& slow, const Label& join) {
  const Instr& in = an_.instrs()[at_];
  uint32_t b = w(2), nargs = in.nargs, at_pc = pc();
  bool result = in.has_result;
  cold_.push_back([this, slow, join, b, nargs, result, at_pc] {
    bind(slow);
    for (uint32_t i = 0; i < nargs; i++) spill(b + i);
    x86::Gp st = tmpd();
    invoke(Imm(reinterpret_cast<uint64_t>(&rt::builtin)), Sig3(), {ctx_arg(), frame_, imm32(at_pc)}, &st);
    Label failed = cc_.newLabel();
    cc_.test(st, st);
    cc_.jnz(failed);
    if (result) reload(b + nargs);
    cc_.jmp(join);
    bind(failed);
    cc_.ret(st);
  });
}

// sqrt: sqrtsd; Pascal's (SQRT) leaves a negative argument to the builtin,
// which raises the runtime error (NaN passes, as in the builtin).
void ProcCompiler::square_root(bool checked) {
  uint32_t b = w(2);
  Label slow = cc_.newLabel(), join = cc_.newLabel();
  x86::Xmm x = gf(b);
  if (checked) {
    x86::Xmm zero = ftmp();
    cc_.xorpd(zero, zero);
    cc_.ucomisd(zero, x);
    cc_.ja(slow);  // 0 > x, ordered
  }
  x86::Xmm d = df(b + 1);
  cc_.sqrtsd(d, x);
  put_f(b + 1, d);
  bind(join);
  if (checked) builtin_slow_path(slow, join);
}

// An instruction the VM's own implementation runs on the window.
void ProcCompiler::via_runtime() {
  std::vector<uint32_t> uses, defs;
  an_.uses_defs(an_.instrs()[at_], code_, &uses, &defs);
  for (uint32_t r : uses) spill(r);
  call_status(reinterpret_cast<uint64_t>(rt::exec_for(an_.instrs()[at_].op)));
  for (uint32_t r : defs) reload(r);
}

// The out-of-line half of an instruction whose usual case is in machine code:
// from `slow`, the VM's own implementation runs it (and fails as the
// interpreter does), then the code goes on at `join`.
void ProcCompiler::slow_via_runtime(const Label& slow, const Label& join) {
  std::vector<uint32_t> uses, defs;
  an_.uses_defs(an_.instrs()[at_], code_, &uses, &defs);
  uint32_t at_pc = pc();
  rt::ExecFn fn = rt::exec_for(an_.instrs()[at_].op);
  cold_.push_back([this, slow, join, uses, defs, at_pc, fn] {
    bind(slow);
    for (uint32_t r : uses) spill(r);
    x86::Gp st = tmpd();
    invoke(Imm(reinterpret_cast<uint64_t>(fn)), Sig3(), {ctx_arg(), frame_, imm32(at_pc)}, &st);
    Label failed = cc_.newLabel();
    cc_.test(st, st);
    cc_.jnz(failed);
    for (uint32_t r : defs) reload(r);
    cc_.jmp(join);
    bind(failed);
    cc_.ret(st);
  });
}

// R[a] := v for an S register, releasing the string R[a] held: nil, an
// immortal string and a shared one are handled here, the last reference's
// free by the runtime.
void ProcCompiler::set_string(uint32_t a, const x86::Gp& v) {
  Label done = cc_.newLabel(), last = cc_.newLabel();
  x86::Gp old = tmp();
  cc_.mov(old, slot(a));
  cc_.mov(slot(a), v);
  cc_.test(old, old);
  cc_.jz(done);
  x86::Mem refcount = mem_ptr(old, 0, 8);
  cc_.cmp(refcount, 1);
  cc_.jl(done);  // immortal
  cc_.je(last);
  cc_.dec(refcount);
  bind(done);
  cold_.push_back([this, last, done, old] {
    bind(last);
    // (The temporaries start afresh on this path: the dead string leaves
    // the pool's register before any is taken.)
    x86::Gp dead = cc_.newGpq();
    cc_.mov(dead, old);
    cc_.mov(mem_ptr(dead, 0, 8), 0);
    Label runtime = cc_.newLabel();
    if (heap_inline()) {  // a string or an array of numbers: its block straight back to the heap
      static_assert(str::kRefElements == int64_t{1} << 62, "the references flag is bit 62 of the count");
      x86::Gp count = tmp();
      cc_.mov(count, mem_ptr(dead, 8, 8));
      cc_.bt(count, 62);
      cc_.jc(runtime);
      give_block(dead, runtime, done);
      cc_.jmp(done);
    }
    bind(runtime);
    invoke(fn_imm(&rt::free_string), FuncSignatureT<void, NativeCtx*, uint64_t>(), {ctx_arg(), dead});
    cc_.jmp(done);
  });
}

// MOVS, LDKS, C2S: a string register takes a new value.
void ProcCompiler::string_move(Op op) {
  x86::Gp v = tmp();
  if (op == Op::MOVS) {
    Label shared = cc_.newLabel();
    cc_.mov(v, slot(w(2)));
    cc_.test(v, v);
    cc_.jz(shared);
    x86::Mem refcount = mem_ptr(v, 0, 8);
    cc_.cmp(refcount, 0);
    cc_.jle(shared);  // immortal
    cc_.inc(refcount);
    bind(shared);
  } else if (op == Op::LDKS) {
    cc_.mov(v, reinterpret_cast<uint64_t>(lp_.kstr + w(2)));
    cc_.mov(v, x86::qword_ptr(v));
  } else {  // C2S: the immortal one-character strings
    x86::Gp c = tmp();
    cc_.mov(c, gi(w(2)));
    cc_.and_(c, 255);
    cc_.mov(v, reinterpret_cast<uint64_t>(&inst_.one_char[0]));
    cc_.mov(v, x86::qword_ptr(v, c, 3));
  }
  set_string(w(1), v);
}

// SLEN a, b: nil is the empty string; the length is the object's second word.
void ProcCompiler::string_length() {
  Label empty = cc_.newLabel();
  x86::Gp s = tmp();
  x86::Gp d = di(w(1));
  cc_.mov(s, slot(w(2)));
  cc_.xor_(d.r32(), d.r32());
  cc_.test(s, s);
  cc_.jz(empty);
  cc_.mov(d, mem_ptr(s, 8, 8));
  bind(empty);
  put_i(w(1), d);
}

// room := the bytes memory holds after a string or dynamic array object's
// header and NUL (memory's end - obj - kMinObject, with end = limit[0] +
// 4096 + 1): what str::view and str::array_count check a count against.
void ProcCompiler::object_room(const x86::Gp& room, const x86::Gp& obj) {
  cc_.mov(room, ctx_field(kCtxLimit, 8));
  cc_.sub(room, obj);
  cc_.add(room, static_cast<int32_t>(4096 + 1 - str::kMinObject));
}

// s := string register r and len := its length, when it is not nil and its
// length lies in memory (str::view's check); else a jump to slow.
void ProcCompiler::checked_string(uint32_t r, const x86::Gp& s, const x86::Gp& len, const x86::Gp& room,
                                  const Label& slow) {
  cc_.mov(s, slot(r));
  cc_.test(s, s);
  cc_.jz(slow);
  cc_.mov(len, mem_ptr(s, 8, 8));
  object_room(room, s);
  cc_.cmp(len, room);
  cc_.ja(slow);  // negative lengths too
}

// SGET a, b, c: the byte in machine code when the string is not nil, its
// length fits in memory (str::view's check) and 1 <= c <= length; anything
// else is left to the VM, which raises the interpreter's error.
void ProcCompiler::string_get() {
  Label slow = cc_.newLabel(), join = cc_.newLabel();
  x86::Gp s = tmp(), len = tmp(), room = tmp(), i = tmp();
  checked_string(w(2), s, len, room, slow);
  cc_.mov(i, gi(w(3)));
  cc_.sub(i, 1);  // 1-based; 0 and negatives wrap to huge
  cc_.cmp(i, len);
  cc_.jae(slow);
  cc_.add(s, i);
  x86::Gp d = di(w(1));
  cc_.movzx(d.r32(), mem_ptr(s, static_cast<int32_t>(str::kHeader), 1));
  put_i(w(1), d);
  bind(join);
  slow_via_runtime(slow, join);
}

// SCAT a, b, c in machine code when neither string is empty (an empty one
// is shared, str::concat's rule) and both lengths lie in memory (str::view's
// check): for a = b, appended in place when a is unique and its block has
// the room (str::capacity: the block's header, bounded by the used heap);
// otherwise into a fresh block of a small class (for a = b with half again
// as much room, as str::concat grows it).  Anything else is left to the VM.
void ProcCompiler::string_concat() {
  const bool reuse = w(1) == w(2);
  Label slow = cc_.newLabel(), join = cc_.newLabel(), fresh = cc_.newLabel();
  x86::Gp x = tmp(), y = tmp(), lx = tmp(), ly = tmp(), need = tmp(), t = tmp();
  checked_string(w(2), x, lx, t, slow);
  checked_string(w(3), y, ly, t, slow);
  cc_.lea(need, x86::ptr(lx, ly));
  if (reuse) {
    x86::Gp cap = tmp();
    cc_.cmp(mem_ptr(x, 0, 8), 1);
    cc_.jne(fresh);
    cc_.mov(t, inst_.mem.heap_begin() + 8);
    cc_.cmp(x, t);
    cc_.jb(fresh);
    // capacity = min(header's size - 8, used heap's end - x) - kMinObject
    cc_.mov(cap, mem_ptr(x, -8, 8));
    cc_.sub(cap, static_cast<int32_t>(8 + str::kMinObject));
    cc_.mov(t, host_qword(inst_.heap.top_address(), t));
    cc_.sub(t, x);
    cc_.sub(t, static_cast<int32_t>(str::kMinObject));
    cc_.cmp(t, cap);
    cc_.cmovl(cap, t);
    cc_.cmp(need, cap);
    cc_.jg(fresh);
    Label copied = cc_.newLabel(), general = cc_.newLabel();
    cc_.cmp(ly, 1);  // s := s + ch, the most frequent
    cc_.jne(general);
    cc_.movzx(t.r32(), mem_ptr(y, static_cast<int32_t>(str::kHeader), 1));
    cc_.add(lx, x);
    cc_.mov(mem_ptr(lx, static_cast<int32_t>(str::kHeader), 1), t.r8());
    cc_.jmp(copied);
    bind(general);
    cc_.lea(t, x86::ptr(x, lx, 0, static_cast<int32_t>(str::kHeader)));
    cc_.lea(cap, x86::ptr(y, static_cast<int32_t>(str::kHeader)));
    copy_bytes(t, cap, ly);
    bind(copied);
    cc_.mov(mem_ptr(x, 8, 8), need);
    cc_.add(x, need);
    cc_.mov(mem_ptr(x, static_cast<int32_t>(str::kHeader), 1), 0);
    cc_.jmp(join);
  }
  bind(fresh);
  // The block: kMinObject + room bytes, room = need (+ need / 2 to append to).
  const int32_t most = reuse ? 600 : 900;  // so that the block's class is small
  static_assert(Heap::kSmallLimit >= 8 + str::kMinObject + 900 + Heap::kGranule, "small enough for a small class");
  x86::Gp total = tmp(), list = tmp(), s = tmp();
  cc_.cmp(need, most);
  cc_.ja(slow);
  cc_.mov(total, need);
  if (reuse) {
    cc_.shr(total, 1);
    cc_.add(total, need);
  }
  cc_.add(total, static_cast<int32_t>(str::kMinObject + Heap::kHeader + Heap::kGranule - 1));
  cc_.and_(total, -static_cast<int32_t>(Heap::kGranule));
  free_list_of(list, total);
  take_block(s, list, total, 0, slow);
  cc_.mov(mem_ptr(s, 0, 8), 1);
  cc_.mov(mem_ptr(s, 8, 8), need);
  cc_.lea(t, x86::ptr(s, static_cast<int32_t>(str::kHeader)));
  cc_.add(x, static_cast<int32_t>(str::kHeader));
  copy_bytes(t, x, lx);
  cc_.add(t, lx);
  cc_.add(y, static_cast<int32_t>(str::kHeader));
  copy_bytes(t, y, ly);
  cc_.add(t, ly);
  cc_.mov(mem_ptr(t, 0, 1), 0);
  set_string(w(1), s);
  bind(join);
  slow_via_runtime(slow, join);
}

// The host's memcpy, for copies of many bytes.
static void* copy_memory(void* to, const void* from, size_t n) { return std::memcpy(to, from, n); }

// n bytes of program memory from src to dst (addresses), first to last:
// short copies eight at a time, then one at a time; long ones by the host's
// memcpy.  The registers keep their values.
void ProcCompiler::copy_bytes(const x86::Gp& dst, const x86::Gp& src, const x86::Gp& n) {
  Label words = cc_.newLabel(), bytes = cc_.newLabel(), done = cc_.newLabel(), many = cc_.newLabel();
  x86::Gp k = tmp(), v = tmp(), from = tmp(), to = tmp();
  cc_.lea(from, mem_ptr(src, 0));
  cc_.lea(to, mem_ptr(dst, 0));
  cc_.cmp(n, 32);
  cc_.ja(many);
  cold_.push_back([this, many, done, from, to, n] {
    bind(many);
    invoke(fn_imm(&copy_memory), FuncSignatureT<void*, void*, const void*, size_t>(), {to, from, n});
    cc_.jmp(done);
  });
  cc_.xor_(k.r32(), k.r32());
  bind(words);
  cc_.lea(v, x86::ptr(k, 8));
  cc_.cmp(v, n);
  cc_.ja(bytes);
  cc_.mov(v, x86::qword_ptr(from, k));
  cc_.mov(x86::qword_ptr(to, k), v);
  cc_.add(k, 8);
  cc_.jmp(words);
  bind(bytes);
  cc_.cmp(k, n);
  cc_.jae(done);
  cc_.movzx(v.r32(), x86::byte_ptr(from, k));
  cc_.mov(x86::byte_ptr(to, k), v.r8());
  cc_.add(k, 1);
  cc_.jmp(bytes);
  bind(done);
}

// DIDX a, b, c, d: the element's address in machine code when the array is
// not empty, its count (times d) fits in memory as the VM checks it, and
// 0 <= c < count; anything else is left to the VM, which raises its error.
void ProcCompiler::dynamic_index() {
  Label slow = cc_.newLabel(), join = cc_.newLabel();
  x86::Gp s = tmp(), count = tmp(), room = tmp(), bytes = tmp();
  const int32_t size = static_cast<int32_t>(w(4));
  cc_.mov(s, slot(w(2)));
  cc_.test(s, s);
  cc_.jz(slow);
  cc_.mov(count, mem_ptr(s, 8, 8));
  cc_.test(count, count);
  cc_.js(slow);
  // The count without the flags and layout above it (str::kCountMask).
  static_assert(str::kCountMask == (int64_t{1} << 40) - 1, "the count is bits 0..39");
  cc_.shl(count, 24);
  cc_.shr(count, 24);
  object_room(room, s);
  cc_.imul(bytes, count, size);
  cc_.jo(slow);
  cc_.cmp(bytes, room);
  cc_.ja(slow);
  x86::Gp i = gi(w(3));
  cc_.cmp(i, count);
  cc_.jae(slow);  // negative indices too
  x86::Gp d = di(w(1));
  cc_.imul(bytes, i, size);
  cc_.lea(d, x86::ptr(s, bytes, 0, static_cast<int32_t>(str::kHeader)));
  put_i(w(1), d);
  bind(join);
  slow_via_runtime(slow, join);
}

// ---- heap blocks of the small classes in machine code
//
// NEW, DISPOSE and C's malloc and free take a block from its class's free
// list and give it back in machine code, with the steps of Heap::alloc and
// Heap::free (vm/heap.h): the header written, the live bit set or tested and
// cleared, the live count kept.  Everything else (an empty free list, a large
// block, a pointer that is not a live block or whose header was overwritten,
// a full list) is left to the VM, so errors are the interpreter's.  Every
// check comes before the first change, so the slow path starts afresh.
// Not while a watcher (--check-memory) sees the heap.
bool ProcCompiler::heap_inline() const { return !inst_.heap.watched() && !inst_.memcheck; }

// A qword of the host at a fixed address: absolute below 2 GiB, else through t.
static bool is_low(uint64_t a) { return a + 4096 < (uint64_t{1} << 31); }
x86::Mem ProcCompiler::host_qword(const void* p, const x86::Gp& t) {
  uint64_t a = reinterpret_cast<uint64_t>(p);
  if (is_low(a)) return x86::qword_ptr_abs(a);
  cc_.mov(t, a);
  return x86::qword_ptr(t);
}

// r -= c for a constant c of the instance.
void ProcCompiler::subtract_constant(const x86::Gp& r, uint64_t c, const x86::Gp& t) {
  if (is_low(c)) {
    cc_.sub(r, static_cast<int32_t>(c));
  } else {
    cc_.mov(t, c);
    cc_.sub(r, t);
  }
}

// r += c for a constant c of the instance (a host address).
void ProcCompiler::add_constant(const x86::Gp& r, uint64_t c) {
  if (is_low(c)) {
    cc_.add(r, static_cast<int32_t>(c));
  } else {
    x86::Gp t = tmp();
    cc_.mov(t, c);
    cc_.add(r, t);
  }
}

// list := the free list of blocks of `total` bytes (a multiple of 16 up to
// Heap::kSmallLimit): free_lists() + (total / 16 - 1).
void ProcCompiler::free_list_of(const x86::Gp& list, const x86::Gp& total) {
  static_assert(sizeof(Heap::FreeList) == 24, "the list address is computed as 24 bytes per class");
  cc_.lea(list, x86::ptr(total, total, 1));
  cc_.shr(list, 1);  // total * 3 / 2 = (total / 16) * 24
  add_constant(list, reinterpret_cast<uint64_t>(inst_.heap.free_lists()) - sizeof(Heap::FreeList));
}

// The live bit of the block at addr: bit `bit` of bitmap[word].  (bt* with a
// bit offset in a register addresses a bit string when the other operand is
// memory, as the allocator may make it: the offset stays within the qword.)
void ProcCompiler::live_bit(const x86::Gp& bit, const x86::Gp& word, const x86::Gp& bitmap, const x86::Gp& addr) {
  cc_.mov(bit, addr);
  subtract_constant(bit, inst_.mem.heap_begin(), word);
  cc_.shr(bit, 4);  // its granule
  cc_.mov(word, bit);
  cc_.shr(word, 6);
  cc_.and_(bit, 63);
  cc_.mov(bitmap, host_qword(inst_.heap.bitmap_address(), bitmap));
}

// addr := a block popped from free list `list` (its blocks `total` bytes,
// header included), its first zero_bytes zeroed; or a jump to slow when the
// list is empty.  A non-empty list means the bitmap exists.
void ProcCompiler::take_block(const x86::Gp& addr, const x86::Gp& list, const asmjit::Operand& total, uint32_t zero_bytes,
                              const Label& slow) {
  using FL = Heap::FreeList;
  x86::Gp top = tmp(), t = tmp(), word = tmp(), bits = tmp();
  cc_.mov(top, x86::qword_ptr(list, offsetof(FL, top)));
  cc_.cmp(top, x86::qword_ptr(list, offsetof(FL, base)));
  cc_.je(slow);
  cc_.sub(top, 8);
  cc_.mov(addr, x86::qword_ptr(top));
  cc_.mov(x86::qword_ptr(list, offsetof(FL, top)), top);
  for (uint32_t off = 0; off < zero_bytes; off += 8) cc_.mov(mem_ptr(addr, static_cast<int32_t>(off), 8), 0);
  if (total.isImm()) cc_.mov(mem_ptr(addr, -static_cast<int32_t>(Heap::kHeader), 8), total.as<Imm>());
  else cc_.mov(mem_ptr(addr, -static_cast<int32_t>(Heap::kHeader), 8), total.as<x86::Gp>());
  live_bit(t, word, top, addr);
  cc_.mov(bits, x86::qword_ptr(top, word, 3));
  cc_.bts(bits, t);
  cc_.mov(x86::qword_ptr(top, word, 3), bits);
  cc_.add(host_qword(inst_.heap.live_address(), t), 1);
}

// Gives block p back to its free list (nil: nothing, at `done`); or a jump to
// slow when p is not a live block of a small class, its header is not sane
// or its list is full.
void ProcCompiler::give_block(const x86::Gp& p, const Label& slow, const Label& done) {
  using FL = Heap::FreeList;
  x86::Gp t = tmp(), word = tmp(), bits = tmp(), bitmap = tmp(), total = tmp(), list = tmp(), top = tmp();
  cc_.test(p, p);
  cc_.jz(done);
  cc_.mov(t, inst_.mem.heap_begin() + Heap::kGranule);  // p >= the first block, p < top, 16-aligned
  cc_.cmp(p, t);
  cc_.jb(slow);
  cc_.mov(top, host_qword(inst_.heap.top_address(), top));
  cc_.cmp(p, top);
  cc_.jae(slow);
  cc_.test(p.r8(), static_cast<int32_t>(Heap::kGranule - 1));
  cc_.jnz(slow);
  live_bit(t, word, bitmap, p);
  cc_.mov(bits, x86::qword_ptr(bitmap, word, 3));
  cc_.bt(bits, t);
  cc_.jnc(slow);
  // Its header: a multiple of 16 from 16 to kSmallLimit, not past the used heap.
  cc_.mov(total, mem_ptr(p, -static_cast<int32_t>(Heap::kHeader), 8));
  cc_.lea(list, x86::ptr(total, -static_cast<int32_t>(Heap::kGranule)));
  cc_.cmp(list, static_cast<int32_t>(Heap::kSmallLimit - Heap::kGranule));
  cc_.ja(slow);
  cc_.test(total.r8(), static_cast<int32_t>(Heap::kGranule - 1));
  cc_.jnz(slow);
  cc_.sub(top, p);
  cc_.add(top, static_cast<int32_t>(Heap::kHeader));
  cc_.cmp(total, top);
  cc_.ja(slow);
  // Its list: free_lists() + (total / 16 - 1), and room on it.
  free_list_of(list, total);
  cc_.mov(top, x86::qword_ptr(list, offsetof(FL, top)));
  cc_.cmp(top, x86::qword_ptr(list, offsetof(FL, end)));
  cc_.je(slow);
  cc_.btr(bits, t);
  cc_.mov(x86::qword_ptr(bitmap, word, 3), bits);
  cc_.sub(host_qword(inst_.heap.live_address(), t), 1);
  cc_.mov(x86::qword_ptr(top), p);
  cc_.add(top, 8);
  cc_.mov(x86::qword_ptr(list, offsetof(FL, top)), top);
}

// NEW a, t: a zeroed block of the type's size.
void ProcCompiler::heap_new() {
  const uint64_t size = lp_.layouts[w(2)].size;
  const uint64_t total = (size + Heap::kHeader + Heap::kGranule - 1) / Heap::kGranule * Heap::kGranule;
  if (!heap_inline() || total > Heap::kSmallLimit || total - Heap::kHeader > 128) return via_runtime();
  Label slow = cc_.newLabel(), join = cc_.newLabel();
  x86::Gp list = tmp(), d = di(w(1));
  cc_.mov(list, reinterpret_cast<uint64_t>(inst_.heap.free_lists() + (total / Heap::kGranule - 1)));
  take_block(d, list, Imm(static_cast<int64_t>(total)), static_cast<uint32_t>(total - Heap::kHeader), slow);
  put_i(w(1), d);
  bind(join);
  slow_via_runtime(slow, join);
}

// DISPOSE a, t, of a type without strings (those must be released first).
void ProcCompiler::heap_dispose() {
  if (!heap_inline() || lp_.layouts[w(2)].managed) return via_runtime();
  Label slow = cc_.newLabel(), join = cc_.newLabel();
  give_block(gi(w(1)), slow, join);
  bind(join);
  slow_via_runtime(slow, join);
}

// malloc(n) (CALLB MALLOC): sizes up to the small classes, unzeroed.
void ProcCompiler::c_malloc() {
  const uint32_t b = w(2), result = b + an_.instrs()[at_].nargs;
  Label slow = cc_.newLabel(), join = cc_.newLabel();
  x86::Gp n = gi(b), total = tmp(), list = tmp();
  cc_.cmp(n, static_cast<int32_t>(Heap::kSmallLimit - Heap::kHeader));
  cc_.ja(slow);
  cc_.lea(total, x86::ptr(n, static_cast<int32_t>(Heap::kHeader + Heap::kGranule - 1)));
  cc_.and_(total, -static_cast<int32_t>(Heap::kGranule));
  free_list_of(list, total);
  x86::Gp d = di(result);
  take_block(d, list, total, 0, slow);
  put_i(result, d);
  bind(join);
  builtin_slow_path(slow, join);
}

// free(p) (CALLB FREE).
void ProcCompiler::c_free() {
  Label slow = cc_.newLabel(), join = cc_.newLabel();
  give_block(gi(w(2)), slow, join);
  bind(join);
  builtin_slow_path(slow, join);
}

void ProcCompiler::ret(Op op) {
  if (op == Op::RETS) {
    invoke(fn_imm(&rt::return_string), FuncSignatureT<void, NativeCtx*, Frame*, uint32_t>(), {ctx_arg(), frame_, imm32(w(1))});
  } else {
    if (op != Op::RET) {
      x86::Gp res = tmp();
      cc_.mov(res, x86::qword_ptr(frame_, kFrameResult));
      if (op == Op::RETI) cc_.mov(x86::qword_ptr(res), gi(w(1)));
      else cc_.movsd(x86::qword_ptr(res), gf(w(1)));
    }
    if (lp_.cleanup) {
      invoke(fn_imm(&rt::release_frame), FuncSignatureT<void, NativeCtx*, Frame*>(), {ctx_arg(), frame_});
    }
  }
  x86::Gp st = tmpd();
  cc_.xor_(st, st);
  cc_.ret(st);
}

// Entry 0: the host stack checked, the frame area and string registers set
// up, parameters read from the window, registers read before written zeroed.
void ProcCompiler::entry_code() {
  Label overflow = cc_.newLabel();
  cc_.cmp(x86::rsp, ctx_field(kCtxStackLimit, 8));
  cc_.jb(overflow);
  cold_.push_back([this, overflow] {
    bind(overflow);
    x86::Gp st = tmpd();
    invoke(fn_imm(&rt::overflow_at_call), FuncSignatureT<uint32_t, NativeCtx*, Frame*>(), {ctx_arg(), frame_}, &st);
    cc_.ret(st);
  });
  const uint32_t fs = lp_.frame_size;
  bool s_locals = lp_.s_regs.size() > lp_.s_params.size();
  if (lp_.retain_params || s_locals || fs > 128) {
    call_status(reinterpret_cast<uint64_t>(&rt::enter));
  } else if (fs > 0) {
    x86::Gp base = tmp(), room = tmp();
    cc_.mov(base, x86::qword_ptr(frame_, kFrameFaBase));
    cc_.mov(room, ctx_field(kCtxFaEnd, 8));
    cc_.sub(room, base);
    cc_.cmp(room, static_cast<int32_t>(fs));
    cc_.jb(overflow);
    x86::Gp zero = tmp();
    cc_.xor_(zero.r32(), zero.r32());
    for (uint32_t off = 0; off < fs; off += 8) cc_.mov(mem_ptr(base, static_cast<int32_t>(off), 8), zero);
  }
  RegSet zeroed = an_.live_in(0);
  for (uint32_t r : named_regs_) zeroed.add(r);
  if (in_memory()) {  // the window is the registers: every one starts at zero
    for (uint32_t r = lp_.nparams; r < src_.regs.size(); r++)
      if (an_.tracked(r) && !konst(r)) cc_.mov(slot(r), 0);
    return;
  }
  for (uint32_t r = 0; r < lp_.nparams; r++) {
    zeroed.remove(r);
    reload(r);
  }
  zeroed.for_each([&](uint32_t r) {
    if (konst(r)) return;
    if (src_.regs[r] == Kind::I) cc_.xor_(ireg_[r].r32(), ireg_[r].r32());
    else cc_.xorpd(freg_[r], freg_[r]);
  });
}

// Entries k+1: a running frame continues at a loop header or update point
// with its registers in the window.
void ProcCompiler::osr_code() {
  bind(osr_dispatch_);
  const std::vector<Instr>& ins = an_.instrs();
  for (size_t i = 0; i < ins.size(); i++) {
    if (!ins[i].entry) continue;
    Label next = cc_.newLabel();
    cc_.cmp(entry_, ins[i].pc + 1);
    cc_.jne(next);
    reload_set(an_.live_in(i));
    if (has_guarded_range(ins[i].pc)) {  // (the interpreter goes on where the range does not hold)
      Label outside = cc_.newLabel(), inside = cc_.newLabel();
      guard_ranges(ins[i].pc, outside);
      cc_.jmp(inside);
      bind(outside);
      x86::Gp st = tmpd();
      cc_.mov(st, kNativeNoEntry);
      cc_.ret(st);
      bind(inside);
    }
    auto pre = preheaders_.find(i);
    cc_.jmp(pre != preheaders_.end() ? pre->second.label : labels_[i]);
    bind(next);
  }
  x86::Gp st = tmpd();
  cc_.mov(st, kNativeNoEntry);
  cc_.ret(st);
}

bool ProcCompiler::emit(std::string* why) {
  const uint32_t nregs = static_cast<uint32_t>(src_.regs.size());
  FuncNode* fn = cc_.addFunc(Sig3());
  x86::Gp ctx_arg = cc_.newGpq("ctx");  // (the context is a constant of the instance)
  frame_ = cc_.newGpq("frame");
  entry_ = cc_.newGpd("entry");
  fn->setArg(0, ctx_arg);
  fn->setArg(1, frame_);
  fn->setArg(2, entry_);
  find_constants();
  if (!in_memory()) {
    ireg_.resize(nregs);
    freg_.resize(nregs);
    for (uint32_t r = 0; r < nregs; r++) {
      if (konst(r)) continue;
      if (src_.regs[r] == Kind::I) ireg_[r] = cc_.newGpq("r%u", r);
      else if (src_.regs[r] == Kind::F) freg_[r] = cc_.newXmmSd("r%u", r);
    }
  }
  for (const LocalInfo& l : src_.locals)
    if (!l.in_frame && l.where < nregs && an_.tracked(l.where) && !konst(l.where)) named_regs_.push_back(l.where);
  find_invariants();
  find_loop_ranges();
  const std::vector<Instr>& ins = an_.instrs();
  labels_.resize(ins.size());
  for (size_t i = 0; i < ins.size(); i++)
    if (ins[i].leader) labels_[i] = cc_.newLabel();
  osr_dispatch_ = cc_.newLabel();

  cc_.test(entry_, entry_);
  cc_.jnz(osr_dispatch_);
  entry_code();
  for (at_ = 0; at_ < ins.size(); at_++) {
    auto pre = preheaders_.find(at_);
    if (pre != preheaders_.end()) {  // the loop-invariant instructions, once before the loop
      bind(pre->second.label);
      valid_ = invariant_;
      ranges_.assign(valid_.size(), Range{});
      forget_values();
      size_t head = at_;
      for (size_t k : pre->second.instrs) {
        at_ = k;
        reset_temporaries();
        instruction();
        update_facts(ins[k]);
      }
      at_ = head;
    }
    if (ins[at_].leader) {
      bind(labels_[at_]);
      valid_ = invariant_;
      ranges_.assign(valid_.size(), Range{});
      forget_values();
    }
    if (opt_.mark_instructions) cc_.commentf("@%u", ins[at_].pc);
    reset_temporaries();
    size_t first = at_;
    bool konst_def = ins[at_].pc < src_.prologue_size && (op_info(ins[at_].op).flags & F_DEF) &&
                     konst(code_[ins[at_].pc + 1]);
    // (a constant is made where it is used; a hoisted value, in the preheader)
    if (!konst_def && !hoisted_[at_]) instruction();
    for (size_t k = first; k <= at_; k++) update_facts(ins[k]);
    if (!why_.empty()) {
      *why = why_;
      return false;
    }
  }
  forget_values();
  osr_code();
  // (cold paths may add more cold paths)
  for (size_t i = 0; i < cold_.size(); i++) {
    if (opt_.mark_instructions && i == 0) cc_.comment("@cold");
    std::function<void()> f = std::move(cold_[i]);
    new_block();
    forget_values();
    reset_temporaries();
    f();
  }
  cc_.endFunc();
  return true;
}

void ProcCompiler::instruction() {
  const Op op = an_.instrs()[at_].op;
  if (std::optional<uint32_t> holder = repeated_value(an_.instrs()[at_])) {
    x86::Gp v = gi(*holder);
    x86::Gp d = di(w(1));
    if (d.id() != v.id()) cc_.mov(d, v);
    put_i(w(1), d);
    return;
  }
  switch (op) {
    case Op::NOP: break;
    // ---- moves and constants
    case Op::MOVI: {
      x86::Gp v = gi(w(2));
      x86::Gp d = di(w(1));
      if (d.id() != v.id()) cc_.mov(d, v);
      put_i(w(1), d);
      break;
    }
    case Op::MOVF: {
      x86::Xmm v = gf(w(2));
      x86::Xmm d = df(w(1));
      if (d.id() != v.id()) cc_.movapd(d, v);
      put_f(w(1), d);
      break;
    }
    case Op::LDI:
    case Op::LDK: {
      int64_t v = op == Op::LDI ? imm(2) : lp_.kint[w(2)];
      x86::Gp d = di(w(1));
      if (v == 0) cc_.xor_(d.r32(), d.r32());
      else cc_.mov(d, v);
      put_i(w(1), d);
      break;
    }
    case Op::LDKF: {
      double v = lp_.kreal[w(2)];
      uint64_t bits;
      std::memcpy(&bits, &v, 8);
      x86::Xmm d = df(w(1));
      if (bits == 0) {
        cc_.xorpd(d, d);
      } else {
        x86::Gp t = tmp();
        cc_.mov(t, bits);
        cc_.movq(d, t);
      }
      put_f(w(1), d);
      break;
    }
    // ---- integer arithmetic
    case Op::ADD: {
      // An address plus an index: one lea when either is a constant (a global's address).
      uint32_t b = w(2), c = w(3);
      if (konst(c) && !konst(b)) std::swap(b, c);
      if (konst(b) && !konst(c) && fits_i32(konst_[b])) {
        x86::Gp vc = gi(c);
        x86::Gp d = di(w(1));
        cc_.lea(d, x86::ptr(vc, static_cast<int32_t>(konst_[b])));
        put_i(w(1), d);
        break;
      }
      int_binop(x86::Inst::kIdAdd, true);
      break;
    }
    case Op::SUB: int_binop(x86::Inst::kIdSub, false); break;
    case Op::MUL: int_binop(x86::Inst::kIdImul, true); break;
    case Op::AND: int_binop(x86::Inst::kIdAnd, true); break;
    case Op::OR: int_binop(x86::Inst::kIdOr, true); break;
    case Op::XOR: int_binop(x86::Inst::kIdXor, true); break;
    case Op::DIV:
    case Op::MOD:
    case Op::CDIV:
    case Op::CMOD:
    case Op::UDIV:
    case Op::UMOD: division(op); break;
    case Op::ADDK: {
      x86::Gp b = gi(w(2));
      x86::Gp d = di(w(1));
      if (d.id() == b.id()) cc_.add(d, static_cast<int32_t>(imm(3)));
      else cc_.lea(d, x86::ptr(b, static_cast<int32_t>(imm(3))));
      put_i(w(1), d);
      break;
    }
    case Op::MULK: {
      x86::Gp b = gi(w(2));
      x86::Gp d = di(w(1));
      cc_.imul(d, b, static_cast<int32_t>(imm(3)));
      put_i(w(1), d);
      break;
    }
    case Op::NEG:
    case Op::NOT: {
      x86::Gp b = gi(w(2));
      x86::Gp d = di(w(1));
      if (d.id() != b.id()) cc_.mov(d, b);
      if (op == Op::NEG) cc_.neg(d);
      else cc_.not_(d);
      put_i(w(1), d);
      break;
    }
    case Op::LNOT: {
      x86::Gp t = tmp();
      cc_.xor_(t.r32(), t.r32());
      cc_.test(gi(w(2)), gi(w(2)));
      cc_.sete(t.r8());
      put_i(w(1), t);
      break;
    }
    case Op::SHL:
    case Op::SHR:
    case Op::SAR: {
      x86::Gp t = tmp(), count = tmp();
      cc_.mov(t, gi(w(2)));
      cc_.mov(count, gi(w(3)));  // the hardware masks a 64-bit shift's count to 6 bits, as R[c] & 63
      if (op == Op::SHL) cc_.shl(t, count);
      else if (op == Op::SHR) cc_.shr(t, count);
      else cc_.sar(t, count);
      put_i(w(1), t);
      break;
    }
    case Op::EQ:
    case Op::NE:
    case Op::LT:
    case Op::LE:
    case Op::LTU:
    case Op::LEU: {
      if (fuse_compare_branch()) break;
      x86::CondCode c = op == Op::EQ ? x86::CondCode::kEqual
                   : op == Op::NE ? x86::CondCode::kNotEqual
                   : op == Op::LT ? x86::CondCode::kSignedLT
                   : op == Op::LE ? x86::CondCode::kSignedLE
                   : op == Op::LTU ? x86::CondCode::kUnsignedLT
                                   : x86::CondCode::kUnsignedLE;
      compare_set(c, false, false);
      break;
    }
    case Op::ABS: {
      x86::Gp b = gi(w(2));
      x86::Gp t = tmp();
      cc_.mov(t, b);
      cc_.neg(t);
      cc_.cmovs(t, b);
      put_i(w(1), t);
      break;
    }
    case Op::CHKRNG: {
      x86::Gp a = gi(w(1));
      Label bad = trap(RtError::ValueRange);
      asmjit::Operand lo = const_operand(lp_.kint[w(2)]);
      if (lo.isImm()) cc_.cmp(a, lo.as<Imm>());
      else cc_.cmp(a, lo.as<x86::Gp>());
      cc_.jl(bad);
      asmjit::Operand hi = const_operand(lp_.kint[w(3)]);
      if (hi.isImm()) cc_.cmp(a, hi.as<Imm>());
      else cc_.cmp(a, hi.as<x86::Gp>());
      cc_.jg(bad);
      break;
    }
    // ---- reals
    case Op::FADD: float_binop(x86::Inst::kIdAddsd); break;
    case Op::FSUB: float_binop(x86::Inst::kIdSubsd); break;
    case Op::FMUL: float_binop(x86::Inst::kIdMulsd); break;
    case Op::FDIVC: float_binop(x86::Inst::kIdDivsd); break;
    case Op::FDIV: {
      x86::Xmm zero = ftmp();
      Label ok = cc_.newLabel();
      cc_.xorpd(zero, zero);
      cc_.ucomisd(gf(w(3)), zero);
      cc_.jne(ok);
      cc_.jp(ok);  // NaN divides without a trap
      cc_.jmp(trap(RtError::DivByZero));
      bind(ok);
      float_binop(x86::Inst::kIdDivsd);
      break;
    }
    case Op::FNEG:
    case Op::FABS: {
      uint64_t mask[2];
      mask[0] = mask[1] = op == Op::FNEG ? 0x8000000000000000ull : 0x7fffffffffffffffull;
      x86::Mem m = cc_.newConst(ConstPoolScope::kLocal, mask, 16);
      x86::Xmm b = gf(w(2));
      x86::Xmm d = df(w(1));
      if (d.id() != b.id()) cc_.movapd(d, b);
      if (op == Op::FNEG) cc_.xorpd(d, m);
      else cc_.andpd(d, m);
      put_f(w(1), d);
      break;
    }
    case Op::FEQ:
    case Op::FNE: {
      if (fuse_compare_branch()) break;
      x86::Gp t = tmp(), u = tmp();
      cc_.xor_(t.r32(), t.r32());
      cc_.xor_(u.r32(), u.r32());
      cc_.ucomisd(gf(w(2)), gf(w(3)));
      if (op == Op::FEQ) {  // equal and ordered
        cc_.sete(t.r8());
        cc_.setnp(u.r8());
        cc_.and_(t, u);
      } else {  // not equal or unordered
        cc_.setne(t.r8());
        cc_.setp(u.r8());
        cc_.or_(t, u);
      }
      put_i(w(1), t);
      break;
    }
    case Op::FLT:  // c > b ("above"): false when unordered
      if (!fuse_compare_branch()) compare_set(x86::CondCode::kUnsignedGT, true, true);
      break;
    case Op::FLE:  // c >= b
      if (!fuse_compare_branch()) compare_set(x86::CondCode::kUnsignedGE, true, true);
      break;
    case Op::I2F: {
      x86::Xmm d = df(w(1));
      cc_.xorpd(d, d);
      cc_.cvtsi2sd(d, gi(w(2)));
      put_f(w(1), d);
      break;
    }
    case Op::U2F: {
      x86::Gp b = gi(w(2));
      x86::Xmm d = df(w(1));
      Label big = cc_.newLabel(), done = cc_.newLabel();
      cc_.xorpd(d, d);
      cc_.test(b, b);
      cc_.js(big);
      cc_.cvtsi2sd(d, b);
      cc_.jmp(done);
      bind(big);  // halve (keeping the low bit for rounding), convert, double
      x86::Gp h = tmp(), low = tmp();
      cc_.mov(h, b);
      cc_.shr(h, 1);
      cc_.mov(low, b);
      cc_.and_(low, 1);
      cc_.or_(h, low);
      cc_.cvtsi2sd(d, h);
      cc_.addsd(d, d);
      bind(done);
      put_f(w(1), d);
      break;
    }
    case Op::FTRUNC:
    case Op::FROUND: {
      x86::Xmm b = gf(w(2));
      Label bad = trap(RtError::RealToInt);
      x86::Mem lo = cc_.newQWordConst(ConstPoolScope::kLocal, 0xc3e0000000000000ull);  // -2^63
      x86::Mem hi = cc_.newQWordConst(ConstPoolScope::kLocal, 0x43e0000000000000ull);  // 2^63
      cc_.ucomisd(b, lo);
      cc_.jb(bad);  // below, or unordered (NaN)
      cc_.ucomisd(b, hi);
      cc_.jae(bad);
      x86::Gp d = di(w(1));
      // Rounding uses the default mode, to nearest even, as fpc's round; a
      // value in range rounds to a value in range (beyond 2^52 all are integers).
      if (op == Op::FTRUNC) cc_.cvttsd2si(d, b);
      else cc_.cvtsd2si(d, b);
      put_i(w(1), d);
      break;
    }
    case Op::F2I: {
      x86::Gp d = di(w(1));
      cc_.cvttsd2si(d, gf(w(2)));  // NaN and out of range give INT64_MIN, as the bytecode says
      put_i(w(1), d);
      break;
    }
    case Op::FSINGLE: {
      x86::Xmm t = ftmp();
      x86::Xmm d = df(w(1));
      cc_.cvtsd2ss(t, gf(w(2)));
      cc_.cvtss2sd(d, t);
      put_f(w(1), d);
      break;
    }
    // ---- branches
    case Op::JMP: cc_.jmp(target(1)); break;
    case Op::JT:
    case Op::JF: {
      x86::Gp a = gi(w(1));
      cc_.test(a, a);
      if (op == Op::JT) cc_.jnz(target(2));
      else cc_.jz(target(2));
      break;
    }
    case Op::JEQ:
    case Op::JNE:
    case Op::JLT:
    case Op::JLE:
    case Op::JLTU:
    case Op::JLEU: {
      x86::CondCode cond = compare_ints(w(1), w(2), *int_jump_cond(op));
      cc_.emit(x86::Inst::jccFromCond(cond), target(3));
      break;
    }
    case Op::LOOP: {
      auto head = back_edge_head_.find(at_);
      if (head == back_edge_head_.end()) {
        poll(false);
      } else {  // after a served request: through the preheader
        Label after_request = cc_.newLabel();
        poll(false, &after_request);
        loop_back();
        bind(after_request);
        cc_.jmp(preheaders_[head->second].label);
        break;
      }
      loop_back();
      break;
    }
    case Op::FORUP:
    case Op::FORDN: {
      auto head = back_edge_head_.find(at_);
      Label after_request = cc_.newLabel();
      bool hoisting = head != back_edge_head_.end();
      poll(false, hoisting ? &after_request : nullptr);
      uint32_t a = w(1);
      Label exit = cc_.newLabel();
      // (twice with a preheader: on after a served request, to the preheader)
      for (int pass = 0; pass < (hoisting ? 2 : 1); pass++) {
        if (pass == 1) bind(after_request);
        if (pass == 0 && op == Op::FORUP && counts_without_overflow(a)) {
          // The variable stays at most the limit and the limit is below the
          // largest integer: incremented first, tested after, one jump less;
          // leaving, it goes back to the limit as FORUP leaves it.
          x86::Gp va = gi(a);
          cc_.add(va, 1);
          put_i(a, va);
          asmjit::Operand limit = src_i(w(2));
          if (limit.isImm()) cc_.cmp(va, limit.as<Imm>());
          else cc_.cmp(va, limit.as<x86::Gp>());
          cc_.jle(target(3));
          cc_.sub(va, 1);
          put_i(a, va);
          if (hoisting) cc_.jmp(exit);
          continue;
        }
        x86::Gp va = gi(a);
        asmjit::Operand limit = src_i(w(2));
        if (limit.isImm()) cc_.cmp(va, limit.as<Imm>());
        else cc_.cmp(va, limit.as<x86::Gp>());
        if (op == Op::FORUP) {
          cc_.jge(exit);
          cc_.add(va, 1);
        } else {
          cc_.jle(exit);
          cc_.sub(va, 1);
        }
        put_i(a, va);
        cc_.jmp(pass == 0 ? target(3) : preheaders_[head->second].label);
      }
      bind(exit);
      break;
    }
    // ---- calls
    case Op::CALL:
    case Op::CALLN:
    case Op::CALLP: call(op); break;
    case Op::CALLB: builtin(); break;
    case Op::RET:
    case Op::RETI:
    case Op::RETF:
    case Op::RETS: ret(op); break;
    // ---- program memory
    case Op::LD8S:
    case Op::LD8U:
    case Op::LD16S:
    case Op::LD16U:
    case Op::LD32S:
    case Op::LD32U:
    case Op::LD64: {
      uint32_t size = op == Op::LD64 ? 8 : (op == Op::LD32S || op == Op::LD32U) ? 4 : (op == Op::LD16S || op == Op::LD16U) ? 2 : 1;
      x86::Mem m;
      checked_address(w(2), imm(3), size, &m);
      x86::Gp d = di(w(1));
      switch (op) {
        case Op::LD8S:
        case Op::LD16S: cc_.movsx(d, m); break;
        case Op::LD32S: cc_.movsxd(d, m); break;
        case Op::LD8U:
        case Op::LD16U: cc_.movzx(d.r32(), m); break;
        case Op::LD32U: cc_.mov(d.r32(), m); break;
        default: cc_.mov(d, m); break;
      }
      put_i(w(1), d);
      break;
    }
    case Op::LDF32:
    case Op::LDF64: {
      x86::Mem m;
      checked_address(w(2), imm(3), op == Op::LDF32 ? 4 : 8, &m);
      x86::Xmm d = df(w(1));
      if (op == Op::LDF64) {
        cc_.movsd(d, m);
      } else {
        cc_.movss(d, m);
        cc_.cvtss2sd(d, d);
      }
      put_f(w(1), d);
      break;
    }
    case Op::ST8:
    case Op::ST16:
    case Op::ST32:
    case Op::ST64: {
      uint32_t size = op == Op::ST64 ? 8 : op == Op::ST32 ? 4 : op == Op::ST16 ? 2 : 1;
      x86::Mem m;
      if (konst(w(1)) && fits_i32(konst_[w(1)])) {  // a constant is stored as an immediate
        checked_address(w(2), imm(3), size, &m);
        int64_t k = konst_[w(1)];
        if (size == 1) k = static_cast<int8_t>(k);
        else if (size == 2) k = static_cast<int16_t>(k);
        else if (size == 4) k = static_cast<int32_t>(k);
        cc_.mov(m, Imm(k));
        break;
      }
      x86::Gp v = gi(w(1));
      checked_address(w(2), imm(3), size, &m);
      if (size == 8) cc_.mov(m, v);
      else if (size == 4) cc_.mov(m, v.r32());
      else if (size == 2) cc_.mov(m, v.r16());
      else cc_.mov(m, v.r8());
      break;
    }
    case Op::STF32:
    case Op::STF64: {
      x86::Xmm v = gf(w(1));
      x86::Mem m;
      checked_address(w(2), imm(3), op == Op::STF32 ? 4 : 8, &m);
      if (op == Op::STF64) {
        cc_.movsd(m, v);
      } else {
        x86::Xmm t = ftmp();
        cc_.cvtsd2ss(t, v);
        cc_.movss(m, t);
      }
      break;
    }
    case Op::GADDR: {  // the slot is filled at link or commit time: read it
      x86::Gp d = di(w(1));
      cc_.mov(d, reinterpret_cast<uint64_t>(&lp_.globals[w(2)]));
      cc_.mov(d, x86::qword_ptr(d));
      put_i(w(1), d);
      break;
    }
    case Op::FADDR: {
      x86::Gp d = di(w(1));
      cc_.mov(d, x86::qword_ptr(frame_, kFrameFaBase));
      if (imm(2)) cc_.add(d, static_cast<int32_t>(imm(2)));
      put_i(w(1), d);
      break;
    }
    case Op::IDX: {
      int64_t lo = lp_.kint[w(4)], hi = lp_.kint[w(5)], scale = imm(6);
      Label bad = trap(RtError::IndexRange);
      if (lo > hi) {
        cc_.jmp(bad);
        break;
      }
      x86::Gp c = gi(w(3));
      uint32_t index_vn = vn_of(w(3));
      bool proven = in_loop_range(w(3), lo, hi) ||
                    std::any_of(proven_indexes_.begin(), proven_indexes_.end(), [&](const ProvenIndex& p) {
                      return p.vn == index_vn && lo <= p.lo && p.hi <= hi;
                    });
      bool small_scale = scale == 1 || scale == 2 || scale == 4 || scale == 8;
      uint32_t shift = scale == 1 ? 0 : scale == 2 ? 1 : scale == 4 ? 2 : 3;
      x86::Gp d = di(w(1));
      // A proven index needs no rebasing: -lo * scale joins the displacement.
      int64_t base_disp = (konst(w(2)) ? konst_[w(2)] : 0) - lo * scale;
      if (proven && fits_i32(base_disp) && fits_i32(lo * scale) && fits_i32(scale) &&
          (!konst(w(2)) || (konst_[w(2)] >= 0 && base_disp >= 0))) {
        x86::Gp index = c;
        uint32_t index_shift = shift;
        if (!small_scale) {
          index = tmp();
          cc_.imul(index, c, static_cast<int32_t>(scale));
          index_shift = 0;
        }
        if (konst(w(2))) cc_.lea(d, x86::ptr_abs(static_cast<uint64_t>(base_disp), index, index_shift));
        else cc_.lea(d, x86::ptr(gi(w(2)), index, index_shift, static_cast<int32_t>(base_disp)));
        put_i(w(1), d);
        break;
      }
      // lo <= R[c] <= hi  iff  (uint64)(R[c] - lo) <= (uint64)(hi - lo)
      x86::Gp i = c;
      if (lo != 0) {
        i = tmp();
        if (fits_i32(-lo)) {
          cc_.lea(i, x86::ptr(c, static_cast<int32_t>(-lo)));
        } else {
          cc_.mov(i, c);
          x86::Gp k = tmp();
          cc_.mov(k, lo);
          cc_.sub(i, k);
        }
      }
      uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
      if (proven) {
      } else if (span <= INT32_MAX) {
        cc_.cmp(i, static_cast<int32_t>(span));
      } else {
        x86::Gp sp = tmp();
        cc_.mov(sp, span);
        cc_.cmp(i, sp);
      }
      if (!proven) {
        cc_.ja(bad);
        if (proven_indexes_.size() >= 64) proven_indexes_.clear();
        proven_indexes_.push_back({index_vn, lo, hi});
      }
      if (small_scale && konst(w(2)) && konst_[w(2)] >= 0 && fits_i32(konst_[w(2)])) {
        // A global's element: its address is a constant plus the scaled index.
        cc_.lea(d, x86::ptr_abs(static_cast<uint64_t>(konst_[w(2)]), i, shift));
      } else if (small_scale) {
        cc_.lea(d, x86::ptr(gi(w(2)), i, shift));
      } else {
        x86::Gp scaled = tmp();
        cc_.imul(scaled, i, static_cast<int32_t>(scale));
        if (konst(w(2)) && fits_i32(konst_[w(2)])) cc_.lea(d, x86::ptr(scaled, static_cast<int32_t>(konst_[w(2)])));
        else cc_.lea(d, x86::ptr(gi(w(2)), scaled));
      }
      put_i(w(1), d);
      break;
    }
    case Op::IDXR: {
      int64_t scale = imm(5);
      x86::Gp i = gi(w(3));
      Label bad = trap(RtError::IndexRange);
      cc_.cmp(i, gi(w(4)));
      cc_.ja(bad);
      cc_.test(i, i);
      cc_.js(bad);
      x86::Gp t = tmp();
      cc_.mov(t, i);
      if (scale != 1) cc_.imul(t, t, static_cast<int32_t>(scale));
      x86::Gp b = gi(w(2));
      x86::Gp d = di(w(1));
      cc_.lea(d, x86::ptr(b, t));
      put_i(w(1), d);
      break;
    }
    case Op::SLEN: string_length(); break;
    case Op::SGET: string_get(); break;
    case Op::MOVS:
    case Op::LDKS:
    case Op::C2S: string_move(op); break;
    case Op::LDS:
    case Op::STS:
    case Op::COPY:
    case Op::FINAL: via_runtime(); break;
    case Op::NEW: heap_new(); break;
    case Op::DISPOSE: heap_dispose(); break;
    case Op::SCAT:
      if (heap_inline()) string_concat();
      else via_runtime();
      break;
    case Op::SCMP:
    case Op::SSET: via_runtime(); break;
    case Op::DIDX: dynamic_index(); break;
    // ---- program control
    case Op::HALT: {
      x86::Gp st = tmpd();
      invoke(fn_imm(&rt::halt), FuncSignatureT<uint32_t, NativeCtx*, int64_t>(), {ctx_arg(), gi(w(1))}, &st);
      cc_.ret(st);
      break;
    }
    case Op::TRAP: {
      uint32_t e = w(1) < static_cast<uint32_t>(RtError::COUNT_) ? w(1) : static_cast<uint32_t>(RtError::AssertFailed);
      cc_.jmp(trap(static_cast<RtError>(e)));
      break;
    }
    case Op::UPDPT: poll(true); break;
    // ---- C support
    case Op::SEXT8:
    case Op::SEXT16:
    case Op::SEXT32:
    case Op::ZEXT8:
    case Op::ZEXT16:
    case Op::ZEXT32: {
      x86::Gp b = gi(w(2));
      x86::Gp d = di(w(1));
      switch (op) {
        case Op::SEXT8: cc_.movsx(d, b.r8()); break;
        case Op::SEXT16: cc_.movsx(d, b.r16()); break;
        case Op::SEXT32: {
          Range a = range_of(w(2));  // (a value known to fit needs no extension: i + 1 in a counted loop)
          if (!a.known || a.lo < INT32_MIN || a.hi > INT32_MAX) cc_.movsxd(d, b.r32());
          else if (d.id() != b.id()) cc_.mov(d, b);
          break;
        }
        case Op::ZEXT8: cc_.movzx(d.r32(), b.r8()); break;
        case Op::ZEXT16: cc_.movzx(d.r32(), b.r16()); break;
        default: cc_.mov(d.r32(), b.r32()); break;
      }
      put_i(w(1), d);
      break;
    }
    case Op::LDSA: {  // the literal's bytes follow its header; "" is a NUL in static data
      x86::Gp d = di(w(1));
      Label empty = cc_.newLabel(), done = cc_.newLabel();
      cc_.mov(d, reinterpret_cast<uint64_t>(&lp_.kstr[w(2)]));
      cc_.mov(d, x86::qword_ptr(d));
      cc_.test(d, d);
      cc_.jz(empty);
      cc_.add(d, static_cast<int32_t>(str::kHeader));
      cc_.jmp(done);
      bind(empty);
      cc_.mov(d, inst_.clib.empty_bytes);
      bind(done);
      put_i(w(1), d);
      break;
    }
    case Op::PADDR: {
      x86::Gp d = di(w(1));
      cc_.mov(d, lp_.proc_values[w(2)]);
      put_i(w(1), d);
      break;
    }
    default: why_ = std::string("no machine code for ") + op_info(op).name; break;
  }
}

}  // namespace

bool emit_procedure(Instance& inst, const LinkedProc& lp, x86::Compiler& cc, const CodegenOptions& options,
                    std::vector<CallSite>* call_sites, std::string* why) {
  Analysis an;
  std::vector<CalleeInfo> refs, sigs, nested;
  const Unit& unit = *lp.unit;
  const Image& img = lp.space->image;
  std::unordered_map<std::string, const Proc*> by_name;
  for (const Unit& u : img.units) by_name.emplace(u.name, &u.procs[0]);
  for (const std::string& name : unit.proc_refs) {
    auto it = by_name.find(name);
    if (it == by_name.end()) return *why = "calls " + name + ", which its image lacks", false;
    refs.push_back({static_cast<uint32_t>(it->second->sig.params.size()), it->second->sig.result});
  }
  for (const Signature& s : unit.sigs) sigs.push_back({static_cast<uint32_t>(s.params.size()), s.result});
  for (const Proc& p : unit.procs) nested.push_back({static_cast<uint32_t>(p.sig.params.size()), p.sig.result});
  if (!an.run(*lp.src, refs, sigs, nested, why)) return false;
  // asmjit's register allocation takes time that grows faster than the
  // procedure: beyond this size a compilation could pass 50 ms (measured on
  // the development machine: about 32 ms at 4,400 instructions, 270 ms at 16,500).
  if (an.instrs().size() > kMaxCompiledInstructions) {
    *why = "too large to compile in time (" + std::to_string(an.instrs().size()) + " instructions; the limit is " +
           std::to_string(kMaxCompiledInstructions) + ")";
    return false;
  }
  size_t calls = 0;
  for (const Instr& in : an.instrs())
    if (in.op == Op::CALL || in.op == Op::CALLN || in.op == Op::CALLP) calls++;
  call_sites->clear();
  call_sites->reserve(calls);
  ProcCompiler pc(inst, lp, cc, an, options, call_sites);
  return pc.emit(why);
}

}  // namespace dvm::jit
