// The code-generation state both front ends share (frontend/codegen.h).
#include <gtest/gtest.h>

#include "frontend/codegen.h"

namespace dvm {
namespace {

TEST(Codegen, TemporariesAreReusedByKindAfterRelease) {
  UnitBuilder unit("u");
  unit.reserve_proc();
  ProcBuilder pb(&unit, "p");
  TempRegisters temps;
  size_t mark = temps.mark();
  uint32_t i1 = temps.temp(pb, Kind::I), f1 = temps.temp(pb, Kind::F);
  uint32_t call = temps.block(pb, {Kind::I, Kind::F, Kind::I});
  EXPECT_EQ(pb.num_regs(), 5u);
  temps.release(pb, mark);
  EXPECT_EQ(temps.temp(pb, Kind::F), f1) << "an F register comes back as an F register";
  EXPECT_EQ(temps.temp(pb, Kind::I), i1);
  EXPECT_EQ(temps.block(pb, {Kind::I, Kind::F, Kind::I}), call) << "a block of the same kinds is reused";
  EXPECT_NE(temps.block(pb, {Kind::I, Kind::F, Kind::I}), call) << "while it is live, another is made";
  EXPECT_EQ(pb.num_regs(), 8u);
}

TEST(Codegen, NamesResolveToTheInnermostScope) {
  ScopeStack<int> scopes;
  int outer = 1, inner = 2;
  scopes.push();
  scopes.back()["x"] = &outer;
  scopes.push();
  EXPECT_EQ(scopes.lookup("x"), &outer);
  scopes.back()["x"] = &inner;
  EXPECT_EQ(scopes.lookup("x"), &inner);
  scopes.pop();
  EXPECT_EQ(scopes.lookup("x"), &outer);
  EXPECT_EQ(scopes.lookup("y"), nullptr);
}

}  // namespace
}  // namespace dvm
