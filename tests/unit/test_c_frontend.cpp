// The C front end: diagnostics, sizeof/layout against gcc's, and the exact
// code of a tiny function.
#include <gtest/gtest.h>

#include "tests/unit/jit_mode.h"
#include "frontend/c.h"
#include "vm/disasm.h"
#include "vm/opcodes.h"
#include "vm/vm.h"

namespace {

bool compile(const std::string& text, dvm::Image* img, dvm::Diagnostics* diags) {
  dvm::SourceFile src("t.c", text);
  return dvm::compile_c(src, img, diags);
}

// Compiles and runs a program; its exit status (-1: it did not compile or
// stopped with a runtime error).
int exit_status(const std::string& text) {
  dvm::Image img;
  dvm::Diagnostics diags;
  if (!compile(text, &img, &diags)) {
    ADD_FAILURE() << "does not compile";
    return -1;
  }
  std::string error;
  dvm::VmOptions opts = dvm::with_test_jit_mode(dvm::VmOptions());
  opts.updatable = false;
  auto inst = dvm::create_instance(img, opts, &error);
  if (!inst) {
    ADD_FAILURE() << error;
    return -1;
  }
  dvm::RunResult r = dvm::run_instance(*inst);
  if (r.runtime_error) {
    ADD_FAILURE() << r.message;
    return -1;
  }
  return r.exit_code;
}

uint32_t first_error_line(const std::string& text) {
  dvm::Image img;
  dvm::Diagnostics diags;
  EXPECT_FALSE(compile(text, &img, &diags));
  for (const auto& d : diags.all())
    if (d.severity == dvm::Severity::Error) return d.line;
  return 0;
}

TEST(CFrontend, ReportsUndeclaredNamesOnTheirLine) {
  EXPECT_EQ(first_error_line("int main(void) {\n  int a = 1;\n  return a + b;\n}\n"), 3u);
}

TEST(CFrontend, EnforcesConst) {
  EXPECT_EQ(first_error_line("int main(void) {\n  const int x = 1;\n  x = 2;\n  return x;\n}\n"), 3u);
}

std::string first_error(const std::string& text) {
  dvm::Image img;
  dvm::Diagnostics diags;
  EXPECT_FALSE(compile(text, &img, &diags));
  for (const auto& d : diags.all())
    if (d.severity == dvm::Severity::Error) return std::to_string(d.line) + ": " + d.message;
  return "";
}

// Bit-fields of other integer types than int, unsigned and _Bool are gcc's
// extension (-pedantic-errors refuses them, so the conformance suite cannot
// hold them): their layout and values here are what gcc's build printed.
TEST(CFrontend, BitFieldsOfOtherIntegerTypesAsGcc) {
  const char* text =
      "struct C { int a:3; char b:4; short c:9; long d:40; unsigned e:1; };\n"
      "struct D { unsigned char a:7; unsigned char b:3; int :5; unsigned char c; };\n"
      "struct F { long long a:60; int b:10; };\n"
      "struct S { unsigned long x:20; long l:20; char c:3; };\n"
      "static struct C gc = { -3, 5, -200, -123456789012L, 1 };\n"
      "int main(void) {\n"
      "  struct S s = {0};\n"
      "  struct F f;\n"
      "  int bad = 0;\n"
      "  if (sizeof(struct C) != 8 || sizeof(struct D) != 3 || sizeof(struct F) != 16) bad |= 1;\n"
      "  if (sizeof(s.x + 0) != 4 || !(s.x - 1 < 0)) bad |= 2;\n"
      "  s.c = 5; s.x = -1;\n"
      "  if (s.c != -3 || s.x != 1048575) bad |= 4;\n"
      "  if (gc.a != -3 || gc.b != 5 || gc.c != -200 || gc.d != -123456789012L || gc.e != 1) bad |= 8;\n"
      "  f.a = -1; f.b = 511; f.b++;\n"
      "  if (f.a != -1 || f.b != -512) bad |= 16;\n"
      "  unsigned char *p = (unsigned char *)&gc;\n"
      "  if (p[0] != 0x2d || p[1] != 0x9c || p[2] != 0xec || p[7] != 0x01) bad |= 32;\n"
      "  return bad;\n"
      "}\n";
  EXPECT_EQ(exit_status(text), 0) << "failed checks (bit mask)";
}

TEST(CFrontend, BitFieldMistakesAsGcc) {
  EXPECT_EQ(first_error("struct S { double a:3; };\nint main(void) { return 0; }\n"), "1: bit-field 'a' has invalid type");
  EXPECT_EQ(first_error("struct S { int a:0; };\nint main(void) { return 0; }\n"), "1: zero width for bit-field 'a'");
  EXPECT_EQ(first_error("struct S { int a:-1; };\nint main(void) { return 0; }\n"), "1: negative width in bit-field 'a'");
  EXPECT_EQ(first_error("int n;\nstruct S { int a:n; };\nint main(void) { return 0; }\n"),
            "2: bit-field 'a' width not an integer constant");
  EXPECT_EQ(first_error("struct S { int a:3, a:2; };\nint main(void) { return 0; }\n"), "1: duplicate member 'a'");
}

// As gcc: an error in a macro's body is on the #define's line (with a note at
// the use); one in an argument is where the argument is written.
TEST(CFrontend, ErrorInsideMacroIsWhereGccPutsIt) {
  EXPECT_EQ(first_error_line("#define BAD (missing_name + 1)\nint main(void) {\n  return BAD;\n}\n"), 1u);
  EXPECT_EQ(first_error_line("#define TWICE(x) ((x) + (x))\nint main(void) {\n  return TWICE(\n    missing);\n}\n"), 4u);
}

// Preprocessor errors in gcc's words and on gcc's line.  (gcc prints
// "unterminated #if" without a column, which the conformance suite's
// compile_errors cannot check.)
TEST(CFrontend, PreprocessorErrorsAsGcc) {
  const std::string main = "int main(void) { return 0; }\n";
  EXPECT_EQ(first_error("#if 1\n#endif\n#ifdef X\n" + main), "3: unterminated #ifdef");
  EXPECT_EQ(first_error("#if 0 && 1 / 0\n#endif\n#if 1 / 0\n#endif\n" + main), "3: division by zero in #if");
  EXPECT_EQ(first_error("#if 1 +\n#endif\n" + main), "1: operator '+' has no right operand");
  EXPECT_EQ(first_error("#if (1\n#endif\n" + main), "1: missing ')' in expression");
  EXPECT_EQ(first_error("#if 1 2\n#endif\n" + main), "1: missing binary operator before token \"2\"");
  EXPECT_EQ(first_error("#if\n#endif\n" + main), "1: #if with no expression");
  EXPECT_EQ(first_error("#if 1.5\n#endif\n" + main), "1: floating constant in preprocessor expression");
  EXPECT_EQ(first_error("#if 0x7fffffffffffffff + 1\n#endif\n" + main),
            "1: integer overflow in preprocessor expression");
  EXPECT_EQ(first_error("#if 0\n@ \\ `\n#bogus\n#endif\nint x = 1 @ 2;\n" + main), "5: stray '@' in program");
  EXPECT_EQ(first_error("#line 0\n" + main), "1: line number out of range");
  EXPECT_EQ(first_error("_Pragma(1)\n" + main), "1: _Pragma takes a parenthesized string literal");
  // gcc prints these without a column, too.
  EXPECT_EQ(first_error("#define X 1\n#define X  1 \n#define X 2\n" + main), "3: \"X\" redefined");
  EXPECT_EQ(first_error("#define F(a) a\n#define F(b) b\n" + main), "2: \"F\" redefined");
}

// Diagnostics point at physical lines of the source, also after a splice and
// after #line (which renumbers only __LINE__; gcc would report line 101).
TEST(CFrontend, DiagnosticsKeepPhysicalLinesAfterSplicesAndLine) {
  EXPECT_EQ(first_error_line("#line 100\nint main(void) {\n  return un\\\ndeclared;\n}\n"), 3u);
  EXPECT_EQ(first_error_line("int main(void) {\n  int x = 1 +\\\n\\\n  y;\n}\n"), 4u);
}


// gcc accepts these (glibc has the functions); dvm's library does not, and
// says so where the program calls them.
TEST(CFrontend, NamesStandardFunctionsTheLibraryDoesNotProvide) {
  EXPECT_EQ(first_error("#include <stdio.h>\nint main(void) {\n  FILE *f = tmpfile();\n  return !f;\n}\n"),
            "3: 'tmpfile' is not provided by dvm's C library (<stdio.h>)");
  EXPECT_EQ(first_error("#include <stdlib.h>\nint main(void) {\n  int (*run)(const char *) = system;\n  return !run;\n}\n"),
            "3: 'system' is not provided by dvm's C library (<stdlib.h>)");
  // Without the header it is what gcc says, with a hint for the functions dvm has.
  EXPECT_EQ(first_error("int main(void) {\n  return tmpfile() != 0;\n}\n"), "2: implicit declaration of function 'tmpfile'");
  EXPECT_EQ(first_error("int main(void) {\n  printf(\"hi\");\n  return 0;\n}\n"),
            "2: implicit declaration of function 'printf' (declared in <stdio.h>)");
}

// Syntax errors in gcc's words: never the grammar's token names (IDENTIFIER,
// STRING_LITERAL, ...) or ANTLR's sets of tokens.
TEST(CFrontend, SyntaxErrorsNameNoGrammarTokens) {
  EXPECT_EQ(first_error("int main(void) {\n  int x = 1\n  return x;\n}\n"), "3: expected ';' before 'return'");
  EXPECT_EQ(first_error("int main(void) {\n  int x = (1 + );\n  return x;\n}\n"), "2: expected expression before ')'");
  EXPECT_EQ(first_error("int main(void) {\n  int x = 3;\n  x = x +* ;\n  return 0;\n}\n"),
            "3: expected expression before ';'");
  for (const char* text : {"int main(void) { int a[3] = {1, 2,, 3}; return a[0]; }\n",
                           "int f(int x { return x; }\n", "struct s { int 5; };\n", "int main(void) { return (int); }\n",
                           "int main(void) { x = 1 +; }\n", "typedef int T;\nint main(void) { T 3; }\n",
                           "int main(void) { char *s = \"a\" \"b\" 'c'; return s[0]; }\n",
                           "int main(void) { if (1) else return 0; }\n", "int main(void) { for (;;) }\n"}) {
    std::string e = first_error(text);
    EXPECT_FALSE(e.empty()) << text;
    for (const char* name : {"IDENTIFIER", "CONSTANT", "STRING_LITERAL", "TYPEDEF_NAME", "<EOF>", "expected {"})
      EXPECT_EQ(e.find(name), std::string::npos) << text << " -> " << e;
  }
}

std::vector<std::string> warnings(const std::string& text) {
  dvm::Image img;
  dvm::Diagnostics diags;
  EXPECT_TRUE(compile(text, &img, &diags));
  std::vector<std::string> out;
  for (const auto& d : diags.all())
    if (d.severity == dvm::Severity::Warning) out.push_back(std::to_string(d.line) + ": " + d.message);
  return out;
}

// The classic mistakes gcc -Wall warns about: an assignment as a condition, a
// printf or scanf format that does not fit its arguments, an unused variable.
TEST(CFrontend, WarnsAboutTheClassicMistakes) {
  auto w = warnings(
      "#include <stdio.h>\nint main(void) {\n  int x = 3, spare;\n  double d = 1.5;\n"
      "  if (x = 5) printf(\"%d\\n\", x);\n  if ((x = 6)) printf(\"%d %s\\n\", d, \"s\");\n"
      "  printf(\"%d %d\\n\", x);\n  scanf(\"%d\", x);\n  printf(\"%ld %zu %c %p\\n\", 2L, sizeof x, 'c', (void *)&x);\n"
      "  return 0;\n}\n");
  std::vector<std::string> want = {
      "5: suggest parentheses around assignment used as truth value",
      "6: format '%d' expects argument of type 'int', but argument 2 has type 'double'",
      "7: format '%d' expects a matching 'int' argument",
      "8: format '%d' expects argument of type 'int *', but argument 2 has type 'int'",
      "3: unused variable 'spare'",
  };
  EXPECT_EQ(w, want);
}

// %n takes an argument (a pointer to the count) in printf and scanf, also
// after a suppressed scanset; a missing one is said.
TEST(CFrontend, PercentNTakesAnArgument) {
  auto w = warnings(
      "#include <stdio.h>\nint main(void) {\n  int n;\n  char a[8];\n"
      "  sscanf(\"ab\", \"%*[a-z]%n\", &n);\n  sscanf(\"ab\", \"%[]a-z]%n\", a, &n);\n"
      "  printf(\"ab%n\\n\", &n);\n  printf(\"%d %n\\n\", 1);\n  return n;\n}\n");
  std::vector<std::string> want = {"8: format '%n' expects a matching 'int *' argument"};
  EXPECT_EQ(w, want);
}

// Old-style definitions as gcc's default dialect takes them: a parameter
// without a declaration is an int, a declaration with only names declares a
// function without a prototype; both with gcc's warnings.  What gcc rejects
// is rejected in its words.
TEST(CFrontend, OldStyleDefinitionsAndTheirMistakes) {
  auto w = warnings("int f(a, b);\nint f(a, b)\n  long b;\n{ return a + (int)b; }\nint main(void) { return f(1, 2) - 3; }\n");
  std::vector<std::string> want = {"1: parameter names (without types) in function declaration",
                                   "2: type of 'a' defaults to 'int'"};
  EXPECT_EQ(w, want);
  EXPECT_EQ(first_error("int f(int a)\n  int b;\n{ return a; }\n"),
            "2: old-style parameter declarations in prototyped function definition");
  EXPECT_EQ(first_error("int f(a)\n  int a = 3;\n{ return a; }\n"), "2: parameter 'a' is initialized");
  EXPECT_EQ(first_error("int f(a, a)\n  int a;\n{ return a; }\n"), "1: multiple parameters named 'a'");
  EXPECT_EQ(first_error("int f(a)\n  int a;\n  char a;\n{ return a; }\n"), "3: redefinition of parameter 'a'");
  EXPECT_EQ(first_error("int f(a)\n  static int a;\n{ return a; }\n"), "2: storage class specified for a parameter");
  EXPECT_EQ(first_error("int f(a)\n  int a, c;\n{ return a; }\n"), "2: declaration for parameter 'c' but no such parameter");
}

// sizeof as gcc computes it on x86-64 (checked against gcc when written).
// A program that exports or imports functions is a service named after its
// file; a name longer than a service name may be is said at compile time
// (it was an internal error: the image failed verification).
TEST(CFrontend, ServiceNamedAfterALongFileIsAnError) {
  std::string stem(70, 'x');
  dvm::SourceFile src(stem + ".c", "#pragma dvm export tag\nint tag(int x) { return x; }\nint main(void) { return 0; }\n");
  dvm::Image img;
  dvm::Diagnostics diags;
  EXPECT_FALSE(dvm::compile_c(src, &img, &diags));
  ASSERT_FALSE(diags.all().empty());
  EXPECT_NE(diags.all()[0].message.find("longer than 64 characters"), std::string::npos) << diags.all()[0].message;
  dvm::SourceFile named(stem + ".c", "#pragma dvm service tagger\n#pragma dvm export tag\nint tag(int x) { return x; }\n"
                                     "int main(void) { return 0; }\n");
  dvm::Image ok;
  dvm::Diagnostics none;
  EXPECT_TRUE(dvm::compile_c(named, &ok, &none));
}

// long double is outside the subset: each use is one error, and the variable
// is still declared (as a double), so no "undeclared" errors follow from it.
TEST(CFrontend, LongDoubleIsOneErrorPerUseWithoutCascades) {
  dvm::SourceFile src("ld.c",
                      "#include <stdio.h>\nint main(void) {\n  long double x = 1.5L;\n"
                      "  printf(\"%f\\n\", (double)(x * 2));\n  return 0;\n}\n");
  dvm::Image img;
  dvm::Diagnostics diags;
  EXPECT_FALSE(dvm::compile_c(src, &img, &diags));
  std::vector<std::string> errors;
  for (const auto& d : diags.all()) errors.push_back(std::to_string(d.line) + ":" + std::to_string(d.col) + " " + d.message);
  ASSERT_EQ(errors.size(), 2u) << ::testing::PrintToString(errors);
  EXPECT_EQ(errors[0], "3:3 unsupported: long double");
  EXPECT_EQ(errors[1], "3:19 unsupported: long double");
}

// C11 constructs outside the subset say so at their keyword, and nothing else.
TEST(CFrontend, GenericAndAlignasAreReportedUnsupported) {
  dvm::SourceFile src("g.c",
                      "int main(void) {\n  _Alignas(16) int x = 1;\n"
                      "  return _Generic(x, int: 0, default: 1);\n}\n");
  dvm::Image img;
  dvm::Diagnostics diags;
  EXPECT_FALSE(dvm::compile_c(src, &img, &diags));
  std::vector<std::string> errors;
  for (const auto& d : diags.all()) errors.push_back(std::to_string(d.line) + ":" + std::to_string(d.col) + " " + d.message);
  ASSERT_EQ(errors.size(), 2u) << ::testing::PrintToString(errors);
  EXPECT_EQ(errors[0], "2:3 unsupported: _Alignas");
  EXPECT_EQ(errors[1], "3:10 unsupported: _Generic");
}

TEST(CFrontend, SizeofAgreesWithGcc) {
  const char* text =
      "struct A { char c; int i; };\nstruct B { char c; double d; short s; };\n"
      "struct C { char a, b, c; };\nstruct D { int x; struct C in; long y; };\n"
      "int main(void) { return sizeof(struct A) == 8 && sizeof(struct B) == 24 && sizeof(struct C) == 3 &&\n"
      "  sizeof(struct D) == 16 && sizeof(long) == 8 && sizeof(int[3][5]) == 60 && sizeof(void *) == 8 ? 0 : 1; }\n";
  EXPECT_EQ(exit_status(text), 0);
}

// The exact code of a tiny function: int arithmetic is renormalized to 32 bits.
TEST(CFrontend, ExactCodeOfATinyFunction) {
  dvm::Image img;
  dvm::Diagnostics diags;
  ASSERT_TRUE(compile("int add(int a, int b) { return a + b; }\nint main(void) { return add(1, 2); }\n", &img, &diags));
  const dvm::Unit* add = nullptr;
  for (const auto& u : img.units)
    if (u.name == "add") add = &u;
  ASSERT_NE(add, nullptr);
  const dvm::Proc& p = add->procs[0];
  std::vector<uint32_t> want = {static_cast<uint32_t>(dvm::Op::ADD), 2, 0, 1,
                                static_cast<uint32_t>(dvm::Op::SEXT32), 2, 2,
                                static_cast<uint32_t>(dvm::Op::RETI), 2};
  EXPECT_EQ(p.code, want);
  EXPECT_EQ(img.language, "c");
}

}  // namespace
