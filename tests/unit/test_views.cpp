// The teaching views: the checked syntax tree of both front ends (one
// printer), with calls, indexing and field access told apart, types and
// resolved symbols shown, and the C library's declarations left out.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>

#include "frontend/c.h"
#include "frontend/pascal.h"

namespace dvm {
namespace {

std::string c_view(const std::string& text, bool tokens = false) {
  SourceFile src("t.c", text);
  Diagnostics diags;
  std::ostringstream out;
  bool ok = tokens ? emit_c_tokens(src, out, &diags) : emit_c_ast(src, out, false, &diags);
  EXPECT_TRUE(ok);
  return out.str();
}

std::string pascal_view(const std::string& text) {
  SourceFile src("t.pas", text);
  Diagnostics diags;
  std::ostringstream out;
  EXPECT_TRUE(emit_pascal_ast(src, out, false, &diags));
  return out.str();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(Views, CTreeIsCheckedAndLeavesTheLibraryOut) {
  std::string program =
      "#include <stdio.h>\nstruct R { int i; };\nint f(int x) { return x; }\n"
      "int main(void) {\n  int a[2] = {1, 2};\n  struct R r = {3};\n  int i = 1;\n"
      "  printf(\"%d\\n\", f(i) + a[i] + r.i);\n  return 0;\n}\n";
  std::string ast = c_view(program);
  EXPECT_TRUE(has(ast, "Call : int")) << ast;
  EXPECT_TRUE(has(ast, "Index : int")) << ast;
  EXPECT_TRUE(has(ast, "Member .i : int")) << ast;
  EXPECT_TRUE(has(ast, "Name r : struct R  [local variable (frame)]")) << ast;
  EXPECT_TRUE(has(ast, "Name i : int  [local variable (register)]")) << ast;
  EXPECT_TRUE(has(ast, "Name x : int  [parameter (register)]")) << ast;
  EXPECT_TRUE(has(ast, "Name printf : int (const char *, ...)  [library function <stdio.h>]")) << ast;
  EXPECT_FALSE(has(ast, "fprintf")) << "the header's prototypes are not the program's";
  EXPECT_LT(std::count(ast.begin(), ast.end(), '\n'), 45);
  std::string tokens = c_view(program, true);
  EXPECT_FALSE(has(tokens, "snprintf"));
  EXPECT_TRUE(has(tokens, "printf"));
}

TEST(Views, PascalTreeIsCheckedWithDesignatorSteps) {
  std::string ast = pascal_view(
      "program v;\ntype TR = record i: integer; end;\nvar a: array[1..3] of integer; r: TR; k: integer;\n"
      "function f(i: integer): integer;\nbegin\n  f := i;\nend;\n"
      "begin\n  k := 1;\n  r.i := 2;\n  a[k] := f(k) + a[1] + r.i;\n  writeln(a[k]);\nend.\n");
  EXPECT_TRUE(has(ast, "Call : Int64")) << ast;
  EXPECT_TRUE(has(ast, "Index : Int64")) << ast;
  EXPECT_TRUE(has(ast, "Field .i : Int64")) << ast;
  EXPECT_TRUE(has(ast, "Name a : array[1..3] of Int64  [global variable]")) << ast;
  EXPECT_TRUE(has(ast, "Name i : Int64  [local variable (register)]")) << ast;
  EXPECT_TRUE(has(ast, "Name f : Int64  [function result]")) << ast;
  EXPECT_TRUE(has(ast, "Name writeln  [built-in]")) << ast;
  EXPECT_TRUE(has(ast, "Function f : Int64  [function f]")) << ast;
  EXPECT_TRUE(has(ast, "Parameter i : Int64  [value parameter]")) << ast;
  EXPECT_TRUE(has(ast, ": TR  [type]")) << ast;
}

TEST(Views, GraphvizHasOneNodePerLine) {
  SourceFile src("t.pas", "program g;\nbegin\n  writeln(1 + 2);\nend.\n");
  Diagnostics diags;
  std::ostringstream text, dot;
  ASSERT_TRUE(emit_pascal_ast(src, text, false, &diags));
  ASSERT_TRUE(emit_pascal_ast(src, dot, true, &diags));
  std::string d = dot.str();
  EXPECT_EQ(d.rfind("digraph ast {", 0), 0u);
  std::string t = text.str();
  size_t lines = static_cast<size_t>(std::count(t.begin(), t.end(), '\n'));
  size_t labels = 0;
  for (size_t at = d.find("[label="); at != std::string::npos; at = d.find("[label=", at + 1)) labels++;
  EXPECT_EQ(labels, lines);
}

}  // namespace
}  // namespace dvm
