// The C preprocessor (C11 6.10): tokenizing, directives, conditional
// inclusion and macro expansion with hide sets (Prosser's algorithm, as
// chibicc does).  The library's headers are built in.
#include "frontend/c_preprocess.h"

#include "frontend/c_headers.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace dvm::c {
namespace {

// ---- tokenizer -----------------------------------------------------------------

// Longest first: the tokenizer takes the first that matches.
const char* const kPuncts[] = {
    "%:%:", "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
    "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##", "<:", ":>", "<%", "%>", "%:",
};

// gcc accepts '$' in identifiers.
bool is_ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

// Source text after translation phases 1 and 2 (C11 5.1.1.2): trigraphs
// replaced, "\r\n" read as "\n", backslash-newlines removed.  Every character
// keeps the physical position where it was written, so that a token after a
// splice is reported where gcc reports it.
struct Logical {
  std::string text;
  std::vector<uint32_t> line, col;  // one more entry than text: the end
};

Logical logical_lines(const std::string& src, Diagnostics* diags, bool report) {
  // Phase 1: trigraphs (gcc applies them in -std=c11 mode) and line ends.
  Logical p1;
  p1.text.reserve(src.size());
  p1.line.reserve(src.size() + 1);
  p1.col.reserve(src.size() + 1);
  uint32_t line = 1, col = 1;
  for (size_t i = 0; i < src.size();) {
    char c = src[i];
    size_t len = 1;
    if (c == '?' && i + 2 < src.size() && src[i + 1] == '?') {
      const char* from = "=()/'<!>-";
      const char* to = "#[]\\^{|}~";
      if (const char* f = src[i + 2] ? std::strchr(from, src[i + 2]) : nullptr) {
        c = to[f - from];
        len = 3;
      }
    } else if (c == '\r' && i + 1 < src.size() && src[i + 1] == '\n') {
      c = '\n';
      len = 2;
    }
    p1.text += c;
    p1.line.push_back(line);
    p1.col.push_back(col);
    if (src[i + len - 1] == '\n') {
      line++;
      col = 1;
    } else {
      col += static_cast<uint32_t>(len);
    }
    i += len;
  }
  p1.line.push_back(line);
  p1.col.push_back(col);
  // Phase 2: a backslash, maybe spaces (gcc warns about them), and a newline
  // join two lines, wherever they are.
  Logical out;
  out.text.reserve(p1.text.size());
  out.line.reserve(p1.text.size() + 1);
  out.col.reserve(p1.text.size() + 1);
  const std::string& t = p1.text;
  for (size_t i = 0; i < t.size(); i++) {
    if (t[i] == '\\') {
      size_t j = i + 1;
      while (j < t.size() && (t[j] == ' ' || t[j] == '\t' || t[j] == '\f' || t[j] == '\v')) j++;
      if (j < t.size() && t[j] == '\n') {
        if (j > i + 1 && report && diags) diags->warning(p1.line[i], p1.col[i], "backslash and newline separated by space");
        i = j;
        continue;
      }
    }
    out.text += t[i];
    out.line.push_back(p1.line[i]);
    out.col.push_back(p1.col[i]);
  }
  out.line.push_back(p1.line.back());
  out.col.push_back(p1.col.back());
  return out;
}

std::vector<PPToken> tokenize(const std::string& source, Diagnostics* diags, bool report) {
  Logical lg = logical_lines(source, diags, report);
  const std::string& text = lg.text;
  std::vector<PPToken> out;
  size_t i = 0, n = text.size();
  bool bol = true, space = false;
  auto error = [&](size_t at, const std::string& msg) {
    if (report && diags) diags->error(lg.line[at], lg.col[at], msg);
  };
  while (i < n) {
    char c = text[i];
    if (c == '\n') {
      // The physical line that ends the logical one (for #line).
      if (!out.empty() && !out.back().nl_line) out.back().nl_line = lg.line[i];
      i++;
      bol = true;
      space = false;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      i++;
      space = true;
      continue;
    }
    if (c == '/' && i + 1 < n && text[i + 1] == '/') {
      while (i < n && text[i] != '\n') i++;
      space = true;
      continue;
    }
    if (c == '/' && i + 1 < n && text[i + 1] == '*') {
      size_t at = i;
      i += 2;
      while (i < n && !(text[i] == '*' && i + 1 < n && text[i + 1] == '/')) i++;
      if (i >= n) {
        error(at, "unterminated comment");
        break;
      }
      i += 2;
      space = true;
      continue;
    }
    PPToken t;
    t.line = lg.line[i];
    t.col = lg.col[i];
    t.bol = bol;
    t.space = space || (bol && !out.empty());
    bol = space = false;
    size_t start = i;
    if (is_ident_start(c)) {
      // String and character prefixes: L"..", u8"..", u'..'.
      size_t j = i;
      while (j < n && is_ident_char(text[j])) j++;
      std::string word = text.substr(i, j - i);
      if (j < n && (text[j] == '"' || (text[j] == '\'' && word != "u8")) &&
          (word == "L" || word == "u" || word == "U" || word == "u8")) {
        i = j;
        c = text[i];
      } else {
        t.kind = PPToken::Ident;
        i = j;
        t.text = std::move(word);
        out.push_back(std::move(t));
        continue;
      }
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && i + 1 < n && std::isdigit(static_cast<unsigned char>(text[i + 1])))) {
      // A pp-number: digits, letters, dots and exponent signs.
      size_t j = i + 1;
      while (j < n) {
        char d = text[j];
        if ((d == '+' || d == '-') && std::strchr("eEpP", text[j - 1])) j++;
        else if (is_ident_char(d) || d == '.') j++;
        else break;
      }
      t.kind = PPToken::Number;
      i = j;
      t.text = text.substr(start, i - start);
      out.push_back(std::move(t));
      continue;
    }
    if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < n && text[j] != c && text[j] != '\n') j += text[j] == '\\' && j + 1 < n && text[j + 1] != '\n' ? 2 : 1;
      if (j >= n || text[j] != c) {
        // gcc: a pedantic error, also in a skipped group.
        error(i, c == '"' ? "missing terminating \" character" : "missing terminating ' character");
        i = j;
        continue;
      }
      t.kind = c == '"' ? PPToken::String : PPToken::Char;
      i = j + 1;
      t.text = text.substr(start, i - start);
      out.push_back(std::move(t));
      continue;
    }
    t.kind = PPToken::Punct;
    size_t len = 1;
    for (const char* p : kPuncts) {
      size_t k = std::strlen(p);
      if (text.compare(i, k, p) == 0) {
        len = k;
        break;
      }
    }
    if (len == 1 && !std::strchr("[](){}.&*+-~!/%<>^|?:;=,#", c)) {
      // A stray character: an error only where it reaches the program (not
      // in a skipped group, a stringified argument or an unused macro).
      t.kind = PPToken::Other;
    }
    i += len;
    t.text = text.substr(start, len);
    out.push_back(std::move(t));
  }
  return out;
}

