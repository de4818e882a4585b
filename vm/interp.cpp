// The interpreter: one dispatch loop over verified code.
//
// Dispatch is computed goto through a label table generated from opcodes.def,
// so a new opcode without a handler does not compile.  Guest calls never
// recurse on the host stack: frames live on the VM's control stack, registers
// in one contiguous register file (a callee's window starts above all of its
// caller's registers).  Safe points cost nothing while no request is pending
// (POLLTRAP is patched over them).  The loop is instantiated once per JIT mode:
// without machine code (--jit=off), calling compiled procedures (on), and
// also counting calls and loop iterations to tier up (auto).  A fourth
// instantiation, without machine code, checks every access against the
// shadow of program memory (--check-memory, vm/memcheck.h); the others' code
// does not change for it (`if constexpr`).
//
// A run executes frames from a starting frame until the frame below it (the
// floor) would become current again: main's run stops at the sentinel, a
// mapper's or a machine-code callee's at the frame that called it.
//
// Invariants the loop relies on (the verifier and the linker establish them):
// every operand is in range and of the right kind, jumps land on instructions,
// control never falls off the end of a procedure.  S registers hold 0 or the
// address of an object inside program memory.
#include <cmath>
#include <cstring>

#include "stdlib/builtins.h"
#include "vm/fault_detail.h"
#include "vm/instance.h"
#include "vm/memcheck.h"
#include "vm/native.h"
#include "vm/opcodes.h"
#include "vm/ops_inline.h"
#include "vm/strings.h"

// Register windows are a handful of slots: GCC's turning the zeroing and copying
// loops into memset/memcpy calls or vector code costs more than the plain loops
// (a fifth of fib's time).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-tree-loop-distribute-patterns", "no-tree-vectorize")
#endif

namespace dvm {

namespace {

constexpr int kTraceInner = 32;  // frames kept at each end of a very deep trace
constexpr int kTraceOuter = 16;
constexpr int kBrokenPipeStatus = 141;  // what a shell reports for a program killed by SIGPIPE

// ---- error reports

void position_of(const LinkedProc* p, const uint32_t* at, uint32_t* line, uint32_t* col) {
  uint32_t off = static_cast<uint32_t>(at - p->code);
  const std::vector<LineEntry>& lines = p->src->lines;
  size_t lo = 0, hi = lines.size();  // the last entry with pc <= off
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (lines[mid].pc <= off) lo = mid + 1;
    else hi = mid;
  }
  *line = lo ? lines[lo - 1].line : 0;
  *col = lo ? lines[lo - 1].col : 0;
}

// Each version space came from its own source file; line numbers are that file's.
const std::string& source_of_version(const Instance& inst, uint32_t version) {
  for (const auto& vs : inst.spaces)
    if (vs->number == version) return vs->image.source_path;
  return inst.spaces.front()->image.source_path;
}

TraceEntry trace_entry(const Instance& inst, const Frame* f, const uint32_t* at) {
  TraceEntry e;
  e.proc = f->proc->src->name;
  e.version = f->proc->version;
  e.source = source_of_version(inst, e.version);
  position_of(f->proc, at, &e.line, &e.col);
  return e;
}

// The active frames, innermost first; a very deep stack keeps both ends and
// one entry {"...", version 0, line = frames left out} between them.
std::vector<TraceEntry> make_trace(const Instance& inst, const Frame* top, const uint32_t* pc) {
  std::vector<TraceEntry> trace;
  const Frame* bottom = inst.frames + 1;  // frames[0] is the sentinel
  int64_t depth = top - bottom + 1;
  for (const Frame* f = top; f >= bottom; --f) {
    int64_t from_top = top - f;
    if (depth > kTraceInner + kTraceOuter + 1 && from_top == kTraceInner) {
      TraceEntry gap;
      gap.proc = "...";
      gap.version = 0;
      gap.line = static_cast<uint32_t>(depth - kTraceInner - kTraceOuter);
      trace.push_back(gap);
      f = bottom + kTraceOuter;  // continues with the outermost kTraceOuter frames
      continue;
    }
    // Below the innermost frame, pc is a return address: the call is the word before.
    trace.push_back(trace_entry(inst, f, f == top ? pc : f->pc - 1));
  }
  return trace;
}

RunResult error_result(Instance& inst, RtError err, const Frame* top, const uint32_t* pc) {
  inst.out.flush();
  RunResult r;
  r.exit_code = 1;
  r.runtime_error = true;
  r.message = rt_error_message(err);
  if (err == RtError::NilDeref && inst.spaces.back()->image.language == "c") r.message = "null pointer dereference";
  // A remote call's error is said by the remote side; other details are
  // particulars printed after the message (index and bounds, ...).
  if (err == RtError::RemoteCall && !inst.error_detail.empty()) r.message = inst.error_detail;
  else r.detail = inst.error_detail;
  inst.error_detail.clear();
  position_of(top->proc, pc, &r.line, &r.col);
  inst.error_frame = top;
  r.trace = make_trace(inst, top, pc);
  r.source = source_of_version(inst, top->proc->version);
  // Inside the built-in library: the error is where the program called it.
  for (size_t i = 0; r.line == kLibraryLine && i < r.trace.size(); i++)
    if (r.trace[i].version != 0 && r.trace[i].line != kLibraryLine) {
      r.line = r.trace[i].line;
      r.col = r.trace[i].col;
      r.source = r.trace[i].source;
    }
  return r;
}

// The program's end: what it left in standard output goes out first; a
// closed pipe then ends it as SIGPIPE would, any other failure is an error.
RunResult exit_result(Instance& inst, int code) {
  RunResult r;
  r.exit_code = code;
  if (inst.out.flush()) return r;
  r.exit_code = kBrokenPipeStatus;
  if (inst.out.error() != EPIPE && inst.out.error() != 0) {
    r.exit_code = 1;
    r.runtime_error = true;
    r.message = rt_error_message(RtError::OutputWrite);
    r.detail = std::strerror(inst.out.error());
    r.source = inst.spaces.back()->image.source_path;
  }
  return r;
}

// A quiet stop: broken output, or halt(n) run by a served remote call.
RunResult quiet_stop_result(Instance& inst) {
  if (inst.stop_code >= 0) return exit_result(inst, inst.stop_code);
  return exit_result(inst, kBrokenPipeStatus);
}

// Ends the run with an outcome other than a return: the program's end
// (a runtime error, halt, a closed output), kept in inst.unwind for whoever
// started the outermost run.
uint32_t unwind(Instance& inst, RunResult r) {
  inst.unwind = std::move(r);
  return kNativeUnwind;
}

}  // namespace

