// The control channel's server and protocol: see vm/control.h and docs/CONTROL.md.
//
// Threads: one accepts connections; each connection gets a small thread that
// reads one request, answers it and closes.  An update runs the engine's
// blocking submit_update on one more thread while the connection thread
// watches the socket, so a client that goes away cancels its update.  Nothing
// here touches the program: the engine does, on the interpreter thread.
#include "vm/control.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "vm/io.h"

namespace dvm {
namespace control {

// ============================================================================
// JSON

Json Json::boolean(bool b) {
  Json v;
  v.type_ = Type::Bool;
  v.bool_ = b;
  return v;
}
Json Json::integer(int64_t i) {
  Json v;
  v.type_ = Type::Int;
  v.int_ = i;
  return v;
}
Json Json::real(double d) {
  Json v;
  v.type_ = Type::Real;
  v.real_ = d;
  return v;
}
Json Json::string(std::string s) {
  Json v;
  v.type_ = Type::String;
  v.str_ = std::move(s);
  return v;
}
Json Json::array() {
  Json v;
  v.type_ = Type::Array;
  return v;
}
Json Json::object() {
  Json v;
  v.type_ = Type::Object;
  return v;
}

const Json* Json::get(const std::string& key) const {
  if (type_ != Type::Object) return nullptr;
  for (size_t i = 0; i < keys_.size(); i++)
    if (keys_[i] == key) return &items_[i];
  return nullptr;
}

void Json::set(const std::string& key, Json v) {
  for (size_t i = 0; i < keys_.size(); i++) {
    if (keys_[i] == key) {
      items_[i] = std::move(v);
      return;
    }
  }
  keys_.push_back(key);
  items_.push_back(std::move(v));
}

namespace {

class JsonParser {
 public:
  explicit JsonParser(const std::string& text) : s_(text) {}

  bool parse(Json* out, std::string* error) {
    skip_space();
    bool ok = value(out, 0);
    if (ok) {
      skip_space();
      if (pos_ != s_.size()) ok = fail("unexpected text after the value");
    }
    if (!ok && error) *error = error_ + " at offset " + std::to_string(pos_);
    return ok;
  }

 private:
  const std::string& s_;
  size_t pos_ = 0;
  std::string error_;

  bool fail(const std::string& what) {
    error_ = what;
    return false;
  }
  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) pos_++;
  }
  bool literal(const char* word, Json value, Json* out) {
    size_t n = std::strlen(word);
    if (s_.compare(pos_, n, word) != 0) return fail("invalid value");
    pos_ += n;
    *out = std::move(value);
    return true;
  }
  // Consumes c when it comes next.
  bool eat(char c) {
    if (pos_ >= s_.size() || s_[pos_] != c) return false;
    pos_++;
    return true;
  }

  bool value(Json* out, int depth) {
    if (depth > kMaxJsonDepth) return fail("nesting deeper than " + std::to_string(kMaxJsonDepth));
    if (pos_ >= s_.size()) return fail("unexpected end");
    char c = s_[pos_];
    if (c == '{') return object(out, depth);
    if (c == '[') return array(out, depth);
    if (c == '"') {
      std::string str;
      if (!string(&str)) return false;
      *out = Json::string(std::move(str));
      return true;
    }
    if (c == 't') return literal("true", Json::boolean(true), out);
    if (c == 'f') return literal("false", Json::boolean(false), out);
    if (c == 'n') return literal("null", Json(), out);
    if (c == '-' || (c >= '0' && c <= '9')) return number(out);
    return fail("invalid value");
  }

  bool object(Json* out, int depth) {
    *out = Json::object();
    pos_++;  // {
    skip_space();
    if (eat('}')) return true;
    for (;;) {
      skip_space();
      std::string key;
      if (pos_ >= s_.size() || s_[pos_] != '"') return fail("expected a member name");
      if (!string(&key)) return false;
      skip_space();
      if (!eat(':')) return fail("expected ':'");
      skip_space();
      Json v;
      if (!value(&v, depth + 1)) return false;
      out->set(key, std::move(v));
      skip_space();
      if (eat(',')) continue;
      if (eat('}')) return true;
      return fail("expected ',' or '}'");
    }
  }

