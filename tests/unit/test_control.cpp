// The control channel's protocol layer against a fake engine: JSON, framing
// and its limits, hostile and broken clients, directory and peer checks,
// finding instances and cleaning stale sockets.  No program runs here; the
// end-to-end tests with a real engine are tests/update/run_update_tests.sh.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "vm/control.h"
#include "vm/control_client.h"
#include "vm/io.h"

namespace dvm {
namespace control {
namespace {

// ---- helpers

// A private temporary directory (mode 0700), removed with its contents.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/dvm-ctl-test.XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The engine, faked: records requests; an update either answers at once or
// blocks until it is cancelled or the program exits.
class FakeEngine : public ControlHandler {
 public:
  bool block = false;
  UpdateReply answer{UpdateReply::Status::Committed, 2, 18, false, ""};
  std::string status_text = "{\"pid\": 1, \"program\": \"engine's idea\", \"versions\": [], \"pending\": []}";

  UpdateReply update(const UpdateRequest& req, const std::atomic<bool>& cancelled) override {
    std::unique_lock<std::mutex> lock(mu_);
    last_ = req;
    updates_++;
    cv_.notify_all();
    if (!block) return answer;
    while (!cancelled.load() && !exited_) cv_.wait_for(lock, std::chrono::milliseconds(5));
    saw_cancel_ = cancelled.load();
    cv_.notify_all();
    return UpdateReply{UpdateReply::Status::Abandoned, 0, 0, false, exited_ ? "the program exited" : "cancelled"};
  }
  std::string status() override { return status_text; }
  void program_exited() override {
    std::lock_guard<std::mutex> lock(mu_);
    exited_ = true;
  }

  bool wait_updates(int n) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(5), [&] { return updates_ >= n; });
  }
  bool wait_cancel() {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(5), [&] { return saw_cancel_; });
  }
  int updates() {
    std::lock_guard<std::mutex> lock(mu_);
    return updates_;
  }
  UpdateRequest last() {
    std::lock_guard<std::mutex> lock(mu_);
    return last_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  UpdateRequest last_;
  int updates_ = 0;
  bool exited_ = false;
  bool saw_cancel_ = false;
};

int64_t in_ms(int ms) { return monotonic_ns() + int64_t{ms} * 1000000; }

int raw_connect(const std::string& path) {
  bool refused;
  std::string error;
  return connect_to(path, 2000, &refused, &error);
}

void send_raw(int fd, const std::vector<uint8_t>& bytes) { ASSERT_TRUE(write_message(fd, bytes, in_ms(2000))); }

std::vector<uint8_t> u32(uint32_t v) {
  return {static_cast<uint8_t>(v), static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v >> 16),
          static_cast<uint8_t>(v >> 24)};
}

std::vector<uint8_t> frame(const std::string& header, const std::vector<uint8_t>& trailer = {}) {
  std::vector<uint8_t> out = u32(static_cast<uint32_t>(4 + header.size() + trailer.size()));
  std::vector<uint8_t> h = u32(static_cast<uint32_t>(header.size()));
  out.insert(out.end(), h.begin(), h.end());
  out.insert(out.end(), header.begin(), header.end());
  out.insert(out.end(), trailer.begin(), trailer.end());
  return out;
}

// Reads the server's reply on fd (the "error" text for error replies).
ReadStatus read_reply(int fd, Json* reply, int ms = 3000) {
  Message msg;
  ReadLimits limits;
  limits.max_header = kMaxReplyHeader;
  limits.max_trailer = 0;
  std::string error;
  ReadStatus rs = read_message(fd, limits, in_ms(ms), -1, &msg, &error);
  *reply = msg.header;
  return rs;
}

std::string error_of(const Json& reply) {
  const Json* ok = reply.get("ok");
  const Json* e = reply.get("error");
  if (ok && ok->is_bool() && ok->as_bool()) return "(ok)";
  return e && e->is_string() ? e->as_string() : "(no error)";
}

// A channel in a private directory with a fake engine.
struct Fixture {
  TempDir dir;
  std::shared_ptr<FakeEngine> engine = std::make_shared<FakeEngine>();
  ControlChannel channel;
  std::string sock;

