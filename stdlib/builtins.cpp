// The built-in library, one function per entry of builtins.def.
//
// Each builtin gets the argument block: n arguments in r[0..n-1] (the caller's
// registers, which it must not release) and stores its result in r[n].
// Number formatting and parsing are fpc's, from stdlib/pasfmt.h.
#include "stdlib/builtins.h"

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>

#include "stdlib/clib.h"
#include "stdlib/pasfmt.h"
#include "vm/remote_builtins.h"
#include "vm/instance.h"
#include "vm/strings.h"

namespace dvm {
namespace {

// ---- the argument count of each builtin, so results land in r[n]
namespace kinds {
constexpr int I = 0, F = 1, S = 2;  // (results are never counted: no V)
#define DVM_ARITY(...) static_cast<int>(std::initializer_list<int>{__VA_ARGS__}.size())
#define BUILTIN(name, result, params, meaning) constexpr int n_##name = DVM_ARITY params;
#include "stdlib/builtins.def"
#undef BUILTIN
#undef DVM_ARITY
}  // namespace kinds
using namespace kinds;

// ---- helpers

// Pascal's text output: standard output, or the file the program selected
// (TEXT_OUT).  A closed standard output ends the program quietly; a file
// that cannot be written is a runtime error.
bool out_write(Instance& vm, const char* p, size_t n) {
  if (Output* file = vm.files.selected_out()) return file->write(p, n) || vm.fail(RtError::FileWrite);
  return vm.out.write(p, n) || vm.output_failed();
}

// Pascal's text input: standard input, or the selected file (TEXT_IN).
Input& text_in(Instance& vm) {
  Input* file = vm.files.selected_in();
  return file ? *file : vm.in;
}

using pasfmt::blanks_before;
using pasfmt::field_width;

// Streamed, so that a field of 2^31 - 1 blanks never lives in host memory.
bool out_blanks(Instance& vm, int64_t count) {
  static const char kBlanks[] = "                                ";
  for (int64_t pad = count; pad > 0;) {
    int64_t k = pad < 32 ? pad : 32;
    if (!out_write(vm, kBlanks, static_cast<size_t>(k))) return false;
    pad -= k;
  }
  return true;
}

bool out_padded(Instance& vm, const char* p, size_t n, int64_t width) {
  return out_blanks(vm, blanks_before(width, n)) && out_write(vm, p, n);
}

bool view_of(Instance& vm, uint64_t s, str::View* v) { return str::view(vm.mem, s, v) || vm.fail(RtError::BadAddress); }

// Stores a new (owned) string into a result register, releasing what it held.
void set_string(Instance& vm, Value& slot, uint64_t s) {
  uint64_t old = slot.u;
  slot.u = s;
  str::release(vm.mem, vm.heap, old);
}

bool result_string(Instance& vm, Value& slot, const char* p, int64_t len) {
  bool ok;
  uint64_t s = str::make(vm.mem, vm.heap, p, len, &ok);
  if (!ok) return vm.fail(RtError::OutOfMemory);
  set_string(vm, slot, s);
  return true;
}

// A string variable in memory: its address must be valid and hold a string.
bool load_var(Instance& vm, uint64_t addr, uint64_t* s) {
  if (!vm.mem.valid(addr, 8)) return vm.fail(Memory::fault(addr));
  *s = vm.mem.load<uint64_t>(addr);
  return str::valid_ref(vm.mem, *s) || vm.fail(RtError::BadAddress);
}

void store_var(Instance& vm, uint64_t addr, uint64_t s) {
  uint64_t old = vm.mem.load<uint64_t>(addr);
  vm.mem.store<uint64_t>(addr, s);
  str::release(vm.mem, vm.heap, old);
}

// Replaces the variable's string by a fresh one of `len` bytes (contents from
// the caller); returns its address or 0 after recording the error.
uint64_t fresh_var(Instance& vm, int64_t len, bool* ok) {
  *ok = true;
  if (len == 0) return 0;
  uint64_t s = str::alloc(vm.mem, vm.heap, len, len);
  if (!s) *ok = vm.fail(RtError::OutOfMemory);
  return s;
}

// ---- output

bool bi_WRITE_INT(Instance& vm, Value* r) {
  std::string digits = pasfmt::format_int(r[0].i, -1);
  return out_padded(vm, digits.data(), digits.size(), r[1].i);
}

bool bi_WRITE_REAL(Instance& vm, Value* r) {
  std::string s = pasfmt::format_real_unpadded(r[0].f, field_width(r[1].i), field_width(r[2].i));
  return out_padded(vm, s.data(), s.size(), r[1].i);
}

bool bi_WRITE_STR(Instance& vm, Value* r) {
  str::View v;
  if (!view_of(vm, r[0].u, &v)) return false;
  return out_padded(vm, v.p, static_cast<size_t>(v.len), r[1].i);
}

bool bi_WRITE_CHAR(Instance& vm, Value* r) {
  char c = static_cast<char>(r[0].u);
  return out_padded(vm, &c, 1, r[1].i);
}

bool bi_WRITE_BOOL(Instance& vm, Value* r) {
  const char* text = r[0].i ? "TRUE" : "FALSE";
  return out_padded(vm, text, std::strlen(text), r[1].i);
}

// The type index is relative to the image of the calling procedure's version.
// fpc pads an enumeration value on the right (left-aligned), unlike everything else.
bool bi_WRITE_ENUM(Instance& vm, Value* r) {
  const std::vector<TypeDesc>& types = *vm.top_frame->proc->types;
  uint64_t t = r[1].u;
  if (t >= types.size() || r[0].u >= types[t].names.size()) return vm.fail(RtError::ValueRange);
  const std::string& name = types[t].names[r[0].u];
  if (name.empty()) return vm.fail(RtError::ValueRange);  // a value no member has (fpc: invalid enumeration)
  if (!out_write(vm, name.data(), name.size())) return false;
  return out_blanks(vm, blanks_before(r[2].i, name.size()));
}

bool bi_WRITE_NL(Instance& vm, Value*) { return out_write(vm, "\n", 1); }
bool bi_FLUSH(Instance& vm, Value*) { return vm.out.flush() || vm.output_failed(); }

// ---- input, as fpc's text files: a line break is \n, \r\n or a lone \r

bool is_blank(int c) { return c >= 0 && c <= ' '; }
bool is_line_break(int c) { return c == '\n' || c == '\r'; }

// Skips blanks and line breaks, then reads a maximal run of characters > ' '.
bool read_token(Instance& vm, std::string* token) {
  Input& in = text_in(vm);
  constexpr size_t kMaxToken = 4096;
  while (is_blank(in.peek())) in.get();
  if (in.peek() < 0) return vm.fail(RtError::ReadPastEof);
  token->clear();
  for (int c = in.peek(); c > ' '; c = in.peek()) {
    if (token->size() < kMaxToken) token->push_back(static_cast<char>(c));
    else token->assign(kMaxToken + 1, '?');  // too long to be a number: stays invalid
    in.get();
  }
  return true;
}

bool bi_READ_INT(Instance& vm, Value* r) {
  std::string token;
  if (!read_token(vm, &token)) return false;
  return pasfmt::parse_int(token, &r[n_READ_INT].i) || vm.fail(RtError::BadNumber);
}

// As fpc: the value's name in any case; another word is its runtime error 106.
// The type index is relative to the image of the calling procedure's version.
bool bi_READ_ENUM(Instance& vm, Value* r) {
  const std::vector<TypeDesc>& types = *vm.top_frame->proc->types;
  uint64_t t = r[0].u;
  if (t >= types.size()) return vm.fail(RtError::ValueRange);
  std::string token;
  if (!read_token(vm, &token)) return false;
  const std::vector<std::string>& names = types[t].names;
  auto same = [&](const std::string& name) {
    return name.size() == token.size() &&
           std::equal(name.begin(), name.end(), token.begin(), [](char a, char b) { return std::tolower(a) == std::tolower(b); });
  };
  for (size_t k = 0; k < names.size(); k++)
    if (!names[k].empty() && same(names[k])) return r[n_READ_ENUM].i = static_cast<int64_t>(k), true;
  vm.error_detail = "'" + token + "' names no value of " + types[t].name;
  return vm.fail(RtError::BadNumber);
}

bool bi_READ_REAL(Instance& vm, Value* r) {
  std::string token;
  if (!read_token(vm, &token)) return false;
  return pasfmt::parse_real(token, &r[n_READ_REAL].f) || vm.fail(RtError::BadNumber);
}

bool bi_READ_CHAR(Instance& vm, Value* r) {
  Input& in = text_in(vm);
  int c = in.get();  // raw: \r\n reads as #13 then #10, as fpc
  if (c < 0) return vm.fail(RtError::ReadPastEof);
  r[n_READ_CHAR].i = c;
  return true;
}

// The current line's characters, up to `most` of them.
static std::string read_line_part(Input& in, uint64_t most) {
  std::string line;
  for (int c = in.peek(); c >= 0 && !is_line_break(c) && line.size() < most; c = in.peek()) {
    line.push_back(static_cast<char>(c));
    in.get();
  }
  return line;
}

bool bi_READ_STR(Instance& vm, Value* r) {
  std::string line = read_line_part(text_in(vm), UINT64_MAX);
  return result_string(vm, r[n_READ_STR], line.data(), static_cast<int64_t>(line.size()));
}

bool bi_READ_STR_MAX(Instance& vm, Value* r) {
  std::string line = read_line_part(text_in(vm), r[0].i < 0 ? 0 : r[0].u);
  return result_string(vm, r[n_READ_STR_MAX], line.data(), static_cast<int64_t>(line.size()));
}

bool bi_READ_LN(Instance& vm, Value*) {
  Input& in = text_in(vm);
  for (int c = in.get(); c >= 0; c = in.get()) {
    if (c == '\n') break;
    if (c == '\r') {
      if (in.peek() == '\n') in.get();
      break;
    }
  }
  return true;
}

bool bi_EOF(Instance& vm, Value* r) {
  Input& in = text_in(vm);
  r[n_EOF].i = in.peek() < 0;
  return true;
}

bool bi_EOLN(Instance& vm, Value* r) {
  Input& in = text_in(vm);
  int c = in.peek();
  r[n_EOLN].i = c < 0 || is_line_break(c);
  return true;
}

// ---- math

bool bi_SQRT(Instance& vm, Value* r) {
  if (r[0].f < 0) return vm.fail(RtError::SqrtDomain);
  r[n_SQRT].f = std::sqrt(r[0].f);
  return true;
}
bool bi_SIN(Instance&, Value* r) { return r[n_SIN].f = std::sin(r[0].f), true; }
bool bi_COS(Instance&, Value* r) { return r[n_COS].f = std::cos(r[0].f), true; }
bool bi_ARCTAN(Instance&, Value* r) { return r[n_ARCTAN].f = std::atan(r[0].f), true; }
bool bi_EXP(Instance&, Value* r) { return r[n_EXP].f = std::exp(r[0].f), true; }
bool bi_LN(Instance& vm, Value* r) {
  if (r[0].f <= 0) return vm.fail(RtError::LnDomain);
  r[n_LN].f = std::log(r[0].f);
  return true;
}
// fpc's math unit computes in extended precision (x87, 64-bit mantissa: the
// long double of x86-64) and rounds once, to the real it returns; done the
// same way the results agree with fpc's to the last bit.  Its errors are the
// floating-point exceptions fpc reports: an argument outside the domain is an
// invalid operation, a pole a division by zero.
namespace {
using Ext = long double;

bool ext_ln(Instance& vm, Ext x, Ext* out) {
  if (x < 0 || std::isnan(x)) return vm.fail(RtError::MathDomain);
  if (x == 0) return vm.fail(RtError::DivByZero);
  *out = logl(x);
  return true;
}

bool ext_divide(Instance& vm, Ext a, Ext b, Ext* out) {
  if (b == 0) return vm.fail(a == 0 ? RtError::MathDomain : RtError::DivByZero);
  *out = a / b;
  return true;
}

bool int_power(Instance& vm, Ext base, int64_t exponent, Ext* out) {
  if (base == 0 && exponent == 0) return *out = 1, true;
  uint64_t i = exponent < 0 ? 0 - static_cast<uint64_t>(exponent) : static_cast<uint64_t>(exponent);
  Ext result = 1;
  while (i > 0) {
    while ((i & 1) == 0) {
      i >>= 1;
      base = base * base;
    }
    i--;
    result = result * base;
  }
  if (exponent < 0) return ext_divide(vm, 1, result, out);
  *out = result;
  return true;
}

bool pas_math(Instance& vm, PasMath f, Ext x, Ext y, Ext* out) {
  Ext t = 0;
  switch (f) {
    case PasMath::Power:  // Power(x, y)
      if (y == 0) return *out = 1, true;
      if (x == 0 && y > 0) return *out = 0, true;
      if (std::fabs(y) <= 2147483647.0L && y == truncl(y)) return int_power(vm, x, static_cast<int64_t>(y), out);
      if (!ext_ln(vm, x, &t)) return false;
      return *out = expl(y * t), true;
    case PasMath::IntPower: return int_power(vm, x, static_cast<int64_t>(y), out);
    case PasMath::Log10: return ext_ln(vm, x, &t) && (*out = t * 0.43429448190325182765L, true);
    case PasMath::Log2: return ext_ln(vm, x, &t) && (*out = t * 1.4426950408889634079L, true);
    case PasMath::LogN: {  // LogN(base x, of y)
      Ext lb = 0;
      return ext_ln(vm, y, &t) && ext_ln(vm, x, &lb) && ext_divide(vm, t, lb, out);
    }
    case PasMath::Tan: return *out = tanl(x), true;
    case PasMath::Cotan: return ext_divide(vm, cosl(x), sinl(x), out);
    case PasMath::ArcSin:
    case PasMath::ArcCos: {
      if (!(std::fabs(x) <= 1)) return vm.fail(RtError::MathDomain);
      Ext c = sqrtl((1 - x) * (1 + x));
      return *out = f == PasMath::ArcSin ? atan2l(x, c) : atan2l(c, x), true;
    }
    case PasMath::ArcTan2: return *out = atan2l(x, y), true;
    case PasMath::Sinh: return *out = sinhl(x), true;
    case PasMath::Cosh: return *out = coshl(x), true;
    case PasMath::Tanh: return *out = tanhl(x), true;
    case PasMath::Hypot: {
      x = std::fabs(x);
      y = std::fabs(y);
      if (x > y) return *out = x * sqrtl(1 + (y / x) * (y / x)), true;
      if (y > 0) return *out = y * sqrtl(1 + (x / y) * (x / y)), true;
      return *out = x, true;
    }
    case PasMath::DegToRad: return *out = x * (3.14159265358979323846264338327950288L / 180), true;
    case PasMath::RadToDeg: return *out = x * (180 / 3.14159265358979323846264338327950288L), true;
  }
  return vm.fail(RtError::MathDomain);
}
}  // namespace

bool bi_PAS_MATH(Instance& vm, Value* r) {
  Ext out = 0;
  if (r[0].i < 0 || r[0].i > static_cast<int64_t>(PasMath::RadToDeg)) return vm.fail(RtError::MathDomain);
  if (!pas_math(vm, static_cast<PasMath>(r[0].i), r[1].f, r[2].f, &out)) return false;
  r[n_PAS_MATH].f = static_cast<double>(out);
  return true;
}

bool bi_FRAC(Instance&, Value* r) { return r[n_FRAC].f = r[0].f - std::trunc(r[0].f), true; }
bool bi_INT(Instance&, Value* r) { return r[n_INT].f = std::trunc(r[0].f), true; }

// ---- strings

// copy(s, index, count) as fpc: an index below 1 counts from 1 (the count is
// not reduced), the count is clipped to the end of the string.
bool bi_COPY(Instance& vm, Value* r) {
  str::View v;
  if (!view_of(vm, r[0].u, &v)) return false;
  int64_t from = r[1].i < 1 ? 0 : r[1].i - 1, count = r[2].i;
  if (from >= v.len || count <= 0) return set_string(vm, r[n_COPY], 0), true;
  if (count > v.len - from) count = v.len - from;
  if (from == 0 && count == v.len) {  // the whole string: share it
    str::retain(vm.mem, r[0].u);
    set_string(vm, r[n_COPY], r[0].u);
    return true;
  }
  return result_string(vm, r[n_COPY], v.p + from, count);
}

bool bi_POS(Instance& vm, Value* r) {
  str::View needle, hay;
  if (!view_of(vm, r[0].u, &needle) || !view_of(vm, r[1].u, &hay)) return false;
  size_t at = needle.len == 0 ? std::string_view::npos
                              : std::string_view(hay.p, static_cast<size_t>(hay.len))
                                    .find(std::string_view(needle.p, static_cast<size_t>(needle.len)));
  r[n_POS].i = at == std::string_view::npos ? 0 : static_cast<int64_t>(at) + 1;
  return true;
}

// insert(source, s, index) as fpc: index clipped to 1..length(s)+1.
bool bi_INSERT(Instance& vm, Value* r) {
  uint64_t s;
  str::View src, dst;
  if (!view_of(vm, r[0].u, &src) || !load_var(vm, r[1].u, &s) || !view_of(vm, s, &dst)) return false;
  if (src.len == 0) return true;
  int64_t at = r[2].i < 1 ? 0 : r[2].i - 1;
  if (at > dst.len) at = dst.len;
  bool ok;
  uint64_t t = fresh_var(vm, dst.len + src.len, &ok);
  if (!ok) return false;
  char* out = str::chars(vm.mem, t);
  std::memcpy(out, dst.p, static_cast<size_t>(at));
  std::memcpy(out + at, src.p, static_cast<size_t>(src.len));
  std::memcpy(out + at + src.len, dst.p + at, static_cast<size_t>(dst.len - at));
  store_var(vm, r[1].u, t);
  return true;
}

// delete(s, index, count) as fpc: nothing unless 1 <= index <= length(s) and count > 0.
bool bi_DELETE(Instance& vm, Value* r) {
  uint64_t s;
  str::View v;
  if (!load_var(vm, r[0].u, &s) || !view_of(vm, s, &v)) return false;
  int64_t index = r[1].i, count = r[2].i;
  if (index < 1 || index > v.len || count <= 0) return true;
  if (count > v.len - index + 1) count = v.len - index + 1;
  int64_t len = v.len - count;
  bool ok;
  uint64_t t = fresh_var(vm, len, &ok);
  if (!ok) return false;
  if (t) {
    char* out = str::chars(vm.mem, t);
    std::memcpy(out, v.p, static_cast<size_t>(index - 1));
    std::memcpy(out + index - 1, v.p + index - 1 + count, static_cast<size_t>(len - (index - 1)));
  }
  store_var(vm, r[0].u, t);
  return true;
}

// str's result: text right-aligned in the field, built in program memory (a
// field too wide for it is the program running out of memory).
bool result_padded(Instance& vm, Value& slot, const std::string& text, int64_t width) {
  const int64_t n = static_cast<int64_t>(text.size()), len = n + blanks_before(width, text.size());
  bool ok;
  uint64_t s = fresh_var(vm, len, &ok);
  if (!ok) return false;
  if (s) {
    char* out = str::chars(vm.mem, s);
    std::memset(out, ' ', static_cast<size_t>(len - n));
    std::memcpy(out + (len - n), text.data(), text.size());
  }
  set_string(vm, slot, s);
  return true;
}

bool bi_STR_INT(Instance& vm, Value* r) {
  return result_padded(vm, r[n_STR_INT], pasfmt::format_int(r[0].i, -1), r[1].i);
}

bool bi_STR_REAL(Instance& vm, Value* r) {
  std::string s = pasfmt::format_real_unpadded(r[0].f, field_width(r[1].i), field_width(r[2].i));
  return result_padded(vm, r[n_STR_REAL], s, r[1].i);
}

bool store_errpos(Instance& vm, uint64_t addr, int64_t pos) {
  if (!vm.mem.valid(addr, 8)) return vm.fail(Memory::fault(addr));
  vm.mem.store<int64_t>(addr, pos);
  return true;
}

bool bi_VAL_INT(Instance& vm, Value* r) {
  str::View v;
  if (!view_of(vm, r[0].u, &v)) return false;
  int64_t pos = 0;
  int64_t x = pasfmt::val_int(std::string(v.p, static_cast<size_t>(v.len)), &pos);
  if (!store_errpos(vm, r[1].u, pos)) return false;
  r[n_VAL_INT].i = x;
  return true;
}

bool bi_VAL_REAL(Instance& vm, Value* r) {
  str::View v;
  if (!view_of(vm, r[0].u, &v)) return false;
  int64_t pos = 0;
  double x = pasfmt::val_real(std::string(v.p, static_cast<size_t>(v.len)), &pos);
  if (!store_errpos(vm, r[1].u, pos)) return false;
  r[n_VAL_REAL].f = x;
  return true;
}

int64_t upcase(int64_t c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
int64_t lowercase(int64_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

bool map_string(Instance& vm, Value* r, Value& result, int64_t (*f)(int64_t)) {
  str::View v;
  if (!view_of(vm, r[0].u, &v)) return false;
  std::string s(v.p, static_cast<size_t>(v.len));
  for (char& c : s) c = static_cast<char>(f(static_cast<unsigned char>(c)));
  return result_string(vm, result, s.data(), v.len);
}

bool bi_UPCASE_CHR(Instance&, Value* r) { return r[n_UPCASE_CHR].i = upcase(r[0].i), true; }
bool bi_LOWER_CHR(Instance&, Value* r) { return r[n_LOWER_CHR].i = lowercase(r[0].i), true; }
bool bi_UPCASE_STR(Instance& vm, Value* r) { return map_string(vm, r, r[n_UPCASE_STR], upcase); }
bool bi_LOWER_STR(Instance& vm, Value* r) { return map_string(vm, r, r[n_LOWER_STR], lowercase); }

bool bi_FLOAT_TO_STR(Instance& vm, Value* r) {
  std::string s = pasfmt::float_to_str(r[0].f);
  return result_string(vm, r[n_FLOAT_TO_STR], s.data(), static_cast<int64_t>(s.size()));
}

bool bi_FLOAT_TO_STR_F(Instance& vm, Value* r) {
  if (r[1].i < 0 || r[1].i > 3) return vm.fail(RtError::BadFormat);  // ffCurrency: dvm has no currency settings
  std::string s = pasfmt::float_to_str_f(r[0].f, static_cast<int>(r[1].i), static_cast<int>(std::clamp<int64_t>(r[2].i, -1, 100)),
                                         static_cast<int>(std::clamp<int64_t>(r[3].i, -1, 100)));
  return result_string(vm, r[n_FLOAT_TO_STR_F], s.data(), static_cast<int64_t>(s.size()));
}

bool bi_RADIX_STR(Instance& vm, Value* r) {
  int64_t digits = std::clamp<int64_t>(r[1].i, 0, 255);
  int bits = static_cast<int>(r[2].i);
  if (bits < 1 || bits > 4) return vm.fail(RtError::ValueRange);
  std::string s(static_cast<size_t>(digits), '0');
  uint64_t v = r[0].u;
  for (int64_t i = digits - 1; i >= 0; i--) {
    s[static_cast<size_t>(i)] = "0123456789ABCDEF"[v & ((1u << bits) - 1)];
    v = bits * (digits - i) >= 64 ? 0 : v >> bits;
  }
  return result_string(vm, r[n_RADIX_STR], s.data(), digits);
}

bool bi_STR_COMPARE(Instance& vm, Value* r) {
  str::View a, b;
  if (!view_of(vm, r[0].u, &a) || !view_of(vm, r[1].u, &b)) return false;
  auto fold = [&](unsigned char c) { return r[2].i && c >= 'a' && c <= 'z' ? c - 32 : c; };
  int64_t n = std::min(a.len, b.len), result = 0;
  for (int64_t i = 0; i < n && result == 0; i++)
    result = fold(static_cast<unsigned char>(a.p[i])) - fold(static_cast<unsigned char>(b.p[i]));
  if (result == 0) result = (a.len > b.len) - (a.len < b.len);
  r[n_STR_COMPARE].i = result;
  return true;
}

bool bi_QUOTED_STR(Instance& vm, Value* r) {
  str::View v;
  if (!view_of(vm, r[0].u, &v)) return false;
  char q = static_cast<char>(r[1].i);
  std::string s(1, q);
  for (int64_t i = 0; i < v.len; i++) {
    s += v.p[i];
    if (v.p[i] == q) s += q;
  }
  s += q;
  return result_string(vm, r[n_QUOTED_STR], s.data(), static_cast<int64_t>(s.size()));
}

// Format's conversion spec, packed by the Pascal compiler: the conversion
// character, left alignment, width + 1 and precision + 1 (0: not given).
struct FormatSpec {
  char conv;
  bool left;
  int width, precision;
};
FormatSpec unpack_spec(uint64_t p) {
  return {static_cast<char>(p & 0xff), ((p >> 8) & 1) != 0, static_cast<int>((p >> 16) & 0xffff) - 1,
          static_cast<int>((p >> 32) & 0xffff) - 1};
}

bool bi_FMT_INT(Instance& vm, Value* r) {
  FormatSpec f = unpack_spec(r[1].u);
  std::string s = pasfmt::format_int_spec(r[0].i, f.conv, f.width, f.precision, f.left);
  return result_string(vm, r[n_FMT_INT], s.data(), static_cast<int64_t>(s.size()));
}

bool bi_FMT_REAL(Instance& vm, Value* r) {
  FormatSpec f = unpack_spec(r[1].u);
  std::string s = pasfmt::format_real_spec(r[0].f, f.conv, f.width, f.precision, f.left);
  return result_string(vm, r[n_FMT_REAL], s.data(), static_cast<int64_t>(s.size()));
}

bool bi_FMT_STR(Instance& vm, Value* r) {
  str::View v;
  if (!view_of(vm, r[0].u, &v)) return false;
  FormatSpec f = unpack_spec(r[1].u);
  std::string s = pasfmt::format_str_spec(std::string(v.p, static_cast<size_t>(v.len)), f.width, f.precision, f.left);
  return result_string(vm, r[n_FMT_STR], s.data(), static_cast<int64_t>(s.size()));
}

// Format with a format known only when the program runs, read as fpc's
// sysutils reads it: %[index:][-][width][.precision]conversion, where a
// number may be '*' (the next argument, an integer); "%:" is index 0, a
// number before '-' is the width.  A conversion fpc does not know shows as
// nothing (padded to the width) and takes no argument; '%' shows '%'; a
// '%' that ends the format shows nothing.  What fpc raises EConvertError for
// (a format that ends inside a conversion, a missing argument, an argument
// of the wrong kind, %p and %m) is the runtime error BadFormat.
bool bi_FORMAT(Instance& vm, Value* r) {
  str::View f;
  if (!view_of(vm, r[0].u, &f)) return false;
  int64_t nargs = r[1].i;
  uint64_t at = r[2].u;
  if (nargs < 0 || nargs > (1 << 20) || (nargs && !vm.mem.valid(at, static_cast<uint64_t>(nargs) * 16)))
    return vm.fail(RtError::BadAddress);
  auto tag = [&](int64_t k) { return vm.mem.load<int64_t>(at + static_cast<uint64_t>(k) * 16); };
  auto value = [&](int64_t k) { return at + static_cast<uint64_t>(k) * 16 + 8; };
  const std::string text(f.p, static_cast<size_t>(f.len));
  const size_t end = text.size();
  std::string out;
  int64_t next = 0;
  for (size_t i = 0; i < end; i++) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (++i >= end) break;
    // A number or '*' at i into *n (-1: none); false: '*' without an integer argument.
    auto number = [&](int64_t* n) {
      *n = -1;
      if (text[i] == '*') {
        i++;
        if (next >= nargs || tag(next) != 0) return false;
        *n = std::clamp<int64_t>(vm.mem.load<int64_t>(value(next++)), -1, 100000);
        return true;
      }
      while (i < end && std::isdigit(static_cast<unsigned char>(text[i]))) {
        *n = std::min<int64_t>((*n < 0 ? 0 : *n) * 10 + (text[i++] - '0'), 100000);
      }
      return true;
    };
    int64_t index = -1, width = -1, precision = -1, n = -1;
    bool left = false;
    if (text[i] != ':') {
      if (!number(&n)) return vm.fail(RtError::BadFormat);
    } else {
      n = 0;
    }
    if (i < end && text[i] == ':') {
      if (n < 0) return vm.fail(RtError::BadFormat);
      index = n;
      n = -1;
      i++;
    }
    if (i < end && text[i] == '-') {
      left = true;
      i++;
    }
    if (n < 0 && i < end && !number(&n)) return vm.fail(RtError::BadFormat);
    width = n;
    if (i < end && text[i] == '.') {
      i++;
      if (i < end && !number(&precision)) return vm.fail(RtError::BadFormat);
      if (precision < 0) precision = 0;
    }
    if (i >= end) return vm.fail(RtError::BadFormat);
    char conv = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    int w = static_cast<int>(std::min<int64_t>(width, 65534)), p = static_cast<int>(std::min<int64_t>(precision, 65534));
    if (std::string_view("duxsfegnpm").find(conv) == std::string_view::npos) {  // shows no argument
      out += pasfmt::format_str_spec(conv == '%' ? "%" : "", w, -1, left);
      continue;
    }
    int64_t arg = index >= 0 ? index : next;
    if (arg >= nargs) return vm.fail(RtError::BadFormat);
    next = arg + 1;
    int64_t kind = tag(arg);
    if (conv == 's') {
      if (kind != 2) return vm.fail(RtError::BadFormat);
      uint64_t s = vm.mem.load<uint64_t>(value(arg));
      str::View v;
      if (!str::valid_ref(vm.mem, s) || !view_of(vm, s, &v)) return vm.fail(RtError::BadAddress);
      out += pasfmt::format_str_spec(std::string(v.p, static_cast<size_t>(v.len)), w, p, left);
    } else if (conv == 'd' || conv == 'u' || conv == 'x') {
      if (kind != 0) return vm.fail(RtError::BadFormat);
      out += pasfmt::format_int_spec(vm.mem.load<int64_t>(value(arg)), conv, w, p, left);
    } else if (conv == 'f' || conv == 'e' || conv == 'g' || conv == 'n') {
      if (kind != 1) return vm.fail(RtError::BadFormat);
      out += pasfmt::format_real_spec(vm.mem.load<double>(value(arg)), conv, w, p, left);
    } else {  // %p of a pointer, %m of a currency: dvm has neither argument
      return vm.fail(RtError::BadFormat);
    }
    if (out.size() > vm.mem.heap_limit()) return vm.fail(RtError::OutOfMemory);
  }
  return result_string(vm, r[n_FORMAT], out.data(), static_cast<int64_t>(out.size()));
}

// ---- dynamic arrays: string objects whose length counts elements.

// The element count of the dynamic array s, checked against memory.
bool dyn_count(Instance& vm, uint64_t s, uint64_t size, int64_t* count) {
  return str::array_count(vm.mem, s, size, count) || vm.fail(RtError::BadAddress);
}

// The element size argument of the DYN_ builtins: bytes, and bit 32 set when
// the elements are references (strings, dynamic arrays).  With a layout (a
// string of bits, one per 8-byte word of an element, set for a reference:
// records holding strings), the elements are records of `size` bytes.
struct DynElements {
  uint64_t size;
  bool refs;
  std::string layout;  // empty: none
};
bool dyn_elements(Instance& vm, uint64_t arg, uint64_t layout, DynElements* el) {
  uint64_t size = arg & 0xffffffffu;
  bool refs = (arg >> 32) & 1;
  str::View v;
  if (!view_of(vm, layout, &v)) return false;
  if (v.len > 0) {
    uint64_t words = size / 8;
    if (size % 8 || words == 0 || words > static_cast<uint64_t>(str::kLayoutWordsMask) ||
        static_cast<uint64_t>(v.len) != str::layout_bytes(words))
      return vm.fail(RtError::BadAddress);
    *el = {size, true, std::string(v.p, static_cast<size_t>(v.len))};
    return true;
  }
  *el = {refs ? 8 : size ? size : 1, refs, {}};
  return true;
}

// A new dynamic array of `count` elements: the first `keep` from `from`, the
// rest zero.  0 when count is 0.
bool dyn_make(Instance& vm, const char* from, int64_t keep, int64_t count, const DynElements& el, uint64_t* out) {
  *out = 0;
  if (count <= 0) return true;
  if (static_cast<uint64_t>(count) > vm.mem.heap_limit() / el.size || count > str::kCountMask)
    return vm.fail(RtError::OutOfMemory);
  int64_t bytes = count * static_cast<int64_t>(el.size);
  int64_t total = bytes + static_cast<int64_t>(el.layout.size());
  uint64_t s = str::alloc(vm.mem, vm.heap, total, total);
  if (!s) return vm.fail(RtError::OutOfMemory);
  int64_t word = count;
  if (!el.layout.empty())
    word |= str::kRefElements | str::kLayoutElements | static_cast<int64_t>(el.size / 8) << str::kLayoutWordsShift;
  else if (el.refs)
    word |= str::kRefElements;
  vm.mem.store<int64_t>(s + 8, word);
  char* data = str::chars(vm.mem, s);
  int64_t kept = keep * static_cast<int64_t>(el.size);
  if (kept > 0) std::memcpy(data, from, static_cast<size_t>(kept));
  std::memset(data + kept, 0, static_cast<size_t>(bytes - kept));
  if (!el.layout.empty()) std::memcpy(data + bytes, el.layout.data(), el.layout.size());
  // The copy holds the references of the kept elements too.
  auto take = [&](uint64_t at) {
    uint64_t e = vm.mem.load<uint64_t>(at);
    if (str::valid_ref(vm.mem, e)) str::retain(vm.mem, e);
    else vm.mem.store<uint64_t>(at, 0);
  };
  uint64_t base = s + str::kHeader;
  if (!el.layout.empty()) {
    uint64_t words = el.size / 8;
    for (uint64_t w = 0; w < words; w++)
      if ((static_cast<unsigned char>(el.layout[w / 8]) >> (w % 8)) & 1)
        for (int64_t i = 0; i < keep; i++) take(base + (static_cast<uint64_t>(i) * words + w) * 8);
  } else if (el.refs) {
    for (int64_t i = 0; i < keep; i++) take(base + static_cast<uint64_t>(i) * 8);
  }
  *out = s;
  return true;
}

bool bi_DYN_SETLEN(Instance& vm, Value* r) {
  uint64_t s;
  DynElements el;
  int64_t count;
  if (!dyn_elements(vm, r[2].u, r[3].u, &el)) return false;
  if (!load_var(vm, r[0].u, &s) || !dyn_count(vm, s, el.size, &count)) return false;
  int64_t want = r[1].i < 0 ? 0 : r[1].i;
  uint64_t fresh;
  if (!dyn_make(vm, s ? str::chars(vm.mem, s) : nullptr, std::min(count, want), want, el, &fresh)) return false;
  store_var(vm, r[0].u, fresh);
  return true;
}

bool bi_DYN_COPY(Instance& vm, Value* r) {
  DynElements el;
  int64_t count;
  if (!dyn_elements(vm, r[3].u, r[4].u, &el)) return false;
  if (!dyn_count(vm, r[0].u, el.size, &count)) return false;
  int64_t from = std::clamp<int64_t>(r[1].i, 0, count);
  int64_t n = std::clamp<int64_t>(r[2].i, 0, count - from);
  uint64_t fresh;
  if (!dyn_make(vm, n ? str::chars(vm.mem, r[0].u) + from * static_cast<int64_t>(el.size) : nullptr, n, n, el, &fresh))
    return false;
  set_string(vm, r[n_DYN_COPY], fresh);
  return true;
}

bool bi_DYN_DATA(Instance& vm, Value* r) {
  int64_t count;
  if (!dyn_count(vm, r[0].u, 1, &count)) return false;
  r[n_DYN_DATA].u = count ? r[0].u + str::kHeader : 0;
  return true;
}

bool bi_STR_OF_CHAR(Instance& vm, Value* r) {
  int64_t n = r[1].i < 0 ? 0 : r[1].i;
  if (n > static_cast<int64_t>(vm.mem.heap_limit())) return vm.fail(RtError::OutOfMemory);
  std::string s(static_cast<size_t>(n), static_cast<char>(r[0].i));
  return result_string(vm, r[n_STR_OF_CHAR], s.data(), n);
}

bool bi_TRIM(Instance& vm, Value* r) {
  str::View v;
  if (!view_of(vm, r[0].u, &v)) return false;
  int64_t from = 0, to = v.len;
  if (r[1].i & 1)
    while (from < to && static_cast<unsigned char>(v.p[from]) <= ' ') from++;
  if (r[1].i & 2)
    while (to > from && static_cast<unsigned char>(v.p[to - 1]) <= ' ') to--;
  if (from == to) return set_string(vm, r[n_TRIM], 0), true;
  if (from == 0 && to == v.len) {  // nothing to cut: share it
    str::retain(vm.mem, r[0].u);
    set_string(vm, r[n_TRIM], r[0].u);
    return true;
  }
  return result_string(vm, r[n_TRIM], v.p + from, to - from);
}

bool bi_STR_TRUNC(Instance& vm, Value* r) {
  str::View v;
  if (!view_of(vm, r[0].u, &v)) return false;
  if (v.len <= r[1].i) {
    str::retain(vm.mem, r[0].u);
    set_string(vm, r[n_STR_TRUNC], r[0].u);
    return true;
  }
  return result_string(vm, r[n_STR_TRUNC], v.p, r[1].i < 0 ? 0 : r[1].i);
}

// setlength: kept characters stay, new ones are zero bytes.
bool bi_STR_SETLEN(Instance& vm, Value* r) {
  uint64_t s;
  str::View v;
  if (!load_var(vm, r[0].u, &s) || !view_of(vm, s, &v)) return false;
  int64_t len = r[1].i < 0 ? 0 : r[1].i;
  if (len == v.len) return true;
  if (len > static_cast<int64_t>(vm.mem.heap_limit())) return vm.fail(RtError::OutOfMemory);
  bool ok;
  uint64_t t = fresh_var(vm, len, &ok);
  if (!ok) return false;
  if (t) {
    int64_t keep = len < v.len ? len : v.len;
    std::memcpy(str::chars(vm.mem, t), v.p, static_cast<size_t>(keep));
    std::memset(str::chars(vm.mem, t) + keep, 0, static_cast<size_t>(len - keep));
  }
  store_var(vm, r[0].u, t);
  return true;
}

// ---- misc: xorshift64* (the sequence need not match fpc's)

uint64_t next_random(Instance& vm) {
  uint64_t& x = vm.rng_state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  return x * 2685821657736338717ull;
}

bool bi_RANDOM_INT(Instance& vm, Value* r) {
  int64_t n = r[0].i;
  uint64_t x = next_random(vm);
  r[n_RANDOM_INT].i = n <= 0 ? 0 : static_cast<int64_t>((static_cast<unsigned __int128>(x) * static_cast<uint64_t>(n)) >> 64);
  return true;
}

bool bi_RANDOM_REAL(Instance& vm, Value* r) {
  r[n_RANDOM_REAL].f = static_cast<double>(next_random(vm) >> 11) * 0x1p-53;
  return true;
}

bool bi_RANDOMIZE(Instance& vm, Value*) {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  uint64_t seed = static_cast<uint64_t>(ts.tv_sec) * 1000000007ull ^ static_cast<uint64_t>(ts.tv_nsec) ^
                  (static_cast<uint64_t>(getpid()) << 32);
  vm.rng_state = seed ? seed : 1;
  return true;
}

bool bi_WRITE_QWORD(Instance& vm, Value* r) {
  std::string digits = std::to_string(r[0].u);
  return out_padded(vm, digits.data(), digits.size(), r[1].i);
}

// ---- the program's arguments (dvm run PROG -- ARGS); argument 0 is its path

bool bi_PARAM_COUNT(Instance& vm, Value* r) {
  r[n_PARAM_COUNT].i = static_cast<int64_t>(vm.opts.args.size());
  return true;
}

bool bi_PARAM_STR(Instance& vm, Value* r) {
  int64_t k = r[0].i;
  const auto& args = vm.opts.args;
  std::string text;
  if (k == 0) text = vm.spaces.front()->image.source_path;
  else if (k > 0 && k <= static_cast<int64_t>(args.size())) text = args[static_cast<size_t>(k - 1)];
  return result_string(vm, r[n_PARAM_STR], text.data(), static_cast<int64_t>(text.size()));
}

// ---- text files (vm/textfiles.h): opened by name inside the sandbox

bool bi_FILE_ASSIGN(Instance& vm, Value* r) {
  str::View name;
  if (!view_of(vm, r[1].u, &name)) return false;
  r[n_FILE_ASSIGN].i = vm.files.assign(r[0].i, std::string(name.p, static_cast<size_t>(name.len)));
  return true;
}

bool bi_FILE_OPEN(Instance& vm, Value* r) {
  static const TextFiles::Mode kModes[] = {TextFiles::Mode::Read, TextFiles::Mode::Write, TextFiles::Mode::Append};
  if (r[1].i < 0 || r[1].i > 2) return vm.fail(RtError::ValueRange);
  RtError err;
  return vm.files.open(r[0].i, kModes[r[1].i], &vm.waiter, &vm.out, &err) || vm.fail(err);
}

bool bi_FILE_CLOSE(Instance& vm, Value* r) {
  RtError err;
  return vm.files.close(r[0].i, &err) || vm.fail(err);
}

bool bi_TEXT_OUT(Instance& vm, Value* r) {
  RtError err;
  return vm.files.select_out(r[0].i, &err) || vm.fail(err);
}

bool bi_FLUSH_TEXT(Instance& vm, Value*) {
  if (Output* file = vm.files.selected_out()) return file->flush() || vm.fail(RtError::FileWrite);
  return vm.out.flush() || vm.output_failed();
}

bool bi_TEXT_IN(Instance& vm, Value* r) {
  RtError err;
  return vm.files.select_in(r[0].i, &err) || vm.fail(err);
}

// ---- sets: a bitmap of ord values 0..255 in program memory

bool bi_SET_RANGE(Instance& vm, Value* r) {
  uint64_t addr = r[0].u;
  int64_t lo = r[1].i, hi = r[2].i;
  if (lo > hi) return true;  // [5..3] is empty
  if (lo < 0 || hi > 255) return vm.fail(RtError::ValueRange);
  if (!vm.mem.valid(addr, static_cast<uint64_t>(hi / 8 + 1))) return vm.fail(Memory::fault(addr));
  for (int64_t v = lo; v <= hi; v++) {
    uint64_t at = addr + static_cast<uint64_t>(v / 8);
    vm.mem.store<uint8_t>(at, static_cast<uint8_t>(vm.mem.load<uint8_t>(at) | (1u << (v % 8))));
  }
  return true;
}

// Sleeps the full time, even when an update wakes it meanwhile.
bool bi_SLEEP_MS(Instance& vm, Value* r) {
  if (!vm.out.flush()) return vm.output_failed();
  int64_t ms = r[0].i;
  if (ms <= 0) return true;
  constexpr int64_t kMaxMs = int64_t{1} << 40;  // keeps the deadline arithmetic in range
  return sleep_in_program(vm, monotonic_ns() + (ms < kMaxMs ? ms : kMaxMs) * 1000000);
}

}  // namespace

const BuiltinFn kBuiltins[kNumBuiltins] = {
#define BUILTIN(name, result, params, meaning) bi_##name,
#include "stdlib/builtins.def"
#undef BUILTIN
};

}  // namespace dvm
