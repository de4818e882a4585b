// The client side of the control channel: see vm/control_client.h.
#include "vm/control_client.h"

#include <dirent.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "vm/io.h"

namespace dvm {
namespace control {
namespace {

constexpr int kConnectTimeoutMs = 2000;
constexpr int64_t kInfoTimeoutNs = 2'000'000'000;
constexpr int64_t kStatusTimeoutNs = 10'000'000'000;
// After the update's own timeout, how long the engine may take to say so.
constexpr double kUpdateGraceS = 60;

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The pid in "<pid>.sock", or 0 when the name is not ours.
int pid_of(const std::string& name, const std::string& suffix) {
  if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
    return 0;
  std::string digits = name.substr(0, name.size() - suffix.size());
  if (!all_digits(digits) || digits.size() > 9) return 0;
  return std::atoi(digits.c_str());
}

bool process_gone(int pid) { return pid > 0 && kill(pid, 0) != 0 && errno == ESRCH; }

bool is_our_socket(const std::string& path) {
  struct stat st;
  return lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode) && st.st_uid == geteuid();
}

// When process `pid` started (seconds since the epoch), or -1 when unknown.
double process_start_time(int pid) {
  std::ifstream stat_file("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat_file)), std::istreambuf_iterator<char>());
  size_t paren = text.rfind(')');  // the command name may hold spaces
  if (paren == std::string::npos) return -1;
  std::istringstream fields(text.substr(paren + 2));
  std::string field;
  for (int i = 3; i <= 22 && fields >> field; i++)
    if (i == 22) {
      std::ifstream proc_stat("/proc/stat");
      std::string key;
      long long boot = -1, value;
      while (proc_stat >> key)
        if (key == "btime" && proc_stat >> value) boot = value;
      if (boot < 0) return -1;
      return static_cast<double>(boot) + std::atof(field.c_str()) / static_cast<double>(sysconf(_SC_CLK_TCK));
    }
  return -1;
}

// A socket nobody listens on is stale when the program named in it is gone,
// or when the file is older than the process now holding that pid (the pid
// was reused).  Otherwise its program is still starting: bound, not yet listening.
bool socket_is_stale(const std::string& path, int pid) {
  if (process_gone(pid)) return true;
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) return false;
  double started = process_start_time(pid);
  return started > 0 && static_cast<double>(st.st_mtime) + 2 < started;  // start time has 10 ms ticks, btime 1 s
}

// Asks one socket who is there; removes it when it is stale.
bool probe(const std::string& path, int pid, InstanceInfo* out) {
  if (!is_our_socket(path)) return false;
  Json reply;
  for (int attempt = 0;; attempt++) {
    bool refused = false;
    std::string error;
    CallStatus cs = call(path, request_header("info"), {}, monotonic_ns() + kInfoTimeoutNs, &reply, &error, &refused);
    if (cs == CallStatus::Ok) break;
    if (!refused) return false;
    if (socket_is_stale(path, pid)) {
      unlink(path.c_str());  // its program was killed
      return false;
    }
    if (attempt == 10) return false;  // still not listening after 0.5 s: leave it alone
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const Json* reply_pid = reply.get("pid");
  const Json* program = reply.get("program");
  if (!reply_pid || !reply_pid->is_int() || !program || !program->is_string()) return false;
  out->pid = static_cast<int>(reply_pid->as_int());
  out->program = program->as_string();
  out->socket = path;
  return true;
}

void scan_dir(const std::string& dir, std::vector<InstanceInfo>* out) {
  if (!check_socket_dir(dir, false).empty()) return;  // missing, or not safely ours
  DIR* d = opendir(dir.c_str());
  if (!d) return;
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) names.push_back(e->d_name);
  closedir(d);
  for (const std::string& name : names) {
    InstanceInfo info;
    if (int pid = pid_of(name, ".sock"); pid && probe(dir + "/" + name, pid, &info)) out->push_back(info);
  }
}

// Lexical normalization of an absolute path: "//", "." and ".." resolved by name.
std::string normalize(const std::string& abs) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < abs.size()) {
    size_t j = abs.find('/', i);
    if (j == std::string::npos) j = abs.size();
    std::string part = abs.substr(i, j - i);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = j + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += "/" + p;
  return out.empty() ? "/" : out;
}

bool send_all(int fd, const std::vector<uint8_t>& bytes, int64_t deadline_ns) {
  return write_message(fd, bytes, deadline_ns);
}

}  // namespace

std::string canonical_path(const std::string& path) {
  char buf[PATH_MAX];
  if (realpath(path.c_str(), buf)) return buf;
  if (!path.empty() && path[0] == '/') return normalize(path);
  char cwd[PATH_MAX];
  if (!getcwd(cwd, sizeof cwd)) return path;
  return normalize(std::string(cwd) + "/" + path);
}

