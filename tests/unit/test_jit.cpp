// Machine code against the interpreter: every opcode family on edge values,
// runtime errors with their positions and traces, random programs, and
// updates of programs running as machine code.  Each program runs with
// --jit=off (the reference), --jit=on and --jit=auto at threshold 1; all three
// must give the same output, exit status, error, position and trace.
#include <gtest/gtest.h>

#include <sys/mman.h>

#include <cmath>
#include <cstdlib>
#include <limits>

#include "frontend/c.h"
#include "frontend/pascal.h"
#include "jit/jit.h"
#include "tests/unit/c_test_support.h"
#include "tests/unit/random_pascal.h"
#include "vm/instance.h"

namespace dvm {
namespace {

using namespace ctest;

VmOptions mode_options(JitMode mode, uint64_t memory_bytes = 64ull << 20) {
  VmOptions o;
  o.stack_bytes = 16ull << 20;
  o.memory_bytes = memory_bytes;
  o.jit_mode = mode;
  if (mode != JitMode::Off) o.jit = jit::make_engine();
  o.jit_threshold = 1;
  return o;
}

std::string describe(const Outcome& o) {
  std::string s = "exit " + std::to_string(o.r.exit_code);
  if (o.r.runtime_error) s += ", error '" + o.r.message + "' at " + std::to_string(o.r.line) + ":" + std::to_string(o.r.col);
  if (!o.r.detail.empty()) s += " (" + o.r.detail + ")";
  for (const TraceEntry& t : o.r.trace)
    s += "\n  at " + t.proc + " v" + std::to_string(t.version) + " " + std::to_string(t.line) + ":" + std::to_string(t.col);
  return s + "\n" + o.out;
}

// Runs img in the three modes; returns the interpreter's outcome.
Outcome expect_same_in_every_mode(const Image& img, const std::string& input = "", const std::string& what = "",
                                  uint64_t memory_bytes = 64ull << 20) {
  Outcome ref = run_image(img, input, mode_options(JitMode::Off, memory_bytes));
  for (JitMode mode : {JitMode::On, JitMode::Auto}) {
    Outcome got = run_image(img, input, mode_options(mode, memory_bytes));
    EXPECT_EQ(describe(got), describe(ref)) << (mode == JitMode::On ? "--jit=on" : "--jit=auto") << " " << what;
    EXPECT_EQ(got.err, ref.err);
  }
  return ref;
}

// A program's image, from the front end of its language.
Image compiled(bool is_c, const std::string& text) {
  SourceFile src(is_c ? "p.c" : "p.pas", text);
  Diagnostics diags;
  Image img;
  EXPECT_TRUE(is_c ? compile_c(src, &img, &diags) : compile_pascal(src, &img, &diags)) << text;
  return img;
}
Image pascal(const std::string& text) { return compiled(false, text); }
Image c_program(const std::string& text) { return compiled(true, text); }

uint32_t array_type(CImage& c, const char* name, int64_t count) {
  uint32_t t = c.type(TypeKind::Array, name, static_cast<uint32_t>(count * 8), c.t_long);
  c.img.types[t].lo = 0;
  c.img.types[t].hi = count - 1;
  return t;
}

const int64_t kInts[] = {0, 1, -1, 2, 7, -7, 63, 64, 65, 255, 256, 65535, 2147483647, -2147483648LL, 4294967295LL,
                         INT64_MAX, INT64_MIN, 0x5555555555555555LL, -1234567890123LL};

// One program printing op(a, b) for every pair of kInts.
Image binary_table(Op op) {
  CImage c;
  c.proc("main", [&](ProcBuilder& pb, UnitBuilder& ub) {
    for (int64_t a : kInts)
      for (int64_t b : kInts) {
        uint32_t ra = ldk(pb, ub, a), rb = ldk(pb, ub, b), rd = pb.reg(Kind::I);
        pb.emit(op, {rd, ra, rb});
        print_int(pb, rd);
      }
    pb.emit(Op::RET, {});
  });
  return c.img;
}

TEST(JitOpcodes, IntegerArithmeticLogicShiftsAndCompares) {
  for (Op op : {Op::ADD, Op::SUB, Op::MUL, Op::AND, Op::OR, Op::XOR, Op::SHL, Op::SHR, Op::SAR, Op::EQ, Op::NE, Op::LT,
                Op::LE, Op::LTU, Op::LEU})
    expect_same_in_every_mode(binary_table(op), "", op_info(op).name);
}

TEST(JitOpcodes, UnaryAndImmediateForms) {
  CImage c;
  c.proc("main", [&](ProcBuilder& pb, UnitBuilder& ub) {
    for (int64_t a : kInts) {
      uint32_t ra = ldk(pb, ub, a);
      for (Op op : {Op::NEG, Op::NOT, Op::LNOT, Op::ABS, Op::SEXT8, Op::SEXT16, Op::SEXT32, Op::ZEXT8, Op::ZEXT16,
                    Op::ZEXT32, Op::MOVI}) {
        uint32_t rd = pb.reg(Kind::I);
        pb.emit(op, {rd, ra});
        print_int(pb, rd);
      }
      for (int32_t k : {0, 1, -1, 1000, INT32_MAX, INT32_MIN}) {
        uint32_t rd = pb.reg(Kind::I);
        pb.emit(Op::ADDK, {rd, ra, imm(k)});
        print_int(pb, rd);
        pb.emit(Op::MULK, {rd, ra, imm(k)});
        print_int(pb, rd);
      }
      pb.emit(Op::ADDK, {ra, ra, imm(3)});  // destination = source
      print_int(pb, ra);
    }
    pb.emit(Op::RET, {});
  });
  expect_same_in_every_mode(c.img);
}

TEST(JitOpcodes, DivisionAndRemainderIncludingTraps) {
  for (Op op : {Op::DIV, Op::MOD, Op::UDIV, Op::UMOD, Op::CDIV, Op::CMOD}) {
    bool c_width = op == Op::CDIV || op == Op::CMOD;
    for (uint32_t width : {32u, 64u}) {
      if (!c_width && width == 32) continue;
      CImage c;
      c.proc("main", [&](ProcBuilder& pb, UnitBuilder& ub) {
        for (int64_t a : kInts)
          for (int64_t b : kInts) {
            if (b == 0) continue;
            if (c_width && b == -1 && a == (width == 32 ? INT32_MIN : INT64_MIN)) continue;
            int64_t na = c_width && width == 32 ? static_cast<int32_t>(a) : a;
            int64_t nb = c_width && width == 32 ? static_cast<int32_t>(b) : b;
            if (nb == 0 || (c_width && nb == -1 && na == (width == 32 ? INT32_MIN : INT64_MIN))) continue;
            uint32_t ra = ldk(pb, ub, na), rb = ldk(pb, ub, nb), rd = pb.reg(Kind::I);
            if (c_width) pb.emit(op, {rd, ra, rb, width});
            else pb.emit(op, {rd, ra, rb});
            print_int(pb, rd);
          }
        pb.emit(Op::RET, {});
      });
      expect_same_in_every_mode(c.img, "", op_info(op).name);
      // The traps: by zero, and MIN / -1 in C.
      std::vector<std::pair<int64_t, int64_t>> traps = {{5, 0}};
      if (c_width) traps.push_back({width == 32 ? INT32_MIN : INT64_MIN, -1});
      for (auto [a, b] : traps) {
        CImage t;
        t.proc("main", [&](ProcBuilder& pb, UnitBuilder& ub) {
          uint32_t ra = ldk(pb, ub, a), rb = ldk(pb, ub, b), rd = pb.reg(Kind::I);
          pb.set_pos(7, 3);
          if (c_width) pb.emit(op, {rd, ra, rb, width});
          else pb.emit(op, {rd, ra, rb});
          print_int(pb, rd);
          pb.emit(Op::RET, {});
        });
        Outcome o = expect_same_in_every_mode(t.img, "", op_info(op).name);
        EXPECT_TRUE(o.r.runtime_error);
        EXPECT_EQ(o.r.line, 7u);
      }
    }
  }
}

// Divisors the prologue sets once are constants to machine code: a
// multiplication by a magic number instead of a division.
TEST(JitOpcodes, DivisionByConstants) {
  const int64_t divisors[] = {2, 3, 5, 7, 10, 16, 25, 641, 1000003, 2147483647, -2, -3, -7, -16, -1000003,
                              INT64_MAX, INT64_MIN, INT64_MIN + 1, 0x123456789LL};
  for (Op op : {Op::DIV, Op::MOD, Op::CDIV, Op::CMOD}) {
    CImage c;
    c.proc("main", [&](ProcBuilder& pb, UnitBuilder& ub) {
      std::vector<uint32_t> regs;
      for (int64_t d : divisors) {
        uint32_t r = pb.reg(Kind::I);
        pb.emit_prologue(Op::LDK, {r, ub.kint(d)});
        regs.push_back(r);
      }
      for (int64_t a : kInts)
        for (uint32_t rd : regs) {
          uint32_t ra = ldk(pb, ub, a), out = pb.reg(Kind::I);
          if (op == Op::CDIV || op == Op::CMOD) pb.emit(op, {out, ra, rd, 64});
          else pb.emit(op, {out, ra, rd});
          print_int(pb, out);
        }
      pb.emit(Op::RET, {});
    });
    expect_same_in_every_mode(c.img, "", op_info(op).name);
  }
}

const double kReals[] = {0.0, -0.0, 1.5, -2.25, 0.1, 1e308, -1e308, 4.9e-324, 2.5, 3.5, -2.5, 9.2e18, -9.3e18,
                         INFINITY, -INFINITY, NAN};

// Prints the bits of F register f (through memory: also a test of STF64/LD64).
void print_bits(ProcBuilder& pb, UnitBuilder& ub, uint32_t f, uint32_t scratch) {
  uint32_t addr = pb.reg(Kind::I), bits = pb.reg(Kind::I);
  pb.emit(Op::GADDR, {addr, ub.global_ref("scratch")});
  pb.emit(Op::STF64, {f, addr, 0});
  pb.emit(Op::LD64, {bits, addr, 0});
  print_int(pb, bits);
  (void)scratch;
}

TEST(JitOpcodes, RealArithmeticComparesAndConversions) {
  CImage c;
  c.global("scratch", c.t_long);
  c.proc("main", [&](ProcBuilder& pb, UnitBuilder& ub) {
    for (double a : kReals) {
      uint32_t fa = ldkf(pb, ub, a);
      for (Op op : {Op::FNEG, Op::FABS, Op::FSINGLE, Op::MOVF}) {
        uint32_t fd = pb.reg(Kind::F);
        pb.emit(op, {fd, fa});
        print_bits(pb, ub, fd, 0);
      }
      uint32_t id = pb.reg(Kind::I);
      pb.emit(Op::F2I, {id, fa});
      print_int(pb, id);
      for (double b : kReals) {
        uint32_t fb = ldkf(pb, ub, b);
        for (Op op : {Op::FADD, Op::FSUB, Op::FMUL, Op::FDIVC}) {
          uint32_t fd = pb.reg(Kind::F);
          pb.emit(op, {fd, fa, fb});
          print_bits(pb, ub, fd, 0);
        }
        for (Op op : {Op::FEQ, Op::FNE, Op::FLT, Op::FLE}) {
          uint32_t rd = pb.reg(Kind::I);
          pb.emit(op, {rd, fa, fb});
          print_int(pb, rd);
        }
      }
    }
    for (int64_t a : kInts) {
      uint32_t ra = ldk(pb, ub, a), fd = pb.reg(Kind::F);
      pb.emit(Op::I2F, {fd, ra});
      print_bits(pb, ub, fd, 0);
      pb.emit(Op::U2F, {fd, ra});
      print_bits(pb, ub, fd, 0);
    }
    pb.emit(Op::RET, {});
  });
  expect_same_in_every_mode(c.img);
}

TEST(JitOpcodes, RealToIntegerConversionsAndTheirTraps) {
  for (Op op : {Op::FTRUNC, Op::FROUND, Op::FDIV}) {
    for (double a : kReals) {
      CImage c;
      c.proc("main", [&](ProcBuilder& pb, UnitBuilder& ub) {
        uint32_t fa = ldkf(pb, ub, a), rd = pb.reg(Kind::I);
        pb.set_pos(3, 9);
        if (op == Op::FDIV) {
          uint32_t fd = pb.reg(Kind::F), one = ldkf(pb, ub, 1.0);
          pb.emit(op, {fd, one, fa});
          pb.emit(Op::F2I, {rd, fd});
        } else {
          pb.emit(op, {rd, fa});
        }
        print_int(pb, rd);
        pb.emit(Op::RET, {});
      });
      expect_same_in_every_mode(c.img, "", std::string(op_info(op).name) + " " + std::to_string(a));
    }
  }
}

TEST(JitOpcodes, LoadsStoresOfEveryWidthAndTheirFaults) {
  CImage c;
  uint32_t t_buf = array_type(c, "buf", 8);
  c.global("buf", t_buf);
  c.global("scratch", c.t_long);
  c.proc("main", [&](ProcBuilder& pb, UnitBuilder& ub) {
    uint32_t base = pb.reg(Kind::I);
    pb.emit(Op::GADDR, {base, ub.global_ref("buf")});
    for (int64_t v : kInts) {
      uint32_t rv = ldk(pb, ub, v), rd = pb.reg(Kind::I);
      for (auto [st, off] : {std::pair{Op::ST8, 3}, {Op::ST16, 6}, {Op::ST32, 12}, {Op::ST64, 24}}) pb.emit(st, {rv, base, imm(off)});
      for (auto [ld, off] : {std::pair{Op::LD8S, 3}, {Op::LD8U, 3}, {Op::LD16S, 6}, {Op::LD16U, 6}, {Op::LD32S, 12},
                             {Op::LD32U, 12}, {Op::LD64, 24}, {Op::LD64, 0}}) {
        pb.emit(ld, {rd, base, imm(off)});
        print_int(pb, rd);
      }
    }
    for (double f : kReals) {
      uint32_t rf = ldkf(pb, ub, f), fd = pb.reg(Kind::F);
      pb.emit(Op::STF32, {rf, base, imm(40)});
      pb.emit(Op::LDF32, {fd, base, imm(40)});
      print_bits(pb, ub, fd, 0);
      pb.emit(Op::STF64, {rf, base, imm(48)});
      pb.emit(Op::LDF64, {fd, base, imm(48)});
      print_bits(pb, ub, fd, 0);
    }
    pb.emit(Op::RET, {});
  });
  expect_same_in_every_mode(c.img);
  // Faults: nil, the last byte of the null page, far beyond the memory, a
  // negative offset that wraps, and an access straddling the end of memory.
  for (int64_t addr : {int64_t{0}, int64_t{4095}, int64_t{1} << 40, int64_t{-8}, (int64_t{64} << 20) - 4}) {
    for (Op op : {Op::LD8U, Op::LD64, Op::ST32, Op::LDF64}) {
      CImage f;
      f.proc("main", [&](ProcBuilder& pb, UnitBuilder& ub) {
        uint32_t ra = ldk(pb, ub, addr), rv = pb.reg(op == Op::LDF64 ? Kind::F : Kind::I);
        pb.set_pos(5, 2);
        pb.emit(op, {rv, ra, 0});
        pb.emit(Op::RET, {});
      });
      Outcome o = expect_same_in_every_mode(f.img, "", std::string(op_info(op).name) + " at " + std::to_string(addr));
      EXPECT_TRUE(o.r.runtime_error);
    }
  }
}

TEST(JitOpcodes, IndexingRangeChecksAndBranches) {
  for (int64_t i : std::initializer_list<int64_t>{-1, 0, 1, 9, 10, 11, INT64_MIN, INT64_MAX}) {
    CImage c;
    uint32_t t_arr = array_type(c, "arr", 10);
    c.global("arr", t_arr);
    c.proc("main", [&](ProcBuilder& pb, UnitBuilder& ub) {
      uint32_t base = pb.reg(Kind::I), ri = ldk(pb, ub, i), rd = pb.reg(Kind::I), hi = ldk(pb, ub, 9);
      pb.emit(Op::GADDR, {base, ub.global_ref("arr")});
      pb.set_pos(2, 4);
      pb.emit(Op::IDXR, {rd, base, ri, hi, imm(8)});
      pb.emit(Op::ST64, {ri, rd, 0});
      pb.set_pos(3, 4);
      pb.emit(Op::IDX, {rd, base, ri, ub.kint(1), ub.kint(10), imm(8)});
      pb.emit(Op::LD64, {rd, rd, 0});
      print_int(pb, rd);
      pb.set_pos(4, 4);
      pb.emit(Op::CHKRNG, {ri, ub.kint(-1), ub.kint(10)});
      print_int(pb, ri);
      pb.emit(Op::RET, {});
    });
    expect_same_in_every_mode(c.img, "", "index " + std::to_string(i));
  }
  for (Op op : {Op::JEQ, Op::JNE, Op::JLT, Op::JLE, Op::JLTU, Op::JLEU}) {
    CImage c;
    c.proc("main", [&](ProcBuilder& pb, UnitBuilder& ub) {
      for (int64_t a : kInts)
        for (int64_t b : kInts) {
          uint32_t ra = ldk(pb, ub, a), rb = ldk(pb, ub, b), rd = pb.reg(Kind::I);
          Label taken = pb.new_label(), done = pb.new_label();
          pb.emit_jump(op, {ra, rb}, taken);
          pb.emit(Op::LDI, {rd, imm(0)});
          pb.emit_jump(Op::JMP, {}, done);
          pb.bind(taken);
          pb.emit(Op::LDI, {rd, imm(1)});
          pb.bind(done);
          print_int(pb, rd);
        }
      pb.emit(Op::RET, {});
    });
    expect_same_in_every_mode(c.img, "", op_info(op).name);
  }
}

// Calls in every mix of machine code and interpreter, strings, records,
// nested routines, var parameters; then the runtime errors with their traces.
TEST(JitPrograms, CallsStringsRecordsAndNestedRoutines) {
  Image img = pascal(
      "program p;\ntype pt = record x, y: integer; name: string end;\n"
      "var a: array[1..20] of pt; i, total: integer; s: string;\n"
      "function fib(n: integer): integer; begin if n < 2 then fib := n else fib := fib(n - 1) + fib(n - 2) end;\n"
      "procedure swap(var a, b: integer); var t: integer; begin t := a; a := b; b := t end;\n"
      "function outer(k: integer): integer;\n  var acc: integer;\n"
      "  procedure add(v: integer); begin acc := acc + v * k end;\n"
      "begin acc := 0; add(1); add(2); outer := acc end;\n"
      "function shout(t: string): string; begin shout := upcase(t) + '!' end;\n"
      "begin\n  total := 0; s := '';\n"
      "  for i := 1 to 20 do begin a[i].x := i; a[i].y := i * i; a[i].name := chr(96 + i); s := s + a[i].name end;\n"
      "  for i := 1 to 19 do swap(a[i].x, a[i + 1].y);\n"
      "  for i := 1 to 20 do total := total + a[i].x - a[i].y;\n"
      "  writeln(total, ' ', fib(20), ' ', outer(5), ' ', shout(copy(s, 3, 5)), ' ', length(s), ' ', pos('k', s));\n"
      "  writeln(s[7], ord(s[20]), ' ', s < 'b', ' ', 2.5:0:3, ' ', sqrt(2.0), ' ', round(2.5), ' ', round(3.5))\n"
      "end.\n");
  Outcome o = expect_same_in_every_mode(img);
  EXPECT_NE(o.out.find("6765 15 CDEFG! 20"), std::string::npos) << o.out;
}

// An element indexed again in the same block reuses the first address
// computation, unless the index, the array or the address register changed
// in between or a call (a safe point) came between them.
TEST(JitPrograms, RepeatedIndexingSeesEveryChangeOfItsOperands) {
  Image img = pascal(
      "program r;\ntype body = record x, y, z: real; n: integer end;\n"
      "var b: array[1..5] of body; i, j, k: integer; t: real;\n"
      "function next(v: integer): integer; begin i := v mod 5 + 1; next := i end;\n"
      "begin\n  for i := 1 to 5 do begin b[i].x := i; b[i].y := i * 2; b[i].z := i * 3; b[i].n := i end;\n"
      "  t := 0.0;\n"
      "  for j := 1 to 5 do begin\n"
      "    i := j; t := t + b[i].x * b[i].y; i := 6 - j; t := t + b[i].z;\n"
      "    k := next(i); t := t + b[i].n + b[k].x; b[i].n := b[i].n + 1; t := t + b[i].n\n"
      "  end;\n  writeln(t:0:1);\n"
      "  i := 3; t := b[i].x; i := i + 3; t := t + b[i].y\n"
      "end.\n");
  Outcome o = expect_same_in_every_mode(img);
  EXPECT_TRUE(o.r.runtime_error);  // b[6]: the second index is checked again
  EXPECT_NE(o.out.find("205.0"), std::string::npos) << o.out;  // (what fpc's build prints)
}

// C reaches `b[i].f` through its own address arithmetic each time: machine
// code computes a value again only when an operand changed (by assignment or
// at a call), whichever registers the front end put it in.
TEST(JitPrograms, RepeatedAddressArithmeticSeesEveryChangeOfItsOperands) {
  Image img = c_program(
      "#include <stdio.h>\nstruct body { double x, y, z; long n; };\nstatic struct body b[8];\n"
      "static int pick(int v) { return v % 5 + 1; }\n"
      "int main(void) {\n  int i, j, k;\n  double t = 0.0;\n"
      "  for (i = 1; i <= 5; i++) { b[i].x = i; b[i].y = i * 2; b[i].z = i * 3; b[i].n = i; }\n"
      "  for (j = 1; j <= 5; j++) {\n"
      "    i = j; t = t + b[i].x * b[i].y; i = 6 - j; t = t + b[i].z + b[j].z;\n"
      "    b[i].n = b[i].n + b[j].n; t = t + b[i].n;\n"
      "    k = pick(i); t = t + b[i].n + b[k].x; i = k; t = t + b[i].y - b[j].x;\n"
      "    long m = (long)i * 7, q = (long)i * 7 + j; t = t + (double)(m ^ q) + (double)((m << 2) - (q >> 1));\n"
      "  }\n  printf(\"%.1f\\n\", t);\n"
      "  i = 3; t = b[i].z; i = i + 3; t = t + b[i].y;\n  printf(\"%.1f\\n\", t);\n"
      "  i = 7; t = t + b[i - 1].x + b[i].x;\n  printf(\"%.1f\\n\", t);\n  return 0;\n}\n");
  Outcome o = expect_same_in_every_mode(img);
  EXPECT_EQ(o.out, "723.0\n9.0\n9.0\n");  // (what gcc's build prints)
}

// Checks of accesses through one pointer prove the bytes between them; an
// access outside what earlier checks proved is checked, and fails where the
// interpreter fails (here below the first page: a nil dereference).
TEST(JitPrograms, AccessesThroughOnePointerFaultWhereTheInterpreterDoes) {
  for (const char* order : {"p->c + p->a + p->b + p->d", "p->a + p->d + p->b + p->c", "p->d + p->c + p->b + p->a"}) {
    for (const char* where : {"4080", "4096", "8"}) {
      Image img = c_program(std::string("#include <stdio.h>\n#include <stdint.h>\nstruct rec { long a, b, c, d; };\n"
                                        "static long sum(struct rec *p) {\n  long s = 0;\n  s = ") +
                            order + ";\n  return s;\n}\nint main(void) {\n  static struct rec r = {1, 2, 3, 4};\n"
                            "  printf(\"%ld\\n\", sum(&r));\n  printf(\"%ld\\n\", sum((struct rec *)(uintptr_t)" +
                            where + "));\n  return 0;\n}\n");
      Outcome o = expect_same_in_every_mode(img, "", std::string(order) + " at " + where);
      EXPECT_EQ(o.out.substr(0, 3), "10\n");
      EXPECT_EQ(o.r.runtime_error, std::string(where) != "4096") << order << " at " << where;
    }
  }
}

// An index checked against one array's bounds is not checked again in the
// block against bounds that contain them, and is against narrower ones.
TEST(JitPrograms, AnIndexCheckedOnceStillFailsAgainstNarrowerBounds) {
  for (const char* k : {"1", "5", "6", "10", "0", "11"}) {
    Image img = pascal(std::string("program ix;\nvar a: array[1..10] of integer; b: array[1..5] of integer;\n"
                                   "  c: array[0..20] of integer; i, k, t: integer;\nbegin\n"
                                   "  for i := 1 to 10 do a[i] := i * i;\n  for i := 1 to 5 do b[i] := -i;\n"
                                   "  for i := 0 to 20 do c[i] := i;\n  k := ") +
                       k + ";\n  t := c[k] + a[k];\n  t := t + c[k] + a[k] + b[k];\n  writeln(t)\nend.\n");
    Outcome o = expect_same_in_every_mode(img, "", std::string("k = ") + k);
    EXPECT_EQ(o.r.runtime_error, std::string(k) != "1" && std::string(k) != "5") << k;
  }
}

// s := s + ch appends in place in machine code only to a unique string
// with room: a shared string is copied (its other holder keeps its value), a
// literal is never written, and every length crosses its block's capacity.
TEST(JitPrograms, AppendingACharacterInPlaceOnlyWhereItIsSafe) {
  Image img = pascal(
      "program app;\nvar s, t, u, w: string; i, h: integer;\n"
      "begin\n  s := ''; h := 0;\n"
      "  for i := 1 to 300 do begin\n"
      "    s := s + chr(97 + i mod 26);\n"
      "    if i mod 37 = 0 then begin t := s; s := s + '!'; s := s + ''; t := t + '?' end;\n"
      "    h := (h * 31 + length(s) + ord(s[length(s)])) mod 1000003\n  end;\n"
      "  u := 'lit'; u := u + 'x'; w := 'lit';\n"
      "  u := u + 'yz'; u := u + chr(0); u := u + 'w';\n"
      "  writeln(length(s), ' ', h, ' ', t, ' ', u, ' ', length(u), ' ', w)\nend.\n");
  Outcome o = expect_same_in_every_mode(img);
  // (what fpc's build prints, with ansistrings)
  EXPECT_EQ(o.out.substr(0, 20), "308 48655 bcdefghijk") << o.out;
  EXPECT_EQ(o.out.substr(o.out.size() - 19), "jk? litxyz" + std::string(1, '\0') + "w 8 lit\n") << o.out;
}

// new/dispose and malloc/free take and give back blocks in machine code:
// fresh blocks start zeroed, freed ones are reused last in, first out, the
// free lists grow past their first capacity, and large blocks keep to the VM.
TEST(JitPrograms, HeapBlocksTakenAndGivenBackInMachineCode) {
  Image p = pascal(
      "program heap;\ntype PNode = ^TNode; TNode = record v: integer; next: PNode end;\n"
      "  PBig = ^TBig; TBig = record a: array[1..40] of integer end;\n"
      "var head, n: PNode; big: PBig; i, r, s: integer;\n"
      "begin\n  s := 0;\n  for r := 1 to 3 do begin\n    head := nil;\n"
      "    for i := 1 to 200 do begin new(n); s := s + n^.v; n^.v := i * r; n^.next := head; head := n end;\n"
      "    new(big); s := s + big^.a[40]; big^.a[40] := r; dispose(big);\n"
      "    while head <> nil do begin n := head; head := head^.next; s := s + n^.v; dispose(n) end\n"
      "  end;\n  writeln(s)\nend.\n");
  EXPECT_EQ(expect_same_in_every_mode(p).out, "120600\n");  // (3 + 2 + 1) * 20100
  Image c = c_program(
      "#include <stdio.h>\n#include <stdlib.h>\n"
      "int main(void) {\n  char *kept[300]; long sum = 0;\n"
      "  for (int r = 0; r < 2; r++) {\n"
      "    for (int i = 0; i < 300; i++) { kept[i] = malloc(i % 50 + 1); kept[i][0] = (char)i; }\n"
      "    for (int i = 0; i < 300; i++) { sum += kept[i][0]; free(kept[i]); }\n  }\n"
      "  char *a = malloc(24); free(a); char *b = malloc(20); char *c = malloc(24);\n"
      "  char *big = malloc(5000); big[4999] = 7; free(big); free(NULL);\n"
      "  printf(\"%ld %d %d\\n\", sum, a == b, b == c);\n  free(b); free(c);\n  return 0;\n}\n");
  EXPECT_EQ(expect_same_in_every_mode(c).out, "1636 1 0\n");  // (what gcc's build prints)
}

// Program memory too large to lie below 2 GiB: machine code addresses it
// through a base register instead of folding the base into displacements.
// Takes one page at every place below 2 GiB where program memory could
// start, so that the next memory reserved lies above.
class LowPlacesTaken {
 public:
  LowPlacesTaken() {
    for (uintptr_t at = uintptr_t{1} << 28; at < uintptr_t{1} << 31; at += uintptr_t{1} << 28) {
      void* p = mmap(reinterpret_cast<void*>(at), 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
      if (p == reinterpret_cast<void*>(at)) taken_.push_back(p);
      else if (p != MAP_FAILED) munmap(p, 4096);
    }
  }
  ~LowPlacesTaken() {
    for (void* p : taken_) munmap(p, 4096);
  }

 private:
  std::vector<void*> taken_;
};

TEST(JitPrograms, MemoryAboveTwoGibIsAddressedThroughARegister) {
  LowPlacesTaken taken;
  {
    Memory probe;
    std::string error;
    ASSERT_TRUE(probe.reserve(64 * 1024, 4096, 1 << 20, &error)) << error;
    ASSERT_FALSE(probe.low_base()) << "a place below 2 GiB was left free";
  }
  Image p = pascal(
      "program far;\ntype PNode = ^TNode; TNode = record v: integer; name: string; next: PNode end;\n"
      "var a: array[0..99] of integer; head, n: PNode; i, s: integer; t: string;\n"
      "begin\n  head := nil; t := '';\n"
      "  for i := 0 to 99 do begin a[i] := i * i; new(n); n^.v := a[i]; n^.name := chr(65 + i mod 26); n^.next := head; head := n end;\n"
      "  s := 0;\n  while head <> nil do begin n := head; s := s + n^.v; t := t + n^.name; head := n^.next; dispose(n) end;\n"
      "  writeln(s, ' ', copy(t, 1, 8), ' ', a[99]);\n  writeln(a[100 + s mod 2])\nend.\n");
  Outcome o = expect_same_in_every_mode(p, "", "", uint64_t{1900} << 20);
  EXPECT_EQ(o.out, "328350 VUTSRQPO 9801\n");
  EXPECT_TRUE(o.r.runtime_error);
}

// Giving back what is not a live block fails as in the interpreter, at the
// same place: a second dispose, a pointer inside a block, a block whose
// header the program overwrote, an address outside the heap.
TEST(JitPrograms, BadDisposeAndFreeFailAsTheInterpreterDoes) {
  Image twice = pascal(
      "program twice;\ntype P = ^integer;\nvar a, b: P; i: integer;\n"
      "begin\n  for i := 1 to 3 do begin new(a); b := a; dispose(a) end;\n  writeln(i);\n  dispose(b)\nend.\n");
  Outcome o = expect_same_in_every_mode(twice);
  EXPECT_TRUE(o.r.runtime_error);
  EXPECT_EQ(o.r.line, 7);
  EXPECT_EQ(o.out, "3\n");
  const char* frees[] = {"p + 16", "p + 1", "(char *)&x", "p + 4096"};
  for (const char* what : frees) {
    Image c = c_program(std::string("#include <stdio.h>\n#include <stdlib.h>\nint x;\n"
                                    "int main(void) {\n  char *p = malloc(40), *q = malloc(40);\n"
                                    "  free(q); q = malloc(40); free(q);\n  printf(\"ok\\n\");\n  free(") +
                        what + ");\n  printf(\"not reached\\n\");\n  return 0;\n}\n");
    Outcome f = expect_same_in_every_mode(c, "", what);
    EXPECT_TRUE(f.r.runtime_error) << what;
    EXPECT_EQ(f.r.line, 8) << what;
  }
  Image header = c_program(
      "#include <stdio.h>\n#include <stdlib.h>\n"
      "int main(void) {\n  long *p = malloc(32), *q = malloc(32);\n  free(q); q = malloc(32);\n"
      "  p[-1] = 1 << 20;\n  free(q); printf(\"q\\n\");\n  free(p);\n  printf(\"not reached\\n\");\n  return 0;\n}\n");
  Outcome h = expect_same_in_every_mode(header);
  EXPECT_TRUE(h.r.runtime_error);
  EXPECT_EQ(h.r.line, 8);
  EXPECT_EQ(h.out, "q\n");
}

// a := b + c in machine code: appended in place only to a unique string
// with room, else into a fresh block (long results and empty operands left
// to the VM); shared strings keep their value, s + s reads what it writes
// to, and many live strings keep the allocator's registers under pressure.
TEST(JitPrograms, ConcatenationInPlaceAndIntoFreshBlocks) {
  Image img = pascal(
      "program cat;\nvar s, t, u, w: string; i, h: integer;\nbegin\n  s := ''; h := 0; w := '';\n"
      "  for i := 1 to 120 do begin\n    s := s + chr(65 + i mod 26) + 'xy';\n"
      "    if i mod 7 = 0 then begin t := s; s := s + 'shared'; t := t + '?' end;\n"
      "    if i mod 11 = 0 then s := s + s;\n    if length(s) > 700 then s := copy(s, 1, 50);\n"
      "    u := t + s;\n    u := u + '';\n    w := '' + u;\n"
      "    h := (h * 31 + length(s) + length(u) + length(w) + ord(u[length(u)]) + ord(s[1])) mod 1000003\n  end;\n"
      "  writeln(length(s), ' ', length(t), ' ', h, ' ', copy(s, 1, 30), ' ', t[length(t)])\nend.\n");
  Outcome o = expect_same_in_every_mode(img);
  EXPECT_EQ(o.out, "92 84 953691 BxyCxyDxyExyFxyGxyHxysharedIxy ?\n");  // (what fpc's build prints, with ansistrings)
}

// a[i] of a[i, k] is computed once before the k loop; when i is out of
// range it fails there, at a[i, k]'s position and after the same output, as
// the interpreter fails in the loop's first turn.  Loops whose first block
// writes before the index, or that change what it reads, compute it in the
// loop as before.
// Indexing by a counted loop's variable needs no check when the loop runs
// between constants inside the bounds; every other loop keeps its checks and
// fails where the interpreter does: a limit past the bounds, a start below
// them, a start or limit that is not a constant, an index that is not the
// variable, and loops nested in each other.
TEST(JitPrograms, CountedLoopsIndexWithoutChecksOnlyWithinTheBounds) {
  const char* head =
      "program r;\nvar a: array[1..10] of integer; b: array[0..3, 2..5] of integer; i, k, s, n: integer;\n"
      "begin\n  s := 0; n := 10;\n  for i := 1 to 10 do a[i] := i * i;\n"
      "  for i := 0 to 3 do for k := 2 to 5 do b[i, k] := i * 10 + k;\n"
      "  for i := 1 to 10 do s := s + a[i];\n  for i := 0 to 3 do for k := 2 to 5 do s := s + b[i, k] * a[k];\n"
      "  for i := 3 to 3 do s := s + a[i];\n  for i := 5 to 1 do s := s + a[100];\n"
      "  writeln(s);\n";
  struct Case {
    const char* loop;
    int line;  // of the failing index; 0: none
    const char* out;
  } cases[] = {
      {"  for i := 1 to 10 do s := s + a[i]\n", 0, "4530\n4915\n"},
      {"  for i := 1 to 11 do s := s + a[i]\n", 12, "4530\n"},
      {"  for i := 0 to 10 do s := s + a[i]\n", 12, "4530\n"},
      {"  for i := n - 9 to 10 do s := s + a[i]\n", 0, "4530\n4915\n"},
      {"  for i := 1 to n + 1 do s := s + a[i]\n", 12, "4530\n"},
      {"  for i := 1 to 10 do s := s + a[11 - i] + a[i + 1]\n", 12, "4530\n"},
      {"  for i := 1 to 4 do for k := 1 to 5 do s := s + b[i - 1, k]\n", 12, "4530\n"},
      {"  for i := 1 to 4 do for k := 2 to 6 do s := s + b[i - 1, k]\n", 12, "4530\n"},
  };
  for (const Case& c : cases) {
    std::string text = std::string(head) + c.loop + "  ;writeln(s)\nend.\n";
    Outcome o = expect_same_in_every_mode(pascal(text), "", text);
    EXPECT_EQ(o.r.runtime_error, c.line != 0) << text;
    if (c.line) {
      EXPECT_EQ(o.r.line, c.line) << text;
    }
    EXPECT_EQ(o.out, c.out) << text;
  }
}

// C indexes through address arithmetic: a counted loop's variable scaled
// and added to an object's address needs no memory check while the sum stays
// inside the object, and keeps it otherwise: a loop that runs off the end of
// program memory faults where the interpreter does.
TEST(JitPrograms, CountedLoopsInCCheckAccessesOutsideTheirObject) {
  const char* head =
      "#include <stdio.h>\n#include <stdlib.h>\nstatic double m[4][6];\nstatic long v[8];\n"
      "int main(void) {\n  double s = 0; long t = 0;\n"
      "  for (int i = 0; i < 4; i++) for (int k = 0; k < 6; k++) m[i][k] = i * 10 + k;\n"
      "  for (int i = 0; i < 4; i++) for (int k = 0; k < 6; k++) s += m[i][k] * (k + 1);\n"
      "  for (int i = 1; i <= 8; i++) v[i - 1] = i;\n  for (int i = 0; i < 8; i++) t += v[i];\n"
      "  printf(\"%g %ld\\n\", s, t);\n";
  const char* loops[] = {
      "  for (int i = 0; i < 4; i++) for (int k = 0; k < 7; k++) s += m[i][k];\n",
      "  for (int i = 0; i < 9; i++) t += v[i];\n",
      "  char *p = malloc(16);\n  for (long i = 0; i < 100000000; i++) t += p[i * 64];\n",
      "  for (long i = 0; i < 100000000; i++) t += v[i * 8];\n",
  };
  for (size_t n = 0; n < 4; n++) {
    std::string text = std::string(head) + loops[n] + "  printf(\"%g %ld\\n\", s, t);\n  return 0;\n}\n";
    Outcome o = expect_same_in_every_mode(c_program(text), "", text);
    EXPECT_EQ(o.out.rfind("1540 36\n", 0), 0u) << text << o.out;
    EXPECT_EQ(o.r.runtime_error, n >= 2) << "past the end of program memory: " << text;
  }
}

// C's counted loops written as while loops (the variable declared outside
// the for, or incremented by hand) index without checks only where the
// variable provably stays in range: every form of test and step, continue,
// a body that writes the variable, a 64-bit variable, a global one, and
// loops that run past their object and past program memory.
TEST(JitPrograms, WhileCountedLoopsInCCheckOutsideTheirRange) {
  const char* head =
      "#include <stdio.h>\n#include <stdlib.h>\nstatic int a[10];\nint g;\nint main(void) {\n"
      "  int i; long k, t = 0;\n  for (i = 0; i < 10; i++) a[i] = i * i;\n";
  struct Case {
    const char* loop;
    const char* out;  // what gcc's build prints; null: a runtime error on line 8
  } cases[] = {
      {"  for (i = 0; i < 10; i++) t += a[i];\n", "285 81\n"},
      {"  for (i = 2; i <= 9; i += 3) t += a[i] * 100;\n", "9300 81\n"},
      {"  i = 0; while (i <= 9) { if (i == 3) { i = i + 1; continue; } t += a[i]; i = i + 1; }\n", "276 81\n"},
      {"  for (i = 0; i < 10; i++) { if (i == 4) continue; t += a[i]; }\n", "269 81\n"},
      {"  for (i = 0; i < 10; i++) { t += a[i]; if (i == 5) i = -3; if (t > 200) break; }\n", "220 81\n"},
      {"  k = 0; while (k < 10) { t += a[k]; k = k + 1; }\n", "285 81\n"},
      {"  for (g = 0; g < 10; g++) t += a[g];\n", "285 81\n"},
      {"  for (i = 5; i < 3; i++) t += a[i + 100000000];\n", "0 81\n"},
      {"  for (i = 0; i <= 10; i++) t += a[i] & 1;\n", "5 81\n"},
      // (below the start of program memory: gcc's build crashes)
      {"  for (i = 0; i < 10; i++) { t += a[i]; if (i == 5) i = -1000000000; }\n", nullptr},
      {"  i = -1000000000; while (i < 10) { t += a[i]; i = i + 1; }\n", nullptr},
      {"  char *p = malloc(16); for (i = 0; i < 2000000000; i += 4096) t += p[i];\n", nullptr},
  };
  for (const Case& c : cases) {
    std::string text = std::string(head) + c.loop + "  printf(\"%ld %d\\n\", t, a[9]);\n  return 0;\n}\n";
    Outcome o = expect_same_in_every_mode(c_program(text), "", text);
    if (c.out) {
      EXPECT_EQ(o.out, c.out) << text;
    } else {
      EXPECT_TRUE(o.r.runtime_error) << text;
      EXPECT_EQ(o.r.line, 8) << text;
    }
  }
}

// A while loop whose head is only its test makes the test at its back edge
// (inverted, into the body): every kind of test, continue and break, an
// empty body, a test whose operands change in the body, signed and unsigned.
TEST(JitPrograms, WhileLoopsTestedAtTheirBackEdge) {
  Image c = c_program(
      "#include <stdio.h>\nint main(void) {\n  unsigned u = 0; long s = 0; int i = 0, n = 0, lim = 40;\n"
      "  while (i < 10) { s += i; i++; }\n"
      "  while (i <= 20) { if (i == 15) { i += 2; continue; } s += i * 3; i++; }\n"
      "  while (u < 5u) { s += u * 7; u++; }\n  u = 4000000000u;\n  while (u >= 3999999990u) { s++; u--; }\n"
      "  while (i != 30) i++;\n  while (i == 30) { i = 31; s += 100; }\n  while (s > 1000000) ;\n"
      "  while (n < lim) { n++; lim--; if (n == 50) break; }\n"
      "  long k = -5;\n  while (k < 0) k += 2;\n"
      "  printf(\"%ld %d %u %d %d %ld\\n\", s, i, u, n, lim, k);\n  return 0;\n}\n");
  EXPECT_EQ(expect_same_in_every_mode(c).out, "628 31 3999999989 20 20 1\n");  // (what gcc's build prints)
  Image p = pascal(
      "program w;\nvar i, s: integer;\nbegin\n  i := 0; s := 0;\n"
      "  while i < 100 do begin i := i + 7; if i > 90 then s := s + 1000; s := s + i end;\n"
      "  while i > 0 do i := i - 30;\n  writeln(i, ' ', s)\nend.\n");
  EXPECT_EQ(expect_same_in_every_mode(p).out, "-15 3840\n");  // (what fpc's build prints)
  // A test that indexes or loads fails at its own place on the turn it fails.
  Image idx = pascal(
      "program x;\nvar a: array[1..50] of integer; i: integer;\nbegin\n  for i := 1 to 50 do a[i] := i;\n"
      "  i := 1;\n  while a[i] < 1000 do i := i + 3;\n  writeln(i)\nend.\n");
  Outcome o = expect_same_in_every_mode(idx);
  EXPECT_TRUE(o.r.runtime_error);
  EXPECT_EQ(o.r.line, 6);
  Image load = c_program(
      "#include <stdio.h>\n#include <stdlib.h>\nint main(void) {\n  char *p = calloc(64, 1); long i = 0;\n"
      "  while (p[i] != 7) i += 4096;\n  printf(\"%ld\\n\", i);\n  return 0;\n}\n");
  o = expect_same_in_every_mode(load);
  EXPECT_TRUE(o.r.runtime_error);
  EXPECT_EQ(o.r.line, 5);
}

// A counted loop increments first and tests after; its variable leaves the
// loop as FORUP leaves it, and a loop up to the largest integer keeps the
// test first (the increment would wrap).
TEST(JitPrograms, CountedLoopsLeaveTheirVariableAtTheLimit) {
  Image c = c_program(
      "#include <stdio.h>\n#include <limits.h>\nint main(void) {\n  int a[10], i, k; long s = 0, n = 0;\n"
      "  for (i = 0; i < 10; i++) a[i] = i;\n  for (i = 0; i < 10; i++) for (k = 3; k < 5; k++) s += a[i] * k;\n"
      "  for (i = 7; i < 3; i++) s += 1000;\n"
      "  for (long j = LONG_MAX - 3; j < LONG_MAX; j++) n++;\n"
      "  printf(\"%ld %d %d %ld\\n\", s, i, k, n);\n  return 0;\n}\n");
  EXPECT_EQ(expect_same_in_every_mode(c).out, "315 7 5 3\n");  // (what gcc's build prints)
  Image p = pascal(
      "program c;\nvar i, n: integer;\nbegin\n  n := 0;\n"
      "  for i := high(int64) - 3 to high(int64) do n := n + 1;\n  writeln(n, ' ', i = high(int64));\n"
      "  for i := 1 to 5 do n := n + i;\n  writeln(n, ' ', i)\nend.\n");
  EXPECT_EQ(expect_same_in_every_mode(p).out, "4 TRUE\n19 5\n");
}

TEST(JitPrograms, LoopInvariantIndexingFailsWhereTheInterpreterDoes) {
  Image img = pascal(
      "program h;\nvar a: array[1..5, 1..5] of integer; b: array[1..5] of integer; i, k, s, m: integer;\n"
      "begin\n  for i := 1 to 5 do for k := 1 to 5 do a[i, k] := i * 10 + k;\n  s := 0; m := 1;\n"
      "  for i := 1 to 5 do begin\n    for k := 1 to 5 do begin b[k] := s; s := s + a[m, k] end;\n"
      "    for k := 1 to 5 do begin s := s + a[m, k]; m := k end;\n    m := i\n  end;\n"
      "  writeln(s, ' ', b[5]);\n  for i := 1 to 6 do begin\n    writeln(s);\n"
      "    for k := 1 to 5 do s := s + a[i, k] * a[k, i] + a[i, 6 - k]\n  end\nend.\n");
  Outcome o = expect_same_in_every_mode(img);
  EXPECT_TRUE(o.r.runtime_error);
  EXPECT_EQ(o.r.line, 14);
  EXPECT_EQ(o.out, "1310 1110\n1310\n3490\n7385\n13095\n20720\n30360\n");  // (what fpc's build prints)
}

// length(s) and s[i] are machine code when the string and the index are
// ordinary; the empty string (nil), index 0, negative indexes and indexes past
// the end fail as the interpreter fails.
TEST(JitPrograms, StringLengthAndIndexingAtTheirEdges) {
  const char* indexes[] = {"1", "length(s)", "0", "length(s) + 1", "-1", "-9223372036854775807 - 1", "k"};
  for (const char* index : indexes) {
    for (const char* value : {"''", "'a'", "'hello, world'"}) {
      Image img = pascal(std::string("program edges;\nvar s, t: string; i, k, h: integer;\nbegin\n  k := 3; s := ") + value +
                         ";\n  h := 0;\n  for i := 1 to length(s) do h := h * 31 + ord(s[i]);\n"
                         "  t := s + s; writeln(length(s), ' ', length(t), ' ', h);\n"
                         "  writeln(ord(t[length(t)]));\n  writeln(ord(s[" +
                         index + "]))\nend.\n");
      expect_same_in_every_mode(img, "", std::string(index) + " of " + value);
    }
  }
}

// DIDX in machine code: the element's address when 0 <= index < count, the
// interpreter's error (with its detail) otherwise, for empty arrays too.
TEST(JitPrograms, DynamicArrayIndexingAtItsEdges) {
  const char* indexes[] = {"0", "high(a)", "length(a)", "-1", "-9223372036854775807 - 1", "k"};
  for (const char* index : indexes) {
    for (const char* n : {"0", "1", "5"}) {
      Image img = pascal(std::string("program edges;\nvar a: array of integer; r: array of real; i, k, h: integer;\n"
                                     "begin\n  k := 2; SetLength(a, ") + n + "); SetLength(r, " + n + ");\n"
                         "  for i := 0 to high(a) do begin a[i] := i * i; r[i] := i / 2 end;\n  h := 0;\n"
                         "  for i := 0 to high(a) do h := h * 31 + a[i] + trunc(r[i]);\n  writeln(length(a), ' ', h);\n"
                         "  a[" + index + "] := 7;\n  writeln(a[" + index + "])\nend.\n");
      expect_same_in_every_mode(img, "", std::string(index) + " of " + n);
    }
  }
}

// String moves in machine code count references as the interpreter does:
// about 120 MB of strings pass through 64 MB of memory, so a string that is
// never freed runs out of memory, and one freed too early prints wrong text.
TEST(JitPrograms, StringMovesReleaseWhatTheyReplace) {
  Image img = pascal(
      "program l;\nprocedure run;\nvar s, t, u, w: string; i: integer;\nbegin\n  t := '';\n"
      "  for i := 1 to 400 do t := t + chr(97 + i mod 26);\n"
      "  for i := 1 to 300000 do begin\n"
      "    s := t + chr(65 + i mod 26);\n    u := s;\n    w := u;\n    s := 'constant';\n    u := w;\n"
      "    if i mod 3 = 0 then t := copy(w, 2, 400)\n  end;\n"
      "  writeln(length(w), ' ', copy(w, 1, 20), ' ', copy(u, 390, 12), ' ', w = u, ' ', s)\nend;\n"
      "begin run end.\n");
  Outcome o = expect_same_in_every_mode(img);
  EXPECT_FALSE(o.r.runtime_error) << o.r.message;
  EXPECT_NE(o.out.find("401 "), std::string::npos) << o.out;
}

// sqrt is sqrtsd in machine code; a negative argument still stops the program
// where the interpreter stops it, with the same message, position and trace.
TEST(JitPrograms, SquareRootsAndTheirDomainError) {
  for (const char* arg : {"2.0", "0.0", "-0.0", "1e308", "x * x", "-x", "x - 2.0", "-1e-300"}) {
    Image img = pascal(std::string("program roots;\nvar x, y: real;\n"
                                   "function root(v: real): real; begin root := sqrt(v) end;\n"
                                   "begin\n  x := 1.5;\n  y := sqrt(x) + root(4.0);\n  writeln(y:0:6);\n  writeln(root(") +
                       arg + "):0:6)\nend.\n");
    expect_same_in_every_mode(img, "", arg);
  }
}

TEST(JitPrograms, RuntimeErrorsKeepPositionAndTrace) {
  const char* bodies[] = {
      "a[i + 3] := 1",                  // index out of range, three frames deep
      "i := i div (i - 7)",             // division by zero
      "s := copy(s, 1, 2); i := ord(s[5])",  // string index
      "p := nil; p^ := 4",              // nil dereference
      "r := 1e300 * 1e300; i := trunc(r)",  // real to integer
      "i := deep(1000000000)",          // stack overflow in compiled recursion
  };
  for (const char* body : bodies) {
    Image img = pascal(std::string(
                           "program e;\nvar a: array[1..9] of integer; i: integer; s: string; p: ^integer; r: real;\n"
                           "function deep(n: integer): integer; begin if n = 0 then deep := 0 else deep := deep(n - 1) + 1 end;\n"
                           "procedure inner; begin i := 7; s := 'abc';\n  ") +
                       body +
                       "\nend;\n"
                       "procedure middle; begin inner end;\n"
                       "begin middle end.\n");
    Outcome o = expect_same_in_every_mode(img, "", body);
    EXPECT_TRUE(o.r.runtime_error) << body;
    EXPECT_GE(o.r.trace.size(), 3u) << body;
  }
}

// A procedure too large to compile in time keeps interpreting, and the
// program prints the same; one just below the limit is compiled.  (This
// statement is about the costliest to compile per bytecode instruction:
// 7,940 instructions of it took 22-28 ms on the development machine.)
TEST(JitPrograms, AProcedureTooLargeToCompileInterprets) {
  auto program = [](int statements) {
    std::string text = "program big;\nvar t, u: integer; g: array[0..63] of integer;\nbegin\n  t := 1; u := 2;\n";
    for (int p = 0; p < statements; p++) text += "  t := t * 3 + u div 7 + g[(t + " + std::to_string(p) + ") and 63];\n";
    return text + "  writeln(t, ' ', u)\nend.\n";
  };
  for (int statements : {900, 700}) {
    SCOPED_TRACE(statements);
    Image img = pascal(program(statements));
    expect_same_in_every_mode(img);
    std::string error;
    InstancePtr inst = create_instance(img, mode_options(JitMode::On), &error);
    ASSERT_TRUE(inst) << error;
    bool too_large = statements == 900;  // 9,920 instructions; 700 statements: about 7,720
    EXPECT_EQ(inst->main->native == nullptr, too_large) << inst->jit->report();
    EXPECT_EQ(inst->jit->report().find("too large to compile in time") != std::string::npos, too_large)
        << inst->jit->report();
  }
}

// With --jit=auto, a procedure called only from machine code tiers up too.
TEST(JitPrograms, AutoCompilesProceduresCalledFromMachineCode) {
  Image img = pascal(
      "program a;\nvar i, t: integer;\n"
      "function sq(x: integer): integer; begin sq := x * x end;\n"
      "begin t := 0; for i := 1 to 100000 do t := t + sq(i) mod 7; writeln(t) end.\n");
  VmOptions o = mode_options(JitMode::Auto);
  o.jit_threshold = 100;
  Outcome out = run_image(img, "", o);
  EXPECT_EQ(out.out, run_image(img, "", mode_options(JitMode::Off)).out);
  std::string report = o.jit->report();
  EXPECT_NE(report.find("sq (version 1): compiled"), std::string::npos) << report;
  EXPECT_NE(report.find("main (version 1): compiled"), std::string::npos) << report;
}

// Thousands of random programs in the fuzz target (fuzz/fuzz_jit.cpp); a
// few hundred here (DVM_JIT_RANDOM_PROGRAMS changes how many).
TEST(JitDifferential, RandomProgramsPrintTheSameInEveryMode) {
  const char* count = std::getenv("DVM_JIT_RANDOM_PROGRAMS");
  uint64_t n = count ? std::strtoull(count, nullptr, 10) : 300;
  int errors = 0;
  for (uint64_t seed = 1; seed <= n; seed++) {
    randprog::Chooser chooser(seed);
    std::string text = randprog::random_pascal_program(chooser);
    SourceFile src("random.pas", text);
    Diagnostics diags;
    Image img;
    ASSERT_TRUE(compile_pascal(src, &img, &diags)) << "seed " << seed << ":\n" << text;
    Outcome o = expect_same_in_every_mode(img, "", "seed " + std::to_string(seed) + ":\n" + text);
    if (o.r.runtime_error) errors++;
    if (::testing::Test::HasFailure()) return;
  }
  // Most programs run to their end (the generator keeps errors the exception).
  EXPECT_LT(errors, static_cast<int>(n / 2));
}

}  // namespace
}  // namespace dvm
