#include "frontend/pascal_parse.h"
#include "frontend/prune.h"

#include <algorithm>

#include <set>
#include <stdexcept>
#include <string>

namespace dvm::pascal {
namespace {

using dvm_Pascal::PascalLexer;
using dvm_Pascal::PascalParser;

std::string describe_token(antlr4::Token* t) {
  if (t == nullptr || t->getType() == antlr4::Token::EOF) return "end of file";
  return "'" + t->getText() + "'";
}

// Words of Free Pascal that the subset leaves out: met where the grammar
// cannot go on, they are named instead of reported as a syntax error.
const char* unsupported_word(const std::string& text) {
  static const std::pair<const char*, const char*> kWords[] = {
      {"try", "exceptions (try)"}, {"except", "exceptions (try)"}, {"finally", "exceptions (try)"},
      {"raise", "exceptions (raise)"}, {"class", "classes"}, {"object", "objects"},
      {"interface", "units and interfaces"}, {"implementation", "units"}, {"unit", "units"},
      {"library", "libraries"}, {"property", "properties"}, {"inherited", "classes (inherited)"},
      {"constructor", "classes (constructors)"}, {"destructor", "classes (destructors)"},
      {"asm", "assembler blocks"}, {"operator", "operator overloading"}, {"generic", "generics"},
      {"specialize", "generics"}, {"threadvar", "thread variables"}, {"resourcestring", "resource strings"},
      {"absolute", "absolute variables"}, {"initialization", "units"}, {"finalization", "units"},
  };
  std::string w;
  for (char c : text) w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [word, what] : kWords)
    if (w == word) return what;
  return nullptr;
}

// A token kind as a person reads it: 'then', ':=', an identifier.
std::string token_words(const antlr4::dfa::Vocabulary& vocab, size_t type) {
  switch (type) {
    case PascalLexer::IDENT: return "an identifier";
    case PascalLexer::INTEGER_LITERAL: case PascalLexer::REAL_LITERAL: return "a number";
    case PascalLexer::STRING_LITERAL: return "a string";
    case PascalLexer::DVMDIR: return "a {$dvm ...} directive";
    case antlr4::Token::EOF: return "the end of the file";
    default: break;
  }
  std::string lit = vocab.getLiteralName(type);
  if (!lit.empty()) return lit;
  std::string name = vocab.getSymbolicName(type);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return "'" + name + "'";
}

// What the parser wanted, in a few words: ';' when it could have been the
// end of a statement (a missing ';' is the usual cause), "an expression"
// when any expression could start there, else the tokens themselves.
bool starts_statement(antlr4::Token* t) {
  switch (t ? t->getType() : 0) {
    case PascalLexer::IDENT: case PascalLexer::BEGIN: case PascalLexer::IF: case PascalLexer::WHILE:
    case PascalLexer::FOR: case PascalLexer::REPEAT: case PascalLexer::CASE: case PascalLexer::WITH:
    case PascalLexer::GOTO:
      return true;
    default:
      return false;
  }
}

std::string expected_words(antlr4::Parser* parser, antlr4::Token* offending) {
  antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
  // Where an operand may start, a missing ';' cannot be why (`exit(;`).
  if (expected.contains(static_cast<size_t>(PascalLexer::INTEGER_LITERAL)) &&
      expected.contains(static_cast<size_t>(PascalLexer::IDENT)))
    return "an expression";
  if (expected.contains(static_cast<size_t>(PascalLexer::SEMI))) return "';'";
  // A statement where the block could only end: the ';' between them is missing.
  bool block_end = expected.contains(static_cast<size_t>(PascalLexer::END)) ||
                   expected.contains(static_cast<size_t>(PascalLexer::UNTIL));
  if (block_end && starts_statement(offending)) return "';'";
  std::vector<std::string> words;
  for (ssize_t t : expected.toList()) {
    if (t <= 0 && t != -1) continue;  // -1: end of file
    words.push_back(token_words(parser->getVocabulary(), static_cast<size_t>(t)));
  }
  if (words.empty()) return "something else";
  std::string out;
  for (size_t i = 0; i < words.size() && i < 4; i++)
    out += (i == 0 ? "" : i + 1 == words.size() || i == 3 ? " or " : ", ") + words[i];
  return out;
}

// Turns ANTLR's messages into the compiler's diagnostics (one per line).
class ErrorCollector : public antlr4::BaseErrorListener {
 public:
  explicit ErrorCollector(Diagnostics* d) : diags_(d) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line, size_t col,
                   const std::string& msg, std::exception_ptr) override {
    if (reported_++ > 0 && line == last_line_) return;
    last_line_ = line;
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    if (parser && offending && unsupported_near(parser, offending)) return;
    uint32_t len = offending && offending->getType() != antlr4::Token::EOF
                       ? static_cast<uint32_t>(offending->getText().size())
                       : 1;
    std::string text = parser ? "expected " + expected_words(parser, offending) + " before " + describe_token(offending)
                              : "syntax error: " + msg;
    if (parser && offending && msg.rfind("extraneous input", 0) == 0 && expected_words(parser, offending) != "';'" &&
        expected_words(parser, offending) != "an expression")
      text = "unexpected " + describe_token(offending);
    diags_->error(static_cast<uint32_t>(line), static_cast<uint32_t>(col) + 1, "syntax error: " + text, len);
  }

