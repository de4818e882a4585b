// <stdio.h>: the printf family (formatting in cformat.cpp), scanf, and the
// character functions.  Standard output is the VM's buffered Output (so a
// broken pipe ends the program quietly, as SIGPIPE ends a gcc-built one);
// standard error is unbuffered; input goes through the VM's Input, so every
// blocking read waits in the one place an update can wake.
#include <errno.h>
#include <stdio.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>

#include "stdlib/cformat.h"
#include "stdlib/clib.h"
#include "vm/instance.h"

namespace dvm {
namespace {

using namespace clib;

constexpr int64_t kMaxArgs = int64_t{1} << 24;  // more 8-byte slots than any call passes

// The format string (copied: %n may write over it) and the argument slots.
bool format_inputs(Instance& vm, uint64_t fmt, uint64_t args, int64_t n, std::string* text) {
  const char* p;
  uint64_t len;
  if (!c_string(vm, fmt, &p, &len)) return false;
  text->assign(p, len);
  if (n < 0 || n > kMaxArgs) return vm.fail(RtError::BadAddress);
  return check_range(vm, args, 8 * static_cast<uint64_t>(n));
}

// Writes to a stream: standard output (a broken pipe stops the program
// quietly), standard error (its failures are ignored, as a C program ignores
// them) or a file (a failed write is a runtime error).
bool stream_write(Instance& vm, Output* out, const char* p, size_t n) {
  if (out == &vm.err) return vm.err.write(p, n), true;
  if (out == &vm.out) return vm.out.write(p, n) || vm.output_failed();
  return out->write(p, n) || vm.fail(RtError::FileWrite);
}

class StreamSink : public cfmt::Sink {
 public:
  StreamSink(Instance& vm, Output* out) : vm_(vm), out_(out) {}
  bool put(const char* p, size_t n) override { return stream_write(vm_, out_, p, n); }

 private:
  Instance& vm_;
  Output* out_;
};

// Program memory from `buf`: the first `room` characters are stored (each
// range checked), the rest only counted.
class MemorySink : public cfmt::Sink {
 public:
  MemorySink(Instance& vm, uint64_t buf, uint64_t room) : vm_(vm), buf_(buf), room_(room) {}
  bool put(const char* p, size_t n) override {
    uint64_t k = pos_ < room_ ? std::min<uint64_t>(n, room_ - pos_) : 0;
    if (k && !check_range(vm_, buf_ + pos_, k)) return false;
    if (k) std::memcpy(host(vm_, buf_ + pos_), p, k);
    pos_ += n;
    return true;
  }
  // The terminating NUL after what was stored.
  bool finish() {
    uint64_t at = buf_ + std::min(pos_, room_);
    if (!check_range(vm_, at, 1)) return false;
    *host(vm_, at) = '\0';
    return true;
  }

