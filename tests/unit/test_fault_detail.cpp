// The particulars of runtime errors the interpreter raises (RunResult::detail):
// the index and the bounds it missed, the value and its range, a string
// index and the string's length, an assert's expression.
#include <gtest/gtest.h>

#include <string>

#include "frontend/c.h"
#include "frontend/pascal.h"
#include "vm/vm.h"

namespace dvm {
namespace {

RunResult run(const std::string& text, bool pascal) {
  SourceFile src(pascal ? "t.pas" : "t.c", text);
  Diagnostics diags;
  Image img;
  bool ok = pascal ? compile_pascal(src, &img, &diags) : compile_c(src, &img, &diags);
  EXPECT_TRUE(ok);
  VmOptions opts;
  opts.updatable = false;
  opts.stack_bytes = 16ull << 20;
  opts.memory_bytes = 64ull << 20;
  std::string error;
  InstancePtr inst = create_instance(img, opts, &error);
  EXPECT_TRUE(inst) << error;
  return inst ? run_instance(*inst) : RunResult{};
}

TEST(FaultDetail, IndexValueAndStringChecksNameTheirParticulars) {
  RunResult r = run("program p;\nvar a: array[1..10] of integer; i: integer;\nbegin\n  i := 11;\n  a[i] := 1;\nend.\n", true);
  EXPECT_EQ(r.message, "index out of range");
  EXPECT_EQ(r.detail, "index 11, bounds 1..10");
  r = run("program p;\nvar b: 1..5; i: integer;\nbegin\n  i := 7;\n  b := i;\nend.\n", true);
  EXPECT_EQ(r.detail, "value 7, range 1..5");
  r = run("program p;\nvar s: string; i: integer;\nbegin\n  s := 'abc';\n  i := 5;\n  writeln(s[i]);\nend.\n", true);
  EXPECT_EQ(r.detail, "index 5, length 3");
  r = run("program p;\nprocedure q(const a: array of integer);\nvar i: integer;\nbegin\n  i := -1;\n  writeln(a[i]);\nend;\n"
          "begin\n  q([1, 2, 3]);\nend.\n", true);
  EXPECT_EQ(r.detail, "index -1, bounds 0..2");
}

TEST(FaultDetail, AssertNamesItsExpression) {
  RunResult r = run("#include <assert.h>\nint main(void) {\n  int n = 2;\n  assert(n * 2 == 5);\n  return 0;\n}\n", false);
  EXPECT_EQ(r.message, "assertion failed");
  EXPECT_EQ(r.detail, "n * 2 == 5");
  EXPECT_EQ(r.line, 4u);
}

}  // namespace
}  // namespace dvm
