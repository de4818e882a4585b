// The interpreter on hand-built images (no front end): calls, loops, memory,
// strings, the heap, builtins, runtime errors with positions and traces, and
// standard input/output.
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "tests/unit/jit_mode.h"
#include "stdlib/builtins.h"
#include "vm/builder.h"
#include "vm/instance.h"
#include "vm/vm.h"

namespace dvm {
namespace {

constexpr Kind I = Kind::I, F = Kind::F, S = Kind::S;

uint32_t bi(Builtin b) { return static_cast<uint32_t>(b); }
uint32_t imm(int32_t v) { return static_cast<uint32_t>(v); }

// ---- building images

// One procedure under construction, with shorthands for the common instructions.
class Fn {
 public:
  Fn(UnitBuilder* unit, const std::string& name) : unit_(unit), pb_(unit, name) { pb_.set_pos(1, 1); }

  ProcBuilder& pb() { return pb_; }
  uint32_t param(Kind k) { return pb_.param(k); }
  uint32_t reg(Kind k) { return pb_.reg(k); }
  void at(uint32_t line, uint32_t col) { pb_.set_pos(line, col); }
  void op(Op o, std::initializer_list<uint32_t> a) { pb_.emit(o, a); }
  void jump(Op o, std::initializer_list<uint32_t> a, Label l) { pb_.emit_jump(o, a, l); }
  Label label() { return pb_.new_label(); }
  void bind(Label l) { pb_.bind(l); }

  uint32_t ldi(int32_t v) {
    uint32_t r = reg(I);
    op(Op::LDI, {r, imm(v)});
    return r;
  }
  // Calls a builtin on copies of `args` (a fresh block); returns the result register.
  uint32_t builtin(Builtin b, std::initializer_list<uint32_t> args, Kind result = Kind::V) {
    uint32_t first = pb_.num_regs();
    for (uint32_t a : args) {
      Kind k = pb_.reg_kind(a);
      uint32_t r = reg(k);
      op(k == I ? Op::MOVI : k == F ? Op::MOVF : Op::MOVS, {r, a});
    }
    uint32_t res = result == Kind::V ? 0 : reg(result);
    op(Op::CALLB, {bi(b), first});
    return res;
  }
  void write_int(uint32_t r) { builtin(Builtin::kWRITE_INT, {r, ldi(-1)}); }
  void write_str(uint32_t r) { builtin(Builtin::kWRITE_STR, {r, ldi(-1)}); }
  void newline() { op(Op::CALLB, {bi(Builtin::kWRITE_NL), 0}); }
  // Calls a top-level procedure with copies of args; returns the result register.
  uint32_t call(const std::string& name, std::initializer_list<uint32_t> args, Kind result = Kind::V) {
    uint32_t first = pb_.num_regs();
    for (uint32_t a : args) {
      Kind k = pb_.reg_kind(a);
      op(k == I ? Op::MOVI : k == F ? Op::MOVF : Op::MOVS, {reg(k), a});
    }
    uint32_t res = result == Kind::V ? 0 : reg(result);
    op(Op::CALL, {unit_->proc_ref(name), first});
    return res;
  }
  Proc finish() { return pb_.finish(); }

 private:
  UnitBuilder* unit_;
  ProcBuilder pb_;
};

class ImageMaker {
 public:
  ImageMaker() {
    img.language = "pascal";
    img.source_path = "test.pas";
    t_int = type(TypeKind::Int, "integer", 8, 8);
    t_str = type(TypeKind::String, "string", 8, 8);
    t_real = type(TypeKind::Real, "real", 8, 8);
  }
  uint32_t type(TypeKind kind, const char* name, uint32_t size, uint32_t align) {
    TypeDesc d;
    d.kind = kind;
    d.name = name;
    d.size = size;
    d.align = align;
    img.types.push_back(std::move(d));
    return static_cast<uint32_t>(img.types.size() - 1);
  }
  void global(const std::string& name, uint32_t t, std::vector<uint8_t> init = {}, std::vector<StringInit> strs = {}) {
    img.globals.push_back({name, t, std::move(init), std::move(strs)});
  }
  // A unit with one procedure built by `body`.
  template <typename Body>
  void proc(const std::string& name, Body body) {
    UnitBuilder ub(name);
    Fn fn(&ub, name);
    body(fn);
    uint32_t i = ub.reserve_proc();
    ub.set_proc(i, fn.finish());
    img.units.push_back(ub.finish());
  }

