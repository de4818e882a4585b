// Bytecode of one procedure version to x86-64 machine code (asmjit's
// Compiler: virtual registers, its register allocator).  See docs/JIT.md.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <asmjit/x86.h>

#include "jit/runtime.h"

namespace dvm {
class Instance;
struct LinkedProc;
}  // namespace dvm

namespace dvm::jit {

// Procedures with more bytecode instructions than this keep interpreting.
constexpr size_t kMaxCompiledInstructions = 8000;

struct CodegenOptions {
  // VM registers in the frame's register window instead of machine
  // registers: no register allocation across the procedure (huge procedures,
  // whose allocation would take too long).
  bool registers_in_memory = false;
  // Teaching view: a comment "@<pc>" before each instruction's code.
  bool mark_instructions = false;
};

// Emits the procedure's function into `cc` (attached to a CodeHolder).
// The code refers to `call_sites` (one per call instruction), which must
// live as long as the code.  False, with *why, when the procedure uses
// something not compiled.
bool emit_procedure(Instance& inst, const LinkedProc& lp, asmjit::x86::Compiler& cc, const CodegenOptions& options,
                    std::vector<CallSite>* call_sites, std::string* why);

}  // namespace dvm::jit
