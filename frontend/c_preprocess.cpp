// The C preprocessor (C11 6.10): tokenizing, directives, conditional
// inclusion and macro expansion with hide sets (Prosser's algorithm, as
// chibicc does).  The library's headers are built in.
#include "frontend/c_preprocess.h"

#include "frontend/c_headers.h"

#include <algorithm>
#include <cstring>
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

class Preprocessor {
 public:
  Preprocessor(const SourceFile& src, Diagnostics* diags) : src_(src), diags_(diags) {
    std::string dir = src.path;
    auto slash = dir.rfind('/');
    dir_ = slash == std::string::npos ? "" : dir.substr(0, slash + 1);
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
    if (remap)
      for (PPToken& t : toks) {
        t.line = line;
        t.col = col;
      }
    Reader r{&toks, 0, {}};
    struct Cond {
      bool active, taken, seen_else;
      uint32_t line, col;
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
              v = eval_if(args, hash);
            } else {
              if (args.empty() || args[0].kind != PPToken::Ident) error(hash.line, hash.col, "no macro name given in #" + name + " directive");
              else v = macros_.count(args[0].text) > 0;
              if (name == "ifndef") v = !v;
            }
            conds.push_back({v, v, false, hash.line, hash.col});
          } else {
            conds.push_back({false, true, false, hash.line, hash.col});
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
          if (name == "endif") {
            conds.pop_back();
          } else if (name == "else") {
            if (c.seen_else) error(hash.line, hash.col, "#else after #else");
            c.seen_else = true;
            c.active = parent && !c.taken;
            c.taken = true;
          } else {
            if (c.seen_else) error(hash.line, hash.col, "#elif after #else");
            bool v = parent && !c.taken && eval_if(args, hash);
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
    if (!conds.empty()) error(conds.back().line, conds.back().col, "unterminated #if");
    if (!toks.empty() && !remap) last_line_ = toks.back().line + 1;
  }

  void directive(const PPToken& hash, const std::string& name, const std::vector<PPToken>& rest,
                 const std::vector<PPToken>& args, int depth) {
    if (rest.empty()) return;  // the null directive
    if (name == "define") return define(hash, args);
    if (name == "undef") {
      if (args.empty() || args[0].kind != PPToken::Ident) return error(hash.line, hash.col, "no macro name given in #undef directive");
      macros_.erase(args[0].text);
      return;
    }
    if (name == "include") return include(hash, args, depth);
    if (name == "error") {
      std::string msg;
      for (const PPToken& t : args) msg += (msg.empty() ? "" : " ") + t.text;
      return error(hash.line, hash.col, "#error " + msg);
    }
    if (name == "warning") return;
    if (name == "line") return;
    if (name == "pragma") {
      if (!args.empty() && args[0].text == "dvm") {
        PPToken p;
        p.kind = PPToken::Pragma;
        p.line = hash.line;
        p.col = hash.col;
        p.text = "#pragma";
        for (const PPToken& t : args) p.text += " " + t.text;
        out_.push_back(p);
      }
      return;  // other pragmas are ignored, as gcc does
    }
    error(hash.line, hash.col, "invalid preprocessing directive #" + name);
  }

  void define(const PPToken& hash, const std::vector<PPToken>& args) {
    if (args.empty() || args[0].kind != PPToken::Ident) return error(hash.line, hash.col, "macro names must be identifiers");
    Macro m;
    size_t i = 1;
    if (args.size() > 1 && args[1].text == "(" && !args[1].space) {
      m.function_like = true;
      i = 2;
      while (i < args.size() && args[i].text != ")") {
        if (args[i].text == "...") {
          m.variadic = true;
          m.params.push_back("__VA_ARGS__");
        } else if (args[i].kind == PPToken::Ident) {
          m.params.push_back(args[i].text);
        } else {
          return error(args[i].line, args[i].col, "expected parameter name, found \"" + args[i].text + "\"");
        }
        i++;
        if (i < args.size() && args[i].text == ",") i++;
      }
      if (i >= args.size()) return error(hash.line, hash.col, "missing ')' in macro parameter list");
      i++;
    }
    m.body.assign(args.begin() + static_cast<long>(i), args.end());
    if (!m.body.empty()) m.body[0].space = false;
    macros_[args[0].text] = std::move(m);
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
    } else if (!args.empty() && args[0].text == "<") {
      system = true;
      for (size_t i = 1; i < args.size() && args[i].text != ">"; i++) name += args[i].text;
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
      std::ifstream in(dir_ + name, std::ios::binary);
      if (in) {
        std::ostringstream ss;
        ss << in.rdbuf();
        process_file(tokenize(ss.str(), diags_, false), true, hash.line, hash.col, depth + 1);
        return;
      }
    }
    error(hash.line, hash.col, name + ": No such file or directory");
  }

