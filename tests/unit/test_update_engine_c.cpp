// The update engine on C programs, inside one process: a program runs on its
// own thread with pipes for input and output while the test submits updates
// the way the control channel does (see test_update_engine.cpp for Pascal and
// tests/update/run_update_tests_c.sh for the same rules end to end).
#include <gtest/gtest.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "tests/unit/jit_mode.h"
#include "frontend/c.h"
#include "vm/instance.h"
#include "vm/update.h"

namespace dvm {
namespace {

Image compile(const std::string& text) {
  SourceFile src("p.c", text);
  Diagnostics diags;
  Image img;
  bool ok = compile_c(src, &img, &diags);
  EXPECT_TRUE(ok) << text;
  return img;
}

class RunningC {
 public:
  explicit RunningC(const std::string& text) {
    Image img = compile(text);
    int in[2], out[2];
    EXPECT_EQ(pipe(in), 0);
    EXPECT_EQ(pipe(out), 0);
    std::string error;
    VmOptions opts = with_test_jit_mode(VmOptions());
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
  ~RunningC() { finish(); }

  void send(const std::string& s) { EXPECT_EQ(write(in_w_, s.data(), s.size()), static_cast<ssize_t>(s.size())); }

  // Reads until `marker` appears in the output (or 5 s pass); returns what was
  // read up to and including it (everything read when it never came).
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

  UpdateReply update(const std::string& text, double timeout = 5, bool dry_run = false, bool strict = false) {
    UpdateRequest req;
    req.image = write_image(compile(text));
    req.source = "new.c";
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
  RunResult result_;

 private:
  InstancePtr inst_;
  int in_w_ = -1, out_r_ = -1, in_r_ = -1, out_w_ = -1;
  std::thread thread_;
  std::string buffer_;
};

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

// Replaces every `from` in `text` by `to`.
std::string with(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

const char* kEcho =
    "#include <stdio.h>\n"
    "int served = 0;\n"
    "void greet(const char *s) { printf(\"v1 %d %s\", served, s); fflush(stdout); }\n"
    "int main(void) {\n"
    "  char line[64];\n"
    "  while (fgets(line, sizeof line, stdin)) { served++; greet(line); }\n"
    "  return served;\n"
    "}\n";

TEST(UpdateEngineC, CommitsWhileBlockedInFgetsAndKeepsData) {
  RunningC p(kEcho);
  p.send("a\n");
  EXPECT_TRUE(has(p.read_until("v1 1 a\n"), "v1 1 a"));
  UpdateReply r = p.update(with(kEcho, "\"v1 ", "\"v2 "));
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  EXPECT_EQ(r.version, 2u);
  p.send("b\n");
  std::string out = p.read_until("b\n");
  EXPECT_TRUE(has(out, "v2 2 b")) << out;
  p.finish();
  EXPECT_EQ(p.result_.exit_code, 2);
}

// docs/UPDATING.md, mappers: a mapper that fails (division by zero) abandons the update;
// the globals keep their values and the old bindings stay.  A good mapper
// (`const OldType *old`) then commits.  main does not use total itself (it
// would be restricted, and main is always active).
TEST(UpdateEngineC, FailingMapperRollsBackThenGoodMapperCommits) {
  const char* v1 =
      "#include <stdio.h>\n#include <stdlib.h>\n"
      "int total = 0;\n"
      "void add(int n) { total += n; printf(\"t=%d\\n\", total); fflush(stdout); }\n"
      "int main(void) { char line[32];\n"
      "  while (fgets(line, sizeof line, stdin)) add(atoi(line)); return 0; }\n";
  const char* v2 =
      "#include <stdio.h>\n#include <stdlib.h>\n"
      "struct tot { int sum; int tenth; };\n"
      "struct tot total;\nint zero = 0;\n"
      "#pragma dvm mapper total\n"
      "void map_total(const int *old) { total.sum = *old; total.tenth = *old / DIVISOR; }\n"
      "void add(int n) { total.sum += n; printf(\"s=%d tenth=%d\\n\", total.sum, total.tenth); fflush(stdout); }\n"
      "int main(void) { char line[32];\n"
      "  while (fgets(line, sizeof line, stdin)) add(atoi(line)); return 0; }\n";
  RunningC p(v1);
  p.send("40\n");
  p.read_until("t=40\n");
  UpdateReply bad = p.update(with(v2, "DIVISOR", "zero"));
  EXPECT_NE(bad.status, UpdateReply::Status::Committed);
  EXPECT_TRUE(has(bad.message, "zero") || has(bad.message, "division")) << bad.message;
  p.send("2\n");
  std::string out = p.read_until("\n");
  EXPECT_TRUE(has(out, "t=42")) << out;
  UpdateReply good = p.update(with(v2, "DIVISOR", "10"));
  ASSERT_EQ(good.status, UpdateReply::Status::Committed) << good.message;
  EXPECT_EQ(good.version, 2u);
  p.send("8\n");
  out = p.read_until("\n");
  EXPECT_TRUE(has(out, "s=50 tenth=4")) << out;
}

// docs/UPDATING.md, update points: main moves at its update point into code that uses string
// literals (the new version's hoisted literal addresses must be set up).
TEST(UpdateEngineC, UpdatePointMovesFrameWithStringLiterals) {
  const char* v1 =
      "#include <stdio.h>\n"
      "int main(void) {\n"
      "  char line[32];\n"
      "  int n = 0;\n"
      "  for (int i = 0; fgets(line, sizeof line, stdin); i++) {\n"
      "#pragma dvm updatepoint\n"
      "    n += i;\n"
      "    printf(\"v1 i=%d n=%d %s\", i, n, line); fflush(stdout);\n"
      "  }\n"
      "  return 0;\n"
      "}\n";
  RunningC p(v1);
  p.send("a\n");
  p.send("b\n");
  p.read_until("v1 i=1 n=1 b\n");
  UpdateReply r = p.update(with(v1, "\"v1 ", "\"v2 "));
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  p.send("c\n");
  std::string out = p.read_until("c\n");
  EXPECT_TRUE(has(out, "v2 i=2 n=3 c")) << out;
  p.finish();
  EXPECT_EQ(p.result_.exit_code, 0);
}

// A static local is the global next.n: it keeps its value across updates.
TEST(UpdateEngineC, StaticLocalKeepsItsValue) {
  const char* v1 =
      "#include <stdio.h>\n"
      "int next(void) { static int n = 0; n += 1; return n; }\n"
      "void report(void) { printf(\"id=%d\\n\", next()); fflush(stdout); }\n"
      "int main(void) { while (getchar() >= 0) report(); return 0; }\n";
  RunningC p(v1);
  p.send("xy");
  p.read_until("id=2\n");
  UpdateReply r = p.update(with(v1, "static int n = 0; n += 1;", "static int n = 100; n += 10;"));
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  p.send("z");
  std::string out = p.read_until("\n");
  EXPECT_TRUE(has(out, "id=12")) << out;
}

// Binding: a function pointer stored before the update reaches the new
// procedure; one whose procedure changed signature goes through the
// interprocedure (docs/UPDATING.md, the commit).
TEST(UpdateEngineC, FunctionPointersReachTheCurrentBinding) {
  const char* v1 =
      "#include <stdio.h>\n"
      "int twice(int x) { return 2 * x; }\n"
      "int (*op)(int x);\n"
      "int main(void) { int c; op = twice;\n"
      "  while ((c = getchar()) >= 0) { printf(\"r=%d\\n\", op(c - '0')); fflush(stdout); } return 0; }\n";
  const char* v2 =
      "#include <stdio.h>\n"
      "int twice(int x) { return 3 * x; }\n"
      "int (*op)(int x);\n"
      "int main(void) { int c; op = twice;\n"
      "  while ((c = getchar()) >= 0) { printf(\"r=%d\\n\", op(c - '0')); fflush(stdout); } return 0; }\n";
  const char* v3 =
      "#include <stdio.h>\n"
      "int twice(int x, int y) { return 4 * x + y; }\n"
      "#pragma dvm interprocedure twice\n"
      "int twice_v2(int x) { return twice(x, 100); }\n"
      "int (*op)(int x);\n"
      "int main(void) { int c; op = twice_v2;\n"
      "  while ((c = getchar()) >= 0) { printf(\"r=%d\\n\", op(c - '0')); fflush(stdout); } return 0; }\n";
  RunningC p(v1);
  p.send("5");
  EXPECT_TRUE(has(p.read_until("\n"), "r=10"));
  UpdateReply r = p.update(v2);
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  p.send("5");
  std::string out = p.read_until("\n");
  EXPECT_TRUE(has(out, "r=15")) << out;
  r = p.update(v3);
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  p.send("5");
  out = p.read_until("\n");
  EXPECT_TRUE(has(out, "r=120")) << out;
}

// docs/UPDATING.md, groups: a change to fmt restricts session, which is in its
// group; the dry run says so and the update waits until session returns.
TEST(UpdateEngineC, GroupRestrictsItsMembers) {
  const char* v1 =
      "#include <stdio.h>\n"
      "#pragma dvm group session, fmt\n"
      "int fmt(int x) { return x * 2; }\n"
      "void session(void) { int c;\n"
      "  while ((c = getchar()) >= 0 && c != '.') { printf(\"g %d\\n\", fmt(c - '0')); fflush(stdout); } }\n"
      "int main(void) { while (getchar() >= 0) session(); return 0; }\n";
  std::string v2 = with(v1, "x * 2", "x * 3");
  RunningC p(v1);
  p.send("s4");
  EXPECT_TRUE(has(p.read_until("\n"), "g 8"));
  UpdateReply dry = p.update(v2, 5, true);
  EXPECT_EQ(dry.status, UpdateReply::Status::Planned);
  EXPECT_TRUE(has(dry.message, "session")) << dry.message;
  UpdateReply waited = p.update(v2, 0.3);
  EXPECT_EQ(waited.status, UpdateReply::Status::Abandoned) << waited.message;
  std::thread sender([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    p.send(".");  // session returns
  });
  UpdateReply r = p.update(v2, 5);
  sender.join();
  ASSERT_EQ(r.status, UpdateReply::Status::Committed) << r.message;
  p.send("s4");
  std::string out = p.read_until("\n");
  EXPECT_TRUE(has(out, "g 12")) << out;
}

}  // namespace
}  // namespace dvm
