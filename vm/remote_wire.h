// Remote procedures on the wire (docs/DISTRIBUTED.md): how values of the
// types that may cross between programs are described and encoded, and the
// framing of calls and replies.  Pure functions over bytes and type tables,
// so the format is tested without a network.
//
// A value's *wire type* is language-neutral, so a Pascal caller and a C
// callee agree when their declarations mean the same:
//   i  an integer (Pascal integers and subranges, C integer types)
//   r  a real (Pascal real, C float and double)
//   b  a boolean          c  a Pascal char
//   e(a,b,..)  an enumeration with these value names (lower case)
//   s  a string (Pascal string and string[N], C `const char *`)
//   aN:T  N elements of T        {name:T;..}  a record or struct (names lower case)
// A signature's wire text is "(T,T,..)" followed by ":T" for a function; calls
// carry a 64-bit key of that text, and the text itself for messages.
//
// Encoding (little-endian): i as 8 bytes two's complement; r as the 8 bytes of
// an IEEE double; b and c as 1 byte; e as u32; s as u32 length + bytes; arrays
// and records as their elements or fields in order.  Decoding checks every
// value against the receiving type (ranges, enumerations, string lengths),
// never trusting the sender.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "vm/image.h"

namespace dvm::wire {

constexpr uint32_t kMaxTypeDepth = 32;        // records in arrays in records ...
constexpr uint32_t kMaxMessage = 1u << 20;    // NATS's default maximum payload

// The wire type of type t, or "" with *why saying why it cannot cross.
std::string type_text(const std::vector<TypeDesc>& types, uint32_t t, std::string* why);

// The wire text of a remote procedure's signature (its unit's first
// procedure), or "" with *why.
std::string signature_text(const Image& img, const RemoteProc& rp, std::string* why);
uint64_t signature_key(const std::string& text);

// ---- bytes
class Writer {
 public:
  std::vector<uint8_t> bytes;
  void u8(uint8_t v) { bytes.push_back(v); }
  void u32(uint32_t v) { put(v, 4); }
  void u64(uint64_t v) { put(v, 8); }
  void f64(double v);
  void str(const std::string& s) { raw(s.data(), s.size()); }
  void raw(const char* p, size_t n);  // u32 length + bytes
 private:
  void put(uint64_t v, int n) {
    size_t at = bytes.size();
    bytes.resize(at + static_cast<size_t>(n));
    for (int i = 0; i < n; i++) bytes[at + static_cast<size_t>(i)] = static_cast<uint8_t>(v >> (8 * i));
  }
};

// Reads what Writer wrote; the first failure is sticky and later reads give zeros.
class Reader {
 public:
  Reader(const uint8_t* p, size_t n) : p_(p), n_(n) {}
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == n_; }
  size_t remaining() const { return n_ - pos_; }
  uint8_t u8() { return static_cast<uint8_t>(get(1)); }
  uint32_t u32() { return static_cast<uint32_t>(get(4)); }
  uint64_t u64() { return get(8); }
  double f64();
  std::string str(size_t max = kMaxMessage);
  // A string's bytes in place (valid while the buffer lives).
  bool bytes(const char** p, uint32_t* n);

 private:
  uint64_t get(int n);
  const uint8_t* p_;
  size_t n_;
  size_t pos_ = 0;
  bool ok_ = true;
};

// ---- calls and replies
constexpr uint32_t kMagic = 0x434d5644;  // "DVMC"
constexpr uint8_t kProtocol = 1;
enum class MessageKind : uint8_t { Call = 1, Reply = 2 };

struct CallHeader {
  uint64_t call_id = 0;          // unique per caller node
  std::string caller_node;       // node id of the caller
  std::string caller_service;
  uint32_t caller_version = 0;   // the caller's version (its service's cluster version)
  std::string service;           // the callee's service
  std::string proc;              // the procedure, as the caller names it
  uint64_t sig_key = 0;          // signature_key of sig_text
  std::string sig_text;          // the signature the caller was compiled against
  uint32_t timeout_ms = 0;       // how long the caller waits in all
  uint64_t sent_at_ms = 0;       // wall clock when first sent: a call whose caller gave up is not run
};

enum class ReplyStatus : uint8_t {
  Ok = 0,
  RuntimeError = 1,  // the procedure failed: message and position in `message`
  Refused = 2,       // not served: no such procedure, no matching signature, bad argument
};

struct ReplyHeader {
  uint64_t call_id = 0;
  std::string node;      // the node that served it
  std::string service;
  uint32_t version = 0;  // the callee's version
  ReplyStatus status = ReplyStatus::Ok;
  std::string message;   // RuntimeError, Refused
};

// A call: header then the encoded arguments.
std::vector<uint8_t> encode_call(const CallHeader& h, const std::vector<uint8_t>& args);
// A reply: header, then (Ok) the encoded result.
std::vector<uint8_t> encode_reply(const ReplyHeader& h, const std::vector<uint8_t>& result);
// Parse; on success *body_at is where the arguments or result begin.
bool decode_call(const std::vector<uint8_t>& msg, CallHeader* h, size_t* body_at, std::string* error);
bool decode_reply(const std::vector<uint8_t>& msg, ReplyHeader* h, size_t* body_at, std::string* error);

// The image's service, exports and imports are sound: every one names a
// unit, its signature has a wire form, a result in memory has its hidden
// parameter.  "" when sound, else the problem ("image: export stock: ...").
std::string check_remote_procs(const Image& img);

// "5", "0.25": seconds as a person writes them, for messages.
std::string seconds_text(double s);

}  // namespace dvm::wire
