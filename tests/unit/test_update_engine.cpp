// The update engine end to end inside one process: a program runs on its own
// thread with pipes for input and output while the test submits updates the
// way the control channel does.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "tests/unit/jit_mode.h"
#include "frontend/pascal.h"
#include "jit/jit.h"
#include "vm/instance.h"
#include "vm/update.h"

namespace dvm {
namespace {

Image compile(const std::string& text) {
  SourceFile src("p.pas", text);
  Diagnostics diags;
  Image img;
  bool ok = compile_pascal(src, &img, &diags);
  EXPECT_TRUE(ok) << text;
  return img;
}

std::vector<uint8_t> image_bytes(const std::string& text) { return write_image(compile(text)); }

class Running {
 public:
  explicit Running(const std::string& text, VmOptions opts = with_test_jit_mode(VmOptions())) {
    Image img = compile(text);
    int in[2], out[2];
    EXPECT_EQ(pipe(in), 0);
    EXPECT_EQ(pipe(out), 0);
    std::string error;
    inst_ = create_instance(img, opts, &error);
    EXPECT_TRUE(inst_) << error;
    instance_set_stdio(*inst_, in[0], out[1]);
    in_w_ = in[1];
    out_r_ = out[0];
    in_r_ = in[0];
    out_w_ = out[1];
    thread_ = std::thread([this] {
      result_ = run_instance(*inst_);
      close(out_w_);
    });
  }
  ~Running() { finish(); }

  void send(const std::string& s) { EXPECT_EQ(write(in_w_, s.data(), s.size()), static_cast<ssize_t>(s.size())); }

  // Reads until `marker` appears in the output (or 5 s pass).
  std::string read_until(const std::string& marker) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (buffer_.find(marker) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd p{out_r_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      char buf[4096];
      ssize_t n = read(out_r_, buf, sizeof buf);
      if (n <= 0) break;
      buffer_.append(buf, static_cast<size_t>(n));
    }
    size_t at = buffer_.find(marker);
    if (at == std::string::npos) return buffer_;
    std::string out = buffer_.substr(0, at + marker.size());
    buffer_.erase(0, at + marker.size());
    return out;
  }

  // What the program has written so far, without waiting.
  std::string available() {
    pollfd p{out_r_, POLLIN, 0};
    while (poll(&p, 1, 0) > 0) {
      char buf[4096];
      ssize_t n = read(out_r_, buf, sizeof buf);
      if (n <= 0) break;
      buffer_.append(buf, static_cast<size_t>(n));
    }
    return buffer_;
  }

  UpdateReply update(const std::string& text, double timeout = 5, bool dry_run = false, bool strict = false) {
    UpdateRequest req;
    req.image = image_bytes(text);
    req.source = "new.pas";
    req.timeout_s = timeout;
    req.dry_run = dry_run;
    req.strict = strict;
    std::atomic<bool> cancelled{false};
    return submit_update(*inst_, req, cancelled);
  }

  std::string status() { return status_json(*inst_); }

  void finish() {
    if (in_w_ >= 0) close(in_w_);
    in_w_ = -1;
    if (thread_.joinable()) thread_.join();
    if (in_r_ >= 0) close(in_r_);
    if (out_r_ >= 0) close(out_r_);
    in_r_ = out_r_ = -1;
  }
  Instance& inst() { return *inst_; }
  RunResult result_;

 private:
  InstancePtr inst_;
  int in_w_ = -1, out_r_ = -1, in_r_ = -1, out_w_ = -1;
  std::thread thread_;
  std::string buffer_;
};

size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) n++;
  return n;
}

const char* kEchoV1 =
    "program echo;\nvar line: string; total: integer;\n"
    "procedure greet(const s: string); begin writeln('v1 ', s) end;\n"
    "begin while not eof do begin readln(line); total := total + 1; greet(line) end end.\n";
const char* kEchoV2 =
    "program echo;\nvar line: string; total: integer;\n"
    "procedure greet(const s: string); begin writeln('v2 ', s, ' #', total) end;\n"
    "begin while not eof do begin readln(line); total := total + 1; greet(line) end end.\n";

TEST(UpdateEngine, CommitsWhileBlockedOnInputAndKeepsData) {
  Running p(kEchoV1);
  p.send("a\n");
  EXPECT_NE(p.read_until("v1 a\n").find("v1 a"), std::string::npos);
  UpdateReply r = p.update(kEchoV2);
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  EXPECT_EQ(r.version, 2u);
  p.send("b\n");
  EXPECT_NE(p.read_until("\n").find("v2 b #2"), std::string::npos);  // total kept its value
  p.finish();
  EXPECT_EQ(p.result_.exit_code, 0);
}

