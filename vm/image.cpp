// The .dbc file format, content hashes and small type helpers.
//
// File layout (all integers little-endian):
//   u32 magic, u32 version, u64 payload length, u64 FNV-1a-64 of the payload,
//   payload.
// The payload lists every field of every struct in image.h, in declaration
// order: strings and byte blobs as u32 length + bytes, vectors as u32 count +
// elements, bools and enums as u8, doubles as their IEEE bit pattern (u64).
// Every value has exactly one encoding, so read_image(write_image(x)) == x and
// write_image(read_image(bytes)) == bytes for every accepted file.
#include "vm/image.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <unordered_map>

#include "vm/opcodes.h"

namespace dvm {

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::I: return "I";
    case Kind::F: return "F";
    case Kind::S: return "S";
    case Kind::V: return "V";
  }
  return "?";
}

// A string is reachable from t through array elements and record fields
// (pointers are separate blocks, so they do not make a value managed).
// Iterative with a visited set: the table may be malformed (cycles, bad indices).
bool type_is_managed(const std::vector<TypeDesc>& types, uint32_t t) {
  if (t >= types.size()) return false;
  switch (types[t].kind) {  // the common cases, without allocating
    case TypeKind::String: case TypeKind::DynArray: return true;
    case TypeKind::Array:
    case TypeKind::Record: break;
    default: return false;
  }
  std::vector<bool> seen(types.size(), false);
  std::vector<uint32_t> todo{t};
  while (!todo.empty()) {
    uint32_t u = todo.back();
    todo.pop_back();
    if (u >= types.size() || seen[u]) continue;
    seen[u] = true;
    const TypeDesc& d = types[u];
    if (d.kind == TypeKind::String || d.kind == TypeKind::DynArray) return true;
    if (d.kind == TypeKind::Array) todo.push_back(d.elem);
    if (d.kind == TypeKind::Record)
      for (const Field& f : d.fields) todo.push_back(f.type);
  }
  return false;
}

namespace {

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ull;
constexpr uint64_t kFnvPrime = 0x100000001b3ull;
constexpr size_t kHeaderSize = 4 + 4 + 8 + 8;

uint64_t fnv1a(const uint8_t* data, size_t n, uint64_t h = kFnvOffset) {
  for (size_t i = 0; i < n; i++) {
    h ^= data[i];
    h *= kFnvPrime;
  }
  return h;
}

// ---------------------------------------------------------------- writing

class Writer {
 public:
  std::vector<uint8_t> bytes;

  void u8(uint8_t v) { bytes.push_back(v); }
  void u32(uint32_t v) { put_le(v, 4); }
  void u64(uint64_t v) { put_le(v, 8); }
  void i64(int64_t v) { u64(static_cast<uint64_t>(v)); }
  void f64(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    u64(bits);
  }
  void count(size_t n) { u32(static_cast<uint32_t>(n)); }
  void str(const std::string& s) {
    count(s.size());
    bytes.insert(bytes.end(), s.begin(), s.end());
  }
  void blob(const std::vector<uint8_t>& b) {
    count(b.size());
    bytes.insert(bytes.end(), b.begin(), b.end());
  }
  template <class T, class F>
  void list(const std::vector<T>& items, F write_one) {
    count(items.size());
    for (const T& item : items) write_one(item);
  }

