// Helpers for the C runtime tests (test_c_runtime.cpp, test_clib.cpp):
// building small C images by hand and running them with captured stdio.
#pragma once
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <functional>
#include <string>
#include <vector>

#include "tests/unit/jit_mode.h"
#include "stdlib/builtins.h"
#include "vm/builder.h"
#include "vm/instance.h"
#include "vm/vm.h"

namespace dvm::ctest {

inline uint32_t imm(int32_t v) { return static_cast<uint32_t>(v); }
inline uint32_t bi(Builtin b) { return static_cast<uint32_t>(b); }

inline int memfd_with(const std::string& data) {
  int fd = memfd_create("dvm-ctest", 0);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(write(fd, data.data(), data.size()), static_cast<ssize_t>(data.size()));
  lseek(fd, 0, SEEK_SET);
  return fd;
}

inline std::string read_all(int fd) {
  lseek(fd, 0, SEEK_SET);
  std::string s;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<size_t>(n));
  return s;
}

inline VmOptions small_options() {
  VmOptions o;
  o.stack_bytes = 16ull << 20;
  o.memory_bytes = 64ull << 20;
  return with_test_jit_mode(o);
}

// A C image under construction: int64 and double types, and procedures.
class CImage {
 public:
  CImage() {
    img.language = "c";
    img.source_path = "test.c";
    t_long = type(TypeKind::Int, "long", 8);
    t_double = type(TypeKind::Real, "double", 8);
  }
  uint32_t type(TypeKind kind, const char* name, uint32_t size, uint32_t elem = kNoType) {
    TypeDesc d;
    d.kind = kind;
    d.name = name;
    d.size = size;
    d.align = size < 8 ? size : 8;
    d.elem = elem;
    img.types.push_back(std::move(d));
    return static_cast<uint32_t>(img.types.size() - 1);
  }
  Global& global(const std::string& name, uint32_t t) {
    img.globals.push_back({name, t, {}, {}});
    return img.globals.back();
  }
  // A unit with one procedure built by body(ProcBuilder&, UnitBuilder&).
  void proc(const std::string& name, const std::function<void(ProcBuilder&, UnitBuilder&)>& body) {
    UnitBuilder ub(name);
    ProcBuilder pb(&ub, name);
    pb.set_pos(1, 1);
    body(pb, ub);
    uint32_t i = ub.reserve_proc();
    ub.set_proc(i, pb.finish());
    img.units.push_back(ub.finish());
  }

  Image img;
  uint32_t t_long, t_double;
};

struct Outcome {
  RunResult r;
  std::string out, err;
};

inline Outcome run_image(const Image& img, const std::string& input = "", VmOptions opts = small_options(),
                         const std::function<void(Instance&)>& inspect = {}) {
  Outcome o;
  std::string problem = verify_image(img);
  EXPECT_EQ(problem, "") << "the test image is not valid";
  if (!problem.empty()) return o;
  std::string error;
  InstancePtr inst = create_instance(img, opts, &error);
  EXPECT_TRUE(inst) << error;
  if (!inst) return o;
  int in = memfd_with(input), out = memfd_with(""), err = memfd_with("");
  instance_set_stdio(*inst, in, out);
  instance_set_stderr(*inst, err);
  o.r = run_instance(*inst);
  o.out = read_all(out);
  o.err = read_all(err);
  if (inspect) inspect(*inst);
  close(in);
  close(out);
  close(err);
  return o;
}

// A block of fresh registers holding copies of `args` for a call (CALLB,
// CALL, CALLP); returns the block's first register.  The result register,
// when there is one, follows the block.
inline uint32_t call_block(ProcBuilder& pb, std::initializer_list<uint32_t> args, Kind result = Kind::V) {
  uint32_t first = pb.num_regs();
  for (uint32_t a : args) {
    Kind k = pb.reg_kind(a);
    pb.emit(k == Kind::F ? Op::MOVF : k == Kind::S ? Op::MOVS : Op::MOVI, {pb.reg(k), a});
  }
  if (result != Kind::V) pb.reg(result);
  return first;
}

inline uint32_t ldk(ProcBuilder& pb, UnitBuilder& ub, int64_t v) {
  uint32_t r = pb.reg(Kind::I);
  pb.emit(Op::LDK, {r, ub.kint(v)});
  return r;
}

inline uint32_t ldkf(ProcBuilder& pb, UnitBuilder& ub, double v) {
  uint32_t r = pb.reg(Kind::F);
  pb.emit(Op::LDKF, {r, ub.kreal(v)});
  return r;
}

// WRITE_INT r then a line break.
inline void print_int(ProcBuilder& pb, uint32_t r) {
  uint32_t w = pb.reg(Kind::I);
  pb.emit(Op::LDI, {w, imm(-1)});
  uint32_t b = call_block(pb, {r, w});
  pb.emit(Op::CALLB, {bi(Builtin::kWRITE_INT), b});
  pb.emit(Op::CALLB, {bi(Builtin::kWRITE_NL), 0});
}

}  // namespace dvm::ctest
