// Remote procedures without a network: the wire format, value encoding and
// decoding against program memory, what the front ends record, the verifier
// on hostile export tables, and the hash that addresses images in etcd.
#include <gtest/gtest.h>

#include "frontend/c.h"
#include "frontend/pascal.h"
#include "vm/instance.h"
#include "vm/remote_values.h"
#include "vm/remote_wire.h"
#include "vm/sha256.h"
#include "vm/strings.h"

namespace dvm {
namespace {

Image pascal(const std::string& text, std::string* errors = nullptr) {
  SourceFile src("p.pas", text);
  Diagnostics diags;
  Image img;
  bool ok = compile_pascal(src, &img, &diags);
  if (errors) {
    std::ostringstream out;
    diags.print(out, src, false);
    *errors = out.str();
  } else {
    EXPECT_TRUE(ok) << text;
  }
  return img;
}

TEST(Sha256, KnownDigests) {
  EXPECT_EQ(sha256_hex({}), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  std::string abc = "abc";
  EXPECT_EQ(sha256_hex({abc.begin(), abc.end()}), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::string two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";  // 56 bytes: two padding blocks
  EXPECT_EQ(sha256_hex({two.begin(), two.end()}), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Wire, CallAndReplyRoundTrip) {
  wire::CallHeader h;
  h.call_id = 42;
  h.caller_node = "host-1-abcd";
  h.caller_service = "front";
  h.caller_version = 3;
  h.service = "inventory";
  h.proc = "stock";
  h.sig_text = "(s):i";
  h.sig_key = wire::signature_key(h.sig_text);
  h.timeout_ms = 5000;
  h.sent_at_ms = 123456789;
  std::vector<uint8_t> msg = wire::encode_call(h, {1, 2, 3});
  wire::CallHeader back;
  size_t body = 0;
  std::string error;
  ASSERT_TRUE(wire::decode_call(msg, &back, &body, &error)) << error;
  EXPECT_EQ(back.call_id, 42u);
  EXPECT_EQ(back.proc, "stock");
  EXPECT_EQ(back.sig_key, h.sig_key);
  EXPECT_EQ(back.sent_at_ms, 123456789u);
  EXPECT_EQ(std::vector<uint8_t>(msg.begin() + static_cast<long>(body), msg.end()), (std::vector<uint8_t>{1, 2, 3}));
  // Every truncation of the header is an error, never a crash.
  for (size_t n = 0; n < body; n++) {
    std::vector<uint8_t> cut(msg.begin(), msg.begin() + static_cast<long>(n));
    EXPECT_FALSE(wire::decode_call(cut, &back, &body, &error)) << n;
  }
  wire::ReplyHeader r;
  r.call_id = 42;
  r.status = wire::ReplyStatus::RuntimeError;
  r.message = "runtime error: division by zero (inventory.pas:12:5)";
  std::vector<uint8_t> reply = wire::encode_reply(r, {});
  wire::ReplyHeader rb;
  ASSERT_TRUE(wire::decode_reply(reply, &rb, &body, &error));
  EXPECT_EQ(rb.message, r.message);
  EXPECT_FALSE(wire::decode_call(reply, &back, &body, &error));  // a reply is not a call
  reply[9 + 8 + 4 + 4 + 4] = 9;                                  // a status out of range
  EXPECT_FALSE(wire::decode_reply(reply, &rb, &body, &error));
}

TEST(Wire, PascalRecordsExportsAndImports) {
  Image img = pascal(R"(program Inventory;
type TItem = record name: string; qty: integer; end;
     TColor = (Red, Green);
{$dvm export}
function stock(item: string; c: TColor): integer; begin stock := 1 end;
{$dvm export}
function describe(it: TItem): TItem; begin describe := it end;
function price(item: string): real; external 'pricing';
begin end.)");
  EXPECT_EQ(img.service, "inventory");
  ASSERT_EQ(img.exports.size(), 2u);
  ASSERT_EQ(img.imports.size(), 1u);
  EXPECT_EQ(img.imports[0].service, "pricing");
  std::string why;
  EXPECT_EQ(wire::signature_text(img, img.exports[0], &why), "(s,e(red,green)):i");
  EXPECT_TRUE(img.exports[1].result_in_memory);
  EXPECT_EQ(wire::signature_text(img, img.exports[1], &why), "({name:s;qty:i;}):{name:s;qty:i;}");
  EXPECT_EQ(wire::signature_text(img, img.imports[0], &why), "(s):r");
  EXPECT_EQ(wire::check_remote_procs(img), "");
  // A hostile table: an export naming nothing, or a procedure whose parameter cannot cross.
  Image bad = img;
  bad.exports[0].proc = "nothing";
  EXPECT_NE(wire::check_remote_procs(bad).find("no such procedure"), std::string::npos);
}

TEST(Wire, CSignaturesMatchPascalOnes) {
  SourceFile src("shapes.c", R"(#pragma dvm export tag
long tag(const char *s, long n) { return n; }
int main(void) { return 0; })");
  Diagnostics diags;
  Image img;
  ASSERT_TRUE(compile_c(src, &img, &diags));
  EXPECT_EQ(img.service, "shapes");
  std::string why;
  ASSERT_EQ(img.exports.size(), 1u);
  EXPECT_EQ(wire::signature_text(img, img.exports[0], &why), "(s,i):i");
}

TEST(Wire, WhatCannotCrossIsACompileError) {
  std::string errors;
  pascal(R"(program P;
type PNode = ^TNode; TNode = record next: PNode; end;
function f(n: TNode): integer; external 'other';
begin end.)", &errors);
  EXPECT_NE(errors.find("p.pas:3:12: error: parameter 'n' of external function 'f' cannot cross to another program: "
                        "field 'next' of TNode cannot: it is a pointer (PNode)"),
            std::string::npos)
      << errors;
}

// Decoding checks every value against the receiving type.
TEST(RemoteValues, DecodingChecksRangesAndRoundTripsRecords) {
  Image img = pascal(R"(program P;
type Small = 0..9;
     TRec = record s: string[3]; n: Small; end;
{$dvm export}
procedure take(r: TRec; b: boolean); begin end;
begin end.)");
  VmOptions opts;
  opts.memory_bytes = 64 << 20;
  opts.stack_bytes = 8 << 20;
  std::string error;
  InstancePtr inst = create_instance(img, opts, &error);
  ASSERT_TRUE(inst) << error;
  const VersionSpace& vs = *inst->spaces[0];
  remote::Types types{&vs.image.types, vs.layouts.data()};
  const Signature& sig = vs.image.units[0].name == "take" ? vs.image.units[0].procs[0].sig : vs.image.units[1].procs[0].sig;
  uint32_t rec = sig.param_types[0], boolean = sig.param_types[1];

  auto decode = [&](const std::vector<uint8_t>& bytes, uint32_t t, std::string* why) {
    wire::Reader r(bytes.data(), bytes.size());
    remote::Owned owned;
    uint64_t v = 0;
    bool ok = remote::decode(*inst, types, t, r, &v, &owned, why);
    owned.release(*inst, types);
    return ok;
  };
  wire::Writer good;
  good.raw("abc", 3);
  good.u64(7);
  std::string why;
  EXPECT_TRUE(decode(good.bytes, rec, &why)) << why;
  wire::Writer too_long;
  too_long.raw("abcd", 4);
  too_long.u64(7);
  EXPECT_FALSE(decode(too_long.bytes, rec, &why));
  EXPECT_NE(why.find("does not fit string[3]"), std::string::npos) << why;
  wire::Writer out_of_range;
  out_of_range.raw("ab", 2);
  out_of_range.u64(10);
  EXPECT_FALSE(decode(out_of_range.bytes, rec, &why));
  EXPECT_NE(why.find("value 10 out of range 0..9"), std::string::npos) << why;
  EXPECT_FALSE(decode({2}, boolean, &why));
  EXPECT_FALSE(decode({}, boolean, &why));  // truncated
  // Nothing decoded stays allocated, whether it was accepted or not.
  EXPECT_EQ(instance_live_heap_blocks(*inst), 0u);

  // A record in memory encodes to what decodes back into equal memory.
  wire::Reader r(good.bytes.data(), good.bytes.size());
  remote::Owned owned;
  uint64_t addr = 0;
  ASSERT_TRUE(remote::decode(*inst, types, rec, r, &addr, &owned, &why));
  wire::Writer again;
  ASSERT_TRUE(remote::encode(*inst, types, rec, addr, again, &why));
  EXPECT_EQ(again.bytes, good.bytes);
  owned.release(*inst, types);
}

}  // namespace
}  // namespace dvm
