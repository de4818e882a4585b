// The JIT engine: compiles procedure versions with the code generator into
// executable memory, keeps what --jit-report prints, and makes the teaching
// listing.
//
// Code memory comes from asmjit's JitAllocator with dual mapping: the code is
// written through a read-write view and runs from a read-execute view, so no
// page is ever writable and executable at once.  Each compiled version owns
// its block (NativeBlock); the block is released with the procedure version,
// when its version space retires.
#include <asmjit/x86.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "jit/codegen.h"
#include "jit/jit.h"
#include "vm/disasm.h"
#include "vm/instance.h"
#include "vm/opcodes.h"

// Debian builds asmjit without NDEBUG, which leaves the register allocator's
// self-check on: RAAssignment::verify walks every virtual register of the
// function after each register move, so allocation grows with the square of
// a procedure's size (a quarter of all compile time on a 121-procedure
// program).  The library's definition is weak (an inline function of a
// private header); this one is what a release build of asmjit does.  Only
// for the ABI it was checked against: another asmjit keeps its own.
#if ASMJIT_LIBRARY_VERSION == 0x010900
extern "C" void _ZN6asmjit8_abi_1_912RAAssignment6verifyEv() {}
#endif

namespace dvm::jit {

using namespace asmjit;

namespace {

// Procedures beyond these sizes keep their registers in the frame's window:
// the register allocator's time grows faster than linearly with them.
constexpr size_t kMaxAllocatedWords = 24000;
constexpr size_t kMaxAllocatedRegisters = 1500;

// A compiled version's machine code and the call sites its code points at.
class CodeBlock : public NativeBlock {
 public:
  CodeBlock(std::shared_ptr<JitAllocator> allocator, void* rx, std::vector<CallSite> sites)
      : allocator_(std::move(allocator)), rx_(rx), sites_(std::move(sites)) {}
  ~CodeBlock() override { allocator_->release(rx_); }

 private:
  std::shared_ptr<JitAllocator> allocator_;
  void* rx_;
  std::vector<CallSite> sites_;
};

// asmjit reports errors here; the first one is kept.
class ErrorCollector : public ErrorHandler {
 public:
  void handleError(Error err, const char* message, BaseEmitter*) override {
    if (failed) return;
    failed = true;
    text = message ? message : DebugUtils::errorAsString(err);
  }
  bool failed = false;
  std::string text;
};

struct Compiled {
  std::vector<CallSite> call_sites;  // (moved, never copied: the code points into it)
  bool ok = false;
  std::string why;
  size_t bytes = 0;
  double ms = 0;
};

// One procedure version through asmjit: into `rw` memory by `place`.
template <typename Place>
Compiled compile_with(Instance& inst, const LinkedProc& lp, Logger* logger, bool mark, Place place) {
  auto t0 = std::chrono::steady_clock::now();
  Compiled c;
  CodeHolder code;
  code.init(Environment::host());
  ErrorCollector errors;
  code.setErrorHandler(&errors);
  if (logger) code.setLogger(logger);
  x86::Compiler cc(&code);
  CodegenOptions options;
  options.registers_in_memory =
      lp.src->code.size() > kMaxAllocatedWords || lp.src->regs.size() > kMaxAllocatedRegisters;
  options.mark_instructions = mark;
  if (!emit_procedure(inst, lp, cc, options, &c.call_sites, &c.why)) return c;
  if (!errors.failed && cc.finalize() != kErrorOk && !errors.failed) errors.text = "finalize failed", errors.failed = true;
  if (!errors.failed && (code.flatten() != kErrorOk || code.resolveUnresolvedLinks() != kErrorOk))
    errors.text = "code layout failed", errors.failed = true;
  if (errors.failed) {
    c.why = "asmjit: " + errors.text;
    return c;
  }
  c.bytes = code.codeSize();
  if (!place(code, &c)) return c;
  c.ok = true;
  c.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return c;
}

class Engine : public JitEngine {
 public:
  bool compile(Instance& inst, LinkedProc& lp) override {
    std::shared_ptr<JitAllocator> allocator = code_memory();
    void* rx = nullptr;
    Compiled c = compile_with(inst, lp, nullptr, false, [&](CodeHolder& code, Compiled* out) {
      void* rw = nullptr;
      if (allocator->alloc(&rx, &rw, out->bytes) != kErrorOk) {
        out->why = "no executable memory";
        return false;
      }
      if (code.relocateToBase(reinterpret_cast<uint64_t>(rx)) != kErrorOk) {
        allocator->release(rx);
        out->why = "relocation failed";
        return false;
      }
      code.copyFlattenedData(rw, out->bytes, CopySectionFlags::kPadTargetBuffer);
      return true;
    });
    if (c.ok) {
      lp.native_block = std::make_shared<CodeBlock>(allocator, rx, std::move(c.call_sites));
      lp.native = reinterpret_cast<NativeCode>(rx);
    }
    std::lock_guard<std::mutex> lock(mu_);
    log_.push_back({lp.src->name, lp.version, c});
    return c.ok;
  }

  size_t code_bytes_in_use() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return allocator_ ? allocator_->statistics().usedSize() : 0;
  }

