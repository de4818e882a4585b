#include "frontend/pascal_parse.h"

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

// Turns ANTLR's messages into the compiler's diagnostics.
class ErrorCollector : public antlr4::BaseErrorListener {
 public:
  explicit ErrorCollector(Diagnostics* d) : diags_(d) {}

  void syntaxError(antlr4::Recognizer*, antlr4::Token* offending, size_t line, size_t col,
                   const std::string& msg, std::exception_ptr) override {
    uint32_t len = offending && offending->getType() != antlr4::Token::EOF
                       ? static_cast<uint32_t>(offending->getText().size())
                       : 1;
    diags_->error(static_cast<uint32_t>(line), static_cast<uint32_t>(col) + 1,
                  "syntax error: " + rewrite(msg, offending), len);
  }

 private:
  // "mismatched input 'x' expecting ';'" reads better as "expected ';' before 'x'".
  static std::string rewrite(const std::string& msg, antlr4::Token* offending) {
    auto pos = msg.find("expecting ");
    if (pos != std::string::npos && msg.rfind("mismatched input", 0) == 0) {
      return "expected " + msg.substr(pos + 10) + " before " + describe_token(offending);
    }
    if (msg.rfind("missing ", 0) == 0) {
      auto at = msg.find(" at ");
      return "expected " + msg.substr(8, at == std::string::npos ? std::string::npos : at - 8) +
             " before " + describe_token(offending);
    }
    if (msg.rfind("extraneous input", 0) == 0 || msg.rfind("no viable alternative", 0) == 0)
      return "unexpected " + describe_token(offending);
    return msg;
  }
  Diagnostics* diags_;
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

// Brackets and block keywords must not nest deeper than kMaxNesting: checked
// on the token stream before the recursive-descent parser can recurse.
bool check_nesting(antlr4::CommonTokenStream& tokens, Diagnostics* diags) {
  int depth = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    switch (t->getType()) {
      case PascalLexer::LPAREN: case PascalLexer::LBRACK: case PascalLexer::BEGIN:
      case PascalLexer::CASE: case PascalLexer::RECORD: case PascalLexer::REPEAT:
      case PascalLexer::IF: case PascalLexer::WHILE: case PascalLexer::FOR:
      case PascalLexer::WITH: case PascalLexer::PROCEDURE: case PascalLexer::FUNCTION:
      case PascalLexer::NOT: case PascalLexer::MINUS: case PascalLexer::PLUS:
      case PascalLexer::CARET:
        depth++;
        break;
      case PascalLexer::RPAREN: case PascalLexer::RBRACK: case PascalLexer::END:
      case PascalLexer::UNTIL: case PascalLexer::SEMI:
        depth = depth > 0 ? depth - 1 : 0;
        break;
      default:
        break;
    }
    if (depth > kMaxNesting * 4) {
      diags->error(static_cast<uint32_t>(t->getLine()),
                   static_cast<uint32_t>(t->getCharPositionInLine()) + 1,
                   "nesting too deep (the limit is " + std::to_string(kMaxNesting) + " levels)");
      return false;
    }
  }
  return true;
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
  report_bad_tokens(*r.tokens, diags);
  return r;
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
