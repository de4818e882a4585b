// The image verifier: one valid program, then one test per rule that breaks
// exactly one thing and checks the message names the procedure and offset.
#include <gtest/gtest.h>

#include "vm/builder.h"
#include "vm/image.h"
#include "vm/vm.h"

namespace dvm {
namespace {

constexpr uint32_t kInteger = 0, kString = 1, kNode = 2, kNodePtr = 3, kReal = 4;
constexpr uint32_t kWriteInt = 0, kWriteStr = 2, kWriteNl = 6, kReadInt = 8;

std::vector<TypeDesc> sample_types() {
  std::vector<TypeDesc> t(5);
  t[kInteger] = {TypeKind::Int, "integer", 8, 8, true, 0, 0, kNoType, 0, {}, {}};
  t[kString] = {TypeKind::String, "string", 8, 8, true, 0, 0, kNoType, 0, {}, {}};
  t[kNode] = {TypeKind::Record, "Node", 16, 8, true, 0, 0, kNoType, 0, {{"val", kInteger, 0}, {"next", kNodePtr, 8}}, {}};
  t[kNodePtr] = {TypeKind::Pointer, "PNode", 8, 8, true, 0, 0, kNode, 0, {}, {}};
  t[kReal] = {TypeKind::Real, "real", 8, 8, true, 0, 0, kNoType, 0, {}, {}};
  return t;
}

// fib: registers r0..r5, all I
//  0 LDI r1, #2;  3 JLE r1, r0, ->9;  7 RETI r0;  9 ADDK r2, r0, #-1;
// 13 CALL fib, r2 (result r3);  16 ADDK r4, r0, #-2;  20 CALL fib, r4 (result r5);
// 23 ADD r3, r3, r5;  27 RETI r3
Unit build_fib() {
  UnitBuilder ub("fib");
  ProcBuilder p(&ub, "fib");
  uint32_t n = p.param(Kind::I, kInteger);
  p.set_result(Kind::I, kInteger);
  // A call's result lands just after its arguments.
  uint32_t two = p.reg(Kind::I), a = p.reg(Kind::I), fa = p.reg(Kind::I);
  uint32_t b = p.reg(Kind::I), fb = p.reg(Kind::I);
  p.set_pos(3, 3);
  p.emit(Op::LDI, {two, 2});
  Label recurse = p.new_label();
  p.emit_jump(Op::JLE, {two, n}, recurse);
  p.emit(Op::RETI, {n});
  p.bind(recurse);
  p.set_pos(4, 3);
  p.emit(Op::ADDK, {a, n, static_cast<uint32_t>(-1)});
  p.emit(Op::CALL, {ub.proc_ref("fib"), a});
  p.emit(Op::ADDK, {b, n, static_cast<uint32_t>(-2)});
  p.emit(Op::CALL, {ub.proc_ref("fib"), b});
  p.emit(Op::ADD, {fa, fa, fb});
  p.emit(Op::RETI, {fa});
  ub.reserve_proc();
  ub.set_proc(0, p.finish());
  return ub.finish();
}

// main: registers r0 I, r1 I, r2 I, r3 F, r4 S, r5 I, r6 I
//  0 LDK r0, K0=10;  3 CALL fib, r0 (result r1);  6 GADDR r2, counter;  9 ST64 r0, r2, #0;
// 13 LDI r1, #-1;  16 CALLB WRITE_INT, r0;  19 LDKF r3, K0=2.5;  22 LDKS r4, "hi";
// 25 CALLB WRITE_STR, r4;  28 LDI r5, #0;  31 LDI r6, #3;  34 UPDPT #0;
// 36 FORUP r5, r6, ->34;  40 FADDR r2, #0;  43 CALLN main.inner, r2;  46 NEW r2, Node;
// 49 CALLB WRITE_NL, r0;  52 RET
// main.inner(link: I): 0 JMP ->2;  2 RET
Unit build_main() {
  UnitBuilder ub("main");
  uint32_t main_index = ub.reserve_proc(), inner_index = ub.reserve_proc();
  ProcBuilder p(&ub, "main");
  uint32_t n = p.reg(Kind::I), width = p.reg(Kind::I), addr = p.reg(Kind::I);
  uint32_t x = p.reg(Kind::F), s = p.reg(Kind::S), i = p.reg(Kind::I), limit = p.reg(Kind::I);
  uint32_t link = p.frame_slot(8, 8), str_slot = p.frame_slot(8, 8);
  p.add_managed_slot(str_slot, kString);
  p.set_pos(10, 1);
  p.emit(Op::LDK, {n, ub.kint(10)});
  p.emit(Op::CALL, {ub.proc_ref("fib"), n});
  p.emit(Op::GADDR, {addr, ub.global_ref("counter")});
  p.emit(Op::ST64, {n, addr, 0});
  p.emit(Op::LDI, {width, static_cast<uint32_t>(-1)});
  p.emit(Op::CALLB, {kWriteInt, n});
  p.emit(Op::LDKF, {x, ub.kreal(2.5)});
  p.emit(Op::LDKS, {s, ub.kstr("hi")});
  p.emit(Op::CALLB, {kWriteStr, s});
  p.emit(Op::LDI, {i, 0});
  p.emit(Op::LDI, {limit, 3});
  Label top = p.new_label();
  p.bind(top);
  p.emit(Op::UPDPT, {p.new_update_point()});
  p.emit_jump(Op::FORUP, {i, limit}, top);
  p.emit(Op::FADDR, {addr, link});
  p.emit(Op::CALLN, {inner_index, addr});
  p.emit(Op::NEW, {addr, kNode});
  p.emit(Op::CALLB, {kWriteNl, n});
  p.emit(Op::RET, {});
  ub.set_proc(main_index, p.finish());

  ProcBuilder q(&ub, "main.inner");
  q.param(Kind::I);
  Label end = q.new_label();
  q.emit_jump(Op::JMP, {}, end);
  q.bind(end);
  q.emit(Op::RET, {});
  ub.set_proc(inner_index, q.finish());
  return ub.finish();
}

Image sample_image() {
  Image img;
  img.language = "pascal";
  img.types = sample_types();
  img.globals.push_back({"counter", kInteger, {}, {}});
  img.units.push_back(build_fib());
  img.units.push_back(build_main());
  return img;
}

Proc& proc(Image& img, const std::string& name) {
  for (Unit& u : img.units)
    for (Proc& p : u.procs)
      if (p.name == name) return p;
  throw std::runtime_error("no procedure " + name);
}
Unit& unit(Image& img, const std::string& name) {
  for (Unit& u : img.units)
    if (u.name == name) return u;
  throw std::runtime_error("no unit " + name);
}
// The word holding operand i of the instruction at pc.
uint32_t& operand(Image& img, const std::string& name, size_t pc, int i) { return proc(img, name).code.at(pc + 1 + i); }

std::string verify_with(void (*breakage)(Image&)) {
  Image img = sample_image();
  breakage(img);
  return verify_image(img);
}

TEST(Verifier, AcceptsTheSampleProgram) {
  Image img = sample_image();
  EXPECT_EQ(verify_image(img), "");
  // The offsets the tests below rely on.
  Proc& m = proc(img, "main");
  EXPECT_EQ(m.code[36], static_cast<uint32_t>(Op::FORUP));
  EXPECT_EQ(m.code[43], static_cast<uint32_t>(Op::CALLN));
  EXPECT_EQ(m.code.size(), 53u);
  EXPECT_EQ(proc(img, "fib").code[20], static_cast<uint32_t>(Op::CALL));
}

// ---- decoding

TEST(Verifier, BadOpcode) {
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "fib").code[3] = 200; }),
            "procedure fib, offset 3: bad opcode 200");
}