  bool array(Json* out, int depth) {
    *out = Json::array();
    pos_++;  // [
    skip_space();
    if (eat(']')) return true;
    for (;;) {
      skip_space();
      Json v;
      if (!value(&v, depth + 1)) return false;
      out->push(std::move(v));
      skip_space();
      if (eat(',')) continue;
      if (eat(']')) return true;
      return fail("expected ',' or ']'");
    }
  }

  bool hex4(uint32_t* out) {
    if (pos_ + 4 > s_.size()) return fail("truncated \\u escape");
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
      char c = s_[pos_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<uint32_t>(c - 'A' + 10);
      else return fail("invalid \\u escape");
    }
    *out = v;
    return true;
  }

  static void put_utf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  bool unicode_escape(std::string* out) {
    uint32_t cp;
    if (!hex4(&cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("unpaired surrogate in \\u escape");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      uint32_t low;
      if (s_.compare(pos_, 2, "\\u") != 0) return fail("unpaired surrogate in \\u escape");
      pos_ += 2;
      if (!hex4(&low)) return false;
      if (low < 0xDC00 || low > 0xDFFF) return fail("unpaired surrogate in \\u escape");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    put_utf8(cp, out);
    return true;
  }

  bool string(std::string* out) {
    pos_++;  // "
    for (;;) {
      if (pos_ >= s_.size()) return fail("unterminated string");
      char c = s_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in a string");
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (pos_ >= s_.size()) return fail("unterminated string");
      char e = s_[pos_++];
      switch (e) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u':
          if (!unicode_escape(out)) return false;
          break;
        default: return fail("invalid escape");
      }
    }
  }

  static bool digit(char c) { return c >= '0' && c <= '9'; }

  // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?  Integers that fit stay exact.
  bool number(Json* out) {
    size_t start = pos_;
    if (s_[pos_] == '-') pos_++;
    if (pos_ >= s_.size() || !digit(s_[pos_])) return fail("invalid number");
    if (s_[pos_] == '0') pos_++;
    else while (pos_ < s_.size() && digit(s_[pos_])) pos_++;
    bool integral = true;
    if (pos_ < s_.size() && s_[pos_] == '.') {
      integral = false;
      pos_++;
      if (pos_ >= s_.size() || !digit(s_[pos_])) return fail("invalid number");
      while (pos_ < s_.size() && digit(s_[pos_])) pos_++;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      integral = false;
      pos_++;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) pos_++;
      if (pos_ >= s_.size() || !digit(s_[pos_])) return fail("invalid number");
      while (pos_ < s_.size() && digit(s_[pos_])) pos_++;
    }
    std::string text = s_.substr(start, pos_ - start);
    if (integral) {
      errno = 0;
      long long v = std::strtoll(text.c_str(), nullptr, 10);
      if (errno == 0) {
        *out = Json::integer(v);
        return true;
      }
    }
    *out = Json::real(std::strtod(text.c_str(), nullptr));
    return true;
  }
};

void quote(const std::string& s, std::string* out) {
  static const char* kHex = "0123456789abcdef";
  out->push_back('"');
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default:
        if (u < 0x20) {
          *out += "\\u00";
          out->push_back(kHex[u >> 4]);
          out->push_back(kHex[u & 15]);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void write_json(const Json& v, std::string* out) {
  switch (v.type()) {
    case Json::Type::Null: *out += "null"; break;
    case Json::Type::Bool: *out += v.as_bool() ? "true" : "false"; break;
    case Json::Type::Int: *out += std::to_string(v.as_int()); break;
    case Json::Type::Real: {
      if (!std::isfinite(v.as_number())) {
        *out += "null";  // JSON has no infinities
        break;
      }
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", v.as_number());
      *out += buf;
      break;
    }
    case Json::Type::String: quote(v.as_string(), out); break;
    case Json::Type::Array:
      out->push_back('[');
      for (size_t i = 0; i < v.items().size(); i++) {
        if (i) *out += ", ";
        write_json(v.items()[i], out);
      }
      out->push_back(']');
      break;
    case Json::Type::Object:
      out->push_back('{');
      for (size_t i = 0; i < v.keys().size(); i++) {
        if (i) *out += ", ";
        quote(v.keys()[i], out);
        *out += ": ";
        write_json(v.items()[i], out);
      }
      out->push_back('}');
      break;
  }
}

}  // namespace

bool parse_json(const std::string& text, Json* out, std::string* error) {
  return JsonParser(text).parse(out, error);
}

std::string to_json(const Json& v) {
  std::string out;
  write_json(v, &out);
  return out;
}

// ============================================================================
// framing

namespace {

void put_u32(std::vector<uint8_t>* out, uint32_t v) {
  for (int i = 0; i < 4; i++) out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}

uint32_t get_u32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16 |
         static_cast<uint32_t>(p[3]) << 24;
}

std::string errno_text(int e) { return std::strerror(e); }

enum class Io { Ok, Eof, Timeout, Stopped, Error };

// Waits until fd is ready for `events`; stop_fd readable means stop.
Io wait_fd(int fd, short events, int64_t deadline_ns, int stop_fd) {
  for (;;) {
    int timeout_ms = -1;
    if (deadline_ns >= 0) {
      int64_t left = deadline_ns - monotonic_ns();
      if (left <= 0) return Io::Timeout;
      int64_t ms = (left + 999999) / 1000000;
      timeout_ms = ms > 1000000000 ? 1000000000 : static_cast<int>(ms);
    }
    pollfd p[2] = {{fd, events, 0}, {stop_fd, POLLIN, 0}};
    int n = poll(p, stop_fd >= 0 ? 2 : 1, timeout_ms);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Io::Error;
    }
    if (stop_fd >= 0 && p[1].revents) return Io::Stopped;
    if (n > 0) return Io::Ok;  // ready, or an error the next call reports
  }
}

// Reads exactly n bytes; *got says how many arrived before a failure.
Io read_exact(int fd, uint8_t* buf, size_t n, int64_t deadline_ns, int stop_fd, size_t* got) {
  *got = 0;
  while (*got < n) {
    ssize_t r = recv(fd, buf + *got, n - *got, MSG_DONTWAIT);
    if (r > 0) {
      *got += static_cast<size_t>(r);
      continue;
    }
    if (r == 0) return Io::Eof;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return Io::Error;
    Io w = wait_fd(fd, POLLIN, deadline_ns, stop_fd);
    if (w != Io::Ok) return w;
  }
  return Io::Ok;
}

// Maps a failed read to the caller's status; `started`: part of the message had arrived.
ReadStatus read_failure(Io io, bool started, std::string* error) {
  switch (io) {
    case Io::Eof:
      *error = started ? "the message is truncated" : "the connection was closed";
      return started ? ReadStatus::Truncated : ReadStatus::Closed;
    case Io::Timeout: *error = "timed out waiting for the message"; return ReadStatus::Timeout;
    case Io::Stopped: *error = "the channel is closing"; return ReadStatus::Stopped;
    default: *error = "cannot read from the connection: " + errno_text(errno); return ReadStatus::IoError;
  }
}

// Reads the trailer in pieces, so a length that promises much but delivers
// little never makes us allocate all of it at once.
Io read_trailer(int fd, size_t n, int64_t deadline_ns, int stop_fd, std::vector<uint8_t>* out) {
  constexpr size_t kChunk = 1 << 20;
  out->clear();
  while (out->size() < n) {
    size_t at = out->size(), want = std::min(kChunk, n - at), got = 0;
    out->resize(at + want);
    Io io = read_exact(fd, out->data() + at, want, deadline_ns, stop_fd, &got);
    if (io != Io::Ok) {
      out->resize(at + got);
      return io;
    }
  }
  return Io::Ok;
}

}  // namespace

