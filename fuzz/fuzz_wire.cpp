// libFuzzer target for what a node reads from the network: call and reply
// messages (vm/remote_wire.h) and argument values decoded into program
// memory by the receiver's types (vm/remote_values.h).  Hostile bytes must
// give an error, never a crash, a leak of program memory or a half-written
// value; whatever decodes must encode back to the same bytes.
//
// The types are those of two programs compiled once at start-up, one Pascal
// and one C, whose exports take every kind of value that may cross.  The
// first input byte picks a type, the second whether the value goes to a
// register slot or to memory (a result returned in memory); the rest is the
// value.  The whole input is also tried as a call and as a reply message.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "frontend/c.h"
#include "frontend/pascal.h"
#include "vm/instance.h"
#include "vm/remote_values.h"
#include "vm/remote_wire.h"
#include "vm/vm.h"

namespace {

using namespace dvm;

const char* kPascal = R"(program FuzzTypes;
type Color = (red, green, blue);
     Small = -5..300;
     Name = string[8];
     Pt = record x, y: real; c: Color; end;
     Item = record name: Name; qty: Small; tags: array[1..3] of string; p: Pt; ok: boolean; ch: char; end;
     Items = array[0..4] of Item;
{$dvm export}
procedure all(a: integer; b: Small; c: Color; d: char; e: boolean; f: real; g: string; h: Name; i: Pt; j: Item; k: Items);
begin
end;
{$dvm export}
function rec(n: integer): Item;
begin
  rec.qty := n;
end;
begin
end.
)";

const char* kC = R"(#pragma dvm service fz
#pragma dvm export all
struct pt { double x; double y; };
struct item { char name[6]; unsigned char u8; short s16; long l; struct pt p[2]; char c; signed char sc; unsigned int u32; };
long all(int a, unsigned char b, short c, long d, double e, const char *f, struct item g, unsigned long h) { return 0; }
int main(void) { return 0; }
)";

struct Program {
  InstancePtr inst;
  remote::Types types;
  uint64_t blocks_at_start = 0;
};

struct Target {
  Program* program;
  uint32_t type;
};

struct World {
  std::vector<Program> programs;
  std::vector<Target> targets;
};

void fail(const char* what) {
  std::fprintf(stderr, "fuzz_wire: %s\n", what);
  std::abort();
}

Image compile(const char* name, const char* text, bool c) {
  SourceFile src(name, text);
  Diagnostics diags;
  Image img;
  if (!(c ? compile_c(src, &img, &diags) : compile_pascal(src, &img, &diags))) fail("the fixture does not compile");
  return img;
}

World* make_world() {
  auto* w = new World;
  w->programs.reserve(2);
  for (int c = 0; c < 2; c++) {
    Image img = c ? compile("fz.c", kC, true) : compile("fz.pas", kPascal, false);
    VmOptions opts;
    opts.memory_bytes = 16 << 20;
    opts.stack_bytes = 1 << 20;
    opts.updatable = false;
    std::string error;
    Program p;
    p.inst = create_instance(img, opts, &error);
    if (!p.inst) fail(error.c_str());
    const VersionSpace& vs = *p.inst->spaces[0];
    p.types = remote::Types{&vs.image.types, vs.layouts.data()};
    p.blocks_at_start = instance_live_heap_blocks(*p.inst);
    w->programs.push_back(std::move(p));
    Program* prog = &w->programs.back();
    for (const RemoteProc& rp : vs.image.exports)
      for (const Unit& u : vs.image.units)
        if (u.name == rp.proc) {
          const Signature& sig = u.procs[0].sig;
          for (size_t i = rp.result_in_memory ? 1 : 0; i < sig.param_types.size(); i++)
            w->targets.push_back({prog, sig.param_types[i]});
          if (rp.result_type != kNoType) w->targets.push_back({prog, rp.result_type});
        }
  }
  if (w->targets.empty()) fail("no types to decode");
  return w;
}

// A value for a register slot: decoded, encoded again, released.
void value_in_slot(Program& p, uint32_t t, const uint8_t* data, size_t size) {
  wire::Reader r(data, size);
  remote::Owned owned;
  uint64_t v = 0;
  std::string why;
  bool ok = remote::decode(*p.inst, p.types, t, r, &v, &owned, &why);
  if (!ok && why.empty()) fail("a refused value without a reason");
  if (ok) {
    wire::Writer again;
    if (!remote::encode(*p.inst, p.types, t, v, again, &why)) fail("a decoded value does not encode");
    size_t used = size - r.remaining();
    if (again.bytes != std::vector<uint8_t>(data, data + used)) fail("a decoded value encodes to other bytes");
  }
  owned.release(*p.inst, p.types);
}