  explicit Fixture(ChannelConfig config = {}) {
    config.program = "/some/where/prog.pas";
    config.dir = dir.path() + "/dvm";
    std::string problem = channel.start(config, engine);
    EXPECT_EQ(problem, "");
    sock = channel.path();
  }

  // Sends raw bytes on a fresh connection and reads the reply.
  Json exchange(const std::vector<uint8_t>& bytes, ReadStatus* rs = nullptr) {
    int fd = raw_connect(sock);
    EXPECT_GE(fd, 0);
    write_message(fd, bytes, in_ms(2000));
    Json reply;
    ReadStatus got = read_reply(fd, &reply);
    if (rs) *rs = got;
    close(fd);
    return reply;
  }

  // The channel still answers a well-formed request.
  bool alive() {
    Json reply;
    std::string error;
    return call(sock, request_header("info"), {}, in_ms(3000), &reply, &error) == CallStatus::Ok;
  }
};

// ---- JSON

TEST(ControlJson, RoundTripKeepsOrderAndTypes) {
  Json v;
  std::string error;
  ASSERT_TRUE(parse_json(" {\"b\": [1, -2, 3.5, true, false, null], \"a\": \"x\\\"y\\n\\u00e9\\ud83d\\ude00\"} ", &v,
                         &error))
      << error;
  EXPECT_EQ(to_json(v), "{\"b\": [1, -2, 3.5, true, false, null], \"a\": \"x\\\"y\\n\xc3\xa9\xf0\x9f\x98\x80\"}");
  EXPECT_EQ(v.keys()[0], "b");
  EXPECT_TRUE(v.get("b")->items()[0].is_int());
  EXPECT_FALSE(v.get("b")->items()[2].is_int());
}

TEST(ControlJson, LargeIntegersStayExactOrBecomeReals) {
  Json v;
  std::string error;
  ASSERT_TRUE(parse_json("[9223372036854775807, 99999999999999999999]", &v, &error));
  EXPECT_EQ(v.items()[0].as_int(), INT64_MAX);
  EXPECT_FALSE(v.items()[1].is_int());
}