 private:
  Instance& vm_;
  uint64_t buf_, room_, pos_ = 0;
};

bool print_to_stream(Instance& vm, int64_t stream, uint64_t fmt, uint64_t args, int64_t n, Value* result) {
  Output* out = out_stream(vm, stream);
  if (!out) return false;
  std::string text;
  if (!format_inputs(vm, fmt, args, n, &text)) return false;
  StreamSink sink(vm, out);
  int64_t count = 0;
  if (!cfmt::format(vm, text, args, n, sink, &count)) return false;
  if (out == &vm.err) vm.err.flush();
  result->i = count;
  return true;
}

bool print_to_memory(Instance& vm, uint64_t buf, uint64_t room, bool terminate, uint64_t fmt, uint64_t args, int64_t n,
                     Value* result) {
  std::string text;
  if (!format_inputs(vm, fmt, args, n, &text)) return false;
  MemorySink sink(vm, buf, room);
  int64_t count = 0;
  if (!cfmt::format(vm, text, args, n, sink, &count)) return false;
  if (terminate && !sink.finish()) return false;
  result->i = count;
  return true;
}

bool write_out(Instance& vm, const char* p, size_t n) { return vm.out.write(p, n) || vm.output_failed(); }

}  // namespace

// ---- printf family

bool bi_PRINTF(Instance& vm, Value* r) { return print_to_stream(vm, kStdout, r[0].u, r[1].u, r[2].i, &r[n_PRINTF]); }

bool bi_FPRINTF(Instance& vm, Value* r) {
  return print_to_stream(vm, r[0].i, r[1].u, r[2].u, r[3].i, &r[n_FPRINTF]);
}

bool bi_SPRINTF(Instance& vm, Value* r) {
  return print_to_memory(vm, r[0].u, UINT64_MAX, true, r[1].u, r[2].u, r[3].i, &r[n_SPRINTF]);
}

// snprintf(buf, 0, ...) only counts: buf may be NULL then.
bool bi_SNPRINTF(Instance& vm, Value* r) {
  uint64_t size = r[1].u;
  return print_to_memory(vm, r[0].u, size ? size - 1 : 0, size != 0, r[2].u, r[3].u, r[4].i, &r[n_SNPRINTF]);
}

// ---- character output and input

bool bi_PUTS(Instance& vm, Value* r) {
  const char* p;
  uint64_t len;
  if (!c_string(vm, r[0].u, &p, &len)) return false;
  std::string line(p, len);  // copied: the write may not alias program memory that moves
  line += '\n';
  if (!write_out(vm, line.data(), line.size())) return false;
  r[n_PUTS].i = static_cast<int64_t>(std::min<uint64_t>(len + 1, INT_MAX));
  return true;
}

bool bi_PUTCHAR(Instance& vm, Value* r) {
  char c = static_cast<char>(r[0].u);
  if (!write_out(vm, &c, 1)) return false;
  r[n_PUTCHAR].i = static_cast<unsigned char>(c);
  return true;
}

bool bi_GETCHAR(Instance& vm, Value* r) {
  r[n_GETCHAR].i = vm.in.get();  // -1 at the end of input: EOF
  return true;
}

// ---- streams: stdin, stdout, stderr and the files fopen opened

namespace {

// A stream value that is no stream: one in the null page is a null pointer's
// dereference (as a NULL from a failed fopen would be in a gcc-built
// program), one of a closed file is a stream the library no longer has.
bool bad_stream(Instance& vm, int64_t stream) {
  if (stream >= kFirstFile && stream < 4096) return vm.fail(RtError::BadStream);
  return vm.fail(Memory::fault(static_cast<uint64_t>(stream)));
}

bool is_open_file(Instance& vm, int64_t stream) {
  int64_t h = stream - kFirstFile + 1;
  return stream >= kFirstFile && (vm.files.input(h) || vm.files.output(h));
}

}  // namespace

Input* clib::in_stream(Instance& vm, int64_t stream) {
  if (stream == kStdin) return &vm.in;
  if (Input* in = stream >= kFirstFile ? vm.files.input(stream - kFirstFile + 1) : nullptr) return in;
  if (stream == kStdout || stream == kStderr || is_open_file(vm, stream)) return vm.fail(RtError::FileNotOpenForReading), nullptr;
  return bad_stream(vm, stream), nullptr;
}

Output* clib::out_stream(Instance& vm, int64_t stream) {
  if (stream == kStdout) return &vm.out;
  if (stream == kStderr) return &vm.err;
  if (Output* out = stream >= kFirstFile ? vm.files.output(stream - kFirstFile + 1) : nullptr) return out;
  if (stream == kStdin || is_open_file(vm, stream)) return vm.fail(RtError::FileNotOpenForWriting), nullptr;
  return bad_stream(vm, stream), nullptr;
}

bool bi_FGETC(Instance& vm, Value* r) {
  Input* in = in_stream(vm, r[0].i);
  if (!in) return false;
  r[n_FGETC].i = in->get();
  return true;
}

bool bi_UNGETC(Instance& vm, Value* r) {
  int64_t c = r[0].i;
  Input* in = in_stream(vm, r[1].i);
  if (!in) return false;
  bool pushed = c != kEof && in->push_back(static_cast<unsigned char>(c));
  r[n_UNGETC].i = pushed ? static_cast<unsigned char>(c) : kEof;
  return true;
}

bool bi_FEOF(Instance& vm, Value* r) {
  int64_t s = r[0].i;
  if (s == kStdout || s == kStderr || (is_open_file(vm, s) && !vm.files.input(s - kFirstFile + 1)))
    return r[n_FEOF].i = 0, true;
  Input* in = in_stream(vm, s);
  if (!in) return false;
  r[n_FEOF].i = in->at_eof() ? 1 : 0;
  return true;
}

// Reads report no errors (an error ends input as its end does); a write
// error stops the program.
bool bi_FERROR(Instance& vm, Value* r) {
  int64_t s = r[0].i;
  if (s != kStdin && s != kStdout && s != kStderr && !is_open_file(vm, s)) return bad_stream(vm, s);
  r[n_FERROR].i = 0;
  return true;
}

bool bi_C_FOPEN(Instance& vm, Value* r) {
  const char *name, *mode;
  uint64_t name_len, mode_len;
  if (!c_string(vm, r[0].u, &name, &name_len) || !c_string(vm, r[1].u, &mode, &mode_len)) return false;
  std::string m(mode, mode_len);
  m.erase(std::remove(m.begin(), m.end(), 'b'), m.end());  // binary and text streams are the same here
  TextFiles::Mode how;
  if (m == "r") how = TextFiles::Mode::Read;
  else if (m == "w") how = TextFiles::Mode::Write;
  else if (m == "a") how = TextFiles::Mode::Append;
  else return r[n_C_FOPEN].i = -EINVAL, true;  // update modes ("r+") are not provided
  int error = 0;
  int64_t h = vm.files.open_stream(std::string(name, name_len), how, &vm.waiter, &vm.out, &error);
  r[n_C_FOPEN].i = h ? h + kFirstFile - 1 : -error;
  return true;
}

bool bi_C_FCLOSE(Instance& vm, Value* r) {
  int64_t s = r[0].i;
  if (s == kStdout || s == kStderr) {
    Output* out = out_stream(vm, s);
    if (out == &vm.out && !vm.out.flush()) return vm.output_failed();
    return r[n_C_FCLOSE].i = 0, true;
  }
  if (s == kStdin) return r[n_C_FCLOSE].i = 0, true;
  if (!is_open_file(vm, s)) return bad_stream(vm, s);
  r[n_C_FCLOSE].i = vm.files.close_stream(s - kFirstFile + 1) ? 0 : kEof;
  return true;
}

// fread/fwrite: whole elements only, as glibc counts them.  The buffer of
// n elements of `size` bytes: *total bytes, all in program memory (else the
// fault is recorded).
namespace {
bool element_bytes(Instance& vm, uint64_t buf, uint64_t size, uint64_t n, uint64_t* total) {
  *total = 0;
  if (size == 0 || n == 0) return true;
  if (n > UINT64_MAX / size || !check_range(vm, buf, size * n)) return vm.fail(Memory::fault(buf));
  *total = size * n;
  return true;
}
}  // namespace

bool bi_C_FREAD(Instance& vm, Value* r) {
  uint64_t buf = r[0].u, size = r[1].u, n = r[2].u;
  Input* in = in_stream(vm, r[3].i);
  if (!in) return false;
  r[n_C_FREAD].u = 0;
  uint64_t total;
  if (!element_bytes(vm, buf, size, n, &total)) return false;
  if (total == 0) return true;
  uint64_t got = 0;
  char* p = host(vm, buf);
  while (got < total) {
    int c = in->get();
    if (c < 0) break;
    p[got++] = static_cast<char>(c);
  }
  r[n_C_FREAD].u = got / size;
  return true;
}

bool bi_C_FWRITE(Instance& vm, Value* r) {
  uint64_t buf = r[0].u, size = r[1].u, n = r[2].u;
  Output* out = out_stream(vm, r[3].i);
  if (!out) return false;
  r[n_C_FWRITE].u = 0;
  uint64_t total;
  if (!element_bytes(vm, buf, size, n, &total)) return false;
  if (total == 0) return true;
  std::string bytes(host(vm, buf), total);  // copied: the write may not alias program memory that moves
  if (!stream_write(vm, out, bytes.data(), bytes.size())) return false;
  if (out == &vm.err) vm.err.flush();
  r[n_C_FWRITE].u = n;
  return true;
}

bool bi_C_FSEEK(Instance& vm, Value* r) {
  int64_t s = r[0].i;
  if (!is_open_file(vm, s)) {
    if (s == kStdin || s == kStdout || s == kStderr) return r[n_C_FSEEK].i = -1, true;  // not seekable here
    return bad_stream(vm, s);
  }
  r[n_C_FSEEK].i = vm.files.seek(s - kFirstFile + 1, r[1].i, static_cast<int>(r[2].i)) < 0 ? -1 : 0;
  return true;
}

bool bi_C_FTELL(Instance& vm, Value* r) {
  int64_t s = r[0].i;
  if (!is_open_file(vm, s)) {
    if (s == kStdin || s == kStdout || s == kStderr) return r[n_C_FTELL].i = -1, true;
    return bad_stream(vm, s);
  }
  r[n_C_FTELL].i = vm.files.tell(s - kFirstFile + 1);
  return true;
}

// remove and rename: names inside the sandbox, as fopen's.
bool bi_C_REMOVE(Instance& vm, Value* r) {
  const char* name;
  uint64_t len;
  if (!c_string(vm, r[0].u, &name, &len)) return false;
  std::string path(name, len);
  int error = sandbox_check(path);
  if (!error && ::remove(path.c_str()) != 0) error = errno;
  r[n_C_REMOVE].i = -error;
  return true;
}

bool bi_C_RENAME(Instance& vm, Value* r) {
  const char *from, *to;
  uint64_t from_len, to_len;
  if (!c_string(vm, r[0].u, &from, &from_len)) return false;
  std::string old_path(from, from_len);
  if (!c_string(vm, r[1].u, &to, &to_len)) return false;
  std::string new_path(to, to_len);
  int error = sandbox_check(old_path);
  if (!error) error = sandbox_check(new_path);
  if (!error && ::rename(old_path.c_str(), new_path.c_str()) != 0) error = errno;
  r[n_C_RENAME].i = -error;
  return true;
}

// glibc's fgets: n <= 0 gives NULL, n == 1 stores only the NUL; otherwise up
// to n - 1 characters through the first line break, NULL at once at the end
// of input.
bool bi_FGETS(Instance& vm, Value* r) {
  uint64_t buf = r[0].u;
  int64_t n = static_cast<int32_t>(r[1].u);
  Input* in = in_stream(vm, r[2].i);
  if (!in) return false;
  Value& result = r[n_FGETS];
  result.u = 0;
  if (n <= 0) return true;
  std::string line;
  while (static_cast<int64_t>(line.size()) < n - 1) {
    int c = in->get();
    if (c < 0) break;
    line.push_back(static_cast<char>(c));
    if (c == '\n') break;
  }
  if (line.empty() && n > 1) return true;
  if (!check_range(vm, buf, line.size() + 1)) return false;
  std::memcpy(host(vm, buf), line.c_str(), line.size() + 1);
  result.u = buf;
  return true;
}

// fflush(NULL) flushes every output stream; an input stream is left as it
// is (glibc's fflush(stdin) on a pipe or terminal does nothing).
bool bi_FFLUSH(Instance& vm, Value* r) {
  int64_t stream = r[0].i;
  r[n_FFLUSH].i = 0;
  if (stream == 0) {
    vm.err.flush();
    vm.files.flush_all();
    return vm.out.flush() || vm.output_failed();
  }
  if (stream == kStdin) return true;
  if (is_open_file(vm, stream) && !vm.files.output(stream - kFirstFile + 1)) return true;
  Output* out = out_stream(vm, stream);
  if (!out) return false;
  if (out == &vm.out) return vm.out.flush() || vm.output_failed();
  if (out == &vm.err) return vm.err.flush(), true;
  return out->flush() || vm.fail(RtError::FileWrite);
}

bool bi_C_EXIT_FLUSH(Instance& vm, Value*) {
  vm.err.flush();
  return vm.out.flush() || vm.output_failed();
}

// ---- scanf

namespace {

bool is_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

// One scanf call, written after glibc's vfscanf: `inchar` reads a character
// (counted for %n), `ungetc` puts the last one back; a matching failure
// returns the assignments so far, an input failure (end of input) returns
// EOF when nothing was assigned yet.
class Scanner {
 public:
  // Reads standard input, or `text` (sscanf).
  Scanner(Instance& vm, uint64_t args, int64_t n, const std::string* text) : vm_(vm), args_(args), n_(n), text_(text) {}
  // Reads a stream (scanf, fscanf).
  Scanner(Instance& vm, uint64_t args, int64_t n, Input* in) : vm_(vm), args_(args), n_(n), in_(in) {}

