// Preprocessed tokens to ANTLR tokens, typedef names, and the two-stage parse.
#include "frontend/c_parse.h"
#include "frontend/prune.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <string>

namespace dvm::c {
namespace {

using dvm_C::CLexer;
using dvm_C::CParser;

std::string describe_token(antlr4::Token* t) {
  if (t == nullptr || t->getType() == antlr4::Token::EOF) return "end of input";
  return "'" + t->getText() + "'";
}

// "'int'" -> INT: the parser's vocabulary of keywords and punctuators.
const std::map<std::string, size_t>& literal_types(const antlr4::dfa::Vocabulary& vocab) {
  static std::map<std::string, size_t> m;
  if (m.empty()) {
    for (size_t i = 1; i <= vocab.getMaxTokenType(); i++) {
      std::string lit = vocab.getLiteralName(i);
      if (lit.size() >= 2 && lit.front() == '\'') m[lit.substr(1, lit.size() - 2)] = i;
    }
  }
  return m;
}

// A token kind in gcc's words: ';', identifier, expression.
std::string token_words(const antlr4::dfa::Vocabulary& vocab, ssize_t type) {
  switch (type) {
    case -1: return "end of input";
    case CParser::IDENTIFIER: return "identifier";
    case CParser::TYPEDEF_NAME: return "type name";
    case CParser::INTEGER_CONSTANT: case CParser::FLOATING_CONSTANT: return "numeric constant";
    case CParser::CHARACTER_CONSTANT: return "character constant";
    case CParser::STRING_LITERAL: return "string literal";
    default: break;
  }
  std::string lit = vocab.getLiteralName(static_cast<size_t>(type));
  return lit.empty() ? "" : lit;
}

// What the parser wanted there, as gcc says it: ';' when a statement or
// declaration could have ended (the usual cause), "expression" when any
// expression could start, else up to four of the tokens themselves.
std::string expected_words(antlr4::Parser* parser) {
  antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
  const antlr4::dfa::Vocabulary& vocab = parser->getVocabulary();
  auto literal = [&](const char* text) {
    auto it = literal_types(vocab).find(text);
    return it != literal_types(vocab).end() && expected.contains(it->second);
  };
  if (literal(";")) return "';'";
  if (expected.contains(static_cast<size_t>(CParser::IDENTIFIER)) &&
      expected.contains(static_cast<size_t>(CParser::INTEGER_CONSTANT)))
    return "expression";
  std::vector<std::string> words;
  for (ssize_t t : expected.toList()) {
    std::string w = t == -1 || t > 0 ? token_words(vocab, t) : "";
    if (!w.empty() && std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
  }
  if (words.empty()) return "expression or declaration";
  std::string out;
  size_t n = std::min<size_t>(words.size(), 4);
  for (size_t i = 0; i < n; i++) out += (i == 0 ? "" : i + 1 == n ? " or " : ", ") + words[i];
  return out;
}

// The token before `t` on the parser's channel (null at the start).
antlr4::Token* previous_token(antlr4::Parser* parser, antlr4::Token* t) {
  antlr4::TokenStream* tokens = parser->getTokenStream();
  for (size_t i = t->getTokenIndex(); i-- > 0;) {
    antlr4::Token* p = tokens->get(i);
    if (p->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return p;
  }
  return nullptr;
}

// The first token on t's line.
antlr4::Token* first_on_line(antlr4::Parser* parser, antlr4::Token* t) {
  antlr4::Token* first = t;
  for (antlr4::Token* p = previous_token(parser, t); p && p->getLine() == t->getLine(); p = previous_token(parser, p))
    first = p;
  return first;
}

bool expects_closing_brace(antlr4::Parser* parser) {
  auto it = literal_types(parser->getVocabulary()).find("}");
  return it != literal_types(parser->getVocabulary()).end() && parser->getExpectedTokens().contains(it->second);
}

// Whether the parser is in a statement and not in a declaration: gcc
// expects "',' or ';'" after a declarator, and reports it at the next token
// wherever that is.
bool in_plain_statement(antlr4::Parser* parser) {
  bool statement = false;
  for (antlr4::RuleContext* c = parser->getContext(); c; c = dynamic_cast<antlr4::RuleContext*>(c->parent)) {
    size_t rule = c->getRuleIndex();
    if (rule == CParser::RuleDeclaration || rule == CParser::RuleStructSpecifier || rule == CParser::RuleForInit)
      return false;
    statement = statement || rule == CParser::RuleStatement;
  }
  return statement;
}

// ANTLR's messages in the compiler's words (never the grammar's token
// names), at gcc's positions.
class ErrorCollector : public antlr4::BaseErrorListener {
 public:
  explicit ErrorCollector(Diagnostics* d) : diags_(d) {}
  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line, size_t col,
                   const std::string& msg, std::exception_ptr) override {
    if (reported_++ > 0 && offending && offending->getLine() == last_line_) return;  // one per line
    last_line_ = offending ? offending->getLine() : line;
    uint32_t len = offending && offending->getType() != antlr4::Token::EOF
                       ? static_cast<uint32_t>(offending->getText().size()) : 1;
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    std::string wanted = parser ? expected_words(parser) : "expression or declaration";
    std::string text = "expected " + wanted + " before " + describe_token(offending);
    (void)msg;
    antlr4::Token* prev = parser && offending ? previous_token(parser, offending) : nullptr;
    if (prev && offending->getType() == antlr4::Token::EOF) {
      // gcc: at the first token of the last line that has one.
      antlr4::Token* first = first_on_line(parser, prev);
      line = first->getLine();
      col = first->getCharPositionInLine();
      len = static_cast<uint32_t>(first->getText().size());
      if (expects_closing_brace(parser)) text = "expected declaration or statement at end of input";
      else text = "expected " + wanted + " at end of input";
    } else if (prev && prev->getLine() < offending->getLine() && in_plain_statement(parser) &&
               (wanted == "';'" || wanted == "')'" || wanted == "']'")) {
      // gcc puts a missing ; ) or ] of a statement right after the token it
      // should follow, when the next token is on a later line.
      line = prev->getLine();
      col = prev->getCharPositionInLine() + prev->getText().size();
      len = 1;
    }
    diags_->error(static_cast<uint32_t>(line), static_cast<uint32_t>(col) + 1, text, len);
  }

 private:
  Diagnostics* diags_;
  int reported_ = 0;
  size_t last_line_ = 0;
};

// Recovery without conjured tokens: ours come from a ListTokenSource that
// cannot make new ones, so a missing token ends the rule instead.
class RecoveryStrategy : public antlr4::DefaultErrorStrategy {
 protected:
  antlr4::Token* getMissingSymbol(antlr4::Parser* recognizer) override {
    throw antlr4::InputMismatchException(recognizer);
  }
};

bool is_float_number(const std::string& s) {
  bool hex = s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
  for (char c : s) {
    if (c == '.') return true;
    if (!hex && (c == 'e' || c == 'E')) return true;
    if (hex && (c == 'p' || c == 'P')) return true;
  }
  return false;
}

// Finds typedef declarations in the token stream and gives later uses of
// their names the type TYPEDEF_NAME (chibicc's approach), with block scopes:
// a typedef in a block ends with the block, and a variable declared with a
// typedef's name hides the typedef to the end of its block.  Names declared
// inside a parenthesized list (parameters, a `for` declaration) belong to
// the block that follows (a function body, a loop body) or, for a `for`
// without braces, to the statement up to its `;`.
void mark_typedef_names(std::vector<std::unique_ptr<antlr4::Token>>& toks) {
  std::vector<std::map<std::string, bool>> scopes(1);  // name -> is a typedef name
  std::vector<int> scope_pops;                          // per non-tag brace: scopes to pop at its `}`
  std::map<std::string, bool> pending;                  // declared inside the current top-level parens
  bool pending_for = false, paren_for = false;
  int paren = 0;
  int for_scope_brace = -1;                             // a brace-less `for` body's scope ends at `;`
  struct NameView {
    std::vector<std::map<std::string, bool>>* scopes;
    std::map<std::string, bool>* pending;
    size_t count(const std::string& n) const {
      auto p = pending->find(n);
      if (p != pending->end()) return p->second ? 1 : 0;
      for (auto it = scopes->rbegin(); it != scopes->rend(); ++it) {
        auto f = it->find(n);
        if (f != it->end()) return f->second ? 1 : 0;
      }
      return 0;
    }
  } names{&scopes, &pending};
  auto declare = [&](const std::string& n, bool is_typedef) {
    if (paren > 0 && !is_typedef) pending[n] = is_typedef;
    else scopes.back()[n] = is_typedef;
  };
  bool in_typedef = false, seen_type = false;
  // Declaration specifiers were seen and the declaration has not ended: after
  // a `,` at its own level comes a declarator (`int a, T;` declares T).
  bool in_decl = false;
  std::vector<bool> decl_stack;     // in_decl of the enclosing level, per brace
  std::vector<bool> brace_is_enum;  // enumerators are declared, never type names
  int brace = 0, typedef_brace = 0;
  std::vector<bool> paren_is_params;  // inside a typedef declaration
  int bracket = 0;
  static const std::set<std::string> kTypeWords = {"void", "char", "short", "int", "long", "float", "double",
                                                   "signed", "unsigned", "_Bool", "struct", "union", "enum"};
  // The real pass (kept simple: one loop with the previous token's text).
  std::string prev_text, prev2_text;
  std::vector<bool> brace_is_tag;
  // Member names live in their struct, not in the scope the typedef is in.
  auto in_tag_body = [&]() { return !brace_is_tag.empty() && brace_is_tag.back(); };
  for (auto& up : toks) {
    antlr4::CommonToken* t = static_cast<antlr4::CommonToken*>(up.get());
    std::string text = t->getText();
    size_t type = t->getType();
    bool is_punct = type != CParser::STRING_LITERAL && type != CParser::CHARACTER_CONSTANT;
    if (!pending.empty() && paren == 0 && !(text == "{" && is_punct)) {
      if (pending_for) {
        // `for (T x ...) stmt;`: the names live until the statement's `;`.
        scopes.push_back(pending);
        for_scope_brace = brace;
      }
      pending.clear();
      pending_for = false;
    }
    bool enumerator = type == CParser::IDENTIFIER && !brace_is_enum.empty() && brace_is_enum.back() && paren == 0 &&
                      (prev_text == "{" || prev_text == ",");
    if (enumerator) {
      declare(text, false);
    } else if (type == CParser::IDENTIFIER) {
      bool tag = prev_text == "struct" || prev_text == "union" || prev_text == "enum" || prev_text == "." || prev_text == "->";
      bool in_params = !paren_is_params.empty() && paren_is_params.back();
      if (!tag && names.count(text) && !seen_type) {
        t->setType(CParser::TYPEDEF_NAME);
        seen_type = true;
        if (paren == 0) in_decl = true;
      } else if (!tag) {
        if (in_typedef && brace == typedef_brace && bracket == 0 && !in_params) declare(text, true);
        else if (!in_typedef && seen_type && bracket == 0 && names.count(text) && !in_tag_body()) declare(text, false);
      } else if (prev_text != "." && prev_text != "->") {
        seen_type = true;  // the tag completes `struct X`
      }
    } else if (text == "typedef" && type != CParser::STRING_LITERAL) {
      in_typedef = true;
      typedef_brace = brace;
      paren_is_params.clear();
    } else if (kTypeWords.count(text) && type != CParser::STRING_LITERAL && type != CParser::CHARACTER_CONSTANT) {
      if (text != "struct" && text != "union" && text != "enum") seen_type = true;
      if (paren == 0) in_decl = true;
    } else if (text == "{" && type != CParser::STRING_LITERAL) {
      brace++;
      bool tag_body = prev_text == "struct" || prev_text == "union" || prev_text == "enum" ||
                      prev2_text == "struct" || prev2_text == "union" || prev2_text == "enum";
      brace_is_tag.push_back(tag_body);
      brace_is_enum.push_back(prev_text == "enum" || prev2_text == "enum");
      // After a tag body or an initializer the declaration goes on; after a
      // function body or a block it has ended.
      decl_stack.push_back((tag_body || prev_text == "=") && in_decl);
      in_decl = false;
      if (!tag_body && paren == 0) {
        scopes.push_back(pending);
        pending.clear();
        pending_for = false;
        scope_pops.push_back(1);
      } else {
        scope_pops.push_back(0);
      }
      seen_type = false;
    } else if (text == "}" && type != CParser::STRING_LITERAL) {
      brace--;
      if (!scope_pops.empty()) {
        for (int k = 0; k < scope_pops.back() && scopes.size() > 1; k++) scopes.pop_back();
        scope_pops.pop_back();
      }
      // `struct {...} name`: the declarator follows; after a block, a new declaration.
      seen_type = !brace_is_tag.empty() && brace_is_tag.back();
      if (!brace_is_tag.empty()) brace_is_tag.pop_back();
      if (!brace_is_enum.empty()) brace_is_enum.pop_back();
      in_decl = !decl_stack.empty() && decl_stack.back();
      if (!decl_stack.empty()) decl_stack.pop_back();
    } else if (text == ";" && type != CParser::STRING_LITERAL) {
      if (brace == typedef_brace) in_typedef = false;
      if (paren == 0) in_decl = false;
      if (paren == 0 && for_scope_brace == brace && scopes.size() > 1) {
        scopes.pop_back();
        for_scope_brace = -1;
      }
      seen_type = false;
    } else if ((text == "," || text == "=") && type != CParser::STRING_LITERAL) {
      seen_type = text == "," && in_typedef && paren_is_params.empty() ? true : false;
      if (text == "," && !paren_is_params.empty() && paren_is_params.back()) seen_type = false;
      if (text == "," && paren_is_params.empty() && brace > 0 && !in_typedef) seen_type = false;
      if (text == "," && paren == 0 && bracket == 0 && in_decl) seen_type = true;
    } else if (text == "(" && type != CParser::STRING_LITERAL) {
      bool params = prev_text == ")" || prev_text == "]" ||
                    (!prev_text.empty() && (std::isalnum(static_cast<unsigned char>(prev_text.back())) || prev_text.back() == '_') &&
                     !kTypeWords.count(prev_text));
      if (in_typedef) paren_is_params.push_back(params);
      if (paren == 0) {
        paren_for = prev_text == "for";
        pending.clear();
      }
      paren++;
      seen_type = false;
    } else if (text == ")" && type != CParser::STRING_LITERAL) {
      if (paren > 0 && --paren == 0) pending_for = paren_for;
      if (in_typedef && !paren_is_params.empty()) paren_is_params.pop_back();
    } else if (text == "[" && type != CParser::STRING_LITERAL) {
      bracket++;
    } else if (text == "]" && type != CParser::STRING_LITERAL) {
      bracket--;
    }
    prev2_text = prev_text;
    prev_text = type == CParser::STRING_LITERAL ? "\"" : text;
  }
}

bool check_nesting(antlr4::CommonTokenStream& tokens, Diagnostics* diags) {
  int depth = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    const std::string& s = t->getText();
    if (t->getType() == CParser::STRING_LITERAL) continue;
    if (s == "(" || s == "[" || s == "{") depth++;
    else if (s == ")" || s == "]" || s == "}") depth = depth > 0 ? depth - 1 : 0;
    if (depth > kMaxNesting) {
      diags->error(static_cast<uint32_t>(t->getLine()), static_cast<uint32_t>(t->getCharPositionInLine()) + 1,
                   "nesting too deep (the limit is " + std::to_string(kMaxNesting) + " levels)");
      return false;
    }
  }
  // So do chains of conditionals (a ? b : c ? d : ...): the ?s of one
  // expression at one bracket level, counted until a , or ; ends it.
  std::vector<int> conditionals{0};
  for (antlr4::Token* t : tokens.getTokens()) {
    const std::string& s = t->getText();
    if (t->getType() == CParser::STRING_LITERAL) continue;
    if (s == "(" || s == "[") conditionals.push_back(0);
    else if ((s == ")" || s == "]") && conditionals.size() > 1) conditionals.pop_back();
    else if (s == "{" || s == "}") conditionals.assign(1, 0);
    else if (s == "," || s == ";") conditionals.back() = 0;
    else if (s == "?" && ++conditionals.back() > kMaxNesting) {
      diags->error(static_cast<uint32_t>(t->getLine()), static_cast<uint32_t>(t->getCharPositionInLine()) + 1,
                   "conditional expressions nested too deeply (the limit is " + std::to_string(kMaxNesting) + ")");
      return false;
    }
  }
  // Chains of prefix operators recurse too.
  int run = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    const std::string& s = t->getText();
    bool prefix = s == "-" || s == "+" || s == "!" || s == "~" || s == "*" || s == "&" || s == "++" || s == "--";
    run = prefix ? run + 1 : 0;
    if (run > kMaxNesting * 4) {
      diags->error(static_cast<uint32_t>(t->getLine()), static_cast<uint32_t>(t->getCharPositionInLine()) + 1,
                   "nesting too deep (the limit is " + std::to_string(kMaxNesting) + " levels)");
      return false;
    }
  }
  return true;
}

}  // namespace