TEST(ControlJson, RejectsMalformedInput) {
  const char* bad[] = {"",     "{",          "{\"a\" 1}",   "[1,]",    "[1 2]",  "01",         "1.",
                       "-",    "\"abc",      "\"\\x\"",     "tru",     "{} x",   "\"\\ud800\"", "\"a\tb\"",
                       "{1:2}", "[\"\\u12\"]", "\xff\xfe"};
  for (const char* text : bad) {
    Json v;
    std::string error;
    EXPECT_FALSE(parse_json(text, &v, &error)) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
}

TEST(ControlJson, DeepNestingIsAnErrorNotACrash) {
  std::string deep(100000, '[');
  Json v;
  std::string error;
  EXPECT_FALSE(parse_json(deep, &v, &error));
  EXPECT_NE(error.find("nesting"), std::string::npos) << error;
  std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_TRUE(parse_json(ok, &v, &error)) << error;
}

TEST(ControlJson, EscapesControlCharacters) {
  EXPECT_EQ(to_json(Json::string(std::string("a\x01\x1f\\b", 5))), "\"a\\u0001\\u001f\\\\b\"");
}

// ---- framing (on a socket pair: no server involved)

struct Pair {
  int a = -1, b = -1;
  Pair() {
    int fds[2];
    EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    a = fds[0];
    b = fds[1];
  }
  ~Pair() {
    if (a >= 0) close(a);
    if (b >= 0) close(b);
  }
  void close_a() {
    close(a);
    a = -1;
  }
};

ReadStatus read_on(int fd, Message* msg, std::string* error, ReadLimits limits = {}, int ms = 1000) {
  return read_message(fd, limits, in_ms(ms), -1, msg, error);
}

TEST(ControlFraming, MessageRoundTrip) {
  Pair p;
  Json h = request_header("update");
  std::vector<uint8_t> trailer(100000);
  for (size_t i = 0; i < trailer.size(); i++) trailer[i] = static_cast<uint8_t>(i * 7);
  std::thread writer([&] { write_message(p.a, encode_message(h, trailer), in_ms(2000)); });
  Message msg;
  std::string error;
  EXPECT_EQ(read_on(p.b, &msg, &error), ReadStatus::Ok) << error;
  writer.join();
  EXPECT_EQ(to_json(msg.header), to_json(h));
  EXPECT_EQ(msg.trailer, trailer);
}

TEST(ControlFraming, CleanCloseAndTruncation) {
  {
    Pair p;
    p.close_a();
    Message msg;
    std::string error;
    EXPECT_EQ(read_on(p.b, &msg, &error), ReadStatus::Closed);
  }
  std::vector<uint8_t> whole = frame("{\"v\": 1}", {1, 2, 3});
  for (size_t cut : {size_t{2}, size_t{6}, size_t{10}, whole.size() - 1}) {
    Pair p;
    std::vector<uint8_t> part(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(cut));
    send_raw(p.a, part);
    p.close_a();
    Message msg;
    std::string error;
    EXPECT_EQ(read_on(p.b, &msg, &error), ReadStatus::Truncated) << cut;
  }
}

TEST(ControlFraming, OversizedLengthIsRefusedBeforeReading) {
  Pair p;
  send_raw(p.a, u32(0xffffffffu));  // nothing follows: the reader must not wait for it
  Message msg;
  std::string error;
  EXPECT_EQ(read_on(p.b, &msg, &error), ReadStatus::TooLarge);
  EXPECT_NE(error.find("over the limit"), std::string::npos) << error;
}

TEST(ControlFraming, HeaderLimitsAndInconsistentLengths) {
  {
    Pair p;
    std::vector<uint8_t> bytes = u32(4 + 100);
    std::vector<uint8_t> h = u32(200);  // header longer than the message
    bytes.insert(bytes.end(), h.begin(), h.end());
    send_raw(p.a, bytes);
    Message msg;
    std::string error;
    EXPECT_EQ(read_on(p.b, &msg, &error), ReadStatus::Malformed);
  }
  {
    Pair p;
    ReadLimits limits;
    limits.max_header = 16;
    send_raw(p.a, frame("{\"a_long_member_name\": 1}"));
    Message msg;
    std::string error;
    EXPECT_EQ(read_on(p.b, &msg, &error, limits), ReadStatus::TooLarge);
  }
  {
    Pair p;
    send_raw(p.a, u32(2));  // shorter than the header length field
    Message msg;
    std::string error;
    EXPECT_EQ(read_on(p.b, &msg, &error), ReadStatus::Malformed);
  }
}

TEST(ControlFraming, HeaderMustBeAJsonObject) {
  for (const char* header : {"[1, 2]", "not json", "", "{\"a\": "}) {
    Pair p;
    send_raw(p.a, frame(header));
    Message msg;
    std::string error;
    EXPECT_EQ(read_on(p.b, &msg, &error), ReadStatus::Malformed) << header;
  }
}

TEST(ControlFraming, TrailerLimitDependsOnTheHeader) {
  Pair p;
  ReadLimits limits;
  limits.trailer_limit = [](const Json& h) -> uint32_t { return h.get("big") ? 1000 : 0; };
  send_raw(p.a, frame("{\"small\": 1}", {1}));
  Message msg;
  std::string error;
  EXPECT_EQ(read_on(p.b, &msg, &error, limits), ReadStatus::TooLarge);
  Pair q;
  send_raw(q.a, frame("{\"big\": 1}", std::vector<uint8_t>(1000, 9)));
  EXPECT_EQ(read_on(q.b, &msg, &error, limits), ReadStatus::Ok) << error;
  EXPECT_EQ(msg.trailer.size(), 1000u);
}

TEST(ControlFraming, StalledSenderTimesOut) {
  Pair p;
  send_raw(p.a, u32(100));
  Message msg;
  std::string error;
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(read_on(p.b, &msg, &error, {}, 200), ReadStatus::Timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
}

TEST(ControlFraming, UpdateRequestRoundTrip) {
  UpdateRequest req;
  req.image = {1, 2, 3};
  req.source = "/x/new.pas";
  req.dry_run = true;
  req.strict = true;
  req.timeout_s = 2.5;
  Message msg{update_request_header(req), req.image};
  UpdateRequest got;
  EXPECT_EQ(parse_update_request(std::move(msg), &got), "");
  EXPECT_EQ(got.image, req.image);
  EXPECT_EQ(got.source, req.source);
  EXPECT_TRUE(got.dry_run);
  EXPECT_TRUE(got.strict);
  EXPECT_DOUBLE_EQ(got.timeout_s, 2.5);
}

TEST(ControlFraming, UpdateReplyRoundTrip) {
  UpdateReply r{UpdateReply::Status::Planned, 3, 42, true, "plan\nline 2"};
  Json j = Json::object();
  put_update_reply(r, &j);
  UpdateReply got;
  std::string error;
  ASSERT_TRUE(get_update_reply(j, &got, &error)) << error;
  EXPECT_EQ(got.status, UpdateReply::Status::Planned);
  EXPECT_EQ(got.version, 3u);
  EXPECT_EQ(got.pause_us, 42u);
  EXPECT_TRUE(got.would_accept);
  EXPECT_EQ(got.message, r.message);
  j.set("result", Json::string("exploded"));
  EXPECT_FALSE(get_update_reply(j, &got, &error));
}

TEST(ControlFraming, CommitWithOldCodeAndUnchangedRoundTrip) {
  UpdateReply r{UpdateReply::Status::Committed, 2, 9, false, "", {"main keeps version 1 until the program ends"}};
  Json j = Json::object();
  put_update_reply(r, &j);
  UpdateReply got;
  std::string error;
  ASSERT_TRUE(get_update_reply(j, &got, &error)) << error;
  EXPECT_EQ(got.old_code, r.old_code);
  UpdateReply same{UpdateReply::Status::Unchanged, 2, 0, false, "nothing"};
  Json k = Json::object();
  put_update_reply(same, &k);
  UpdateReply back;
  ASSERT_TRUE(get_update_reply(k, &back, &error)) << error;
  EXPECT_EQ(back.status, UpdateReply::Status::Unchanged);
  EXPECT_TRUE(back.old_code.empty());
}

// ---- directories and peers

TEST(ControlDir, CreatesAPrivateDirectory) {
  TempDir t;
  std::string dir = t.path() + "/dvm";
  EXPECT_EQ(check_socket_dir(dir, true), "");
  struct stat st;
  ASSERT_EQ(lstat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_EQ(check_socket_dir(dir, false), "");  // existing: fine as it is
}

TEST(ControlDir, RefusesUnsafeDirectories) {
  TempDir t;
  std::string open_dir = t.path() + "/open";
  ASSERT_EQ(mkdir(open_dir.c_str(), 0700), 0);
  ASSERT_EQ(chmod(open_dir.c_str(), 0755), 0);
  EXPECT_NE(check_socket_dir(open_dir, true), "");
  ASSERT_EQ(chmod(open_dir.c_str(), 0710), 0);
  EXPECT_NE(check_socket_dir(open_dir, true), "");

  std::string link = t.path() + "/link";
  std::string real = t.path() + "/real";
  ASSERT_EQ(mkdir(real.c_str(), 0700), 0);
  ASSERT_EQ(symlink(real.c_str(), link.c_str()), 0);
  EXPECT_NE(check_socket_dir(link, true), "");

  std::string file = t.path() + "/file";
  std::system(("touch '" + file + "'").c_str());
  EXPECT_NE(check_socket_dir(file, true), "");
  EXPECT_NE(check_socket_dir(t.path() + "/missing/dvm", true), "");
  EXPECT_NE(check_socket_dir(t.path() + "/absent", false), "");
}

TEST(ControlDir, ChannelIsSkippedInAnUnsafeDirectory) {
  TempDir t;
  std::string dir = t.path() + "/dvm";
  ASSERT_EQ(mkdir(dir.c_str(), 0777), 0);
  ASSERT_EQ(chmod(dir.c_str(), 0777), 0);
  ControlChannel channel;
  ChannelConfig config;
  config.dir = dir;
  EXPECT_NE(channel.start(config, std::make_shared<FakeEngine>()), "");
  EXPECT_FALSE(channel.running());
  EXPECT_TRUE(channel.stop());
}

TEST(ControlDir, DefaultDirectoryFollowsXdgRuntimeDir) {
  const char* old = std::getenv("XDG_RUNTIME_DIR");
  std::string saved = old ? old : "";
  setenv("XDG_RUNTIME_DIR", "/run/user/77", 1);
  EXPECT_EQ(default_socket_dir(), "/run/user/77/dvm");
  EXPECT_EQ(socket_dirs().size(), 2u);
  setenv("XDG_RUNTIME_DIR", "relative", 1);
  EXPECT_EQ(default_socket_dir(), "/tmp/dvm-" + std::to_string(geteuid()));
  unsetenv("XDG_RUNTIME_DIR");
  EXPECT_EQ(default_socket_dir(), "/tmp/dvm-" + std::to_string(geteuid()));
  EXPECT_EQ(socket_dirs().size(), 1u);
  if (old) setenv("XDG_RUNTIME_DIR", saved.c_str(), 1);
}

TEST(ControlPeer, SameUserOnASocketPair) {
  Pair p;
  EXPECT_TRUE(peer_is_same_user(p.a));
  EXPECT_FALSE(peer_is_same_user(-1));
}

// As root, a process of another user connecting is recognized as foreign.
TEST(ControlPeer, ForeignUserIsRecognized) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to act as another user";
  TempDir t;
  ASSERT_EQ(chmod(t.path().c_str(), 0777), 0);
  std::string path = t.path() + "/peer.sock";
  int lfd = socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strcpy(addr.sun_path, path.c_str());
  ASSERT_EQ(bind(lfd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(chmod(path.c_str(), 0777), 0);
  ASSERT_EQ(listen(lfd, 4), 0);
  pid_t child = fork();
  if (child == 0) {
    if (setgid(65534) != 0 || setuid(65534) != 0) _exit(2);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) _exit(3);
    char c;
    (void)!read(fd, &c, 1);  // until the parent closes
    _exit(0);
  }
  int fd = accept(lfd, nullptr, nullptr);
  ASSERT_GE(fd, 0);
  EXPECT_FALSE(peer_is_same_user(fd));
  close(fd);
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  close(lfd);
}

// ---- the server

TEST(ControlServer, SocketIsPrivateAndNamedByPid) {
  Fixture f;
  EXPECT_EQ(f.sock, f.dir.path() + "/dvm/" + std::to_string(getpid()) + ".sock");
  struct stat st;
  ASSERT_EQ(lstat(f.sock.c_str(), &st), 0);
  EXPECT_TRUE(S_ISSOCK(st.st_mode));
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_NE(access((f.sock + ".tmp").c_str(), F_OK), 0);
  // The kernel's list of listening sockets names the real path (what ss -xl shows).
  std::ifstream unix_sockets("/proc/net/unix");
  std::string line;
  bool listed = false;
  while (std::getline(unix_sockets, line))
    if (line.size() >= f.sock.size() && line.compare(line.size() - f.sock.size(), f.sock.size(), f.sock) == 0)
      listed = true;
  EXPECT_TRUE(listed) << f.sock << " not in /proc/net/unix";
}

TEST(ControlServer, InfoNamesPidAndProgram) {
  Fixture f;
  Json reply;
  std::string error;
  ASSERT_EQ(call(f.sock, request_header("info"), {}, in_ms(3000), &reply, &error), CallStatus::Ok) << error;
  EXPECT_EQ(reply.get("pid")->as_int(), getpid());
  EXPECT_EQ(reply.get("program")->as_string(), "/some/where/prog.pas");
}

TEST(ControlServer, StatusCarriesTheEngineElementWithOurPidAndProgram) {
  Fixture f;
  f.engine->status_text = "{\"program\": \"?\", \"versions\": [{\"number\": 1}], \"pending\": []}";
  InstanceInfo inst{getpid(), "/some/where/prog.pas", f.sock};
  Json element;
  std::string error;
  ASSERT_TRUE(fetch_status(inst, &element, &error)) << error;
  EXPECT_EQ(to_json(element), "{\"pid\": " + std::to_string(getpid()) +
                                  ", \"program\": \"/some/where/prog.pas\", \"versions\": [{\"number\": 1}], "
                                  "\"pending\": []}");
}

TEST(ControlServer, BrokenEngineStatusIsAnErrorReply) {
  Fixture f;
  f.engine->status_text = "{\"versions\": [";
  InstanceInfo inst{getpid(), "", f.sock};
  Json element;
  std::string error;
  EXPECT_FALSE(fetch_status(inst, &element, &error));
  EXPECT_NE(error.find("not a JSON object"), std::string::npos) << error;
  EXPECT_TRUE(f.alive());
}

TEST(ControlServer, UpdatePassesTheRequestAndReturnsTheReply) {
  Fixture f;
  UpdateRequest req;
  req.image = std::vector<uint8_t>(3 << 20, 0xab);  // a few MiB: more than a socket buffer
  req.source = "/x/new.pas";
  req.strict = true;
  req.timeout_s = 7;
  UpdateOutcome o = send_update(InstanceInfo{getpid(), "", f.sock}, req);
  ASSERT_EQ(o.kind, UpdateOutcome::Kind::Replied) << o.error;
  EXPECT_EQ(o.reply.status, UpdateReply::Status::Committed);
  EXPECT_EQ(o.reply.version, 2u);
  EXPECT_EQ(o.reply.pause_us, 18u);
  UpdateRequest got = f.engine->last();
  EXPECT_EQ(got.image, req.image);
  EXPECT_EQ(got.source, "/x/new.pas");
  EXPECT_TRUE(got.strict);
  EXPECT_FALSE(got.dry_run);
  EXPECT_DOUBLE_EQ(got.timeout_s, 7);
}

TEST(ControlServer, GarbageGetsAnErrorAndTheChannelServesOn) {
  Fixture f;
  std::vector<uint8_t> garbage(64);
  for (size_t i = 0; i < garbage.size(); i++) garbage[i] = static_cast<uint8_t>(i * 37 + 11);
  garbage[0] = 40;  // a plausible length, then nonsense
  garbage[1] = garbage[2] = garbage[3] = 0;
  garbage[4] = 20;
  garbage[5] = garbage[6] = garbage[7] = 0;
  Json reply = f.exchange(garbage);
  EXPECT_NE(error_of(reply).find("not valid JSON"), std::string::npos) << to_json(reply);
  EXPECT_TRUE(f.alive());
}

TEST(ControlServer, OversizedLengthGetsAnErrorWithoutTheBody) {
  ChannelConfig config;
  config.max_image = 1 << 20;
  Fixture f(config);
  Json reply = f.exchange(u32(0x7fffffff));
  EXPECT_NE(error_of(reply).find("over the limit"), std::string::npos) << to_json(reply);
  EXPECT_TRUE(f.alive());
}

TEST(ControlServer, ImageOverTheLimitIsRefusedWhileTheClientStillSends) {
  ChannelConfig config;
  config.max_image = 1 << 10;
  Fixture f(config);
  UpdateRequest req;
  req.image = std::vector<uint8_t>(8 << 20, 1);
  UpdateOutcome o = send_update(InstanceInfo{getpid(), "", f.sock}, req);
  EXPECT_EQ(o.kind, UpdateOutcome::Kind::Error);
  EXPECT_NE(o.error.find("over the limit"), std::string::npos) << o.error;
  EXPECT_TRUE(f.alive());
}

TEST(ControlServer, MalformedRequestsGetErrorReplies) {
  Fixture f;
  struct Case {
    std::string header;
    std::vector<uint8_t> trailer;
    const char* expect;
  } cases[] = {
      {"{\"type\": \"info\"}", {}, "protocol version"},
      {"{\"v\": 2, \"type\": \"info\"}", {}, "unsupported protocol version 2"},
      {"{\"v\": \"1\", \"type\": \"info\"}", {}, "protocol version"},
      {"{\"v\": 1}", {}, "no \"type\""},
      {"{\"v\": 1, \"type\": \"reboot\"}", {}, "unknown request type"},
      {"{\"v\": 1, \"type\": \"status\"}", {1, 2}, "carries no data"},
      {"{\"v\": 1, \"type\": \"update\"}", {}, "no image"},
      {"{\"v\": 1, \"type\": \"update\", \"timeout\": -1}", {1}, "timeout"},
      {"{\"v\": 1, \"type\": \"update\", \"timeout\": \"soon\"}", {1}, "timeout"},
      {"{\"v\": 1, \"type\": \"update\", \"dry_run\": 1}", {1}, "dry_run"},
      {"{\"v\": 1, \"type\": \"update\", \"source\": 5}", {1}, "source"},
      {"[\"v\", 1]", {}, "not a JSON object"},
  };
  for (const Case& c : cases) {
    Json reply = f.exchange(frame(c.header, c.trailer));
    EXPECT_NE(error_of(reply).find(c.expect), std::string::npos) << c.header << " -> " << to_json(reply);
  }
  EXPECT_TRUE(f.alive());
}

TEST(ControlServer, TruncatedRequestsAndSilentClientsAreDropped) {
  ChannelConfig config;
  config.request_timeout_ms = 300;
  Fixture f(config);
  std::vector<uint8_t> whole = frame("{\"v\": 1, \"type\": \"update\"}", std::vector<uint8_t>(1000, 5));
  for (size_t cut : {size_t{1}, size_t{5}, size_t{20}, whole.size() - 1}) {
    int fd = raw_connect(f.sock);
    ASSERT_GE(fd, 0);
    write_message(fd, std::vector<uint8_t>(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(cut)),
                  in_ms(1000));
    close(fd);  // halfway
  }
  // A client that sends half a request and then waits is answered with a timeout.
  int fd = raw_connect(f.sock);
  write_message(fd, std::vector<uint8_t>(whole.begin(), whole.begin() + 20), in_ms(1000));
  Json reply;
  EXPECT_EQ(read_reply(fd, &reply), ReadStatus::Ok);
  EXPECT_NE(error_of(reply).find("timed out"), std::string::npos) << to_json(reply);
  close(fd);
  // One that connects and goes away at once.
  close(raw_connect(f.sock));
  EXPECT_TRUE(f.alive());
  EXPECT_EQ(f.engine->updates(), 0);  // nothing half-read reached the engine
}

TEST(ControlServer, ClientThatGoesAwayCancelsItsUpdate) {
  Fixture f;
  f.engine->block = true;
  int fd = raw_connect(f.sock);
  UpdateRequest req;
  req.image = {1, 2, 3};
  send_raw(fd, encode_message(update_request_header(req), req.image));
  ASSERT_TRUE(f.engine->wait_updates(1));
  close(fd);  // Ctrl-C of `dvm update`
  EXPECT_TRUE(f.engine->wait_cancel());
  EXPECT_TRUE(f.alive());
}

TEST(ControlServer, ExtraBytesAfterTheRequestDoNotCancel) {
  Fixture f;
  f.engine->block = true;
  int fd = raw_connect(f.sock);
  UpdateRequest req;
  req.image = {1, 2, 3};
  std::vector<uint8_t> bytes = encode_message(update_request_header(req), req.image);
  bytes.insert(bytes.end(), 1000, 'x');
  send_raw(fd, bytes);
  ASSERT_TRUE(f.engine->wait_updates(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_TRUE(f.channel.stop());  // the program ends: the update is answered "exited"
  Json reply;
  EXPECT_EQ(read_reply(fd, &reply), ReadStatus::Ok);
  EXPECT_TRUE(reply.get("exited") && reply.get("exited")->as_bool()) << to_json(reply);
  close(fd);
}

TEST(ControlServer, ProgramExitAnswersPendingUpdates) {
  Fixture f;
  f.engine->block = true;
  UpdateRequest req;
  req.image = {1};
  UpdateOutcome o;
  std::thread client([&] { o = send_update(InstanceInfo{getpid(), "", f.sock}, req); });
  ASSERT_TRUE(f.engine->wait_updates(1));
  EXPECT_TRUE(f.channel.stop());
  client.join();
  EXPECT_EQ(o.kind, UpdateOutcome::Kind::Exited);
  EXPECT_NE(access(f.sock.c_str(), F_OK), 0);  // the socket is gone
}

TEST(ControlServer, ConcurrentClients) {
  Fixture f;
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; i++) {
    clients.emplace_back([&] {
      UpdateRequest req;
      req.image = {1, 2};
      for (int k = 0; k < 5; k++) {
        if (send_update(InstanceInfo{getpid(), "", f.sock}, req).kind == UpdateOutcome::Kind::Replied) ok++;
        Json element;
        std::string error;
        if (fetch_status(InstanceInfo{getpid(), "", f.sock}, &element, &error)) ok++;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(ok.load(), 80);
}

TEST(ControlServer, TooManyConnectionsAreAnsweredAndBounded) {
  ChannelConfig config;
  config.max_connections = 2;
  Fixture f(config);
  f.engine->block = true;
  std::vector<int> held;
  for (int i = 0; i < 2; i++) {
    int fd = raw_connect(f.sock);
    UpdateRequest req;
    req.image = {1};
    send_raw(fd, encode_message(update_request_header(req), req.image));
    held.push_back(fd);
  }
  ASSERT_TRUE(f.engine->wait_updates(2));
  Json reply;
  std::string error;
  EXPECT_EQ(call(f.sock, request_header("info"), {}, in_ms(3000), &reply, &error), CallStatus::Failed);
  EXPECT_NE(error.find("too many"), std::string::npos) << error;
  for (int fd : held) close(fd);
  // Once they are gone there is room again.
  bool back = false;
  for (int i = 0; i < 100 && !back; i++) {
    back = f.alive();
    if (!back) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(back);
}

TEST(ControlServer, StopRemovesTheSocketAndRefusesLateRequests) {
  Fixture f;
  std::string sock = f.sock;
  EXPECT_TRUE(f.channel.stop());
  EXPECT_NE(access(sock.c_str(), F_OK), 0);
  EXPECT_TRUE(f.channel.stop());  // twice is fine
}

// ---- finding instances

TEST(ControlClient, FindsRunningInstancesAndCleansStaleSockets) {
  Fixture f;
  std::string dir = f.dir.path() + "/dvm";
  // A socket whose program was killed: bound, never listening, its process gone.
  std::string stale = dir + "/999999.sock";
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strcpy(addr.sun_path, stale.c_str());
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  close(fd);
  // One bound but not listening yet, of a live process that started after it
  // was made: a program still starting, not to be removed.
  std::string starting = dir + "/" + std::to_string(getppid()) + ".sock";
  fd = socket(AF_UNIX, SOCK_STREAM, 0);
  std::strcpy(addr.sun_path, starting.c_str());
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  // And one left by a program whose pid now belongs to an older-born process
  // (pid 1 started before this file's time was set back): stale.
  std::string reused = dir + "/1.sock";
  int fd2 = socket(AF_UNIX, SOCK_STREAM, 0);
  std::strcpy(addr.sun_path, reused.c_str());
  ASSERT_EQ(bind(fd2, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  close(fd2);
  timespec old_times[2] = {{0, 0}, {0, 0}};  // 1970: older than any process
  ASSERT_EQ(utimensat(AT_FDCWD, reused.c_str(), old_times, AT_SYMLINK_NOFOLLOW), 0);
  std::string other = dir + "/notes.txt", fake = dir + "/123.sock";
  std::system(("touch '" + other + "' '" + fake + "'").c_str());

  std::vector<InstanceInfo> found = find_instances({dir});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].pid, getpid());
  EXPECT_EQ(found[0].program, "/some/where/prog.pas");
  EXPECT_EQ(found[0].socket, f.sock);
  EXPECT_NE(access(stale.c_str(), F_OK), 0) << "stale socket not removed";
  EXPECT_NE(access(reused.c_str(), F_OK), 0) << "socket of a reused pid not removed";
  EXPECT_EQ(access(starting.c_str(), F_OK), 0) << "socket of a starting program removed";
  close(fd);
  EXPECT_EQ(access(other.c_str(), F_OK), 0);
  EXPECT_EQ(access(fake.c_str(), F_OK), 0);  // not a socket: not ours to remove
}

TEST(ControlClient, UnsafeDirectoryIsNotSearched) {
  Fixture f;
  std::string dir = f.dir.path() + "/dvm";
  ASSERT_EQ(chmod(dir.c_str(), 0755), 0);
  EXPECT_TRUE(find_instances({dir}).empty());
  ASSERT_EQ(chmod(dir.c_str(), 0700), 0);
  EXPECT_EQ(find_instances({dir, dir}).size(), 1u);
}

TEST(ControlClient, CanonicalPaths) {
  TempDir t;
  std::string file = t.path() + "/p.pas";
  std::system(("touch '" + file + "'").c_str());
  EXPECT_EQ(canonical_path(t.path() + "/./x/../p.pas"), file);
  EXPECT_EQ(canonical_path(t.path() + "/gone/../q.pas"), t.path() + "/q.pas");
  char cwd[4096];
  ASSERT_NE(getcwd(cwd, sizeof cwd), nullptr);
  EXPECT_EQ(canonical_path("no-such-file.pas"), std::string(cwd) + "/no-such-file.pas");
}

}  // namespace
}  // namespace control
}  // namespace dvm