  // False after a runtime error (a bad destination pointer).
  bool run(const std::string& f, int64_t* result) {
    outcome_ = Outcome::Done;
    size_t i = 0;
    while (i < f.size() && outcome_ == Outcome::Done) {
      char fc = f[i++];
      if (is_space(static_cast<unsigned char>(fc))) {
        skip_space_ = true;
        continue;
      }
      if (fc != '%') {
        literal(fc);
        continue;
      }
      if (!directive(f, &i)) return false;
    }
    if (outcome_ == Outcome::Done && skip_space_) eat_space();
    *result = outcome_ == Outcome::InputFailure && done_ == 0 ? kEof : done_;
    return true;
  }

 private:
  enum class Outcome { Done, MatchFailure, InputFailure };

  int inchar() {
    if (text_) c_ = text_pos_ < text_->size() ? static_cast<unsigned char>((*text_)[text_pos_++]) : -1;
    else c_ = in_->get();
    if (c_ >= 0) read_++;
    return c_;
  }
  void ungetc() {
    if (c_ < 0) return;
    if (text_) text_pos_--;
    else in_->unget();
    read_--;
  }
  void eat_space() {
    while (is_space(inchar())) {
    }
    ungetc();
    skip_space_ = false;
  }
  void input_failure() { outcome_ = Outcome::InputFailure; }
  void match_failure() { outcome_ = Outcome::MatchFailure; }