namespace {
// gcc's alternate spellings of keywords (__inline__, __const, ...).
std::string gnu_keyword(const std::string& name) {
  if (name.size() < 6 || name[0] != '_' || name[1] != '_') return name;
  static const char* const kWords[] = {"inline", "const", "volatile", "restrict", "signed", "alignof"};
  for (const char* w : kWords) {
    std::string plain = std::string("__") + w;
    if (name == plain || name == plain + "__") return std::strcmp(w, "alignof") == 0 ? "_Alignof" : w;
  }
  return name;
}

// `__attribute__((...))` says nothing dvm uses: skipped with its parentheses.
// Returns the index of its last token.
size_t skip_attribute(const std::vector<PPToken>& pp, size_t at, Diagnostics* diags) {
  int depth = 0;
  for (size_t i = at + 1; i < pp.size() && pp[i].kind != PPToken::End; i++) {
    if (pp[i].kind == PPToken::Punct && pp[i].text == "(") depth++;
    else if (pp[i].kind == PPToken::Punct && pp[i].text == ")" && --depth == 0) return i;
    if (depth == 0) break;
  }
  diags->error(pp[at].line, pp[at].col, "expected '(' after '" + pp[at].text + "'", static_cast<uint32_t>(pp[at].text.size()));
  return at;
}
}  // namespace