  Image img;
  uint32_t t_int, t_str, t_real;
};

// ---- running them

struct Outcome {
  RunResult r;
  std::string out;
};

int memfd_with(const std::string& data) {
  int fd = memfd_create("dvm-test", 0);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(write(fd, data.data(), data.size()), static_cast<ssize_t>(data.size()));
  lseek(fd, 0, SEEK_SET);
  return fd;
}

std::string read_all(int fd) {
  lseek(fd, 0, SEEK_SET);
  std::string s;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<size_t>(n));
  return s;
}

VmOptions small_options() {
  VmOptions o;
  o.stack_bytes = 64ull << 20;
  o.memory_bytes = 64ull << 20;
  return with_test_jit_mode(o);
}

// Runs the image (verified first: the tests build only valid images) with
// `input` on stdin; `inspect` sees the instance after the run.
template <typename Inspect>
Outcome run_inspect(const Image& img, const std::string& input, VmOptions opts, Inspect inspect) {
  EXPECT_EQ(verify_image(img), "") << "the test image is not valid";
  std::string error;
  InstancePtr inst = create_instance(img, opts, &error);
  EXPECT_TRUE(inst) << error;
  if (!inst) return {};
  int in = memfd_with(input), out = memfd_with("");
  instance_set_stdio(*inst, in, out);
  Outcome o;
  o.r = run_instance(*inst);
  o.out = read_all(out);
  inspect(*inst);
  close(in);
  close(out);
  return o;
}

Outcome run(const Image& img, const std::string& input = "", VmOptions opts = small_options()) {
  return run_inspect(img, input, opts, [](Instance&) {});
}

// ---- calls and control flow

// function fib(n: integer): integer;
// begin if n < 2 then fib := n else fib := fib(n - 1) + fib(n - 2) end;
Image fib_image(int n) {
  ImageMaker m;
  m.proc("fib", [](Fn& f) {
    uint32_t n_ = f.param(I);
    f.pb().set_result(I);
    uint32_t two = f.ldi(2);
    Label small = f.label();
    f.jump(Op::JLT, {n_, two}, small);
    uint32_t a = f.reg(I);
    f.op(Op::ADDK, {a, n_, imm(-1)});
    uint32_t ra = f.call("fib", {a}, I);
    f.op(Op::ADDK, {a, n_, imm(-2)});
    uint32_t rb = f.call("fib", {a}, I);
    f.op(Op::ADD, {a, ra, rb});
    f.op(Op::RETI, {a});
    f.bind(small);
    f.op(Op::RETI, {n_});
  });
  m.proc("main", [n](Fn& f) {
    uint32_t r = f.call("fib", {f.ldi(n)}, I);
    f.write_int(r);
    f.newline();
    f.op(Op::RET, {});
  });
  return m.img;
}

TEST(Interp, Fib) {
  Outcome o = run(fib_image(20));
  EXPECT_FALSE(o.r.runtime_error) << o.r.message;
  EXPECT_EQ(o.r.exit_code, 0);
  EXPECT_EQ(o.out, "6765\n");
}

TEST(Interp, FibWithoutPolls) {
  VmOptions opts = small_options();
  opts.updatable = false;
  EXPECT_EQ(run(fib_image(15), "", opts).out, "610\n");
}

// sum := 0; for i := 1 to 100 do sum := sum + i; i := 10; while i > 0 do i := i - 3; for j := 5 downto 1 ...
TEST(Interp, Loops) {
  ImageMaker m;
  m.proc("main", [](Fn& f) {
    uint32_t sum = f.ldi(0), i = f.ldi(1), hi = f.ldi(100);
    Label body = f.label(), done = f.label();
    f.jump(Op::JLT, {hi, i}, done);
    f.bind(body);
    f.op(Op::ADD, {sum, sum, i});
    f.jump(Op::FORUP, {i, hi}, body);
    f.bind(done);
    f.write_int(sum);
    f.write_int(i);  // the counter stops at the bound
    f.newline();
    // while k > 0 do k := k - 3 (LOOP back edge)
    uint32_t k = f.ldi(10), zero = f.ldi(0);
    Label head = f.label(), out = f.label();
    f.bind(head);
    f.jump(Op::JLE, {k, zero}, out);
    f.op(Op::ADDK, {k, k, imm(-3)});
    f.jump(Op::LOOP, {}, head);
    f.bind(out);
    f.write_int(k);
    f.newline();
    // for j := 5 downto 1 do write(j)
    uint32_t j = f.ldi(5), one = f.ldi(1);
    Label dbody = f.label();
    f.bind(dbody);
    f.write_int(j);
    f.jump(Op::FORDN, {j, one}, dbody);
    f.newline();
    f.op(Op::RET, {});
  });
  Outcome o = run(m.img);
  EXPECT_EQ(o.out, "5050100\n-2\n54321\n");
}

TEST(Interp, HaltSetsTheExitStatusAndFlushes) {
  ImageMaker m;
  m.proc("main", [](Fn& f) {
    f.write_int(f.ldi(7));
    f.op(Op::HALT, {f.ldi(3)});
  });
  Outcome o = run(m.img);
  EXPECT_EQ(o.r.exit_code, 3);
  EXPECT_FALSE(o.r.runtime_error);
  EXPECT_EQ(o.out, "7");
}

TEST(Interp, IntegerSemantics) {
  ImageMaker m;
  int64_t kmin = INT64_MIN;
  m.proc("main", [&](Fn& f) {
    auto show = [&](Op o, int32_t a, int32_t b) {
      uint32_t r = f.reg(I);
      f.op(o, {r, f.ldi(a), f.ldi(b)});
      f.write_int(r);
      f.builtin(Builtin::kWRITE_CHAR, {f.ldi(' '), f.ldi(-1)});
    };
    show(Op::DIV, -7, 2);
    show(Op::MOD, -7, 2);
    show(Op::MOD, 7, -2);
    show(Op::DIV, 7, -2);
    show(Op::SAR, -16, 2);
    show(Op::SHR, -1, 60);
    show(Op::SHL, 1, 65);  // count masked to 1
    uint32_t mn = f.reg(I), r = f.reg(I), m1 = f.ldi(-1);
    f.op(Op::LDK, {mn, 0});
    f.op(Op::DIV, {r, mn, m1});  // INT64_MIN div -1 wraps, no SIGFPE
    f.op(Op::EQ, {r, r, mn});
    f.write_int(r);
    f.op(Op::MOD, {r, mn, m1});
    f.write_int(r);
    f.op(Op::ABS, {r, mn});
    f.op(Op::EQ, {r, r, mn});
    f.write_int(r);
    f.newline();
    f.op(Op::RET, {});
  });
  m.img.units.back().kint = {kmin};
  Outcome o = run(m.img);
  EXPECT_EQ(o.out, "-3 -1 1 -3 -4 15 2 101\n");
}

TEST(Interp, RealRoundingAndTruncation) {
  ImageMaker m;
  m.proc("main", [](Fn& f) {
    for (int k = 0; k < 8; k++) {
      uint32_t x = f.reg(F), r = f.reg(I);
      f.op(Op::LDKF, {x, static_cast<uint32_t>(k)});
      f.op(Op::FROUND, {r, x});
      f.write_int(r);
      f.op(Op::FTRUNC, {r, x});
      f.write_int(r);
      f.builtin(Builtin::kWRITE_CHAR, {f.ldi(' '), f.ldi(-1)});
    }
    f.op(Op::RET, {});
  });
  m.img.units.back().kreal = {2.5, 3.5, -2.5, 0.5, 1.5, -0.5, 2.7, -2.7};
  Outcome o = run(m.img);
  EXPECT_EQ(o.out, "22 43 -2-2 00 21 00 32 -3-2 ");  // round half to even, as fpc
}

// ---- program memory

TEST(Interp, GlobalsLoadsAndStores) {
  ImageMaker m;
  uint32_t t_i32 = m.type(TypeKind::Int, "int32", 4, 4);
  uint32_t t_rec = m.type(TypeKind::Record, "r", 24, 8);
  m.img.types[t_rec].fields = {{"a", t_i32, 0}, {"b", m.t_real, 8}, {"c", t_i32, 16}};
  std::vector<uint8_t> init(4);
  int32_t minus5 = -5;
  std::memcpy(init.data(), &minus5, 4);
  m.global("small", t_i32, init);
  m.global("rec", t_rec);
  m.global("big", m.t_int);
  m.proc("main", [](Fn& f) {
    uint32_t g = f.reg(I), v = f.reg(I), x = f.reg(F);
    f.op(Op::GADDR, {g, 0});
    f.op(Op::LD32S, {v, g, 0});
    f.write_int(v);
    f.op(Op::LD32U, {v, g, 0});
    f.write_int(v);
    f.newline();
    uint32_t rec = f.reg(I);
    f.op(Op::GADDR, {rec, 1});
    f.op(Op::ST32, {f.ldi(-9), rec, 16});
    f.op(Op::LD32S, {v, rec, 16});
    f.write_int(v);
    f.op(Op::I2F, {x, f.ldi(3)});
    f.op(Op::STF64, {x, rec, 8});
    f.op(Op::LDF64, {x, rec, 8});
    f.op(Op::FTRUNC, {v, x});
    f.write_int(v);
    f.op(Op::STF32, {x, rec, 0});
    f.op(Op::LDF32, {x, rec, 0});
    f.op(Op::FTRUNC, {v, x});
    f.write_int(v);
    f.op(Op::ST8, {f.ldi(200), rec, 4});
    f.op(Op::LD8S, {v, rec, 4});
    f.write_int(v);
    f.op(Op::LD8U, {v, rec, 4});
    f.write_int(v);
    f.op(Op::ST16, {f.ldi(-2), rec, 6});
    f.op(Op::LD16S, {v, rec, 6});
    f.write_int(v);
    f.op(Op::LD16U, {v, rec, 6});
    f.write_int(v);
    f.newline();
    uint32_t big = f.reg(I);
    f.op(Op::GADDR, {big, 2});
    f.op(Op::ST64, {f.ldi(123456), big, 0});
    f.op(Op::LD64, {v, big, 0});
    f.write_int(v);
    f.newline();
    f.op(Op::RET, {});
  });
  m.img.units.back().global_refs = {"small", "rec", "big"};
  Outcome o = run(m.img);
  EXPECT_FALSE(o.r.runtime_error) << o.r.message;
  EXPECT_EQ(o.out, "-54294967291\n-933-56200-265534\n123456\n");
}

// procedure outer; var x: integer (frame area);
//   procedure inner;                 { nested: static link in R0 }
//     procedure deepest; begin x := x * 10 end;   { follows the chain }
//   begin x := x + 1; deepest end;
// begin x := 4; inner; inner; write(x) end;
TEST(Interp, FrameAreaAndNestedStaticLinks) {
  ImageMaker m;
  UnitBuilder ub("outer");
  uint32_t outer_i = ub.reserve_proc(), inner_i = ub.reserve_proc(), deepest_i = ub.reserve_proc();
  {
    Fn f(&ub, "outer.inner.deepest");
    uint32_t sl = f.param(I);
    f.pb().frame_slot(8, 8);  // offset 0: own static link
    uint32_t fa = f.reg(I), up = f.reg(I), x = f.reg(I);
    f.op(Op::FADDR, {fa, 0});
    f.op(Op::ST64, {sl, fa, 0});
    f.op(Op::LD64, {up, sl, 0});  // inner's static link -> outer's frame area
    f.op(Op::LD64, {x, up, 8});
    f.op(Op::MULK, {x, x, 10});
    f.op(Op::ST64, {x, up, 8});
    f.op(Op::RET, {});
    ub.set_proc(deepest_i, f.finish());
  }
  {
    Fn f(&ub, "outer.inner");
    uint32_t sl = f.param(I);
    f.pb().frame_slot(8, 8);
    uint32_t fa = f.reg(I), x = f.reg(I);
    f.op(Op::FADDR, {fa, 0});
    f.op(Op::ST64, {sl, fa, 0});
    f.op(Op::LD64, {x, sl, 8});
    f.op(Op::ADDK, {x, x, 1});
    f.op(Op::ST64, {x, sl, 8});
    uint32_t arg = f.reg(I);
    f.op(Op::MOVI, {arg, fa});
    f.op(Op::CALLN, {deepest_i, arg});
    f.op(Op::RET, {});
    ub.set_proc(inner_i, f.finish());
  }
  {
    Fn f(&ub, "outer");
    f.pb().frame_slot(8, 8);             // a static link slot, unused at top level
    uint32_t xoff = f.pb().frame_slot(8, 8);
    uint32_t fa = f.reg(I), x = f.reg(I);
    f.op(Op::FADDR, {fa, 0});
    f.op(Op::ST64, {f.ldi(4), fa, xoff});
    for (int k = 0; k < 2; k++) {
      uint32_t arg = f.reg(I);
      f.op(Op::MOVI, {arg, fa});
      f.op(Op::CALLN, {inner_i, arg});
    }
    f.op(Op::LD64, {x, fa, xoff});
    f.write_int(x);
    f.op(Op::RET, {});
    ub.set_proc(outer_i, f.finish());
  }
  m.img.units.push_back(ub.finish());
  m.proc("main", [](Fn& f) {
    f.call("outer", {});
    f.op(Op::RET, {});
  });
  Outcome o = run(m.img);
  EXPECT_FALSE(o.r.runtime_error) << o.r.message;
  EXPECT_EQ(o.out, "510");  // ((4 + 1) * 10 + 1) * 10
}

TEST(Interp, FrameAreaIsZeroedOnEntry) {
  ImageMaker m;
  m.proc("dirty", [](Fn& f) {
    f.pb().frame_slot(64, 8);
    uint32_t fa = f.reg(I), v = f.reg(I);
    f.op(Op::FADDR, {fa, 0});
    f.op(Op::LD64, {v, fa, 56});
    f.write_int(v);
    f.op(Op::ST64, {f.ldi(99), fa, 56});
    f.op(Op::RET, {});
  });
  m.proc("main", [](Fn& f) {
    f.call("dirty", {});
    f.call("dirty", {});
    f.op(Op::RET, {});
  });
  EXPECT_EQ(run(m.img).out, "00");
}

// a: array of integer (open array): element address from a register bound.
TEST(Interp, OpenArrayIndexing) {
  ImageMaker m;
  m.proc("main", [](Fn& f) {
    f.pb().frame_slot(24, 8);
    uint32_t base = f.reg(I), high = f.ldi(2), p = f.reg(I), v = f.reg(I);
    f.op(Op::FADDR, {base, 0});
    for (int32_t i = 0; i <= 2; i++) {
      f.op(Op::IDXR, {p, base, f.ldi(i), high, 8});
      f.op(Op::ST64, {f.ldi(10 * (i + 1)), p, 0});
    }
    f.op(Op::IDXR, {p, base, f.ldi(2), high, 8});
    f.op(Op::LD64, {v, p, 0});
    f.write_int(v);
    f.op(Op::NOP, {});
    f.op(Op::UPDPT, {f.pb().new_update_point()});
    f.at(5, 2);
    f.op(Op::IDXR, {p, base, f.ldi(-1), high, 8});
    f.op(Op::RET, {});
  });
  Outcome o = run(m.img);
  EXPECT_EQ(o.out, "30");
  EXPECT_EQ(o.r.message, "index out of range");
  EXPECT_EQ(o.r.line, 5u);
}

TEST(Interp, ResultsOfFunctionsWithStringParameters) {
  // function count(s: string; c: integer): integer -- the result register (I)
  // follows the arguments (S, I): R[b+n], not R[b].
  ImageMaker m;
  m.proc("count", [](Fn& f) {
    uint32_t s = f.param(S), c = f.param(I);
    f.pb().set_result(I);
    uint32_t n = f.ldi(0), i = f.ldi(1), len = f.reg(I), ch = f.reg(I), eq = f.reg(I);
    f.op(Op::SLEN, {len, s});
    Label done = f.label(), body = f.label();
    f.jump(Op::JLT, {len, i}, done);
    f.bind(body);
    f.op(Op::SGET, {ch, s, i});
    f.op(Op::EQ, {eq, ch, c});
    f.op(Op::ADD, {n, n, eq});
    f.jump(Op::FORUP, {i, len}, body);
    f.bind(done);
    f.op(Op::RETI, {n});
  });
  m.proc("main", [](Fn& f) {
    uint32_t s = f.reg(S);
    f.op(Op::LDKS, {s, 0});
    f.write_int(f.call("count", {s, f.ldi('a')}, I));
    f.op(Op::RET, {});
  });
  m.img.units.back().kstr = {"banana"};
  EXPECT_EQ(run(m.img).out, "3");
}

// ---- runtime errors: message, position of the failing instruction, trace

struct ErrorCase {
  ErrorCase(const char* m, std::function<void(Fn&)> b, std::string in = "")
      : message(m), body(std::move(b)), input(std::move(in)) {}
  const char* message;
  std::function<void(Fn&)> body;  // emits the failing instruction at line 7, col 3
  std::string input;
};

void expect_error(const Outcome& o, const std::string& message) {
  EXPECT_TRUE(o.r.runtime_error);
  EXPECT_EQ(o.r.exit_code, 1);
  EXPECT_EQ(o.r.message, message);
  EXPECT_EQ(o.r.line, 7u);
  EXPECT_EQ(o.r.col, 3u);
  ASSERT_EQ(o.r.trace.size(), 2u);
  EXPECT_EQ(o.r.trace[0].proc, "fails");
  EXPECT_EQ(o.r.trace[0].version, 1u);
  EXPECT_EQ(o.r.trace[0].line, 7u);
  EXPECT_EQ(o.r.trace[0].col, 3u);
  EXPECT_EQ(o.r.trace[1].proc, "main");
  EXPECT_EQ(o.r.trace[1].line, 20u);
  EXPECT_EQ(o.r.trace[1].col, 5u);
  EXPECT_EQ(o.out.substr(0, 2), "42");
}

TEST(InterpErrors, EveryRuntimeError) {
  auto at7 = [](Fn& f) { f.at(7, 3); };
  std::vector<ErrorCase> cases = {
      {"division by zero",
       [&](Fn& f) {
         uint32_t a = f.ldi(1), z = f.ldi(0), r = f.reg(I);
         at7(f);
         f.op(Op::DIV, {r, a, z});
       }},
      {"modulo by zero",
       [&](Fn& f) {
         uint32_t a = f.ldi(1), z = f.ldi(0), r = f.reg(I);
         at7(f);
         f.op(Op::MOD, {r, a, z});
       }},
      {"division by zero",
       [&](Fn& f) {
         uint32_t a = f.reg(F), z = f.reg(F), r = f.reg(F);
         f.op(Op::I2F, {a, f.ldi(1)});
         at7(f);
         f.op(Op::FDIV, {r, a, z});
       }},
      {"index out of range",
       [&](Fn& f) {
         uint32_t base = f.ldi(4096), i = f.ldi(11), r = f.reg(I);
         at7(f);
         f.op(Op::IDX, {r, base, i, 0, 1, 8});  // kint: [1, 10]
       }},
      {"value out of range",
       [&](Fn& f) {
         uint32_t v = f.ldi(0);
         at7(f);
         f.op(Op::CHKRNG, {v, 0, 1});
       }},
      {"string index out of range",
       [&](Fn& f) {
         uint32_t s = f.reg(S), r = f.reg(I);
         f.op(Op::LDKS, {s, 0});
         uint32_t i = f.ldi(4);
         at7(f);
         f.op(Op::SGET, {r, s, i});
       }},
      {"string index out of range",
       [&](Fn& f) {
         uint32_t s = f.reg(S);
         f.op(Op::LDKS, {s, 0});
         uint32_t i = f.ldi(0), c = f.ldi('x');
         at7(f);
         f.op(Op::SSET, {s, i, c});
       }},
      {"nil pointer dereference",
       [&](Fn& f) {
         uint32_t p = f.ldi(0), r = f.reg(I);
         at7(f);
         f.op(Op::LD64, {r, p, 16});
       }},
      {"memory access out of bounds",
       [&](Fn& f) {
         uint32_t p = f.reg(I), r = f.reg(I);
         f.op(Op::LDK, {p, 2});  // 1 << 40
         at7(f);
         f.op(Op::ST64, {r, p, 0});
       }},
      {"dispose of a pointer that is not allocated",
       [&](Fn& f) {
         uint32_t p = f.reg(I);
         f.op(Op::NEW, {p, 0});
         f.op(Op::DISPOSE, {p, 0});
         at7(f);
         f.op(Op::DISPOSE, {p, 0});
       }},
      {"dispose of a pointer that is not allocated",
       [&](Fn& f) {
         uint32_t p = f.ldi(8192);  // the frame area: never a heap block
         at7(f);
         f.op(Op::DISPOSE, {p, 0});
       }},
      {"invalid numeric input",
       [&](Fn& f) {
         at7(f);
         f.builtin(Builtin::kREAD_INT, {}, I);
       },
       "  12x\n"},
      {"read past end of input",
       [&](Fn& f) {
         at7(f);
         f.builtin(Builtin::kREAD_REAL, {}, F);
       },
       " \n \n"},
      {"read past end of input",
       [&](Fn& f) {
         at7(f);
         f.builtin(Builtin::kREAD_CHAR, {}, I);
       }},
      {"invalid argument to sqrt",
       [&](Fn& f) {
         uint32_t x = f.reg(F);
         f.op(Op::I2F, {x, f.ldi(-1)});
         at7(f);
         f.builtin(Builtin::kSQRT, {x}, F);
       }},
      {"invalid argument to ln",
       [&](Fn& f) {
         uint32_t x = f.reg(F);
         at7(f);
         f.builtin(Builtin::kLN, {x}, F);
       }},
      {"real value out of integer range",
       [&](Fn& f) {
         uint32_t x = f.reg(F), r = f.reg(I);
         f.op(Op::LDKF, {x, 0});  // 1e300
         at7(f);
         f.op(Op::FTRUNC, {r, x});
       }},
      {"real value out of integer range",
       [&](Fn& f) {
         uint32_t x = f.reg(F), r = f.reg(I);
         f.op(Op::LDKF, {x, 1});  // NaN
         at7(f);
         f.op(Op::FROUND, {r, x});
       }},
      {"integer overflow",
       [&](Fn& f) {
         at7(f);
         f.op(Op::TRAP, {static_cast<uint32_t>(RtError::IntOverflow)});
       }},
      {"chr argument out of range",
       [&](Fn& f) {
         at7(f);
         f.op(Op::TRAP, {static_cast<uint32_t>(RtError::ChrRange)});
       }},
      {"assertion failed",
       [&](Fn& f) {
         at7(f);
         f.op(Op::TRAP, {static_cast<uint32_t>(RtError::AssertFailed)});
       }},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.message);
    Outcome o = [&] {
      ImageMaker m;
      m.proc("fails", [&](Fn& f) {
        f.at(6, 1);
        f.write_int(f.ldi(42));
        c.body(f);
        f.at(9, 1);
        f.op(Op::RET, {});
      });
      Unit& u = m.img.units.back();
      u.kint = {1, 10, int64_t{1} << 40};
      u.kreal = {1e300, NAN};
      u.kstr = {"abc"};
      m.proc("main", [](Fn& f) {
        f.at(20, 5);
        f.call("fails", {});
        f.at(21, 1);
        f.op(Op::RET, {});
      });
      return run(m.img, c.input);
    }();
    expect_error(o, c.message);
  }
}

