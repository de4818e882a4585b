#include "jit/runtime.h"

#include <cstring>

#include "stdlib/builtins.h"
#include "vm/fault_detail.h"
#include "vm/instance.h"
#include "vm/opcodes.h"
#include "vm/ops_inline.h"
#include "vm/strings.h"

namespace dvm::jit::rt {
namespace {

Instance& instance(NativeCtx* ctx) { return *ctx->inst; }
const uint32_t* at(Frame* f, uint32_t pc) { return f->proc->code + pc; }

}  // namespace

// The error's particulars from the instruction's operands in the window, as
// the interpreter gives them.
uint32_t unwind_with_detail(Instance& inst, RtError e, Frame* f, const uint32_t* ins) {
  if (inst.error_detail.empty()) inst.error_detail = fault_detail(inst, f, ins, e);
  return unwind_error(inst, e, f, ins);
}

uint32_t raise(NativeCtx* ctx, Frame* f, uint32_t pc, uint32_t err) {
  RtError e = err < static_cast<uint32_t>(RtError::COUNT_) ? static_cast<RtError>(err) : RtError::AssertFailed;
  return unwind_with_detail(instance(ctx), e, f, at(f, pc));
}

uint32_t memory_fault(NativeCtx* ctx, Frame* f, uint32_t pc, uint64_t addr) {
  return unwind_error(instance(ctx), Memory::fault(addr), f, at(f, pc));
}

uint32_t overflow_at_call(NativeCtx* ctx, Frame* f) { return dvm::overflow_at_call(instance(ctx), f); }

uint32_t enter(NativeCtx* ctx, Frame* f) {
  Instance& inst = instance(ctx);
  const LinkedProc* p = f->proc;
  if (p->frame_size > inst.mem.frame_end() - f->fa_base) return dvm::overflow_at_call(inst, f);
  std::memset(inst.mem.at(f->fa_base), 0, p->frame_size);
  for (uint32_t r : p->s_regs)
    if (r >= p->nparams) f->regs[r].u = 0;
  for (uint32_t r : p->s_params) str::retain(inst.mem, f->regs[r].u);
  return 0;
}

namespace {

// One instruction run by ops_inline.h on the window.  One instantiation per
// opcode: machine code calls the one it needs, with no dispatch on the
// instruction (strings call these in their inner loops).
template <Op kOp>
uint32_t exec_op(NativeCtx* ctx, Frame* f, uint32_t pc) {
  Instance& inst = instance(ctx);
  const LinkedProc* p = f->proc;
  Value* R = f->regs;
  const uint32_t* ins = at(f, pc);
  RtError err = RtError::AssertFailed;
  bool ok = true;
  if constexpr (kOp == Op::MOVS) ops::movs(inst, R, ins);
  else if constexpr (kOp == Op::LDKS) ops::ldks(inst, p, R, ins);
  else if constexpr (kOp == Op::LDS) ok = ops::lds(inst, R, ins, &err);
  else if constexpr (kOp == Op::STS) ok = ops::sts(inst, R, ins, &err);
  else if constexpr (kOp == Op::COPY) ok = ops::copy(inst, p, R, ins, &err);
  else if constexpr (kOp == Op::FINAL) ok = ops::final(inst, p, R, ins, &err);
  else if constexpr (kOp == Op::NEW) ok = ops::new_block(inst, p, R, ins, &err);
  else if constexpr (kOp == Op::DISPOSE) ok = ops::dispose(inst, p, R, ins, &err);
  else if constexpr (kOp == Op::SCAT) ok = ops::scat(inst, R, ins, &err);
  else if constexpr (kOp == Op::SCMP) ok = ops::scmp(inst, R, ins, &err);
  else if constexpr (kOp == Op::SLEN) ops::slen(inst, R, ins);
  else if constexpr (kOp == Op::SGET) ok = ops::sget(inst, R, ins, &err);
  else if constexpr (kOp == Op::SSET) ok = ops::sset(inst, R, ins, &err);
  else if constexpr (kOp == Op::C2S) ops::c2s(inst, R, ins);
  else if constexpr (kOp == Op::DIDX) ok = ops::didx(inst, R, ins, &err);
  else static_assert(kOp == Op::MOVS, "no VM implementation for this instruction");
  return ok ? 0 : unwind_with_detail(inst, err, f, ins);
}

}  // namespace

ExecFn exec_for(Op op) {
  switch (op) {
#define DVM_EXEC(name) \
  case Op::name: return &exec_op<Op::name>;
    DVM_EXEC(MOVS) DVM_EXEC(LDKS) DVM_EXEC(LDS) DVM_EXEC(STS) DVM_EXEC(COPY) DVM_EXEC(FINAL) DVM_EXEC(NEW)
    DVM_EXEC(DISPOSE) DVM_EXEC(SCAT) DVM_EXEC(SCMP) DVM_EXEC(SLEN) DVM_EXEC(SGET) DVM_EXEC(SSET) DVM_EXEC(C2S)
    DVM_EXEC(DIDX)
#undef DVM_EXEC
    default: return nullptr;
  }
}

void free_string(NativeCtx* ctx, uint64_t s) { str::free_object(instance(ctx).heap, s); }

uint32_t builtin(NativeCtx* ctx, Frame* f, uint32_t pc) {
  Instance& inst = instance(ctx);
  const uint32_t* ins = at(f, pc);
  f->pc = ins;  // consistent for a safe point inside a blocking builtin
  inst.top_frame = f;
  if (kBuiltins[ins[1]](inst, f->regs + ins[2]) && !inst.quiet_stop) return 0;
  return unwind_builtin_failure(inst, f, ins);
}

uint32_t safe_point(NativeCtx* ctx, Frame* f, uint32_t pc) {
  Instance& inst = instance(ctx);
  const LinkedProc* before = f->proc;
  f->pc = at(f, pc);
  inst.top_frame = f;
  inst.fa_top = f->fa_base + before->frame_size;
  if (inst.in_safe_point && mapper_overdue(inst)) return raise(ctx, f, pc, static_cast<uint32_t>(RtError::UpdateTimeout));
  dvm::safe_point(inst);
  return f->proc != before ? kSafePointMoved : 0;
}

uint32_t resume(NativeCtx* ctx, Frame* f) {
  Instance& inst = instance(ctx);
  const LinkedProc* p = f->proc;
  if (inst.jit_mode != JitMode::Off && p->native) {
    uint32_t status = p->native(ctx, f, static_cast<uint32_t>(f->pc - p->code) + 1);
    if (status != kNativeNoEntry) return status;
  }
  return interpret_frame(inst, f, f->pc);
}

uint32_t interpret_from(NativeCtx* ctx, Frame* f, uint32_t pc) {
  f->pc = at(f, pc);
  return interpret_frame(instance(ctx), f, f->pc);
}

uint32_t call_interpreted(NativeCtx* ctx, Frame* f) { return interpret_frame(instance(ctx), f, nullptr); }

namespace {

// A call is a safe point: a pending request is served before the call reads
// its binding (so a commit here is seen by the call itself).  The caller's
// registers need not be in its window: nothing at a call reads them.
bool poll_at_call(NativeCtx* ctx, Frame* f, const CallSite* site) {
  Instance& inst = instance(ctx);
  f->pc = at(f, site->pc);
  inst.top_frame = f;
  inst.fa_top = f->fa_base + f->proc->frame_size;
  if (inst.in_safe_point && mapper_overdue(inst)) {
    unwind_error(inst, RtError::UpdateTimeout, f, at(f, site->pc));
    return false;
  }
  dvm::safe_point(inst);
  return true;
}

// Pushes callee's frame above f and runs it (the interpreter's do_call).
uint32_t push_and_run(NativeCtx* ctx, Frame* f, const CallSite* site, const LinkedProc* callee) {
  Value* args = f->regs + site->args;
  Value* nr = f->regs + f->proc->window;
  if (callee->window > static_cast<uint64_t>(ctx->regs_end - nr))
    return unwind_error(instance(ctx), RtError::StackOverflow, f, at(f, site->pc));
  for (uint32_t i = 0; i < site->nargs; i++) nr[i] = args[i];
  f->pc = site->return_pc;
  Frame* nf = f + 1;
  nf->proc = callee;
  nf->regs = nr;
  nf->result = args + site->nargs;
  nf->fa_base = f->fa_base + f->proc->frame_size;
  NativeCode code = callee->native;
  return code ? code(ctx, nf, 0) : interpret_frame(instance(ctx), nf, nullptr);
}

}  // namespace

uint32_t call(NativeCtx* ctx, Frame* f, const CallSite* site) {
  if (ctx->poll.load(std::memory_order_relaxed) && instance(ctx).opts.updatable && !poll_at_call(ctx, f, site))
    return kNativeUnwind;
  return push_and_run(ctx, f, site, site->nested ? site->nested : **site->slot);
}

uint32_t call_value(NativeCtx* ctx, Frame* f, const CallSite* site, uint64_t value) {
  if (ctx->poll.load(std::memory_order_relaxed) && instance(ctx).opts.updatable && !poll_at_call(ctx, f, site))
    return kNativeUnwind;
  const LinkedProc* callee = procedure_value(ctx, f, site->pc, value, site->sig_key);
  return callee ? push_and_run(ctx, f, site, callee) : kNativeUnwind;
}

const LinkedProc* procedure_value(NativeCtx* ctx, Frame* f, uint32_t pc, uint64_t value, uint64_t sig_key) {
  Instance& inst = instance(ctx);
  if ((value & kProcValueTagMask) != kProcValueTag) {
    unwind_error(inst, value == 0 ? RtError::NullProcCall : RtError::BadProcValue, f, at(f, pc));
    return nullptr;
  }
  uint32_t id = static_cast<uint32_t>(value);
  const LinkedProc* callee = id < inst.bindings.size() ? inst.bindings[id] : nullptr;
  if (!callee) {
    unwind_error(inst, RtError::BadProcValue, f, at(f, pc));
    return nullptr;
  }
  if (callee->sig_key != sig_key) {
    // An update changed the signature: an interprocedure may stand in for the old one.
    callee = interprocedure_for(inst, id, sig_key);
    if (!callee) unwind_error(inst, RtError::ProcSignature, f, at(f, pc));
  }
  return callee;
}

uint32_t halt(NativeCtx* ctx, int64_t code) { return unwind_exit(instance(ctx), static_cast<int>(code)); }

void return_string(NativeCtx* ctx, Frame* f, uint32_t reg) {
  Instance& inst = instance(ctx);
  const LinkedProc* p = f->proc;
  uint64_t rv = f->regs[reg].u;
  f->regs[reg].u = 0;  // the reference moves to the caller
  if (p->cleanup) dvm::release_frame(inst, p, f->regs, f->fa_base);
  uint64_t old = f->result->u;
  f->result->u = rv;
  str::release(inst.mem, inst.heap, old);
}

void release_frame(NativeCtx* ctx, Frame* f) { dvm::release_frame(instance(ctx), f->proc, f->regs, f->fa_base); }

void zero_memory(NativeCtx* ctx, uint64_t addr, uint64_t n) { std::memset(ctx->mem + addr, 0, n); }

}  // namespace dvm::jit::rt