TEST(Verifier, InstructionMissingOperands) {
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "fib").code.pop_back(); }),
            "procedure fib, offset 27: RETI is missing operands at the end of the code");
}

TEST(Verifier, EmptyCode) {
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "main.inner").code.clear(); }),
            "procedure main.inner, offset 0: empty code (a procedure must end with a return)");
}

TEST(Verifier, FallingOffTheEnd) {
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "main").code[52] = static_cast<uint32_t>(Op::NOP); }),
            "procedure main, offset 52: control falls off the end of the procedure after NOP");
}

// ---- jumps

TEST(Verifier, JumpIntoAnInstruction) {
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "fib", 3, 2) = 10; }),
            "procedure fib, offset 3: jump target 10 is inside an instruction");
}

TEST(Verifier, JumpOutsideTheProcedure) {
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "fib", 3, 2) = 29; }),
            "procedure fib, offset 3: jump target 29 is outside the procedure");
}

TEST(Verifier, ForwardJumpGoingBackward) {
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "fib", 3, 2) = 0; }),
            "procedure fib, offset 3: JLE must jump forward, but its target is 0");
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "fib", 3, 2) = 3; }),
            "procedure fib, offset 3: JLE must jump forward, but its target is 3");
}

TEST(Verifier, BackwardJumpGoingForward) {
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 36, 2) = 40; }),
            "procedure main, offset 36: FORUP must jump backward, but its target is 40");
  // A jump to itself is backward, and allowed for LOOP-like instructions.
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 36, 2) = 36; }), "");
}