 private:
  // An unsupported word at the error or just before it: named at its place.
  bool unsupported_near(antlr4::Parser* parser, antlr4::Token* offending) {
    antlr4::TokenStream* tokens = parser->getTokenStream();
    size_t at = offending->getTokenIndex();
    if (const char* what = unsupported_construct(tokens, at)) {
      if (named_.insert(at).second)
        diags_->error(static_cast<uint32_t>(offending->getLine()),
                      static_cast<uint32_t>(offending->getCharPositionInLine()) + 1,
                      std::string("unsupported: ") + what, static_cast<uint32_t>(offending->getText().size()));
      return true;
    }
    for (size_t back = 0; back <= 3 && back <= at; back++) {
      antlr4::Token* t = tokens->get(at - back);
      if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
      const char* what = unsupported_word(t->getText());
      if (!what) continue;
      if (named_.count(t->getTokenIndex())) return true;
      named_.insert(t->getTokenIndex());
      diags_->error(static_cast<uint32_t>(t->getLine()), static_cast<uint32_t>(t->getCharPositionInLine()) + 1,
                    std::string("unsupported: ") + what, static_cast<uint32_t>(t->getText().size()));
      return true;
    }
    return false;
  }
  // Constructs of fpc outside the subset that only their place tells: a
  // dynamic array type (`array of T` outside a parameter list).
  static const char* unsupported_construct(antlr4::TokenStream* tokens, size_t at) {
    auto word = [&](size_t back) -> std::string {
      if (back > at) return "";
      std::string w = tokens->get(at - back)->getText();
      for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return w;
    };
    std::string here = word(0), before = word(1);
    if (here == "of" && before == "array" && word(2) != ":") return "dynamic arrays";
    if (here == "const" && before == "of" && word(2) == "array") return "array of const";
    return nullptr;
  }
  Diagnostics* diags_;
  int reported_ = 0;
  size_t last_line_ = 0;
  std::set<size_t> named_;
};

// Lexical problems are tokens of their own so messages can say what is wrong.
void report_bad_tokens(antlr4::CommonTokenStream& tokens, Diagnostics* diags) {
  for (antlr4::Token* t : tokens.getTokens()) {
    uint32_t line = static_cast<uint32_t>(t->getLine());
    uint32_t col = static_cast<uint32_t>(t->getCharPositionInLine()) + 1;
    switch (t->getType()) {
      case PascalLexer::UNTERMINATED_COMMENT:
        diags->error(line, col, "unterminated comment");
        break;
      case PascalLexer::UNTERMINATED_STRING:
        diags->error(line, col, "unterminated string literal");
        break;
      case PascalLexer::BAD_CHAR:
        diags->error(line, col, "stray '" + t->getText() + "' in program");
        break;
      default:
        break;
    }
  }
}

