#include "frontend/diag.h"

#include <algorithm>
#include <tuple>

namespace dvm {

SourceFile::SourceFile(std::string p, std::string t) : path(std::move(p)), text(std::move(t)) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text.size(); i++)
    if (text[i] == '\n') line_starts_.push_back(i + 1);
}

std::string SourceFile::line(uint32_t n) const {
  if (n == 0 || n > line_starts_.size()) return "";
  size_t start = line_starts_[n - 1];
  size_t end = text.find('\n', start);
  if (end == std::string::npos) end = text.size();
  std::string s = text.substr(start, end - start);
  if (!s.empty() && s.back() == '\r') s.pop_back();
  return s;
}

void Diagnostics::add(Severity s, uint32_t line, uint32_t col, std::string msg, uint32_t length) {
  if (s == Severity::Error) {
    if (errors_ >= kMaxErrors) return;
    errors_++;
  }
  diags_.push_back({s, line, col, length == 0 ? 1 : length, std::move(msg)});
}

const Diagnostic* Diagnostics::first_error() const {
  const Diagnostic* first = nullptr;
  for (const Diagnostic& d : diags_)
    if (d.severity == Severity::Error && (!first || std::tie(d.line, d.col) < std::tie(first->line, first->col)))
      first = &d;
  return first;
}

void Diagnostics::put_earlier_errors_first(const Diagnostics& checked, bool (*keep)(const Diagnostic&)) {
  const Diagnostic* first = first_error();
  if (!first) return;
  std::vector<Diagnostic> earlier;
  for (const Diagnostic& d : checked.all())
    if (d.severity == Severity::Error && std::tie(d.line, d.col) < std::tie(first->line, first->col) && keep(d))
      earlier.push_back(d);
  if (earlier.empty()) return;
  std::stable_sort(earlier.begin(), earlier.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return std::tie(a.line, a.col) < std::tie(b.line, b.col); });
  Diagnostics merged;
  for (const Diagnostic& d : earlier) merged.add(d.severity, d.line, d.col, d.message, d.length);
  for (const Diagnostic& d : diags_) merged.add(d.severity, d.line, d.col, d.message, d.length);
  *this = std::move(merged);
}

void Diagnostics::error(uint32_t line, uint32_t col, std::string msg, uint32_t length) {
  add(Severity::Error, line, col, std::move(msg), length);
}
void Diagnostics::warning(uint32_t line, uint32_t col, std::string msg, uint32_t length) {
  add(Severity::Warning, line, col, std::move(msg), length);
}
void Diagnostics::note(uint32_t line, uint32_t col, std::string msg, uint32_t length) {
  add(Severity::Note, line, col, std::move(msg), length);
}

namespace {
const char* severity_word(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}
const char* severity_color(Severity s) {
  switch (s) {
    case Severity::Error: return "\033[1;31m";
    case Severity::Warning: return "\033[1;35m";
    case Severity::Note: return "\033[1;36m";
  }
  return "";
}

// The caret line keeps the source's tabs so the caret lands under the column.
std::string caret_line(const std::string& src_line, uint32_t col, uint32_t length) {
  std::string out;
  for (uint32_t i = 1; i < col; i++) out += (i - 1 < src_line.size() && src_line[i - 1] == '\t') ? '\t' : ' ';
  out += '^';
  uint32_t avail = src_line.size() >= col ? static_cast<uint32_t>(src_line.size()) - col : 0;
  for (uint32_t i = 1; i < length && i <= avail; i++) out += '~';
  return out;
}
}  // namespace

void Diagnostics::print(std::ostream& out, const SourceFile& src, bool color) const {
  const char* bold = color ? "\033[1m" : "";
  const char* reset = color ? "\033[0m" : "";
  const char* green = color ? "\033[1;32m" : "";
  for (const Diagnostic& d : diags_) {
    out << bold << src.path << ':' << d.line << ':' << d.col << ": " << reset
        << (color ? severity_color(d.severity) : "") << severity_word(d.severity) << ": " << reset
        << bold << d.message << reset << '\n';
    std::string text = src.line(d.line);
    if (d.line == 0) continue;
    out << "  " << text << '\n';
    out << "  " << green << caret_line(text, d.col, d.length) << reset << '\n';
  }
}

}  // namespace dvm
