// The control channel: how `dvm update` and `dvm status` reach a running
// program.  `dvm run` listens on a Unix socket (one per process) on a thread of
// its own; every request is served off the interpreter thread, and the update
// engine (vm/update.h) is the only thing that ever touches the program.
// The wire format is docs/CONTROL.md.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vm/update.h"

namespace dvm {
namespace control {

// ---- JSON: the headers of requests and replies, and `dvm status --json`.
// Objects keep their members in order, so what the engine writes is shown as written.
class Json {
 public:
  enum class Type { Null, Bool, Int, Real, String, Array, Object };

  Json() = default;
  static Json boolean(bool b);
  static Json integer(int64_t i);
  static Json real(double d);
  static Json string(std::string s);
  static Json array();
  static Json object();

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_bool() const { return type_ == Type::Bool; }
  bool is_int() const { return type_ == Type::Int; }
  bool is_number() const { return type_ == Type::Int || type_ == Type::Real; }
  bool is_string() const { return type_ == Type::String; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_object() const { return type_ == Type::Object; }

  bool as_bool() const { return bool_; }
  int64_t as_int() const { return type_ == Type::Int ? int_ : static_cast<int64_t>(real_); }
  double as_number() const { return type_ == Type::Int ? static_cast<double>(int_) : real_; }
  const std::string& as_string() const { return str_; }

  // Array elements, or object values (in member order).
  const std::vector<Json>& items() const { return items_; }
  const std::vector<std::string>& keys() const { return keys_; }
  void push(Json v) { items_.push_back(std::move(v)); }

  // Object members: get returns null when absent (or when this is no object).
  const Json* get(const std::string& key) const;
  void set(const std::string& key, Json v);  // replaces, or appends in order

 private:
  Type type_ = Type::Null;
  bool bool_ = false;
  int64_t int_ = 0;
  double real_ = 0;
  std::string str_;
  std::vector<std::string> keys_;
  std::vector<Json> items_;
};

// Parses one JSON value (nothing but white space after it).  Nesting deeper
// than kMaxJsonDepth is an error, so hostile input cannot exhaust the stack.
constexpr int kMaxJsonDepth = 64;
bool parse_json(const std::string& text, Json* out, std::string* error);
// Compact, one line: {"a": 1, "b": [true, null]}.
std::string to_json(const Json& v);

// ---- framing: every message is  u32le total | u32le header_len | header | trailer
// where total = 4 + header_len + trailer length, header is one JSON object and
// the trailer is raw bytes (the image of an update request; empty elsewhere).
constexpr int64_t kProtocolVersion = 1;
constexpr uint32_t kMaxRequestHeader = 64u << 10;  // requests are a few fields
constexpr uint32_t kMaxImage = 64u << 20;          // an update's image
constexpr uint32_t kMaxReplyHeader = 16u << 20;    // status of a long-running program

struct Message {
  Json header;
  std::vector<uint8_t> trailer;
};

std::vector<uint8_t> encode_message(const Json& header, const std::vector<uint8_t>& trailer = {});

enum class ReadStatus {
  Ok,
  Closed,     // the peer closed before sending a byte
  Truncated,  // the peer closed in the middle of a message
  TooLarge,   // a length over the limit (nothing more was read)
  Malformed,  // the header is not a JSON object, or the lengths disagree
  Timeout,
  Stopped,    // stop_fd became readable
  IoError,
};

struct ReadLimits {
  uint32_t max_header = kMaxRequestHeader;
  uint32_t max_trailer = kMaxImage;
  // Given the parsed header, the largest trailer that kind of message may carry
  // (checked before the trailer is read); null: max_trailer for every message.
  uint32_t (*trailer_limit)(const Json& header) = nullptr;
};

// Reads one message from fd, waiting at most until deadline_ns (monotonic;
// < 0: no deadline); stop_fd (< 0: none) readable interrupts the wait.  On
// failure *error says why in words a client can show.
ReadStatus read_message(int fd, const ReadLimits& limits, int64_t deadline_ns, int stop_fd, Message* out,
                        std::string* error);
// Writes all of a message (never raises SIGPIPE); false on error or deadline.
bool write_message(int fd, const std::vector<uint8_t>& bytes, int64_t deadline_ns);

// ---- requests and replies (both ends use these, so they cannot drift)
// {"v": 1, "type": TYPE}
Json request_header(const std::string& type);
// An update request: its header; the image travels as the trailer.
Json update_request_header(const UpdateRequest& req);
// "" and *req filled (image taken from the trailer), or what is wrong with it.
std::string parse_update_request(Message&& msg, UpdateRequest* req);
// {"v": 1, "ok": false, "error": MESSAGE}
Json error_reply(const std::string& message);
// The reply fields of an update: "result", "version", "pause_us", "would_accept", "message".
void put_update_reply(const UpdateReply& reply, Json* out);
bool get_update_reply(const Json& in, UpdateReply* reply, std::string* error);
const char* update_status_name(UpdateReply::Status s);

// ---- where the sockets live
// $XDG_RUNTIME_DIR/dvm when XDG_RUNTIME_DIR is an absolute path, else /tmp/dvm-UID.
std::string default_socket_dir();
// Every directory a client looks in: the default one first, then the other
// candidate (a `dvm run` started from another session may have used it).
std::vector<std::string> socket_dirs();
// "" when dir is a directory (not a symlink) owned by us with no group or other
// access; else the reason.  create: make it (mode 0700) when it does not exist.
std::string check_socket_dir(const std::string& dir, bool create);
// True when the process at the other end of a Unix socket runs as our user.
bool peer_is_same_user(int fd);
// "<dir>/<pid>.sock"
std::string socket_path(const std::string& dir, int pid);

// ---- the server
// What the channel asks of the program; the real one calls vm/update.h, tests fake it.
class ControlHandler {
 public:
  virtual ~ControlHandler() = default;
  virtual UpdateReply update(const UpdateRequest& req, const std::atomic<bool>& cancelled) = 0;
  virtual std::string status() = 0;  // one element of "instances" (update.h)
  virtual void program_exited() = 0;
};

struct ChannelConfig {
  std::string program;  // the canonical path the program was started from
  std::string dir;      // "": default_socket_dir()
  uint32_t max_image = kMaxImage;
  int max_connections = 16;         // at once; more are answered with an error
  int request_timeout_ms = 10000;   // to receive a whole request after connecting
};

class ControlChannel {
 public:
  ControlChannel() = default;
  ControlChannel(const ControlChannel&) = delete;
  ControlChannel& operator=(const ControlChannel&) = delete;
  ~ControlChannel();

  // Creates the socket and starts serving on a thread of its own.  Returns ""
  // or why the channel cannot be set up (the caller then runs without one).
  std::string start(const ChannelConfig& config, std::shared_ptr<ControlHandler> handler);
  bool running() const { return state_ != nullptr; }
  const std::string& path() const { return path_; }

  // The program has ended: the socket goes away, pending updates are told, and
  // connections get up to wait_ms to finish.  False when some are still inside
  // the handler: whatever it refers to must then outlive the process.
  bool stop(int wait_ms = 2000);

  struct State;

 private:
  std::shared_ptr<State> state_;
  std::string path_;
};

}  // namespace control
}  // namespace dvm