std::vector<uint8_t> encode_message(const Json& header, const std::vector<uint8_t>& trailer) {
  std::string text = to_json(header);
  std::vector<uint8_t> out;
  out.reserve(8 + text.size() + trailer.size());
  put_u32(&out, static_cast<uint32_t>(4 + text.size() + trailer.size()));
  put_u32(&out, static_cast<uint32_t>(text.size()));
  out.insert(out.end(), text.begin(), text.end());
  out.insert(out.end(), trailer.begin(), trailer.end());
  return out;
}

ReadStatus read_message(int fd, const ReadLimits& limits, int64_t deadline_ns, int stop_fd, Message* out,
                        std::string* error) {
  uint8_t prefix[8];
  size_t got = 0;
  Io io = read_exact(fd, prefix, 4, deadline_ns, stop_fd, &got);
  if (io != Io::Ok) return read_failure(io, got > 0, error);
  uint64_t total = get_u32(prefix);
  uint64_t limit = 4ull + limits.max_header + limits.max_trailer;
  if (total < 4) {
    *error = "message length " + std::to_string(total) + " is too small";
    return ReadStatus::Malformed;
  }
  if (total > limit) {
    *error = "message of " + std::to_string(total) + " bytes is over the limit of " + std::to_string(limit);
    return ReadStatus::TooLarge;
  }
  io = read_exact(fd, prefix + 4, 4, deadline_ns, stop_fd, &got);
  if (io != Io::Ok) return read_failure(io, true, error);
  uint64_t header_len = get_u32(prefix + 4);
  if (header_len > total - 4) {
    *error = "header length " + std::to_string(header_len) + " exceeds the message length";
    return ReadStatus::Malformed;
  }
  if (header_len > limits.max_header) {
    *error = "header of " + std::to_string(header_len) + " bytes is over the limit of " +
             std::to_string(limits.max_header);
    return ReadStatus::TooLarge;
  }
  std::string text(header_len, '\0');
  io = read_exact(fd, reinterpret_cast<uint8_t*>(&text[0]), header_len, deadline_ns, stop_fd, &got);
  if (io != Io::Ok) return read_failure(io, true, error);
  std::string why;
  if (!parse_json(text, &out->header, &why)) {
    *error = "the header is not valid JSON: " + why;
    return ReadStatus::Malformed;
  }
  if (!out->header.is_object()) {
    *error = "the header is not a JSON object";
    return ReadStatus::Malformed;
  }
  uint64_t trailer_len = total - 4 - header_len;
  uint64_t max_trailer = limits.max_trailer;
  if (limits.trailer_limit) max_trailer = std::min<uint64_t>(max_trailer, limits.trailer_limit(out->header));
  if (trailer_len > max_trailer) {
    *error = max_trailer == 0 ? "this message carries no data after its header"
                              : "data of " + std::to_string(trailer_len) + " bytes is over the limit of " +
                                    std::to_string(max_trailer);
    return ReadStatus::TooLarge;
  }
  io = read_trailer(fd, trailer_len, deadline_ns, stop_fd, &out->trailer);
  if (io != Io::Ok) return read_failure(io, true, error);
  return ReadStatus::Ok;
}

