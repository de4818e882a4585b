// Creating an instance: program memory and its static data, the heap, linking
// the image into version space 1, the register file and control stack.
#include "vm/instance.h"

#include <cerrno>
#include <cstring>

#include <ucontext.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <new>

#include "vm/memcheck.h"
#include "vm/opcodes.h"
#include "vm/strings.h"
#include "vm/update.h"

namespace dvm {
namespace {

constexpr uint64_t kMinStackPart = 64 * 1024;

uint64_t align_up(uint64_t v, uint64_t a) { return a <= 1 ? v : (v + a - 1) / a * a; }

// How the --stack budget is shared: the frame area gets half, the register file
// and the control stack the other half (the control stack, one 40-byte frame
// per 8-byte register slot, takes five sixths of it).  By default that is
// about 2.2 million frames of a small procedure.
struct StackSplit {
  uint64_t frame_area, registers;
};
StackSplit split_stack(uint64_t stack_bytes) {
  uint64_t half = std::min<uint64_t>(stack_bytes, uint64_t{1} << 42) / 2;
  return {std::max(half, kMinStackPart), std::max(half / 6, kMinStackPart)};
}

// ---- static data: globals in image order, then string literals

void collect_literals(const Image& img, std::vector<std::string>* out) {
  for (const Global& g : img.globals) {
    for (const StringInit& s : g.init_strings) out->push_back(s.value);
    for (const Reloc& r : g.relocs)
      if (r.kind == RelocKind::StringBytes) out->push_back(r.target);
  }
  for (const Unit& u : img.units) out->insert(out->end(), u.kstr.begin(), u.kstr.end());
}

uint64_t static_size(const Image& img) {
  uint64_t size = 0, max_align = 8;
  for (const Global& g : img.globals) {
    const TypeDesc& t = img.types[g.type];
    size = align_up(size, t.align) + t.size;
    max_align = std::max<uint64_t>(max_align, t.align);
  }
  size += max_align;  // static data starts page-aligned; a larger alignment may shift it
  size = align_up(size, 8);
  std::vector<std::string> lits;
  collect_literals(img, &lits);
  for (const std::string& s : lits) size += str::object_size(s.size());
  return size + 256 * str::object_size(1) + 16;  // 16: the NUL byte LDSA gives for ""
}

// The address of an immortal object for text (0 for ''), placed in static data once.
}  // namespace

uint64_t literal(Instance& inst, const std::string& text) {
  if (text.empty()) return 0;
  auto it = inst.literals.find(text);
  if (it != inst.literals.end()) return it->second;
  uint64_t size = str::object_size(text.size());
  uint64_t addr = inst.static_top;
  if (addr + size <= inst.mem.static_end()) {
    inst.static_top += size;
  } else {
    // Literals of later versions: static data is full, the heap holds them (never freed).
    addr = inst.heap.alloc(size, false);
    if (addr == 0) return 0;
  }
  str::place_immortal(inst.mem, addr, text);
  inst.literals.emplace(text, addr);
  return addr;
}

namespace {

// Lays out and initializes the globals; returns their addresses by name.
std::unordered_map<std::string, uint64_t> place_globals(Instance& inst, const Image& img) {
  std::unordered_map<std::string, uint64_t> where;
  uint64_t at = inst.mem.static_begin();
  for (const Global& g : img.globals) {
    const TypeDesc& t = img.types[g.type];
    at = align_up(at, t.align);
    where[g.name] = at;
    if (!g.init.empty()) std::memcpy(inst.mem.at(at), g.init.data(), std::min<size_t>(g.init.size(), t.size));
    at += t.size;
  }
  inst.static_top = align_up(at, 8);
  for (const Global& g : img.globals)
    for (const StringInit& s : g.init_strings) inst.mem.store<uint64_t>(where[g.name] + s.offset, literal(inst, s.value));
  for (int c = 0; c < 256; c++) inst.one_char[c] = literal(inst, std::string(1, static_cast<char>(c)));
  inst.clib.empty_bytes = inst.static_top;  // a zero byte of static data
  inst.static_top += 16;
  for (const Global& g : img.globals) apply_relocs(inst, g, where[g.name], where);
  return where;
}

}  // namespace

// C initializers that hold addresses.  Targets were checked by the verifier;
// a literal that cannot be placed (memory exhausted) leaves the slot NULL.
void apply_relocs(Instance& inst, const Global& g, uint64_t addr,
                  const std::unordered_map<std::string, uint64_t>& globals) {
  for (const Reloc& r : g.relocs) {
    uint64_t v = 0;
    switch (r.kind) {
      case RelocKind::GlobalAddress: {
        auto it = globals.find(r.target);
        v = it == globals.end() ? 0 : it->second + static_cast<uint64_t>(r.addend);
        break;
      }
      case RelocKind::StringBytes: {
        uint64_t s = literal(inst, r.target);
        uint64_t bytes = r.target.empty() ? inst.clib.empty_bytes : s ? s + str::kHeader : 0;
        v = bytes ? bytes + static_cast<uint64_t>(r.addend) : 0;
        break;
      }
      case RelocKind::ProcValue:
        v = proc_value(binding_id(inst, r.target));
        break;
    }
    inst.mem.store<uint64_t>(addr + r.offset, v);
  }
}

// ---- linking (also used by the update engine for later version spaces)

// Copies the code with jump targets turned into distances from their instruction.
std::vector<uint32_t> relative_jumps(const std::vector<uint32_t>& code) {
  std::vector<uint32_t> out = code;
  for (size_t pc = 0; pc < code.size();) {
    if (code[pc] >= static_cast<uint32_t>(kNumOps)) break;  // (verified images never stop here)
    const OpInfo& info = op_info(static_cast<Op>(code[pc]));
    if (pc + 1 + info.num_operands > code.size()) break;
    for (int i = 0; i < info.num_operands; i++)
      if (info.operands[i] == Operand::TGT)
        out[pc + 1 + i] = static_cast<uint32_t>(static_cast<int32_t>(code[pc + 1 + i]) - static_cast<int32_t>(pc));
    pc += 1 + info.num_operands;
  }
  return out;
}

namespace {
std::vector<uint32_t> safe_points_of(const std::vector<uint32_t>& code) {
  std::vector<uint32_t> sites;
  for (size_t pc = 0; pc < code.size();) {
    if (code[pc] >= static_cast<uint32_t>(kNumOps)) break;
    Op op = static_cast<Op>(code[pc]);
    switch (op) {
      case Op::LOOP: case Op::FORUP: case Op::FORDN: case Op::CALL: case Op::CALLN: case Op::CALLP:
      case Op::UPDPT:
        sites.push_back(static_cast<uint32_t>(pc));
        break;
      default:
        break;
    }
    pc += static_cast<size_t>(op_size(op));
  }
  return sites;
}

// The interpreter may be reading these words while another thread writes
// them: each is one aligned 32-bit store, seen whole.
void set_poll_site(LinkedProc& lp, uint32_t site, bool armed) {
  __atomic_store_n(&lp.linked_code[site], armed ? static_cast<uint32_t>(Op::POLLTRAP) : lp.src->code[site],
                   __ATOMIC_RELAXED);
}

void set_poll_sites(Instance& inst, bool armed) {
  for (auto& vs : inst.spaces)
    for (LinkedUnit& lu : vs->units)
      for (LinkedProc& lp : lu.procs) {
        for (uint32_t site : lp.poll_sites) set_poll_site(lp, site, armed);
        lp.update_point_poll = 0;
      }
}
}  // namespace

void arm_polls(Instance& inst) { set_poll_sites(inst, true); }
void arm_space_polls(VersionSpace& vs) {
  for (LinkedUnit& lu : vs.units)
    for (LinkedProc& lp : lu.procs)
      for (uint32_t site : lp.poll_sites) set_poll_site(lp, site, true);
}
void disarm_polls(Instance& inst) { set_poll_sites(inst, false); }

void arm_update_points(Instance& inst, const std::vector<LinkedProc*>& procs) {
  for (LinkedProc* lp : procs) {
    for (uint32_t site : lp->poll_sites)
      if (lp->src->code[site] == static_cast<uint32_t>(Op::UPDPT)) set_poll_site(*lp, site, true);
    lp->update_point_poll = 1;
  }
}

void request_poll(Instance& inst) {
  inst.native.poll.store(1, std::memory_order_relaxed);
  if (inst.opts.updatable) arm_polls(inst);
}

void link_proc(const VersionSpace& vs, const Unit& unit, LinkedUnit& lu, const Proc& p, LinkedProc* lp) {
  lp->linked_code = relative_jumps(p.code);
  lp->poll_sites = safe_points_of(p.code);
  lp->code = lp->linked_code.data();
  lp->nregs = static_cast<uint32_t>(p.regs.size());
  lp->window = std::max<uint32_t>(lp->nregs, 1);
  lp->nparams = static_cast<uint32_t>(p.sig.params.size());
  lp->frame_size = static_cast<uint32_t>(align_up(p.frame_size, 16));
  lp->result = p.sig.result;
  for (uint32_t r = 0; r < lp->nregs; r++) {
    if (p.regs[r] != Kind::S) continue;
    lp->s_regs.push_back(r);
    if (r < lp->nparams) lp->s_params.push_back(r);
  }
  lp->cleanup = !lp->s_regs.empty() || !p.frame_managed.empty();
  lp->retain_params = !lp->s_params.empty();
  lp->slow_entry = lp->retain_params || lp->frame_size > 0;
  lp->callees = lu.callees.data();
  lp->nested = lu.procs.data();
  lp->kint = unit.kint.data();
  lp->kreal = unit.kreal.data();
  lp->kstr = lu.kstr.data();
  lp->globals = lu.globals.data();
  lp->layouts = vs.layouts.data();
  if (&p == &unit.procs[0]) lp->sig_key = signature_key(vs.image, p.sig);  // what CALLP checks
  lp->types = &vs.image.types;
  lp->src = &p;
  lp->unit = &unit;
  lp->space = &vs;
  lp->version = vs.number;
}

uint32_t binding_id(Instance& inst, const std::string& name) {
  auto [it, fresh] = inst.binding_ids.emplace(name, static_cast<uint32_t>(inst.bindings.size()));
  if (fresh) inst.bindings.push_back(nullptr);
  return it->second;
}

void link_proc_values(Instance& inst, const VersionSpace& vs, const Unit& unit, LinkedUnit& lu) {
  lu.sig_keys.clear();
  for (const Signature& s : unit.sigs) lu.sig_keys.push_back(signature_key(vs.image, s));
  lu.proc_values.clear();
  for (const std::string& name : unit.proc_refs) lu.proc_values.push_back(proc_value(binding_id(inst, name)));
  for (LinkedProc& lp : lu.procs) {
    lp.sig_keys = lu.sig_keys.data();
    lp.proc_values = lu.proc_values.data();
  }
}

namespace {

bool link_space(Instance& inst, VersionSpace& vs, const std::unordered_map<std::string, uint64_t>& globals,
                std::string* error) {
  const Image& img = vs.image;
  vs.units.resize(img.units.size());
  for (size_t u = 0; u < img.units.size(); u++) {
    const Unit& unit = img.units[u];
    LinkedUnit& lu = vs.units[u];
    lu.procs.resize(unit.procs.size());
    for (const std::string& s : unit.kstr) lu.kstr.push_back(literal(inst, s));
    for (const std::string& g : unit.global_refs) {
      auto it = globals.find(g);
      if (it == globals.end()) {
        *error = "procedure " + unit.name + " refers to undefined global " + g;
        return false;
      }
      lu.globals.push_back(it->second);
    }
    for (size_t k = 0; k < unit.procs.size(); k++) link_proc(vs, unit, lu, unit.procs[k], &lu.procs[k]);
    inst.bindings[binding_id(inst, unit.name)] = &lu.procs[0];
  }
  // Call sites resolve to binding slots once every unit has one.
  for (size_t u = 0; u < img.units.size(); u++) {
    for (const std::string& name : img.units[u].proc_refs) {
      auto it = inst.binding_ids.find(name);
      if (it == inst.binding_ids.end()) {
        *error = "procedure " + img.units[u].name + " calls undefined procedure " + name;
        return false;
      }
      vs.units[u].callees.push_back(&inst.bindings[it->second]);
    }
    for (LinkedProc& lp : vs.units[u].procs) lp.callees = vs.units[u].callees.data();
    link_proc_values(inst, vs, img.units[u], vs.units[u]);
  }
  return true;
}

bool setup_stacks(Instance& inst, const StackSplit& split, std::string* error) {
  inst.regs_bytes = split.registers;
  // A frame per register slot, and the sentinel: the register check covers both.
  inst.frames_bytes = (split.registers / sizeof(Value) + 2) * sizeof(Frame);
  inst.regs = static_cast<Value*>(reserve_host(inst.regs_bytes));
  inst.frames = static_cast<Frame*>(reserve_host(inst.frames_bytes));
  if (!inst.regs || !inst.frames) {
    *error = "cannot reserve the stack";
    return false;
  }
  inst.regs_end = inst.regs + inst.regs_bytes / sizeof(Value);
  inst.frames_end = inst.frames + inst.frames_bytes / sizeof(Frame);
  inst.fa_top = inst.mem.frame_begin();
  return true;
}

// C's main(argc, argv): argv[0] is the program's path, then VmOptions::args,
// then NULL; the strings are writable heap blocks, as C allows.
bool build_argv(Instance& inst, std::string* error) {
  std::vector<std::string> args{inst.spaces[0]->image.source_path};
  args.insert(args.end(), inst.opts.args.begin(), inst.opts.args.end());
  uint64_t argv = inst.heap.alloc(8 * (args.size() + 1), true);
  for (size_t i = 0; argv && i < args.size(); i++) {
    uint64_t s = inst.heap.alloc(args[i].size() + 1, false);
    if (!s) argv = 0;
    if (!argv) break;
    std::memcpy(inst.mem.at(s), args[i].c_str(), args[i].size() + 1);
    inst.mem.store<uint64_t>(argv + 8 * i, s);
  }
  if (!argv) {
    *error = "no memory for the program's arguments";
    return false;
  }
  inst.clib.argc = static_cast<int64_t>(args.size());
  inst.clib.argv = argv;
  return true;
}

void wake_hook(void* ctx) { safe_point(*static_cast<Instance*>(ctx)); }

// What machine code reads, and with --jit=on, every procedure compiled before
// the program starts (one that cannot be compiled interprets).
void setup_native(Instance& inst) {
  NativeCtx& n = inst.native;
  n.inst = &inst;
  n.mem = inst.mem.base();
  n.regs_end = inst.regs_end;
  n.fa_end = inst.mem.frame_end();
  inst.mem.publish_limits(n.limit);
  inst.jit = inst.opts.jit;
  inst.jit_mode = inst.jit ? inst.opts.jit_mode : JitMode::Off;
  inst.jit_threshold = std::max<uint32_t>(inst.opts.jit_threshold, 1);
  if (inst.jit_mode != JitMode::On) return;
  for (LinkedUnit& lu : inst.spaces[0]->units)
    for (LinkedProc& lp : lu.procs) {
      lp.jit_tried = true;
      inst.jit->compile(inst, lp);
    }
}

}  // namespace

NativeCtx* new_native_ctx() {
  constexpr size_t kBytes = (sizeof(NativeCtx) + 4095) / 4096 * 4096;
  void* p = mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
  if (p == MAP_FAILED) p = mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  return new (p) NativeCtx();
}

void delete_native_ctx(NativeCtx* ctx) {
  ctx->~NativeCtx();
  munmap(ctx, (sizeof(NativeCtx) + 4095) / 4096 * 4096);
}

Instance::Instance() : native(*new_native_ctx()) {}

Instance::~Instance() {
  release_host(regs, regs_bytes);
  release_host(frames, frames_bytes);
  delete_native_ctx(&native);
}

void instance_set_stdio(Instance& inst, int in_fd, int out_fd) {
  inst.out.init(out_fd, &inst.waiter);
  inst.in.init(in_fd, &inst.waiter, &inst.out);
}

std::string jit_report(Instance& inst) {
  if (!inst.jit) return "jit: off\n";
  std::vector<std::string> never_tried;
  for (const auto& vs : inst.spaces)
    for (const LinkedUnit& u : vs->units)
      for (const LinkedProc& p : u.procs)
        if (p.src && !p.jit_tried) never_tried.push_back(p.src->name + " (version " + std::to_string(p.version) + ")");
  std::string why = inst.jit_mode == JitMode::Auto
                        ? "not hot (compiled after " + std::to_string(inst.jit_threshold) + " calls and loop iterations)"
                        : "never run";
  return inst.jit->report(never_tried, why);
}

bool Instance::output_failed() {
  if (out.error() == EPIPE || out.error() == 0) return stop_quietly();
  error_detail = std::strerror(out.error());
  return fail(RtError::OutputWrite);
}

void instance_set_stderr(Instance& inst, int err_fd) {
  inst.err.init(err_fd, &inst.waiter);
  inst.files.set_error_output(&inst.err);
}

InstancePtr create_instance(const Image& img, const VmOptions& opts, std::string* error) {
  InstancePtr inst(new Instance);
  inst->opts = opts;
  if (opts.check_memory) inst->opts.jit = nullptr;  // checked accesses are the interpreter's
  auto vs = std::make_unique<VersionSpace>();
  vs->number = 1;
  vs->image = img;
  if (!build_layouts(vs->image.types, &vs->layouts, error)) return nullptr;
  StackSplit split = split_stack(opts.stack_bytes);
  if (!inst->mem.reserve(split.frame_area, static_size(vs->image), opts.memory_bytes, error)) return nullptr;
  inst->heap.init(&inst->mem);
  if (opts.check_memory && !(inst->memcheck = MemoryCheck::create(*inst, error))) return nullptr;
  auto globals = place_globals(*inst, vs->image);
  if (!link_space(*inst, *vs, globals, error)) return nullptr;
  auto main = inst->binding_ids.find("main");
  if (main == inst->binding_ids.end()) {
    *error = "the image has no procedure main";
    return nullptr;
  }
  inst->main = inst->bindings[main->second];
  inst->main_result = inst->main->result;
  inst->spaces.push_back(std::move(vs));
  updates_init(*inst, globals);
  if (!setup_stacks(*inst, split, error)) return nullptr;
  inst->waiter.init();
  inst->waiter.set_wake_hook(wake_hook, inst.get());
  instance_set_stdio(*inst, 0, 1);
  instance_set_stderr(*inst, 2);
  if (inst->main->nparams == 2 && !build_argv(*inst, error)) return nullptr;
  setup_native(*inst);
  return inst;
}

void destroy_instance(Instance* inst) { delete inst; }

namespace {

// Machine code calls recurse on the host stack (a guest call is a host call),
// so a program that may run machine code runs on a thread whose stack is
// sized from the register file: every guest frame takes at least one register
// slot, and no native frame is larger than a bounded multiple of its window.
// The stack is reserved, not committed; its lowest page is a guard, and
// machine code checks its stack pointer against NativeCtx::stack_limit, far
// enough above it for the runtime's own calls.
constexpr uint64_t kHostBytesPerSlot = 24;
constexpr uint64_t kHostStackMargin = 1 << 20;

// The run switches to the machine stack in the same thread (no thread to
// start and join: a hello world starts as fast as with the interpreter).
struct MachineStackRun {
  Instance* inst;
  RunResult result;
  ucontext_t caller, callee;
};
thread_local MachineStackRun* current_machine_run = nullptr;

void machine_stack_main() {
  MachineStackRun* run = current_machine_run;
  run->result = interpret(*run->inst);
}  // returns to run->caller (uc_link)

RunResult interpret_on_machine_stack(Instance& inst) {
  uint64_t bytes = std::max<uint64_t>(uint64_t{64} << 20, inst.regs_bytes * kHostBytesPerSlot + kHostStackMargin * 2);
  bytes = (bytes + 4095) / 4096 * 4096;
  void* stack = reserve_host(bytes);
  MachineStackRun run{&inst, RunResult(), {}, {}};
  if (!stack || getcontext(&run.callee) != 0) {  // no room for a big stack: the interpreter needs none
    release_host(stack, bytes);
    inst.jit_mode = JitMode::Off;
    return interpret(inst);
  }
  mprotect(stack, 4096, PROT_NONE);
  inst.native.stack_limit = reinterpret_cast<uintptr_t>(stack) + kHostStackMargin;
  run.callee.uc_stack.ss_sp = stack;
  run.callee.uc_stack.ss_size = bytes;
  run.callee.uc_link = &run.caller;
  makecontext(&run.callee, machine_stack_main, 0);
  MachineStackRun* outer = current_machine_run;
  current_machine_run = &run;
  swapcontext(&run.caller, &run.callee);
  current_machine_run = outer;
  release_host(stack, bytes);
  return run.result;
}

}  // namespace

// A write to a closed pipe must come back as EPIPE (the program then ends
// quietly) rather than kill the process: SIGPIPE is blocked on this thread
// while the program runs, and a pending one is discarded afterwards.
RunResult run_instance(Instance& inst) {
  if (inst.finished) return inst.result;
  sigset_t pipe_set, old_set;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set);
  RunResult r = inst.jit_mode == JitMode::Off ? interpret(inst) : interpret_on_machine_stack(inst);
  updates_program_exited(inst);
  sigset_t pending;
  sigpending(&pending);
  if (sigismember(&pending, SIGPIPE) && !sigismember(&old_set, SIGPIPE)) {
    timespec zero{0, 0};
    sigtimedwait(&pipe_set, nullptr, &zero);
  }
  pthread_sigmask(SIG_SETMASK, &old_set, nullptr);
  inst.finished = true;
  inst.result = r;
  return r;
}

}  // namespace dvm