// A commit while the program sleeps does not cut the sleep short: the update
// returns while the program is still asleep (nothing after the sleep printed),
// and the sleep lasts its full time.
TEST(UpdateEngine, CommitsWhileSleepingWithoutCuttingTheSleep) {
  const char* v1 =
      "program sl;\nuses sysutils;\nprocedure tick; begin writeln('tick v1') end;\n"
      "begin writeln('start'); flush(output); sleep(1500); writeln('awake'); tick end.\n";
  const char* v2 =
      "program sl;\nuses sysutils;\nprocedure tick; begin writeln('tick v2') end;\n"
      "begin writeln('start'); flush(output); sleep(1500); writeln('awake'); tick end.\n";
  Running p(v1);
  p.read_until("start\n");
  auto t0 = std::chrono::steady_clock::now();
  UpdateReply r = p.update(v2);
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  EXPECT_EQ(p.available().find("awake"), std::string::npos);  // committed while asleep
  std::string out = p.read_until("tick");
  EXPECT_NE(out.find("awake\ntick"), std::string::npos) << out;
  EXPECT_NE(p.read_until("\n").find(" v2"), std::string::npos);  // main (v1) calls the new tick
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(1400));  // a lower bound only
}

TEST(UpdateEngine, RefusedImageLeavesTheProgramRunning) {
  Running p(kEchoV1);
  UpdateRequest req;
  req.image = {1, 2, 3};
  std::atomic<bool> cancelled{false};
  UpdateReply r = submit_update(p.inst(), req, cancelled);
  EXPECT_EQ(r.status, UpdateReply::Status::Refused);
  p.send("x\n");
  EXPECT_NE(p.read_until("\n").find("v1 x"), std::string::npos);
}

TEST(UpdateEngine, DryRunChangesNothing) {
  Running p(kEchoV1);
  p.send("a\n");
  p.read_until("\n");
  UpdateReply r = p.update(kEchoV2, 5, true);
  EXPECT_EQ(r.status, UpdateReply::Status::Planned);
  EXPECT_TRUE(r.would_accept);
  EXPECT_NE(r.message.find("body changed: greet"), std::string::npos) << r.message;
  p.send("b\n");
  EXPECT_NE(p.read_until("\n").find("v1 b"), std::string::npos);
}

// A procedure whose old code uses a global whose type changes is restricted:
// the update waits while it is active and commits once it returns.
TEST(UpdateEngine, WaitsForRestrictedProcedureThenCommits) {
  const char* v1 =
      "program w;\ntype acct = record n: integer end;\nvar a: acct; line: string;\n"
      "procedure serve; begin readln(line); a.n := a.n + 1; writeln('served ', a.n) end;\n"
      "begin while not eof do serve end.\n";
  const char* v2 =
      "program w;\ntype acct = record n: integer; extra: integer end;\nvar a: acct; line: string;\n"
      "procedure serve; begin readln(line); a.n := a.n + 1; writeln('served v2 ', a.n) end;\n"
      "begin while not eof do serve end.\n";
  Running p(v1);
  p.send("1\n");
  p.read_until("served 1\n");
  std::thread sender([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    p.send("2\n");  // serve (v1) returns: the update can commit
  });
  UpdateReply r = p.update(v2, 5);
  sender.join();
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  p.send("3\n");
  std::string out = p.read_until("served v2 3\n");
  EXPECT_NE(out.find("served v2 3"), std::string::npos) << out;
}

TEST(UpdateEngine, TimeoutAbandonsAndStrictRestricts) {
  Running p(kEchoV1);
  // greet is not active while the program waits in main: even --strict commits.
  UpdateReply r = p.update(kEchoV2, 5, false, true);
  EXPECT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  const char* v3 =
      "program echo;\nvar line: string; total: integer;\n"
      "procedure greet(const s: string); begin writeln('v3 ', s) end;\n"
      "begin while not eof do begin readln(line); total := total + 2; greet(line) end end.\n";
  // main changes and --strict forbids old main code after the commit: main is always active.
  UpdateReply t = p.update(v3, 0.3, false, true);
  EXPECT_EQ(t.status, UpdateReply::Status::Abandoned);
  EXPECT_NE(t.message.find("main"), std::string::npos) << t.message;
  p.send("z\n");
  EXPECT_NE(p.read_until("\n").find("v2 z"), std::string::npos);
}