  // An ordinary character of the format must come next (after blanks when
  // the format had some before it).
  void literal(char fc) {
    if (inchar() < 0) return input_failure();
    if (skip_space_) {
      while (is_space(c_))
        if (inchar() < 0) return input_failure();
      skip_space_ = false;
    }
    if (c_ != static_cast<unsigned char>(fc)) {
      ungetc();
      match_failure();
    }
  }

  uint64_t next_arg() {
    if (arg_ >= n_) return 0;
    return vm_.mem.load<uint64_t>(args_ + 8 * static_cast<uint64_t>(arg_++));
  }

  // Stores `size` bytes of v (little-endian: its low bytes) at the next pointer.
  bool store(const void* v, uint64_t size) {
    uint64_t addr = next_arg();
    if (!check_range(vm_, addr, size)) return false;
    std::memcpy(host(vm_, addr), v, size);
    return true;
  }

  bool directive(const std::string& f, size_t* i) {
    bool suppress = false;
    if (*i < f.size() && f[*i] == '*') {
      suppress = true;
      ++*i;
    }
    int64_t width = 0;  // none (or 0): -1, unlimited
    while (*i < f.size() && f[*i] >= '0' && f[*i] <= '9') width = std::min<int64_t>(width * 10 + (f[(*i)++] - '0'), INT_MAX);
    if (width == 0) width = -1;
    std::string length;
    if (*i < f.size() && std::strchr("hlLqjzt", f[*i]) && f[*i]) {
      char c = f[(*i)++];
      length = c;
      if ((c == 'h' || c == 'l') && *i < f.size() && f[*i] == c) length += f[(*i)++];
    }
    char conv = *i < f.size() ? f[(*i)++] : '\0';
    if (skip_space_ || (conv != 'c' && conv != 'n' && conv != '[')) eat_space();
    switch (conv) {
      case '%': return percent();
      case 'd': return integer(width, length, suppress, 10, true);
      case 'i': return integer(width, length, suppress, 0, true);
      case 'u': return integer(width, length, suppress, 10, false);
      case 'o': return integer(width, length, suppress, 8, false);
      case 'x':
      case 'X': return integer(width, length, suppress, 16, false);
      case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
        return real(width, length, suppress);
      case 's': return word(width, suppress);
      case 'c': return chars(width, suppress);
      case '[': return scanset(f, i, width, suppress);
      case 'n': return suppress || store_count(length);
      default:  // unsupported: stop as at a matching failure
        return match_failure(), true;
    }
  }

