#include "vm/remote_wire.h"

#include <cctype>
#include <cstdio>
#include <cstring>

namespace dvm::wire {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A C string parameter: a pointer to bytes (any 1-byte integer type).
bool is_c_string(const std::vector<TypeDesc>& types, const TypeDesc& d) {
  return d.kind == TypeKind::Pointer && d.elem < types.size() && types[d.elem].kind == TypeKind::Int &&
         types[d.elem].size == 1;
}

std::string type_text_at(const std::vector<TypeDesc>& types, uint32_t t, uint32_t depth, std::string* why) {
  if (t >= types.size()) {
    *why = "a type out of range";
    return "";
  }
  if (depth > kMaxTypeDepth) {
    *why = "a type nested too deeply";
    return "";
  }
  const TypeDesc& d = types[t];
  switch (d.kind) {
    case TypeKind::Int: return "i";
    case TypeKind::Real: return "r";
    case TypeKind::Bool: return "b";
    case TypeKind::Char: return "c";
    case TypeKind::String: return "s";
    case TypeKind::Subrange: return type_text_at(types, d.elem, depth + 1, why);
    case TypeKind::Enum: {
      std::string out = "e(";
      for (size_t i = 0; i < d.names.size(); i++) out += (i ? "," : "") + lower(d.names[i]);
      return out + ")";
    }
    case TypeKind::Array: {
      std::string elem = type_text_at(types, d.elem, depth + 1, why);
      if (elem.empty()) return "";
      return "a" + std::to_string(d.hi - d.lo + 1) + ":" + elem;
    }
    case TypeKind::Record: {
      std::string out = "{";
      for (const Field& f : d.fields) {
        std::string ft = type_text_at(types, f.type, depth + 1, why);
        if (ft.empty()) {
          if (why->find("field") == std::string::npos) *why += " (field " + f.name + ")";
          return "";
        }
        out += lower(f.name) + ":" + ft + ";";
      }
      return out + "}";
    }
    case TypeKind::Pointer:
      if (depth == 0 && is_c_string(types, d)) return "s";
      *why = "a pointer";
      return "";
    case TypeKind::Proc:
      *why = "a procedure value";
      return "";
    case TypeKind::DynArray:
      *why = "a dynamic array";
      return "";
  }
  *why = "a type of unknown kind";
  return "";
}

}  // namespace

std::string type_text(const std::vector<TypeDesc>& types, uint32_t t, std::string* why) {
  return type_text_at(types, t, 0, why);
}

std::string signature_text(const Image& img, const RemoteProc& rp, std::string* why) {
  const Unit* unit = nullptr;
  for (const Unit& u : img.units)
    if (u.name == rp.proc) unit = &u;
  if (!unit || unit->procs.empty()) {
    *why = "no procedure " + rp.proc;
    return "";
  }
  const Signature& sig = unit->procs[0].sig;
  size_t first = rp.result_in_memory ? 1 : 0;
  if (sig.params.size() < first || sig.param_types.size() != sig.params.size() ||
      sig.param_modes.size() != sig.params.size()) {
    *why = "a malformed signature";
    return "";
  }
  std::string out = "(";
  for (size_t i = first; i < sig.params.size(); i++) {
    if (sig.param_modes[i] == 1) {
      *why = "parameter " + std::to_string(i + 1 - first) + " is a var parameter";
      return "";
    }
    std::string t = type_text(img.types, sig.param_types[i], why);
    if (t.empty()) {
      *why = "parameter " + std::to_string(i + 1 - first) + " is " + *why;
      return "";
    }
    out += (i > first ? "," : "") + t;
  }
  out += ")";
  if (rp.result_type != kNoType) {
    std::string t = type_text(img.types, rp.result_type, why);
    if (t.empty()) {
      *why = "the result is " + *why;
      return "";
    }
    out += ":" + t;
  }
  return out;
}

uint64_t signature_key(const std::string& text) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

// ---- bytes

void Writer::f64(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, 8);
  u64(bits);
}

void Writer::raw(const char* p, size_t n) {
  u32(static_cast<uint32_t>(n));
  bytes.insert(bytes.end(), p, p + n);
}

uint64_t Reader::get(int n) {
  if (!ok_ || n_ - pos_ < static_cast<size_t>(n)) {
    ok_ = false;
    return 0;
  }
  uint64_t v = 0;
  for (int i = 0; i < n; i++) v |= static_cast<uint64_t>(p_[pos_ + i]) << (8 * i);
  pos_ += static_cast<size_t>(n);
  return v;
}

double Reader::f64() {
  uint64_t bits = u64();
  double v;
  std::memcpy(&v, &bits, 8);
  return v;
}

bool Reader::bytes(const char** p, uint32_t* n) {
  uint32_t len = u32();
  if (!ok_ || n_ - pos_ < len) {
    ok_ = false;
    return false;
  }
  *p = reinterpret_cast<const char*>(p_ + pos_);
  *n = len;
  pos_ += len;
  return true;
}

std::string Reader::str(size_t max) {
  const char* p;
  uint32_t n;
  if (!bytes(&p, &n)) return "";
  if (n > max) {
    ok_ = false;
    return "";
  }
  return std::string(p, n);
}

// ---- calls and replies