// ---- registers

TEST(Verifier, RegisterOutOfRange) {
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "fib", 23, 2) = 6; }),
            "procedure fib, offset 23: register r6 out of range (6 registers)");
}

TEST(Verifier, RegisterOfTheWrongKind) {
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 9, 0) = 3; }),
            "procedure main, offset 9: ST64 needs an I register but r3 is F");
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 19, 0) = 0; }),
            "procedure main, offset 19: LDKF needs an F register but r0 is I");
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 22, 0) = 3; }),
            "procedure main, offset 22: LDKS needs an S register but r3 is F");
}

// ---- calls

TEST(Verifier, ArgumentBlockPastTheRegisters) {
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "fib", 20, 1) = 6; }),
            "procedure fib, offset 20: argument block r6..r6 for fib exceeds the 6 registers");
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 25, 1) = 6; }),
            "procedure main, offset 25: argument block r6..r7 for WRITE_STR exceeds the 7 registers");
}

TEST(Verifier, ArgumentOfTheWrongKind) {
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 3, 1) = 4; }),
            "procedure main, offset 3: argument 1 (r4) is S but fib expects I");
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 25, 1) = 3; }),
            "procedure main, offset 25: argument 1 (r3) is F but WRITE_STR expects S");
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 43, 1) = 4; }),
            "procedure main, offset 43: argument 1 (r4) is S but main.inner expects I");
}

TEST(Verifier, ResultRegisterOfTheWrongKind) {
  // The result goes to the register just after the arguments.
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 3, 1) = 2; }),
            "procedure main, offset 3: result register r3 is F but fib returns I");
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "fib", 20, 1) = 5; }),
            "procedure fib, offset 20: result register r6 for fib out of range");
  // READ_INT takes nothing and returns I: the result register must still be I.
  EXPECT_EQ(verify_with([](Image& img) {
              operand(img, "main", 49, 0) = kReadInt;
              operand(img, "main", 49, 1) = 4;
            }),
            "procedure main, offset 49: result register r4 is S but READ_INT returns I");
  EXPECT_EQ(verify_with([](Image& img) {
              operand(img, "main", 49, 0) = kReadInt;
              operand(img, "main", 49, 1) = 7;
            }),
            "procedure main, offset 49: result register r7 for READ_INT out of range");
  // No parameters and no result: any block start up to the register count is fine.
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 49, 1) = 7; }), "");
}

TEST(Verifier, CallToUndefinedProcedure) {
  EXPECT_EQ(verify_with([](Image& img) { unit(img, "main").proc_refs[0] = "fob"; }),
            "procedure main, offset 3: call to undefined procedure fob");
}

TEST(Verifier, ProcedureReferenceOutOfRange) {
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 3, 0) = 1; }),
            "procedure main, offset 3: procedure reference index 1 out of range (1 entries)");
}

TEST(Verifier, NestedRoutineIndex) {
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 43, 0) = 0; }),
            "procedure main, offset 43: nested routine index 0 out of range (1 nested routines)");
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 43, 0) = 2; }),
            "procedure main, offset 43: nested routine index 2 out of range (1 nested routines)");
}

TEST(Verifier, BuiltinOutOfRange) {
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 49, 0) = 100000; }).rfind(
                "procedure main, offset 49: builtin index 100000 out of range", 0),
            0u);
}

TEST(Verifier, ReturnKindMustMatchTheResult) {
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "fib").sig.result = Kind::V; }),
            "procedure fib, offset 7: RETI in a procedure whose result is V");
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "main").sig.result = Kind::S; }),
            "procedure main, offset 52: RET in a procedure whose result is S");
}

// ---- indices