ParseResult lex_c(const SourceFile& src, Diagnostics* diags) {
  ParseResult r;
  r.input = std::make_unique<antlr4::ANTLRInputStream>(std::string());
  r.lexer = std::make_unique<CLexer>(r.input.get());
  const auto& lits = literal_types(r.lexer->getVocabulary());
  std::vector<PPToken> pp = preprocess(src, diags, &r.included);
  std::vector<std::unique_ptr<antlr4::Token>> toks;
  for (size_t pi = 0; pi < pp.size(); pi++) {
    const PPToken& p = pp[pi];
    size_t type = 0;
    std::string text = p.text;
    switch (p.kind) {
      case PPToken::Ident: {
        if (p.text == "__extension__") continue;
        if (p.text == "__attribute__" || p.text == "__attribute") {
          pi = skip_attribute(pp, pi, diags);
          continue;
        }
        if (p.text == "_Generic" || p.text == "_Alignas" || p.text == "_Imaginary") {
          diags->error(p.line, p.col, "unsupported: " + p.text, static_cast<uint32_t>(p.text.size()));
          continue;
        }
        text = gnu_keyword(p.text);
        auto it = lits.find(text);
        type = it != lits.end() ? it->second : static_cast<size_t>(CParser::IDENTIFIER);
        break;
      }
      case PPToken::Number: type = is_float_number(p.text) ? CParser::FLOATING_CONSTANT : CParser::INTEGER_CONSTANT; break;
      case PPToken::Char: type = CParser::CHARACTER_CONSTANT; break;
      case PPToken::String: type = CParser::STRING_LITERAL; break;
      case PPToken::Pragma: type = CParser::PRAGMA; break;
      case PPToken::Punct: {
        // Digraphs (C11 6.4.6p3) are their punctuators.
        static const std::map<std::string, std::string> digraphs = {
            {"<:", "["}, {":>", "]"}, {"<%", "{"}, {"%>", "}"}, {"%:", "#"}, {"%:%:", "##"}};
        auto dg = digraphs.find(p.text);
        if (dg != digraphs.end()) text = dg->second;
        auto it = lits.find(text);
        if (it == lits.end()) {
          diags->error(p.line, p.col, "stray '" + p.text + "' in program");
          continue;
        }
        type = it->second;
        break;
      }
      case PPToken::End: type = antlr4::Token::EOF; text = "<EOF>"; break;
      case PPToken::Placemarker: continue;
      case PPToken::Other: continue;  // reported by the preprocessor
    }
    auto t = std::make_unique<CToken>(type, text);
    t->setLine(p.line);
    t->setCharPositionInLine(p.col - 1);
    t->use_line = p.exp_line ? p.exp_line : p.line;
    t->use_col = p.exp_line ? p.exp_col : p.col;
    t->setStartIndex(0);
    t->setStopIndex(text.size() - 1);
    t->setTokenIndex(toks.size());
    r.library_token.push_back(p.from_library);
    toks.push_back(std::move(t));
  }
  mark_typedef_names(toks);
  r.source = std::make_unique<antlr4::ListTokenSource>(std::move(toks));
  r.tokens = std::make_unique<antlr4::CommonTokenStream>(r.source.get());
  r.tokens->fill();
  return r;
}