  std::string report(const std::vector<std::string>& never_tried, const std::string& why_not_tried) const override {
    std::lock_guard<std::mutex> lock(mu_);
    std::ostringstream out;
    size_t compiled = 0, bytes = 0;
    double ms = 0;
    for (const auto& e : log_)
      if (e.result.ok) compiled++, bytes += e.result.bytes, ms += e.result.ms;
    out << "jit: " << compiled << " of " << log_.size() + never_tried.size() << " procedure versions compiled, "
        << bytes << " bytes of machine code in " << fmt(ms) << " ms";
    if (ms > 0) out << " (" << fmt(static_cast<double>(bytes) / 1e3 / ms) << " MB/s)";
    out << "\n";
    for (const auto& e : log_) {
      out << "  " << e.name << " (version " << e.version << "): ";
      if (e.result.ok) out << "compiled, " << e.result.bytes << " bytes, " << fmt(e.result.ms) << " ms\n";
      else out << "interpreted: " << e.result.why << "\n";
    }
    for (const std::string& p : never_tried) out << "  " << p << ": interpreted: " << why_not_tried << "\n";
    return out.str();
  }

 private:
  struct LogEntry {
    std::string name;
    uint32_t version;
    Compiled result;
  };
  static std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
  }
  // Made with the first compilation (a program that compiles nothing pays nothing).
  std::shared_ptr<JitAllocator> code_memory() {
    std::lock_guard<std::mutex> lock(mu_);
    if (!allocator_) {
      JitAllocator::CreateParams params;
      params.options = JitAllocatorOptions::kUseDualMapping;
      allocator_ = std::make_shared<JitAllocator>(&params);
    }
    return allocator_;
  }
  std::shared_ptr<JitAllocator> allocator_;
  mutable std::mutex mu_;
  std::vector<LogEntry> log_;
};

// The logger's text split at the "@<pc>" marks the code generator leaves:
// machine code per bytecode offset, and the out-of-line paths after "@cold".
void split_listing(const std::string& text, std::map<int64_t, std::string>* by_pc) {
  std::istringstream in(text);
  std::string line;
  int64_t current = -1;  // the function's set-up before the first instruction
  while (std::getline(in, line)) {
    size_t at = line.find_first_not_of(' ');
    if (at != std::string::npos && line[at] == '@') {
      std::string mark = line.substr(at + 1);
      current = mark.rfind("cold", 0) == 0 ? INT64_MAX : std::atoll(mark.c_str());
      continue;
    }
    if (line.empty()) continue;
    (*by_pc)[current] += "        " + line + "\n";
  }
}

std::vector<std::string> source_lines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

}  // namespace

std::shared_ptr<JitEngine> make_engine() { return std::make_shared<Engine>(); }

bool listing(const Image& img, const std::string& only, std::string* out, std::string* error) {
  VmOptions opts;
  opts.updatable = true;
  opts.stack_bytes = 64 << 20;
  opts.memory_bytes = 64 << 20;
  InstancePtr inst = create_instance(img, opts, error);
  if (!inst) return false;
  std::vector<std::string> source = source_lines(img.source_path);
  bool found = false;
  for (size_t u = 0; u < img.units.size(); u++) {
    const Unit& unit = img.units[u];
    for (size_t k = 0; k < unit.procs.size(); k++) {
      const Proc& p = unit.procs[k];
      if (!only.empty() && p.name != only && unit.name != only) continue;
      found = true;
      const LinkedProc& lp = inst->spaces[0]->units[u].procs[k];
      StringLogger logger;
      logger.setFlags(FormatFlags::kHexOffsets);
      Compiled c = compile_with(*inst, lp, &logger, true, [](CodeHolder&, Compiled*) { return true; });
      *out += procedure_heading(img, p) + "\n";
      if (!c.ok) {
        *out += "  (interpreted: " + c.why + ")\n\n";
        continue;
      }
      *out += "  machine code: " + std::to_string(c.bytes) + " bytes\n";
      std::map<int64_t, std::string> by_pc;
      split_listing(logger.data(), &by_pc);
      if (by_pc.count(-1)) *out += "  entry:\n" + by_pc[-1];
      size_t line_entry = 0;
      uint32_t shown_line = 0;
      for (size_t pc = 0; pc < p.code.size(); pc += static_cast<size_t>(op_size(static_cast<Op>(p.code[pc])))) {
        while (line_entry < p.lines.size() && p.lines[line_entry].pc <= pc) {
          const LineEntry& e = p.lines[line_entry++];
          if (e.line == shown_line) continue;
          shown_line = e.line;
          std::string text = e.line >= 1 && e.line <= source.size() ? source[e.line - 1] : "";
          *out += "  " + std::to_string(e.line) + " | " + text + "\n";
        }
        *out += instruction_text(img, unit, p, pc) + "\n";
        auto it = by_pc.find(static_cast<int64_t>(pc));
        if (it != by_pc.end()) *out += it->second;
      }
      if (by_pc.count(INT64_MAX)) *out += "  out of line (traps, safe points with an update pending, entries):\n" + by_pc[INT64_MAX];
      *out += "\n";
    }
  }
  if (!found) {
    *error = "no procedure " + only + " in the image";
    return false;
  }
  return true;
}

}  // namespace dvm::jit