// At a return: the procedure's S registers and managed frame slots.
void release_frame(Instance& inst, const LinkedProc* p, Value* regs, uint64_t fa_base) {
  for (uint32_t r : p->s_regs) str::release(inst.mem, inst.heap, regs[r].u);
  for (const ManagedSlot& m : p->src->frame_managed) ops::release_all(inst, p->layouts, m.type, fa_base + m.offset);
}

uint32_t unwind_error(Instance& inst, RtError err, const Frame* top, const uint32_t* pc) {
  return unwind(inst, error_result(inst, err, top, pc));
}

uint32_t unwind_exit(Instance& inst, int code) { return unwind(inst, exit_result(inst, code)); }

uint32_t unwind_builtin_failure(Instance& inst, const Frame* top, const uint32_t* pc) {
  if (!inst.quiet_stop) return unwind_error(inst, inst.error, top, pc);
  return unwind(inst, quiet_stop_result(inst));
}

// A stack overflow found on entry is reported where the call is, as the
// interpreter's own calls do: in the caller, at its call instruction (the
// word before its saved return pc).
uint32_t overflow_at_call(Instance& inst, Frame* callee) {
  Frame* caller = callee - 1;
  return unwind(inst, error_result(inst, RtError::StackOverflow, caller, caller->pc - 1));
}

// Sets up a pushed frame whose arguments are in place: its window checked,
// frame area checked and zeroed, registers beyond the parameters zeroed,
// string parameters retained.  False on a stack overflow.
bool enter_frame(Instance& inst, Frame* f) {
  const LinkedProc* p = f->proc;
  if (p->window > static_cast<uint64_t>(inst.regs_end - f->regs)) return false;
  if (p->frame_size > inst.mem.frame_end() - f->fa_base) return false;
  for (uint32_t i = p->nparams; i < p->nregs; i++) f->regs[i].u = 0;
  for (uint32_t r : p->s_params) str::retain(inst.mem, f->regs[r].u);
  std::memset(inst.mem.at(f->fa_base), 0, p->frame_size);
  return true;
}

