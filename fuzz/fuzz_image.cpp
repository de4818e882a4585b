// libFuzzer target for the image reader, verifier, disassembler and hasher.
// Nothing is executed.  Each input is tried twice: as given (so the header
// checks are fuzzed) and with its length and checksum fixed up (so mutated
// payloads get past the checksum and reach the parser and the verifier).
//
// With DVM_FUZZ_SEEDS=DIR in the environment the target first writes a few
// valid images into DIR (fuzz/run.sh uses this to seed the corpus).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "vm/builder.h"
#include "vm/disasm.h"
#include "vm/image.h"
#include "vm/vm.h"

namespace {

using namespace dvm;

constexpr size_t kHeaderSize = 24;

uint64_t fnv1a(const uint8_t* p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

void reseal(std::vector<uint8_t>& bytes) {
  uint64_t length = bytes.size() - kHeaderSize, sum = fnv1a(bytes.data() + kHeaderSize, length);
  for (int i = 0; i < 8; i++) {
    bytes[8 + i] = static_cast<uint8_t>(length >> (8 * i));
    bytes[16 + i] = static_cast<uint8_t>(sum >> (8 * i));
  }
}

void check(const std::vector<uint8_t>& bytes) {
  Image img;
  std::string error;
  if (!read_image(bytes, &img, &error)) {
    if (error.empty()) std::abort();  // a failure must say why
    return;
  }
  if (write_image(img) != bytes) std::abort();  // every image has exactly one encoding
  std::string problem = verify_image(img);
  if (!problem.empty() && problem.rfind("image: ", 0) != 0 && problem.rfind("procedure ", 0) != 0) std::abort();
  std::string listing = disassemble(img);
  if (listing.empty()) std::abort();
  for (const Unit& u : img.units) hash_unit(img, u);
}

// ---- seeds: small valid images that use every part of the format

TypeDesc type(TypeKind kind, const char* name, uint32_t size, uint32_t elem = kNoType) {
  TypeDesc t;
  t.kind = kind;
  t.name = name;
  t.size = size;
  t.align = size >= 8 ? 8 : size;
  t.elem = elem;
  return t;
}

Image seed_types_and_globals() {
  Image img;
  img.language = "pascal";
  img.source_path = "seed.pas";
  img.types.push_back(type(TypeKind::Int, "integer", 8));           // 0
  img.types.push_back(type(TypeKind::String, "string", 8));         // 1
  img.types.push_back(type(TypeKind::Record, "Node", 16));          // 2
  img.types.push_back(type(TypeKind::Pointer, "PNode", 8, 2));      // 3
  img.types[2].fields = {{"val", 0, 0}, {"next", 3, 8}};
  TypeDesc arr = type(TypeKind::Array, "", 24, 1);                  // 4
  arr.lo = 1;
  arr.hi = 3;
  img.types.push_back(arr);
  TypeDesc color = type(TypeKind::Enum, "color", 4);                // 5
  color.names = {"red", "green"};
  img.types.push_back(color);
  TypeDesc digit = type(TypeKind::Subrange, "", 1, 0);              // 6
  digit.hi = 9;
  img.types.push_back(digit);
  img.types.push_back(type(TypeKind::Real, "real", 8));             // 7
  img.globals.push_back({"counter", 0, {1, 0, 0, 0, 0, 0, 0, 0}, {}});
  img.globals.push_back({"names", 4, {}, {{8, "bob"}}});
  img.globals.push_back({"head", 3, {}, {}});
  img.globals.push_back({"links", 2, {}, {}, {{0, RelocKind::GlobalAddress, "counter", 8}, {8, RelocKind::StringBytes, "lit", 0}}});
  img.directives.push_back({DirectiveKind::Interprocedure, {"v2"}, "main", 3, 1});
  img.directives.push_back({DirectiveKind::Group, {"a", "b"}, "", 4, 1});
  return img;
}

Unit seed_fib() {
  UnitBuilder ub("fib");
  ProcBuilder p(&ub, "fib");
  uint32_t n = p.param(Kind::I, 0);
  p.set_result(Kind::I, 0);
  p.add_local({"n", 0, false, n});
  // A call's result lands just after its arguments.
  uint32_t two = p.reg(Kind::I), a = p.reg(Kind::I), fa = p.reg(Kind::I);
  uint32_t b = p.reg(Kind::I), fb = p.reg(Kind::I);
  p.set_pos(3, 3);
  p.emit(Op::LDI, {two, 2});
  Label recurse = p.new_label();
  p.emit_jump(Op::JLE, {two, n}, recurse);
  p.emit(Op::RETI, {n});
  p.bind(recurse);
  p.set_pos(4, 3);
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

Unit seed_main() {
  UnitBuilder ub("main");
  uint32_t self = ub.reserve_proc(), inner = ub.reserve_proc();
  ProcBuilder p(&ub, "main");
  uint32_t n = p.reg(Kind::I), width = p.reg(Kind::I), addr = p.reg(Kind::I);
  uint32_t x = p.reg(Kind::F), s = p.reg(Kind::S), i = p.reg(Kind::I), limit = p.reg(Kind::I);
  uint32_t link = p.frame_slot(8, 8), str_slot = p.frame_slot(8, 8);
  p.add_managed_slot(str_slot, 1);
  p.add_local({"s", 1, true, str_slot});
  p.set_pos(10, 1);
  p.emit(Op::LDK, {n, ub.kint(10)});
  p.emit(Op::CALL, {ub.proc_ref("fib"), n});
  p.emit(Op::GADDR, {addr, ub.global_ref("counter")});
  p.emit(Op::ST64, {n, addr, 0});
  p.emit(Op::LDI, {width, static_cast<uint32_t>(-1)});
  p.emit(Op::CALLB, {0, n});
  p.emit(Op::LDKF, {x, ub.kreal(2.5)});
  p.emit(Op::LDKS, {s, ub.kstr("hi")});
  p.emit(Op::CALLB, {2, s});
  p.set_pos(11, 1);
  p.emit(Op::LDI, {i, 0});
  p.emit(Op::LDI, {limit, 3});
  Label top = p.new_label();
  p.bind(top);
  p.emit(Op::UPDPT, {p.new_update_point()});
  p.emit_jump(Op::FORUP, {i, limit}, top);
  p.emit(Op::FADDR, {addr, link});
  p.emit(Op::CALLN, {inner, addr});
  p.emit(Op::NEW, {addr, 2});
  p.emit(Op::COPY, {addr, addr, 4});
  p.emit(Op::IDX, {addr, addr, i, ub.kint(1), ub.kint(3), 8});
  p.emit(Op::PADDR, {addr, ub.proc_ref("fib")});
  p.emit(Op::CALLP, {addr, 0, n});  // through a procedure value of signature S0
  p.emit(Op::CALLB, {6, n});
  p.emit(Op::RET, {});
  ub.set_proc(self, p.finish());

  ProcBuilder q(&ub, "main.inner");
  q.param(Kind::I, kNoType, 1);
  Label end = q.new_label();
  q.emit_jump(Op::JMP, {}, end);
  q.bind(end);
  q.emit(Op::RET, {});
  ub.set_proc(inner, q.finish());
  Unit u = ub.finish();
  Signature fib_sig;
  fib_sig.params = {Kind::I};
  fib_sig.param_types = {0};
  fib_sig.param_modes = {0};
  fib_sig.result = Kind::I;
  u.sigs.push_back(fib_sig);
  return u;
}

void write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return;
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
}

void write_seeds(const std::string& dir) {
  Image full = seed_types_and_globals();
  full.units.push_back(seed_fib());
  full.units.push_back(seed_main());
  for (Unit& u : full.units) u.hash = hash_unit(full, u);
  if (!verify_image(full).empty()) std::abort();  // the seeds must be valid images
  write_file(dir + "/seed-full.dbc", write_image(full));

  Image small;
  small.units.push_back(seed_main());
  small.units[0].procs.resize(1);
  small.units[0].procs[0].code = {static_cast<uint32_t>(Op::RET)};
  write_file(dir + "/seed-small.dbc", write_image(small));
  write_file(dir + "/seed-empty.dbc", write_image(Image{}));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("DVM_FUZZ_SEEDS")) write_seeds(dir);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<uint8_t> bytes(data, data + size);
  check(bytes);
  if (bytes.size() >= kHeaderSize) {
    reseal(bytes);
    check(bytes);
  }
  return 0;
}
