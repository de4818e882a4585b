// The C preprocessor: source text to a list of tokens, each carrying the
// position in the user's source file where diagnostics should point (for a
// token produced by a macro expansion: the macro's invocation).
#pragma once
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "frontend/diag.h"

namespace dvm::c {

struct PPToken {
  // Placemarker: an empty macro argument beside ## while a macro is
  // substituted (C11 6.10.3.3); never leaves the preprocessor.  Other: a
  // character that is no token (`@`), an error where it reaches the program.
  enum Kind : uint8_t { Ident, Number, Char, String, Punct, Pragma, End, Placemarker, Other } kind = End;
  std::string text;
  uint32_t line = 0, col = 0;  // in the main source file (1-based): where it is spelled
  // From a macro expansion: where the outermost macro's use stands (0: not
  // expanded).  Diagnostics use the spelling, as gcc does (an error in a
  // macro's body is on the #define's line); line tables use the use.
  uint32_t exp_line = 0, exp_col = 0;
  uint32_t nl_line = 0;        // last token of a line: the physical line of its end
  bool space = false;          // whitespace or a line break before it (for # stringification)
  bool bol = false;            // first token of a line (before expansion)
  bool from_library = false;   // from a built-in header (left out of the teaching views)
  // Macros that must not expand again inside this token (C11 6.10.3.4).
  std::shared_ptr<std::vector<std::string>> hide;
};

// Preprocesses `src` (reading "file.h" headers beside it, built-in headers
// from memory).  Errors go to *diags with positions in the main file.
// *included (when given) receives the built-in headers included as <name>.
std::vector<PPToken> preprocess(const SourceFile& src, Diagnostics* diags,
                                std::set<std::string>* included = nullptr);

// Splits text into tokens without running directives (for --emit=tokens).
std::vector<PPToken> tokenize_c(const std::string& text, Diagnostics* diags);

}  // namespace dvm::c
