// printf formatting (see cformat.h).  The parser follows glibc's
// (stdio-common/printf-parse*.h): flags, width or '*', '.' and precision or
// '*', a length modifier, the conversion.  Known conversions go to the host's
// snprintf one at a time with exactly that specification (the length modifier
// adjusted to the host type the value is passed as); unknown ones are echoed
// as glibc's printf_unknown does.
#include "stdlib/cformat.h"

#include <climits>
#include <cstdio>
#include <cstring>

#include "stdlib/clib.h"
#include "vm/instance.h"

namespace dvm::cfmt {
namespace {

// One conversion specification, as parsed.
struct Spec {
  std::string flags;      // as written, in order ("-+ #0'I")
  bool width_star = false;
  int64_t width = 0;      // digits (saturated above kMaxField)
  bool has_prec = false;
  bool prec_star = false;
  int64_t prec = 0;       // digits after '.' (none: 0)
  std::string length;     // "", hh, h, l, ll, L, q, j, z, Z, t
  char conv = 0;          // '\0' when the format ends inside the specification
};

bool is_flag(char c) { return std::strchr("-+ #0'I", c) != nullptr && c != 0; }

// Digits of a width or precision, saturated so absurd ones stay detectable.
int64_t read_number(const std::string& f, size_t* i) {
  int64_t v = 0;
  while (*i < f.size() && f[*i] >= '0' && f[*i] <= '9') {
    v = v > kMaxField ? v : v * 10 + (f[*i] - '0');
    ++*i;
  }
  return v;
}

// Parses the specification after a '%' at f[*i]; leaves *i after it.
Spec parse_spec(const std::string& f, size_t* i) {
  Spec s;
  while (*i < f.size() && is_flag(f[*i])) s.flags += f[(*i)++];
  if (*i < f.size() && f[*i] == '*') {
    s.width_star = true;
    ++*i;
  } else {
    s.width = read_number(f, i);
  }
  if (*i < f.size() && f[*i] == '.') {
    s.has_prec = true;
    ++*i;
    if (*i < f.size() && f[*i] == '*') {
      s.prec_star = true;
      ++*i;
    } else {
      s.prec = read_number(f, i);
    }
  }
  if (*i < f.size() && f[*i] != 0 && std::strchr("hlLqjzZt", f[*i])) {
    char c = f[(*i)++];
    s.length = c;
    if ((c == 'h' || c == 'l') && *i < f.size() && f[*i] == c) s.length += f[(*i)++];  // hh, ll
  }
  if (*i < f.size()) s.conv = f[(*i)++];
  return s;
}

// The variable arguments: n 8-byte slots (already range-checked).
class ArgReader {
 public:
  ArgReader(const Instance& vm, uint64_t addr, int64_t n) : vm_(vm), addr_(addr), n_(n) {}
  uint64_t next() {
    if (i_ >= n_) return 0;
    return vm_.mem.load<uint64_t>(addr_ + 8 * static_cast<uint64_t>(i_++));
  }

 private:
  const Instance& vm_;
  uint64_t addr_;
  int64_t n_;
  int64_t i_ = 0;
};

template <typename T>
int host_snprintf(char* buf, size_t size, const char* spec, const int* stars, int nstars, T v) {
  switch (nstars) {
    case 0: return std::snprintf(buf, size, spec, v);
    case 1: return std::snprintf(buf, size, spec, stars[0], v);
    default: return std::snprintf(buf, size, spec, stars[0], stars[1], v);
  }
}

class Formatter {
 public:
  Formatter(Instance& vm, uint64_t args, int64_t n, Sink& sink) : vm_(vm), args_(vm, args, n), sink_(sink) {}

  bool run(const std::string& f, int64_t* count) {
    size_t i = 0;
    while (i < f.size() && !overflow_) {
      size_t pct = f.find('%', i);
      size_t end = pct == std::string::npos ? f.size() : pct;
      if (end > i && !put(f.data() + i, end - i)) return false;
      if (pct == std::string::npos) break;
      i = pct + 1;
      Spec s = parse_spec(f, &i);
      if (!conversion(s)) return false;
    }
    *count = overflow_ || total_ > INT_MAX ? -1 : total_;
    return true;
  }

 private:
  bool put(const char* p, size_t n) {
    total_ += static_cast<int64_t>(n);
    return sink_.put(p, n);
  }

  // Reads the '*' arguments (ints, in order) and builds the host's
  // specification with the given length modifier.  False when a field is
  // too wide: the caller returns true and run() stops with -1.
  bool prepare(const Spec& s, const char* host_length) {
    nstars_ = 0;
    spec_ = "%" + s.flags;
    if (s.width_star) {
      stars_[nstars_] = static_cast<int>(args_.next());
      if (static_cast<int64_t>(stars_[nstars_]) > kMaxField || static_cast<int64_t>(stars_[nstars_]) < -kMaxField)
        return overflow_ = true, false;
      nstars_++;
      spec_ += '*';
    } else if (s.width > 0) {
      if (s.width > kMaxField) return overflow_ = true, false;
      spec_ += std::to_string(s.width);
    }
    if (s.has_prec) {
      spec_ += '.';
      if (s.prec_star) {
        stars_[nstars_] = static_cast<int>(args_.next());
        if (stars_[nstars_] > kMaxField) return overflow_ = true, false;
        nstars_++;
        spec_ += '*';
      } else {
        if (s.prec > kMaxField) return overflow_ = true, false;
        spec_ += std::to_string(s.prec);
      }
    }
    spec_ += host_length;
    spec_ += s.conv;
    return true;
  }