namespace {

void tier_up(Instance& inst, const LinkedProc* p);

// Runs frame F from pc until `floor` would become the current frame again.
template <JitMode kJit, bool kCheckMemory = false>
uint32_t execute(Instance& inst, Frame* F, const uint32_t* pc, Frame* const floor) {
  static_assert(!kCheckMemory || kJit == JitMode::Off, "checked accesses are the interpreter's");
  static const void* const kLabels[] = {
#define OP(name, ...) &&op_##name,
#include "vm/opcodes.def"
#undef OP
  };
  static_assert(sizeof kLabels / sizeof kLabels[0] == kNumOps, "a handler for every opcode");

  Memory& M = inst.mem;
  Heap& H = inst.heap;
  [[maybe_unused]] MemoryCheck* const mc = kCheckMemory ? inst.memcheck.get() : nullptr;
  [[maybe_unused]] NativeCtx* const ctx = &inst.native;
  uint8_t* const mem = M.base();
  const uint64_t fa_end = M.frame_end();
  // A b-byte access at addr is valid iff addr - 4096 <= lim - b (unsigned): one compare.
  uint64_t lim = M.end() - kNullPageSize;
  Value* const regs_end = inst.regs_end;
  const LinkedProc* P = F->proc;
  Value* R = F->regs;
  uint64_t fa_top = F->fa_base + P->frame_size;
  const LinkedProc* callee;
  Value rv;  // a value being returned
  RtError err;
  [[maybe_unused]] uint32_t status;

// (An opcode word may be patched by another thread, arm_polls: read atomically;
// on x86-64 a relaxed load is the plain load it always was.)
#define DISPATCH() goto* kLabels[__atomic_load_n(pc, __ATOMIC_RELAXED)]
#define NEXT(n)  \
  do {           \
    pc += (n);   \
    DISPATCH();  \
  } while (0)
#define RA (R[pc[1]])
#define RB (R[pc[2]])
#define RC (R[pc[3]])
#define RR(i) (R[pc[i]])
#define IMM(i) (static_cast<int64_t>(static_cast<int32_t>(pc[i])))
#define JUMP(i) (static_cast<int32_t>(pc[i]))  // linked code: targets are relative
#define RAISE(e)  \
  do {            \
    err = (e);    \
    goto raise;   \
  } while (0)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define CHECK_MEM(addr, size)                                                        \
  if (UNLIKELY((addr) - kNullPageSize > lim - (size))) RAISE(Memory::fault(addr)); \
  CHECK_SHADOW(addr, size)
// --check-memory: the bytes must also be addressable by the shadow (the
// frame is made current first, so the report can find the frame's locals).
#define CHECK_SHADOW(addr, size)               \
  if constexpr (kCheckMemory) {                \
    if (UNLIKELY(!mc->ok((addr), (size)))) {   \
      F->pc = pc;                              \
      inst.top_frame = F;                      \
      RAISE(mc->fault(P, pc, (addr), (size))); \
    }                                          \
  }
// --check-memory: the instruction allocating or freeing is the block's site.
#define SITE(proc, at)                                    \
  do {                                                    \
    if constexpr (kCheckMemory) mc->set_site((proc), (at)); \
  } while (0)
#define REFRESH_LIMIT() (lim = M.end() - kNullPageSize)
// Writing an S register releases what it held (the new value is already owned).
#define SET_S(slot, v)              \
  do {                              \
    uint64_t old_ = (slot).u;       \
    (slot).u = (v);                 \
    str::release(M, H, old_);       \
  } while (0)
#define LOAD(T, addr) ([&] { T v_; std::memcpy(&v_, mem + (addr), sizeof v_); return v_; }())
#define STORE(T, addr, v)                        \
  do {                                           \
    T v_ = static_cast<T>(v);                    \
    std::memcpy(mem + (addr), &v_, sizeof v_);   \
  } while (0)
// A taken back-edge (pc at its target): with the JIT, a hot loop may enter
// machine code here (on-stack entry).
#define TAKE_BACK_EDGE()                  \
  do {                                    \
    if constexpr (kJit == JitMode::Off) { \
      DISPATCH();                         \
    } else {                              \
      goto back_edge;                     \
    }                                     \
  } while (0)

  DISPATCH();

  // ---- moves and constants
op_NOP:
  NEXT(1);
op_MOVI:
op_MOVF:
  RA = RB;
  NEXT(3);
op_MOVS:
  ops::movs(inst, R, pc);
  NEXT(3);
op_LDI:
  RA.i = IMM(2);
  NEXT(3);
op_LDK:
  RA.i = P->kint[pc[2]];
  NEXT(3);
op_LDKF:
  RA.f = P->kreal[pc[2]];
  NEXT(3);
op_LDKS:
  ops::ldks(inst, P, R, pc);
  NEXT(3);
  // ---- integer arithmetic (wrapping: computed unsigned)
op_ADD:
  RA.u = RB.u + RC.u;
  NEXT(4);
op_SUB:
  RA.u = RB.u - RC.u;
  NEXT(4);
op_MUL:
  RA.u = RB.u * RC.u;
  NEXT(4);
op_DIV: {
  int64_t d = RC.i;
  if (UNLIKELY(d == 0)) RAISE(RtError::DivByZero);
  RA.u = d == -1 ? 0 - RB.u : static_cast<uint64_t>(RB.i / d);  // INT64_MIN div -1 wraps
  NEXT(4);
}
op_MOD: {
  int64_t d = RC.i;
  if (UNLIKELY(d == 0)) RAISE(RtError::ModByZero);
  RA.i = d == -1 ? 0 : RB.i % d;  // C++ % truncates: the sign of the dividend, as Pascal
  NEXT(4);
}
op_ADDK:
  RA.u = RB.u + static_cast<uint64_t>(IMM(3));
  NEXT(4);
op_MULK:
  RA.u = RB.u * static_cast<uint64_t>(IMM(3));
  NEXT(4);
op_NEG:
  RA.u = 0 - RB.u;
  NEXT(3);
op_AND:
  RA.u = RB.u & RC.u;
  NEXT(4);
op_OR:
  RA.u = RB.u | RC.u;
  NEXT(4);
op_XOR:
  RA.u = RB.u ^ RC.u;
  NEXT(4);
op_NOT:
  RA.u = ~RB.u;
  NEXT(3);
op_LNOT:
  RA.i = RB.i == 0;
  NEXT(3);
op_SHL:
  RA.u = RB.u << (RC.u & 63);
  NEXT(4);
op_SHR:
  RA.u = RB.u >> (RC.u & 63);
  NEXT(4);
op_SAR:
  RA.i = RB.i >> (RC.u & 63);
  NEXT(4);
op_EQ:
  RA.i = RB.i == RC.i;
  NEXT(4);
op_NE:
  RA.i = RB.i != RC.i;
  NEXT(4);
op_LT:
  RA.i = RB.i < RC.i;
  NEXT(4);
op_LE:
  RA.i = RB.i <= RC.i;
  NEXT(4);
op_ABS:
  RA.u = RB.i < 0 ? 0 - RB.u : RB.u;
  NEXT(3);
op_CHKRNG:
  if (UNLIKELY(RA.i < P->kint[pc[2]] || RA.i > P->kint[pc[3]])) RAISE(RtError::ValueRange);
  NEXT(4);

  // ---- reals
op_FADD:
  RA.f = RB.f + RC.f;
  NEXT(4);
op_FSUB:
  RA.f = RB.f - RC.f;
  NEXT(4);
op_FMUL:
  RA.f = RB.f * RC.f;
  NEXT(4);
op_FDIV:
  if (UNLIKELY(RC.f == 0.0)) RAISE(RtError::DivByZero);
  RA.f = RB.f / RC.f;
  NEXT(4);
op_FNEG:
  RA.f = -RB.f;
  NEXT(3);
op_FABS:
  RA.f = std::fabs(RB.f);
  NEXT(3);
op_FEQ:
  RA.i = RB.f == RC.f;
  NEXT(4);
op_FNE:
  RA.i = RB.f != RC.f;
  NEXT(4);
op_FLT:
  RA.i = RB.f < RC.f;
  NEXT(4);
op_FLE:
  RA.i = RB.f <= RC.f;
  NEXT(4);
op_I2F:
  RA.f = static_cast<double>(RB.i);
  NEXT(3);
op_FTRUNC: {
  double x = RB.f;
  if (UNLIKELY(!(x >= -0x1p63 && x < 0x1p63))) RAISE(RtError::RealToInt);  // NaN fails too
  RA.i = static_cast<int64_t>(x);
  NEXT(3);
}
op_FROUND: {
  double x = __builtin_rint(RB.f);  // the default rounding mode: half to even, as fpc
  if (UNLIKELY(!(x >= -0x1p63 && x < 0x1p63))) RAISE(RtError::RealToInt);
  RA.i = static_cast<int64_t>(x);
  NEXT(3);
}

  // ---- branches
op_JMP:
  pc += JUMP(1);
  DISPATCH();
op_JT:
  pc += RA.i != 0 ? JUMP(2) : 3;
  DISPATCH();
op_JF:
  pc += RA.i == 0 ? JUMP(2) : 3;
  DISPATCH();
op_JEQ:
  pc += RA.i == RB.i ? JUMP(3) : 4;
  DISPATCH();
op_JNE:
  pc += RA.i != RB.i ? JUMP(3) : 4;
  DISPATCH();
op_JLT:
  pc += RA.i < RB.i ? JUMP(3) : 4;
  DISPATCH();
op_JLE:
  pc += RA.i <= RB.i ? JUMP(3) : 4;
  DISPATCH();
op_LOOP:
  pc += JUMP(1);
  TAKE_BACK_EDGE();
op_FORUP:
  if (RA.i < RB.i) {  // so the increment cannot overflow
    RA.i++;
    pc += JUMP(3);
    TAKE_BACK_EDGE();
  }
  NEXT(4);
op_FORDN:
  if (RA.i > RB.i) {
    RA.i--;
    pc += JUMP(3);
    TAKE_BACK_EDGE();
  }
  NEXT(4);
back_edge: __attribute__((unused));
  if constexpr (kJit != JitMode::Off) {
    if (kJit == JitMode::Auto && !P->native && ++P->hotness >= inst.jit_threshold) tier_up(inst, P);
    if (UNLIKELY(P->native != nullptr)) {
      F->pc = pc;
      status = P->native(ctx, F, static_cast<uint32_t>(pc - P->code) + 1);
      if (status == kNativeNoEntry) DISPATCH();
      if (status != kNativeReturned) return status;
      goto returned;  // machine code ran the procedure to its return
    }
  }
  DISPATCH();

  // ---- calls
op_CALL:
  callee = *P->callees[pc[1]];
  goto do_call;
op_CALLN:
  callee = &P->nested[pc[1]];
  goto do_call;
do_call: {
  Value* args = R + pc[2];
  Value* nr = R + P->window;  // above all of the caller's registers
  // One compare: the control stack has a frame for every register slot.
  if (UNLIKELY(callee->window > static_cast<uint64_t>(regs_end - nr))) RAISE(RtError::StackOverflow);
  if constexpr (kJit != JitMode::Off) {
    if (kJit == JitMode::Auto && !callee->native && ++callee->hotness >= inst.jit_threshold) tier_up(inst, callee);
    if (callee->native) {  // machine code runs it to its return (host recursion)
      const uint32_t np = callee->nparams;
      for (uint32_t i = 0; i < np; i++) nr[i] = args[i];
      F->pc = pc + 3;
      Frame* nf = F + 1;
      nf->proc = callee;
      nf->regs = nr;
      nf->result = args + np;
      nf->fa_base = fa_top;
      status = callee->native(ctx, nf, 0);
      if (UNLIKELY(status != kNativeReturned)) return status;
      REFRESH_LIMIT();
      NEXT(3);
    }
  }
  const uint32_t nregs = callee->nregs, np = callee->nparams, fs = callee->frame_size;
  if (callee->slow_entry) {
    if (UNLIKELY(fs > fa_end - fa_top)) RAISE(RtError::StackOverflow);
    std::memset(mem + fa_top, 0, fs);
    for (uint32_t r : callee->s_params) str::retain(M, args[r].u);
  }
  for (uint32_t i = 0; i < np; i++) nr[i] = args[i];
  for (uint32_t i = np; i < nregs; i++) nr[i].u = 0;
  F->pc = pc + 3;
  ++F;
  F->proc = callee;
  F->regs = nr;
  F->result = args + np;
  F->fa_base = fa_top;
  fa_top += fs;
  if constexpr (kCheckMemory) {
    if (!callee->src->frame_guards.empty()) mc->enter_frame(F->fa_base, callee);
  }
  P = callee;
  R = nr;
  pc = P->code;
  DISPATCH();
}
op_CALLB:
  F->pc = pc;  // consistent for a safe point inside a blocking builtin
  inst.top_frame = F;
  SITE(P, pc);
  // (quiet_stop after a success: a call served while it waited ran halt)
  if (UNLIKELY(!kBuiltins[pc[1]](inst, R + pc[2]) || inst.quiet_stop)) goto builtin_failed;
  SITE(nullptr, nullptr);
  REFRESH_LIMIT();
  NEXT(3);
op_RETI:
op_RETF:
  rv = RA;
  if (P->cleanup) release_frame(inst, P, R, F->fa_base);
  *F->result = rv;
  goto do_pop;
op_RETS: {
  rv = RA;
  RA.u = 0;  // the reference moves to the caller
  if (P->cleanup) release_frame(inst, P, R, F->fa_base);
  uint64_t old = F->result->u;
  *F->result = rv;
  str::release(M, H, old);
  goto do_pop;
}
op_RET:
  if (P->cleanup) release_frame(inst, P, R, F->fa_base);
  goto do_pop;
do_pop:
returned: __attribute__((unused));
  if constexpr (kCheckMemory) {
    if (!P->src->frame_guards.empty()) mc->leave_frame(F->fa_base, P->frame_size);
  }
  fa_top = F->fa_base;
  if (UNLIKELY(--F == floor)) {
    inst.fa_top = fa_top;
    return kNativeReturned;
  }
  P = F->proc;
  R = F->regs;
  pc = F->pc;
  REFRESH_LIMIT();  // (after machine code, which may have grown memory)
  DISPATCH();

  // ---- program memory
op_LD8S: {
  uint64_t addr = RB.u + IMM(3);
  CHECK_MEM(addr, 1);
  RA.i = static_cast<int8_t>(mem[addr]);
  NEXT(4);
}
op_LD8U: {
  uint64_t addr = RB.u + IMM(3);
  CHECK_MEM(addr, 1);
  RA.i = mem[addr];
  NEXT(4);
}
op_LD16S: {
  uint64_t addr = RB.u + IMM(3);
  CHECK_MEM(addr, 2);
  RA.i = LOAD(int16_t, addr);
  NEXT(4);
}
op_LD16U: {
  uint64_t addr = RB.u + IMM(3);
  CHECK_MEM(addr, 2);
  RA.i = LOAD(uint16_t, addr);
  NEXT(4);
}
op_LD32S: {
  uint64_t addr = RB.u + IMM(3);
  CHECK_MEM(addr, 4);
  RA.i = LOAD(int32_t, addr);
  NEXT(4);
}
op_LD32U: {
  uint64_t addr = RB.u + IMM(3);
  CHECK_MEM(addr, 4);
  RA.i = LOAD(uint32_t, addr);
  NEXT(4);
}
op_LD64: {
  uint64_t addr = RB.u + IMM(3);
  CHECK_MEM(addr, 8);
  RA.i = LOAD(int64_t, addr);
  NEXT(4);
}
op_LDF32: {
  uint64_t addr = RB.u + IMM(3);
  CHECK_MEM(addr, 4);
  RA.f = LOAD(float, addr);
  NEXT(4);
}
op_LDF64: {
  uint64_t addr = RB.u + IMM(3);
  CHECK_MEM(addr, 8);
  RA.f = LOAD(double, addr);
  NEXT(4);
}
op_LDS:
  if constexpr (kCheckMemory) {
    uint64_t addr = RB.u + IMM(3);
    if (M.valid(addr, 8)) CHECK_SHADOW(addr, 8)
  }
  if (UNLIKELY(!ops::lds(inst, R, pc, &err))) goto raise;
  NEXT(4);
op_ST8: {
  uint64_t addr = RB.u + IMM(3);
  CHECK_MEM(addr, 1);
  mem[addr] = static_cast<uint8_t>(RA.u);
  NEXT(4);
}
op_ST16: {
  uint64_t addr = RB.u + IMM(3);
  CHECK_MEM(addr, 2);
  STORE(uint16_t, addr, RA.u);
  NEXT(4);
}
op_ST32: {
  uint64_t addr = RB.u + IMM(3);
  CHECK_MEM(addr, 4);
  STORE(uint32_t, addr, RA.u);
  NEXT(4);
}
op_ST64: {
  uint64_t addr = RB.u + IMM(3);
  CHECK_MEM(addr, 8);
  STORE(uint64_t, addr, RA.u);
  NEXT(4);
}
op_STF32: {
  uint64_t addr = RB.u + IMM(3);
  CHECK_MEM(addr, 4);
  STORE(float, addr, RA.f);
  NEXT(4);
}
op_STF64: {
  uint64_t addr = RB.u + IMM(3);
  CHECK_MEM(addr, 8);
  STORE(double, addr, RA.f);
  NEXT(4);
}
op_STS:
  if constexpr (kCheckMemory) {
    uint64_t addr = RB.u + IMM(3);
    if (M.valid(addr, 8)) CHECK_SHADOW(addr, 8)
  }
  if (UNLIKELY(!ops::sts(inst, R, pc, &err))) goto raise;
  NEXT(4);
op_GADDR:
  RA.u = P->globals[pc[2]];
  NEXT(3);
op_FADDR:
  RA.u = F->fa_base + static_cast<uint64_t>(IMM(2));
  NEXT(3);
op_IDX: {
  int64_t i = RC.i, lo = P->kint[pc[4]], hi = P->kint[pc[5]];
  if (UNLIKELY(i < lo || i > hi)) RAISE(RtError::IndexRange);
  RA.u = RB.u + (static_cast<uint64_t>(i) - static_cast<uint64_t>(lo)) * static_cast<uint64_t>(IMM(6));
  NEXT(7);
}
op_IDXR: {  // open arrays: the bound is a register
  uint64_t i = RC.u;
  if (UNLIKELY(i > RR(4).u || RC.i < 0)) RAISE(RtError::IndexRange);
  RA.u = RB.u + i * static_cast<uint64_t>(IMM(5));
  NEXT(6);
}
op_COPY:
  if constexpr (kCheckMemory) {
    uint64_t size = P->layouts[pc[3]].size;
    if (M.valid(RB.u, size)) CHECK_SHADOW(RB.u, size)
    if (M.valid(RA.u, size)) CHECK_SHADOW(RA.u, size)
  }
  if (UNLIKELY(!ops::copy(inst, P, R, pc, &err))) goto raise;
  NEXT(4);
op_FINAL:
  if constexpr (kCheckMemory) {
    uint64_t size = P->layouts[pc[2]].size;
    if (M.valid(RA.u, size)) CHECK_SHADOW(RA.u, size)
  }
  if (UNLIKELY(!ops::final(inst, P, R, pc, &err))) goto raise;
  NEXT(3);
op_NEW:
  SITE(P, pc);
  if (UNLIKELY(!ops::new_block(inst, P, R, pc, &err))) goto raise;
  SITE(nullptr, nullptr);
  REFRESH_LIMIT();
  NEXT(3);
op_DISPOSE:
  SITE(P, pc);
  if (UNLIKELY(!ops::dispose(inst, P, R, pc, &err))) goto raise;
  SITE(nullptr, nullptr);
  NEXT(3);
  // ---- strings
op_SCAT:
  if (UNLIKELY(!ops::scat(inst, R, pc, &err))) goto raise;
  REFRESH_LIMIT();
  NEXT(4);
op_SCMP:
  if (UNLIKELY(!ops::scmp(inst, R, pc, &err))) goto raise;
  NEXT(4);
op_SLEN:
  ops::slen(inst, R, pc);
  NEXT(3);
op_DIDX:
  if (UNLIKELY(!ops::didx(inst, R, pc, &err))) goto raise;
  NEXT(5);
op_SGET:
  if (UNLIKELY(!ops::sget(inst, R, pc, &err))) goto raise;
  NEXT(4);
op_SSET:
  if (UNLIKELY(!ops::sset(inst, R, pc, &err))) goto raise;
  REFRESH_LIMIT();
  NEXT(4);
op_C2S:
  ops::c2s(inst, R, pc);
  NEXT(3);
  // ---- program control
op_HALT: {
  int code_ = static_cast<int>(RA.i);
  inst.fa_top = fa_top;
  return unwind(inst, exit_result(inst, code_));
}
op_TRAP: {
  uint32_t e = pc[1];
  RAISE(e < static_cast<uint32_t>(RtError::COUNT_) ? static_cast<RtError>(e) : RtError::AssertFailed);
}
op_UPDPT:
  NEXT(2);

  // ---- safe points.  The fast path checks nothing: while a request is
  // pending, the opcode word of every safe point of live code (back-edges,
  // calls, update points) is overwritten with POLLTRAP (see arm_polls).  The
  // request is served here, before the instruction, which then runs as
  // written (its opcode is still in the image's code).  A call is thus polled
  // before it reads its binding, so a commit here is seen by the call itself.
op_POLLTRAP:
  F->pc = pc;
  inst.fa_top = fa_top;
  inst.top_frame = F;
  if (UNLIKELY(inst.in_safe_point) && mapper_overdue(inst)) RAISE(RtError::UpdateTimeout);
  safe_point(inst);
  F = inst.top_frame;
  pc = F->pc;
  P = F->proc;
  R = F->regs;
  fa_top = inst.fa_top;
  REFRESH_LIMIT();
  goto* kLabels[P->src->code[pc - P->code]];

  // ---- C support
op_SEXT8:
  RA.i = static_cast<int8_t>(RB.u);
  NEXT(3);
op_SEXT16:
  RA.i = static_cast<int16_t>(RB.u);
  NEXT(3);
op_SEXT32:
  RA.i = static_cast<int32_t>(RB.u);
  NEXT(3);
op_ZEXT8:
  RA.u = static_cast<uint8_t>(RB.u);
  NEXT(3);
op_ZEXT16:
  RA.u = static_cast<uint16_t>(RB.u);
  NEXT(3);
op_ZEXT32:
  RA.u = static_cast<uint32_t>(RB.u);
  NEXT(3);
// Operands are normalized for the width, so its MIN is the sign-extended
// minimum; x / -1 is done as a negation so the host never divides MIN by -1.
op_CDIV: {
  int64_t d = RC.i, n = RB.i;
  if (UNLIKELY(static_cast<uint64_t>(d) + 1 <= 1)) {  // 0 or -1
    if (d == 0) RAISE(RtError::DivByZero);
    if (n == (pc[4] == 32 ? INT32_MIN : INT64_MIN)) RAISE(RtError::IntOverflow);
    RA.u = 0 - RB.u;
    NEXT(5);
  }
  RA.i = n / d;
  NEXT(5);
}
op_CMOD: {
  int64_t d = RC.i, n = RB.i;
  if (UNLIKELY(static_cast<uint64_t>(d) + 1 <= 1)) {
    if (d == 0) RAISE(RtError::DivByZero);
    if (n == (pc[4] == 32 ? INT32_MIN : INT64_MIN)) RAISE(RtError::IntOverflow);
    RA.i = 0;
    NEXT(5);
  }
  RA.i = n % d;
  NEXT(5);
}
op_UDIV:
  if (UNLIKELY(RC.u == 0)) RAISE(RtError::DivByZero);
  RA.u = RB.u / RC.u;
  NEXT(4);
op_UMOD:
  if (UNLIKELY(RC.u == 0)) RAISE(RtError::DivByZero);
  RA.u = RB.u % RC.u;
  NEXT(4);
op_LTU:
  RA.i = RB.u < RC.u;
  NEXT(4);
op_LEU:
  RA.i = RB.u <= RC.u;
  NEXT(4);
op_JLTU:
  pc += RA.u < RB.u ? JUMP(3) : 4;
  DISPATCH();
op_JLEU:
  pc += RA.u <= RB.u ? JUMP(3) : 4;
  DISPATCH();
op_FDIVC:
  RA.f = RB.f / RC.f;
  NEXT(4);
op_F2I: {
  double x = RB.f;
  RA.i = x >= -0x1p63 && x < 0x1p63 ? static_cast<int64_t>(x) : INT64_MIN;  // NaN fails the test
  NEXT(3);
}
op_U2F:
  RA.f = static_cast<double>(RB.u);
  NEXT(3);
op_FSINGLE:
  RA.f = static_cast<float>(RB.f);
  NEXT(3);
op_LDSA: {
  uint64_t s = P->kstr[pc[2]];  // the literal's object: its bytes follow the header
  RA.u = s ? s + str::kHeader : inst.clib.empty_bytes;
  NEXT(3);
}
op_PADDR:
  RA.u = P->proc_values[pc[2]];
  NEXT(3);
op_CALLP: {  // the value names a binding slot; the slot's current procedure is called
  uint64_t v = RA.u;
  if (UNLIKELY((v & kProcValueTagMask) != kProcValueTag))
    RAISE(v == 0 ? RtError::NullProcCall : RtError::BadProcValue);
  uint32_t id = static_cast<uint32_t>(v);
  if (UNLIKELY(id >= inst.bindings.size() || !inst.bindings[id])) RAISE(RtError::BadProcValue);
  callee = inst.bindings[id];
  if (UNLIKELY(callee->sig_key != P->sig_keys[pc[2]])) {
    // An update changed the signature: an interprocedure may stand in for the old one.
    callee = interprocedure_for(inst, id, P->sig_keys[pc[2]]);
    if (!callee) RAISE(RtError::ProcSignature);
  }
  ++pc;  // do_call reads the block at pc[2] and returns to pc + 3: CALLP is one word longer
  goto do_call;
}

builtin_failed:
  inst.fa_top = fa_top;
  if (inst.quiet_stop) return unwind(inst, quiet_stop_result(inst));
  err = inst.error;
  goto raise;

raise:
  inst.fa_top = fa_top;
  // The failing instruction's operands are in the register window here.
  if (inst.error_detail.empty()) inst.error_detail = fault_detail(inst, F, pc, err);
  return unwind(inst, error_result(inst, err, F, pc));

#undef DISPATCH
#undef NEXT
#undef RA
#undef RB
#undef RC
#undef RR
#undef IMM
#undef JUMP
#undef RAISE
#undef UNLIKELY
#undef CHECK_MEM
#undef CHECK_SHADOW
#undef SITE
#undef REFRESH_LIMIT
#undef SET_S
#undef LOAD
#undef STORE
#undef TAKE_BACK_EDGE
}

uint32_t run_frame(Instance& inst, Frame* f, const uint32_t* pc, Frame* floor) {
  if (inst.memcheck) return execute<JitMode::Off, true>(inst, f, pc, floor);
  switch (inst.jit_mode) {
    case JitMode::On: return execute<JitMode::On>(inst, f, pc, floor);
    case JitMode::Auto: return execute<JitMode::Auto>(inst, f, pc, floor);
    default: return execute<JitMode::Off>(inst, f, pc, floor);
  }
}

// The first time a procedure version is hot enough (or, with --jit=on, before
// it first runs): machine code from now on, unless it cannot be compiled.
void tier_up(Instance& inst, const LinkedProc* p) {
  LinkedProc* mp = const_cast<LinkedProc*>(p);  // linked procedures are owned mutable by their unit
  if (mp->jit_tried || !inst.jit) return;
  mp->jit_tried = true;
  inst.jit->compile(inst, *mp);
}

}  // namespace

