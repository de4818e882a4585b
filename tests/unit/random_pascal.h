// Random Pascal programs for differential testing of machine code against
// the interpreter: integer arithmetic that wraps, reals (infinities and NaNs
// included), comparisons, loops, calls with value and var parameters,
// arrays, records and strings.  Every program terminates (loops are
// bounded); some end with a runtime error, which both engines must report
// alike.  The choices come from a Chooser: a seeded generator for tests, the
// fuzzer's bytes for the fuzz target.
#pragma once
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace dvm::randprog {

class Chooser {
 public:
  // A seeded generator (splitmix64).
  explicit Chooser(uint64_t seed) : state_(seed) {}
  // The bytes decide (then zeros: the smallest choices).
  Chooser(const uint8_t* data, size_t size) : data_(data), size_(size), from_bytes_(true) {}

  // A number in [0, n).
  uint32_t below(uint32_t n) {
    if (n <= 1) return 0;
    uint64_t v;
    if (from_bytes_) {
      v = 0;
      for (int i = 0; i < 4; i++) v = v << 8 | (at_ < size_ ? data_[at_++] : 0);
    } else {
      v = next();
    }
    return static_cast<uint32_t>(v % n);
  }
  bool chance(uint32_t percent) { return below(100) < percent; }
  int64_t any64() {
    uint64_t hi = below(1u << 31), lo = below(1u << 31);
    return static_cast<int64_t>(hi << 33 ^ lo << 2 ^ below(4));
  }

 private:
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  uint64_t state_ = 0;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0, at_ = 0;
  bool from_bytes_ = false;
};

class Generator {
 public:
  explicit Generator(Chooser& c) : c_(c) {}

  std::string program() {
    std::string s = "program rnd;\n"
                    "type rec = record a: integer; b: real; s: string end;\n"
                    "  plist = ^lnode; lnode = record v: integer; next: plist end;\n"
                    "var i0, i1, i2, i3, w0, w1: integer; r0, r1, r2: real; s0, s1: string; b0: boolean;\n"
                    "  ai: array[0..15] of integer; ar: array[0..7] of real; rc: rec; rs: array[0..3] of rec; hd, pp: plist;\n";
    // Functions see their parameters, a local and the globals.
    scope_ = Scope::Function;
    s += "function fi(x, y: integer): integer;\nvar t: integer;\nbegin\n  t := " + iexpr(2) + ";\n";
    for (uint32_t k = c_.below(3); k > 0; k--) s += "  " + statement(1) + ";\n";
    s += "  fi := " + iexpr(3) + "\nend;\n";
    scope_ = Scope::RealFunction;
    s += "function fr(x: real; n: integer): real;\nbegin\n  if n > 0 then fr := fr(x * 0.5 + 1.0, n - 1) else fr := " +
         rexpr(2) + "\nend;\n";
    scope_ = Scope::Main;  // (pv's body uses only globals and its own parameters)
    s += "procedure pv(var v: integer; t: string);\nbegin\n  v := v + length(t) + " + iexpr(1) + ";\n  s1 := copy(t, 1, 3) + s1\nend;\n";
    scope_ = Scope::Main;
    s += "begin\n";
    s += "  i0 := " + literal() + "; i1 := " + literal() + "; i2 := " + literal() + "; i3 := " + literal() + ";\n";
    s += "  r0 := " + real_literal() + "; r1 := " + real_literal() + "; r2 := 0.0;\n";
    s += "  s0 := 'abc'; s1 := 'xyz'; b0 := false; rc.a := 1; rc.b := 2.5; rc.s := 'q'; hd := nil;\n";
    s += "  for w0 := 0 to 15 do ai[w0] := w0 * " + literal() + ";\n";
    s += "  for w0 := 0 to 7 do ar[w0] := w0 * 1.25;\n";
    s += "  for w0 := 0 to 3 do begin rs[w0].a := w0; rs[w0].b := w0 / 3; rs[w0].s := chr(97 + w0) end;\n";
    for (uint32_t k = 4 + c_.below(8); k > 0; k--) s += "  " + statement(3) + ";\n";
    s += "  writeln(i0, ' ', i1, ' ', i2, ' ', i3, ' ', b0);\n";
    s += "  writeln(r0, ' ', r1:0:3, ' ', r2);\n";
    s += "  writeln(s0, '|', length(s1), '|', rc.a, ' ', rc.b:0:2, ' ', rc.s);\n";
    s += "  for w0 := 0 to 15 do write(ai[w0], ' ');\n  writeln;\n";
    s += "  for w0 := 0 to 3 do write(rs[w0].a, rs[w0].s, ' ');\n  writeln;\n";
    s += "  while hd <> nil do begin pp := hd; hd := hd^.next; write(pp^.v, ' '); dispose(pp) end;\n  writeln\n";
    s += "end.\n";
    return s;
  }

 private:
  enum class Scope { Function, RealFunction, Main };
  Chooser& c_;
  Scope scope_ = Scope::Main;
  int loops_ = 0;

  std::string pick(std::initializer_list<const char*> options) {
    std::vector<const char*> v(options);
    return v[c_.below(static_cast<uint32_t>(v.size()))];
  }
  std::string literal() {
    switch (c_.below(6)) {
      case 0: return std::to_string(c_.below(10));
      case 1: return "-" + std::to_string(c_.below(1000) + 1);
      case 2: return std::to_string(c_.below(100000));
      case 3: return pick({"9223372036854775807", "maxint", "4611686018427387904", "2147483647", "4294967296"});
      case 4: return "(-9223372036854775807 - 1)";
      default: {
        int64_t v = c_.any64();
        return v < 0 ? "(" + std::to_string(v) + ")" : std::to_string(v);
      }
    }
  }
  std::string real_literal() {
    return pick({"0.0", "1.5", "-2.25", "1e300", "-1e-300", "3.141592653589793", "0.1", "1e18", "-7.0"});
  }
  std::string index(int mask) { return "(" + small_iexpr() + ") and " + std::to_string(mask); }
  std::string small_iexpr() {
    std::string v = pick({"i0", "i1", "i2", "i3", "w1", "rc.a"});
    return c_.chance(50) ? "(" + v + " + " + std::to_string(c_.below(20)) + ")" : v;
  }
  std::string int_lvalue() {
    if (scope_ == Scope::Function && c_.chance(40)) return pick({"x", "y", "t"});
    if (scope_ == Scope::RealFunction && c_.chance(40)) return "n";
    switch (c_.below(7)) {
      case 0: return "i0";
      case 1: return "i1";
      case 2: return "i2";
      case 3: return "i3";
      case 4: return "ai[" + index(15) + "]";
      case 5: return "rc.a";
      default: return "rs[" + index(3) + "].a";
    }
  }
  std::string real_lvalue() {
    switch (c_.below(5)) {
      case 0: return "r0";
      case 1: return "r1";
      case 2: return "r2";
      case 3: return "ar[" + index(7) + "]";
      default: return c_.chance(50) ? "rc.b" : "rs[" + index(3) + "].b";
    }
  }
  std::string str_lvalue() { return pick({"s0", "s1", "rc.s"}); }

  std::string iexpr(int depth) {
    if (depth <= 0 || c_.chance(25)) return c_.chance(40) ? literal() : int_lvalue();
    std::string a = iexpr(depth - 1), b = iexpr(depth - 1);
    switch (c_.below(16)) {
      case 0: return "(" + a + " + " + b + ")";
      case 1: return "(" + a + " - " + b + ")";
      case 2: return "(" + a + " * " + b + ")";
      case 3: return "(" + a + " div ((" + b + " and 7) + 1))";
      case 4: return "(" + a + " mod ((" + b + " and 15) + 1))";
      case 5: return "(" + a + " and " + b + ")";
      case 6: return "(" + a + " or " + b + ")";
      case 7: return "(" + a + " xor " + b + ")";
      case 8: return "(" + a + " shl (" + b + " and 63))";
      case 9: return "(" + a + " shr (" + b + " and 63))";
      case 10: return "(-(" + a + "))";
      case 11: return "abs(" + a + ")";
      case 12: return "length(" + sexpr(1) + ")";
      case 13:  // (t xor b may be 0: an error both must raise)
        if (scope_ == Scope::Main) return "fi(" + a + ", " + b + ")";
        return scope_ == Scope::Function && c_.chance(30) ? "(" + a + " div (t xor " + b + "))" : "(" + a + (scope_ == Scope::Function ? " - t)" : " - n)");
      case 14: return "trunc(" + rexpr(depth - 1) + ")";
      default: return "ord(" + bexpr(depth - 1) + ")";
    }
  }
  std::string rexpr(int depth) {
    if (depth <= 0 || c_.chance(25)) {
      if (c_.chance(30)) return real_literal();
      if (scope_ == Scope::RealFunction && c_.chance(30)) return "x";
      return real_lvalue();
    }
    std::string a = rexpr(depth - 1), b = rexpr(depth - 1);
    switch (c_.below(10)) {
      case 0: return "(" + a + " + " + b + ")";
      case 1: return "(" + a + " - " + b + ")";
      case 2: return "(" + a + " * " + b + ")";
      case 3: return "(" + a + " / (abs(" + b + ") + 1.0))";
      case 4: return "(" + iexpr(depth - 1) + " + 0.5)";
      case 5: return "sqrt(abs(" + a + "))";
      case 6: return "(-(" + a + "))";
      case 7: return scope_ == Scope::Main ? "fr(" + a + ", " + std::to_string(c_.below(4)) + ")" : "(" + a + " * 2.0)";
      case 8:  // a zero divisor is an error both must raise
        return c_.chance(30) ? "(" + a + " / (r2 - " + b + "))" : "(" + a + " * 0.75)";
      default: return "abs(" + a + ")";
    }
  }
  std::string bexpr(int depth) {
    if (depth <= 0 || c_.chance(20)) return c_.chance(50) ? "b0" : pick({"true", "false"});
    switch (c_.below(8)) {
      case 0: return "(" + iexpr(depth - 1) + " " + pick({"<", "<=", "=", "<>", ">", ">="}) + " " + iexpr(depth - 1) + ")";
      case 1: return "(" + rexpr(depth - 1) + " " + pick({"<", "<=", "=", "<>", ">", ">="}) + " " + rexpr(depth - 1) + ")";
      case 2: return "(" + sexpr(1) + " " + pick({"<", "=", "<>", ">="}) + " " + sexpr(1) + ")";
      case 3: return "odd(" + iexpr(depth - 1) + ")";
      case 4: return "(not " + bexpr(depth - 1) + ")";
      case 5: return "(" + bexpr(depth - 1) + " and " + bexpr(depth - 1) + ")";
      case 6: return "(" + bexpr(depth - 1) + " or " + bexpr(depth - 1) + ")";
      default: return "(" + iexpr(depth - 1) + " < 0)";
    }
  }
  std::string sexpr(int depth) {
    if (depth <= 0 || c_.chance(30)) return c_.chance(30) ? pick({"''", "'a'", "'hello'", "'x y'"}) : str_lvalue();
    switch (c_.below(5)) {
      case 0: return "(" + sexpr(depth - 1) + " + " + sexpr(depth - 1) + ")";
      case 1: return "copy(" + sexpr(depth - 1) + ", " + std::to_string(c_.below(4)) + ", " + std::to_string(c_.below(5)) + ")";
      case 2: return "('' + chr(65 + (" + small_iexpr() + " and 25)))";
      case 3:
        if (c_.chance(25)) return "('' + " + str_lvalue() + "[1 + (" + small_iexpr() + " and 3)])";  // may index past the end
        return "copy(" + str_lvalue() + ", 1 + (" + small_iexpr() + " and 3), 1)";
      default: return str_lvalue();
    }
  }

  std::string statement(int depth) {
    uint32_t kinds = depth > 0 ? 17 : 7;
    switch (c_.below(kinds)) {
      case 0:
      case 1: return int_lvalue() + " := " + iexpr(3);
      case 2: return real_lvalue() + " := " + rexpr(3);
      case 3: return str_lvalue() + " := " + sexpr(2);
      case 4: return "b0 := " + bexpr(2);
      case 5: return pick({"inc(", "dec("}) + pick({"i0", "i1", "i2", "i3"}) + ")";
      case 6: return scope_ == Scope::Main ? "writeln(" + iexpr(2) + ", ' ', " + rexpr(1) + ":0:4, ' ', " + sexpr(1) + ")"
                                           : "t := t + 1";
      case 7:
      case 8: return "if " + bexpr(2) + " then " + statement(depth - 1) + (c_.chance(50) ? " else " + statement(depth - 1) : "");
      case 9: {
        if (scope_ != Scope::Main || loops_ > 1) return "i3 := i3 + 1";
        loops_++;
        std::string var = loops_ == 1 ? "w0" : "w1";
        std::string s = "for " + var + " := " + std::to_string(c_.below(3)) + " to " + std::to_string(c_.below(12)) +
                        " do begin " + statement(depth - 1) + "; " + statement(depth - 1) + " end";
        loops_--;
        return s;
      }
      case 10: {
        if (scope_ != Scope::Main || loops_ > 1) return "i2 := i2 xor 5";
        loops_++;
        std::string var = loops_ == 1 ? "w0" : "w1";
        std::string s = "begin " + var + " := 0; while (" + var + " < " + std::to_string(c_.below(20)) + ") and " + bexpr(1) +
                        " do begin " + statement(depth - 1) + "; " + var + " := " + var + " + 1 end end";
        loops_--;
        return s;
      }
      case 11: return scope_ == Scope::Main ? "pv(" + pick({"i0", "i1", "i2", "i3"}) + ", " + sexpr(1) + ")" : "t := -t";
      case 12: return "case " + iexpr(2) + " and 3 of 0: " + statement(depth - 1) + "; 1..2: " + statement(depth - 1) +
                      " else " + statement(depth - 1) + " end";
      case 13:  // a list node taken from the heap (machine code's own allocation)
        if (scope_ != Scope::Main) return "i1 := i1 + 2";
        return "begin new(pp); pp^.v := " + iexpr(1) + "; pp^.next := hd; hd := pp end";
      case 14:
        if (scope_ != Scope::Main) return "i0 := i0 - 1";
        return "if hd <> nil then begin pp := hd; hd := hd^.next; i0 := i0 + pp^.v; dispose(pp) end";
      case 15:  // appended in place when it can be, kept short
        return "begin " + std::string(pick({"s0", "s1"})) + " := " + pick({"s0", "s1"}) + " + " + sexpr(1) +
               "; if length(s0) > 40 then s0 := copy(s0, 3, 9); if length(s1) > 40 then s1 := copy(s1, 2, 7) end";
      default: return "begin " + statement(depth - 1) + "; " + statement(depth - 1) + " end";
    }
  }
};

inline std::string random_pascal_program(Chooser& c) { return Generator(c).program(); }

}  // namespace dvm::randprog