// Each activation of `level` runs the version current when it was called:
// three version spaces live at once, then retire as their frames return.
TEST(UpdateEngine, ThreeVersionSpacesAliveThenRetired) {
  auto version = [](int v) {
    return "program lv;\nvar line: string;\n"
           "procedure level(n: integer);\nvar s: string;\nbegin\n  writeln('enter ', n, ' v" + std::to_string(v) +
           "');\n  readln(s);\n  while s = 'down' do begin level(n + 1); readln(s) end;\n"
           "  writeln('leave ', n, ' v" + std::to_string(v) + "')\nend;\n"
           "begin level(1) end.\n";
  };
  Running p(version(1));
  p.read_until("enter 1 v1\n");
  ASSERT_EQ(p.update(version(2)).status, UpdateReply::Status::Committed);
  p.send("down\n");
  p.read_until("enter 2 v2\n");
  ASSERT_EQ(p.update(version(3)).status, UpdateReply::Status::Committed);
  p.send("down\n");
  p.read_until("enter 3 v3\n");
  std::string st = p.status();
  EXPECT_EQ(count(st, "\"number\""), 3u) << st;
  p.send("up\n");
  p.read_until("leave 3 v3\n");
  p.send("up\n");
  p.read_until("leave 2 v2\n");
  // At the next safe point with a pending request, v2 has no frame and no binding.
  ASSERT_EQ(p.update(version(4)).status, UpdateReply::Status::Committed);
  st = p.status();
  EXPECT_EQ(count(st, "\"number\""), 2u) << st;  // v1 (its frame) and v4
  p.send("up\n");
  EXPECT_NE(p.read_until("leave 1 v1\n").find("leave 1 v1"), std::string::npos);
}

// Old frames reach a procedure whose signature changed through the
// interprocedures of each later version, chained.
TEST(UpdateEngine, InterproceduresChainAcrossThreeVersions) {
  const char* v1 =
      "program ip;\nvar line: string;\n"
      "procedure add(a: integer); begin writeln('add ', a) end;\n"
      "procedure loop1; begin while not eof do begin readln(line); add(length(line)) end end;\n"
      "begin loop1 end.\n";
  const char* v2 =
      "program ip;\nvar line: string;\n"
      "procedure add(a, b: integer); begin writeln('add2 ', a, ' ', b) end;\n"
      "{$dvm interprocedure add}\nprocedure add_v1(a: integer); begin add(a, 0) end;\n"
      "procedure loop1; begin while not eof do begin readln(line); add(length(line), 1) end end;\n"
      "begin loop1 end.\n";
  const char* v3 =
      "program ip;\nvar line: string;\n"
      "procedure add(a, b: integer; c: real); begin writeln('add3 ', a, ' ', b, ' ', c:0:1) end;\n"
      "{$dvm interprocedure add}\nprocedure add_v2(a, b: integer); begin add(a, b, 0.5) end;\n"
      "procedure loop1; begin while not eof do begin readln(line); add(length(line), 1, 1.5) end end;\n"
      "begin loop1 end.\n";
  Running p(v1);
  p.send("ab\n");
  p.read_until("add 2\n");
  ASSERT_EQ(p.update(v2).status, UpdateReply::Status::Committed);
  p.send("abc\n");  // loop1 v1 is still running: add_v1 -> add v2
  EXPECT_NE(p.read_until("\n").find("add2 3 0"), std::string::npos);
  UpdateReply r = p.update(v3);
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  p.send("abcd\n");  // loop1 v1 -> add_v1 (v2) -> add_v2 (v3) -> add v3
  EXPECT_NE(p.read_until("\n").find("add3 4 0 0.5"), std::string::npos);
}

// A procedure value stored before an update names the procedure: calls
// through it reach the new version, and, when the update changed the
// signature, the interprocedure that takes the old one.
TEST(UpdateEngine, ProcedureValuesReachTheCurrentVersion) {
  const char* v1 =
      "program pv;\ntype TShow = procedure(n: integer);\nvar line: string; show: TShow;\n"
      "procedure plain(n: integer); begin writeln('plain ', n) end;\n"
      "procedure loop1; begin while not eof do begin readln(line); show(length(line)) end end;\n"
      "begin show := @plain; loop1 end.\n";
  const char* v2 =
      "program pv;\ntype TShow = procedure(n: integer);\nvar line: string; show: TShow;\n"
      "procedure plain(n: integer); begin writeln('fancy ', n * 10) end;\n"
      "procedure loop1; begin while not eof do begin readln(line); show(length(line)) end end;\n"
      "begin show := @plain; loop1 end.\n";
  const char* v3 =
      "program pv;\ntype TShow = procedure(n: integer);\nvar line: string; show: TShow;\n"
      "procedure plain(n: integer; tag: string); begin writeln(tag, ' ', n) end;\n"
      "{$dvm interprocedure plain}\nprocedure plain_v2(n: integer); begin plain(n, 'tagged') end;\n"
      "procedure loop1; begin while not eof do begin readln(line); show(length(line)) end end;\n"
      "begin show := @plain_v2; loop1 end.\n";
  Running p(v1);
  p.send("ab\n");
  EXPECT_NE(p.read_until("\n").find("plain 2"), std::string::npos);
  ASSERT_EQ(p.update(v2).status, UpdateReply::Status::Committed);
  p.send("abc\n");
  EXPECT_NE(p.read_until("\n").find("fancy 30"), std::string::npos);
  UpdateReply r = p.update(v3);
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  p.send("abcd\n");  // the value names plain, whose signature changed: its interprocedure runs
  EXPECT_NE(p.read_until("\n").find("tagged 4"), std::string::npos);
}