TEST(Verifier, ConstantIndicesOutOfRange) {
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 0, 1) = 1; }),
            "procedure main, offset 0: integer constant index 1 out of range (1 entries)");
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 19, 1) = 5; }),
            "procedure main, offset 19: real constant index 5 out of range (1 entries)");
  EXPECT_EQ(verify_with([](Image& img) { unit(img, "main").kstr.clear(); }),
            "procedure main, offset 22: string constant index 0 out of range (0 entries)");
}

TEST(Verifier, GlobalReferences) {
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 6, 1) = 3; }),
            "procedure main, offset 6: global reference index 3 out of range (1 entries)");
  EXPECT_EQ(verify_with([](Image& img) { img.globals[0].name = "count"; }),
            "procedure main, offset 6: reference to undefined global counter");
}

TEST(Verifier, TypeOperandOutOfRange) {
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 46, 1) = 5; }),
            "procedure main, offset 46: type index 5 out of range (5 entries)");
}

TEST(Verifier, ImmediatesWithARange) {
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 34, 0) = 1; }),
            "procedure main, offset 34: update point 1 out of range (1 update points)");
  EXPECT_EQ(verify_with([](Image& img) { operand(img, "main", 40, 1) = 17; }),
            "procedure main, offset 40: frame offset 17 outside the frame area of 16 bytes");
  EXPECT_EQ(verify_with([](Image& img) {
              Proc& p = proc(img, "main.inner");
              p.code = {static_cast<uint32_t>(Op::TRAP), 5000};
            }),
            "procedure main.inner, offset 0: unknown runtime error number 5000");
}

// ---- the parts of a procedure that are not code

TEST(Verifier, ParametersMustBeTheFirstRegisters) {
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "fib").regs[0] = Kind::F; }),
            "image: procedure fib: parameter 1 is I but register r0 is F");
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "main.inner").regs.clear(); }),
            "image: procedure main.inner: more parameters than registers");
}

TEST(Verifier, ParameterTypesAndModesMatchTheParameters) {
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "fib").sig.param_types.push_back(kInteger); }),
            "image: procedure fib: parameter types and modes do not match the parameter count");
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "fib").sig.param_modes.clear(); }),
            "image: procedure fib: parameter types and modes do not match the parameter count");
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "fib").sig.param_modes[0] = 3; }),
            "image: procedure fib: parameter 1 has bad mode 3");
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "fib").sig.param_types[0] = 77; }),
            "image: procedure fib: parameter 1 has type 77 out of range");
}

TEST(Verifier, LineTableSortedByOffset) {
  EXPECT_EQ(verify_with([](Image& img) { std::swap(proc(img, "fib").lines[0], proc(img, "fib").lines[1]); }),
            "image: procedure fib: line table is not sorted by offset");
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "fib").lines.push_back({30, 9, 9}); }),
            "image: procedure fib: line table entry past the end of the code");
}

TEST(Verifier, ManagedFrameSlotsInsideTheFrame) {
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "main").frame_managed[0].offset = 12; }),
            "image: procedure main: managed frame slot at offset 12 is outside the frame area");
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "main").frame_managed[0].type = 9; }),
            "image: procedure main: managed frame slot has type 9 out of range");
}

TEST(Verifier, LocalsInsideTheirStorage) {
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "fib").locals.push_back({"x", kInteger, false, 6}); }),
            "image: procedure fib: local x is in register r6 out of range");
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "main").locals.push_back({"y", kNode, true, 8}); }),
            "image: procedure main: local y at frame offset 8 is outside the frame area");
}

TEST(Verifier, FrameGuardsInsideTheFrame) {
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "main").frame_guards.push_back({8, 8}); }), "");
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "main").frame_guards.push_back({12, 8}); }),
            "image: procedure main: frame guard at offset 12 is outside the frame area");
  EXPECT_EQ(verify_with([](Image& img) { proc(img, "main").frame_guards.push_back({4, 0}); }),
            "image: procedure main: frame guard at offset 4 is outside the frame area");
}

// ---- the type table