// A token's meaning for the preprocessor: digraphs are their punctuators.
bool is_punct(const PPToken& t, const char* p) {
  if (t.kind != PPToken::Punct) return false;
  if (t.text == p) return true;
  if (std::strcmp(p, "#") == 0) return t.text == "%:";
  if (std::strcmp(p, "##") == 0) return t.text == "%:%:";
  return false;
}

std::string stray_message(const PPToken& t) {
  unsigned char c = static_cast<unsigned char>(t.text.empty() ? '?' : t.text[0]);
  std::string shown = c < 128 && std::isprint(c) ? std::string(1, static_cast<char>(c)) : "\\" + std::to_string(c);
  return "stray '" + shown + "' in program";
}

// ---- macros --------------------------------------------------------------------

struct Macro {
  // __FILE__, __LINE__, __DATE__, __TIME__: their value depends on the use.
  enum Builtin : uint8_t { None, File, Line, Date, Time } builtin = None;
  bool function_like = false;
  bool variadic = false;
  std::vector<std::string> params;
  std::vector<PPToken> body;
};

bool hidden(const PPToken& t, const std::string& name) {
  return t.hide && std::find(t.hide->begin(), t.hide->end(), name) != t.hide->end();
}

std::shared_ptr<std::vector<std::string>> add_hide(const std::shared_ptr<std::vector<std::string>>& h, const std::string& name) {
  auto out = std::make_shared<std::vector<std::string>>(h ? *h : std::vector<std::string>{});
  out->push_back(name);
  return out;
}

std::shared_ptr<std::vector<std::string>> intersect(const std::shared_ptr<std::vector<std::string>>& a,
                                                     const std::shared_ptr<std::vector<std::string>>& b) {
  if (!a || !b) return nullptr;
  auto out = std::make_shared<std::vector<std::string>>();
  for (const std::string& n : *a)
    if (std::find(b->begin(), b->end(), n) != b->end()) out->push_back(n);
  return out;
}

struct CompileFail {};

constexpr int kMaxParenNesting = 256;  // as the parser's (c_parse.h)