std::vector<InstanceInfo> find_instances(const std::vector<std::string>& dirs) {
  std::vector<InstanceInfo> found;
  std::set<std::string> seen;
  for (const std::string& dir : dirs) {
    std::string real = canonical_path(dir);
    if (seen.insert(real).second) scan_dir(dir, &found);
  }
  std::sort(found.begin(), found.end(), [](const InstanceInfo& a, const InstanceInfo& b) { return a.pid < b.pid; });
  // The same program seen through two directories (one a link to the other) counts once.
  found.erase(std::unique(found.begin(), found.end(),
                          [](const InstanceInfo& a, const InstanceInfo& b) { return a.pid == b.pid; }),
              found.end());
  return found;
}

int connect_to(const std::string& socket, int timeout_ms, bool* refused, std::string* error) {
  *refused = false;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socket.size() >= sizeof addr.sun_path) {
    *error = "socket path too long: " + socket;
    return -1;
  }
  std::memcpy(addr.sun_path, socket.c_str(), socket.size() + 1);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    *error = std::string("socket: ") + std::strerror(errno);
    return -1;
  }
  // A Unix connect waits for room in the listener's backlog up to the send timeout.
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    *refused = errno == ECONNREFUSED;
    *error = "cannot connect to " + socket + ": " + std::strerror(errno);
    close(fd);
    return -1;
  }
  if (!peer_is_same_user(fd)) {
    *error = socket + " is served by another user";
    close(fd);
    return -1;
  }
  return fd;
}

CallStatus call(const std::string& socket, const Json& header, const std::vector<uint8_t>& trailer,
                int64_t deadline_ns, Json* reply, std::string* error, bool* refused, const ProgressFn& progress) {
  bool nobody = false;
  int fd = connect_to(socket, kConnectTimeoutMs, &nobody, error);
  if (refused) *refused = nobody;
  if (fd < 0) return CallStatus::NoReply;
  // A failed send is not the end: the server may have answered (say, "too
  // large") and closed before reading everything.
  bool sent = send_all(fd, encode_message(header, trailer), deadline_ns);
  Message msg;
  ReadLimits limits;
  limits.max_header = kMaxReplyHeader;
  limits.max_trailer = 0;
  ReadStatus rs = read_message(fd, limits, deadline_ns, -1, &msg, error);
  for (;;) {
    const Json* words = rs == ReadStatus::Ok ? msg.header.get("progress") : nullptr;
    if (!words || !words->is_string()) break;
    if (progress) progress(words->as_string());
    msg = Message();
    rs = read_message(fd, limits, deadline_ns, -1, &msg, error);
  }
  close(fd);
  if (rs != ReadStatus::Ok) {
    if (!sent && rs == ReadStatus::Closed) *error = "the connection was closed while sending";
    return CallStatus::NoReply;
  }
  *reply = std::move(msg.header);
  const Json* ok = reply->get("ok");
  if (ok && ok->is_bool() && ok->as_bool()) return CallStatus::Ok;
  const Json* message = reply->get("error");
  *error = message && message->is_string() ? message->as_string() : "the instance refused the request";
  return CallStatus::Failed;
}

bool fetch_status(const InstanceInfo& inst, Json* element, std::string* error) {
  Json reply;
  if (call(inst.socket, request_header("status"), {}, monotonic_ns() + kStatusTimeoutNs, &reply, error) !=
      CallStatus::Ok)
    return false;
  const Json* e = reply.get("instance");
  if (!e || !e->is_object()) {
    *error = "the reply carries no instance";
    return false;
  }
  *element = *e;
  return true;
}

UpdateOutcome send_update(const InstanceInfo& inst, const UpdateRequest& req, const ProgressFn& progress) {
  UpdateOutcome out;
  Json reply;
  int64_t deadline = monotonic_ns() + static_cast<int64_t>((req.timeout_s + kUpdateGraceS) * 1e9);
  Json header = update_request_header(req);
  if (progress) header.set("progress", Json::boolean(true));
  CallStatus cs = call(inst.socket, header, req.image, deadline, &reply, &out.error, nullptr, progress);
  if (cs == CallStatus::NoReply) {
    // The channel removes its socket first thing when the program ends.
    if (process_gone(inst.pid) || access(inst.socket.c_str(), F_OK) != 0) out.kind = UpdateOutcome::Kind::Exited;
    return out;
  }
  if (cs == CallStatus::Failed) return out;
  if (const Json* exited = reply.get("exited"); exited && exited->is_bool() && exited->as_bool()) {
    out.kind = UpdateOutcome::Kind::Exited;
    return out;
  }
  if (!get_update_reply(reply, &out.reply, &out.error)) return out;
  out.kind = UpdateOutcome::Kind::Replied;
  return out;
}

}  // namespace control
}  // namespace dvm
