// Parsing C: preprocessed tokens to an ANTLR parse tree (grammar/C.g4).
#pragma once
#include <memory>
#include <set>
#include <vector>

#include "CLexer.h"
#include "CParser.h"
#include "antlr4-runtime.h"
#include "frontend/c_preprocess.h"
#include "frontend/diag.h"

namespace dvm::c {

// A token of the program: its line and column are where it is spelled (what
// diagnostics name); use_line and use_col, where the macro use it came from
// stands (what line tables name), or the same when it was not expanded.
class CToken : public antlr4::CommonToken {
 public:
  using antlr4::CommonToken::CommonToken;
  uint32_t use_line = 0, use_col = 0;
};

// Owns everything a parse tree points into.
struct ParseResult {
  std::unique_ptr<antlr4::ANTLRInputStream> input;  // empty; the lexer needs one for its vocabulary
  std::unique_ptr<dvm_C::CLexer> lexer;
  std::vector<std::unique_ptr<antlr4::Token>> owned;
  std::unique_ptr<antlr4::ListTokenSource> source;
  std::unique_ptr<antlr4::CommonTokenStream> tokens;
  std::unique_ptr<dvm_C::CParser> parser;
  std::unique_ptr<antlr4::BaseErrorListener> listener;
  dvm_C::CParser::CompilationUnitContext* tree = nullptr;  // null when not parsed
  // Per token index: the token came from a built-in header (the library's
  // declarations, not the user's program).
  std::vector<bool> library_token;
  std::set<std::string> included;  // built-in headers the program included
};

// Nesting deeper than this is a compile error, not a host stack overflow.
constexpr int kMaxNesting = 256;

// Preprocesses and converts to parser tokens (typedef names resolved).
ParseResult lex_c(const SourceFile& src, Diagnostics* diags);

// Preprocesses and parses (SLL first, full LL only when SLL fails).  On any
// error `tree` may be set but must not be compiled.
ParseResult parse_c(const SourceFile& src, Diagnostics* diags);

// After syntax errors: removes from the tree every block item and external
// declaration the parser could not read whole (and stray tokens between
// them), so that what remains may be checked for the errors gcc would
// report before the first syntax error.  False when nothing sound is left.
bool prune_broken(dvm_C::CParser::CompilationUnitContext* tree);

}  // namespace dvm::c
