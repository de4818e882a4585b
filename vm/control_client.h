// The client side of the control channel: finding the running instances of a
// program and sending them requests (`dvm update`, `dvm status`).  Errors are
// values; the driver prints.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "vm/control.h"

namespace dvm {
namespace control {

// The canonical absolute path of a program file, by which instances are
// matched: realpath() when the file exists, else the absolute path with "."
// and ".." resolved by name.
std::string canonical_path(const std::string& path);

struct InstanceInfo {
  int pid = 0;
  std::string program;  // canonical path it was started from
  std::string socket;
};

// Every running instance of our user that answers, ordered by pid.  Sockets
// nobody listens on any more (a killed program's) are removed on the way.
std::vector<InstanceInfo> find_instances(const std::vector<std::string>& dirs = socket_dirs());

// Connects to an instance's socket; -1 and *error when that fails (*refused:
// nobody listens there).  The process at the other end must run as our user.
int connect_to(const std::string& socket, int timeout_ms, bool* refused, std::string* error);

enum class CallStatus { Ok, Failed, NoReply };

// Words an instance sends while it works on a request (an update waiting).
using ProgressFn = std::function<void(const std::string&)>;

// Sends one request and reads its reply.  Ok: the reply says "ok": true.
// Failed: the instance answered with an error (*error).  NoReply: the
// connection failed or closed first (*error; *refused when nobody listens).
// Messages carrying "progress" before the reply go to `progress`.
CallStatus call(const std::string& socket, const Json& header, const std::vector<uint8_t>& trailer,
                int64_t deadline_ns, Json* reply, std::string* error, bool* refused = nullptr,
                const ProgressFn& progress = nullptr);

// The instance's element of `dvm status --json` "instances".
bool fetch_status(const InstanceInfo& inst, Json* element, std::string* error);

struct UpdateOutcome {
  enum class Kind { Replied, Exited, Error } kind = Kind::Error;
  UpdateReply reply;  // Replied
  std::string error;  // Error
};

// Sends an update and waits for the instance's verdict (commit, refusal,
// abandonment, or the plan of a dry run); with `progress`, the instance says
// what a waiting update waits for whenever that changes.
UpdateOutcome send_update(const InstanceInfo& inst, const UpdateRequest& req, const ProgressFn& progress = nullptr);

}  // namespace control
}  // namespace dvm