TEST(Verifier, TypeIndicesInRange) {
  EXPECT_EQ(verify_with([](Image& img) { img.types[kNodePtr].elem = 40; }),
            "image: type 3 (PNode): target type 40 out of range");
  EXPECT_EQ(verify_with([](Image& img) { img.types[kNode].fields[1].type = 40; }),
            "image: type 2 (Node): field next has type 40 out of range");
  EXPECT_EQ(verify_with([](Image& img) {
              img.types.push_back({TypeKind::Array, "", 8, 8, true, 1, 1, 99, 0, {}, {}});
            }),
            "image: type 5: element type 99 out of range");
}

TEST(Verifier, TypeSizesConsistent) {
  EXPECT_EQ(verify_with([](Image& img) {
              img.types.push_back({TypeKind::Array, "vec", 72, 8, true, 1, 10, kInteger, 0, {}, {}});
            }),
            "image: type 5 (vec): size 72 is not the element count times the element size");
  EXPECT_EQ(verify_with([](Image& img) {
              // 2^62 elements of 8 bytes: the product overflows 64 bits.
              img.types.push_back({TypeKind::Array, "", 0, 8, true, 0, (int64_t(1) << 62) - 1, kInteger, 0, {}, {}});
            }),
            "image: type 5: size 0 is not the element count times the element size");
  EXPECT_EQ(verify_with([](Image& img) { img.types[kNode].size = 15; }),
            "image: type 2 (Node): field next extends past the end of the record");
  EXPECT_EQ(verify_with([](Image& img) { img.types[kInteger].size = 3; }), "image: type 0 (integer): bad size 3");
  EXPECT_EQ(verify_with([](Image& img) { img.types[kInteger].align = 0; }),
            "image: type 0 (integer): alignment 0 is not a power of two");
}

TEST(Verifier, TypesMayNotContainThemselves) {
  EXPECT_EQ(verify_with([](Image& img) { img.types[kNode].fields[1] = {"next", kNode, 0}; }),
            "image: type 2 (Node) contains itself");
}

// ---- globals and units

TEST(Verifier, Globals) {
  EXPECT_EQ(verify_with([](Image& img) { img.globals.push_back({"counter", kReal, {}, {}}); }),
            "image: duplicate global counter");
  EXPECT_EQ(verify_with([](Image& img) { img.globals[0].type = kNoType; }),
            "image: global counter has type 4294967295 out of range");
  EXPECT_EQ(verify_with([](Image& img) { img.globals[0].init = {1, 2, 3}; }),
            "image: global counter has 3 bytes of initial value for a type of 8");
  EXPECT_EQ(verify_with([](Image& img) { img.globals[0].init_strings.push_back({4, "x"}); }),
            "image: global counter: initial string at offset 4 is outside it");
}

TEST(Verifier, Units) {
  EXPECT_EQ(verify_with([](Image& img) { unit(img, "fib").name = "fab"; }),
            "image: unit fab is named differently from its procedure fib");
  EXPECT_EQ(verify_with([](Image& img) { img.units.push_back(img.units[0]); }), "image: duplicate procedure fib");
  EXPECT_EQ(verify_with([](Image& img) { unit(img, "fib").procs.clear(); }), "image: unit fib has no procedures");
}

TEST(Verifier, MainMustExistWithoutParameters) {
  EXPECT_EQ(verify_with([](Image& img) { img.units.pop_back(); }), "image: no procedure main without parameters");
  EXPECT_EQ(verify_with([](Image& img) {
              Proc& m = proc(img, "main");
              m.sig.params = {Kind::I};
              m.sig.param_types = {kNoType};
              m.sig.param_modes = {0};
            }),
            "image: no procedure main without parameters");
}

TEST(Verifier, UnusedReferencesMustStillResolve) {
  EXPECT_EQ(verify_with([](Image& img) { unit(img, "fib").proc_refs.push_back("nobody"); }),
            "image: unit fib refers to undefined procedure nobody");
  EXPECT_EQ(verify_with([](Image& img) { unit(img, "fib").global_refs.push_back("nothing"); }),
            "image: unit fib refers to undefined global nothing");
}

}  // namespace
}  // namespace dvm

namespace dvm {
namespace {

TEST(Verifier, ControlCharactersInNamesAreEscaped) {
  Image img = sample_image();
  img.globals.push_back({"a\nb\x1b", kInteger, {}, {}});
  img.globals.push_back({"a\nb\x1b", kInteger, {}, {}});
  EXPECT_EQ(verify_image(img), "image: duplicate global a\\x0ab\\x1b");
}

}  // namespace
}  // namespace dvm