// Runs the program: main on an empty stack above the sentinel frames[0],
// entered like any call (window and frame area checked, zeroed).
RunResult interpret(Instance& inst) {
  if (inst.opts.updatable && inst.native.poll.load(std::memory_order_relaxed)) arm_polls(inst);  // a request before the start
  Frame* sentinel = inst.frames;
  const LinkedProc* main = inst.main;
  sentinel->proc = main;
  sentinel->pc = main->code;
  sentinel->regs = inst.regs;
  sentinel->result = &inst.main_value;
  sentinel->fa_base = inst.fa_top;
  Frame* f = sentinel + 1;
  *f = *sentinel;
  inst.main_value.i = 0;
  if (main->nparams == 2) {  // C's main(argc, argv) (the verifier allows no other)
    f->regs[0].i = inst.clib.argc;
    f->regs[1].u = inst.clib.argv;
  }
  if (!enter_frame(inst, f)) return error_result(inst, RtError::StackOverflow, f, main->code);
  if (inst.memcheck) inst.memcheck->enter_frame(f->fa_base, main);
  if (inst.jit_mode == JitMode::On) tier_up(inst, main);
  bool native = inst.jit_mode != JitMode::Off && main->native;
  uint32_t status = native ? main->native(&inst.native, f, 0) : run_frame(inst, f, main->code, sentinel);
  if (status != kNativeReturned) return inst.unwind;
  // (not inst.main->result: main may have moved to a later version and the
  // space of the one it started in been retired)
  return exit_result(inst, inst.main_result == Kind::I ? static_cast<int>(inst.main_value.i) : 0);
}

