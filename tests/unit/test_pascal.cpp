// The Pascal front end: diagnostics, robustness, exact code for small
// routines, determinism and position-free content hashes.
#include <gtest/gtest.h>

#include <sstream>

#include "frontend/pascal.h"
#include "vm/image.h"
#include "vm/opcodes.h"
#include "vm/vm.h"

namespace dvm {
namespace {

struct Compiled {
  bool ok;
  Image img;
  Diagnostics diags;
  std::string printed;
};

Compiled compile(const std::string& text) {
  Compiled c;
  SourceFile src("t.pas", text);
  c.ok = compile_pascal(src, &c.img, &c.diags);
  std::ostringstream out;
  c.diags.print(out, src, false);
  c.printed = out.str();
  return c;
}

const Unit* find_unit(const Image& img, const std::string& name) {
  for (const Unit& u : img.units)
    if (u.name == name) return &u;
  return nullptr;
}

std::vector<Diagnostic> errors(const Compiled& c) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : c.diags.all())
    if (d.severity == Severity::Error) out.push_back(d);
  return out;
}

TEST(PascalFrontEnd, CompilesAndVerifies) {
  Compiled c = compile(
      "program p;\n"
      "var i, s: integer;\n"
      "function sq(x: integer): integer; begin sq := x * x end;\n"
      "begin s := 0; for i := 1 to 10 do s := s + sq(i); writeln(s) end.\n");
  ASSERT_TRUE(c.ok) << c.printed;
  EXPECT_EQ(verify_image(c.img), "");
  ASSERT_NE(find_unit(c.img, "main"), nullptr);
  ASSERT_NE(find_unit(c.img, "sq"), nullptr);
  ASSERT_EQ(c.img.globals.size(), 2u);
}

TEST(PascalFrontEnd, UndeclaredIdentifierHasPositionSourceLineAndCaret) {
  Compiled c = compile("program p;\nbegin\n  x := 1;\nend.\n");
  ASSERT_FALSE(c.ok);
  auto errs = errors(c);
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0].line, 3u);
  EXPECT_EQ(errs[0].col, 3u);
  EXPECT_NE(c.printed.find("t.pas:3:3: error: identifier not found \"x\""), std::string::npos) << c.printed;
  EXPECT_NE(c.printed.find("  x := 1;\n    ^"), std::string::npos) << c.printed;
}

TEST(PascalFrontEnd, ReportsSeveralErrorsInOneRun) {
  Compiled c = compile(
      "program p;\nvar i: integer;\nbegin\n  i := 'a';\n  j := 2;\n  i := true;\nend.\n");
  ASSERT_FALSE(c.ok);
  auto errs = errors(c);
  ASSERT_EQ(errs.size(), 3u) << c.printed;
  EXPECT_EQ(errs[0].line, 4u);
  EXPECT_EQ(errs[1].line, 5u);
  EXPECT_EQ(errs[2].line, 6u);
}

TEST(PascalFrontEnd, AFailedDeclarationIsReportedOnce) {
  Compiled c = compile(
      "program p;\nvar a: array[nosuch..3] of integer;\n    t: badtype;\nbegin\n  a[1] := 2;\n  t := 3;\n"
      "  writeln(a[2]);\nend.\n");
  ASSERT_FALSE(c.ok);
  auto errs = errors(c);
  ASSERT_EQ(errs.size(), 2u) << c.printed;
  EXPECT_EQ(errs[0].line, 2u);
  EXPECT_EQ(errs[1].line, 3u);
}

TEST(PascalFrontEnd, SyntaxErrorReadsLikeGcc) {
  Compiled c = compile("program p;\nvar i: integer;\nbegin\n  i := 1\n  i := 2;\nend.\n");
  ASSERT_FALSE(c.ok);
  auto errs = errors(c);
  ASSERT_FALSE(errs.empty());
  EXPECT_EQ(errs[0].line, 5u);
  EXPECT_NE(errs[0].message.find("syntax error"), std::string::npos) << c.printed;
}

TEST(PascalFrontEnd, UnsupportedConstructsAreNamed) {
  Compiled c = compile("program p;\ntype r = file of integer;\nbegin\nend.\n");
  ASSERT_FALSE(c.ok);
  EXPECT_NE(c.printed.find("2:"), std::string::npos) << c.printed;
  EXPECT_NE(c.printed.find("unsupported: typed files"), std::string::npos) << c.printed;
}

std::string first_error(const std::string& text) {
  Compiled c = compile(text);
  EXPECT_FALSE(c.ok);
  auto errs = errors(c);
  return errs.empty() ? "" : std::to_string(errs[0].line) + ": " + errs[0].message;
}