  bool percent() {
    if (inchar() < 0) return input_failure(), true;
    if (c_ != '%') {
      ungetc();
      match_failure();
    }
    return true;
  }

  bool store_count(const std::string& length) {
    int64_t v = read_;
    return store(&v, int_size(length));
  }

  static uint64_t int_size(const std::string& length) {
    if (length == "hh") return 1;
    if (length == "h") return 2;
    return length.empty() ? 4 : 8;
  }

  static bool is_digit_of(int c, int base) {
    if (base == 16) return std::isxdigit(c) != 0;
    return c >= '0' && c < '0' + base;
  }

  // Sign, base prefix, digits; then strtol/strtoul on what was read.
  bool integer(int64_t width, const std::string& length, bool suppress, int base, bool is_signed) {
    std::string buf;
    if (inchar() < 0) return input_failure(), true;
    if (c_ == '-' || c_ == '+') {
      buf += static_cast<char>(c_);
      if (width > 0) --width;
      inchar();
    }
    if (width != 0 && c_ == '0') {
      if (width > 0) --width;
      buf += '0';
      inchar();
      if (width != 0 && lower(c_) == 'x') {
        if (base == 0) base = 16;
        if (base == 16) {
          if (width > 0) --width;
          inchar();
        }
      } else if (base == 0) {
        base = 8;
      }
    }
    if (base == 0) base = 10;
    while (c_ >= 0 && width != 0 && is_digit_of(c_, base)) {
      buf += static_cast<char>(c_);
      if (width > 0) --width;
      inchar();
    }
    ungetc();
    if (buf.empty() || buf == "-" || buf == "+") return match_failure(), true;
    if (suppress) return true;
    uint64_t v = is_signed ? static_cast<uint64_t>(std::strtoll(buf.c_str(), nullptr, base))
                           : static_cast<uint64_t>(std::strtoull(buf.c_str(), nullptr, base));
    if (!store(&v, int_size(length))) return false;
    done_++;
    return true;
  }

