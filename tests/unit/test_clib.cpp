// The C library builtins (stdlib/c*.cpp), called directly on an instance's
// program memory.  printf and scanf are compared with the host's snprintf
// and sscanf (glibc's) over generated matrices; rand with values a gcc-built
// program printed (tests/unit/data/glibc_rand.txt).
#include <gtest/gtest.h>
#include <time.h>

#include <cctype>
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <sstream>

#include "c_test_support.h"
#include "stdlib/builtin_ids.h"
#include "stdlib/clib.h"

namespace dvm {
namespace {

using namespace ctest;

// One instance of a trivial C program, whose builtins the tests call directly.
class Lib {
 public:
  explicit Lib(VmOptions opts = small_options()) {
    CImage c;
    c.proc("main", [](ProcBuilder& pb, UnitBuilder&) { pb.emit(Op::RET, {}); });
    std::string error;
    inst_ = create_instance(c.img, opts, &error);
    EXPECT_TRUE(inst_) << error;
    out_ = memfd_with("");
    err_ = memfd_with("");
    instance_set_stdio(*inst_, -1, out_);
    set_input("");
    instance_set_stderr(*inst_, err_);
  }
  ~Lib() {
    close(in_);
    close(out_);
    close(err_);
  }

  Instance& vm() { return *inst_; }

  void set_input(const std::string& text) {
    if (in_ >= 0) close(in_);
    in_ = memfd_with(text);
    inst_->in.init(in_, &inst_->waiter, &inst_->out);
  }
  // What the program wrote to standard output (flushed) and error so far.
  std::string out() {
    inst_->out.flush();
    return read_all(out_);
  }
  std::string err() { return read_all(err_); }

  uint64_t alloc(uint64_t n) { return inst_->heap.alloc(n, true); }
  uint64_t str(const std::string& s) {
    uint64_t a = alloc(s.size() + 1);
    std::memcpy(inst_->mem.at(a), s.c_str(), s.size() + 1);
    return a;
  }
  void put(uint64_t addr, const void* p, size_t n) { std::memcpy(inst_->mem.at(addr), p, n); }
  std::string bytes(uint64_t addr, size_t n) { return std::string(reinterpret_cast<char*>(inst_->mem.at(addr)), n); }
  std::string cstr(uint64_t addr) { return reinterpret_cast<char*>(inst_->mem.at(addr)); }
  uint64_t slots(const std::vector<uint64_t>& v) {
    uint64_t a = alloc(8 * v.size() + 8);
    put(a, v.data(), 8 * v.size());
    return a;
  }

  // Runs builtin b on the arguments; false (message in error()) on a runtime error.
  bool call(Builtin b, std::vector<Value> args, Value* result = nullptr) {
    Value r[8] = {};
    for (size_t i = 0; i < args.size(); i++) r[i] = args[i];
    inst_->quiet_stop = false;
    bool ok = kBuiltins[static_cast<int>(b)](*inst_, r);
    if (result) *result = r[builtin_sig(b).num_params];
    return ok;
  }
  int64_t calli(Builtin b, std::vector<Value> args) {
    Value v;
    v.i = 0;
    EXPECT_TRUE(call(b, args, &v)) << error();
    return v.i;
  }
  double callf(Builtin b, std::vector<Value> args) {
    Value v;
    v.f = 0;
    EXPECT_TRUE(call(b, args, &v)) << error();
    return v.f;
  }
  std::string error() { return rt_error_message(inst_->error); }
  // The message of the runtime error the call raises ("" if it succeeds).
  std::string fails(Builtin b, std::vector<Value> args) { return call(b, args) ? "" : error(); }

 private:
  InstancePtr inst_;
  int in_ = -1, out_ = -1, err_ = -1;
};

Value I(int64_t v) {
  Value x;
  x.i = v;
  return x;
}
Value U(uint64_t v) {
  Value x;
  x.u = v;
  return x;
}
Value F(double v) {
  Value x;
  x.f = v;
  return x;
}
uint64_t bits(double d) {
  uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}

// ---- printf: the generated matrix against the host's snprintf

template <typename T>
std::string host_format(const std::string& f, const std::vector<int>& stars, T v) {
  static char buf[1 << 16];
  int n;
  if (stars.empty()) n = std::snprintf(buf, sizeof buf, f.c_str(), v);
  else if (stars.size() == 1) n = std::snprintf(buf, sizeof buf, f.c_str(), stars[0], v);
  else n = std::snprintf(buf, sizeof buf, f.c_str(), stars[0], stars[1], v);
  return n < 0 ? "<" + std::to_string(n) + ">" : std::string(buf, static_cast<size_t>(n));
}

class PrintfMatrix {
 public:
  PrintfMatrix() : fmt_(lib_.alloc(512)), args_(lib_.alloc(64)), buf_(lib_.alloc(1 << 16)) {}

  // Ours, through SNPRINTF, with the variable arguments as the front end passes them.
  std::string ours(const std::string& f, const std::vector<uint64_t>& slots) {
    lib_.put(fmt_, f.c_str(), f.size() + 1);
    lib_.put(args_, slots.data(), 8 * slots.size());
    Value n;
    if (!lib_.call(Builtin::kSNPRINTF, {U(buf_), U(1 << 16), U(fmt_), U(args_), I(static_cast<int64_t>(slots.size()))}, &n))
      return "<error " + lib_.error() + ">";
    return n.i < 0 ? "<" + std::to_string(n.i) + ">" : lib_.bytes(buf_, static_cast<size_t>(n.i));
  }

