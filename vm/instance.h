// One running program: program memory, heap, linked code, the register file
// and control stack, standard input and output.  Internal to vm/ and stdlib/
// (and white-box tests); the public API is vm/vm.h.
#pragma once
#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "vm/bindings.h"
#include "vm/errors.h"
#include "vm/heap.h"
#include "vm/image.h"
#include "vm/interp_managed.h"
#include "vm/io.h"
#include "vm/textfiles.h"
#include "vm/memory.h"
#include "vm/native.h"
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
struct VersionSpace;
class MemoryCheck;

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
  const uint64_t* sig_keys = nullptr;     // SIG k -> signature key (CALLP)
  const uint64_t* proc_values = nullptr;  // PRC k -> procedure value (PADDR)
  uint64_t sig_key = 0;                   // of its own signature (top-level procedures)
  std::vector<uint32_t> s_regs;        // every S register (released on return)
  std::vector<uint32_t> s_params;      // S parameters (retained on entry)
  const Proc* src = nullptr;           // name, line table, ...
  const Unit* unit = nullptr;          // the unit it belongs to (callees' signatures)
  const VersionSpace* space = nullptr; // the version space it belongs to
  uint32_t version = 1;                // that space's number
  // The code as run: the image's words, except that each jump target (an
  // absolute word offset) is replaced by its distance from the instruction, so
  // a jump is `pc += target` and the loop needs no code base register.
  // Offsets are unchanged, so line tables and traces use them as they are.
  std::vector<uint32_t> linked_code;
  // Offsets of the safe points (back-edges, calls, update points): where a
  // pending request patches POLLTRAP over the opcode (arm_polls).
  std::vector<uint32_t> poll_sites;
  // Machine code (vm/native.h), once compiled: it replaces the interpreter
  // for calls of this version and at its loop headers.
  NativeCode native = nullptr;
  std::shared_ptr<NativeBlock> native_block;
  bool jit_tried = false;         // compiled once at most (or found not compilable)
  // Non-zero while a frame of this version waits to move at an update point:
  // its update points poll (machine code reads it; see arm_update_points).
  uint8_t update_point_poll = 0;
  mutable uint32_t hotness = 0;   // --jit=auto: calls and loop iterations so far
};

struct LinkedUnit {
  std::vector<LinkedProc> procs;
  std::vector<LinkedProc**> callees;
  std::vector<uint64_t> kstr;
  std::vector<uint64_t> globals;
  std::vector<uint64_t> sig_keys;     // Unit::sigs as signature keys
  std::vector<uint64_t> proc_values;  // Unit::proc_refs as procedure values
};

// A procedure value (C function pointer) names a procedure by its binding
// slot, so a call through it reaches the current version: the slot's id under
// a tag in the high half, never a valid address and never 0.
constexpr uint64_t kProcValueTag = 0x5dc0fe0000000000ull;
constexpr uint64_t kProcValueTagMask = 0xffffffff00000000ull;
inline uint64_t proc_value(uint32_t binding) { return kProcValueTag | binding; }

// State of the C library (stdlib/c*.cpp).
struct CLibState {
  int32_t rand_state[31] = {};  // glibc's TYPE_3 additive feedback generator
  int rand_front = 3, rand_rear = 0;
  bool rand_seeded = false;     // false: as after srand(1)
  int64_t argc = 0;             // main(argc, argv)
  uint64_t argv = 0;
  uint64_t empty_bytes = 0;     // LDSA of "": a NUL byte in static data
  // getenv's answers: the block holding each variable's value (the same
  // pointer for the same value, as glibc's stay put).
  std::map<std::string, std::pair<std::string, uint64_t>> environment;
};

// Everything one loaded image brought: version 1 is the image `run` started.
struct VersionSpace {
  uint32_t number = 1;
  Image image;
  std::vector<TypeLayout> layouts;
  std::vector<LinkedUnit> units;  // a unit shared with an earlier space has no procs here
  std::string source;     // the image or source file it came from
  std::string loaded_at;  // ISO 8601 UTC
  // Call-site slots of this space redirected to interprocedures (UPDATE.md 6);
  // a deque so the slots stay put.
  std::deque<LinkedProc*> adapters;
  // Units by name, built when first needed (the update engine's lookups).
  std::unordered_map<std::string, size_t> unit_index;
};

