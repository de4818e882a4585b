// libFuzzer target: differential testing of machine code.  The input bytes
// steer the random program generator (tests/unit/random_pascal.h); the
// program runs with --jit=off, --jit=on and --jit=auto (threshold 1), and any
// difference in output, exit status, runtime error, position or trace is a
// finding (the program is printed, then abort).
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "frontend/pascal.h"
#include "jit/jit.h"
#include "tests/unit/random_pascal.h"
#include "vm/instance.h"
#include "vm/vm.h"

namespace {

struct Outcome {
  dvm::RunResult r;
  std::string out;
};

std::string read_all(int fd) {
  lseek(fd, 0, SEEK_SET);
  std::string s;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<size_t>(n));
  return s;
}

Outcome run(const dvm::Image& img, dvm::JitMode mode) {
  dvm::VmOptions o;
  o.stack_bytes = 16ull << 20;
  o.memory_bytes = 64ull << 20;
  o.updatable = true;
  o.jit_mode = mode;
  o.jit_threshold = 1;
  if (mode != dvm::JitMode::Off) o.jit = dvm::jit::make_engine();
  std::string error;
  dvm::InstancePtr inst = dvm::create_instance(img, o, &error);
  if (!inst) {
    std::fprintf(stderr, "cannot create the instance: %s\n", error.c_str());
    std::abort();
  }
  int in = memfd_create("in", 0), out = memfd_create("out", 0), err = memfd_create("err", 0);
  dvm::instance_set_stdio(*inst, in, out);
  dvm::instance_set_stderr(*inst, err);
  Outcome res;
  res.r = dvm::run_instance(*inst);
  res.out = read_all(out) + "\n--stderr--\n" + read_all(err);
  close(in);
  close(out);
  close(err);
  return res;
}

std::string describe(const Outcome& o) {
  std::string s = "exit " + std::to_string(o.r.exit_code);
  if (o.r.runtime_error) s += " error '" + o.r.message + "' " + std::to_string(o.r.line) + ":" + std::to_string(o.r.col);
  for (const dvm::TraceEntry& t : o.r.trace) s += " | " + t.proc + " " + std::to_string(t.line) + ":" + std::to_string(t.col);
  return s + "\n" + o.out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  dvm::randprog::Chooser chooser(data, size);
  std::string text = dvm::randprog::random_pascal_program(chooser);
  dvm::SourceFile src("random.pas", text);
  dvm::Diagnostics diags;
  dvm::Image img;
  if (!dvm::compile_pascal(src, &img, &diags)) {
    std::fprintf(stderr, "the generator made a program the compiler rejects:\n%s\n", text.c_str());
    std::abort();
  }
  std::string reference = describe(run(img, dvm::JitMode::Off));
  for (dvm::JitMode mode : {dvm::JitMode::On, dvm::JitMode::Auto}) {
    std::string got = describe(run(img, mode));
    if (got != reference) {
      std::fprintf(stderr, "machine code differs from the interpreter (%s):\n%s\n--- interpreter:\n%s\n--- machine code:\n%s\n",
                   mode == dvm::JitMode::On ? "--jit=on" : "--jit=auto", text.c_str(), reference.c_str(), got.c_str());
      std::abort();
    }
  }
  return 0;
}
