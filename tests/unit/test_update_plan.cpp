// The update planner: what changed, what is restricted, what is refused.
// Images come from the Pascal front end, as `dvm update` gets them.
#include <gtest/gtest.h>

#include <algorithm>

#include "frontend/pascal.h"
#include "vm/update_plan.h"

namespace dvm {
namespace {

Image compile(const std::string& text) {
  SourceFile src("p.pas", text);
  Diagnostics diags;
  Image img;
  EXPECT_TRUE(compile_pascal(src, &img, &diags)) << text;
  return img;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

const char* kBase =
    "program p;\n"
    "type rec = record a: integer; b: real end;\n"
    "var count: integer = 1; r: rec;\n"
    "procedure bump(n: integer); begin count := count + n end;\n"
    "function twice(x: integer): integer; begin twice := 2 * x end;\n"
    "procedure show; begin writeln(count, ' ', twice(count)) end;\n"
    "begin bump(1); show end.\n";

TEST(UpdatePlan, IdenticalImagesChangeNothing) {
  Image a = compile(kBase), b = compile(kBase);
  UpdatePlan p = plan_update(a, b, false);
  EXPECT_TRUE(p.accepted());
  EXPECT_TRUE(p.added.empty() && p.removed.empty() && p.body_changed.empty() && p.signature_changed.empty());
  EXPECT_TRUE(p.restricted.empty());
  EXPECT_TRUE(p.changes_nothing());  // no new version is made for it
}

TEST(UpdatePlan, MovedCodeAndAddedGlobalsChangeNothing) {
  Image a = compile(kBase);
  Image b = compile(
      "program p;\n\n\n"
      "type rec = record a: integer; b: real end;\n"
      "var extra: real; count: integer = 1; r: rec;\n"
      "function twice(x: integer): integer; begin twice := 2 * x end;\n\n"
      "procedure bump(n: integer); begin count := count + n end;\n"
      "procedure show; begin writeln(count, ' ', twice(count)) end;\n"
      "begin bump(1); show end.\n");
  UpdatePlan p = plan_update(a, b, false);
  EXPECT_TRUE(p.body_changed.empty()) << p.describe();
  EXPECT_TRUE(has(p.globals_added, "extra"));
  EXPECT_FALSE(p.changes_nothing());
}

TEST(UpdatePlan, InitializerOnlyChangeChangesNothing) {
  Image a = compile(kBase);
  std::string text = kBase;
  text.replace(text.find("count: integer = 1"), 18, "count: integer = 7");
  UpdatePlan p = plan_update(a, compile(text), false);
  EXPECT_TRUE(p.body_changed.empty() && p.globals_type_changed.empty()) << p.describe();
}

TEST(UpdatePlan, BodyAndSignatureChanges) {
  Image a = compile(kBase);
  std::string text = kBase;
  text.replace(text.find("twice := 2 * x"), 14, "twice := x + x");
  text.replace(text.find("procedure bump(n: integer)"), 26, "procedure bump(n: real)   ");
  text.replace(text.find("count := count + n"), 18, "count := count + trunc(n)");
  UpdatePlan p = plan_update(a, compile(text), false);
  EXPECT_TRUE(has(p.body_changed, "twice")) << p.describe();
  EXPECT_TRUE(has(p.signature_changed, "bump"));
  // main calls bump with the old signature and no interprocedure is given.
  EXPECT_TRUE(p.restricted.count("main"));
  EXPECT_FALSE(p.restricted.count("twice"));
  // Whoever waits for main is told why it is restricted.
  EXPECT_EQ(p.restricted_why["main"], "it calls bump, whose signature changes, and no interprocedure stands in");
  EXPECT_NE(p.describe().find("restricted: main (it calls bump, whose signature changes"), std::string::npos)
      << p.describe();
  UpdatePlan strict = plan_update(a, compile(text), true);
  EXPECT_EQ(strict.restricted_why["twice"], "--strict: no old code of a changed procedure may run");
}

// Old code has a type's old layout built in: a changed procedure whose old
// code holds values of a type whose layout changes (in a local, through a
// pointer) is restricted even when no global of that type changes.
TEST(UpdatePlan, ChangedCodeUsingATypeWhoseLayoutChangesIsRestricted) {
  const char* before =
      "program p;\n"
      "type rec = record a: integer; b: real end;\n"
      "  link = ^rec;\n"
      "procedure fill; var x: rec; begin x.a := 1; writeln(x.a) end;\n"
      "procedure walk; var l: link; begin new(l); l^.a := 2; writeln(l^.a); dispose(l) end;\n"
      "procedure other; begin writeln(1) end;\n"
      "begin fill; walk; other end.\n";
  const char* after =
      "program p;\n"
      "type rec = record a: integer; b: real; c: integer end;\n"
      "  link = ^rec;\n"
      "procedure fill; var x: rec; begin x.a := 1; x.c := 3; writeln(x.a + x.c) end;\n"
      "procedure walk; var l: link; begin new(l); l^.a := 2; writeln(l^.a + 1); dispose(l) end;\n"
      "procedure other; begin writeln(2) end;\n"
      "begin fill; walk; other end.\n";
  UpdatePlan p = plan_update(compile(before), compile(after), false);
  EXPECT_TRUE(p.accepted()) << p.describe();
  EXPECT_EQ(p.restricted_why["fill"], "it uses type rec, whose layout changes") << p.describe();
  EXPECT_EQ(p.restricted_why["walk"], "it uses type rec, whose layout changes") << p.describe();
  EXPECT_TRUE(has(p.body_changed, "other"));
  EXPECT_FALSE(p.restricted.count("other")) << p.describe();
  EXPECT_FALSE(p.restricted.count("main")) << p.describe();  // unchanged: its code calls, holds no rec
  // The same types, unchanged: nothing is restricted for them.
  std::string same = before;
  same.replace(same.find("writeln(1)"), 10, "writeln(5)");
  same.replace(same.find("writeln(x.a)"), 12, "writeln(x.b)");
  UpdatePlan q = plan_update(compile(before), compile(same), false);
  EXPECT_TRUE(has(q.body_changed, "fill")) << q.describe();
  EXPECT_TRUE(q.restricted.empty()) << q.describe();
}

TEST(UpdatePlan, InterprocedureLiftsTheRestriction) {
  Image a = compile(kBase);
  Image b = compile(
      "program p;\n"
      "type rec = record a: integer; b: real end;\n"
      "var count: integer = 1; r: rec;\n"
      "procedure bump(n: integer; times: integer); begin count := count + n * times end;\n"
      "{$dvm interprocedure bump}\n"
      "procedure old_bump(n: integer); begin bump(n, 1) end;\n"
      "function twice(x: integer): integer; begin twice := 2 * x end;\n"
      "procedure show; begin writeln(count, ' ', twice(count)) end;\n"
      "begin bump(1, 1); show end.\n");
  UpdatePlan p = plan_update(a, b, false);
  EXPECT_TRUE(p.accepted()) << p.describe();
  EXPECT_EQ(p.interprocedures["bump"], "old_bump");
  EXPECT_FALSE(p.restricted.count("main")) << p.describe();
}

// The next update's image no longer has the interprocedure: it stays in its
// chain, so it is not a removed procedure.
TEST(UpdatePlan, AnEarlierInterprocedureIsNotRemovedByALaterImage) {
  const char* with_helper =
      "program p;\nvar count: integer = 1;\n"
      "procedure bump(n: integer; times: integer); begin count := count + n * times end;\n"
      "{$dvm interprocedure bump}\n"
      "procedure old_bump(n: integer); begin bump(n, 1) end;\n"
      "begin bump(1, 1) end.\n";
  const char* without =
      "program p;\nvar count: integer = 1;\n"
      "procedure bump(n: integer; times: integer); begin count := count + n * times + 1 end;\n"
      "begin bump(1, 1) end.\n";
  UpdatePlan p = plan_update(compile(with_helper), compile(without), false);
  EXPECT_TRUE(p.accepted()) << p.describe();
  EXPECT_TRUE(p.removed.empty()) << p.describe();
  EXPECT_TRUE(has(p.body_changed, "bump")) << p.describe();
}

TEST(UpdatePlan, InterprocedureWithWrongHeadingIsRefused) {
  Image a = compile(kBase);
  Image b = compile(
      "program p;\n"
      "type rec = record a: integer; b: real end;\n"
      "var count: integer = 1; r: rec;\n"
      "procedure bump(n: integer; times: integer); begin count := count + n * times end;\n"
      "{$dvm interprocedure bump}\n"
      "procedure old_bump(n: real); begin bump(1, 1) end;\n"
      "function twice(x: integer): integer; begin twice := 2 * x end;\n"
      "procedure show; begin writeln(count, ' ', twice(count)) end;\n"
      "begin bump(1, 1); show end.\n");
  EXPECT_FALSE(plan_update(a, b, false).accepted());
}

TEST(UpdatePlan, RemovedProcedureRestrictsItsCallers) {
  Image a = compile(kBase);
  Image b = compile(
      "program p;\ntype rec = record a: integer; b: real end;\nvar count: integer = 1; r: rec;\n"
      "procedure bump(n: integer); begin count := count + n end;\n"
      "procedure show; begin writeln(count) end;\n"
      "begin bump(1); show end.\n");
  UpdatePlan p = plan_update(a, b, false);
  EXPECT_TRUE(has(p.removed, "twice"));
  EXPECT_TRUE(p.restricted.count("show"));
}

TEST(UpdatePlan, RecordGainingAFieldMapsObviously) {
  Image a = compile(kBase);
  std::string text = kBase;
  text.replace(text.find("record a: integer; b: real end"), 30, "record c: char; b: real; a: integer end");
  UpdatePlan p = plan_update(a, compile(text), false);
  EXPECT_TRUE(p.accepted()) << p.describe();
  EXPECT_TRUE(has(p.globals_type_changed, "r"));
  EXPECT_EQ(p.global_mapping["r"], GlobalMapping::Obvious);
}

TEST(UpdatePlan, FieldChangingTypeNeedsAMapper) {
  Image a = compile(kBase);
  std::string text = kBase;
  text.replace(text.find("record a: integer; b: real end"), 30, "record a: real; b: real end   ");
  EXPECT_FALSE(plan_update(a, compile(text), false).accepted());
  std::string with_mapper = text;
  with_mapper.replace(with_mapper.find("procedure bump"), 0,
                      "type oldrec = record a: integer; b: real end;\n"
                      "{$dvm mapper r}\nprocedure map_r(const old: oldrec); begin r.a := old.a; r.b := old.b end;\n");
  UpdatePlan p = plan_update(a, compile(with_mapper), false);
  EXPECT_TRUE(p.accepted()) << p.describe();
  EXPECT_EQ(p.global_mapping["r"], GlobalMapping::Mapper);
}

TEST(UpdatePlan, ProcedureUsingRetypedGlobalIsChangedAndRestricted) {
  const char* v1 = "program p;\ntype rec = record a: integer end;\nvar r: rec;\n"
                   "procedure show; begin writeln(r.a) end;\nprocedure other; begin writeln(1) end;\n"
                   "begin show; other end.\n";
  const char* v2 = "program p;\ntype rec = record a: integer; extra: real end;\nvar r: rec;\n"
                   "procedure show; begin writeln(r.a) end;\nprocedure other; begin writeln(1) end;\n"
                   "begin show; other end.\n";
  UpdatePlan p = plan_update(compile(v1), compile(v2), false);
  EXPECT_TRUE(p.accepted()) << p.describe();
  EXPECT_TRUE(has(p.body_changed, "show")) << p.describe();
  EXPECT_TRUE(p.restricted.count("show"));
  EXPECT_FALSE(p.restricted.count("other"));
}

TEST(UpdatePlan, ScalarChangingTypeIsRefusedWithoutMapper) {
  std::string text = kBase;
  text.replace(text.find("var count: integer = 1"), 22, "var count: real = 1   ");
  text.replace(text.find("count := count + n"), 18, "count := count + n");
  text.replace(text.find("writeln(count, ' ', twice(count))"), 33, "writeln(count:0:1, ' ', twice(1))");
  EXPECT_FALSE(plan_update(compile(kBase), compile(text), false).accepted());
}

TEST(UpdatePlan, GroupsAndStrict) {
  Image a = compile("program p;\n{$dvm group show, bump}\n" + std::string(kBase).substr(11));
  std::string text = kBase;
  text.replace(text.find("count := count + n"), 18, "count := count - n");
  Image b = compile("program p;\n{$dvm group show, bump}\n" + text.substr(11));
  UpdatePlan p = plan_update(a, b, false);
  EXPECT_TRUE(p.restricted.count("show")) << p.describe();
  EXPECT_TRUE(p.restricted.count("bump"));
  UpdatePlan s = plan_update(compile(kBase), compile(text), true);
  EXPECT_TRUE(s.restricted.count("bump"));
  EXPECT_FALSE(s.restricted.count("show"));
}

TEST(UpdatePlan, NestedRoutineChangesItsUnit) {
  const char* v1 = "program p;\nprocedure outer;\nvar n: integer;\n  procedure inner; begin n := n + 1 end;\n"
                   "begin n := 0; inner; writeln(n) end;\nbegin outer end.\n";
  const char* v2 = "program p;\nprocedure outer;\nvar n, m: integer;\n  procedure inner; begin n := n + 1 end;\n"
                   "begin n := 0; m := 1; inner; writeln(n) end;\nbegin outer end.\n";
  UpdatePlan p = plan_update(compile(v1), compile(v2), false);
  EXPECT_TRUE(has(p.body_changed, "outer")) << p.describe();
  EXPECT_EQ(unit_of("outer.inner"), "outer");
}

}  // namespace
}  // namespace dvm