struct UpdateState;  // vm/update.cpp
class RemoteRuntime;  // vm/remote.h
std::shared_ptr<UpdateState> make_update_state();

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
  // --check-memory: the shadow of program memory (null otherwise).  After
  // the heap, so it is destroyed first and unhooks itself from the heap.
  std::unique_ptr<MemoryCheck> memcheck;

  std::vector<std::unique_ptr<VersionSpace>> spaces;
  // The binding table: one slot per top-level procedure name (vm/bindings.h).
  BindingTable bindings;
  std::unordered_map<std::string, uint32_t> binding_ids;
  const LinkedProc* main = nullptr;  // the main the run starts with (its space may retire later)
  Kind main_result = Kind::V;        // whether main returns the exit status (C)
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
  Output err;  // standard error: unbuffered (flushed after every write)
  Input in;
  CLibState clib;
  TextFiles files;  // Pascal's text files
  // Set by a builtin before it fails: the particulars printed after the
  // message, or for RtError::RemoteCall the message itself (what the remote
  // side said).
  std::string error_detail;
  uint64_t rng_state = 0x853c49e6748fea9bull;

  // Pending updates, snapshots for status (vm/update.cpp).
  std::shared_ptr<UpdateState> updates = make_update_state();

  // What machine code reads; `native.poll` is set (from any thread) to make
  // the program stop at its next safe point.  In the low 2 GiB of the
  // address space when the system allows, so machine code reaches it with
  // 32-bit absolute addresses (no register).
  NativeCtx& native;
  JitMode jit_mode = JitMode::Off;
  uint32_t jit_threshold = 1000;  // --jit=auto: calls + loop iterations before a procedure is compiled
  std::shared_ptr<JitEngine> jit;
  // How the program ended when the end unwinds machine code or nested runs
  // (a runtime error, halt, a closed output): the outermost run returns it.
  RunResult unwind;
  Value main_value;  // main's result (C's exit status)
  bool in_safe_point = false;  // (a mapper's code runs inside one: no nested safe points)
  // While mappers run: the update's deadline (monotonic ns; 0 otherwise) and
  // whether it has passed.  Every safe point of a mapper's code is polled
  // then; once overdue, the next one (or a sleep) fails with UpdateTimeout,
  // which abandons the update (its globals restored, its bindings undone).
  int64_t mapper_deadline_ns = 0;
  std::atomic<bool> mapper_overdue{false};

  // Remote procedures (vm/remote.h): null unless the program was started as a node.
  RemoteRuntime* remote = nullptr;
  // A node of a cluster is updated only with its cluster (vm/cluster.h):
  // a local `dvm update` is refused with this reason.
  std::string local_updates_refused;

  // Raised by builtins and helpers: a runtime error, or a quiet stop: broken
  // output (stop_code -1: exit status 141), or a served remote call that
  // ended the program with halt/exit (its status).
  RtError error = RtError::AssertFailed;
  bool quiet_stop = false;
  int stop_code = -1;
  // The innermost frame of the last runtime error: call_procedure releases
  // what the frames of a failed call held, up to it.
  const Frame* error_frame = nullptr;

  bool finished = false;
  RunResult result;

  Instance();
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
  // Standard output broke: a closed pipe ends the program quietly; any
  // other cause is a runtime error that names it.
  bool output_failed();
  // The program ends with `code` at its next builtin's return (a served
  // call ran halt(code)); every idle wait returns meanwhile.
  void stop_with(int code) {
    quiet_stop = true;
    stop_code = code;
    waiter.request_stop();
  }
};

// ---- linking (vm/instance.cpp), shared by start-up and the update engine
std::vector<uint32_t> relative_jumps(const std::vector<uint32_t>& code);
void link_proc(const VersionSpace& vs, const Unit& unit, LinkedUnit& lu, const Proc& p, LinkedProc* lp);
uint32_t binding_id(Instance& inst, const std::string& name);
// The address of an immortal string object for text (0 for ''), shared by equal texts.
uint64_t literal(Instance& inst, const std::string& text);
// Fills LinkedUnit::sig_keys and proc_values (needs the unit's binding slots)
// and points the unit's procedures at them.
void link_proc_values(Instance& inst, const VersionSpace& vs, const Unit& unit, LinkedUnit& lu);
// Stores the relocations of a global placed at `addr` (globals: every global's address).
void apply_relocs(Instance& inst, const Global& g, uint64_t addr,
                  const std::unordered_map<std::string, uint64_t>& globals);