// Whether a token ends an operand, so that a + or - after it is binary.
bool ends_operand(size_t type) {
  switch (type) {
    case PascalLexer::IDENT: case PascalLexer::INTEGER_LITERAL: case PascalLexer::REAL_LITERAL:
    case PascalLexer::STRING_LITERAL: case PascalLexer::RPAREN: case PascalLexer::RBRACK:
    case PascalLexer::CARET: case PascalLexer::NIL:
      return true;
    default:
      return false;
  }
}

// Nesting must stay within kMaxNesting levels (with room: the parser takes a
// few rules per level): checked on the token stream before the
// recursive-descent parser can recurse.  Brackets and blocks (begin, case,
// record, repeat) nest until they close; statement prefixes (if, while, for,
// with) and unary operators nest until the statement or bracket they are in
// ends.  Binary operators nest nothing: the parser loops over them.
bool check_nesting(antlr4::CommonTokenStream& tokens, Diagnostics* diags) {
  std::vector<int> chains{0};  // per open block: its pending prefixes
  int depth = 0;               // open blocks plus every pending prefix
  size_t prev = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    size_t type = t->getType();
    switch (type) {
      case PascalLexer::LPAREN: case PascalLexer::LBRACK: case PascalLexer::BEGIN:
      case PascalLexer::CASE: case PascalLexer::RECORD: case PascalLexer::REPEAT:
        depth++;
        chains.push_back(0);
        break;
      case PascalLexer::RPAREN: case PascalLexer::RBRACK: case PascalLexer::END:
      case PascalLexer::UNTIL:
        if (chains.size() > 1) {
          depth -= 1 + chains.back();
          chains.pop_back();
        }
        break;
      case PascalLexer::SEMI:
        depth -= chains.back();
        chains.back() = 0;
        break;
      case PascalLexer::IF: case PascalLexer::WHILE: case PascalLexer::FOR: case PascalLexer::WITH:
      case PascalLexer::NOT: case PascalLexer::AT:
        depth++;
        chains.back()++;
        break;
      case PascalLexer::MINUS: case PascalLexer::PLUS: case PascalLexer::CARET:
        if (!ends_operand(prev)) {
          depth++;
          chains.back()++;
        }
        break;
      default:
        break;
    }
    prev = type;
    if (depth > kMaxNesting * 4) {
      diags->error(static_cast<uint32_t>(t->getLine()),
                   static_cast<uint32_t>(t->getCharPositionInLine()) + 1,
                   "nesting too deep (the limit is " + std::to_string(kMaxNesting) + " levels)");
      return false;
    }
  }
  return true;
}

// The `.` of the first `end.` when anything but the end of the file follows
// it, else null.
antlr4::Token* final_dot(antlr4::CommonTokenStream& tokens) {
  const std::vector<antlr4::Token*>& all = tokens.getTokens();
  antlr4::Token* prev = nullptr;
  for (size_t i = 0; i < all.size(); i++) {
    antlr4::Token* t = all[i];
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    if (prev && prev->getType() == PascalLexer::END && t->getType() == PascalLexer::DOT) {
      for (size_t k = i + 1; k < all.size(); k++)
        if (all[k]->getType() != antlr4::Token::EOF) return t;
      return nullptr;
    }
    prev = t;
  }
  return nullptr;
}

// Where the first byte that is not part of a well-formed UTF-8 sequence is
// (1-based line and column); line 1, column 1 when no such byte is found.
void first_bad_utf8(const std::string& text, uint32_t* line, uint32_t* col) {
  *line = 1;
  *col = 1;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = n > 0 && i + n <= text.size();
    for (size_t k = 1; ok && k < n; k++) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (!ok) return;
    if (c == '\n') {
      ++*line;
      *col = 1;
    } else {
      ++*col;
    }
    i += n;
  }
  *line = *col = 1;
}

}  // namespace

