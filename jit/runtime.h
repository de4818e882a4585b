// The functions machine code calls: everything that is more than a few
// instructions, or that must see the VM's state (errors, safe points,
// builtins, the interpreter).  Each takes the context and the frame it runs
// for; `pc` is the word offset of the instruction in the frame's procedure.
// Those returning uint32_t return 0 to go on, or kNativeUnwind once the
// program's end is in Instance::unwind.
#pragma once
#include <cstdint>

#include "vm/native.h"

namespace dvm {
enum class Op : uint8_t;
struct Frame;
struct LinkedProc;
union Value;
}  // namespace dvm

namespace dvm::jit {

// A call instruction of a compiled procedure, as rt::call needs it.
struct CallSite {
  LinkedProc** const* slot = nullptr;  // CALL: the call site's binding slot (rewired by updates)
  const LinkedProc* nested = nullptr;  // CALLN: the nested routine
  uint64_t sig_key = 0;                // CALLP: the signature the call expects
  uint32_t args = 0, nargs = 0;        // the argument block in the caller's window
  uint32_t pc = 0;                     // the call instruction (errors)
  const uint32_t* return_pc = nullptr; // the caller's pc while the callee runs (traces)
};

}  // namespace dvm::jit

namespace dvm::jit::rt {

// The runtime error `err` at instruction pc.
uint32_t raise(NativeCtx* ctx, Frame* f, uint32_t pc, uint32_t err);
// A checked access at program address `addr` failed.
uint32_t memory_fault(NativeCtx* ctx, Frame* f, uint32_t pc, uint64_t addr);
// Entry 0 found no room for the frame: a stack overflow at the caller's call.
uint32_t overflow_at_call(NativeCtx* ctx, Frame* f);
// Entry 0's rarer work: the frame area checked and zeroed, string parameters
// retained, string registers beyond the parameters zeroed.
uint32_t enter(NativeCtx* ctx, Frame* f);
// The VM's own implementation of one instruction the code generator leaves
// to it (vm/ops_inline.h: strings, managed values, the heap), run on the
// frame's window; null for an instruction it does not implement.
using ExecFn = uint32_t (*)(NativeCtx* ctx, Frame* f, uint32_t pc);
ExecFn exec_for(Op op);
// CALLB at pc (arguments and result in the window).
uint32_t builtin(NativeCtx* ctx, Frame* f, uint32_t pc);
// A safe point with a request pending.  0: go on here; kNativeUnwind; or
// kSafePointMoved: the frame moved to a newer version (continue with resume).
constexpr uint32_t kSafePointMoved = 2;
uint32_t safe_point(NativeCtx* ctx, Frame* f, uint32_t pc);
// Runs a frame that moved at an update point to its return, in the new
// version's machine code or in the interpreter.
uint32_t resume(NativeCtx* ctx, Frame* f);
// A call (CALL, CALLN): pushes the callee's frame above f, with the
// arguments from f's window, and runs it to its return.
uint32_t call(NativeCtx* ctx, Frame* f, const CallSite* site);
// CALLP: the same for the procedure a procedure value names.
uint32_t call_value(NativeCtx* ctx, Frame* f, const CallSite* site, uint64_t value);
// The interpreter runs frame f on from instruction pc to its return (machine
// code whose assumptions a safe point broke: a loop variable a mapper moved).
uint32_t interpret_from(NativeCtx* ctx, Frame* f, uint32_t pc);
// Entry 0 of a procedure version without machine code: the interpreter runs it.
uint32_t call_interpreted(NativeCtx* ctx, Frame* f);
// CALLP: the procedure a procedure value names, checked against the
// signature key the call site expects; null after an unwind.
const LinkedProc* procedure_value(NativeCtx* ctx, Frame* f, uint32_t pc, uint64_t value, uint64_t sig_key);
uint32_t halt(NativeCtx* ctx, int64_t code);
// RETS a: the result string moves to the caller (and the frame is released).
void return_string(NativeCtx* ctx, Frame* f, uint32_t reg);
void release_frame(NativeCtx* ctx, Frame* f);
// The last reference to string object s went away (its count is already 0).
void free_string(NativeCtx* ctx, uint64_t s);
// Zeroes n bytes of program memory at addr (large frame areas).
void zero_memory(NativeCtx* ctx, uint64_t addr, uint64_t n);

}  // namespace dvm::jit::rt
