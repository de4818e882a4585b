// Compiler diagnostics in gcc's form: file:line:col: error: message, the
// source line and a caret.
#pragma once
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace dvm {

struct SourceFile {
  std::string path;
  std::string text;
  SourceFile(std::string p, std::string t);
  std::string line(uint32_t n) const;  // 1-based, without the line break
 private:
  std::vector<size_t> line_starts_;
};

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  Severity severity;
  uint32_t line, col;  // 1-based
  uint32_t length;     // characters to underline (at least 1)
  std::string message;
};

class Diagnostics {
 public:
  void error(uint32_t line, uint32_t col, std::string msg, uint32_t length = 1);
  void warning(uint32_t line, uint32_t col, std::string msg, uint32_t length = 1);
  void note(uint32_t line, uint32_t col, std::string msg, uint32_t length = 1);
  int error_count() const { return errors_; }
  const std::vector<Diagnostic>& all() const { return diags_; }
  // Prints every diagnostic; colour only when `color` (the driver passes isatty).
  void print(std::ostream& out, const SourceFile& src, bool color) const;

  // The error that comes first in the source (null: none).
  const Diagnostic* first_error() const;
  // Puts first the errors of `checked` positioned before this run's first
  // error that `keep` accepts, in source order.  (The front ends check what
  // they could parse after syntax errors: gcc and fpc read from the top, so
  // an error before the first syntax error is their first error.)
  void put_earlier_errors_first(const Diagnostics& checked, bool (*keep)(const Diagnostic&));

  // A run stops collecting after this many errors (like gcc's -fmax-errors).
  static constexpr int kMaxErrors = 50;

 private:
  void add(Severity s, uint32_t line, uint32_t col, std::string msg, uint32_t length);
  std::vector<Diagnostic> diags_;
  int errors_ = 0;
};

}  // namespace dvm