 private:
  void put_le(uint64_t v, int n) {
    for (int i = 0; i < n; i++) bytes.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
};

void write_type(Writer& w, const TypeDesc& t) {
  w.u8(static_cast<uint8_t>(t.kind));
  w.str(t.name);
  w.u32(t.size);
  w.u32(t.align);
  w.u8(t.is_signed ? 1 : 0);
  w.i64(t.lo);
  w.i64(t.hi);
  w.u32(t.elem);
  w.u32(t.max_len);
  w.list(t.fields, [&](const Field& f) {
    w.str(f.name);
    w.u32(f.type);
    w.u32(f.offset);
  });
  w.list(t.names, [&](const std::string& s) { w.str(s); });
}

void write_global(Writer& w, const Global& g) {
  w.str(g.name);
  w.u32(g.type);
  w.blob(g.init);
  w.list(g.init_strings, [&](const StringInit& s) {
    w.u32(s.offset);
    w.str(s.value);
  });
  w.list(g.relocs, [&](const Reloc& r) {
    w.u32(r.offset);
    w.u8(static_cast<uint8_t>(r.kind));
    w.str(r.target);
    w.i64(r.addend);
  });
}

void write_kind(Writer& w, Kind k) { w.u8(static_cast<uint8_t>(k)); }

void write_signature(Writer& w, const Signature& s) {
  w.list(s.params, [&](Kind k) { write_kind(w, k); });
  w.list(s.param_types, [&](uint32_t t) { w.u32(t); });
  w.list(s.param_modes, [&](uint8_t m) { w.u8(m); });
  write_kind(w, s.result);
  w.u32(s.result_type);
}

void write_proc(Writer& w, const Proc& p) {
  w.str(p.name);
  write_signature(w, p.sig);
  w.list(p.regs, [&](Kind k) { write_kind(w, k); });
  w.u32(p.frame_size);
  w.list(p.frame_managed, [&](const ManagedSlot& m) {
    w.u32(m.offset);
    w.u32(m.type);
  });
  w.list(p.code, [&](uint32_t word) { w.u32(word); });
  w.list(p.lines, [&](const LineEntry& l) {
    w.u32(l.pc);
    w.u32(l.line);
    w.u32(l.col);
  });
  w.list(p.locals, [&](const LocalInfo& l) {
    w.str(l.name);
    w.u32(l.type);
    w.u8(l.in_frame ? 1 : 0);
    w.u32(l.where);
  });
  w.u32(p.num_update_points);
  w.u32(p.prologue_size);
  w.list(p.update_point_loops, [&](const std::vector<uint32_t>& regs) {
    w.list(regs, [&](uint32_t r) { w.u32(r); });
  });
  w.list(p.promotions, [&](const Promotion& m) {
    w.u32(m.begin);
    w.u32(m.end);
    w.u32(m.value);
    w.u32(m.address);
    w.u32(static_cast<uint32_t>(m.offset));
    w.u8(m.store);
    w.u8(m.load);
  });
  w.list(p.frame_guards, [&](const FrameGuard& g) {
    w.u32(g.offset);
    w.u32(g.size);
  });
}

void write_unit(Writer& w, const Unit& u) {
  w.str(u.name);
  w.list(u.procs, [&](const Proc& p) { write_proc(w, p); });
  w.list(u.kint, [&](int64_t v) { w.i64(v); });
  w.list(u.kreal, [&](double v) { w.f64(v); });
  w.list(u.kstr, [&](const std::string& s) { w.str(s); });
  w.list(u.proc_refs, [&](const std::string& s) { w.str(s); });
  w.list(u.global_refs, [&](const std::string& s) { w.str(s); });
  w.list(u.sigs, [&](const Signature& s) { write_signature(w, s); });
  w.u64(u.hash);
}

void write_directive(Writer& w, const Directive& d) {
  w.u8(static_cast<uint8_t>(d.kind));
  w.list(d.names, [&](const std::string& s) { w.str(s); });
  w.str(d.proc);
  w.u32(d.line);
  w.u32(d.col);
}

void write_remote(Writer& w, const RemoteProc& r) {
  w.str(r.proc);
  w.str(r.service);
  w.str(r.stands_for);
  w.u32(r.result_type);
  w.u8(r.result_in_memory ? 1 : 0);
}

std::vector<uint8_t> write_payload(const Image& img) {
  Writer w;
  w.str(img.language);
  w.str(img.source_path);
  w.list(img.types, [&](const TypeDesc& t) { write_type(w, t); });
  w.list(img.globals, [&](const Global& g) { write_global(w, g); });
  w.list(img.units, [&](const Unit& u) { write_unit(w, u); });
  w.list(img.directives, [&](const Directive& d) { write_directive(w, d); });
  w.str(img.service);
  w.list(img.exports, [&](const RemoteProc& r) { write_remote(w, r); });
  w.list(img.imports, [&](const RemoteProc& r) { write_remote(w, r); });
  return std::move(w.bytes);
}

// ---------------------------------------------------------------- reading

// Reads little-endian values from a byte range.  The first failure is sticky:
// later reads return zeros and the first message is kept.  Counts are checked
// against the bytes left before anything is allocated, so a hostile count
// cannot make the reader allocate more than a small multiple of the input.
class Reader {
 public:
  Reader(const uint8_t* data, size_t size, size_t base) : data_(data), size_(size), base_(base) {}

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  size_t offset() const { return base_ + pos_; }
  bool at_end() const { return pos_ == size_; }