TEST(InterpErrors, OutOfMemoryOnNew) {
  ImageMaker m;
  uint32_t t_big = m.type(TypeKind::Array, "big", 1 << 20, 8);
  m.img.types[t_big].elem = m.t_int;
  m.img.types[t_big].lo = 1;
  m.img.types[t_big].hi = (1 << 20) / 8;
  m.proc("main", [&](Fn& f) {
    uint32_t p = f.reg(I);
    Label again = f.label();
    f.bind(again);
    f.at(3, 9);
    f.op(Op::NEW, {p, t_big});
    f.jump(Op::LOOP, {}, again);
  });
  VmOptions opts = small_options();
  opts.memory_bytes = 16 << 20;
  Outcome o = run(m.img, "", opts);
  EXPECT_TRUE(o.r.runtime_error);
  EXPECT_EQ(o.r.message, "out of memory");
  EXPECT_EQ(o.r.line, 3u);
  EXPECT_EQ(o.r.col, 9u);
}

// procedure down(n: integer); begin if n > 0 then down(n - 1) end;
Image recursion_image(int32_t depth, bool infinite) {
  ImageMaker m;
  m.proc("down", [&](Fn& f) {
    uint32_t n = f.param(I);
    f.at(2, 1);
    Label done = f.label();
    uint32_t zero = f.ldi(0);
    if (!infinite) f.jump(Op::JLE, {n, zero}, done);
    uint32_t a = f.reg(I);
    f.op(Op::ADDK, {a, n, imm(-1)});
    f.at(3, 7);
    f.op(Op::CALL, {0, a});
    f.bind(done);
    f.at(4, 1);
    f.op(Op::RET, {});
  });
  m.img.units.back().proc_refs = {"down"};
  m.proc("main", [&](Fn& f) {
    f.at(10, 2);
    f.call("down", {f.ldi(depth)});
    f.write_int(f.ldi(1));
    f.op(Op::RET, {});
  });
  return m.img;
}