// A value decoded into zeroed memory of its size, as a result returned in memory.
void value_in_memory(Program& p, uint32_t t, const uint8_t* data, size_t size) {
  uint64_t bytes = (*p.types.descs)[t].size;
  uint64_t block = p.inst->heap.alloc(bytes ? bytes : 1, true);
  if (!block) fail("no memory for a result");
  wire::Reader r(data, size);
  std::string why;
  bool ok = remote::decode_into(*p.inst, p.types, t, r, block, &why);
  if (!ok && why.empty()) fail("a refused result without a reason");
  remote::Owned owned;
  owned.aggregates.push_back({block, t});
  owned.release(*p.inst, p.types);
}

void messages(const uint8_t* data, size_t size) {
  std::vector<uint8_t> msg(data, data + size);
  std::string error;
  wire::CallHeader call;
  size_t at = 0;
  if (wire::decode_call(msg, &call, &at, &error)) {
    if (at > msg.size()) fail("a call's arguments start past its end");
    if (wire::encode_call(call, std::vector<uint8_t>(msg.begin() + at, msg.end())) != msg)
      fail("a call decodes to a header that encodes to other bytes");
  } else if (error.empty()) {
    fail("a refused call without a reason");
  }
  wire::ReplyHeader reply;
  error.clear();
  if (wire::decode_reply(msg, &reply, &at, &error)) {
    if (at > msg.size()) fail("a reply's result starts past its end");
    if (wire::encode_reply(reply, std::vector<uint8_t>(msg.begin() + at, msg.end())) != msg)
      fail("a reply decodes to a header that encodes to other bytes");
  } else if (error.empty()) {
    fail("a refused reply without a reason");
  }
}

void write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return;
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
}

// Seeds: a call and a reply, and for every type the encoding of its zero
// value (zeroed memory for records and arrays) in both modes.
void write_seeds(World& w, const std::string& dir) {
  wire::CallHeader call;
  call.call_id = 7;
  call.caller_node = "host-1-abcd";
  call.caller_service = "front";
  call.caller_version = 2;
  call.service = "fz";
  call.proc = "all";
  call.sig_text = "(i):i";
  call.sig_key = wire::signature_key(call.sig_text);
  call.timeout_ms = 5000;
  write_file(dir + "/seed-call", wire::encode_call(call, {1, 0, 0, 0, 0, 0, 0, 0}));
  wire::ReplyHeader reply;
  reply.call_id = 7;
  reply.node = "host-2-beef";
  reply.service = "fz";
  reply.version = 3;
  reply.status = wire::ReplyStatus::RuntimeError;
  reply.message = "runtime error: division by zero";
  write_file(dir + "/seed-reply", wire::encode_reply(reply, {}));
  for (size_t i = 0; i < w.targets.size() && i < 256; i++) {
    Program& p = *w.targets[i].program;
    uint32_t t = w.targets[i].type;
    uint64_t v = 0, block = 0;
    if (remote::slot_of(p.types, t) == remote::Slot::Aggregate) {
      uint64_t bytes = (*p.types.descs)[t].size;
      v = block = p.inst->heap.alloc(bytes ? bytes : 1, true);
    }
    wire::Writer value;
    std::string why;
    if (remote::encode(*p.inst, p.types, t, v, value, &why))
      for (uint8_t mode = 0; mode < 2; mode++) {
        std::vector<uint8_t> input = {static_cast<uint8_t>(i), mode};
        input.insert(input.end(), value.bytes.begin(), value.bytes.end());
        write_file(dir + "/seed-value-" + std::to_string(i) + "-" + std::to_string(mode), input);
      }
    if (block) p.inst->heap.free(block);
  }
}

World& world() {
  static World* w = make_world();
  return *w;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("DVM_FUZZ_SEEDS")) write_seeds(world(), dir);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 256 * 1024) return 0;
  messages(data, size);
  if (size < 2) return 0;
  const Target& target = world().targets[data[0] % world().targets.size()];
  Program& p = *target.program;
  if (data[1] & 1)
    value_in_memory(p, target.type, data + 2, size - 2);
  else
    value_in_slot(p, target.type, data + 2, size - 2);
  if (instance_live_heap_blocks(*p.inst) != p.blocks_at_start) fail("program memory left allocated");
  return 0;
}