TEST(UpdateEngine, MapperConvertsAndFailingMapperRollsBack) {
  const char* v1 =
      "program mp;\nvar line: string; price: integer = 7;\n"
      "procedure show; begin writeln('price ', price) end;\n"
      "begin while not eof do begin readln(line); show end end.\n";
  const char* bad =
      "program mp;\nvar line: string; price: real;\n"
      "{$dvm mapper price}\nprocedure map_price(const old: integer); begin price := old / (old - 7) end;\n"
      "procedure show; begin writeln('price ', price:0:2) end;\n"
      "begin while not eof do begin readln(line); show end end.\n";
  const char* good =
      "program mp;\nvar line: string; price: real;\n"
      "{$dvm mapper price}\nprocedure map_price(const old: integer); begin price := old * 1.5 end;\n"
      "procedure show; begin writeln('price ', price:0:2) end;\n"
      "begin while not eof do begin readln(line); show end end.\n";
  Running p(v1);
  p.send("x\n");
  p.read_until("price 7\n");
  UpdateReply r = p.update(bad);
  EXPECT_EQ(r.status, UpdateReply::Status::Abandoned);
  EXPECT_NE(r.message.find("division by zero"), std::string::npos) << r.message;
  p.send("y\n");
  EXPECT_NE(p.read_until("\n").find("price 7"), std::string::npos);
  r = p.update(good);
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  p.send("z\n");
  EXPECT_NE(p.read_until("\n").find("price 10.50"), std::string::npos);
}

VmOptions jit_on() {
  VmOptions o;
  o.jit_mode = JitMode::On;
  o.jit = jit::make_engine();
  return o;
}
VmOptions jit_off() {
  VmOptions o;
  o.jit_mode = JitMode::Off;
  return o;
}

// UPDATE.md, mappers: the update's timeout also bounds its mappers.  A
// mapper that never ends (in a loop, calling in a loop, or asleep) is
// stopped at the deadline, the update abandoned, every global as it was and
// the program running its old code -- in the interpreter and in machine code.
TEST(UpdateEngine, AMapperThatNeverEndsIsAbandonedAtTheTimeout) {
  const char* v1 =
      "program mt;\nvar line: string; price: integer = 7;\n"
      "procedure show; begin writeln('price ', price) end;\n"
      "begin while not eof do begin readln(line); show end end.\n";
  const char* bodies[] = {"price := old; while true do ;",
                          "price := old; k := 0; while true do k := step(k)",
                          "price := old; sleep(60000)"};
  for (VmOptions opts : {jit_off(), jit_on()}) {
    Running p(v1, opts);
    p.send("x\n");
    p.read_until("price 7\n");
    for (const char* body : bodies) {
      std::string v2 = std::string("program mt;\nuses sysutils;\nvar line: string; price: real;\n") +
                       "function step(k: integer): integer; begin step := k + 1 end;\n"
                       "{$dvm mapper price}\nprocedure map_price(const old: integer); var k: integer;\nbegin " +
                       body + " end;\n"
                       "procedure show; begin writeln('price ', price:0:2) end;\n"
                       "begin while not eof do begin readln(line); show end end.\n";
      UpdateReply r = p.update(v2, 0.5);
      EXPECT_EQ(r.status, UpdateReply::Status::Abandoned) << body;
      EXPECT_NE(r.message.find("timeout passed while its mapper ran"), std::string::npos) << r.message;
      p.send("y\n");
      EXPECT_NE(p.read_until("\n").find("price 7"), std::string::npos) << body;
    }
  }
}

TEST(UpdateEngine, DefaultMappingOfRecordsAndArrays) {
  const char* v1 =
      "program dm;\ntype item = record id: integer; name: string end;\n"
      "var items: array[1..3] of item; line: string;\n"
      "procedure init; var i: integer; begin for i := 1 to 3 do begin items[i].id := i * 10; items[i].name := 'n' + chr(48 + i) end end;\n"
      "procedure show; var k: integer; begin for k := 1 to 3 do writeln(items[k].id, ' ', items[k].name) end;\n"
      "begin init; while not eof do begin readln(line); show end end.\n";
  const char* v2 =
      "program dm;\ntype item = record qty: integer; name: string; id: integer end;\n"
      "var items: array[1..4] of item; line: string;\n"
      "procedure init; var i: integer; begin for i := 1 to 3 do begin items[i].id := i * 10; items[i].name := 'n' + chr(48 + i) end end;\n"
      "procedure show; var k: integer; begin for k := 1 to 4 do writeln(items[k].id, ' ', items[k].name, ' ', items[k].qty) end;\n"
      "begin init; while not eof do begin readln(line); show end end.\n";
  Running p(v1);
  p.send("a\n");
  p.read_until("30 n3\n");
  UpdateReply r = p.update(v2);
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  p.send("b\n");
  std::string out = p.read_until("0  0\n");
  EXPECT_NE(out.find("10 n1 0\n20 n2 0\n30 n3 0\n0  0\n"), std::string::npos) << out;
}