TEST(InterpErrors, DeepRecursionIsFineWithDefaults) {
  Outcome o = run(recursion_image(100000, false), "", VmOptions{});
  EXPECT_FALSE(o.r.runtime_error) << o.r.message;
  EXPECT_EQ(o.out, "1");
}

TEST(InterpErrors, InfiniteRecursionIsAStackOverflow) {
  VmOptions opts = small_options();
  opts.stack_bytes = 8 << 20;
  Outcome o = run(recursion_image(0, true), "", opts);
  EXPECT_TRUE(o.r.runtime_error);
  EXPECT_EQ(o.r.message, "stack overflow");
  EXPECT_EQ(o.r.line, 3u);
  EXPECT_EQ(o.r.col, 7u);
  // A deep trace keeps both ends with one marker entry between them.
  ASSERT_EQ(o.r.trace.size(), 32u + 1 + 16);
  EXPECT_EQ(o.r.trace[0].proc, "down");
  EXPECT_EQ(o.r.trace[0].line, 3u);
  EXPECT_EQ(o.r.trace[32].proc, "...");
  EXPECT_EQ(o.r.trace[32].version, 0u);
  EXPECT_GT(o.r.trace[32].line, 1000u);
  EXPECT_EQ(o.r.trace.back().proc, "main");
  EXPECT_EQ(o.r.trace.back().line, 10u);
}

