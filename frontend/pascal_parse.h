// Lexing and parsing Pascal with the ANTLR grammar (grammar/Pascal.g4).
#pragma once
#include <memory>

#include "PascalLexer.h"
#include "PascalParser.h"
#include "antlr4-runtime.h"
#include "frontend/diag.h"

namespace dvm::pascal {

// Owns everything a parse tree points into.
struct ParseResult {
  std::unique_ptr<antlr4::ANTLRInputStream> input;
  std::unique_ptr<dvm_Pascal::PascalLexer> lexer;
  std::unique_ptr<antlr4::CommonTokenStream> tokens;
  std::unique_ptr<dvm_Pascal::PascalParser> parser;
  std::unique_ptr<antlr4::BaseErrorListener> listener;
  dvm_Pascal::PascalParser::Program_Context* tree = nullptr;  // null when not parsed
};

// Nesting deeper than this is a compile error, not a host stack overflow.
constexpr int kMaxNesting = 256;

// Parses with SLL prediction first and full LL only when SLL fails.  Lexical
// and syntax errors go to *diags; on any error `tree` may still be set but
// must not be compiled.
ParseResult parse_pascal(const SourceFile& src, Diagnostics* diags);

// After syntax errors: removes from the tree every statement and declaration
// the parser could not read whole (and the stray tokens between them), so
// that what remains may be checked for the errors fpc would report before
// the first syntax error.  False when too little of the program's shape is
// left (then nothing may be compiled).
bool prune_broken(dvm_Pascal::PascalParser::Program_Context* tree);

// Tokens only (for --emit=tokens); lexical errors go to *diags.
ParseResult lex_pascal(const SourceFile& src, Diagnostics* diags);

}  // namespace dvm::pascal