class Preprocessor {
 public:
  Preprocessor(const SourceFile& src, Diagnostics* diags) : src_(src), diags_(diags) {
    std::string dir = src.path;
    auto slash = dir.rfind('/');
    dir_ = slash == std::string::npos ? "" : dir.substr(0, slash + 1);
    current_dir_ = dir_;
    current_file_ = real_path(src.path);
    // What gcc predefines for -std=c11 (and glibc's stdc-predef.h) that a
    // program may test.
    // The target's (x86-64 Linux, LP64), as gcc -std=c11 defines them; not
    // __GNUC__, which would promise GNU extensions.
    for (const char* def : {"__STDC__ 1", "__STDC_VERSION__ 201112L", "__STDC_HOSTED__ 1", "__STDC_UTF_16__ 1",
                            "__STDC_UTF_32__ 1", "__STDC_IEC_559__ 1", "__STDC_ISO_10646__ 201706L",
                            "__STRICT_ANSI__ 1", "__x86_64__ 1", "__x86_64 1", "__amd64__ 1", "__amd64 1",
                            "__linux__ 1", "__linux 1", "__gnu_linux__ 1", "__unix__ 1", "__unix 1", "__ELF__ 1",
                            "__LP64__ 1", "_LP64 1", "__CHAR_BIT__ 8", "__SIZEOF_SHORT__ 2", "__SIZEOF_INT__ 4",
                            "__SIZEOF_LONG__ 8", "__SIZEOF_LONG_LONG__ 8", "__SIZEOF_POINTER__ 8",
                            "__SIZEOF_FLOAT__ 4", "__SIZEOF_DOUBLE__ 8", "__SIZEOF_SIZE_T__ 8",
                            "__SIZEOF_PTRDIFF_T__ 8", "__SCHAR_MAX__ 0x7f", "__SHRT_MAX__ 0x7fff",
                            "__INT_MAX__ 0x7fffffff", "__LONG_MAX__ 0x7fffffffffffffffL",
                            "__LONG_LONG_MAX__ 0x7fffffffffffffffLL", "__ORDER_LITTLE_ENDIAN__ 1234",
                            "__ORDER_BIG_ENDIAN__ 4321", "__ORDER_PDP_ENDIAN__ 3412",
                            "__BYTE_ORDER__ __ORDER_LITTLE_ENDIAN__"}) {
      std::vector<PPToken> toks = tokenize(def, nullptr, false);
      macros_[toks[0].text].body.assign(toks.begin() + 1, toks.end());
      macros_[toks[0].text].body[0].space = false;
    }
    macros_["__FILE__"].builtin = Macro::File;
    macros_["__LINE__"].builtin = Macro::Line;
    macros_["__DATE__"].builtin = Macro::Date;
    macros_["__TIME__"].builtin = Macro::Time;
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "\"%b %e %Y\"", &tm);
    date_ = buf;
    std::strftime(buf, sizeof buf, "\"%H:%M:%S\"", &tm);
    time_ = buf;
  }

  const std::set<std::string>& included() const { return included_; }

  std::vector<PPToken> run() {
    process_file(tokenize(src_.text, diags_, true), false, 0, 0, 0);
    PPToken end;
    end.kind = PPToken::End;
    end.line = last_line_;
    end.col = 1;
    out_.push_back(end);
    return std::move(out_);
  }

 private:
  // One source of tokens: pending expansions first, then the file.
  struct Reader {
    std::vector<PPToken>* file;
    size_t pos = 0;
    std::deque<PPToken> pending = {};
    bool at_end() const { return pending.empty() && pos >= file->size(); }
    // True when the next token comes straight from the file (directives).
    bool from_file() const { return pending.empty(); }
    PPToken& peek() { return pending.empty() ? (*file)[pos] : pending.front(); }
    PPToken take() {
      if (!pending.empty()) {
        PPToken t = std::move(pending.front());
        pending.pop_front();
        return t;
      }
      return (*file)[pos++];
    }
  };

  void error(uint32_t line, uint32_t col, const std::string& msg) { diags_->error(line, col, msg); }

  // Processes a file's tokens.  For included files (`remap`), every token is
  // reported at the #include directive (line, col).
  void process_file(std::vector<PPToken> toks, bool remap, uint32_t line, uint32_t col, int depth) {
    // Parentheses nested past the parser's limit are an error before any
    // expansion: a macro call nested in its own argument n deep would hold
    // n copies of ever shorter arguments (A(A(A(...))) 20,000 deep: 20 GB).
    int parens = 0;
    for (const PPToken& t : toks) {
      if (t.kind != PPToken::Punct) continue;
      if (t.text == "(") parens++;
      else if (t.text == ")" && parens > 0) parens--;
      if (parens > kMaxParenNesting) {
        error(remap ? line : t.line, remap ? col : t.col,
              "nesting too deep (the limit is " + std::to_string(kMaxParenNesting) + " levels)");
        return;
      }
    }
    if (remap)
      for (PPToken& t : toks) {
        t.line = line;
        t.col = col;
      }
    Reader r{&toks, 0, {}};
    struct Cond {
      bool active, taken, seen_else;
      uint32_t line, col;
      std::string name;  // if, ifdef or ifndef
    };
    std::vector<Cond> conds;
    auto active = [&]() { return conds.empty() || conds.back().active; };
    while (!r.at_end()) {
      if (r.from_file() && r.peek().bol && is_punct(r.peek(), "#")) {
        PPToken hash = r.take();
        std::vector<PPToken> rest;
        while (!r.at_end() && !(r.from_file() && r.peek().bol)) rest.push_back(r.take());
        std::string name = rest.empty() ? "" : rest[0].text;
        std::vector<PPToken> args(rest.empty() ? rest.begin() : rest.begin() + 1, rest.end());
        if (name == "if" || name == "ifdef" || name == "ifndef") {
          bool v = false;
          if (active()) {
            if (name == "if") {
              v = eval_if(args, hash, "if");
            } else {
              if (args.empty()) error(hash.line, hash.col, "no macro name given in #" + name + " directive");
              else if (args[0].kind != PPToken::Ident) error(args[0].line, args[0].col, "macro names must be identifiers");
              else v = macros_.count(args[0].text) > 0;
              extra_tokens(args, 1, name);
              if (name == "ifndef") v = !v;
            }
            conds.push_back({v, v, false, hash.line, hash.col, name});
          } else {
            conds.push_back({false, true, false, hash.line, hash.col, name});
          }
          continue;
        }
        if (name == "elif" || name == "else" || name == "endif") {
          if (conds.empty()) {
            error(hash.line, hash.col, "#" + name + " without #if");
            continue;
          }
          Cond& c = conds.back();
          bool parent = conds.size() < 2 || conds[conds.size() - 2].active;
          if (name != "elif" && parent) extra_tokens(args, 0, name);
          if (name == "endif") {
            conds.pop_back();
          } else if (name == "else") {
            if (c.seen_else) error(hash.line, hash.col, "#else after #else");
            c.seen_else = true;
            c.active = parent && !c.taken;
            c.taken = true;
          } else {
            if (c.seen_else) error(hash.line, hash.col, "#elif after #else");
            bool v = parent && !c.taken && eval_if(args, hash, "elif");
            c.active = v;
            c.taken = c.taken || v;
          }
          continue;
        }
        if (!active()) continue;
        directive(hash, name, rest, args, depth);
        continue;
      }
      PPToken t = r.take();
      if (!active()) continue;
      expand_into(t, r, &out_);
    }
    if (!conds.empty()) error(conds.back().line, conds.back().col, "unterminated #" + conds.back().name);
    if (!toks.empty() && !remap) last_line_ = toks.back().line + 1;
  }

  // gcc -pedantic-errors: tokens after a directive's operands are an error.
  void extra_tokens(const std::vector<PPToken>& args, size_t used, const std::string& name) {
    if (args.size() > used) error(args[used].line, args[used].col, "extra tokens at end of #" + name + " directive");
  }

  void directive(const PPToken& hash, const std::string& name, const std::vector<PPToken>& rest,
                 const std::vector<PPToken>& args, int depth) {
    if (rest.empty()) return;  // the null directive
    if (name == "define") return define(hash, args);
    if (name == "undef") {
      if (args.empty()) return error(hash.line, hash.col, "no macro name given in #undef directive");
      if (args[0].kind != PPToken::Ident) return error(args[0].line, args[0].col, "macro names must be identifiers");
      extra_tokens(args, 1, "undef");
      macros_.erase(args[0].text);
      return;
    }
    if (name == "include") return include(hash, args, depth);
    if (name == "error") {
      std::string msg;
      for (const PPToken& t : args) msg += (msg.empty() || !t.space ? "" : " ") + t.text;
      return error(hash.line, hash.col, "#error " + msg);
    }
    if (name == "warning") {
      // Standard from C2x on; gcc -std=c11 -pedantic-errors refuses it.
      error(hash.line, hash.col, "#warning is a GCC extension");
      std::string msg;
      for (const PPToken& t : args) msg += (msg.empty() || !t.space ? "" : " ") + t.text;
      diags_->warning(hash.line, hash.col, "#warning " + msg);
      return;
    }
    if (name == "line") return line_directive(hash, rest, args, depth);
    if (name == "pragma") return pragma(hash, args, &out_);
    error(hash.line, hash.col, "invalid preprocessing directive #" + name);
  }

  // #line N ["file"]: what __LINE__ and __FILE__ give from the next line on.
  // Diagnostics keep the physical lines of the main file.
  void line_directive(const PPToken& hash, const std::vector<PPToken>& rest, const std::vector<PPToken>& args, int depth) {
    std::vector<PPToken> a = expand_all(args);
    if (a.empty()) return error(hash.line, hash.col, "unexpected end of file after #line");
    bool digits = a[0].kind == PPToken::Number &&
                  a[0].text.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) return error(a[0].line, a[0].col, "\"" + a[0].text + "\" after #line is not a positive integer");
    uint64_t n = 0;
    for (char c : a[0].text) n = std::min<uint64_t>(n * 10 + static_cast<uint64_t>(c - '0'), uint64_t{1} << 40);
    if (n == 0 || n > 2147483647) error(a[0].line, a[0].col, "line number out of range");
    std::string file;
    if (a.size() > 1) {
      if (a[1].kind != PPToken::String || a[1].text[0] != '"')
        return error(a[1].line, a[1].col, "\"" + a[1].text + "\" is not a valid filename");
      file = a[1].text;
    }
    if (a.size() > 2) return error(a[2].line, a[2].col, "extra tokens at end of #line directive");
    if (depth > 0) return;  // inside a header: the main file's lines stay
    uint32_t next = rest.back().nl_line ? rest.back().nl_line + 1 : rest.back().line + 1;
    const LineMark* prev = line_mark(next);
    if (file.empty() && prev) file = prev->file;
    line_marks_.push_back({next, static_cast<int64_t>(n) - static_cast<int64_t>(next), file});
  }

  struct LineMark {
    uint32_t from;  // the physical line where it starts
    int64_t delta;  // __LINE__ minus the physical line
    std::string file;  // __FILE__ as a string literal; empty: the source's name
  };
  const LineMark* line_mark(uint32_t line) const {
    for (auto it = line_marks_.rbegin(); it != line_marks_.rend(); ++it)
      if (it->from <= line) return &*it;
    return nullptr;
  }
  static std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out;
  }

  void define(const PPToken& hash, const std::vector<PPToken>& args) {
    if (args.empty()) return error(hash.line, hash.col, "no macro name given in #define directive");
    const PPToken& name = args[0];
    if (name.kind != PPToken::Ident) return error(name.line, name.col, "macro names must be identifiers");
    if (name.text == "defined") return error(name.line, name.col, "\"defined\" cannot be used as a macro name");
    Macro m;
    size_t i = 1;
    if (args.size() > 1 && args[1].text == "(" && !args[1].space) {
      m.function_like = true;
      i = 2;
      bool first = true;
      while (true) {
        if (i >= args.size()) return error(hash.line, hash.col, "missing ')' in macro parameter list");
        const PPToken& a = args[i];
        if (first && a.text == ")") break;
        if (a.text == "...") {
          m.variadic = true;
          m.params.push_back("__VA_ARGS__");
          if (i + 1 >= args.size() || args[i + 1].text != ")") return error(a.line, a.col, "missing ')' in macro parameter list");
          i++;
          break;
        }
        if (a.kind != PPToken::Ident) return error(a.line, a.col, "expected parameter name, found \"" + a.text + "\"");
        if (a.text == "__VA_ARGS__")
          return error(a.line, a.col, "__VA_ARGS__ can only appear in the expansion of a C99 variadic macro");
        if (std::find(m.params.begin(), m.params.end(), a.text) != m.params.end())
          return error(a.line, a.col, "duplicate macro parameter \"" + a.text + "\"");
        m.params.push_back(a.text);
        i++;
        if (i < args.size() && args[i].text == ")") break;
        if (i >= args.size() || args[i].text != ",") {
          if (i >= args.size()) return error(hash.line, hash.col, "missing ')' in macro parameter list");
          return error(args[i].line, args[i].col, "expected ',' or ')', found \"" + args[i].text + "\"");
        }
        i++;
        first = false;
      }
      i++;
    }
    m.body.assign(args.begin() + static_cast<long>(i), args.end());
    if (!m.body.empty()) m.body[0].space = false;
    // gcc's errors for a body that cannot work.
    for (size_t k = 0; k < m.body.size(); k++) {
      const PPToken& t = m.body[k];
      if (t.kind == PPToken::Ident && t.text == "__VA_ARGS__" && !m.variadic)
        return error(t.line, t.col, "__VA_ARGS__ can only appear in the expansion of a C99 variadic macro");
      if (is_punct(t, "##") && (k == 0 || k + 1 == m.body.size()))
        return error(t.line, t.col, "'##' cannot appear at either end of a macro expansion");
      if (m.function_like && is_punct(t, "#") &&
          (k + 1 == m.body.size() || m.body[k + 1].kind != PPToken::Ident ||
           std::find(m.params.begin(), m.params.end(), m.body[k + 1].text) == m.params.end()))
        return error(t.line, t.col, "'#' is not followed by a macro parameter");
    }
    auto old = macros_.find(name.text);
    if (old != macros_.end() && !same_definition(old->second, m)) {
      // C11 6.10.3p2: only an identical redefinition is allowed.
      error(name.line, name.col, "\"" + name.text + "\" redefined");
      return;
    }
    macros_[name.text] = std::move(m);
  }

  static bool same_definition(const Macro& a, const Macro& b) {
    if (a.builtin != b.builtin || a.function_like != b.function_like || a.variadic != b.variadic || a.params != b.params ||
        a.body.size() != b.body.size())
      return false;
    for (size_t i = 0; i < a.body.size(); i++)
      if (a.body[i].text != b.body[i].text || (i > 0 && a.body[i].space != b.body[i].space)) return false;
    return true;
  }

  void include(const PPToken& hash, std::vector<PPToken> args, int depth) {
    if (depth > 40) return error(hash.line, hash.col, "#include nested too deeply");
    if (!args.empty() && args[0].kind == PPToken::Ident) {
      // #include MACRO
      std::vector<PPToken> expanded;
      Reader r{&args, 0, {}};
      while (!r.at_end()) expand_into(r.take(), r, &expanded);
      args = expanded;
    }
    std::string name;
    bool system = false;
    if (!args.empty() && args[0].kind == PPToken::String) {
      name = args[0].text.substr(1, args[0].text.size() - 2);
      extra_tokens(args, 1, "include");
    } else if (!args.empty() && args[0].text == "<") {
      system = true;
      size_t i = 1;
      for (; i < args.size() && args[i].text != ">"; i++) name += (args[i].space && !name.empty() ? " " : "") + args[i].text;
      if (i >= args.size()) return error(hash.line, hash.col, "missing terminating > character");
      extra_tokens(args, i + 1, "include");
    } else {
      return error(hash.line, hash.col, "#include expects \"FILENAME\" or <FILENAME>");
    }
    if (const std::string* text = builtin_header(name)) {
      if (system) included_.insert(name);
      std::vector<PPToken> toks = tokenize(*text, diags_, false);
      for (PPToken& t : toks) t.from_library = true;
      process_file(std::move(toks), true, hash.line, hash.col, depth + 1);
      return;
    }
    if (!system) {
      // As gcc: beside the file that includes it first (then beside the
      // program, where dvm has always looked).
      for (const std::string& dir : {current_dir_, dir_}) {
        std::string path = name.empty() || name[0] != '/' ? dir + name : name;
        std::ifstream in(path, std::ios::binary);
        if (!in) continue;
        std::string real = real_path(path);
        if (once_.count(real)) return;  // #pragma once
        std::ostringstream ss;
        ss << in.rdbuf();
        std::string saved_dir = current_dir_, saved_file = current_file_;
        current_file_ = real;
        current_dir_ = path.substr(0, path.rfind('/') + 1);
        process_file(tokenize(ss.str(), diags_, false), true, hash.line, hash.col, depth + 1);
        current_dir_ = saved_dir;
        current_file_ = saved_file;
        return;
      }
    }
    error(hash.line, hash.col, name + ": No such file or directory");
  }

  static std::string real_path(const std::string& path) {
    char* r = ::realpath(path.c_str(), nullptr);
    if (!r) return path;
    std::string out = r;
    std::free(r);
    return out;
  }

  // Expands one token (reading macro arguments from r) onto *out.
  void expand_into(PPToken t, Reader& r, std::vector<PPToken>* out) {
    if (++expansions_ > 2000000) {
      if (expansions_ == 2000001) error(t.line, t.col, "macro expansion too large");
      return;
    }
    if (t.kind == PPToken::Ident && t.text == "_Pragma" && !macros_.count(t.text)) return pragma_operator(t, r, out);
    if (t.kind == PPToken::Ident) {
      auto it = macros_.find(t.text);
      if (it != macros_.end() && !hidden(t, t.text)) {
        const Macro& m = it->second;
        if (m.builtin != Macro::None) {
          // The line is the one of the outermost macro's use, after #line.
          const uint32_t use_line = t.exp_line ? t.exp_line : t.line;
          const LineMark* mark = line_mark(use_line);
          t.kind = m.builtin == Macro::Line ? PPToken::Number : PPToken::String;
          if (m.builtin == Macro::Line)
            t.text = std::to_string(mark ? static_cast<int64_t>(use_line) + mark->delta : static_cast<int64_t>(use_line));
          else if (m.builtin == Macro::File)
            t.text = mark && !mark->file.empty() ? mark->file : "\"" + escape(src_.path) + "\"";
          else
            t.text = m.builtin == Macro::Date ? date_ : time_;
          t.hide = add_hide(t.hide, it->first);
          out->push_back(t);
          return;
        }
        if (!m.function_like) {
          std::vector<PPToken> body = substitute(m, {}, t, t.text, t.hide);
          for (auto b = body.rbegin(); b != body.rend(); ++b) r.pending.push_front(*b);
          return;
        }
        if (!r.at_end() && r.peek().text == "(") {
          r.take();
          std::vector<std::vector<PPToken>> args(1);
          int level = 0;
          bool closed = false;
          std::shared_ptr<std::vector<std::string>> rparen_hide;
          while (!r.at_end()) {
            PPToken a = r.take();
            if (a.text == "(") level++;
            if (a.text == ")") {
              if (level == 0) {
                closed = true;
                rparen_hide = a.hide;
                break;
              }
              level--;
            }
            if (a.text == "," && level == 0 && !(m.variadic && args.size() == m.params.size())) {
              args.emplace_back();
              continue;
            }
            args.back().push_back(a);
          }
          if (!closed) {
            error(t.line, t.col, "unterminated argument list invoking macro \"" + t.text + "\"");
            return;
          }
          if (m.params.empty() && args.size() == 1 && args[0].empty()) args.clear();
          if (m.variadic && args.size() + 1 == m.params.size() && args.size() > 0) {
            // C11 6.10.3p12 (C2x relaxes it; gcc -std=c11 -pedantic-errors does not).
            error(t.line, t.col, "ISO C99 requires at least one argument for the \"...\" in a variadic macro");
            args.emplace_back();
          }
          if (args.size() < m.params.size()) {
            error(t.line, t.col, "macro \"" + t.text + "\" requires " + std::to_string(m.params.size()) +
                                     " arguments, but only " + std::to_string(args.size()) + " given");
            return;
          }
          if (args.size() > m.params.size()) {
            error(t.line, t.col, "macro \"" + t.text + "\" passed " + std::to_string(args.size()) +
                                     " arguments, but takes just " + std::to_string(m.params.size()));
            return;
          }
          // Prosser's rule: the expansion hides what both the macro's name
          // and the closing parenthesis hid, so a macro named by an earlier
          // expansion and called with arguments from outside it may use
          // that expansion's macros again.
          std::vector<PPToken> body = substitute(m, args, t, t.text, intersect(t.hide, rparen_hide));
          for (auto b = body.rbegin(); b != body.rend(); ++b) r.pending.push_front(*b);
          return;
        }
      }
    }
    if (t.kind == PPToken::Other && out == &out_) {
      error(t.line, t.col, stray_message(t));
      return;
    }
    out->push_back(std::move(t));
  }

  // _Pragma("...") (C11 6.10.9): the directive #pragma ...; only dvm's
  // pragmas leave a token, the others are ignored as gcc ignores them.
  void pragma_operator(const PPToken& t, Reader& r, std::vector<PPToken>* out) {
    std::vector<PPToken> parts;
    for (int i = 0; i < 3 && !r.at_end(); i++) parts.push_back(r.take());
    if (parts.size() < 3 || parts[0].text != "(" || parts[1].kind != PPToken::String || parts[2].text != ")")
      return error(t.line, t.col, "_Pragma takes a parenthesized string literal");
    const std::string& lit = parts[1].text;
    size_t q = lit.find('"');
    std::string text;
    for (size_t i = q + 1; i + 1 < lit.size(); i++) {
      if (lit[i] == '\\' && (lit[i + 1] == '"' || lit[i + 1] == '\\')) i++;
      text += lit[i];
    }
    std::vector<PPToken> args = tokenize(text, nullptr, false);
    pragma(t, args, out);
  }

  void pragma(const PPToken& at, const std::vector<PPToken>& args, std::vector<PPToken>* out) {
    if (args.size() == 1 && args[0].text == "once") once_.insert(current_file_);
    if (args.empty() || args[0].text != "dvm") return;  // other pragmas are ignored, as gcc does
    PPToken p;
    p.kind = PPToken::Pragma;
    p.line = at.line;
    p.col = at.col;
    p.from_library = at.from_library;
    p.text = "#pragma";
    for (const PPToken& a : args) p.text += " " + a.text;
    out->push_back(p);
  }

  std::vector<PPToken> expand_all(std::vector<PPToken> toks) {
    std::vector<PPToken> out;
    Reader r{&toks, 0, {}};
    while (!r.at_end()) expand_into(r.take(), r, &out);
    return out;
  }

  static std::string stringify(const std::vector<PPToken>& arg) {
    std::string s = "\"";
    for (size_t i = 0; i < arg.size(); i++) {
      if (i > 0 && arg[i].space) s += ' ';
      for (char c : arg[i].text) {
        if ((arg[i].kind == PPToken::String || arg[i].kind == PPToken::Char) && (c == '"' || c == '\\')) s += '\\';
        s += c;
      }
    }
    return s + "\"";
  }

  // The macro body with its parameters replaced, # and ## applied; every
  // token takes the invocation's position and hide set plus the macro.
  std::vector<PPToken> substitute(const Macro& m, const std::vector<std::vector<PPToken>>& args, const PPToken& at,
                                  const std::string& name, const std::shared_ptr<std::vector<std::string>>& hide) {
    auto param = [&](const PPToken& t) -> int {
      if (t.kind != PPToken::Ident) return -1;
      for (size_t i = 0; i < m.params.size(); i++)
        if (m.params[i] == t.text) return static_cast<int>(i);
      return -1;
    };
    std::vector<PPToken> out;
    const std::vector<PPToken>& b = m.body;
    for (size_t i = 0; i < b.size(); i++) {
      const PPToken& t = b[i];
      if (m.function_like && is_punct(t, "#") && i + 1 < b.size() && param(b[i + 1]) >= 0) {
        PPToken s = t;
        s.kind = PPToken::String;
        s.text = stringify(args[static_cast<size_t>(param(b[i + 1]))]);
        out.push_back(s);
        i++;
        continue;
      }
      if (is_punct(t, "##") && !out.empty() && i + 1 < b.size()) {
        const PPToken& nx = b[i + 1];
        std::vector<PPToken> right;
        int p = param(nx);
        if (p >= 0) right = args[static_cast<size_t>(p)];
        else right.push_back(nx);
        i++;
        if (right.empty()) continue;  // pasting a placemarker: the left operand stays
        PPToken& left = out.back();
        if (left.text == "," && p >= 0 && m.variadic && static_cast<size_t>(p) + 1 == m.params.size()) {
          // gcc's `, ## __VA_ARGS__`: the arguments follow the comma unpasted.
          std::vector<PPToken> e = expand_all(right);
          e[0].space = nx.space;
          out.insert(out.end(), e.begin(), e.end());
          continue;
        }
        if (left.kind == PPToken::Placemarker) {
          // An empty left operand: the result is the right operand, unpasted.
          out.pop_back();
          out.insert(out.end(), right.begin(), right.end());
          continue;
        }
        std::string joined = left.text + right[0].text;
        std::vector<PPToken> re = tokenize(joined, nullptr, false);
        if (re.size() == 1) {
          left.kind = re[0].kind;
          left.text = joined;
        } else {
          error(at.line, at.col, "pasting \"" + left.text + "\" and \"" + right[0].text + "\" does not give a valid preprocessing token");
        }
        out.insert(out.end(), right.begin() + 1, right.end());
        continue;
      }
      int p = param(t);
      if (p >= 0) {
        bool before_paste = i + 1 < b.size() && is_punct(b[i + 1], "##");
        const std::vector<PPToken>& a = args[static_cast<size_t>(p)];
        std::vector<PPToken> e = before_paste ? a : expand_all(a);
        if (!e.empty()) e[0].space = t.space;
        if (e.empty() && before_paste) {
          // C11 6.10.3.3p2: an empty argument next to ## is a placemarker.
          PPToken mark = t;
          mark.kind = PPToken::Placemarker;
          mark.text.clear();
          e.push_back(mark);
        }
        out.insert(out.end(), e.begin(), e.end());
        continue;
      }
      out.push_back(t);
    }
    out.erase(std::remove_if(out.begin(), out.end(), [](const PPToken& x) { return x.kind == PPToken::Placemarker; }),
              out.end());
    const uint32_t use_line = at.exp_line ? at.exp_line : at.line, use_col = at.exp_line ? at.exp_col : at.col;
    for (PPToken& t : out) {
      // A token keeps where it is spelled (in the body, or in an argument
      // at the use), except one of a built-in header's macro: the program
      // has no such line, so it stands at the use.
      if (t.from_library && !at.from_library) {
        t.line = use_line;
        t.col = use_col;
      }
      t.exp_line = use_line;
      t.exp_col = use_col;
      t.bol = false;
      t.from_library = at.from_library;
      auto h = add_hide(t.hide, name);
      if (hide) h->insert(h->end(), hide->begin(), hide->end());
      t.hide = h;
    }
    if (!out.empty()) out[0].space = at.space;
    return out;
  }

  // ---- #if expressions (C11 6.10.1), evaluated as gcc evaluates them: in
  // intmax_t, or in uintmax_t when an operand is unsigned (`-1 > 0u`); the
  // unevaluated operands of &&, || and ?: may divide by zero.
  struct Num {
    uint64_t v = 0;
    bool uns = false;
  };
  struct EvalError {};

  [[noreturn]] void ev_fail(const PPToken& at, const std::string& msg) {
    error(at.line, at.col, msg);
    throw EvalError{};
  }
  // gcc's pedantic errors: reported where the operand is evaluated.
  void ev_pedantic(const PPToken& at, const std::string& msg) {
    if (ev_skip_ == 0) error(at.line, at.col, msg);
  }

  bool eval_if(const std::vector<PPToken>& args, const PPToken& hash, const char* directive) {
    std::vector<PPToken> toks;
    try {
      for (size_t i = 0; i < args.size(); i++) {
        if (args[i].kind == PPToken::Ident && args[i].text == "defined") {
          PPToken v = args[i];
          v.kind = PPToken::Number;
          size_t j = i + 1;
          bool paren = j < args.size() && args[j].text == "(";
          if (paren) j++;
          if (j >= args.size() || args[j].kind != PPToken::Ident)
            ev_fail(j < args.size() ? args[j] : args[i], "operator \"defined\" requires an identifier");
          v.text = macros_.count(args[j].text) ? "1" : "0";
          if (paren) {
            if (j + 1 >= args.size() || args[j + 1].text != ")") ev_fail(args[j], "missing ')' after \"defined\"");
            j++;
          }
          i = j;
          toks.push_back(v);
          continue;
        }
        toks.push_back(args[i]);
      }
      toks = expand_all(toks);
      for (const PPToken& t : toks)
        if (t.kind == PPToken::Ident && t.text == "defined") ev_fail(t, "this use of \"defined\" may not be portable");
      if (toks.empty()) ev_fail(hash, std::string("#") + directive + " with no expression");
      ev_ = &toks;
      ev_pos_ = 0;
      ev_skip_ = 0;
      Num v = ev_comma();
      if (ev_pos_ < toks.size()) {
        const PPToken& t = toks[ev_pos_];
        if (t.text == ")") ev_fail(t, "missing '(' in expression");
        if (t.text == ":") ev_fail(t, "':' without preceding '?'");
        ev_fail(t, "missing binary operator before token \"" + t.text + "\"");
      }
      return v.v != 0;
    } catch (EvalError&) {
      return false;  // as gcc does, the group is skipped
    }
  }

  const PPToken* ev_peek() const { return ev_pos_ < ev_->size() ? &(*ev_)[ev_pos_] : nullptr; }
  bool ev_at(const char* p) const { return ev_pos_ < ev_->size() && (*ev_)[ev_pos_].kind == PPToken::Punct && (*ev_)[ev_pos_].text == p; }

  static int ev_prec(const PPToken& t) {
    static const std::map<std::string, int> p = {
        {"*", 10}, {"/", 10}, {"%", 10}, {"+", 9}, {"-", 9}, {"<<", 8}, {">>", 8}, {"<", 7}, {">", 7},
        {"<=", 7}, {">=", 7}, {"==", 6}, {"!=", 6}, {"&", 5}, {"^", 4}, {"|", 3}, {"&&", 2}, {"||", 1}};
    if (t.kind != PPToken::Punct) return -1;
    auto it = p.find(t.text);
    return it == p.end() ? -1 : it->second;
  }

  Num ev_comma() {
    Num a = ev_cond();
    while (ev_at(",")) {
      ev_pedantic((*ev_)[ev_pos_], "comma operator in operand of #if");
      ev_pos_++;
      a = ev_cond();
    }
    return a;
  }

  Num ev_cond() {
    Num c = ev_binary(1);
    if (!ev_at("?")) return c;
    const PPToken& q = (*ev_)[ev_pos_++];
    if (!c.v) ev_skip_++;
    Num a = ev_comma();
    if (!c.v) ev_skip_--;
    if (!ev_at(":")) ev_fail(q, "'?' without following ':'");
    ev_pos_++;
    if (c.v) ev_skip_++;
    Num b = ev_cond();
    if (c.v) ev_skip_--;
    Num r = c.v ? a : b;
    r.uns = a.uns || b.uns;
    return r;
  }

  Num ev_binary(int min, const PPToken* after = nullptr) {
    Num a = ev_unary(after);
    while (const PPToken* op = ev_peek()) {
      int p = ev_prec(*op);
      if (p < 0) {
        if (op->kind == PPToken::Punct && (op->text == ")" || op->text == ":" || op->text == "," || op->text == "?"))
          return a;
        if (op->kind == PPToken::Punct || op->kind == PPToken::String || op->kind == PPToken::Other)
          ev_fail(*op, "token \"" + op->text + "\" is not valid in preprocessor expressions");
        ev_fail(*op, "missing binary operator before token \"" + op->text + "\"");
      }
      if (p < min) return a;
      ev_pos_++;
      bool skip_right = (op->text == "&&" && !a.v) || (op->text == "||" && a.v);
      if (skip_right) ev_skip_++;
      Num b = ev_binary(p + 1, op);
      if (skip_right) ev_skip_--;
      a = ev_apply(*op, a, b);
    }
    return a;
  }

  Num ev_apply(const PPToken& at, Num a, Num b) {
    const std::string& op = at.text;
    bool uns = a.uns || b.uns;
    int64_t x = static_cast<int64_t>(a.v), y = static_cast<int64_t>(b.v);
    auto overflow = [&]() { ev_pedantic(at, "integer overflow in preprocessor expression"); };
    Num r;
    r.uns = uns;
    if (op == "&&" || op == "||") return Num{op == "&&" ? (a.v && b.v) : (a.v || b.v), false};
    if (op == "<" || op == ">" || op == "<=" || op == ">=") {
      bool lt = uns ? a.v < b.v : x < y, gt = uns ? a.v > b.v : x > y;
      bool v = op == "<" ? lt : op == ">" ? gt : op == "<=" ? !gt : !lt;
      return Num{v, false};
    }
    if (op == "==" || op == "!=") return Num{(a.v == b.v) == (op == "=="), false};
    if (op == "&") r.v = a.v & b.v;
    else if (op == "^") r.v = a.v ^ b.v;
    else if (op == "|") r.v = a.v | b.v;
    else if (op == "+") {
      r.v = a.v + b.v;
      int64_t s;
      if (!uns && __builtin_add_overflow(x, y, &s)) overflow();
    } else if (op == "-") {
      r.v = a.v - b.v;
      int64_t s;
      if (!uns && __builtin_sub_overflow(x, y, &s)) overflow();
    } else if (op == "*") {
      r.v = a.v * b.v;
      int64_t s;
      if (!uns && __builtin_mul_overflow(x, y, &s)) overflow();
    } else if (op == "/" || op == "%") {
      if (b.v == 0) {
        if (ev_skip_ == 0) ev_fail(at, "division by zero in #if");
        r.v = 0;
      } else if (uns) {
        r.v = op == "/" ? a.v / b.v : a.v % b.v;
      } else if (x == INT64_MIN && y == -1) {
        if (op == "/") overflow();
        r.v = op == "/" ? a.v : 0;
      } else {
        r.v = static_cast<uint64_t>(op == "/" ? x / y : x % y);
      }
    } else {  // << and >>: the left operand's type; a negative count shifts the other way
      r.uns = a.uns;
      bool left = op == "<<";
      uint64_t n = b.v;
      if (!b.uns && y < 0) {
        left = !left;
        n = 0 - b.v;
      }
      if (left) {
        r.v = n >= 64 ? 0 : a.v << n;
        bool lost = n >= 64 ? a.v != 0 : (static_cast<int64_t>(r.v) >> n) != x;
        if (!a.uns && lost) overflow();
      } else if (a.uns) {
        r.v = n >= 64 ? 0 : a.v >> n;
      } else {
        r.v = static_cast<uint64_t>(n >= 64 ? (x < 0 ? -1 : 0) : x >> n);
      }
    }
    return r;
  }

  Num ev_unary(const PPToken* after) {
    const PPToken* tp = ev_peek();
    if (!tp) {
      if (after) ev_fail(*after, "operator '" + after->text + "' has no right operand");
      ev_fail(ev_->back(), "#if with no expression");
    }
    const PPToken& t = *tp;
    if (t.kind == PPToken::Punct) {
      if (t.text == "(") {
        ev_pos_++;
        if (ev_at(")")) ev_fail(t, "missing expression between '(' and ')'");
        Num v = ev_comma();
        if (!ev_at(")")) ev_fail(t, "missing ')' in expression");
        ev_pos_++;
        return v;
      }
      if (t.text == "+" || t.text == "-" || t.text == "~" || t.text == "!") {
        ev_pos_++;
        Num v = ev_unary(&t);
        if (t.text == "-") {
          if (!v.uns && v.v == static_cast<uint64_t>(INT64_MIN)) ev_pedantic(t, "integer overflow in preprocessor expression");
          v.v = 0 - v.v;
        } else if (t.text == "~") {
          v.v = ~v.v;
        } else if (t.text == "!") {
          v = Num{v.v == 0, false};
        }
        return v;
      }
      if (after && (ev_prec(t) >= 0 || t.text == ")" || t.text == ":" || t.text == "?" || t.text == ","))
        ev_fail(*after, "operator '" + after->text + "' has no right operand");
      if (ev_prec(t) >= 0 || t.text == "?" || t.text == ":" || t.text == ",")
        ev_fail(t, "operator '" + t.text + "' has no left operand");
      if (t.text == ")") ev_fail(t, "missing '(' in expression");
    }
    ev_pos_++;
    if (t.kind == PPToken::Ident) return Num{};  // a name that is no macro
    if (t.kind == PPToken::Number) return ev_number(t);
    if (t.kind == PPToken::Char) return ev_char(t);
    ev_fail(t, "token \"" + t.text + "\" is not valid in preprocessor expressions");
  }

  Num ev_number(const PPToken& t) {
    const std::string& s = t.text;
    bool hex = s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    bool bin = s.size() > 1 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B');
    if (s.find('.') != std::string::npos || (!hex && s.find_first_of("eE") != std::string::npos) ||
        (hex && s.find_first_of("pP") != std::string::npos))
      ev_fail(t, "floating constant in preprocessor expression");
    size_t i = hex || bin ? 2 : 0;
    unsigned base = hex ? 16 : bin ? 2 : s[0] == '0' ? 8 : 10;
    uint64_t v = 0;
    bool too_large = false;
    size_t digits = i;
    for (; i < s.size(); i++) {
      char c = s[i];
      unsigned d;
      if (std::isdigit(static_cast<unsigned char>(c))) d = static_cast<unsigned>(c - '0');
      else if (hex && std::isxdigit(static_cast<unsigned char>(c))) d = static_cast<unsigned>(std::tolower(c) - 'a' + 10);
      else break;
      if (d >= base) {
        if (base == 8 && d < 10) ev_fail(t, std::string("invalid digit \"") + c + "\" in octal constant");
        if (base == 2 && d < 10) ev_fail(t, std::string("invalid digit \"") + c + "\" in binary constant");
        break;
      }
      if (v > (UINT64_MAX - d) / base) too_large = true;
      v = v * base + d;
    }
    if ((hex || bin) && i == digits) ev_fail(t, "invalid suffix \"" + s.substr(1) + "\" on integer constant");
    std::string suffix = s.substr(i), lower;
    for (char c : suffix) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static const std::set<std::string> ok = {"", "u", "l", "ul", "lu", "ll", "ull", "llu"};
    if (!ok.count(lower) || (lower.find("ll") != std::string::npos && suffix.find("lL") != std::string::npos) ||
        suffix.find("Ll") != std::string::npos)
      ev_fail(t, "invalid suffix \"" + suffix + "\" on integer constant");
    if (bin) ev_pedantic(t, "binary constants are a C2X feature or GCC extension");
    Num n;
    n.v = v;
    n.uns = lower.find('u') != std::string::npos;
    if (too_large) {
      ev_pedantic(t, "integer constant is too large for its type");
    } else if (!n.uns && v > static_cast<uint64_t>(INT64_MAX)) {
      if (base == 10) ev_pedantic(t, "integer constant is so large that it is unsigned");
      n.uns = true;
    }
    return n;
  }

  // A character constant's value: char is signed; several characters make
  // an int as gcc makes it ('ab' == 'a' * 256 + 'b').
  Num ev_char(const PPToken& t) {
    const std::string& s = t.text;
    size_t q = s.find('\'');
    std::string prefix = s.substr(0, q);
    std::vector<uint64_t> chars;
    for (size_t i = q + 1; i + 1 < s.size();) {
      char c = s[i++];
      if (c != '\\') {
        chars.push_back(static_cast<unsigned char>(c));
        continue;
      }
      char e = s[i++];
      uint64_t v = 0;
      if (e >= '0' && e <= '7') {
        v = static_cast<uint64_t>(e - '0');
        for (int k = 0; k < 2 && i + 1 < s.size() && s[i] >= '0' && s[i] <= '7'; k++) v = v * 8 + static_cast<uint64_t>(s[i++] - '0');
      } else if (e == 'x') {
        while (i + 1 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i]))) {
          char h = s[i++];
          v = v * 16 + static_cast<uint64_t>(std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : std::tolower(h) - 'a' + 10);
        }
      } else {
        static const char from[] = "ntvbrfa\\?'\"e";
        static const char to[] = "\n\t\v\b\r\f\a\\?'\"\x1b";
        const char* f = std::strchr(from, e);
        v = static_cast<unsigned char>(f ? to[f - from] : e);
      }
      chars.push_back(v);
    }
    if (chars.empty()) ev_fail(t, "empty character constant");
    Num n;
    if (prefix.empty()) {
      uint64_t v = 0;
      for (uint64_t c : chars) v = (v << 8) | (c & 0xff);
      n.v = chars.size() == 1 ? static_cast<uint64_t>(static_cast<int64_t>(static_cast<int8_t>(v & 0xff)))
                              : static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(v & 0xffffffffu)));
    } else if (prefix == "L") {  // wchar_t: int
      n.v = static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(chars.back() & 0xffffffffu)));
    } else {  // char16_t, char32_t: unsigned
      n.v = prefix == "u" ? chars.back() & 0xffff : chars.back() & 0xffffffffu;
      n.uns = true;
    }
    return n;
  }

  const SourceFile& src_;
  Diagnostics* diags_;
  std::string dir_;
  std::string current_dir_, current_file_;  // of the file being read ("" dir: the working directory)
  std::set<std::string> once_;               // files with #pragma once, by real path
  std::map<std::string, Macro> macros_;
  std::set<std::string> included_;  // built-in headers included with <...>
  std::vector<PPToken> out_;
  uint32_t last_line_ = 1;
  uint64_t expansions_ = 0;
  std::vector<LineMark> line_marks_;
  std::string date_, time_;
  std::vector<PPToken>* ev_ = nullptr;
  size_t ev_pos_ = 0;
  int ev_skip_ = 0;  // > 0: inside an operand that is not evaluated
};

}  // namespace

std::vector<PPToken> preprocess(const SourceFile& src, Diagnostics* diags, std::set<std::string>* included) {
  Preprocessor pp(src, diags);
  std::vector<PPToken> out = pp.run();
  if (included) *included = pp.included();
  return out;
}

std::vector<PPToken> tokenize_c(const std::string& text, Diagnostics* diags) { return tokenize(text, diags, true); }

}  // namespace dvm::c