bool write_message(int fd, const std::vector<uint8_t>& bytes, int64_t deadline_ns) {
  size_t done = 0;
  while (done < bytes.size()) {
    // MSG_NOSIGNAL: a peer that went away must not kill the program with SIGPIPE.
    ssize_t w = send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (w > 0) {
      done += static_cast<size_t>(w);
      continue;
    }
    if (w < 0 && errno == EINTR) continue;
    if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (wait_fd(fd, POLLOUT, deadline_ns, -1) != Io::Ok) return false;
      continue;
    }
    return false;
  }
  return true;
}

// ============================================================================
// requests and replies

Json request_header(const std::string& type) {
  Json h = Json::object();
  h.set("v", Json::integer(kProtocolVersion));
  h.set("type", Json::string(type));
  return h;
}

Json update_request_header(const UpdateRequest& req) {
  Json h = request_header("update");
  h.set("source", Json::string(req.source));
  h.set("dry_run", Json::boolean(req.dry_run));
  h.set("strict", Json::boolean(req.strict));
  h.set("timeout", Json::real(req.timeout_s));
  if (req.progress) h.set("progress", Json::boolean(true));
  return h;
}

namespace {

// Reads an optional member of the given kind; false when present with another kind.
bool optional_bool(const Json& h, const char* key, bool* out) {
  const Json* v = h.get(key);
  if (!v) return true;
  if (!v->is_bool()) return false;
  *out = v->as_bool();
  return true;
}

}  // namespace

std::string parse_update_request(Message&& msg, UpdateRequest* req) {
  const Json& h = msg.header;
  if (const Json* s = h.get("source")) {
    if (!s->is_string()) return "\"source\" must be a string";
    req->source = s->as_string();
  }
  if (!optional_bool(h, "dry_run", &req->dry_run)) return "\"dry_run\" must be true or false";
  if (!optional_bool(h, "strict", &req->strict)) return "\"strict\" must be true or false";
  if (!optional_bool(h, "progress", &req->progress)) return "\"progress\" must be true or false";
  if (const Json* t = h.get("timeout")) {
    // A year is far beyond any sensible wait but keeps the deadline arithmetic finite.
    if (!t->is_number() || !(t->as_number() > 0) || t->as_number() > 365.0 * 86400)
      return "\"timeout\" must be a number of seconds above 0";
    req->timeout_s = t->as_number();
  }
  if (msg.trailer.empty()) return "the update request carries no image";
  req->image = std::move(msg.trailer);
  return "";
}