  void fail(const std::string& message) {
    if (ok()) error_ = context_ + message;
  }
  // What is being read, said before any error in it ("procedure main: ").
  void set_context(std::string c) { context_ = std::move(c); }

  uint8_t u8() { return static_cast<uint8_t>(get_le(1)); }
  uint32_t u32() { return static_cast<uint32_t>(get_le(4)); }
  uint64_t u64() { return get_le(8); }
  int64_t i64() { return static_cast<int64_t>(u64()); }
  double f64() {
    uint64_t bits = u64();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
  bool boolean() {
    size_t at = offset();
    uint8_t v = u8();
    if (v > 1) fail("bad boolean " + std::to_string(v) + " at byte " + std::to_string(at));
    return v == 1;
  }
  // An enum stored as u8 whose valid values are 0..max.
  template <class E>
  E enumeration(uint8_t max, const char* what) {
    size_t at = offset();
    uint8_t v = u8();
    if (v > max)
      fail("bad " + std::string(what) + " " + std::to_string(v) + " at byte " + std::to_string(at));
    return static_cast<E>(ok() ? v : 0);
  }

  // A count of items each encoded in at least min_item_bytes.
  size_t count(size_t min_item_bytes) {
    size_t at = offset();
    size_t n = u32();
    if (ok() && n > (size_ - pos_) / min_item_bytes) truncated_at(at);
    return ok() ? n : 0;
  }
  std::string str() {
    size_t n = count(1);
    std::string s(reinterpret_cast<const char*>(data_ + pos_), n);
    pos_ += n;
    return s;
  }
  std::vector<uint8_t> blob() {
    size_t n = count(1);
    std::vector<uint8_t> b(data_ + pos_, data_ + pos_ + n);
    pos_ += n;
    return b;
  }
  template <class T, class F>
  void list(std::vector<T>* items, size_t min_item_bytes, F read_one) {
    size_t n = count(min_item_bytes);
    items->clear();
    items->reserve(n);
    for (size_t i = 0; i < n && ok(); i++) items->push_back(read_one());
  }

 private:
  void truncated_at(size_t at) { fail("truncated image at byte " + std::to_string(at)); }

  uint64_t get_le(int n) {
    if (!ok()) return 0;
    if (size_ - pos_ < static_cast<size_t>(n)) {
      truncated_at(offset());
      return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < n; i++) v |= static_cast<uint64_t>(data_[pos_ + i]) << (8 * i);
    pos_ += n;
    return v;
  }

  const uint8_t* data_;
  size_t size_;
  size_t base_;  // file offset of data_[0], for messages
  size_t pos_ = 0;
  std::string error_;
  std::string context_;
};

// Smallest encodings, for the count checks (a string is at least its length).
constexpr size_t kMinString = 4;
constexpr size_t kMinList = 4;
constexpr size_t kMinField = kMinString + 4 + 4;
constexpr size_t kMinType = 1 + kMinString + 4 + 4 + 1 + 8 + 8 + 4 + 4 + kMinList + kMinList;
constexpr size_t kMinGlobal = kMinString + 4 + 3 * kMinList;
constexpr size_t kMinReloc = 4 + 1 + kMinString + 8;
constexpr size_t kMinSignature = 3 * kMinList + 1 + 4;
constexpr size_t kMinProc = kMinString + kMinSignature + kMinList + 4 + 4 * kMinList + 4 + kMinList;
constexpr size_t kMinUnit = kMinString + 7 * kMinList + 8;
constexpr size_t kMinDirective = 1 + kMinList + kMinString + 4 + 4;
constexpr size_t kMinRemote = 3 * kMinString + 4 + 1;

Kind read_kind(Reader& r) { return r.enumeration<Kind>(static_cast<uint8_t>(Kind::V), "register kind"); }

TypeDesc read_type(Reader& r) {
  TypeDesc t;
  t.kind = r.enumeration<TypeKind>(static_cast<uint8_t>(TypeKind::DynArray), "type kind");
  t.name = r.str();
  t.size = r.u32();
  t.align = r.u32();
  t.is_signed = r.boolean();
  t.lo = r.i64();
  t.hi = r.i64();
  t.elem = r.u32();
  t.max_len = r.u32();
  r.list(&t.fields, kMinField, [&] {
    Field f;
    f.name = r.str();
    f.type = r.u32();
    f.offset = r.u32();
    return f;
  });
  r.list(&t.names, kMinString, [&] { return r.str(); });
  return t;
}

Global read_global(Reader& r) {
  Global g;
  g.name = r.str();
  g.type = r.u32();
  g.init = r.blob();
  r.list(&g.init_strings, 4 + kMinString, [&] {
    StringInit s;
    s.offset = r.u32();
    s.value = r.str();
    return s;
  });
  r.list(&g.relocs, kMinReloc, [&] {
    Reloc rel;
    rel.offset = r.u32();
    rel.kind = r.enumeration<RelocKind>(static_cast<uint8_t>(RelocKind::ProcValue), "relocation kind");
    rel.target = r.str();
    rel.addend = r.i64();
    return rel;
  });
  return g;
}

Signature read_signature(Reader& r) {
  Signature s;
  r.list(&s.params, 1, [&] { return read_kind(r); });
  r.list(&s.param_types, 4, [&] { return r.u32(); });
  r.list(&s.param_modes, 1, [&] { return r.u8(); });
  s.result = read_kind(r);
  s.result_type = r.u32();
  return s;
}

Proc read_proc(Reader& r) {
  Proc p;
  p.name = r.str();
  p.sig = read_signature(r);
  r.list(&p.regs, 1, [&] { return read_kind(r); });
  p.frame_size = r.u32();
  r.list(&p.frame_managed, 8, [&] {
    ManagedSlot m;
    m.offset = r.u32();
    m.type = r.u32();
    return m;
  });
  r.list(&p.code, 4, [&] { return r.u32(); });
  r.list(&p.lines, 12, [&] {
    LineEntry l;
    l.pc = r.u32();
    l.line = r.u32();
    l.col = r.u32();
    return l;
  });
  r.list(&p.locals, kMinString + 4 + 1 + 4, [&] {
    LocalInfo l;
    l.name = r.str();
    l.type = r.u32();
    l.in_frame = r.boolean();
    l.where = r.u32();
    return l;
  });
  p.num_update_points = r.u32();
  p.prologue_size = r.u32();
  r.list(&p.update_point_loops, 4, [&] {
    std::vector<uint32_t> regs;
    r.list(&regs, 4, [&] { return r.u32(); });
    return regs;
  });
  r.list(&p.promotions, 4 * 5 + 2, [&] {
    Promotion m;
    m.begin = r.u32();
    m.end = r.u32();
    m.value = r.u32();
    m.address = r.u32();
    m.offset = static_cast<int32_t>(r.u32());
    m.store = r.u8();
    m.load = r.u8();
    return m;
  });
  r.list(&p.frame_guards, 8, [&] {
    FrameGuard g;
    g.offset = r.u32();
    g.size = r.u32();
    return g;
  });
  return p;
}

Unit read_unit(Reader& r) {
  Unit u;
  u.name = r.str();
  r.set_context("procedure " + u.name + ": ");
  r.list(&u.procs, kMinProc, [&] { return read_proc(r); });
  r.list(&u.kint, 8, [&] { return r.i64(); });
  r.list(&u.kreal, 8, [&] { return r.f64(); });
  r.list(&u.kstr, kMinString, [&] { return r.str(); });
  r.list(&u.proc_refs, kMinString, [&] { return r.str(); });
  r.list(&u.global_refs, kMinString, [&] { return r.str(); });
  r.list(&u.sigs, kMinSignature, [&] { return read_signature(r); });
  u.hash = r.u64();
  r.set_context("");
  return u;
}

Directive read_directive(Reader& r) {
  Directive d;
  d.kind = r.enumeration<DirectiveKind>(static_cast<uint8_t>(DirectiveKind::Group), "directive kind");
  r.list(&d.names, kMinString, [&] { return r.str(); });
  d.proc = r.str();
  d.line = r.u32();
  d.col = r.u32();
  return d;
}

RemoteProc read_remote(Reader& r) {
  RemoteProc p;
  p.proc = r.str();
  p.service = r.str();
  p.stands_for = r.str();
  p.result_type = r.u32();
  p.result_in_memory = r.boolean();
  return p;
}

void read_payload(Reader& r, Image* img) {
  img->language = r.str();
  img->source_path = r.str();
  r.list(&img->types, kMinType, [&] { return read_type(r); });
  r.list(&img->globals, kMinGlobal, [&] { return read_global(r); });
  r.list(&img->units, kMinUnit, [&] { return read_unit(r); });
  r.list(&img->directives, kMinDirective, [&] { return read_directive(r); });
  img->service = r.str();
  r.list(&img->exports, kMinRemote, [&] { return read_remote(r); });
  r.list(&img->imports, kMinRemote, [&] { return read_remote(r); });
  if (r.ok() && !r.at_end())
    r.fail("unexpected data at byte " + std::to_string(r.offset()) + " after the image");
}

// Checks the header; on success *payload_size is the payload's length.
bool read_header(const std::vector<uint8_t>& bytes, size_t* payload_size, std::string* error) {
  Reader r(bytes.data(), bytes.size(), 0);
  uint32_t magic = r.u32();
  if (r.ok() && magic != kImageMagic) {
    *error = "bad magic number (not a dvm image)";
    return false;
  }
  uint32_t version = r.u32();
  if (r.ok() && version != kImageVersion) {
    *error = "unsupported image version " + std::to_string(version) + " (this dvm reads version " +
             std::to_string(kImageVersion) + ")";
    return false;
  }
  uint64_t length = r.u64();
  uint64_t checksum = r.u64();
  if (!r.ok()) {
    *error = r.error();
    return false;
  }
  uint64_t available = bytes.size() - kHeaderSize;
  if (length > available) {
    *error = "truncated image at byte " + std::to_string(bytes.size());
    return false;
  }
  if (length < available) {
    *error = "unexpected data at byte " + std::to_string(kHeaderSize + length) + " after the image";
    return false;
  }
  if (fnv1a(bytes.data() + kHeaderSize, length) != checksum) {
    *error = "bad checksum (the file is corrupted)";
    return false;
  }
  *payload_size = length;
  return true;
}

}  // namespace

std::vector<uint8_t> write_image(const Image& img) {
  std::vector<uint8_t> payload = write_payload(img);
  Writer w;
  w.u32(kImageMagic);
  w.u32(kImageVersion);
  w.u64(payload.size());
  w.u64(fnv1a(payload.data(), payload.size()));
  w.bytes.insert(w.bytes.end(), payload.begin(), payload.end());
  return std::move(w.bytes);
}

bool read_image(const std::vector<uint8_t>& bytes, Image* img, std::string* error) {
  std::string ignored;
  if (!error) error = &ignored;
  size_t payload_size = 0;
  if (!read_header(bytes, &payload_size, error)) return false;
  Reader r(bytes.data() + kHeaderSize, payload_size, kHeaderSize);
  Image parsed;
  read_payload(r, &parsed);
  if (!r.ok()) {
    *error = r.error();
    return false;
  }
  *img = std::move(parsed);
  return true;
}

// ---------------------------------------------------------------- content hash

namespace {

// Accumulates a hash over a stream of tagged values.  Every variable-length
// item carries its length, so different streams cannot collide by shifting.
class Hasher {
 public:
  void tag(char c) { bytes(&c, 1); }
  void u64(uint64_t v) {
    uint8_t b[8];
    for (int i = 0; i < 8; i++) b[i] = static_cast<uint8_t>(v >> (8 * i));
    bytes(b, 8);
  }
  void i64(int64_t v) { u64(static_cast<uint64_t>(v)); }
  void f64(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    u64(bits);
  }
  void str(const std::string& s) {
    u64(s.size());
    bytes(s.data(), s.size());
  }
  uint64_t digest() const {
    // FNV-1a mixes the last bytes poorly; finish with a 64-bit avalanche.
    uint64_t z = h_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }

 private:
  void bytes(const void* p, size_t n) { h_ = fnv1a(static_cast<const uint8_t*>(p), n, h_); }
  uint64_t h_ = kFnvOffset;
};

// Structural digests of types: names and indices are left out, the shape is
// in.  A type met again on the current path (a pointer back to an enclosing
// record) is encoded as a back-reference by distance, so recursive types end.
// Subtrees that never meet a back-reference are the same from any path and are
// memoized, which keeps wide DAGs of types linear.  A work budget bounds the
// pathological rest (huge cyclic DAGs only a fuzzer writes).
class TypeDigests {
 public:
  explicit TypeDigests(const std::vector<TypeDesc>& types) : types_(types) {}

  uint64_t of(uint32_t t) {
    auto it = roots_.find(t);
    if (it != roots_.end()) return it->second;
    budget_ = kBudget;
    uint64_t d = visit(t).digest;
    roots_.emplace(t, d);
    return d;
  }

 private:
  static constexpr size_t kNoRef = std::numeric_limits<size_t>::max();
  static constexpr size_t kMaxDepth = 200;
  static constexpr size_t kBudget = 1 << 16;

  struct Result {
    uint64_t digest;
    size_t min_ref;  // shallowest path depth referenced inside, kNoRef if none
  };

  static uint64_t marker(char c, uint64_t v = 0) {
    Hasher h;
    h.tag(c);
    h.u64(v);
    return h.digest();
  }