bool prune_broken(CParser::CompilationUnitContext* tree) {
  if (!tree) return false;
  PruneRules rules;
  rules.is_frame = [](antlr4::tree::ParseTree* t) {
    return dynamic_cast<CParser::CompoundStatementContext*>(t) || dynamic_cast<CParser::CompilationUnitContext*>(t);
  };
  rules.removable_around = [](antlr4::tree::ParseTree* t) -> antlr4::tree::ParseTree* {
    for (; t && t->parent; t = t->parent) {
      if (dynamic_cast<CParser::BlockItemContext*>(t) && dynamic_cast<CParser::CompoundStatementContext*>(t->parent))
        return t;
      if (dynamic_cast<CParser::ExternalDeclarationContext*>(t) &&
          dynamic_cast<CParser::CompilationUnitContext*>(t->parent))
        return t;
    }
    return nullptr;
  };
  rules.also_broken = [](antlr4::tree::ParseTree* t) {  // a function whose body the parser lost
    auto* f = dynamic_cast<CParser::FunctionDefinitionContext*>(t);
    return f && !f->compoundStatement();
  };
  return prune_broken_tree(tree, rules);
}

ParseResult parse_c(const SourceFile& src, Diagnostics* diags) {
  ParseResult r = lex_c(src, diags);
  if (diags->error_count() > 0 || !check_nesting(*r.tokens, diags)) return r;
  r.parser = std::make_unique<CParser>(r.tokens.get());
  r.parser->removeErrorListeners();
  auto* sim = r.parser->getInterpreter<antlr4::atn::ParserATNSimulator>();
  sim->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  r.parser->setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  try {
    r.tree = r.parser->compilationUnit();
    return r;
  } catch (antlr4::ParseCancellationException&) {
  }
  r.tokens->seek(0);
  r.parser->reset();
  r.listener = std::make_unique<ErrorCollector>(diags);
  r.parser->addErrorListener(r.listener.get());
  r.parser->setErrorHandler(std::make_shared<RecoveryStrategy>());
  sim->setPredictionMode(antlr4::atn::PredictionMode::LL);
  r.tree = r.parser->compilationUnit();
  return r;
}

}  // namespace dvm::c
