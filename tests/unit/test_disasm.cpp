// The disassembler's listing.
#include <gtest/gtest.h>

#include "vm/builder.h"
#include "vm/disasm.h"
#include "vm/image.h"

namespace dvm {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

Image square_image() {
  Image img;
  img.language = "pascal";
  img.source_path = "sq.pas";
  img.types.push_back({TypeKind::Int, "integer", 8, 8, true, 0, 0, kNoType, 0, {}, {}});
  UnitBuilder ub("sq");
  ProcBuilder p(&ub, "sq");
  uint32_t x = p.param(Kind::I, 0);
  p.set_result(Kind::I, 0);
  p.add_local({"x", 0, false, x});
  uint32_t r = p.reg(Kind::I);
  p.set_pos(7, 5);
  p.emit(Op::MUL, {r, x, x});
  p.emit(Op::NOP, {});
  p.set_pos(8, 3);
  p.emit(Op::RETI, {r});
  ub.reserve_proc();
  ub.set_proc(0, p.finish());
  img.units.push_back(ub.finish());
  img.units[0].hash = 0x0123456789abcdefull;
  return img;
}

TEST(Disassembler, ExactListingOfATinyProcedure) {
  Image img = square_image();
  EXPECT_EQ(disassemble_unit(img, img.units[0]),
            "unit sq  ; hash 0123456789abcdef\n"
            "\n"
            "function sq(x: integer) : integer\n"
            "  registers: r0..r1:I\n"
            "  frame: 0 bytes\n"
            "  locals: x=r0:integer\n"
            "  code:\n"
            "    0  MUL      r1, r0, r0        ; 7:5\n"
            "    4  NOP\n"
            "    5  RETI     r1                ; 8:3\n");
}

TEST(Disassembler, WholeImageHasAHeaderGlobalsAndDirectives) {
  Image img = square_image();
  img.types.push_back({TypeKind::String, "", 8, 8, true, 0, 0, kNoType, 0, {}, {}});
  img.globals.push_back({"total", 0, {42, 0, 0, 0, 0, 0, 0, 0}, {}});
  img.globals.push_back({"name", 1, {}, {{0, "bob"}}});
  img.directives.push_back({DirectiveKind::Interprocedure, {"v2"}, "sq", 3, 1});
  img.directives.push_back({DirectiveKind::Group, {"a", "b"}, "", 5, 1});
  std::string text = disassemble(img);
  EXPECT_EQ(text.rfind("; dvm image, language pascal, source sq.pas\n", 0), 0u) << text;
  EXPECT_TRUE(contains(text, "globals:\n  total: integer = bytes 2a 00 00 00 00 00 00 00\n  name: string, @0 \"bob\"\n"))
      << text;
  EXPECT_TRUE(contains(text, "directives:\n  interprocedure v2 in sq (3:1)\n  group a, b (5:1)\n")) << text;
  EXPECT_TRUE(contains(text, disassemble_unit(img, img.units[0])));
}

TEST(Disassembler, OperandsAreRenderedByKind) {
  Image img;
  img.types.push_back({TypeKind::Int, "integer", 8, 8, true, 0, 0, kNoType, 0, {}, {}});
  img.types.push_back({TypeKind::Array, "", 80, 8, true, 1, 10, 0, 0, {}, {}});
  img.types.push_back({TypeKind::Pointer, "", 8, 8, true, 0, 0, 1, 0, {}, {}});
  img.globals.push_back({"g", 0, {}, {}});
  UnitBuilder ub("main");
  uint32_t self = ub.reserve_proc(), inner = ub.reserve_proc();
  ProcBuilder p(&ub, "main");
  uint32_t i = p.reg(Kind::I), f = p.reg(Kind::F), s = p.reg(Kind::S), w = p.reg(Kind::I);
  p.frame_slot(8, 8);
  p.emit(Op::LDK, {i, ub.kint(-7)});
  p.emit(Op::LDKF, {f, ub.kreal(3.5)});
  p.emit(Op::LDKF, {f, ub.kreal(2.0)});
  p.emit(Op::LDKS, {s, ub.kstr("say \"hi\"\n\x01")});
  p.emit(Op::GADDR, {i, ub.global_ref("g")});
  p.emit(Op::NEW, {i, 2});
  p.emit(Op::CALL, {ub.proc_ref("other"), i});
  p.emit(Op::CALLN, {inner, i});
  p.emit(Op::CALLB, {2, s});
  p.emit(Op::LDI, {w, static_cast<uint32_t>(-3)});
  Label end = p.new_label();
  p.emit_jump(Op::JT, {i}, end);
  p.bind(end);
  p.emit(Op::RET, {});
  ub.set_proc(self, p.finish());
  ProcBuilder q(&ub, "main.inner");
  q.param(Kind::I, kNoType, 1);
  q.emit(Op::RET, {});
  ub.set_proc(inner, q.finish());
  img.units.push_back(ub.finish());

  std::string text = disassemble(img);
  for (const char* part : {"LDK      r0, K0=-7", "LDKF     r1, K0=3.5", "LDKF     r1, K1=2.0",
                           "LDKS     r2, \"say \\\"hi\\\"\\n\\x01\"", "GADDR    r0, g", "NEW      r0, ^array[1..10] of integer",
                           "CALL     other, r0", "CALLN    main.inner, r0", "CALLB    WRITE_STR, r2", "LDI      r3, #-3",
                           "JT       r0, ->", "procedure main()", "procedure main.inner(var p0: I)",
                           "integer constants: K0=-7", "real constants: K0=3.5, K1=2.0", "calls: other", "globals: g",
                           "frame: 8 bytes", "registers: r0:I r1:F r2:S r3:I\n"})
    EXPECT_TRUE(contains(text, part)) << part << "\n" << text;
}

TEST(Disassembler, ShowsUndecodableWordsAndBadIndices) {
  Image img = square_image();
  Proc& p = img.units[0].procs[0];
  p.code = {static_cast<uint32_t>(Op::LDK), 0, 9, static_cast<uint32_t>(Op::NEW), 0, 99, 250,
            static_cast<uint32_t>(Op::ADD), 1};
  p.lines.push_back({100, 1, 1});
  std::string text = disassemble(img);
  EXPECT_TRUE(contains(text, "LDK      r0, K9=?")) << text;
  EXPECT_TRUE(contains(text, "NEW      r0, T?99")) << text;
  EXPECT_TRUE(contains(text, "    6  .word    0x000000fa\n")) << text;
  EXPECT_TRUE(contains(text, "    8  .word    0x00000001\n")) << text;
}

TEST(Disassembler, RecursiveAnonymousTypesEnd) {
  Image img = square_image();
  // An anonymous pointer to an anonymous array of itself.
  img.types.push_back({TypeKind::Pointer, "", 8, 8, true, 0, 0, 2, 0, {}, {}});
  img.types.push_back({TypeKind::Array, "", 8, 8, true, 0, 0, 1, 0, {}, {}});
  img.globals.push_back({"p", 1, {}, {}});
  EXPECT_TRUE(contains(disassemble(img), "p: ^array[0..0] of ^T2")) << disassemble(img);
}

}  // namespace
}  // namespace dvm