  Result visit(uint32_t t) {
    if (t == kNoType) return {marker('0'), kNoRef};
    if (t >= types_.size()) return {marker('?', t), kNoRef};
    for (size_t depth = 0; depth < path_.size(); depth++)
      if (path_[depth] == t) return {marker('^', path_.size() - depth), depth};
    auto memo = acyclic_.find(t);
    if (memo != acyclic_.end()) return {memo->second, kNoRef};
    if (path_.size() >= kMaxDepth || budget_ == 0) return {marker('!'), 0};
    budget_--;

    path_.push_back(t);
    Result r = encode(types_[t]);
    path_.pop_back();
    if (r.min_ref == kNoRef) acyclic_.emplace(t, r.digest);
    return r;
  }

  Result encode(const TypeDesc& d) {
    Hasher h;
    size_t min_ref = kNoRef;
    auto child = [&](uint32_t t) {
      Result c = visit(t);
      min_ref = std::min(min_ref, c.min_ref);
      h.u64(c.digest);
    };
    h.tag('T');
    h.u64(static_cast<uint8_t>(d.kind));
    h.u64(d.size);
    h.u64(d.align);
    h.u64(d.is_signed);
    h.i64(d.lo);
    h.i64(d.hi);
    h.u64(d.max_len);
    if (d.kind == TypeKind::Array || d.kind == TypeKind::Pointer || d.kind == TypeKind::Subrange ||
        d.kind == TypeKind::DynArray)
      child(d.elem);
    h.u64(d.fields.size());
    for (const Field& f : d.fields) {
      h.str(f.name);
      h.u64(f.offset);
      child(f.type);
    }
    h.u64(d.names.size());
    for (const std::string& n : d.names) h.str(n);
    return {h.digest(), min_ref};
  }