  // Expands one token (reading macro arguments from r) onto *out.
  void expand_into(PPToken t, Reader& r, std::vector<PPToken>* out) {
    if (++expansions_ > 2000000) {
      if (expansions_ == 2000001) error(t.line, t.col, "macro expansion too large");
      return;
    }
    if (t.kind == PPToken::Ident) {
      if (t.text == "__LINE__") {
        t.kind = PPToken::Number;
        t.text = std::to_string(t.line);
        out->push_back(t);
        return;
      }
      if (t.text == "__FILE__") {
        t.kind = PPToken::String;
        t.text = "\"" + src_.path + "\"";
        out->push_back(t);
        return;
      }
      auto it = macros_.find(t.text);
      if (it != macros_.end() && !hidden(t, t.text)) {
        const Macro& m = it->second;
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
          if (m.variadic && args.size() + 1 == m.params.size()) args.emplace_back();
          if (args.size() != m.params.size()) {
            error(t.line, t.col, "macro \"" + t.text + "\" passed " + std::to_string(args.size()) +
                                     " arguments, but takes " + std::to_string(m.params.size()));
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
    for (PPToken& t : out) {
      t.line = at.line;
      t.col = at.col;
      t.bol = false;
      t.from_library = at.from_library;
      auto h = add_hide(t.hide, name);
      if (hide) h->insert(h->end(), hide->begin(), hide->end());
      t.hide = h;
    }
    if (!out.empty()) out[0].space = at.space;
    return out;
  }

  // ---- #if expressions
  bool eval_if(const std::vector<PPToken>& args, const PPToken& hash) {
    std::vector<PPToken> toks;
    for (size_t i = 0; i < args.size(); i++) {
      if (args[i].text == "defined") {
        PPToken v = args[i];
        v.kind = PPToken::Number;
        size_t j = i + 1;
        bool paren = j < args.size() && args[j].text == "(";
        if (paren) j++;
        if (j >= args.size() || args[j].kind != PPToken::Ident) {
          error(hash.line, hash.col, "operator \"defined\" requires an identifier");
          return false;
        }
        v.text = macros_.count(args[j].text) ? "1" : "0";
        if (paren) j++;
        i = j;
        toks.push_back(v);
        continue;
      }
      toks.push_back(args[i]);
    }
    toks = expand_all(toks);
    if (toks.empty()) {
      error(hash.line, hash.col, "#if with no expression");
      return false;
    }
    ev_ = &toks;
    ev_pos_ = 0;
    ev_err_ = false;
    int64_t v = ev_cond();
    if (ev_pos_ < toks.size()) ev_err_ = true;
    if (ev_err_) {
      error(hash.line, hash.col, "invalid expression in #if");
      return false;
    }
    return v != 0;
  }

  const std::string& ev_peek() {
    static const std::string none;
    return ev_pos_ < ev_->size() ? (*ev_)[ev_pos_].text : none;
  }
  int64_t ev_primary() {
    if (ev_pos_ >= ev_->size()) {
      ev_err_ = true;
      return 0;
    }
    PPToken t = (*ev_)[ev_pos_++];
    if (t.text == "(") {
      int64_t v = ev_cond();
      if (ev_peek() != ")") ev_err_ = true;
      else ev_pos_++;
      return v;
    }
    if (t.text == "-") return -ev_primary();
    if (t.text == "+") return ev_primary();
    if (t.text == "!") return !ev_primary();
    if (t.text == "~") return ~ev_primary();
    if (t.kind == PPToken::Ident) return 0;
    if (t.kind == PPToken::Number) return static_cast<int64_t>(std::strtoull(t.text.c_str(), nullptr, 0));
    if (t.kind == PPToken::Char) {
      if (t.text.size() >= 3 && t.text[1] != '\\') return static_cast<signed char>(t.text[1]);
      if (t.text.size() >= 4) {
        char e = t.text[2];
        return e == 'n' ? 10 : e == 't' ? 9 : e == '0' ? 0 : e;
      }
    }
    ev_err_ = true;
    return 0;
  }
  int ev_prec(const std::string& op) {
    static const std::map<std::string, int> p = {
        {"*", 10}, {"/", 10}, {"%", 10}, {"+", 9}, {"-", 9}, {"<<", 8}, {">>", 8}, {"<", 7}, {">", 7},
        {"<=", 7}, {">=", 7}, {"==", 6}, {"!=", 6}, {"&", 5}, {"^", 4}, {"|", 3}, {"&&", 2}, {"||", 1}};
    auto it = p.find(op);
    return it == p.end() ? -1 : it->second;
  }
  int64_t ev_binary(int min) {
    int64_t a = ev_primary();
    while (true) {
      std::string op = ev_peek();
      int p = ev_prec(op);
      if (p < min || p < 0) return a;
      ev_pos_++;
      int64_t b = ev_binary(p + 1);
      if (op == "*") a *= b;
      else if (op == "/" || op == "%") {
        if (b == 0) {
          ev_err_ = true;
          return 0;
        }
        a = op == "/" ? a / b : a % b;
      } else if (op == "+") a += b;
      else if (op == "-") a -= b;
      else if (op == "<<") a <<= (b & 63);
      else if (op == ">>") a >>= (b & 63);
      else if (op == "<") a = a < b;
      else if (op == ">") a = a > b;
      else if (op == "<=") a = a <= b;
      else if (op == ">=") a = a >= b;
      else if (op == "==") a = a == b;
      else if (op == "!=") a = a != b;
      else if (op == "&") a &= b;
      else if (op == "^") a ^= b;
      else if (op == "|") a |= b;
      else if (op == "&&") a = a && b;
      else if (op == "||") a = a || b;
    }
  }
  int64_t ev_cond() {
    int64_t c = ev_binary(1);
    if (ev_peek() == "?") {
      ev_pos_++;
      int64_t a = ev_cond();
      if (ev_peek() != ":") {
        ev_err_ = true;
        return 0;
      }
      ev_pos_++;
      int64_t b = ev_cond();
      return c ? a : b;
    }
    return c;
  }

  const SourceFile& src_;
  Diagnostics* diags_;
  std::string dir_;
  std::map<std::string, Macro> macros_;
  std::set<std::string> included_;  // built-in headers included with <...>
  std::vector<PPToken> out_;
  uint32_t last_line_ = 1;
  uint64_t expansions_ = 0;
  std::vector<PPToken>* ev_ = nullptr;
  size_t ev_pos_ = 0;
  bool ev_err_ = false;
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
