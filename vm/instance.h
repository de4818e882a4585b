// One running program: program memory, heap, linked code, the register file
// and control stack, standard input and output.  Internal to vm/ and stdlib/
// (and white-box tests); the public API is vm/vm.h.
#pragma once
#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "vm/errors.h"
#include "vm/heap.h"
#include "vm/image.h"
#include "vm/interp_managed.h"
#include "vm/io.h"
#include "vm/memory.h"
#include "vm/vm.h"

namespace dvm {

// One register: an I, F or S value (S: a string reference, 0 = '').
union Value {
  int64_t i;
  uint64_t u;
  double f;
};
static_assert(sizeof(Value) == 8, "registers are 8-byte slots");

// A procedure ready to run: the image's Proc with everything the interpreter
// needs resolved to pointers.  The hot fields (CALL/RET) come first.
struct LinkedProc {
  const uint32_t* code = nullptr;  // `linked_code`: jump targets made pc-relative
  uint32_t window = 1;       // register slots a frame occupies: max(nregs, 1)
  uint32_t nregs = 0;
  uint32_t nparams = 0;
  uint32_t frame_size = 0;   // rounded up to 16
  bool cleanup = false;      // S registers or managed frame slots to release on return
  bool retain_params = false;  // S parameters take a reference on entry
  bool slow_entry = false;   // retain_params or frame_size > 0: the call's rare work
  Kind result = Kind::V;
  LinkedProc** const* callees = nullptr;  // PRC k -> binding slot (one indirection, never baked)
  LinkedProc* nested = nullptr;           // SUB k -> nested[k] (the unit's procs)
  const int64_t* kint = nullptr;
  const double* kreal = nullptr;
  const uint64_t* kstr = nullptr;      // string constants: addresses of immortal objects
  const uint64_t* globals = nullptr;   // GLB k -> address
  const TypeLayout* layouts = nullptr; // TYP t -> layout
  const std::vector<TypeDesc>* types = nullptr;  // TYP t -> description (enum names)
  std::vector<uint32_t> s_regs;        // every S register (released on return)
  std::vector<uint32_t> s_params;      // S parameters (retained on entry)
  const Proc* src = nullptr;           // name, line table, ...
  uint32_t version = 1;                // the version space it belongs to
  // The code as run: the image's words, except that each jump target (an
  // absolute word offset) is replaced by its distance from the instruction, so
  // a jump is `pc += target` and the loop needs no code base register.
  // Offsets are unchanged, so line tables and traces use them as they are.
  std::vector<uint32_t> linked_code;
};

struct LinkedUnit {
  std::vector<LinkedProc> procs;
  std::vector<LinkedProc**> callees;
  std::vector<uint64_t> kstr;
  std::vector<uint64_t> globals;
};

// Everything one loaded image brought: version 1 is the image `run` started.
struct VersionSpace {
  uint32_t number = 1;
  Image image;
  std::vector<TypeLayout> layouts;
  std::vector<LinkedUnit> units;
};

// An entry of the control stack: one active procedure.  frames[0] is a
// sentinel under main whose code is one pseudo-instruction that ends the run,
// so a return never tests for the bottom of the stack.
struct Frame {
  const LinkedProc* proc;
  const uint32_t* pc;  // saved: the next instruction (after a CALL) while not innermost
  Value* regs;         // register window
  Value* result;       // where RETx stores (the caller's R[b+n])
  uint64_t fa_base;    // frame-area base address
};

class Instance {
 public:
  VmOptions opts;
  Memory mem;
  Heap heap;

  std::vector<std::unique_ptr<VersionSpace>> spaces;
  // The binding table: one slot per top-level procedure name.  A deque, so
  // slot addresses stay put when later versions add names.
  std::deque<LinkedProc*> bindings;
  std::unordered_map<std::string, uint32_t> binding_ids;
  const LinkedProc* main = nullptr;
  uint64_t one_char[256] = {};  // immortal one-character strings (C2S never allocates)
  // Where string literals already placed live, so equal literals share one object.
  std::unordered_map<std::string, uint64_t> literals;
  uint64_t static_top = 0;       // next free byte of static data while linking

  // The register file and control stack (host memory, reserved lazily).  The
  // control stack has a frame for every register slot (each frame occupies at
  // least one), so checking the register file alone detects overflow.
  Value* regs = nullptr;
  Value* regs_end = nullptr;
  uint64_t regs_bytes = 0;
  Frame* frames = nullptr;
  Frame* frames_end = nullptr;
  uint64_t frames_bytes = 0;
  uint64_t fa_top = 0;  // top of the frame-area stack (program memory)
  // The innermost frame while a builtin or a safe point runs (its pc saved);
  // a safe point may change the frame (an update moving it), and the
  // interpreter reloads its state from here afterwards.
  Frame* top_frame = nullptr;

  Waiter waiter;
  Output out;
  Input in;
  uint64_t rng_state = 0x853c49e6748fea9bull;

  // Set (from any thread) to make the interpreter stop at its next safe point.
  std::atomic<bool> poll_flag{false};

  // Raised by builtins and helpers: a runtime error, or a quiet stop (broken output).
  RtError error = RtError::AssertFailed;
  bool quiet_stop = false;

  bool finished = false;
  RunResult result;

  Instance() = default;
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;
  ~Instance();

  // Helpers return false after recording what went wrong.
  bool fail(RtError e) {
    error = e;
    return false;
  }
  bool stop_quietly() {
    quiet_stop = true;
    return false;
  }
};

// The interpreter (vm/interp.cpp): runs main to completion.
RunResult interpret(Instance& inst);
// The safe point: a pending update would commit here (nothing yet).
void safe_point(Instance& inst);

// ---- test hooks
// Redirects the program's standard input and output (before run_instance).
void instance_set_stdio(Instance& inst, int in_fd, int out_fd);
inline uint64_t instance_live_heap_blocks(const Instance& inst) { return inst.heap.live_blocks(); }

}  // namespace dvm