// Safe points cost nothing while no request is pending: a request overwrites
// the opcode of every safe point of live code with POLLTRAP; the interpreter
// thread restores them once nothing is pending.  Call with the update lock
// held (or before the run).  request_poll also sets native.poll (for an
// instance without updating support it does nothing else).
void arm_polls(Instance& inst);
// The same for the code of one version space (one not yet the instance's).
void arm_space_polls(VersionSpace& vs);
void disarm_polls(Instance& inst);
// Frames waiting to move at an update point: polls at the update points of
// these procedure versions only (the program's thread, in a safe point).
void arm_update_points(Instance& inst, const std::vector<LinkedProc*>& procs);
void request_poll(Instance& inst);

// The interpreter (vm/interp.cpp): runs main to completion.
RunResult interpret(Instance& inst);
// Sets up a frame pushed with its arguments (window and frame area checked,
// area and non-parameter registers zeroed, string parameters retained);
// false on a stack overflow.
bool enter_frame(Instance& inst, Frame* f);
// Ends the run with a stack overflow at the call that pushed `callee`.
uint32_t overflow_at_call(Instance& inst, Frame* callee);
// The program's other ends, kept in inst.unwind; each returns kNativeUnwind.
uint32_t unwind_error(Instance& inst, RtError err, const Frame* top, const uint32_t* pc);
uint32_t unwind_exit(Instance& inst, int code);                                   // halt(n)
uint32_t unwind_builtin_failure(Instance& inst, const Frame* top, const uint32_t* pc);  // after a builtin returned false
// At a return: releases the procedure's S registers and managed frame slots.
void release_frame(Instance& inst, const LinkedProc* p, Value* regs, uint64_t fa_base);
// Runs proc(args) above the innermost frame, without safe points (mappers run
// inside a commit).  False, with *error, when it fails or halts.
bool call_procedure(Instance& inst, const LinkedProc* proc, const Value* args, Value* result, RunResult* error);
// The safe point (vm/update.cpp): pending updates commit here, on the
// interpreter thread, with inst.top_frame the innermost frame.
void safe_point(Instance& inst);
// At a safe point or a sleep of a mapper's code: whether the update's
// timeout has passed (the caller then fails with RtError::UpdateTimeout).
bool mapper_overdue(Instance& inst);
// The program sleeps until deadline_ns (monotonic), serving requests; in a
// mapper's code no later than the update's deadline, where it fails with
// UpdateTimeout (false).
inline bool sleep_in_program(Instance& inst, int64_t deadline_ns) {
  if (inst.in_safe_point && inst.mapper_deadline_ns != 0 && deadline_ns >= inst.mapper_deadline_ns) {
    inst.waiter.sleep_until(inst.mapper_deadline_ns);
    return inst.fail(RtError::UpdateTimeout);
  }
  inst.waiter.sleep_until(deadline_ns);
  return true;
}
// The interprocedure that stands in for binding `id` called with the signature
// whose key is `sig_key` (a function pointer taken before an update changed the
// signature), or null (vm/update.cpp).
const LinkedProc* interprocedure_for(Instance& inst, uint32_t id, uint64_t sig_key);
// Every interprocedure committed for procedure `name`, oldest first
// (vm/update.cpp; on the interpreter thread).
std::vector<const LinkedProc*> interprocedures_of(Instance& inst, const std::string& name);
// Start-up of the update engine: the addresses of version 1's globals.
void updates_init(Instance& inst, const std::unordered_map<std::string, uint64_t>& globals);

// ---- test hooks
// Redirects the program's standard input and output (before run_instance).
void instance_set_stdio(Instance& inst, int in_fd, int out_fd);
// Redirects the program's standard error (stderr of C programs).
void instance_set_stderr(Instance& inst, int err_fd);
inline uint64_t instance_live_heap_blocks(const Instance& inst) { return inst.heap.live_blocks(); }

}  // namespace dvm
