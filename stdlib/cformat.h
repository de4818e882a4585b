// C's printf formatting, exactly as glibc does it: each conversion
// specification is parsed and validated here, then formatted by the host's
// snprintf (which is glibc's) with an argument of the type it expects.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace dvm {

class Instance;

namespace cfmt {

// Where formatted text goes.  put returns false to stop (the sink has
// recorded why: a runtime error or a quiet stop).
class Sink {
 public:
  virtual ~Sink() = default;
  virtual bool put(const char* p, size_t n) = 0;
};

// The widest field (width or precision) formatted; a wider one makes the
// call return -1, as glibc does when the output would exceed INT_MAX.
constexpr int64_t kMaxField = int64_t{1} << 24;

// Formats `fmt` with the variable arguments in the n 8-byte slots at `args`
// (the caller has checked that range).  Missing arguments read as 0.  On
// success *count is printf's result: the characters produced, or -1 when a
// field is too wide or the total exceeds INT_MAX.  Returns false after
// recording a runtime error (a bad %s or %n pointer) or when the sink stops.
bool format(Instance& vm, const std::string& fmt, uint64_t args, int64_t n, Sink& sink, int64_t* count);

}  // namespace cfmt
}  // namespace dvm
