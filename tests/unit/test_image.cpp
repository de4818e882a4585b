// The .dbc format (write/read), content hashes and type helpers.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "vm/builder.h"
#include "vm/image.h"

namespace dvm {
namespace {

// ---- a small program: fib, and main printing fib(10) and a linked list head

struct Types {
  uint32_t integer, str, node, node_ptr;
};

Types add_types(Image& img) {
  Types t{};
  auto add = [&](TypeDesc d) {
    img.types.push_back(std::move(d));
    return static_cast<uint32_t>(img.types.size() - 1);
  };
  TypeDesc integer;
  integer.kind = TypeKind::Int;
  integer.name = "integer";
  t.integer = add(integer);
  TypeDesc str;
  str.kind = TypeKind::String;
  str.name = "string";
  t.str = add(str);
  // Node = record val: integer; next: ^Node end, with the pointer added after.
  t.node = add(TypeDesc{});
  TypeDesc ptr;
  ptr.kind = TypeKind::Pointer;
  ptr.name = "PNode";
  ptr.elem = t.node;
  t.node_ptr = add(ptr);
  TypeDesc& node = img.types[t.node];
  node.kind = TypeKind::Record;
  node.name = "Node";
  node.size = 16;
  node.fields = {{"val", t.integer, 0}, {"next", t.node_ptr, 8}};
  return t;
}

Unit build_fib(const Types& t, uint32_t first_line) {
  UnitBuilder ub("fib");
  ProcBuilder p(&ub, "fib");
  uint32_t n = p.param(Kind::I, t.integer);
  p.set_result(Kind::I, t.integer);
  p.add_local({"n", t.integer, false, n});
  // A call's result lands just after its arguments.
  uint32_t two = p.reg(Kind::I), a = p.reg(Kind::I), fa = p.reg(Kind::I);
  uint32_t b = p.reg(Kind::I), fb = p.reg(Kind::I);
  p.set_pos(first_line, 3);
  p.emit(Op::LDI, {two, 2});
  Label recurse = p.new_label();
  p.emit_jump(Op::JLE, {two, n}, recurse);
  p.emit(Op::RETI, {n});
  p.bind(recurse);
  p.set_pos(first_line + 1, 3);
  p.emit(Op::ADDK, {a, n, static_cast<uint32_t>(-1)});
  p.emit(Op::CALL, {ub.proc_ref("fib"), a});
  p.emit(Op::ADDK, {b, n, static_cast<uint32_t>(-2)});
  p.emit(Op::CALL, {ub.proc_ref("fib"), b});
  p.emit(Op::ADD, {fa, fa, fb});
  p.emit(Op::RETI, {fa});
  ub.reserve_proc();
  ub.set_proc(0, p.finish());
  return ub.finish();
}

Unit build_main(const Types& t) {
  UnitBuilder ub("main");
  ProcBuilder p(&ub, "main");
  uint32_t r = p.reg(Kind::I), width = p.reg(Kind::I), addr = p.reg(Kind::I);
  p.set_pos(10, 1);
  p.emit(Op::LDK, {r, ub.kint(10)});
  p.emit(Op::CALL, {ub.proc_ref("fib"), r});
  p.emit(Op::GADDR, {addr, ub.global_ref("counter")});
  p.emit(Op::ST64, {r, addr, 0});
  p.emit(Op::GADDR, {addr, ub.global_ref("head")});
  p.emit(Op::NEW, {addr, t.node});
  p.emit(Op::LDI, {width, static_cast<uint32_t>(-1)});
  p.emit(Op::CALLB, {0 /* WRITE_INT */, r});
  p.emit(Op::RET, {});
  ub.reserve_proc();
  ub.set_proc(0, p.finish());
  return ub.finish();
}

Image sample_image(uint32_t fib_line = 3) {
  Image img;
  img.language = "pascal";
  img.source_path = "fib.pas";
  Types t = add_types(img);
  img.globals.push_back({"counter", t.integer, {}, {}});
  img.globals.push_back({"head", t.node_ptr, {}, {}});
  img.units.push_back(build_fib(t, fib_line));
  img.units.push_back(build_main(t));
  for (Unit& u : img.units) u.hash = hash_unit(img, u);
  return img;
}

// An image that uses every field, with values at the edges of their ranges.
Image full_image() {
  Image img = sample_image();
  img.globals.push_back({"greeting", 1, {1, 2, 3, 4, 5, 6, 7, 8}, {{0, "hello\n\"world\""}}});
  img.globals.push_back({"table", 0, {}, {}, {{0, RelocKind::StringBytes, "abc", -3}, {8, RelocKind::ProcValue, "fib", 0}}});
  Unit& u = img.units[1];
  u.kint = {std::numeric_limits<int64_t>::min(), -1, 0, std::numeric_limits<int64_t>::max()};
  u.kreal = {0.0, -0.0, 3.5, std::numeric_limits<double>::infinity(), std::nan("")};
  u.kstr = {"", std::string("a\0b", 3), "\xff\xfe"};
  Signature sig;
  sig.params = {Kind::F, Kind::S};
  sig.param_types = {kNoType, 1};
  sig.param_modes = {0, 2};
  sig.result = Kind::I;
  sig.result_type = 0;
  u.sigs = {sig, Signature{}};
  Proc& p = u.procs[0];
  p.frame_size = 24;
  p.frame_managed = {{8, 1}};
  p.locals = {{"s", 1, true, 8}, {"r", 0, false, 0}};
  p.num_update_points = 3;
  p.frame_guards = {{4, 4}, {16, 8}};
  TypeDesc e;
  e.kind = TypeKind::Enum;
  e.size = 4;
  e.names = {"red", "green", "blue"};
  img.types.push_back(e);
  TypeDesc sub;
  sub.kind = TypeKind::Subrange;
  sub.is_signed = false;
  sub.lo = std::numeric_limits<int64_t>::min();
  sub.hi = std::numeric_limits<int64_t>::max();
  sub.elem = 0;
  sub.max_len = 77;
  img.types.push_back(sub);
  img.directives.push_back({DirectiveKind::Interprocedure, {"upd"}, "main", 4, 5});
  img.directives.push_back({DirectiveKind::Group, {"a", "b"}, "", 0, 0});
  img.directives.push_back({DirectiveKind::Mapper, {"m"}, "fib", 1, 1});
  return img;
}

uint64_t fnv1a(const uint8_t* p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

// Re-seals a file after its payload was edited (length and checksum).
void reseal(std::vector<uint8_t>& bytes) {
  uint64_t length = bytes.size() - 24, sum = fnv1a(bytes.data() + 24, length);
  for (int i = 0; i < 8; i++) {
    bytes[8 + i] = static_cast<uint8_t>(length >> (8 * i));
    bytes[16 + i] = static_cast<uint8_t>(sum >> (8 * i));
  }
}

std::string read_error(const std::vector<uint8_t>& bytes) {
  Image img;
  std::string error;
  EXPECT_FALSE(read_image(bytes, &img, &error));
  return error;
}

// ---- round trip and determinism

TEST(ImageFormat, RoundTripKeepsEveryField) {
  Image img = full_image();
  std::vector<uint8_t> bytes = write_image(img);
  Image back;
  std::string error;
  ASSERT_TRUE(read_image(bytes, &back, &error)) << error;
  EXPECT_EQ(write_image(back), bytes);

  EXPECT_EQ(back.language, "pascal");
  EXPECT_EQ(back.source_path, "fib.pas");
  ASSERT_EQ(back.types.size(), img.types.size());
  EXPECT_EQ(back.types[2].fields[1].name, "next");
  EXPECT_EQ(back.types[2].fields[1].offset, 8u);
  EXPECT_EQ(back.types[4].names[2], "blue");
  EXPECT_EQ(back.types[5].lo, std::numeric_limits<int64_t>::min());
  EXPECT_FALSE(back.types[5].is_signed);
  EXPECT_EQ(back.types[5].max_len, 77u);
  ASSERT_EQ(back.globals.size(), 4u);
  ASSERT_EQ(back.globals[3].relocs.size(), 2u);
  EXPECT_EQ(back.globals[3].relocs[0].kind, RelocKind::StringBytes);
  EXPECT_EQ(back.globals[3].relocs[0].target, "abc");
  EXPECT_EQ(back.globals[3].relocs[0].addend, -3);
  EXPECT_EQ(back.globals[3].relocs[1].offset, 8u);
  EXPECT_EQ(back.globals[2].init, img.globals[2].init);
  EXPECT_EQ(back.globals[2].init_strings[0].value, "hello\n\"world\"");
  const Unit& u = back.units[1];
  EXPECT_EQ(u.kint, img.units[1].kint);
  EXPECT_TRUE(std::signbit(u.kreal[1]));
  EXPECT_TRUE(std::isnan(u.kreal[4]));
  EXPECT_EQ(u.kstr[1], std::string("a\0b", 3));
  EXPECT_EQ(u.hash, img.units[1].hash);
  EXPECT_EQ(u.global_refs, img.units[1].global_refs);
  ASSERT_EQ(u.sigs.size(), 2u);
  EXPECT_EQ(u.sigs[0].params, (std::vector<Kind>{Kind::F, Kind::S}));
  EXPECT_EQ(u.sigs[0].param_modes[1], 2);
  EXPECT_EQ(u.sigs[0].result_type, 0u);
  const Proc& p = u.procs[0];
  EXPECT_EQ(p.code, img.units[1].procs[0].code);
  EXPECT_EQ(p.frame_managed[0].offset, 8u);
  EXPECT_TRUE(p.locals[0].in_frame);
  EXPECT_EQ(p.num_update_points, 3u);
  ASSERT_EQ(p.frame_guards.size(), 2u);
  EXPECT_EQ(p.frame_guards[1].offset, 16u);
  EXPECT_EQ(p.frame_guards[1].size, 8u);
  const Proc& fib = back.units[0].procs[0];
  EXPECT_EQ(fib.sig.params, std::vector<Kind>{Kind::I});
  EXPECT_EQ(fib.sig.result, Kind::I);
  EXPECT_EQ(fib.lines.size(), 2u);
  EXPECT_EQ(fib.lines[1].line, 4u);
  ASSERT_EQ(back.directives.size(), 3u);
  EXPECT_EQ(back.directives[0].kind, DirectiveKind::Interprocedure);
  EXPECT_EQ(back.directives[1].names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(back.directives[0].col, 5u);
}

TEST(ImageFormat, EmptyImageRoundTrips) {
  std::vector<uint8_t> bytes = write_image(Image{});
  Image back;
  std::string error;
  ASSERT_TRUE(read_image(bytes, &back, &error)) << error;
  EXPECT_TRUE(back.units.empty());
}

TEST(ImageFormat, SameImageGivesSameBytes) {
  EXPECT_EQ(write_image(full_image()), write_image(full_image()));
  Image img = full_image();
  EXPECT_EQ(write_image(img), write_image(img));
}

TEST(ImageFormat, HeaderIsMagicVersionLengthChecksum) {
  std::vector<uint8_t> bytes = write_image(sample_image());
  ASSERT_GE(bytes.size(), 24u);
  EXPECT_EQ(std::string(bytes.begin(), bytes.begin() + 4), "DVBI");
  EXPECT_EQ(bytes[4], kImageVersion);
  uint64_t length = 0, sum = 0;
  for (int i = 0; i < 8; i++) {
    length |= static_cast<uint64_t>(bytes[8 + i]) << (8 * i);
    sum |= static_cast<uint64_t>(bytes[16 + i]) << (8 * i);
  }
  EXPECT_EQ(length, bytes.size() - 24);
  EXPECT_EQ(sum, fnv1a(bytes.data() + 24, length));
}

// ---- read failures

TEST(ImageFormat, EveryTruncationFailsCleanly) {
  std::vector<uint8_t> bytes = write_image(full_image());
  for (size_t len = 0; len < bytes.size(); len++) {
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + len);
    std::string error = read_error(cut);
    EXPECT_NE(error.find("truncated image at byte"), std::string::npos) << len << ": " << error;
  }
  EXPECT_EQ(read_error(std::vector<uint8_t>(bytes.begin(), bytes.begin() + 30)), "truncated image at byte 30");
  EXPECT_EQ(read_error({}), "truncated image at byte 0");
}

TEST(ImageFormat, EveryTruncationOfAResealedPayloadFailsCleanly) {
  // The length and checksum are right, so the parser itself meets the end.
  std::vector<uint8_t> bytes = write_image(full_image());
  for (size_t len = 24; len < bytes.size(); len++) {
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + len);
    reseal(cut);
    std::string error = read_error(cut);
    EXPECT_NE(error.find("truncated image at byte"), std::string::npos) << len << ": " << error;
  }
}

TEST(ImageFormat, BadMagic) {
  std::vector<uint8_t> bytes = write_image(sample_image());
  bytes[0] = 'X';
  EXPECT_EQ(read_error(bytes), "bad magic number (not a dvm image)");
}

TEST(ImageFormat, BadVersion) {
  std::vector<uint8_t> bytes = write_image(sample_image());
  bytes[4] = 7;
  EXPECT_EQ(read_error(bytes),
            "unsupported image version 7 (this dvm reads version " + std::to_string(kImageVersion) + ")");
}

TEST(ImageFormat, BadChecksum) {
  std::vector<uint8_t> bytes = write_image(sample_image());
  bytes[bytes.size() / 2] ^= 0x40;
  EXPECT_EQ(read_error(bytes), "bad checksum (the file is corrupted)");
}

TEST(ImageFormat, TrailingGarbageAfterThePayload) {
  std::vector<uint8_t> bytes = write_image(sample_image());
  size_t size = bytes.size();
  bytes.push_back(0);
  EXPECT_EQ(read_error(bytes), "unexpected data at byte " + std::to_string(size) + " after the image");
}

TEST(ImageFormat, TrailingGarbageInsideASealedPayload) {
  std::vector<uint8_t> bytes = write_image(sample_image());
  size_t size = bytes.size();
  bytes.push_back(0);
  reseal(bytes);
  EXPECT_EQ(read_error(bytes), "unexpected data at byte " + std::to_string(size) + " after the image");
}

// Payload offsets of the first fields of an image with no strings set.
constexpr size_t kTypesCount = 24 + 4 + 4;
constexpr size_t kFirstTypeKind = kTypesCount + 4;

TEST(ImageFormat, EnumOutOfRangeIsAnError) {
  Image img;
  img.types.push_back(TypeDesc{});
  std::vector<uint8_t> bytes = write_image(img);
  bytes[kFirstTypeKind] = 12;  // one past the last kind (DynArray)
  reseal(bytes);
  EXPECT_EQ(read_error(bytes), "bad type kind 12 at byte " + std::to_string(kFirstTypeKind));
}

TEST(ImageFormat, BadBooleanIsAnError) {
  Image img;
  img.types.push_back(TypeDesc{});
  std::vector<uint8_t> bytes = write_image(img);
  size_t is_signed = kFirstTypeKind + 1 + 4 + 4 + 4;
  bytes[is_signed] = 2;
  reseal(bytes);
  EXPECT_EQ(read_error(bytes), "bad boolean 2 at byte " + std::to_string(is_signed));
}

TEST(ImageFormat, HugeCountsFailWithoutAllocating) {
  std::vector<uint8_t> bytes = write_image(Image{});
  for (int i = 0; i < 4; i++) bytes[kTypesCount + i] = 0xff;
  reseal(bytes);
  EXPECT_EQ(read_error(bytes), "truncated image at byte " + std::to_string(kTypesCount));
}

TEST(ImageFormat, RandomCorruptionNeverCrashes) {
  std::vector<uint8_t> good = write_image(full_image());
  std::mt19937 rng(12345);
  for (int round = 0; round < 3000; round++) {
    std::vector<uint8_t> bytes = good;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; e++) {
      size_t at = 24 + rng() % (bytes.size() - 24);
      bytes[at] = static_cast<uint8_t>(rng() % 3 == 0 ? 0xff : rng());
    }
    reseal(bytes);
    Image img;
    std::string error;
    if (read_image(bytes, &img, &error)) EXPECT_EQ(write_image(img), bytes);  // one encoding per value
    else EXPECT_FALSE(error.empty());
  }
}

TEST(ImageFormat, NullErrorPointerIsAllowed) {
  Image img;
  EXPECT_FALSE(read_image({1, 2, 3}, &img, nullptr));
}

// ---- content hashes

const Unit& unit_named(const Image& img, const std::string& name) {
  for (const Unit& u : img.units)
    if (u.name == name) return u;
  throw std::runtime_error("no unit " + name);
}

uint64_t hash_of(const Image& img, const std::string& name) { return hash_unit(img, unit_named(img, name)); }

TEST(UnitHash, IsDeterministic) {
  Image img = sample_image();
  EXPECT_EQ(hash_of(img, "fib"), hash_of(sample_image(), "fib"));
  EXPECT_NE(hash_of(img, "fib"), hash_of(img, "main"));
}

TEST(UnitHash, IgnoresLineNumbersAndSourcePath) {
  Image a = sample_image(3), b = sample_image(40);
  b.source_path = "elsewhere.pas";
  ASSERT_NE(unit_named(a, "fib").procs[0].lines[0].line, unit_named(b, "fib").procs[0].lines[0].line);
  EXPECT_EQ(hash_of(a, "fib"), hash_of(b, "fib"));
}

TEST(UnitHash, IgnoresUnrelatedGlobalsAndTypeIndices) {
  Image a = sample_image();
  // Rebuild the same program with an extra type and global in front of the rest.
  Image b;
  TypeDesc real;
  real.kind = TypeKind::Real;
  b.types.push_back(real);
  Types t = add_types(b);
  b.globals.push_back({"unrelated", 0, {}, {}});
  b.globals.push_back({"counter", t.integer, {}, {}});
  b.globals.push_back({"head", t.node_ptr, {}, {}});
  b.units.push_back(build_fib(t, 3));
  b.units.push_back(build_main(t));
  EXPECT_EQ(hash_of(a, "main"), hash_of(b, "main"));
  EXPECT_EQ(hash_of(a, "fib"), hash_of(b, "fib"));
}

TEST(UnitHash, IgnoresTypeNames) {
  Image a = sample_image(), b = sample_image();
  b.types[2].name = "TNode";
  b.types[0].name = "longint";
  EXPECT_EQ(hash_of(a, "main"), hash_of(b, "main"));
}

TEST(UnitHash, ChangesWithAReferencedGlobalsType) {
  Image a = sample_image(), b = sample_image();
  TypeDesc small;
  small.kind = TypeKind::Int;
  small.size = 4;
  b.types.push_back(small);
  b.globals[0].type = static_cast<uint32_t>(b.types.size() - 1);  // counter: int32
  EXPECT_NE(hash_of(a, "main"), hash_of(b, "main"));
  EXPECT_EQ(hash_of(a, "fib"), hash_of(b, "fib"));  // fib uses no global
}

TEST(UnitHash, ChangesWithTheStructureOfAPointedToRecord) {
  Image a = sample_image(), b = sample_image();
  b.types[2].fields[0].name = "value";
  EXPECT_NE(hash_of(a, "main"), hash_of(b, "main"));
}

TEST(UnitHash, ChangesWithACalleesSignature) {
  Image a = sample_image(), b = sample_image();
  Proc& fib = const_cast<Unit&>(unit_named(b, "fib")).procs[0];
  fib.sig.param_modes[0] = 1;  // var n
  EXPECT_NE(hash_of(a, "main"), hash_of(b, "main"));
  Image c = sample_image();
  const_cast<Unit&>(unit_named(c, "fib")).procs[0].sig.param_types[0] = 1;  // n: string
  EXPECT_NE(hash_of(a, "main"), hash_of(c, "main"));
}

TEST(UnitHash, ChangesWithCodeAndConstants) {
  Image a = sample_image(), b = sample_image();
  const_cast<Unit&>(unit_named(b, "main")).kint[0] = 11;
  EXPECT_NE(hash_of(a, "main"), hash_of(b, "main"));
  Image c = sample_image();
  const_cast<Unit&>(unit_named(c, "fib")).procs[0].code[2] = 3;  // LDI r1, #3
  EXPECT_NE(hash_of(a, "fib"), hash_of(c, "fib"));
}

TEST(UnitHash, MutuallyRecursivePointerTypesTerminate) {
  Image img;
  // A = record b: ^B end; B = record a: ^A end
  img.types.resize(4);
  img.types[0] = {TypeKind::Record, "A", 8, 8, true, 0, 0, kNoType, 0, {{"b", 3, 0}}, {}};
  img.types[1] = {TypeKind::Record, "B", 8, 8, true, 0, 0, kNoType, 0, {{"a", 2, 0}}, {}};
  img.types[2] = {TypeKind::Pointer, "", 8, 8, true, 0, 0, 0, 0, {}, {}};
  img.types[3] = {TypeKind::Pointer, "", 8, 8, true, 0, 0, 1, 0, {}, {}};
  img.globals.push_back({"g", 0, {}, {}});
  UnitBuilder ub("main");
  ProcBuilder p(&ub, "main");
  uint32_t r = p.reg(Kind::I);
  p.emit(Op::GADDR, {r, ub.global_ref("g")});
  p.emit(Op::NEW, {r, 1});
  p.emit(Op::NEW, {r, 2});
  p.emit(Op::RET, {});
  ub.reserve_proc();
  ub.set_proc(0, p.finish());
  img.units.push_back(ub.finish());
  uint64_t h = hash_unit(img, img.units[0]);
  EXPECT_EQ(h, hash_unit(img, img.units[0]));
  img.types[1].fields[0].offset = 0;
  img.types[0].fields[0].name = "bb";
  EXPECT_NE(h, hash_unit(img, img.units[0]));
}

TEST(UnitHash, WideTypeGraphsStayFast) {
  // T[k] = record a, b: T[k-1] end, 60 levels: 2^60 paths if walked naively.
  Image img;
  TypeDesc leaf;
  img.types.push_back(leaf);
  for (uint32_t k = 1; k <= 60; k++) {
    TypeDesc r;
    r.kind = TypeKind::Record;
    r.fields = {{"a", k - 1, 0}, {"b", k - 1, 0}};
    img.types.push_back(r);
  }
  // ... and a pointer from the leaf back to the top makes the graph cyclic.
  TypeDesc ptr;
  ptr.kind = TypeKind::Pointer;
  ptr.elem = 60;
  img.types.push_back(ptr);
  img.types[0].kind = TypeKind::Record;
  img.types[0].fields = {{"p", 61, 0}};
  Unit u;
  u.name = "main";
  Proc p;
  p.name = "main";
  p.regs = {Kind::I};
  p.code = {static_cast<uint32_t>(Op::NEW), 0, 60, static_cast<uint32_t>(Op::NEW), 0, 61,
            static_cast<uint32_t>(Op::RET)};
  u.procs.push_back(p);
  auto start = std::chrono::steady_clock::now();
  uint64_t h = hash_unit(img, u);
  EXPECT_EQ(h, hash_unit(img, u));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(UnitHash, SurvivesBadIndicesAndUndecodableCode) {
  Image img = sample_image();
  Unit u = img.units[1];
  u.procs[0].code.push_back(250);
  u.procs[0].code.push_back(static_cast<uint32_t>(Op::NEW));
  u.global_refs.push_back("nowhere");
  u.proc_refs.push_back("nobody");
  img.globals[0].type = 999;
  hash_unit(img, u);
  Unit v = img.units[1];
  v.procs[0].code[1] = 99;  // LDK r99, K? out of range
  v.procs[0].code[2] = 99;
  hash_unit(img, v);
}

// ---- small helpers

TEST(Types, KindNames) {
  EXPECT_STREQ(kind_name(Kind::I), "I");
  EXPECT_STREQ(kind_name(Kind::F), "F");
  EXPECT_STREQ(kind_name(Kind::S), "S");
  EXPECT_STREQ(kind_name(Kind::V), "V");
}

TEST(Types, ManagedMeansHoldsAStringReference) {
  std::vector<TypeDesc> t(7);
  t[0].kind = TypeKind::Int;
  t[1].kind = TypeKind::String;
  t[2] = {TypeKind::Record, "", 16, 8, true, 0, 0, kNoType, 0, {{"n", 0, 0}, {"s", 1, 8}}, {}};
  t[3] = {TypeKind::Array, "", 32, 8, true, 1, 2, 2, 0, {}, {}};   // array of that record
  t[4] = {TypeKind::Pointer, "", 8, 8, true, 0, 0, 1, 0, {}, {}};  // ^string is not
  t[5] = {TypeKind::Array, "", 8, 8, true, 1, 1, 5, 0, {}, {}};    // contains itself (bad)
  t[6] = {TypeKind::Record, "", 8, 8, true, 0, 0, kNoType, 0, {{"x", 99, 0}}, {}};
  EXPECT_FALSE(type_is_managed(t, 0));
  EXPECT_TRUE(type_is_managed(t, 1));
  EXPECT_TRUE(type_is_managed(t, 2));
  EXPECT_TRUE(type_is_managed(t, 3));
  EXPECT_FALSE(type_is_managed(t, 4));
  EXPECT_FALSE(type_is_managed(t, 5));
  EXPECT_FALSE(type_is_managed(t, 6));
  EXPECT_FALSE(type_is_managed(t, 7));
  EXPECT_FALSE(type_is_managed(t, kNoType));
}

}  // namespace
}  // namespace dvm