// A long computation's main loop moves to the new version at its update point,
// with its locals and its for-loop counter.
TEST(UpdateEngine, UpdatePointMovesTheLoop) {
  const char* v1 =
      "program up;\nvar i, sum: integer; line: string;\n"
      "begin sum := 0;\n for i := 1 to 6 do begin\n  {$dvm updatepoint}\n"
      "  readln(line);\n  sum := sum + i;\n  writeln('v1 i=', i, ' sum=', sum)\n end\nend.\n";
  const char* v2 =
      "program up;\nvar i, sum: integer; line: string;\n"
      "begin sum := 0;\n for i := 1 to 6 do begin\n  {$dvm updatepoint}\n"
      "  readln(line);\n  sum := sum + 2 * i;\n  writeln('v2 i=', i, ' sum=', sum)\n end\nend.\n";
  Running p(v1);
  p.send("a\nb\n");
  p.read_until("v1 i=2 sum=3\n");
  // Commits while main (v1) waits in readln; the old iteration finishes in v1
  // and the frame moves at the next update point, keeping i and sum.
  UpdateReply r = p.update(v2);
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  p.send("c\nd\n");
  std::string out = p.read_until("sum=14\n");
  EXPECT_NE(out.find("v1 i=3 sum=6\nv2 i=4 sum=14"), std::string::npos) << out;
}

}  // namespace
// docs/UPDATING.md, mappers: a failed update leaves every global as it was, also the ones a
// mapper that ran before the failing one wrote (not only its own global).
TEST(UpdateEngine, FailedUpdateRestoresEveryGlobalMappersWrote) {
  const char* v1 =
      "program tx;\nvar line, name: string; count, a, b: integer;\n"
      "procedure show; begin writeln('count ', count, ' name ', name, ' a ', a, ' b ', b) end;\n"
      "procedure init; begin count := 5; name := 'first'; a := 1; b := 2 end;\n"
      "begin init; while not eof do begin readln(line); show end end.\n";
  const char* v2 =
      "program tx;\nvar line, name: string; count: integer; a, b: real;\n"
      "{$dvm mapper a}\nprocedure map_a(const old: integer); begin a := old; count := 99; name := 'changed' + line end;\n"
      "{$dvm mapper b}\nprocedure map_b(const old: integer); begin b := old / (old - 2) end;\n"
      "procedure show; begin writeln('count ', count, ' name ', name, ' a ', a:0:1, ' b ', b:0:1) end;\n"
      "procedure init; begin count := 5; name := 'first'; a := 1; b := 2 end;\n"
      "begin init; while not eof do begin readln(line); show end end.\n";
  Running p(v1);
  p.send("x\n");
  p.read_until("count 5 name first a 1 b 2\n");
  UpdateReply r = p.update(v2);
  EXPECT_EQ(r.status, UpdateReply::Status::Abandoned);
  EXPECT_NE(r.message.find("division by zero"), std::string::npos) << r.message;
  p.send("y\n");
  EXPECT_NE(p.read_until("\n").find("count 5 name first a 1 b 2"), std::string::npos);
  p.send("z\n");
  EXPECT_NE(p.read_until("\n").find("count 5 name first a 1 b 2"), std::string::npos);
}

// Globals a call-free loop keeps in registers are in memory at a commit there:
// the mapper reads the loop's true count, and the loop sees what the mapper
// wrote (here: the flag that ends it; a stale copy would spin forever).
TEST(UpdateEngine, MappersSeeAndChangeGlobalsALoopKeepsInRegisters) {
  const char* v1 =
      "program spin;\nvar n, running: integer; cfg: integer = 3; line: string;\n"
      "begin readln(line); running := 1; n := 0;\n"
      " writeln('spinning'); flush(output);\n"
      " while running = 1 do n := n + 1;\n"
      " writeln('stopped ', n, ' ', running)\nend.\n";
  const char* v2 =
      "program spin;\nvar n, running: integer; cfg: real; line: string;\n"
      "{$dvm mapper cfg}\nprocedure map_cfg(const old: integer); begin cfg := old; running := -n end;\n"
      "begin readln(line); running := 1; n := 0;\n"
      " writeln('spinning'); flush(output);\n"
      " while running = 1 do n := n + 1;\n"
      " writeln('stopped ', n, ' ', running)\nend.\n";
  Running p(v1);
  p.send("go\n");
  p.read_until("spinning\n");
  UpdateReply r = p.update(v2);
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  std::string out = p.read_until("\n");
  long long n = 0, running = 0;
  ASSERT_EQ(std::sscanf(out.c_str(), "stopped %lld %lld", &n, &running), 2) << out;
  EXPECT_LT(running, 0) << "the mapper read the count from before the loop";
  EXPECT_LE(-running, n);
}