TEST(InterpErrors, StackOptionSetsTheDepth) {
  VmOptions opts = small_options();
  opts.stack_bytes = 1 << 20;  // room for about 3000 frames
  EXPECT_TRUE(run(recursion_image(100000, false), "", opts).r.runtime_error);
  EXPECT_FALSE(run(recursion_image(1000, false), "", opts).r.runtime_error);
}

// ---- strings and the heap

// Counts heap blocks after the run: every string must have been released.
TEST(InterpStrings, OperationsAndRefcountsReturnToBaseline) {
  ImageMaker m;
  m.global("g", m.t_str, {}, {{0, "global"}});
  m.proc("work", [](Fn& f) {
    f.pb().set_result(S);
    uint32_t a = f.reg(S), b = f.reg(S), c = f.reg(S), t = f.reg(S), v = f.reg(I);
    f.op(Op::LDKS, {a, 0});             // 'hello'
    f.op(Op::C2S, {b, f.ldi(' ')});
    f.op(Op::SCAT, {c, a, b});          // 'hello '
    f.op(Op::LDKS, {b, 1});             // 'world'
    f.op(Op::SCAT, {c, c, b});          // 'hello world'
    f.write_str(c);
    f.newline();
    f.op(Op::MOVS, {t, c});             // shared reference
    f.op(Op::SSET, {t, f.ldi(1), f.ldi('J')});  // copy on write: c unchanged
    f.write_str(c);
    f.write_str(t);
    f.newline();
    f.op(Op::SLEN, {v, t});
    f.write_int(v);
    f.op(Op::SGET, {v, t, f.ldi(1)});
    f.write_int(v);
    f.op(Op::SCMP, {v, c, t});
    f.write_int(v);
    f.op(Op::SCMP, {v, t, c});
    f.write_int(v);
    f.op(Op::SCMP, {v, a, a});
    f.write_int(v);
    f.newline();
    // The global: LDS/STS, and a string literal initializer.
    uint32_t g = f.reg(I);
    f.op(Op::GADDR, {g, 0});
    f.op(Op::LDS, {a, g, 0});
    f.write_str(a);
    f.op(Op::STS, {t, g, 0});
    f.op(Op::LDS, {a, g, 0});
    f.write_str(a);
    f.newline();
    f.op(Op::RETS, {c});
  });
  m.img.units.back().kstr = {"hello", "world"};
  m.img.units.back().global_refs = {"g"};
  m.proc("main", [](Fn& f) {
    uint32_t s = f.call("work", {}, S);
    f.write_str(s);
    f.newline();
    f.op(Op::C2S, {s, f.ldi('z')});  // releases the result
    uint32_t g = f.reg(I);
    f.op(Op::GADDR, {g, 0});
    uint32_t e = f.reg(S);
    f.op(Op::STS, {e, g, 0});        // the global back to ''
    f.op(Op::RET, {});
  });
  m.img.units.back().global_refs = {"g"};
  uint64_t live = 1;
  Outcome o = run_inspect(m.img, "", small_options(), [&](Instance& inst) { live = instance_live_heap_blocks(inst); });
  EXPECT_FALSE(o.r.runtime_error) << o.r.message;
  EXPECT_EQ(o.out, "hello world\nhello worldJello world\n11741-10\nglobalJello world\nhello world\n");
  EXPECT_EQ(live, 0u);
}