  const std::vector<TypeDesc>& types_;
  std::vector<uint32_t> path_;
  std::unordered_map<uint32_t, uint64_t> acyclic_;
  std::unordered_map<uint32_t, uint64_t> roots_;
  size_t budget_ = kBudget;
};

class UnitHasher {
 public:
  UnitHasher(const Image& img, const Unit& unit) : img_(img), unit_(unit), types_(img.types) {}

  uint64_t run() {
    h_.tag('U');
    h_.u64(unit_.procs.size());
    for (const Proc& p : unit_.procs) proc(p);
    referenced_globals();
    referenced_procs();
    return h_.digest();
  }

 private:
  void type(uint32_t t) { h_.u64(types_.of(t)); }

  void signature(const Signature& s) {
    h_.tag('s');
    h_.u64(s.params.size());
    for (Kind k : s.params) h_.u64(static_cast<uint8_t>(k));
    h_.u64(s.param_types.size());
    for (uint32_t t : s.param_types) type(t);
    h_.u64(s.param_modes.size());
    for (uint8_t m : s.param_modes) h_.u64(m);
    h_.u64(static_cast<uint8_t>(s.result));
    type(s.result_type);
  }

  void proc(const Proc& p) {
    h_.tag('P');
    h_.str(p.name);
    signature(p.sig);
    h_.u64(p.regs.size());
    for (Kind k : p.regs) h_.u64(static_cast<uint8_t>(k));
    h_.u64(p.frame_size);
    h_.u64(p.frame_managed.size());
    for (const ManagedSlot& m : p.frame_managed) {
      h_.u64(m.offset);
      type(m.type);
    }
    code(p.code);
    h_.u64(p.locals.size());
    for (const LocalInfo& l : p.locals) {
      h_.str(l.name);
      type(l.type);
    }
    h_.u64(p.num_update_points);
  }

