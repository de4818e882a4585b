// The VM's public interface: verify an image, create an instance, run it.
// Errors are values; printing and exit codes are the driver's job.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vm/image.h"
#include "vm/native.h"

namespace dvm {

// Checks every rule of docs/VM.md for images (jumps land on instructions,
// operand kinds and indices in range, calls match signatures, ...).  Returns ""
// when the image is sound, else a message naming the procedure and offset:
//   "procedure fib, offset 12: jump target 7 is inside an instruction"
std::string verify_image(const Image& img);

struct VmOptions {
  uint64_t stack_bytes = 512ull << 20;   // frame area + register file + control stack budget
  uint64_t memory_bytes = 1ull << 30;    // program memory limit
  bool updatable = true;                 // false: --no-update (no safe-point polls)
  std::vector<std::string> args;         // program arguments (C argv[1..])
  // Machine code: the engine (jit/, made by make_jit_engine), how it is used,
  // and with auto, how many calls and loop iterations make a procedure hot.
  std::shared_ptr<JitEngine> jit;
  JitMode jit_mode = JitMode::Off;
  uint32_t jit_threshold = 1000;
  // Check every access against a shadow of program memory (vm/memcheck.h);
  // the program then interprets (no machine code).
  bool check_memory = false;
};

struct TraceEntry {
  std::string proc;  // "fib", "outer.inner"
  uint32_t version = 1;
  uint32_t line = 0, col = 0;
  std::string source;  // the source file of that version: its lines are that file's
};

struct RunResult {
  int exit_code = 0;            // halt(n), return from C main, 1 on a runtime error,
                                // 141 when standard output was closed (EPIPE; no message)
  bool runtime_error = false;
  std::string message;          // "division by zero"
  uint32_t line = 0, col = 0;   // position of the failing instruction
  std::string source;           // in this file: the failing procedure's version's source
  std::string detail;           // "index 11, bounds 1..10": the particulars, when known
  // Innermost first.  A very deep stack keeps its 32 innermost and 16 outermost
  // frames with one entry {proc "...", version 0, line = frames left out} between.
  std::vector<TraceEntry> trace;
};

class Instance;
void destroy_instance(Instance* inst);
struct InstanceDeleter {
  void operator()(Instance* p) const { destroy_instance(p); }
};
using InstancePtr = std::unique_ptr<Instance, InstanceDeleter>;

// One running program: its program memory, version spaces and interpreter.
// The image must have passed verify_image.  Returns null and sets *error when
// the instance cannot be created (e.g. memory cannot be reserved).
InstancePtr create_instance(const Image& img, const VmOptions& opts, std::string* error);
RunResult run_instance(Instance& inst);
// dvm run --jit-report: the JIT's account of every procedure version of the
// instance, those it was never asked to compile included.
std::string jit_report(Instance& inst);

}  // namespace dvm