// s := ''; for i := 1 to 100000 do s := s + 'x'  (in place: linear time)
TEST(InterpStrings, StringBuildingAppendsInPlace) {
  ImageMaker m;
  m.proc("main", [](Fn& f) {
    uint32_t s = f.reg(S), x = f.reg(S), len = f.reg(I);
    f.op(Op::LDKS, {x, 0});
    uint32_t i = f.ldi(1), n = f.ldi(100000);
    Label body = f.label();
    f.bind(body);
    f.op(Op::SCAT, {s, s, x});
    f.jump(Op::FORUP, {i, n}, body);
    f.op(Op::SLEN, {len, s});
    f.write_int(len);
    f.op(Op::RET, {});
  });
  m.img.units.back().kstr = {"xy"};
  uint64_t live = 1;
  Outcome o = run_inspect(m.img, "", small_options(), [&](Instance& inst) { live = instance_live_heap_blocks(inst); });
  EXPECT_EQ(o.out, "200000");
  EXPECT_EQ(live, 0u);
}

TEST(InterpStrings, CopyAndFinalOfRecordsWithStrings) {
  ImageMaker m;
  uint32_t t_rec = m.type(TypeKind::Record, "pair", 24, 8);
  m.img.types[t_rec].fields = {{"name", m.t_str, 0}, {"n", m.t_int, 8}, {"tag", m.t_str, 16}};
  uint32_t t_arr = m.type(TypeKind::Array, "pairs", 72, 8);
  m.img.types[t_arr].elem = t_rec;
  m.img.types[t_arr].lo = 1;
  m.img.types[t_arr].hi = 3;
  m.proc("main", [&](Fn& f) {
    uint32_t a = f.pb().frame_slot(72, 8), b = f.pb().frame_slot(72, 8);
    f.pb().add_managed_slot(a, t_arr);
    f.pb().add_managed_slot(b, t_arr);
    uint32_t fa = f.reg(I), s = f.reg(S), pa = f.reg(I), pb_ = f.reg(I);
    f.op(Op::FADDR, {fa, 0});
    f.op(Op::FADDR, {pa, a});
    f.op(Op::FADDR, {pb_, b});
    f.op(Op::C2S, {s, f.ldi('q')});
    f.op(Op::SCAT, {s, s, s});  // a heap string 'qq'
    f.op(Op::STS, {s, pa, 0});
    f.op(Op::STS, {s, pa, 24 + 16});
    f.op(Op::COPY, {pb_, pa, t_arr});
    f.op(Op::COPY, {pb_, pb_, t_arr});  // onto itself: harmless
    f.op(Op::FINAL, {pa, t_arr});
    f.op(Op::LDS, {s, pb_, 40});
    f.write_str(s);
    f.op(Op::LDS, {s, pa, 0});
    f.write_str(s);  // '' after FINAL
    f.op(Op::RET, {});  // b's strings are released with the frame
  });
  uint64_t live = 1;
  Outcome o = run_inspect(m.img, "", small_options(), [&](Instance& inst) { live = instance_live_heap_blocks(inst); });
  EXPECT_FALSE(o.r.runtime_error) << o.r.message;
  EXPECT_EQ(o.out, "qq");
  EXPECT_EQ(live, 0u);
}

TEST(InterpHeap, NewDisposeAndStringsInBlocks) {
  ImageMaker m;
  uint32_t t_node = m.type(TypeKind::Record, "node", 16, 8);
  m.img.types[t_node].fields = {{"s", m.t_str, 0}, {"next", m.t_int, 8}};
  m.proc("main", [&](Fn& f) {
    uint32_t p = f.reg(I), q = f.reg(I), v = f.reg(I), s = f.reg(S);
    f.op(Op::NEW, {p, t_node});
    f.op(Op::LD64, {v, p, 8});
    f.write_int(v);  // zeroed
    f.op(Op::C2S, {s, f.ldi('a')});
    f.op(Op::SCAT, {s, s, s});
    f.op(Op::STS, {s, p, 0});
    f.op(Op::NEW, {q, t_node});
    f.op(Op::ST64, {p, q, 8});
    f.op(Op::LD64, {v, q, 8});
    f.op(Op::LDS, {s, v, 0});
    f.write_str(s);
    f.op(Op::DISPOSE, {p, t_node});  // releases the string inside
    f.op(Op::DISPOSE, {q, t_node});
    uint32_t nil = f.ldi(0);
    f.op(Op::DISPOSE, {nil, t_node});  // dispose(nil): nothing
    f.op(Op::RET, {});
  });
  uint64_t live = 1;
  Outcome o = run_inspect(m.img, "", small_options(), [&](Instance& inst) { live = instance_live_heap_blocks(inst); });
  EXPECT_FALSE(o.r.runtime_error) << o.r.message;
  EXPECT_EQ(o.out, "0aa");
  EXPECT_EQ(live, 0u);
}