  template <class T>
  static const T* at(const std::vector<T>& v, uint32_t i) {
    return i < v.size() ? &v[i] : nullptr;
  }

  // Operands that index a table are replaced by what they name, so the hash
  // does not depend on slot numbering.
  void operand(Operand kind, uint32_t w) {
    h_.tag('o');
    switch (kind) {
      case Operand::KI:
        if (auto v = at(unit_.kint, w)) return h_.i64(*v);
        break;
      case Operand::KF:
        if (auto v = at(unit_.kreal, w)) return h_.f64(*v);
        break;
      case Operand::KS:
        if (auto v = at(unit_.kstr, w)) return h_.str(*v);
        break;
      case Operand::PRC:
        if (auto v = at(unit_.proc_refs, w)) return h_.str(*v);
        break;
      case Operand::GLB:
        if (auto v = at(unit_.global_refs, w)) return h_.str(*v);
        break;
      case Operand::SUB:
        if (auto v = at(unit_.procs, w)) return h_.str(v->name);
        break;
      case Operand::TYP:
        return type(w);
      case Operand::SIG:  // by structure: the table's order is a slot detail
        if (auto v = at(unit_.sigs, w)) return signature(*v);
        break;
      default:
        return h_.u64(w);
    }
    h_.tag('?');  // an index out of range (unverified image): hash it raw
    h_.u64(w);
  }

  void code(const std::vector<uint32_t>& words) {
    h_.tag('C');
    h_.u64(words.size());
    size_t pc = 0;
    while (pc < words.size()) {
      uint32_t opcode = words[pc];
      h_.u64(opcode);
      if (opcode >= static_cast<uint32_t>(kNumOps) || pc + op_size(static_cast<Op>(opcode)) > words.size()) {
        for (pc++; pc < words.size(); pc++) h_.u64(words[pc]);  // undecodable: raw
        break;
      }
      const OpInfo& info = kOpInfo[opcode];
      for (int i = 0; i < info.num_operands; i++) operand(info.operands[i], words[pc + 1 + i]);
      pc += op_size(static_cast<Op>(opcode));
    }
  }

  // By name, sorted: the order of the reference tables is a slot detail.
  // A global's initial value (init bytes, strings, relocations) is left out:
  // changing only an initializer changes nothing (docs/UPDATING.md, "Changed").
  void referenced_globals() {
    std::map<std::string, const Global*> refs;
    for (const std::string& name : unit_.global_refs) refs[name] = nullptr;
    for (const Global& g : img_.globals)
      if (refs.count(g.name) && !refs[g.name]) refs[g.name] = &g;
    h_.tag('G');
    h_.u64(refs.size());
    for (const auto& [name, g] : refs) {
      h_.str(name);
      if (g) type(g->type);
      else h_.tag('-');
    }
  }

  void referenced_procs() {
    std::map<std::string, const Unit*> refs;
    for (const std::string& name : unit_.proc_refs) refs[name] = nullptr;
    for (const Unit& u : img_.units)
      if (refs.count(u.name) && !refs[u.name]) refs[u.name] = &u;
    h_.tag('R');
    h_.u64(refs.size());
    for (const auto& [name, u] : refs) {
      h_.str(name);
      if (u && !u->procs.empty()) signature(u->procs[0].sig);
      else h_.tag('-');
    }
  }

  const Image& img_;
  const Unit& unit_;
  TypeDigests types_;
  Hasher h_;
};

}  // namespace

uint64_t hash_unit(const Image& img, const Unit& unit) { return UnitHasher(img, unit).run(); }

uint64_t signature_key(const Image& img, const Signature& sig) {
  TypeDigests types(img.types);
  Hasher h;
  h.tag('s');
  h.u64(sig.params.size());
  for (size_t i = 0; i < sig.params.size(); i++) {
    h.u64(static_cast<uint8_t>(sig.params[i]));
    h.u64(types.of(i < sig.param_types.size() ? sig.param_types[i] : kNoType));
    h.u64(i < sig.param_modes.size() ? sig.param_modes[i] : 0);
  }
  h.u64(static_cast<uint8_t>(sig.result));
  h.u64(types.of(sig.result_type));
  return h.digest();
}

}  // namespace dvm