Json error_reply(const std::string& message) {
  Json r = Json::object();
  r.set("v", Json::integer(kProtocolVersion));
  r.set("ok", Json::boolean(false));
  r.set("error", Json::string(message));
  return r;
}

const char* update_status_name(UpdateReply::Status s) {
  switch (s) {
    case UpdateReply::Status::Committed: return "committed";
    case UpdateReply::Status::Refused: return "refused";
    case UpdateReply::Status::Abandoned: return "abandoned";
    case UpdateReply::Status::Planned: return "planned";
    case UpdateReply::Status::Failed: return "failed";
    case UpdateReply::Status::Unchanged: return "unchanged";
  }
  return "failed";
}

void put_update_reply(const UpdateReply& reply, Json* out) {
  out->set("result", Json::string(update_status_name(reply.status)));
  out->set("version", Json::integer(reply.version));
  out->set("pause_us", Json::integer(static_cast<int64_t>(reply.pause_us)));
  out->set("would_accept", Json::boolean(reply.would_accept));
  out->set("message", Json::string(reply.message));
  Json old = Json::array();
  for (const std::string& o : reply.old_code) old.push(Json::string(o));
  out->set("old_code", std::move(old));
}

bool get_update_reply(const Json& in, UpdateReply* reply, std::string* error) {
  const Json* result = in.get("result");
  if (!result || !result->is_string()) {
    *error = "the reply has no \"result\"";
    return false;
  }
  static const UpdateReply::Status kAll[] = {UpdateReply::Status::Committed, UpdateReply::Status::Refused,
                                             UpdateReply::Status::Abandoned, UpdateReply::Status::Planned,
                                             UpdateReply::Status::Failed, UpdateReply::Status::Unchanged};
  bool known = false;
  for (UpdateReply::Status s : kAll) {
    if (result->as_string() == update_status_name(s)) {
      reply->status = s;
      known = true;
    }
  }
  if (!known) {
    *error = "the reply has an unknown result '" + result->as_string() + "'";
    return false;
  }
  if (const Json* v = in.get("version"); v && v->is_number()) reply->version = static_cast<uint32_t>(v->as_int());
  if (const Json* v = in.get("pause_us"); v && v->is_number()) reply->pause_us = static_cast<uint64_t>(v->as_int());
  if (const Json* v = in.get("would_accept"); v && v->is_bool()) reply->would_accept = v->as_bool();
  if (const Json* v = in.get("message"); v && v->is_string()) reply->message = v->as_string();
  if (const Json* v = in.get("old_code"); v && v->is_array())
    for (const Json& o : v->items())
      if (o.is_string()) reply->old_code.push_back(o.as_string());
  return true;
}

// ============================================================================
// where the sockets live

std::string default_socket_dir() {
  const char* xdg = std::getenv("XDG_RUNTIME_DIR");
  if (xdg && xdg[0] == '/') return std::string(xdg) + "/dvm";
  return "/tmp/dvm-" + std::to_string(geteuid());
}

std::vector<std::string> socket_dirs() {
  std::vector<std::string> dirs{default_socket_dir()};
  std::string tmp = "/tmp/dvm-" + std::to_string(geteuid());
  if (dirs[0] != tmp) dirs.push_back(tmp);
  return dirs;
}

std::string check_socket_dir(const std::string& dir, bool create) {
  if (create && mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    return "cannot create " + dir + ": " + errno_text(errno);
  struct stat st;
  if (lstat(dir.c_str(), &st) != 0) return "cannot use " + dir + ": " + errno_text(errno);
  if (!S_ISDIR(st.st_mode)) return dir + " is not a directory";
  if (st.st_uid != geteuid()) return dir + " belongs to another user";
  if ((st.st_mode & 077) != 0) return dir + " is open to other users";
  return "";
}

bool peer_is_same_user(int fd) {
  ucred cred{};
  socklen_t len = sizeof cred;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 || len != sizeof cred) return false;
  return cred.uid == geteuid();
}