// ---- builtins and standard input/output

TEST(InterpBuiltins, WriteFormats) {
  ImageMaker m;
  uint32_t t_color = m.type(TypeKind::Enum, "color", 4, 4);
  m.img.types[t_color].names = {"Red", "greenish", "BLUE"};
  m.proc("main", [&](Fn& f) {
    f.builtin(Builtin::kWRITE_BOOL, {f.ldi(1), f.ldi(-1)});
    f.builtin(Builtin::kWRITE_BOOL, {f.ldi(0), f.ldi(7)});
    f.builtin(Builtin::kWRITE_CHAR, {f.ldi('|'), f.ldi(3)});
    f.builtin(Builtin::kWRITE_ENUM, {f.ldi(1), f.ldi(static_cast<int32_t>(t_color)), f.ldi(-1)});
    f.builtin(Builtin::kWRITE_ENUM, {f.ldi(0), f.ldi(static_cast<int32_t>(t_color)), f.ldi(5)});
    f.builtin(Builtin::kWRITE_INT, {f.ldi(-42), f.ldi(6)});
    uint32_t s = f.reg(S);
    f.op(Op::LDKS, {s, 0});
    f.builtin(Builtin::kWRITE_STR, {s, f.ldi(5)});
    f.builtin(Builtin::kWRITE_STR, {s, f.ldi(1)});
    f.newline();
    uint32_t third = f.reg(F), three = f.reg(F);
    f.op(Op::I2F, {third, f.ldi(1)});
    f.op(Op::I2F, {three, f.ldi(3)});
    f.op(Op::FDIV, {third, third, three});
    f.builtin(Builtin::kWRITE_REAL, {third, f.ldi(-1), f.ldi(-1)});
    f.builtin(Builtin::kWRITE_REAL, {third, f.ldi(8), f.ldi(3)});
    f.newline();
    f.op(Op::RET, {});
  });
  m.img.units.back().kstr = {"ab"};
  EXPECT_EQ(run(m.img).out, "TRUE  FALSE  |greenishRed     -42   abab\n 3.3333333333333331E-001   0.333\n");  // enums pad on the right, as fpc
}

TEST(InterpBuiltins, StringFunctions) {
  ImageMaker m;
  m.proc("main", [&](Fn& f) {
    uint32_t hello = f.reg(S), lo = f.reg(S);
    f.op(Op::LDKS, {hello, 0});
    f.op(Op::LDKS, {lo, 1});
    auto show = [&](uint32_t s) {
      f.write_str(s);
      f.builtin(Builtin::kWRITE_CHAR, {f.ldi('|'), f.ldi(-1)});
    };
    show(f.builtin(Builtin::kCOPY, {hello, f.ldi(0), f.ldi(2)}, S));
    show(f.builtin(Builtin::kCOPY, {hello, f.ldi(4), f.ldi(100)}, S));
    show(f.builtin(Builtin::kCOPY, {hello, f.ldi(6), f.ldi(1)}, S));
    show(f.builtin(Builtin::kCOPY, {hello, f.ldi(-3), f.ldi(3)}, S));
    f.write_int(f.builtin(Builtin::kPOS, {lo, hello}, I));
    f.write_int(f.builtin(Builtin::kPOS, {f.reg(S), hello}, I));
    f.newline();
    // A string variable in the frame area, for insert/delete/setlength.
    f.pb().frame_slot(8, 8);
    f.pb().add_managed_slot(0, m.t_str);
    uint32_t var = f.reg(I), s = f.reg(S);
    f.op(Op::FADDR, {var, 0});
    f.op(Op::STS, {hello, var, 0});
    f.builtin(Builtin::kINSERT, {lo, var, f.ldi(3)});
    f.op(Op::LDS, {s, var, 0});
    show(s);
    f.builtin(Builtin::kDELETE, {var, f.ldi(2), f.ldi(3)});
    f.op(Op::LDS, {s, var, 0});
    show(s);
    f.builtin(Builtin::kSTR_SETLEN, {var, f.ldi(2)});
    f.op(Op::LDS, {s, var, 0});
    show(s);
    show(hello);  // the literal never changes
    show(f.builtin(Builtin::kUPCASE_STR, {hello}, S));
    show(f.builtin(Builtin::kSTR_TRUNC, {hello, f.ldi(3)}, S));
    show(f.builtin(Builtin::kSTR_INT, {f.ldi(-12), f.ldi(5)}, S));
    f.write_int(f.builtin(Builtin::kUPCASE_CHR, {f.ldi('q')}, I));
    f.write_int(f.builtin(Builtin::kLOWER_CHR, {f.ldi('Q')}, I));
    f.newline();
    f.op(Op::RET, {});
  });
  m.img.units.back().kstr = {"hello", "lo"};
  uint64_t live = 1;
  Outcome o = run_inspect(m.img, "", small_options(), [&](Instance& inst) { live = instance_live_heap_blocks(inst); });
  EXPECT_FALSE(o.r.runtime_error) << o.r.message;
  EXPECT_EQ(o.out, "he|lo||hel|40\nhelollo|hllo|hl|hello|HELLO|hel|  -12|81113\n");
  EXPECT_EQ(live, 0u);
}

TEST(InterpBuiltins, ValStoresTheErrorPosition) {
  ImageMaker m;
  m.proc("main", [&](Fn& f) {
    f.pb().frame_slot(8, 8);
    uint32_t code = f.reg(I), s = f.reg(S), v = f.reg(I);
    f.op(Op::FADDR, {code, 0});
    for (uint32_t k = 0; k < 2; k++) {
      f.op(Op::LDKS, {s, k});
      uint32_t r = f.builtin(Builtin::kVAL_INT, {s, code}, I);
      f.write_int(r);
      f.op(Op::LD64, {v, code, 0});
      f.write_int(v);
      f.newline();
    }
    f.op(Op::RET, {});
  });
  m.img.units.back().kstr = {" 123", "12a"};
  EXPECT_EQ(run(m.img).out, "1230\n03\n");
}