// Syntax errors speak of the program's words, never of the grammar's token names.
TEST(PascalFrontEnd, SyntaxErrorsNameNoGrammarTokens) {
  EXPECT_EQ(first_error("program a;\nvar x, y: integer;\nbegin\n  x := 1\n  y := 2;\nend.\n"),
            "5: syntax error: expected ';' before 'y'");
  EXPECT_EQ(first_error("program a;\nvar x: integer;\nbegin\n  x := ;\nend.\n"),
            "4: syntax error: expected an expression before ';'");
  EXPECT_EQ(first_error("program a;\nbegin\n  exit(;\nend.\n"), "3: syntax error: expected an expression before ';'");
  EXPECT_EQ(first_error("program a;\nbegin\n  writeln(1,);\nend.\n"), "3: syntax error: expected an expression before ')'");
  EXPECT_EQ(first_error("program a;\nbegin\n  if then writeln;\nend.\n"), "3: syntax error: expected an expression before 'then'");
  EXPECT_EQ(first_error("program a;\nvar x: integer;\nbegin\n  if x > 1 writeln(x);\nend.\n"),
            "4: syntax error: expected 'then' before 'writeln'");
  EXPECT_EQ(first_error("program a;\nvar x: integer;\nbegin\n  try\n    x := 1;\n  except\n  end;\nend.\n"),
            "4: unsupported: exceptions (try)");
  EXPECT_EQ(first_error("program a;\ntype T = class\n  x: integer;\nend;\nbegin\nend.\n"), "2: unsupported: classes");
  for (const char* text : {"program a;\n{$dvm updatepoint} x\nbegin end.\n", "program a; begin x := [1..; end.\n",
                           "program a; var s: set of ; begin end.\n", "program a; begin writeln(1 2) end.\n"}) {
    std::string e = first_error(text);
    for (const char* name : {"IDENT", "DVMDIR", "INTEGER_LITERAL", "{", "DOTDOT"})
      EXPECT_EQ(e.find(name), std::string::npos) << text << " -> " << e;
  }
}

// Constructs that only their place marks as outside the subset are named
// there, not reported as syntax errors.
TEST(PascalFrontEnd, UnsupportedByPlaceAreNamed) {
  EXPECT_EQ(first_error("program a;\ntype TF = function(x: integer): integer of object;\nbegin\nend.\n"),
            "2: unsupported: method pointers (procedure of object)");
  EXPECT_EQ(first_error("program a;\nvar n: integer; p: ^integer;\nbegin\n  p := @n\nend.\n"),
            "4: unsupported: the address operator '@' (only routines have addresses in dvm)");
  EXPECT_EQ(first_error("program a;\ntype TF = procedure;\nvar f: TF;\nprocedure outer;\n"
                        "  procedure inner; begin end;\nbegin\n  f := @inner\nend;\nbegin\nend.\n"),
            "7: unsupported: the address of a nested routine (\"inner\")");
  EXPECT_EQ(first_error("program a;\nuses sysutils;\nvar s: string;\nbegin\n  s := FloatToStrF(1.5, ffCurrency, 8, 2)\nend.\n"),
            "5: unsupported: FloatToStrF with ffCurrency");
  EXPECT_EQ(first_error("program a;\nvar x, y: array of integer;\nbegin\n  if x = y then\nend.\n"),
            "4: unsupported: comparing dynamic arrays other than with nil (compare their elements)");
  // fpc's predeclared types dvm lacks: named, with what to use instead.
  EXPECT_EQ(first_error("program a;\nvar e: extended;\nbegin\nend.\n"),
            "2: unsupported: the type 'extended' (dvm's reals are double: use real or double)");
  EXPECT_EQ(first_error("program a;\nvar p: PChar;\nbegin\nend.\n"), "2: unsupported: the type 'PChar' (use string)");
  EXPECT_TRUE(compile("program a;\ntype single = real;\nvar x: single;\nbegin\n  x := 1;\n  writeln(x)\nend.\n").ok)
      << "a program's own type of that name is its own";
  EXPECT_EQ(first_error("program a;\nprocedure p(const a: array of const);\nbegin\nend;\nbegin\nend.\n"),
            "2: unsupported: array of const");
}