namespace {

constexpr size_t kMaxName = 256;  // services, procedures, node ids
constexpr size_t kMaxText = 64 * 1024;

void start(Writer& w, MessageKind kind) {
  w.u32(kMagic);
  w.u8(kProtocol);
  w.u8(static_cast<uint8_t>(kind));
}

bool check_start(Reader& r, MessageKind kind, std::string* error) {
  uint32_t magic = r.u32();
  uint8_t protocol = r.u8();
  uint8_t k = r.u8();
  if (!r.ok() || magic != kMagic) {
    *error = "not a dvm remote call message";
    return false;
  }
  if (protocol != kProtocol) {
    *error = "unsupported remote call protocol " + std::to_string(protocol);
    return false;
  }
  if (k != static_cast<uint8_t>(kind)) {
    *error = kind == MessageKind::Call ? "expected a call" : "expected a reply";
    return false;
  }
  return true;
}

}  // namespace

std::vector<uint8_t> encode_call(const CallHeader& h, const std::vector<uint8_t>& args) {
  Writer w;
  w.bytes.reserve(64 + h.caller_node.size() + h.caller_service.size() + h.service.size() + h.proc.size() +
                  h.sig_text.size() + args.size());
  start(w, MessageKind::Call);
  w.u64(h.call_id);
  w.str(h.caller_node);
  w.str(h.caller_service);
  w.u32(h.caller_version);
  w.str(h.service);
  w.str(h.proc);
  w.u64(h.sig_key);
  w.str(h.sig_text);
  w.u32(h.timeout_ms);
  w.u64(h.sent_at_ms);
  w.bytes.insert(w.bytes.end(), args.begin(), args.end());
  return std::move(w.bytes);
}

std::vector<uint8_t> encode_reply(const ReplyHeader& h, const std::vector<uint8_t>& result) {
  Writer w;
  w.bytes.reserve(48 + h.node.size() + h.service.size() + h.message.size() + result.size());
  start(w, MessageKind::Reply);
  w.u64(h.call_id);
  w.str(h.node);
  w.str(h.service);
  w.u32(h.version);
  w.u8(static_cast<uint8_t>(h.status));
  w.str(h.message);
  w.bytes.insert(w.bytes.end(), result.begin(), result.end());
  return std::move(w.bytes);
}

bool decode_call(const std::vector<uint8_t>& msg, CallHeader* h, size_t* body_at, std::string* error) {
  Reader r(msg.data(), msg.size());
  if (!check_start(r, MessageKind::Call, error)) return false;
  h->call_id = r.u64();
  h->caller_node = r.str(kMaxName);
  h->caller_service = r.str(kMaxName);
  h->caller_version = r.u32();
  h->service = r.str(kMaxName);
  h->proc = r.str(kMaxName);
  h->sig_key = r.u64();
  h->sig_text = r.str(kMaxText);
  h->timeout_ms = r.u32();
  h->sent_at_ms = r.u64();
  if (!r.ok()) {
    *error = "truncated or malformed call header";
    return false;
  }
  // What follows the header: the arguments (Reader has consumed exactly the header).
  *body_at = msg.size() - r.remaining();
  return true;
}

bool decode_reply(const std::vector<uint8_t>& msg, ReplyHeader* h, size_t* body_at, std::string* error) {
  Reader r(msg.data(), msg.size());
  if (!check_start(r, MessageKind::Reply, error)) return false;
  h->call_id = r.u64();
  h->node = r.str(kMaxName);
  h->service = r.str(kMaxName);
  h->version = r.u32();
  uint8_t status = r.u8();
  h->message = r.str(kMaxText);
  if (!r.ok() || status > static_cast<uint8_t>(ReplyStatus::Refused)) {
    *error = "truncated or malformed reply header";
    return false;
  }
  h->status = static_cast<ReplyStatus>(status);
  *body_at = msg.size() - r.remaining();
  return true;
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

}  // namespace dvm::wire

namespace dvm::wire {

namespace {

bool valid_service(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  return true;
}

std::string check_one(const Image& img, const RemoteProc& rp, const char* what) {
  std::string me = std::string("image: ") + what + " " + rp.proc + ": ";
  const Unit* unit = nullptr;
  for (const Unit& u : img.units)
    if (u.name == rp.proc) unit = &u;
  if (!unit || unit->procs.empty()) return me + "no such procedure";
  const Signature& sig = unit->procs[0].sig;
  if (rp.result_in_memory && (sig.params.empty() || sig.params[0] != Kind::I || sig.result != Kind::V))
    return me + "a result in memory needs an address as the first parameter";
  if (rp.result_type != kNoType && rp.result_type >= img.types.size()) return me + "result type out of range";
  if (!rp.result_in_memory && rp.result_type != sig.result_type) return me + "the result type is not the procedure's";
  std::string why;
  if (signature_text(img, rp, &why).empty()) return me + "cannot cross to another program: " + why;
  if (std::string(what) == "import" && !valid_service(rp.service)) return me + "bad service name";
  return "";
}

}  // namespace

std::string check_remote_procs(const Image& img) {
  if ((!img.exports.empty() || !img.imports.empty()) && !valid_service(img.service))
    return "image: bad service name '" + img.service + "'";
  for (const RemoteProc& rp : img.exports) {
    std::string e = check_one(img, rp, "export");
    if (!e.empty()) return e;
  }
  for (const RemoteProc& rp : img.imports) {
    std::string e = check_one(img, rp, "import");
    if (!e.empty()) return e;
  }
  return "";
}

}  // namespace dvm::wire