  template <typename T>
  bool emit(T v) {
    char small[256];
    int n = host_snprintf(small, sizeof small, spec_.c_str(), stars_, nstars_, v);
    if (n < 0) return overflow_ = true, true;  // (an encoding error: printf returns -1)
    if (static_cast<size_t>(n) < sizeof small) return put(small, static_cast<size_t>(n));
    std::string big(static_cast<size_t>(n) + 1, '\0');
    host_snprintf(&big[0], big.size(), spec_.c_str(), stars_, nstars_, v);
    return put(big.data(), static_cast<size_t>(n));
  }

  bool conversion(const Spec& s) {
    switch (s.conv) {
      case 'd':
      case 'i':
        return integer(s, true);
      case 'u':
      case 'o':
      case 'x':
      case 'X':
      case 'b':  // binary, which glibc 2.35 and later print
      case 'B':
        return integer(s, false);
      case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A': {
        if (!prepare(s, "")) return true;
        uint64_t bits = args_.next();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return emit(d);
      }
      case 'c':
        if (!prepare(s, "")) return true;
        return emit(static_cast<int>(args_.next()));
      case 'p':
        if (!prepare(s, "")) return true;
        return emit(reinterpret_cast<void*>(static_cast<uintptr_t>(args_.next())));
      case 's':
        return string(s);
      case '%':
        if (!prepare(s, "")) return true;
        return emit(0);  // the host ignores the extra argument
      case 'n':
        return store_count(s);
      default:
        return unknown(s);
    }
  }

  // hh and h go to the host as such (it narrows the int as glibc does);
  // every longer modifier names a 64-bit type here.
  bool integer(const Spec& s, bool is_signed) {
    bool wide = !(s.length.empty() || s.length == "h" || s.length == "hh");
    if (!prepare(s, wide ? "ll" : s.length.c_str())) return true;
    uint64_t v = args_.next();
    if (wide) return is_signed ? emit(static_cast<long long>(v)) : emit(static_cast<unsigned long long>(v));
    return is_signed ? emit(static_cast<int>(v)) : emit(static_cast<unsigned>(v));
  }

  // A copy of the program's string (at most the precision's bytes); NULL
  // goes to the host as NULL, which prints "(null)" as glibc does.
  bool string(const Spec& s) {
    if (!prepare(s, "")) return true;
    uint64_t addr = args_.next();
    if (addr == 0) return emit(static_cast<const char*>(nullptr));
    int64_t limit = -1;
    if (s.has_prec) limit = s.prec_star ? stars_[nstars_ - 1] : s.prec;
    const char* p;
    uint64_t len;
    bool ok = limit >= 0 ? clib::c_string_upto(vm_, addr, static_cast<uint64_t>(limit), &p, &len)
                         : clib::c_string(vm_, addr, &p, &len);
    if (!ok) return false;
    std::string copy(p, len);
    return emit(copy.c_str());
  }

  bool store_count(const Spec& s) {
    uint64_t addr = args_.next();
    uint64_t size = s.length == "hh" ? 1 : s.length == "h" ? 2 : s.length.empty() ? 4 : 8;
    if (!clib::check_range(vm_, addr, size)) return false;
    std::memcpy(clib::host(vm_, addr), &total_, size);  // little-endian: the low bytes
    return true;
  }

  // glibc's printf_unknown: '%', the flags it understood in a fixed order,
  // the width, the precision and the character (none at the end of the format).
  bool unknown(const Spec& s) {
    bool left = s.flags.find('-') != std::string::npos;
    int64_t width = s.width, prec = s.has_prec ? s.prec : -1;
    if (s.width_star) {
      int w = static_cast<int>(args_.next());
      if (w < 0) left = true;
      width = w < 0 ? -static_cast<int64_t>(w) : w;
    }
    if (s.prec_star) {
      int p = static_cast<int>(args_.next());
      prec = p < 0 ? -1 : p;
    }
    auto has = [&](char c) { return s.flags.find(c) != std::string::npos; };
    std::string out = "%";
    if (has('#')) out += '#';
    if (has('\'')) out += '\'';
    if (has('+')) out += '+';
    else if (has(' ')) out += ' ';
    if (left) out += '-';
    if (has('0') && !left) out += '0';
    if (has('I')) out += 'I';
    if (width != 0) out += std::to_string(width);
    if (prec != -1) out += "." + std::to_string(prec);
    if (s.conv) out += s.conv;
    return put(out.data(), out.size());
  }

  Instance& vm_;
  ArgReader args_;
  Sink& sink_;
  std::string spec_;
  int stars_[2] = {0, 0};
  int nstars_ = 0;
  int64_t total_ = 0;
  bool overflow_ = false;
};

}  // namespace

bool format(Instance& vm, const std::string& fmt, uint64_t args, int64_t n, Sink& sink, int64_t* count) {
  return Formatter(vm, args, n, sink).run(fmt, count);
}

}  // namespace dvm::cfmt