// Directives other than dvm's are ignored with a warning; an include file's
// warning says its text is left out.
TEST(PascalFrontEnd, OtherDirectivesAreIgnoredWithAWarning) {
  Compiled c = compile("program a;\n{$mode objfpc}{$I-}\n{$I defs.inc}\n{$INCLUDE more.inc}\nbegin\nend.\n");
  ASSERT_TRUE(c.ok) << c.printed;
  std::vector<std::string> got;
  for (const Diagnostic& d : c.diags.all())
    if (d.severity == Severity::Warning) got.push_back(std::to_string(d.line) + ": " + d.message);
  std::vector<std::string> want = {
      "2: ignoring compiler directive {$mode objfpc}", "2: ignoring compiler directive {$I-}",
      "3: ignoring compiler directive {$I defs.inc} (dvm does not include files: its text is left out)",
      "4: ignoring compiler directive {$INCLUDE more.inc} (dvm does not include files: its text is left out)"};
  EXPECT_EQ(got, want);
}

// fpc's notes and warnings for what compiles but is likely a mistake.
TEST(PascalFrontEnd, NotesUnusedVariablesAndUnsetResults) {
  Compiled c = compile(
      "program n;\nvar g, used: integer;\nprocedure p(a: integer);\nvar spare, x: integer;\nbegin\n  x := a;\n"
      "  writeln(x);\nend;\nfunction f: integer;\nbegin\nend;\nfunction h: integer;\nbegin\n  h := 1;\nend;\n"
      "begin\n  used := h;\n  p(used);\nend.\n");
  ASSERT_TRUE(c.ok) << c.printed;
  std::vector<std::string> got;
  for (const Diagnostic& d : c.diags.all())
    if (d.severity != Severity::Error) got.push_back(std::to_string(d.line) + ": " + d.message);
  std::vector<std::string> want = {"4: local variable \"spare\" not used", "9: function result does not seem to be set",
                                   "2: local variable \"g\" not used"};
  EXPECT_EQ(got, want);
}

// fpc tells a variable only stored into from one never mentioned, for the
// program's variables too (it calls those "local" as well): stores by :=
// (also into an element or a field), read of a number, new; a store through
// ^ or into a string's character, reading a char or a string, and passing to
// a var parameter are uses.  (fpc 3.2.2 -vn on the same program.)
TEST(PascalFrontEnd, NotesAssignedButNeverUsed) {
  Compiled c = compile(
      "program notes;\ntype TR = record a: integer; end;\nvar arr: array[1..3] of integer;\n    r: TR;\n"
      "    i, j, k, m, n: integer;\n    s, line: string;\n    p: ^integer;\n    c: char;\n    q: real;\n"
      "procedure setit(var v: integer);\nbegin\n  v := 4;\nend;\n"
      "function get: integer;\nvar loc: integer;\nbegin\n  loc := 2;\n  get := 3;\nend;\n"
      "begin\n  arr[1] := 5;\n  r.a := 3;\n  for i := 1 to 3 do writeln('x');\n  read(j);\n  setit(k);\n"
      "  m := 1; m := m + 1;\n  s := 'abc'; s[1] := 'x';\n  new(p);\n  readln(line);\n  read(c);\n  read(q);\n"
      "  k := get;\nend.\n");
  ASSERT_TRUE(c.ok) << c.printed;
  std::vector<std::string> got;
  for (const Diagnostic& d : c.diags.all())
    if (d.severity != Severity::Error) got.push_back(std::to_string(d.line) + ": " + d.message);
  std::vector<std::string> want = {
      "15: local variable \"loc\" is assigned but never used", "3: local variable \"arr\" is assigned but never used",
      "4: local variable \"r\" is assigned but never used",   "5: local variable \"j\" is assigned but never used",
      "5: local variable \"n\" not used",                     "7: local variable \"p\" is assigned but never used",
      "9: local variable \"q\" is assigned but never used"};
  EXPECT_EQ(got, want);
}

TEST(PascalFrontEnd, UpdatePointInNestedRoutineIsAnError) {
  Compiled c = compile(
      "program p;\nprocedure outer;\n  procedure inner;\n  begin\n    {$dvm updatepoint}\n  end;\n"
      "begin inner end;\nbegin outer end.\n");
  ASSERT_FALSE(c.ok);
  auto errs = errors(c);
  ASSERT_FALSE(errs.empty());
  EXPECT_EQ(errs[0].line, 5u);
}