ParseResult lex_pascal(const SourceFile& src, Diagnostics* diags) {
  ParseResult r;
  try {
    r.input = std::make_unique<antlr4::ANTLRInputStream>(src.text);
  } catch (const std::range_error&) {  // the runtime's UTF-8 decoder rejects the text
    uint32_t line, col;
    first_bad_utf8(src.text, &line, &col);
    diags->error(line, col, "the source is not valid UTF-8");
    r.input = std::make_unique<antlr4::ANTLRInputStream>(std::string());
  }
  r.lexer = std::make_unique<PascalLexer>(r.input.get());
  r.lexer->removeErrorListeners();
  r.tokens = std::make_unique<antlr4::CommonTokenStream>(r.lexer.get());
  r.tokens->fill();
  // As fpc: whatever follows the program's final `end.` is not read.
  if (antlr4::Token* dot = final_dot(*r.tokens)) {
    std::string kept = r.input->getText(antlr4::misc::Interval(size_t{0}, dot->getStopIndex()));
    r.input = std::make_unique<antlr4::ANTLRInputStream>(kept);
    r.lexer = std::make_unique<PascalLexer>(r.input.get());
    r.lexer->removeErrorListeners();
    r.tokens = std::make_unique<antlr4::CommonTokenStream>(r.lexer.get());
    r.tokens->fill();
  }
  report_bad_tokens(*r.tokens, diags);
  return r;
}

namespace {
bool block_whole(PascalParser::BlockContext* b) {
  return b && b->compoundStatement() && b->compoundStatement()->statementList();
}
}  // namespace

bool prune_broken(PascalParser::Program_Context* tree) {
  using P = PascalParser;
  if (!tree || tree->exception || !tree->identifier() || !block_whole(tree->block())) return false;
  PruneRules rules;
  rules.is_frame = [](antlr4::tree::ParseTree* t) {
    return dynamic_cast<P::StatementListContext*>(t) || dynamic_cast<P::CompoundStatementContext*>(t) ||
           dynamic_cast<P::BlockContext*>(t) || dynamic_cast<P::Program_Context*>(t);
  };
  rules.removable_around = [](antlr4::tree::ParseTree* t) -> antlr4::tree::ParseTree* {
    for (; t && t->parent; t = t->parent) {
      if (dynamic_cast<P::StatementContext*>(t) && dynamic_cast<P::StatementListContext*>(t->parent)) return t;
      if (dynamic_cast<P::DeclarationContext*>(t) && dynamic_cast<P::BlockContext*>(t->parent)) return t;
    }
    return nullptr;
  };
  // A routine whose block lost its statement part goes too.
  rules.also_broken = [main = tree->block()](antlr4::tree::ParseTree* t) {
    auto* b = dynamic_cast<P::BlockContext*>(t);
    return b && b != main && !block_whole(b);
  };
  return prune_broken_tree(tree, rules);
}

ParseResult parse_pascal(const SourceFile& src, Diagnostics* diags) {
  ParseResult r = lex_pascal(src, diags);
  if (diags->error_count() > 0 || !check_nesting(*r.tokens, diags)) return r;

  r.parser = std::make_unique<PascalParser>(r.tokens.get());
  r.parser->removeErrorListeners();
  auto* sim = r.parser->getInterpreter<antlr4::atn::ParserATNSimulator>();

  // Stage 1: SLL with bail-out; most programs parse here, in linear time.
  sim->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  r.parser->setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  try {
    r.tree = r.parser->program_();
    return r;
  } catch (antlr4::ParseCancellationException&) {
  }
  // Stage 2: full LL with error recovery, so several errors are reported.
  r.tokens->seek(0);
  r.parser->reset();
  r.listener = std::make_unique<ErrorCollector>(diags);
  r.parser->addErrorListener(r.listener.get());
  r.parser->setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
  sim->setPredictionMode(antlr4::atn::PredictionMode::LL);
  r.tree = r.parser->program_();
  return r;
}

}  // namespace dvm::pascal