uint32_t interpret_frame(Instance& inst, Frame* f, const uint32_t* pc) {
  if (!pc && inst.jit_mode == JitMode::Auto) {
    // A call from machine code counts toward tier-up as the interpreter's own calls do.
    const LinkedProc* p = f->proc;
    if (++p->hotness >= inst.jit_threshold) tier_up(inst, p);
    if (p->native) return p->native(&inst.native, f, 0);
  }
  if (!pc) {
    if (!enter_frame(inst, f)) return overflow_at_call(inst, f);
    if (inst.memcheck) inst.memcheck->enter_frame(f->fa_base, f->proc);
    pc = f->proc->code;
  }
  return run_frame(inst, f, pc, f - 1);
}

// Runs without safe points: a mapper runs inside a commit (polls are disarmed
// and nothing arms them while the commit holds the update lock).
bool call_procedure(Instance& inst, const LinkedProc* proc, const Value* args, Value* result, RunResult* error) {
  Frame* top = inst.top_frame;
  Frame* f = top + 1;
  if (f + 1 >= inst.frames_end) {
    error->runtime_error = true;
    error->message = rt_error_message(RtError::StackOverflow);
    return false;
  }
  uint64_t saved_fa = inst.fa_top;
  f->proc = proc;
  f->pc = proc->code;
  f->regs = top->regs + top->proc->window;
  f->result = result;
  // The innermost frame's area ends the frame-area stack (inst.fa_top is only
  // current at polls, not inside a blocking builtin).
  f->fa_base = top->fa_base + top->proc->frame_size;
  uint32_t status = kNativeUnwind;
  if (proc->window <= static_cast<uint64_t>(inst.regs_end - f->regs)) {
    for (uint32_t i = 0; i < proc->nparams; i++) f->regs[i] = args[i];
    if (inst.jit_mode == JitMode::On) tier_up(inst, proc);
    if (inst.jit_mode != JitMode::Off && proc->native) status = proc->native(&inst.native, f, 0);
    else status = interpret_frame(inst, f, nullptr);
  } else {
    inst.unwind = error_result(inst, RtError::StackOverflow, top, top->pc);
  }
  inst.top_frame = top;
  inst.fa_top = saved_fa;
  if (status == kNativeReturned) return true;
  // The program goes on (a served remote call failed, a mapper failed): the
  // strings its abandoned frames held are released as their returns would
  // have.  Every frame from f up to the failing one was entered, so its
  // registers are zero or owned.  (halt ends the program: nothing to do.)
  if (inst.unwind.runtime_error && inst.error_frame)
    for (const Frame* fr = inst.error_frame; fr >= f; --fr)
      if (fr->proc->cleanup) release_frame(inst, fr->proc, fr->regs, fr->fa_base);
  inst.error_frame = nullptr;
  *error = inst.unwind;
  inst.unwind = RunResult();
  if (!error->runtime_error) error->message = "the procedure stopped the program (halt or exit)";
  return false;
}

}  // namespace dvm