  // Reads the rest of "nan", "inf" or "infinity" (the first letter is in
  // buf); false on a mismatch, which consumes the mismatching character as
  // glibc does.
  bool special(std::string* buf, int64_t* width, const char* rest) {
    for (const char* p = rest; *p; p++) {
      if (*width == 0 || inchar() < 0 || lower(c_) != *p) return false;
      if (*width > 0) --*width;
      *buf += static_cast<char>(c_);
    }
    return true;
  }

  // The characters of a floating-point number, as glibc collects them; a
  // hexadecimal prefix without digits is a matching failure.
  bool real_token(std::string* buf, int64_t width) {
    bool sign = c_ == '-' || c_ == '+';
    if (sign) {
      *buf += static_cast<char>(c_);
      if (width == 0 || inchar() < 0) return false;
      if (width > 0) --width;
    }
    if (lower(c_) == 'n') {
      *buf += static_cast<char>(c_);
      return special(buf, &width, "an");
    }
    if (lower(c_) == 'i') {
      *buf += static_cast<char>(c_);
      if (!special(buf, &width, "nf")) return false;
      if (width != 0 && inchar() >= 0) {
        if (lower(c_) != 'i') return ungetc(), true;
        if (width > 0) --width;
        *buf += static_cast<char>(c_);
        return special(buf, &width, "nity");
      }
      return true;
    }
    bool got_digit = false, got_dot = false, got_e = false, hex = false;
    char exp_char = 'e';
    if (width != 0 && c_ == '0') {
      *buf += '0';
      inchar();
      if (width > 0) --width;
      if (width != 0 && lower(c_) == 'x') {
        *buf += static_cast<char>(c_);
        hex = true;
        exp_char = 'p';
        inchar();
        if (width > 0) --width;
      } else {
        got_digit = true;
      }
    }
    for (;;) {
      if (c_ >= '0' && c_ <= '9') {
        *buf += static_cast<char>(c_);
        got_digit = true;
      } else if (!got_e && hex && std::isxdigit(c_)) {
        *buf += static_cast<char>(c_);
        got_digit = true;
      } else if (got_e && buf->back() == exp_char && (c_ == '-' || c_ == '+')) {
        *buf += static_cast<char>(c_);
      } else if (got_digit && !got_e && lower(c_) == exp_char) {
        *buf += exp_char;
        got_e = got_dot = true;
      } else if (!got_dot && c_ == '.') {
        *buf += '.';
        got_dot = true;
      } else {
        ungetc();
        break;
      }
      if (width == 0 || inchar() < 0) break;
      if (width > 0) --width;
    }
    return !(hex && buf->size() == 2u + sign);
  }

  bool real(int64_t width, const std::string& length, bool suppress) {
    if (inchar() < 0) return input_failure(), true;
    if (width > 0) --width;
    std::string buf;
    if (!real_token(&buf, width)) return match_failure(), true;
    char* end = nullptr;
    double d = std::strtod(buf.c_str(), &end);
    if (end == buf.c_str()) return match_failure(), true;
    if (suppress) return true;
    bool ok;
    if (length == "l" || length == "L" || length == "ll") {
      ok = store(&d, 8);
    } else {
      float f = std::strtof(buf.c_str(), nullptr);  // rounded once, as glibc's %f
      ok = store(&f, 4);
    }
    if (!ok) return false;
    done_++;
    return true;
  }