// A cycle made by a backward goto passes a safe point on every turn, as a
// loop's back-edge does: the update commits there (a plain jump would leave
// it spinning) and the mapper's write ends the cycle.
TEST(UpdateEngine, GotoCyclesPassSafePoints) {
  const char* v1 =
      "program spin;\nlabel again;\nvar n, running: integer; cfg: integer = 3; line: string;\n"
      "begin readln(line); running := 1; n := 0;\n"
      " writeln('spinning'); flush(output);\n"
      "again:\n n := n + 1;\n if running = 1 then goto again;\n"
      " writeln('stopped ', n, ' ', running)\nend.\n";
  const char* v2 =
      "program spin;\nlabel again;\nvar n, running: integer; cfg: real; line: string;\n"
      "{$dvm mapper cfg}\nprocedure map_cfg(const old: integer); begin cfg := old; running := -n end;\n"
      "begin readln(line); running := 1; n := 0;\n"
      " writeln('spinning'); flush(output);\n"
      "again:\n n := n + 1;\n if running = 1 then goto again;\n"
      " writeln('stopped ', n, ' ', running)\nend.\n";
  Running p(v1);
  p.send("go\n");
  p.read_until("spinning\n");
  UpdateReply r = p.update(v2);
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  std::string out = p.read_until("\n");
  long long n = 0, running = 0;
  ASSERT_EQ(std::sscanf(out.c_str(), "stopped %lld %lld", &n, &running), 2) << out;
  EXPECT_LT(running, 0);
  EXPECT_LE(-running, n);
}

// A dynamic array is a managed reference: an update that keeps its type keeps
// the elements (and the new code sees them); one that changes the element type
// needs a mapper.
TEST(UpdateEngine, DynamicArraysKeepTheirElements) {
  const char* v1 =
      "program dyn;\ntype TInts = array of integer;\nvar line: string; a: TInts;\n"
      "procedure add; begin SetLength(a, Length(a) + 1); a[High(a)] := Length(line) end;\n"
      "procedure show; var k, s: integer; begin s := 0; for k := 0 to High(a) do s := s + a[k];"
      " writeln('v1 ', Length(a), ' ', s) end;\n"
      "begin while not eof do begin readln(line); add; show end end.\n";
  const char* v2 =
      "program dyn;\ntype TInts = array of integer;\nvar line: string; a: TInts;\n"
      "procedure add; begin SetLength(a, Length(a) + 1); a[High(a)] := 10 * Length(line) end;\n"
      "procedure show; var k: integer; begin write('v2'); for k in a do write(' ', k); writeln end;\n"
      "begin while not eof do begin readln(line); add; show end end.\n";
  const char* reals =
      "program dyn;\ntype TReals = array of real;\nvar line: string; a: TReals;\n"
      "procedure add; begin SetLength(a, Length(a) + 1); a[High(a)] := Length(line) end;\n"
      "procedure show; begin writeln('v3 ', Length(a)) end;\n"
      "begin while not eof do begin readln(line); add; show end end.\n";
  Running p(v1);
  p.send("ab\n");
  p.read_until("v1 1 2\n");
  p.send("abc\n");
  p.read_until("v1 2 5\n");
  UpdateReply r = p.update(v2);
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  p.send("abcd\n");
  EXPECT_NE(p.read_until("\n").find("v2 2 3 40"), std::string::npos);
  r = p.update(reals);
  EXPECT_NE(r.status, UpdateReply::Status::Committed) << "array of integer became array of real without a mapper";
  p.send("x\n");
  EXPECT_NE(p.read_until("\n").find("v2 2 3 40 10"), std::string::npos);
  const char* mapped =
      "program dyn;\ntype TInts = array of integer; TReals = array of real;\nvar line: string; a: TReals;\n"
      "{$dvm mapper a}\nprocedure map_a(const old: TInts); var k: integer;\n"
      "begin SetLength(a, Length(old)); for k := 0 to High(old) do a[k] := old[k] / 4 end;\n"
      "procedure add; begin SetLength(a, Length(a) + 1); a[High(a)] := Length(line) end;\n"
      "procedure show; var x: real; begin write('v4'); for x in a do write(' ', x:0:2); writeln end;\n"
      "begin while not eof do begin readln(line); add; show end end.\n";
  r = p.update(mapped);
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  p.send("yy\n");
  EXPECT_NE(p.read_until("\n").find("v4 0.50 0.75 10.00 2.50 2.00"), std::string::npos);
}

// ---- updates of programs running as machine code (--jit=on, whatever DVM_JIT says)

bool runs_machine_code(Instance& inst, const std::string& name) {
  auto bid = inst.binding_ids.find(name);
  return bid != inst.binding_ids.end() && inst.bindings[bid->second] && inst.bindings[bid->second]->native;
}

