// The C front end: source text to an image, plus the teaching views.
#pragma once
#include <ostream>
#include <string>

#include "frontend/diag.h"
#include "frontend/options.h"
#include "vm/image.h"

namespace dvm {

// Compiles `src` to *out.  Returns false when there were errors (reported in
// *diags, never thrown).  Callers that accept arbitrary input run it on a
// thread with a large stack (see driver).
bool compile_c(const SourceFile& src, Image* out, Diagnostics* diags, const CompileOptions& options = {});

// --emit=tokens | ast | ast-dot: print that stage; false on errors.
bool emit_c_tokens(const SourceFile& src, std::ostream& out, Diagnostics* diags);
bool emit_c_ast(const SourceFile& src, std::ostream& out, bool dot, Diagnostics* diags);

}  // namespace dvm