TEST(InterpBuiltins, ReadingInputAsFpc) {
  ImageMaker m;
  m.proc("main", [&](Fn& f) {
    auto bar = [&] { f.builtin(Builtin::kWRITE_CHAR, {f.ldi('|'), f.ldi(-1)}); };
    f.write_str(f.builtin(Builtin::kREAD_STR, {}, S));  // 'hello' (\r\n line break)
    bar();
    f.op(Op::CALLB, {bi(Builtin::kREAD_LN), 0});
    f.write_int(f.builtin(Builtin::kREAD_INT, {}, I));  // skips blanks and the empty line
    bar();
    f.write_int(f.builtin(Builtin::kREAD_INT, {}, I));
    bar();
    f.write_int(f.builtin(Builtin::kEOLN, {}, I));
    f.write_int(f.builtin(Builtin::kREAD_CHAR, {}, I));  // #10
    bar();
    uint32_t x = f.builtin(Builtin::kREAD_REAL, {}, F), r = f.reg(I);
    f.op(Op::FROUND, {r, x});
    f.write_int(r);
    bar();
    f.write_int(f.builtin(Builtin::kEOF, {}, I));
    f.op(Op::CALLB, {bi(Builtin::kREAD_LN), 0});
    f.write_str(f.builtin(Builtin::kREAD_STR, {}, S));  // last line, no line break
    f.write_int(f.builtin(Builtin::kEOLN, {}, I));
    f.write_int(f.builtin(Builtin::kEOF, {}, I));
    f.op(Op::CALLB, {bi(Builtin::kREAD_LN), 0});  // at the end: nothing
    f.write_str(f.builtin(Builtin::kREAD_STR, {}, S));
    bar();
    f.op(Op::RET, {});
  });
  Outcome o = run(m.img, "hello\r\n\n  12 -7\n2.5e1 \nlast");
  EXPECT_FALSE(o.r.runtime_error) << o.r.message;
  EXPECT_EQ(o.out, "hello|12|-7|110|25|0last11|");
}

TEST(InterpBuiltins, MathAndRandom) {
  ImageMaker m;
  m.proc("main", [&](Fn& f) {
    uint32_t x = f.reg(F), r = f.reg(I);
    f.op(Op::I2F, {x, f.ldi(16)});
    f.op(Op::FTRUNC, {r, f.builtin(Builtin::kSQRT, {x}, F)});
    f.write_int(r);
    f.op(Op::FROUND, {r, f.builtin(Builtin::kLN, {f.builtin(Builtin::kEXP, {x}, F)}, F)});
    f.write_int(r);
    f.newline();
    // random(10) stays in 0..9 over many draws; random real in [0, 1)
    uint32_t bad = f.ldi(0), i = f.ldi(1), n = f.ldi(10000), zero = f.ldi(0), ten = f.ldi(10);
    Label body = f.label();
    f.bind(body);
    uint32_t v = f.builtin(Builtin::kRANDOM_INT, {ten}, I);
    uint32_t lt = f.reg(I), ge = f.reg(I);
    f.op(Op::LT, {lt, v, zero});
    f.op(Op::LE, {ge, ten, v});
    f.op(Op::OR, {lt, lt, ge});
    f.op(Op::ADD, {bad, bad, lt});
    f.jump(Op::FORUP, {i, n}, body);
    f.write_int(bad);
    f.write_int(f.builtin(Builtin::kRANDOM_INT, {zero}, I));
    f.newline();
    f.op(Op::RET, {});
  });
  EXPECT_EQ(run(m.img).out, "416\n00\n");
}

TEST(InterpBuiltins, SleepSleepsAndFlushesFirst) {
  ImageMaker m;
  m.proc("main", [&](Fn& f) {
    f.write_int(f.ldi(1));
    f.builtin(Builtin::kSLEEP_MS, {f.ldi(30)});
    f.op(Op::RET, {});
  });
  int64_t t0 = monotonic_ns();
  EXPECT_EQ(run(m.img).out, "1");
  EXPECT_GE(monotonic_ns() - t0, 30'000'000);
}

TEST(InterpIO, BrokenPipeEndsTheProgramQuietly) {
  ImageMaker m;
  m.proc("main", [&](Fn& f) {
    uint32_t i = f.ldi(1), n = f.ldi(1000000);
    Label body = f.label();
    f.bind(body);
    f.write_int(i);
    f.op(Op::CALLB, {bi(Builtin::kFLUSH), 0});
    f.jump(Op::FORUP, {i, n}, body);
    f.op(Op::RET, {});
  });
  std::string error;
  InstancePtr inst = create_instance(m.img, small_options(), &error);
  ASSERT_TRUE(inst) << error;
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  close(fds[0]);
  instance_set_stdio(*inst, 0, fds[1]);
  RunResult r = run_instance(*inst);
  close(fds[1]);
  EXPECT_FALSE(r.runtime_error);
  EXPECT_EQ(r.exit_code, 141);
}

TEST(InterpIO, OutputIsBlockBufferedAndFlushedBeforeInput) {
  // Output written before a read reaches the file before the read blocks.
  ImageMaker m;
  m.proc("main", [&](Fn& f) {
    f.write_int(f.ldi(5));
    f.builtin(Builtin::kREAD_INT, {}, I);
    f.op(Op::RET, {});
  });
  std::string error;
  InstancePtr inst = create_instance(m.img, small_options(), &error);
  ASSERT_TRUE(inst) << error;
  int in[2];
  ASSERT_EQ(pipe(in), 0);
  int out = memfd_with("");
  instance_set_stdio(*inst, in[0], out);
  EXPECT_FALSE(inst->out.line_buffered());
  std::thread feeder([&] {
    // Waits until the program has flushed its prompt, then answers.
    for (int i = 0; i < 500 && read_all(out).empty(); i++) usleep(2000);
    EXPECT_EQ(read_all(out), "5");
    EXPECT_EQ(write(in[1], "9\n", 2), 2);
    close(in[1]);
  });
  RunResult r = run_instance(*inst);
  feeder.join();
  close(in[0]);
  close(out);
  EXPECT_FALSE(r.runtime_error) << r.message;
}

// ---- safe points

TEST(InterpPoll, PendingRequestIsServedAtASafePoint) {
  for (bool updatable : {true, false}) {
    VmOptions opts = small_options();
    opts.updatable = updatable;
    std::string error;
    InstancePtr inst = create_instance(fib_image(5), opts, &error);
    ASSERT_TRUE(inst) << error;
    int out = memfd_with("");
    instance_set_stdio(*inst, 0, out);
    inst->native.poll.store(true);
    RunResult r = run_instance(*inst);
    EXPECT_EQ(read_all(out), "5\n");
    close(out);
    EXPECT_EQ(inst->native.poll.load(), !updatable) << "polls happen only in an updatable instance";
  }
}

// ---- performance (disabled: run with --gtest_also_run_disabled_tests)

TEST(InterpPerf, DISABLED_Fib32) {
  Outcome o = run(fib_image(32));
  EXPECT_EQ(o.out, "2178309\n");
}

}  // namespace
}  // namespace dvm