  template <typename T>
  void check(const std::string& f, const std::vector<int>& stars, T host_value, uint64_t slot) {
    std::vector<uint64_t> slots;
    for (int s : stars) slots.push_back(static_cast<uint64_t>(static_cast<int64_t>(s)));
    slots.push_back(slot);
    std::string want = host_format(f, stars, host_value), got = ours(f, slots);
    checked_++;
    if (want != got && failures_++ < 20) ADD_FAILURE() << "format \"" << f << "\": glibc \"" << want << "\", dvm \"" << got << "\"";
  }

  Lib& lib() { return lib_; }
  uint64_t string_at(const std::string& s) {
    auto it = strings_.find(s);
    if (it != strings_.end()) return it->second;
    return strings_[s] = lib_.str(s);
  }
  int checked() const { return checked_; }

 private:
  Lib lib_;
  uint64_t fmt_, args_, buf_;
  std::map<std::string, uint64_t> strings_;
  int checked_ = 0, failures_ = 0;
};

// A specification "%" flags width precision length conv, with the '*' values.
struct Shape {
  std::string text;
  std::vector<int> stars;
};

Shape random_shape(std::mt19937& rng, const std::string& length, char conv) {
  static const char* const kFlags[] = {"", "-", "+", " ", "#", "0", "-0", "+0", "#0", "-+", "+ ", "-#", " 0",
                                       "#-+ 0", "00", "--", "0-", "' ", "'", "+-#"};
  static const char* const kWidths[] = {"", "1", "2", "5", "8", "12", "20", "*"};
  static const char* const kPrecs[] = {"", ".", ".0", ".1", ".2", ".3", ".6", ".10", ".17", ".25", ".*"};
  static const int kStarWidths[] = {-20, -7, -1, 0, 1, 7, 20};
  static const int kStarPrecs[] = {-5, -1, 0, 1, 3, 8, 17};
  Shape s;
  s.text = std::string("%") + kFlags[rng() % std::size(kFlags)];
  std::string w = kWidths[rng() % std::size(kWidths)], p = kPrecs[rng() % std::size(kPrecs)];
  if (w == "*") s.stars.push_back(kStarWidths[rng() % std::size(kStarWidths)]);
  if (p == ".*") s.stars.push_back(kStarPrecs[rng() % std::size(kStarPrecs)]);
  s.text += w + p + length + conv;
  return s;
}

const std::vector<int64_t>& int_values() {
  static const std::vector<int64_t> v = {0, 1, -1, 7, 42, -42, 127, 128, -129, 255, 256, 4095, 32767, -32768, 65535,
                                         65536, INT_MAX, INT_MIN, 3000000000ll, -3000000000ll, 123456789012ll,
                                         INT64_MAX, INT64_MIN, 0x7fffabcd1234ll};
  return v;
}

const std::vector<double>& real_values() {
  static const std::vector<double> v = {0.0, -0.0, 1.0, -1.5, 0.1, 0.5, 1.5, 2.5, -2.5, 123.456, 1e-5, 1.25e-7,
                                        1e-300, 1e300, 5e-324, DBL_MAX, DBL_MIN, 1234567.0, 9.9999995, 99999.95,
                                        0.000123456, 1e15, 1e16, 1e17, 1e21, 3.14159265358979, 2.0 / 3.0,
                                        INFINITY, -INFINITY, NAN, -NAN, 0x1.8p-1030};
  return v;
}

TEST(CPrintf, MatchesGlibcOnAGeneratedMatrix) {
  PrintfMatrix m;
  std::mt19937 rng(20240601);
  const char* const kIntLengths[] = {"", "hh", "h", "l", "ll", "z", "j", "t"};
  for (int round = 0; round < 24000; round++) {
    std::string length = kIntLengths[rng() % std::size(kIntLengths)];
    bool narrow = length.empty() || length == "h" || length == "hh";
    int64_t v = int_values()[rng() % int_values().size()];
    char conv = "diuoxX"[rng() % 6];
    Shape s = random_shape(rng, length, conv);
    bool is_signed = conv == 'd' || conv == 'i';
    if (narrow && is_signed) m.check(s.text, s.stars, static_cast<int>(v), static_cast<uint64_t>(static_cast<int32_t>(v)));
    else if (narrow) m.check(s.text, s.stars, static_cast<unsigned>(v), static_cast<uint64_t>(static_cast<uint32_t>(v)));
    else if (is_signed) m.check(s.text, s.stars, static_cast<long long>(v), static_cast<uint64_t>(v));
    else m.check(s.text, s.stars, static_cast<unsigned long long>(v), static_cast<uint64_t>(v));
  }
  for (int round = 0; round < 24000; round++) {
    double v = real_values()[rng() % real_values().size()];
    char conv = "fFeEgGaA"[rng() % 8];
    Shape s = random_shape(rng, rng() % 4 == 0 ? "l" : "", conv);
    m.check(s.text, s.stars, v, bits(v));
  }
  const std::vector<std::string> strings = {"", "a", "hello", "hello, world of strings", "tab\there"};
  for (int round = 0; round < 6000; round++) {
    Shape s = random_shape(rng, "", 's');
    if (rng() % 8 == 0) {
      m.check(s.text, s.stars, static_cast<const char*>(nullptr), 0);
    } else {
      const std::string& text = strings[rng() % strings.size()];
      m.check(s.text, s.stars, text.c_str(), m.string_at(text));
    }
  }
  for (int round = 0; round < 4000; round++) {
    static const int kChars[] = {'a', 'Z', ' ', '%', 0, 255, 300, -1};
    int c = kChars[rng() % std::size(kChars)];
    Shape s = random_shape(rng, "", 'c');
    m.check(s.text, s.stars, c, static_cast<uint64_t>(static_cast<int64_t>(c)));
  }
  for (int round = 0; round < 4000; round++) {
    static const uint64_t kPtrs[] = {0, 1, 0x1000, 0xdeadbeef, 0x7ffd12345678ull, UINT64_MAX};
    uint64_t p = kPtrs[rng() % std::size(kPtrs)];
    Shape s = random_shape(rng, "", 'p');
    m.check(s.text, s.stars, reinterpret_cast<void*>(p), p);
  }
  for (int round = 0; round < 1000; round++) {
    Shape s = random_shape(rng, "", '%');
    m.check(s.text, s.stars, 0, 0);
  }
  EXPECT_EQ(m.checked(), 63000);
}

// Unknown conversions are echoed as glibc's printf_unknown does.
TEST(CPrintf, UnknownConversionsAsGlibc) {
  PrintfMatrix m;
  for (const char* f : {"%y", "%5y", "%-08.3ly", "%+ #y", "%hhy", "%.y", "%0-y", "%'I5k", "%#0 12.4v"})
    m.check(f, {}, 0, 0);
  m.check("%*y", {-9}, 0, 0);
  m.check("%.*y", {-3}, 0, 0);
  m.check("%.*y", {4}, 0, 0);
}

TEST(CPrintf, ExactStringsAndCounts) {
  PrintfMatrix m;
  Lib& lib = m.lib();
  EXPECT_EQ(m.ours("%d %5.2f %-5s|%x %o %e %g %p %p", {42, bits(3.14159), lib.str("ab"), 255, 8, bits(12345.678), bits(0.0001), 0, 0x1234}),
            "42  3.14 ab   |ff 10 1.234568e+04 0.0001 (nil) 0x1234");
  EXPECT_EQ(m.ours("[%s][%.3s][%10s]", {0, 0, 0}), "[(null)][][    (null)]");
  EXPECT_EQ(m.ours("%5%|%-5%|%%", {}), "%|%|%");
  EXPECT_EQ(m.ours("%hhd %hd %hhu", {300, 70000, static_cast<uint64_t>(-1)}), "44 4464 255");
  EXPECT_EQ(m.ours("%zu %zd", {UINT64_MAX, UINT64_MAX}), "18446744073709551615 -1");
  EXPECT_EQ(m.ours("%f %e %g", {bits(-NAN), bits(INFINITY), bits(-INFINITY)}), "-nan inf -inf");
  EXPECT_EQ(m.ours("abc%", {}), "abc%");
  EXPECT_EQ(m.ours("%d %d %s|", {}), "0 0 (null)|");  // missing arguments read as 0
  EXPECT_EQ(m.ours("%.3s|", {lib.str("abcdef")}), "abc|");
  EXPECT_EQ(m.ours("%99999999d", {1}), "<-1>");
  EXPECT_EQ(m.ours("ok %*d", {static_cast<uint64_t>(-100000000), 1}), "<-1>");
}

TEST(CPrintf, PercentNStoresTheCount) {
  PrintfMatrix m;
  Lib& lib = m.lib();
  uint64_t a = lib.alloc(16), b = lib.alloc(16);
  lib.put(a, "\xff\xff\xff\xff\xff\xff\xff\xff", 8);
  EXPECT_EQ(m.ours("hello%n, %s%lln!", {a, lib.str("you"), b}), "hello, you!");
  EXPECT_EQ(lib.bytes(a, 8), std::string("\x05\0\0\0\xff\xff\xff\xff", 8));
  EXPECT_EQ(lib.bytes(b, 8), std::string("\x0a\0\0\0\0\0\0\0", 8));
  EXPECT_EQ(m.ours("x%n", {0}), "<error nil pointer dereference>");
}

TEST(CPrintf, SprintfAndSnprintf) {
  Lib lib;
  uint64_t buf = lib.alloc(64), fmt = lib.str("%s=%d"), args = lib.slots({lib.str("answer"), 42});
  EXPECT_EQ(lib.calli(Builtin::kSPRINTF, {U(buf), U(fmt), U(args), I(2)}), 9);
  EXPECT_EQ(lib.cstr(buf), "answer=42");
  lib.put(buf, "XXXXXXXXXXXX", 12);
  EXPECT_EQ(lib.calli(Builtin::kSNPRINTF, {U(buf), I(5), U(fmt), U(args), I(2)}), 9);
  EXPECT_EQ(lib.bytes(buf, 6), std::string("answ\0X", 6));
  EXPECT_EQ(lib.calli(Builtin::kSNPRINTF, {U(buf), I(1), U(fmt), U(args), I(2)}), 9);
  EXPECT_EQ(lib.bytes(buf, 2), std::string("\0n", 2));
  EXPECT_EQ(lib.calli(Builtin::kSNPRINTF, {U(0), I(0), U(fmt), U(args), I(2)}), 9);  // counting only
  // A buffer that ends with memory: the write past it is a runtime error.
  uint64_t end = lib.vm().mem.end();
  EXPECT_EQ(lib.fails(Builtin::kSPRINTF, {U(end - 4), U(fmt), U(args), I(2)}), "memory access out of bounds");
  EXPECT_EQ(lib.fails(Builtin::kSPRINTF, {U(0), U(fmt), U(args), I(2)}), "nil pointer dereference");
}

TEST(CPrintf, BadPointersAreRuntimeErrors) {
  Lib lib;
  uint64_t fmt = lib.str("%s");
  EXPECT_EQ(lib.fails(Builtin::kPRINTF, {U(fmt), U(lib.slots({5})), I(1)}), "nil pointer dereference");
  EXPECT_EQ(lib.fails(Builtin::kPRINTF, {U(fmt), U(lib.slots({1ull << 40})), I(1)}), "memory access out of bounds");
  EXPECT_EQ(lib.fails(Builtin::kPRINTF, {U(0), U(0), I(0)}), "nil pointer dereference");
  EXPECT_EQ(lib.fails(Builtin::kPRINTF, {U(fmt), U(0), I(1)}), "nil pointer dereference");  // the argument slots
  EXPECT_EQ(lib.fails(Builtin::kPRINTF, {U(fmt), U(fmt), I(-1)}), "memory access out of bounds");
  // A string with no NUL before the end of memory.
  uint64_t end = lib.vm().mem.end();
  lib.put(end - 2, "ab", 2);
  EXPECT_EQ(lib.fails(Builtin::kPRINTF, {U(fmt), U(lib.slots({end - 2})), I(1)}), "memory access out of bounds");
  EXPECT_EQ(lib.out(), "");
}

TEST(CPrintf, StreamsAndReturnValues) {
  Lib lib;
  EXPECT_EQ(lib.calli(Builtin::kPRINTF, {U(lib.str("%d-%s\n")), U(lib.slots({7, lib.str("x")})), I(2)}), 4);
  EXPECT_EQ(lib.calli(Builtin::kFPRINTF, {I(2), U(lib.str("warn %d\n")), U(lib.slots({3})), I(1)}), 7);
  EXPECT_EQ(lib.calli(Builtin::kFPRINTF, {I(1), U(lib.str("out\n")), U(0), I(0)}), 4);
  EXPECT_EQ(lib.err(), "warn 3\n");  // unbuffered: there before any flush
  EXPECT_EQ(lib.out(), "7-x\nout\n");
  EXPECT_EQ(lib.fails(Builtin::kFPRINTF, {I(0), U(lib.str("x")), U(0), I(0)}), "nil pointer dereference");
  EXPECT_EQ(lib.fails(Builtin::kFPRINTF, {I(99999), U(lib.str("x")), U(0), I(0)}), "memory access out of bounds");
}

// ---- characters and lines

TEST(CStdio, PutsPutcharGetchar) {
  Lib lib;
  EXPECT_EQ(lib.calli(Builtin::kPUTS, {U(lib.str("hello"))}), 6);
  EXPECT_EQ(lib.calli(Builtin::kPUTCHAR, {I('A' + 256)}), 'A');
  EXPECT_EQ(lib.calli(Builtin::kPUTCHAR, {I(-1)}), 255);
  EXPECT_EQ(lib.out(), "hello\nA\xff");
  lib.set_input("ab\n");
  EXPECT_EQ(lib.calli(Builtin::kGETCHAR, {}), 'a');
  EXPECT_EQ(lib.calli(Builtin::kGETCHAR, {}), 'b');
  EXPECT_EQ(lib.calli(Builtin::kGETCHAR, {}), '\n');
  EXPECT_EQ(lib.calli(Builtin::kGETCHAR, {}), -1);
  EXPECT_EQ(lib.calli(Builtin::kGETCHAR, {}), -1);
  EXPECT_EQ(lib.fails(Builtin::kPUTS, {U(0)}), "nil pointer dereference");
}

// fgets against the host's on the same input.
TEST(CStdio, FgetsAsGlibc) {
  const std::string input = "first line\nsecond\n\nlast without newline";
  for (int n : {-1, 0, 1, 2, 5, 11, 12, 13, 100}) {
    Lib lib;
    lib.set_input(input);
    FILE* host = fmemopen(const_cast<char*>(input.data()), input.size(), "r");
    ASSERT_NE(host, nullptr);
    for (int call = 0; call < 8; call++) {
      char want[128];
      std::memset(want, '#', sizeof want);
      char* got_host = fgets(want, n, host);
      uint64_t buf = lib.alloc(128);
      std::memset(lib.vm().mem.at(buf), '#', 128);
      Value r;
      ASSERT_TRUE(lib.call(Builtin::kFGETS, {U(buf), I(n), I(clib::kStdin)}, &r)) << lib.error();
      EXPECT_EQ(r.u != 0, got_host != nullptr) << "n=" << n << " call " << call;
      if (r.u) {
        EXPECT_EQ(r.u, buf);
      }
      EXPECT_EQ(lib.bytes(buf, 128), std::string(want, 128)) << "n=" << n << " call " << call;
    }
    fclose(host);
  }
}

TEST(CStdio, FlushAndExitFlush) {
  Lib lib;
  lib.calli(Builtin::kPRINTF, {U(lib.str("pending")), U(0), I(0)});
  EXPECT_EQ(lib.calli(Builtin::kFFLUSH, {I(1)}), 0);
  EXPECT_EQ(lib.calli(Builtin::kFFLUSH, {I(0)}), 0);
  EXPECT_TRUE(lib.call(Builtin::kC_EXIT_FLUSH, {}));
  EXPECT_EQ(lib.out(), "pending");
  EXPECT_EQ(lib.fails(Builtin::kFFLUSH, {I(12345)}), "memory access out of bounds");
}

// ---- scanf against the host's sscanf on the same input

struct ScanCase {
  const char* format;
  int dests;  // destinations (each a 64-byte buffer)
};

TEST(CScanf, MatchesGlibcOnAMatrix) {
  const ScanCase kCases[] = {
      {"%d", 1}, {"%ld", 1}, {"%lf", 1}, {"%f", 1}, {"%s", 1}, {"%c", 1}, {"%d %d", 2}, {"%d,%d", 2},
      {"%d , %d", 2}, {"%5s", 1}, {"%3d%d", 2}, {"%*d %d", 1}, {" %c", 1}, {"%c%c", 2}, {"%d%n", 2},
      {"%s%n", 2}, {"%lf%n", 2}, {"%ld%n", 2}, {"x%d", 1}, {"%d%%", 1}, {"%hd %hhd", 2}, {"%u", 1},
      {"%x", 1}, {"%i", 1}, {"%o", 1}, {"%3c", 1}, {"%4lf", 1}, {"%d\n", 1}, {"%s %s", 2}, {"%lld", 1},
      {"%2d%3s%c", 3}, {"%e %g", 2}, {"%n%d", 2}};
  const char* const kInputs[] = {
      "", " ", "\n", "42", "  -17 abc", "+", "-", "- 5", "abc", "12abc", "3.5e", "3.5e+", "3.5e+2x", "1e5",
      "nan", "NaN(1)", "nax", "inf", "infinity", "infinit", "-inf", "0x1A", "0x", "0xg", "007", "089", "1,2",
      "1 , 2", "\n\n  99\n", "9999999999999", "-9999999999999999999999", ".5", ".", "1.2.3", "x", "x5", "%",
      "5%", "hello world", "a", "ab", "  a b", "12345678", "-0x1p3", "1e-400", "4294967296", "  \t"};
  Lib lib;
  uint64_t dest = lib.alloc(64 * 3);
  for (const ScanCase& c : kCases) {
    for (const char* input : kInputs) {
      char host[3][64];
      std::memset(host, 0xaa, sizeof host);
      int want = std::sscanf(input, c.format, host[0], host[1], host[2]);
      std::memset(lib.vm().mem.at(dest), 0xaa, 64 * 3);
      lib.set_input(input);
      uint64_t args = lib.slots({dest, dest + 64, dest + 128});
      Value got;
      ASSERT_TRUE(lib.call(Builtin::kSCANF, {U(lib.str(c.format)), U(args), I(c.dests)}, &got)) << lib.error();
      std::string where = std::string("format \"") + c.format + "\" input \"" + input + "\"";
      EXPECT_EQ(got.i, want) << where;
      for (int d = 0; d < c.dests; d++)
        EXPECT_EQ(lib.bytes(dest + 64 * d, 64), std::string(host[d], 64)) << where << " destination " << d;
    }
  }
}

// What scanf leaves unread is what the next read sees, as with glibc's stdin.
TEST(CScanf, PushesBackOneCharacter) {
  Lib lib;
  lib.set_input("123abc\n");
  uint64_t dest = lib.alloc(8);
  EXPECT_EQ(lib.calli(Builtin::kSCANF, {U(lib.str("%d")), U(lib.slots({dest})), I(1)}), 1);
  EXPECT_EQ(lib.calli(Builtin::kGETCHAR, {}), 'a');
  lib.set_input("");
  EXPECT_EQ(lib.calli(Builtin::kSCANF, {U(lib.str("%d")), U(lib.slots({dest})), I(1)}), -1);
  lib.set_input("5");
  EXPECT_EQ(lib.fails(Builtin::kSCANF, {U(lib.str("%d")), U(lib.slots({0})), I(1)}), "nil pointer dereference");
}

// ---- memory

TEST(CMalloc, AllocateUseFree) {
  Lib lib;
  uint64_t p = lib.calli(Builtin::kMALLOC, {I(100)});
  ASSERT_NE(p, 0u);
  EXPECT_EQ(p % 16, 0u);
  uint64_t zero = lib.calli(Builtin::kMALLOC, {I(0)});
  EXPECT_NE(zero, 0u);  // glibc gives a unique pointer for 0 bytes
  EXPECT_NE(zero, p);
  lib.put(p, "0123456789", 10);
  uint64_t q = lib.calli(Builtin::kREALLOC, {U(p), I(5000)});
  ASSERT_NE(q, 0u);
  EXPECT_EQ(lib.bytes(q, 10), "0123456789");
  EXPECT_EQ(lib.fails(Builtin::kFREE, {U(p)}), "free of a pointer that malloc did not return");  // moved
  EXPECT_EQ(lib.calli(Builtin::kREALLOC, {U(q), I(10)}), static_cast<int64_t>(q));  // shrinks in place
  EXPECT_EQ(lib.fails(Builtin::kFREE, {U(q)}), "");
  EXPECT_EQ(lib.fails(Builtin::kFREE, {U(q)}), "free of a pointer that malloc did not return");
  EXPECT_EQ(lib.fails(Builtin::kFREE, {U(0)}), "");
  uint64_t r = lib.calli(Builtin::kMALLOC, {I(64)});
  EXPECT_EQ(lib.fails(Builtin::kFREE, {U(r + 16)}), "free of a pointer that malloc did not return");
  EXPECT_EQ(lib.fails(Builtin::kFREE, {U(12345)}), "free of a pointer that malloc did not return");
  EXPECT_EQ(lib.fails(Builtin::kREALLOC, {U(r + 16), I(8)}), "free of a pointer that malloc did not return");
  EXPECT_EQ(lib.calli(Builtin::kREALLOC, {U(r), I(0)}), 0);  // frees
  EXPECT_EQ(lib.fails(Builtin::kFREE, {U(r)}), "free of a pointer that malloc did not return");
  uint64_t fresh = lib.calli(Builtin::kREALLOC, {U(0), I(24)});
  EXPECT_NE(fresh, 0u);
}

TEST(CMalloc, CallocZeroesAndChecksOverflow) {
  Lib lib;
  uint64_t p = lib.calli(Builtin::kMALLOC, {I(256)});
  std::memset(lib.vm().mem.at(p), 0x5a, 256);
  lib.calli(Builtin::kFREE, {U(p)});
  uint64_t c = lib.calli(Builtin::kCALLOC, {I(16), I(16)});
  ASSERT_NE(c, 0u);
  EXPECT_EQ(lib.bytes(c, 256), std::string(256, '\0'));
  EXPECT_EQ(lib.calli(Builtin::kCALLOC, {I(1ll << 33), I(1ll << 33)}), 0);
}

TEST(CMalloc, OutOfMemoryGivesNull) {
  VmOptions opts = small_options();
  opts.memory_bytes = 1 << 20;
  Lib lib(opts);
  EXPECT_EQ(lib.calli(Builtin::kMALLOC, {I(2 << 20)}), 0);
  EXPECT_EQ(lib.calli(Builtin::kMALLOC, {I(-1)}), 0);
  int blocks = 0;
  while (lib.calli(Builtin::kMALLOC, {I(10000)}) != 0) blocks++;
  EXPECT_GT(blocks, 50);
  EXPECT_LT(blocks, 110);
  uint64_t small = lib.calli(Builtin::kMALLOC, {I(16)});
  (void)small;  // may or may not fit; never a runtime error
}

// ---- string.h against the host

TEST(CString, FunctionsMatchTheHost) {
  Lib lib;
  const std::vector<std::string> words = {"", "a", "abc", "abd", "ab", "hello world", "xyz\x80", "world"};
  for (const std::string& a : words) {
    uint64_t pa = lib.str(a);
    EXPECT_EQ(lib.calli(Builtin::kSTRLEN, {U(pa)}), static_cast<int64_t>(a.size()));
    for (const std::string& b : words) {
      uint64_t pb = lib.str(b);
      EXPECT_EQ(lib.calli(Builtin::kSTRCMP, {U(pa), U(pb)}), std::strcmp(a.c_str(), b.c_str())) << a << " " << b;
      for (int n : {0, 1, 2, 3, 10})
        EXPECT_EQ(lib.calli(Builtin::kSTRNCMP, {U(pa), U(pb), I(n)}), std::strncmp(a.c_str(), b.c_str(), n));
      const char* hit = std::strstr(a.c_str(), b.c_str());
      EXPECT_EQ(lib.calli(Builtin::kSTRSTR, {U(pa), U(pb)}), hit ? static_cast<int64_t>(pa + (hit - a.c_str())) : 0);
      size_t n = std::min(a.size(), b.size()) + 1;
      EXPECT_EQ(lib.calli(Builtin::kMEMCMP, {U(pa), U(pb), I(static_cast<int64_t>(n))}), std::memcmp(a.c_str(), b.c_str(), n));
    }
    for (int c : {int{'a'}, int{'o'}, int{'z'}, 0, 'a' + 256, 0x80 - 256}) {
      const char* f = std::strchr(a.c_str(), static_cast<char>(c));
      const char* l = std::strrchr(a.c_str(), static_cast<char>(c));
      EXPECT_EQ(lib.calli(Builtin::kSTRCHR, {U(pa), I(c)}), f ? static_cast<int64_t>(pa + (f - a.c_str())) : 0);
      EXPECT_EQ(lib.calli(Builtin::kSTRRCHR, {U(pa), I(c)}), l ? static_cast<int64_t>(pa + (l - a.c_str())) : 0);
    }
  }
}

TEST(CString, CopiesAndConcatenation) {
  Lib lib;
  uint64_t buf = lib.alloc(32);
  std::memset(lib.vm().mem.at(buf), '#', 32);
  EXPECT_EQ(lib.calli(Builtin::kSTRCPY, {U(buf), U(lib.str("abc"))}), static_cast<int64_t>(buf));
  EXPECT_EQ(lib.bytes(buf, 5), std::string("abc\0#", 5));
  EXPECT_EQ(lib.calli(Builtin::kSTRCAT, {U(buf), U(lib.str("de"))}), static_cast<int64_t>(buf));
  EXPECT_EQ(lib.bytes(buf, 7), std::string("abcde\0#", 7));
  lib.calli(Builtin::kSTRNCPY, {U(buf), U(lib.str("xy")), I(6)});
  EXPECT_EQ(lib.bytes(buf, 7), std::string("xy\0\0\0\0#", 7));
  lib.calli(Builtin::kSTRNCPY, {U(buf), U(lib.str("longer")), I(3)});
  EXPECT_EQ(lib.bytes(buf, 4), std::string("lon\0", 4));
  lib.calli(Builtin::kMEMSET, {U(buf), I(0x141), I(4)});
  EXPECT_EQ(lib.bytes(buf, 5), std::string("AAAA\0", 5));
  lib.put(buf, "0123456789", 10);
  lib.calli(Builtin::kMEMMOVE, {U(buf + 2), U(buf), I(5)});
  EXPECT_EQ(lib.bytes(buf, 10), "0101234789");
  lib.calli(Builtin::kMEMCPY, {U(buf), U(lib.str("ZZ")), I(2)});
  EXPECT_EQ(lib.bytes(buf, 3), "ZZ0");
  // Zero lengths touch nothing, so any pointer will do.
  EXPECT_EQ(lib.fails(Builtin::kMEMCPY, {U(0), U(1), I(0)}), "");
}

TEST(CString, BadPointersAreRuntimeErrors) {
  Lib lib;
  uint64_t abc = lib.str("abc"), eight = lib.alloc(8);
  uint64_t end = lib.vm().mem.end();
  EXPECT_EQ(lib.fails(Builtin::kSTRLEN, {U(0)}), "nil pointer dereference");
  EXPECT_EQ(lib.fails(Builtin::kSTRLEN, {U(end)}), "memory access out of bounds");
  lib.put(end - 3, "abc", 3);
  EXPECT_EQ(lib.fails(Builtin::kSTRLEN, {U(end - 3)}), "memory access out of bounds");
  EXPECT_EQ(lib.calli(Builtin::kSTRNCMP, {U(end - 3), U(end - 3), I(3)}), 0);  // bounded: fine
  EXPECT_EQ(lib.fails(Builtin::kSTRCPY, {U(end - 2), U(abc)}), "memory access out of bounds");
  EXPECT_EQ(lib.fails(Builtin::kMEMSET, {U(end - 2), I(0), I(3)}), "memory access out of bounds");
  EXPECT_EQ(lib.fails(Builtin::kMEMCPY, {U(eight), U(end - 2), I(3)}), "memory access out of bounds");
  EXPECT_EQ(lib.fails(Builtin::kMEMCPY, {U(8), U(eight), I(4)}), "nil pointer dereference");
  EXPECT_EQ(lib.fails(Builtin::kMEMCPY, {U(eight), U(eight), U(UINT64_MAX)}), "memory access out of bounds");
  EXPECT_EQ(lib.fails(Builtin::kSTRCAT, {U(abc), U(0)}), "nil pointer dereference");
}

// ---- ctype.h and conversions

TEST(CCtype, MatchesGlibcsTables) {
  Lib lib;
  // What glibc's ctype.h macros compute in a C program (g++ may fold the
  // functions to 0/1, so the table is read directly).
  struct Fn {
    Builtin b;
    int (*host)(int);
  } fns[] = {{Builtin::kISDIGIT, [](int c) { return (*__ctype_b_loc())[c] & _ISdigit; }},
             {Builtin::kISALPHA, [](int c) { return (*__ctype_b_loc())[c] & _ISalpha; }},
             {Builtin::kISALNUM, [](int c) { return (*__ctype_b_loc())[c] & _ISalnum; }},
             {Builtin::kISSPACE, [](int c) { return (*__ctype_b_loc())[c] & _ISspace; }},
             {Builtin::kISUPPER, [](int c) { return (*__ctype_b_loc())[c] & _ISupper; }},
             {Builtin::kISLOWER, [](int c) { return (*__ctype_b_loc())[c] & _ISlower; }},
             {Builtin::kTOUPPER, [](int c) { return (*__ctype_toupper_loc())[c]; }},
             {Builtin::kTOLOWER, [](int c) { return (*__ctype_tolower_loc())[c]; }}};
  for (const Fn& f : fns)
    for (int c = -128; c <= 255; c++) EXPECT_EQ(lib.calli(f.b, {I(c)}), f.host(c)) << builtin_sig(f.b).name << " " << c;
  // What a gcc-built program printed for isdigit('7') isalpha('a') isalnum('a')
  // isspace(' ') isupper('Q') islower('a') toupper('a') tolower('Q').
  EXPECT_EQ(lib.calli(Builtin::kISDIGIT, {I('7')}), 2048);
  EXPECT_EQ(lib.calli(Builtin::kISALPHA, {I('a')}), 1024);
  EXPECT_EQ(lib.calli(Builtin::kISALNUM, {I('a')}), 8);
  EXPECT_EQ(lib.calli(Builtin::kISSPACE, {I(' ')}), 8192);
  EXPECT_EQ(lib.calli(Builtin::kISUPPER, {I('Q')}), 256);
  EXPECT_EQ(lib.calli(Builtin::kISLOWER, {I('a')}), 512);
  EXPECT_EQ(lib.calli(Builtin::kTOUPPER, {I('a')}), 'A');
  EXPECT_EQ(lib.calli(Builtin::kTOLOWER, {I('Q')}), 'q');
  EXPECT_EQ(lib.calli(Builtin::kISDIGIT, {I(1000)}), 0);
  EXPECT_EQ(lib.calli(Builtin::kTOUPPER, {I(1000)}), 1000);
}

TEST(CConversions, StrtolAtoiAtolMatchTheHost) {
  Lib lib;
  const char* const kInputs[] = {"0", "42", "  -17xyz", "+5", "0x1f", "0X1F", "077", "z", "", "  ", "9223372036854775807",
                                 "9223372036854775808", "-9223372036854775809", "4294967296", "2147483648", "-", "0x",
                                 "1e3", "\t\n12"};
  uint64_t endp = lib.alloc(8);
  for (const char* s : kInputs) {
    uint64_t ps = lib.str(s);
    EXPECT_EQ(lib.calli(Builtin::kATOI, {U(ps)}), atoi(s)) << s;
    EXPECT_EQ(lib.calli(Builtin::kATOL, {U(ps)}), atol(s)) << s;
    for (int base : {0, 2, 8, 10, 16, 36, 1, 37}) {
      char* end = nullptr;
      long want = std::strtol(s, &end, base);
      lib.vm().mem.store<uint64_t>(endp, 77);
      EXPECT_EQ(lib.calli(Builtin::kSTRTOL, {U(ps), U(endp), I(base)}), want) << s << " base " << base;
      uint64_t want_end = end ? ps + static_cast<uint64_t>(end - s) : 77;  // a bad base leaves it alone
      EXPECT_EQ(lib.vm().mem.load<uint64_t>(endp), want_end) << s << " base " << base;
      EXPECT_EQ(lib.calli(Builtin::kSTRTOL, {U(ps), U(0), I(base)}), want);
    }
  }
  EXPECT_EQ(lib.fails(Builtin::kSTRTOL, {U(lib.str("1")), U(16), I(10)}), "nil pointer dereference");
}

// ---- rand: the glibc sequences

TEST(CRand, SameSequencesAsGlibc) {
  std::ifstream data(std::string(DVM_SOURCE_DIR) + "/tests/unit/data/glibc_rand.txt");
  ASSERT_TRUE(data) << "missing tests/unit/data/glibc_rand.txt";
  std::string line;
  int lines = 0;
  while (std::getline(data, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream in(line);
    std::string seed;
    in >> seed;
    Lib lib;
    if (seed == "sum7") {  // srand(7); the sum of 100000 values, then the next one
      int64_t want_sum, want_last;
      in >> want_sum >> want_last;
      lib.call(Builtin::kSRAND, {I(7)});
      int64_t sum = 0;
      for (int k = 0; k < 100000; k++) sum += lib.calli(Builtin::kRAND, {});
      EXPECT_EQ(sum, want_sum);
      EXPECT_EQ(lib.calli(Builtin::kRAND, {}), want_last);
    } else {
      if (seed != "default") lib.call(Builtin::kSRAND, {U(std::stoull(seed))});
      int64_t want;
      while (in >> want) EXPECT_EQ(lib.calli(Builtin::kRAND, {}), want) << "seed " << seed;
    }
    lines++;
  }
  EXPECT_EQ(lines, 11);
}

// ---- math.h: the host's results, bit for bit, NaN included

TEST(CMath, SameResultsAsTheHost) {
  Lib lib;
  const double kValues[] = {0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, 3.7, -3.7, 1e10, -1e-10, 100.0, 1e308,
                            INFINITY, -INFINITY, NAN, M_PI, M_PI / 2};
  auto same = [](double a, double b) { return (std::isnan(a) && std::isnan(b)) || bits(a) == bits(b); };
  for (double x : kValues) {
    EXPECT_TRUE(same(lib.callf(Builtin::kFLOOR, {F(x)}), std::floor(x))) << x;
    EXPECT_TRUE(same(lib.callf(Builtin::kCEIL, {F(x)}), std::ceil(x))) << x;
    EXPECT_TRUE(same(lib.callf(Builtin::kTAN, {F(x)}), std::tan(x))) << x;
    EXPECT_TRUE(same(lib.callf(Builtin::kATAN, {F(x)}), std::atan(x))) << x;
    EXPECT_TRUE(same(lib.callf(Builtin::kLOG, {F(x)}), std::log(x))) << x;
    EXPECT_TRUE(same(lib.callf(Builtin::kSQRTC, {F(x)}), std::sqrt(x))) << x;
    EXPECT_TRUE(same(lib.callf(Builtin::kEXPC, {F(x)}), std::exp(x))) << x;
    for (double y : kValues) {
      EXPECT_TRUE(same(lib.callf(Builtin::kPOW, {F(x), F(y)}), std::pow(x, y))) << x << " " << y;
      EXPECT_TRUE(same(lib.callf(Builtin::kATAN2, {F(x), F(y)}), std::atan2(x, y))) << x << " " << y;
      EXPECT_TRUE(same(lib.callf(Builtin::kFMOD, {F(x), F(y)}), std::fmod(x, y))) << x << " " << y;
    }
  }
  EXPECT_TRUE(std::isnan(lib.callf(Builtin::kSQRTC, {F(-1)})));  // no trap, unlike Pascal's SQRT
  EXPECT_EQ(lib.callf(Builtin::kLOG, {F(0)}), -INFINITY);
}

// ---- sleeping

TEST(CUnistd, SleepUsSleepsAndFlushesFirst) {
  Lib lib;
  lib.calli(Builtin::kPRINTF, {U(lib.str("before")), U(0), I(0)});
  int64_t t0 = monotonic_ns();
  EXPECT_TRUE(lib.call(Builtin::kSLEEP_US, {I(20000)}));
  EXPECT_GE(monotonic_ns() - t0, 20000000);
  EXPECT_EQ(lib.out(), "before");
  EXPECT_TRUE(lib.call(Builtin::kSLEEP_US, {I(-5)}));
}

}  // namespace
}  // namespace dvm