std::string socket_path(const std::string& dir, int pid) { return dir + "/" + std::to_string(pid) + ".sock"; }

// ============================================================================
// the server

struct ControlChannel::State {
  ChannelConfig cfg;
  std::shared_ptr<ControlHandler> handler;
  int pid = 0;
  int listen_fd = -1;
  int stop_fd = -1;  // an eventfd: readable once the channel stops
  std::thread acceptor;

  std::mutex mu;
  std::condition_variable idle;
  int connections = 0;
  bool exited = false;                         // the program has ended
  std::vector<std::atomic<bool>*> cancellers;  // of the updates in progress

  ~State() {
    if (listen_fd >= 0) close(listen_fd);
    if (stop_fd >= 0) close(stop_fd);
  }
};

namespace {

using State = ControlChannel::State;

constexpr int64_t kReplyDeadlineNs = 5'000'000'000;  // a client that does not read its reply is dropped

void send_reply(int fd, const Json& reply) {
  write_message(fd, encode_message(reply), monotonic_ns() + kReplyDeadlineNs);
}

Json ok_reply(const State& st) {
  Json r = Json::object();
  r.set("v", Json::integer(kProtocolVersion));
  r.set("ok", Json::boolean(true));
  r.set("pid", Json::integer(st.pid));
  r.set("program", Json::string(st.cfg.program));
  return r;
}

bool has_exited(State& st) {
  std::lock_guard<std::mutex> lock(st.mu);
  return st.exited;
}

// Only an update carries a trailer (its image).
uint32_t request_trailer_limit(const Json& header) {
  const Json* type = header.get("type");
  return type && type->is_string() && type->as_string() == "update" ? UINT32_MAX : 0;
}

// "" when the header is a request this server speaks.
std::string check_request(const Json& h) {
  const Json* v = h.get("v");
  if (!v || !v->is_int()) return "the request has no protocol version \"v\"";
  if (v->as_int() != kProtocolVersion)
    return "unsupported protocol version " + std::to_string(v->as_int()) + " (this dvm speaks " +
           std::to_string(kProtocolVersion) + ")";
  const Json* type = h.get("type");
  if (!type || !type->is_string()) return "the request has no \"type\"";
  const std::string& t = type->as_string();
  if (t != "info" && t != "status" && t != "update") return "unknown request type '" + t + "'";
  return "";
}

// The engine's element of "instances", with "pid" and "program" as this channel knows them.
bool status_element(State& st, Json* out, std::string* error) {
  std::string text = st.handler->status();
  Json engine;
  std::string why;
  if (!parse_json(text, &engine, &why) || !engine.is_object()) {
    *error = "the update engine's status is not a JSON object" + (why.empty() ? "" : ": " + why);
    return false;
  }
  *out = Json::object();
  out->set("pid", Json::integer(st.pid));
  out->set("program", Json::string(st.cfg.program));
  for (size_t i = 0; i < engine.keys().size(); i++)
    if (engine.keys()[i] != "pid" && engine.keys()[i] != "program") out->set(engine.keys()[i], engine.items()[i]);
  return true;
}

void serve_status(State& st, int fd) {
  if (has_exited(st)) return send_reply(fd, error_reply("the program has exited"));
  Json element;
  std::string error;
  if (!status_element(st, &element, &error)) return send_reply(fd, error_reply(error));
  Json r = ok_reply(st);
  r.set("instance", std::move(element));
  send_reply(fd, r);
}

// Registers an update's cancel flag so that stop() can abandon it; false once
// the program has exited (then there is nothing left to update).
bool register_update(State& st, std::atomic<bool>* cancelled) {
  std::lock_guard<std::mutex> lock(st.mu);
  if (st.exited) return false;
  st.cancellers.push_back(cancelled);
  return true;
}

void unregister_update(State& st, std::atomic<bool>* cancelled) {
  std::lock_guard<std::mutex> lock(st.mu);
  for (size_t i = 0; i < st.cancellers.size(); i++) {
    if (st.cancellers[i] == cancelled) {
      st.cancellers.erase(st.cancellers.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
  }
}

// Waits for done_fd while watching the client: a hang-up sets `cancelled`.
// Returns true when the client is still there to read the reply.
bool watch_client(int fd, int done_fd, std::atomic<bool>* cancelled) {
  bool present = true;
  for (;;) {
    // events 0 on the client: only POLLHUP/POLLERR, so data it sends does not wake us.
    pollfd p[2] = {{done_fd, POLLIN, 0}, {fd, 0, 0}};
    int n = poll(p, present ? 2 : 1, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      return present;  // cannot watch: the worker is joined all the same
    }
    if (p[0].revents) return present;
    if (present && (p[1].revents & (POLLHUP | POLLERR | POLLNVAL))) {
      cancelled->store(true);
      present = false;
    }
  }
}

UpdateReply run_engine(State& st, const UpdateRequest& req, const std::atomic<bool>& cancelled) {
  try {
    return st.handler->update(req, cancelled);
  } catch (const std::exception& e) {
    UpdateReply r;
    r.message = std::string("internal error in the update engine: ") + e.what();
    return r;
  }
}

// Whether an update did not commit because the program ended.  The engine
// answers updates pending at the exit (updates_program_exited runs inside
// run_instance, a moment before stop() marks the channel) with this message.
bool ended_by_exit(State& st, const UpdateReply& reply) {
  if (reply.status == UpdateReply::Status::Committed || reply.status == UpdateReply::Status::Planned) return false;
  return has_exited(st) || reply.message == "the program exited";
}

void serve_update(State& st, int fd, Message&& msg) {
  UpdateRequest req;
  std::string problem = parse_update_request(std::move(msg), &req);
  if (!problem.empty()) return send_reply(fd, error_reply(problem));
  std::atomic<bool> cancelled{false};
  Json r = ok_reply(st);
  if (!register_update(st, &cancelled)) {
    r.set("exited", Json::boolean(true));
    put_update_reply(UpdateReply{UpdateReply::Status::Abandoned, 0, 0, false, "the program exited"}, &r);
    return send_reply(fd, r);
  }
  // Progress messages go out on the worker thread while this one watches
  // for a hang-up; the final reply follows them.
  if (req.progress)
    req.on_progress = [&st, fd](const std::string& text) {
      Json p = ok_reply(st);
      p.set("progress", Json::string(text));
      send_reply(fd, p);
    };
  int done_fd = eventfd(0, EFD_CLOEXEC);
  UpdateReply reply;
  bool present = true;
  try {
    if (done_fd < 0) throw std::runtime_error("eventfd");
    std::thread worker([&] {
      reply = run_engine(st, req, cancelled);
      uint64_t one = 1;
      (void)!write(done_fd, &one, sizeof one);
    });
    present = watch_client(fd, done_fd, &cancelled);
    worker.join();
  } catch (const std::exception&) {
    reply = UpdateReply{UpdateReply::Status::Failed, 0, 0, false, "cannot start a thread for the update"};
  }
  if (done_fd >= 0) close(done_fd);
  unregister_update(st, &cancelled);
  if (!present) return;  // nobody to tell
  put_update_reply(reply, &r);
  r.set("exited", Json::boolean(ended_by_exit(st, reply)));
  send_reply(fd, r);
}

void serve_request(State& st, int fd) {
  Message msg;
  std::string error;
  ReadLimits limits;
  limits.max_trailer = st.cfg.max_image;
  limits.trailer_limit = request_trailer_limit;
  int64_t deadline = monotonic_ns() + int64_t{st.cfg.request_timeout_ms} * 1000000;
  ReadStatus rs = read_message(fd, limits, deadline, st.stop_fd, &msg, &error);
  if (rs == ReadStatus::Closed || rs == ReadStatus::Truncated || rs == ReadStatus::Stopped ||
      rs == ReadStatus::IoError)
    return;  // nobody (left) to answer
  if (rs != ReadStatus::Ok) return send_reply(fd, error_reply(error));
  std::string problem = check_request(msg.header);
  if (!problem.empty()) return send_reply(fd, error_reply(problem));
  const std::string& type = msg.header.get("type")->as_string();
  if (type != "update" && !msg.trailer.empty())
    return send_reply(fd, error_reply("a '" + type + "' request carries no data"));
  if (type == "info") return send_reply(fd, ok_reply(st));
  if (type == "status") return serve_status(st, fd);
  serve_update(st, fd, std::move(msg));
}

void serve_connection(std::shared_ptr<State> st, int fd) {
  try {
    serve_request(*st, fd);
  } catch (...) {
    // Out of memory or the like: drop this connection, keep the program.
  }
  close(fd);
  std::lock_guard<std::mutex> lock(st->mu);
  st->connections--;
  st->idle.notify_all();
}

// Starts a connection's thread, or answers at once when there are too many.
void admit(const std::shared_ptr<State>& st, int fd) {
  if (!peer_is_same_user(fd)) {
    close(fd);
    return;
  }
  bool room;
  {
    std::lock_guard<std::mutex> lock(st->mu);
    room = st->connections < st->cfg.max_connections;
    if (room) st->connections++;
  }
  if (!room) {
    write_message(fd, encode_message(error_reply("too many connections; try again")), monotonic_ns() + 100'000'000);
    close(fd);
    return;
  }
  try {
    std::thread(serve_connection, st, fd).detach();
  } catch (...) {
    close(fd);
    std::lock_guard<std::mutex> lock(st->mu);
    st->connections--;
    st->idle.notify_all();
  }
}

void accept_loop(std::shared_ptr<State> st) {
  for (;;) {
    pollfd p[2] = {{st->listen_fd, POLLIN, 0}, {st->stop_fd, POLLIN, 0}};
    int n = poll(p, 2, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (p[1].revents) return;
    if (p[0].revents & (POLLERR | POLLNVAL)) return;
    int fd = accept4(st->listen_fd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd >= 0) {
      admit(st, fd);
    } else if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
      pollfd s{st->stop_fd, POLLIN, 0};
      poll(&s, 1, 100);  // out of descriptors: let the pending connection wait a moment
    }
  }
}

// A listening socket at `path`, bound under its final name (so `ss -xlp` and
// /proc/net/unix show the real path) with mode 0600 from the start: on Linux a
// socket file takes the mode of the socket's inode, set here before bind.  A
// client that finds it before listen() is called gets ECONNREFUSED; it tells
// that from a stale socket by the process named in the file (control_client).
int listen_at(const std::string& path, std::string* error) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    *error = "socket path too long: " + path;
    return -1;
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) {
    *error = "socket: " + errno_text(errno);
    return -1;
  }
  unlink(path.c_str());  // named after this process: whatever is there is stale
  bool ok = fchmod(fd, 0600) == 0 && bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
            chmod(path.c_str(), 0600) == 0 && listen(fd, 64) == 0;
  if (!ok) {
    *error = "cannot listen on " + path + ": " + errno_text(errno);
    unlink(path.c_str());
    close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

ControlChannel::~ControlChannel() { stop(); }

std::string ControlChannel::start(const ChannelConfig& config, std::shared_ptr<ControlHandler> handler) {
  if (state_) return "the channel is already running";
  auto st = std::make_shared<State>();
  st->cfg = config;
  st->handler = std::move(handler);
  st->pid = static_cast<int>(getpid());
  std::string dir = config.dir.empty() ? default_socket_dir() : config.dir;
  std::string problem = check_socket_dir(dir, true);
  if (!problem.empty()) return problem;
  st->stop_fd = eventfd(0, EFD_CLOEXEC);
  if (st->stop_fd < 0) return "eventfd: " + errno_text(errno);
  std::string path = socket_path(dir, st->pid);
  st->listen_fd = listen_at(path, &problem);
  if (st->listen_fd < 0) return problem;
  try {
    st->acceptor = std::thread(accept_loop, st);
  } catch (const std::exception&) {
    unlink(path.c_str());
    return "cannot start the control thread";
  }
  state_ = std::move(st);
  path_ = path;
  return "";
}

bool ControlChannel::stop(int wait_ms) {
  if (!state_) return true;
  std::shared_ptr<State> st = std::move(state_);
  unlink(path_.c_str());  // first: from now on no client finds this program
  {
    std::lock_guard<std::mutex> lock(st->mu);
    st->exited = true;
    for (std::atomic<bool>* c : st->cancellers) c->store(true);
  }
  uint64_t one = 1;
  (void)!write(st->stop_fd, &one, sizeof one);
  if (st->acceptor.joinable()) st->acceptor.join();
  close(st->listen_fd);
  st->listen_fd = -1;
  try {
    st->handler->program_exited();
  } catch (...) {
  }
  std::unique_lock<std::mutex> lock(st->mu);
  return st->idle.wait_for(lock, std::chrono::milliseconds(wait_ms), [&] { return st->connections == 0; });
}

}  // namespace control
}  // namespace dvm