  // %s: a run of non-blank characters.
  bool word(int64_t width, bool suppress) {
    if (inchar() < 0) return input_failure(), true;
    std::string buf;
    do {
      if (is_space(c_)) {
        ungetc();
        break;
      }
      buf += static_cast<char>(c_);
    } while (--width != 0 && inchar() >= 0);
    if (suppress) return true;
    if (!store(buf.c_str(), buf.size() + 1)) return false;
    done_++;
    return true;
  }

  // %[set] and %[^set]: the longest run (at most width) of characters in the
  // set (a ] first is a member; a-z a range, a - first or last itself).
  bool scanset(const std::string& f, size_t* i, int64_t width, bool suppress) {
    bool member[256] = {};
    bool negate = *i < f.size() && f[*i] == '^';
    if (negate) ++*i;
    const size_t first = *i;
    for (; *i < f.size() && (f[*i] != ']' || *i == first); ++*i) {
      unsigned char c = static_cast<unsigned char>(f[*i]);
      if (c == '-' && *i > first && *i + 1 < f.size() && f[*i + 1] != ']') {
        unsigned char lo = static_cast<unsigned char>(f[*i - 1]), hi = static_cast<unsigned char>(f[*i + 1]);
        for (int k = lo; k <= hi; k++) member[k] = true;
        ++*i;
        continue;
      }
      member[c] = true;
    }
    if (*i >= f.size()) return match_failure(), true;  // no closing ]
    ++*i;
    if (inchar() < 0) return input_failure(), true;
    std::string buf;
    while (c_ >= 0 && member[c_] != negate) {
      buf += static_cast<char>(c_);
      if (--width == 0) break;
      inchar();
    }
    if (c_ >= 0 && member[c_] == negate) ungetc();
    if (buf.empty()) return match_failure(), true;
    if (suppress) return true;
    if (!store(buf.c_str(), buf.size() + 1)) return false;
    done_++;
    return true;
  }

  // %c: exactly width characters (1 by default), blanks included.
  bool chars(int64_t width, bool suppress) {
    if (width < 0) width = 1;
    if (inchar() < 0) return input_failure(), true;
    std::string buf;
    do buf += static_cast<char>(c_);
    while (--width > 0 && inchar() >= 0);
    if (suppress) return true;
    if (!store(buf.data(), buf.size())) return false;
    done_++;
    return true;
  }

  Instance& vm_;
  uint64_t args_;
  int64_t n_;
  const std::string* text_ = nullptr;
  Input* in_ = nullptr;
  size_t text_pos_ = 0;
  int64_t arg_ = 0;
  int c_ = 0;             // the last character read (-1: end of input)
  int64_t read_ = 0;      // characters consumed, for %n
  int64_t done_ = 0;      // assignments
  bool skip_space_ = false;
  Outcome outcome_ = Outcome::Done;
};

}  // namespace

bool bi_SCANF(Instance& vm, Value* r) {
  std::string text;
  if (!format_inputs(vm, r[0].u, r[1].u, r[2].i, &text)) return false;
  Scanner scanner(vm, r[1].u, r[2].i, &vm.in);
  int64_t result = 0;
  if (!scanner.run(text, &result)) return false;
  r[n_SCANF].i = result;
  return true;
}

// The string is copied first: a conversion may store into it.
bool bi_SSCANF(Instance& vm, Value* r) {
  const char* p;
  uint64_t len;
  if (!c_string(vm, r[0].u, &p, &len)) return false;
  std::string input(p, len), text;
  if (!format_inputs(vm, r[1].u, r[2].u, r[3].i, &text)) return false;
  Scanner scanner(vm, r[2].u, r[3].i, &input);
  int64_t result = 0;
  if (!scanner.run(text, &result)) return false;
  r[n_SSCANF].i = result;
  return true;
}

bool bi_FSCANF(Instance& vm, Value* r) {
  Input* in = in_stream(vm, r[0].i);
  if (!in) return false;
  std::string text;
  if (!format_inputs(vm, r[1].u, r[2].u, r[3].i, &text)) return false;
  Scanner scanner(vm, r[2].u, r[3].i, in);
  int64_t result = 0;
  if (!scanner.run(text, &result)) return false;
  r[n_FSCANF].i = result;
  return true;
}

}  // namespace dvm