// A commit at a back-edge of a compiled loop (no input, no call in the loop),
// then the loop's next call reaches the new procedure.
TEST(JitUpdates, CommitInACompiledLoop) {
  const char* v1 =
      "program cl;\nvar n, stop: integer;\n"
      "function step(k: integer): integer; begin step := k + 1 end;\n"
      "begin writeln('go'); flush(output); n := 0;\n"
      " while n < 2000000000 do begin n := step(n); if n mod 1000000 = 0 then begin writeln(n); flush(output) end end end.\n";
  const char* v2 =
      "program cl;\nvar n, stop: integer;\n"
      "function step(k: integer): integer; begin step := 2000000000 end;\n"
      "begin writeln('go'); flush(output); n := 0;\n"
      " while n < 2000000000 do begin n := step(n); if n mod 1000000 = 0 then begin writeln(n); flush(output) end end end.\n";
  Running p(v1, jit_on());
  p.read_until("1000000\n");
  EXPECT_TRUE(runs_machine_code(p.inst(), "main"));
  UpdateReply r = p.update(v2);
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  std::string out = p.read_until("2000000000\n");
  EXPECT_NE(out.find("2000000000"), std::string::npos) << out;
  p.finish();
  EXPECT_EQ(p.result_.exit_code, 0);
}

// a[row] of a[row, k] is computed once before the k loop in machine code; a
// mapper that changes row at the loop's back edge is seen by the iterations
// after the commit (the loop goes on through its preheader).
TEST(JitUpdates, MapperChangesWhatAHoistedIndexDependsOn) {
  const char* body =
      "begin readln(line);\n for row := 1 to 3 do for k := 1 to 4 do a[row, k] := row * row * row * 1000;\n"
      " a[1, 1] := 1; a[1, 2] := 1; a[1, 3] := 1; a[1, 4] := 1;\n"
      " row := 1; s := 0; running := 1;\n writeln('spinning'); flush(output);\n"
      " while running = 1 do\n  for k := 1 to 100000000 do s := s + a[row, k mod 4 + 1];\n"
      " writeln('stopped ', s, ' ', row)\nend.\n";
  std::string v1 = std::string("program hz;\nvar a: array[1..3, 1..4] of integer; row, k, s, running: integer;\n"
                               "  cfg: integer = 3; line: string;\n") + body;
  std::string v2 = std::string("program hz;\nvar a: array[1..3, 1..4] of integer; row, k, s, running: integer;\n"
                               "  cfg: real; line: string;\n{$dvm mapper cfg}\n"
                               "procedure map_cfg(const old: integer); begin cfg := old; row := 3; s := 0; running := 0 end;\n") +
                   body;
  Running p(v1.c_str(), jit_on());
  p.send("go\n");
  p.read_until("spinning\n");
  UpdateReply r = p.update(v2.c_str());
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  std::string out = p.read_until("\n");
  long long sum = -1, row = 0;
  ASSERT_EQ(std::sscanf(out.c_str(), "stopped %lld %lld", &sum, &row), 2) << out;
  EXPECT_EQ(row, 3);
  EXPECT_EQ(sum % 27000, 0) << "iterations after the commit read a[1] instead of a[3]: " << out;
  p.finish();
}

// A mapper writes the counter of the for loop running in the main program (a
// promoted global): the loop's machine code, which indexes by the counter
// without checks, does not go on with the new value; the interpreter runs
// the frame on and fails at the same place, as without the JIT.
TEST(JitUpdates, MapperMovesARunningLoopsCounterOutOfRange) {
  const char* body =
      "begin readln(line); s := 0; running := 1;\n writeln('spinning'); flush(output);\n"
      " while running = 1 do\n  for k := 1 to 1000000 do\n   s := s + a[k];\n"
      " writeln('stopped ', k)\nend.\n";
  std::string v1 = std::string("program mv;\nvar a: array[1..1000000] of integer; k, s, running: integer;\n"
                               "  cfg: integer = 3; line: string;\n") + body;
  std::string v2 = std::string("program mv;\nvar a: array[1..1000000] of integer; k, s, running: integer;\n"
                               "  cfg: real; line: string;\n{$dvm mapper cfg}\n"
                               "procedure map_cfg(const old: integer); begin cfg := old; k := -1000000000; running := 0 end;\n") +
                   body;
  for (VmOptions opts : {jit_off(), jit_on()}) {
    Running p(v1.c_str(), opts);
    p.send("go\n");
    p.read_until("spinning\n");
    UpdateReply r = p.update(v2.c_str());
    ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
    p.finish();
    EXPECT_TRUE(p.result_.runtime_error) << p.available();
    EXPECT_EQ(p.result_.line, 8u) << p.result_.message;
    EXPECT_NE(p.result_.detail.find("-999999999"), std::string::npos) << p.result_.detail;
  }
}