TEST(PascalFrontEnd, DirectivesAreRecorded) {
  Compiled c = compile(
      "program p;\n{$dvm group a, b}\n{$dvm interprocedure a}\nprocedure a2(x: integer); begin end;\n"
      "procedure a; begin end;\nprocedure b; begin end;\n"
      "begin while true do begin {$dvm updatepoint} a end end.\n");
  ASSERT_TRUE(c.ok) << c.printed;
  ASSERT_EQ(c.img.directives.size(), 2u);
  EXPECT_EQ(c.img.directives[0].kind, DirectiveKind::Group);
  EXPECT_EQ(c.img.directives[1].kind, DirectiveKind::Interprocedure);
  EXPECT_EQ(c.img.directives[1].names[0], "a");
  EXPECT_EQ(c.img.directives[1].proc, "a2");
  EXPECT_EQ(find_unit(c.img, "main")->procs[0].num_update_points, 1u);
}

TEST(PascalFrontEnd, DeepNestingIsAnErrorNotACrash) {
  std::string deep(100000, '(');
  Compiled c = compile("program p;\nvar i: integer;\nbegin\n  i := " + deep + "1;\nend.\n");
  ASSERT_FALSE(c.ok);
  EXPECT_NE(c.printed.find("nesting too deep"), std::string::npos) << c.printed.substr(0, 300);
}

TEST(PascalFrontEnd, GarbageInputGivesErrorsNotCrashes) {
  const char* inputs[] = {"", "program", "program p; begin", "{", "'abc", "program p; begin end",
                          "\x01\x02\x03", "program p; var x: array[1..0] of integer; begin end.",
                          "program p; begin writeln(1 div 0) end.",
                          "program p; var x: ^integer; begin x^^ := nil end."};
  for (const char* in : inputs) {
    Compiled c = compile(in);
    EXPECT_FALSE(c.ok) << in;
    EXPECT_GT(c.diags.error_count(), 0) << in;
  }
}

TEST(PascalFrontEnd, ExactCodeForSmallFunction) {
  Compiled c = compile("program p;\nfunction inc1(x: integer): integer;\nbegin\n  inc1 := x + 1\nend;\nbegin end.\n");
  ASSERT_TRUE(c.ok) << c.printed;
  const Proc& p = find_unit(c.img, "inc1")->procs[0];
  // r0 = x, r1 = the result; x + 1 is computed straight into the result.
  std::vector<uint32_t> expect = {static_cast<uint32_t>(Op::ADDK), 1, 0, 1, static_cast<uint32_t>(Op::RETI), 1};
  EXPECT_EQ(p.code, expect);
  ASSERT_EQ(p.sig.params.size(), 1u);
  EXPECT_EQ(p.sig.result, Kind::I);
}

TEST(PascalFrontEnd, SameSourceSameBytes) {
  std::string text = "program p;\nvar s: string;\nprocedure q(var t: string); begin t := t + 'x' end;\n"
                     "begin s := 'a'; q(s); writeln(s, 1.5:0:2) end.\n";
  Compiled a = compile(text), b = compile(text);
  ASSERT_TRUE(a.ok && b.ok);
  EXPECT_EQ(write_image(a.img), write_image(b.img));
}

TEST(PascalFrontEnd, HashIgnoresPositionsAndNeighbours) {
  std::string f = "function f(x: integer): integer;\nbegin\n  f := x * 2\nend;\n";
  Compiled a = compile("program p;\n" + f + "begin writeln(f(1)) end.\n");
  Compiled b = compile("program p;\nvar extra: integer;\n\nprocedure g; begin end;\n\n" + f +
                       "begin g; writeln(f(1)) end.\n");
  ASSERT_TRUE(a.ok && b.ok) << a.printed << b.printed;
  EXPECT_EQ(find_unit(a.img, "f")->hash, find_unit(b.img, "f")->hash);
  EXPECT_NE(find_unit(a.img, "main")->hash, find_unit(b.img, "main")->hash);
}

TEST(PascalFrontEnd, NestedRoutinesBelongToTheirUnit) {
  Compiled c = compile(
      "program p;\nprocedure outer;\nvar n: integer;\n  procedure inner;\n  begin n := n + 1 end;\n"
      "begin n := 0; inner; writeln(n) end;\nbegin outer end.\n");
  ASSERT_TRUE(c.ok) << c.printed;
  const Unit* u = find_unit(c.img, "outer");
  ASSERT_NE(u, nullptr);
  ASSERT_EQ(u->procs.size(), 2u);
  EXPECT_EQ(u->procs[1].name, "outer.inner");
  EXPECT_EQ(find_unit(c.img, "outer.inner"), nullptr);
  // n is used by inner, so it lives in outer's frame area.
  EXPECT_GT(u->procs[0].frame_size, 0u);
}

}  // namespace
}  // namespace dvm
