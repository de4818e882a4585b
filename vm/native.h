// What the VM knows of machine code: the calling convention between the
// interpreter and compiled procedure versions, the context machine code
// reads, and the interface of a JIT engine (jit/ implements it; the VM never
// depends on asmjit).  See docs/JIT.md.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dvm {

class Instance;
struct Frame;
struct LinkedProc;
union Value;

// The machine code of one procedure version.  `f` is the procedure's frame,
// already pushed by the caller with proc, regs, result and fa_base set and the
// arguments in f->regs[0..n); the caller has checked that the register window
// fits.  Entry 0 runs the procedure from its start (frame-area space checked
// and zeroed, registers zeroed, string parameters retained); entry k+1
// continues a running frame at bytecode offset k (a loop header or an update
// point), with every register in f->regs.  It returns when the procedure has
// returned (its result stored, its frame released; the caller pops it):
// kNativeReturned; or kNativeUnwind when the program ends under it (a runtime
// error, halt, a closed output), with the outcome in Instance::unwind; or
// kNativeNoEntry when entry names no place it can start.
struct NativeCtx;
using NativeCode = uint32_t (*)(NativeCtx* ctx, Frame* f, uint32_t entry);
constexpr uint32_t kNativeReturned = 0;
constexpr uint32_t kNativeUnwind = 1;
constexpr uint32_t kNativeNoEntry = 2;

// Indices of NativeCtx::limit by access size.
constexpr int limit_index(uint32_t size) { return size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : 3; }

// Per instance, at a fixed address for the instance's life: everything
// machine code reads without a call.  Standard layout (machine code uses
// offsetof).
struct NativeCtx {
  Instance* inst = nullptr;
  uint8_t* mem = nullptr;  // program memory's base
  // A b-byte access at addr is valid iff addr - 4096 <= limit[limit_index(b)]
  // (unsigned): the memory's size minus the null page minus b, kept current
  // by Memory::grow_to.
  uint64_t limit[4] = {0, 0, 0, 0};
  Value* regs_end = nullptr;   // end of the register file
  uint64_t fa_end = 0;         // end of the frame-area stack
  uintptr_t stack_limit = 0;   // machine code's host stack must stay above this
  // Non-zero while a request is pending: every safe point polls it.  Set from
  // any thread; the program's thread clears it when it serves requests.
  // (Update points also poll LinkedProc::update_point_poll of their version.)
  std::atomic<uint8_t> poll{0};
};

// A NativeCtx, placed below 2 GiB where the system allows (MAP_32BIT).
NativeCtx* new_native_ctx();
void delete_native_ctx(NativeCtx* ctx);
// Whether machine code may address it with a 32-bit absolute address.
inline bool native_ctx_is_low(const NativeCtx* ctx) { return reinterpret_cast<uintptr_t>(ctx) + sizeof(NativeCtx) < (uintptr_t{1} << 31); }

// What a compiled procedure version owns (its machine code); released when
// the procedure version is freed, at the retirement of its version space.
class NativeBlock {
 public:
  virtual ~NativeBlock() = default;
};

enum class JitMode : uint8_t { Off, On, Auto };

// A JIT: compiles procedure versions to machine code.  Errors are values: a
// procedure it cannot compile keeps interpreting.
class JitEngine {
 public:
  virtual ~JitEngine() = default;
  // Compiles one linked procedure version of `inst` (sets p.native and
  // p.native_block on success).  Safe to call from the program's thread and,
  // for a version space not yet committed, from the control thread.
  virtual bool compile(Instance& inst, LinkedProc& p) = 0;
  // At exit with --jit-report: what was compiled and what was not, and why;
  // `never_tried` are the procedure versions it was never asked to compile
  // ("cold (version 1)"), interpreted because `why_not_tried`.
  virtual std::string report(const std::vector<std::string>& never_tried = {},
                             const std::string& why_not_tried = "") const = 0;
  // Bytes of machine code held now (compiled versions not yet released).
  virtual size_t code_bytes_in_use() const = 0;
};

// The interpreter as machine code calls it: runs frame f (pushed as for
// NativeCode) from its start (pc null) or from pc, until it returns.
uint32_t interpret_frame(Instance& inst, Frame* f, const uint32_t* pc);

}  // namespace dvm