// A compiled frame moves at its update point into the new version's machine
// code, keeping its locals and for-loop counter.
TEST(JitUpdates, CompiledFrameMovesAtItsUpdatePoint) {
  const char* v1 =
      "program mv;\nvar line: string;\n"
      "procedure work; var i, sum: integer;\n"
      "begin sum := 0;\n for i := 1 to 6 do begin\n  {$dvm updatepoint}\n"
      "  readln(line);\n  sum := sum + i;\n  writeln('v1 i=', i, ' sum=', sum)\n end\nend;\n"
      "begin work end.\n";
  const char* v2 =
      "program mv;\nvar line: string;\n"
      "procedure work; var i, sum: integer;\n"
      "begin sum := 0;\n for i := 1 to 6 do begin\n  {$dvm updatepoint}\n"
      "  readln(line);\n  sum := sum + 100 * i;\n  writeln('v2 i=', i, ' sum=', sum)\n end\nend;\n"
      "begin work end.\n";
  Running p(v1, jit_on());
  p.send("a\nb\n");
  p.read_until("v1 i=2 sum=3\n");
  EXPECT_TRUE(runs_machine_code(p.inst(), "work"));
  UpdateReply r = p.update(v2);
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  EXPECT_TRUE(runs_machine_code(p.inst(), "work"));  // the new version is machine code too
  p.send("c\nd\n");
  std::string out = p.read_until("sum=406\n");
  EXPECT_NE(out.find("v1 i=3 sum=6\nv2 i=4 sum=406"), std::string::npos) << out;
}

// Old machine code calls through interprocedures chained over two versions.
TEST(JitUpdates, InterprocedureChainFromMachineCode) {
  const char* v1 =
      "program ip;\nvar line: string;\n"
      "procedure add(a: integer); begin writeln('add ', a) end;\n"
      "procedure loop1; begin while not eof do begin readln(line); add(length(line)) end end;\n"
      "begin loop1 end.\n";
  const char* v2 =
      "program ip;\nvar line: string;\n"
      "procedure add(a, b: integer); begin writeln('add2 ', a, ' ', b) end;\n"
      "{$dvm interprocedure add}\nprocedure add_v1(a: integer); begin add(a, 0) end;\n"
      "procedure loop1; begin while not eof do begin readln(line); add(length(line), 1) end end;\n"
      "begin loop1 end.\n";
  const char* v3 =
      "program ip;\nvar line: string;\n"
      "procedure add(a, b: integer; c: real); begin writeln('add3 ', a, ' ', b, ' ', c:0:1) end;\n"
      "{$dvm interprocedure add}\nprocedure add_v2(a, b: integer); begin add(a, b, 0.5) end;\n"
      "procedure loop1; begin while not eof do begin readln(line); add(length(line), 1, 1.5) end end;\n"
      "begin loop1 end.\n";
  Running p(v1, jit_on());
  p.send("ab\n");
  p.read_until("add 2\n");
  EXPECT_TRUE(runs_machine_code(p.inst(), "loop1"));
  ASSERT_EQ(p.update(v2).status, UpdateReply::Status::Committed);
  ASSERT_EQ(p.update(v3).status, UpdateReply::Status::Committed);
  p.send("abcd\n");  // loop1 v1 (machine code) -> add_v1 -> add_v2 -> add v3
  EXPECT_NE(p.read_until("\n").find("add3 4 0 0.5"), std::string::npos);
}

// A thousand updates of a compiled program: retired versions give their
// machine code back, so what the JIT holds stays flat.
TEST(JitUpdates, AThousandUpdatesKeepCodeMemoryFlat) {
  auto version = [](int k) {
    return "program many;\nvar line: string; total: integer;\n"
           "procedure show(n: integer); begin total := total + n; writeln('v" + std::to_string(k) +
           " ', total) end;\n"
           "begin total := 0; while not eof do begin readln(line); show(length(line)) end end.\n";
  };
  VmOptions opts = jit_on();
  std::shared_ptr<JitEngine> engine = opts.jit;
  Running p(version(1), opts);
  p.send("x\n");
  p.read_until("v1 1\n");
  size_t at_100 = 0;
  for (int k = 2; k <= 1000; k++) {
    UpdateReply r = p.update(version(k));
    ASSERT_EQ(r.status, UpdateReply::Status::Committed) << "update " << k << ": " << r.message;
    if (k % 100 == 0) {  // the new version runs (and the one before it retires)
      p.send("x\n");
      p.read_until("v" + std::to_string(k) + " ");
      p.read_until("\n");
    }
    if (k == 100) at_100 = engine->code_bytes_in_use();
  }
  size_t at_1000 = engine->code_bytes_in_use();
  EXPECT_GT(at_100, 0u);
  EXPECT_LE(at_1000, at_100 + 4096) << "machine code of retired versions is not released";
  EXPECT_LE(p.inst().spaces.size(), 3u);
}

}  // namespace dvm
