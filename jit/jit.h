// The JIT as the driver sees it: an engine to give to an instance, and the
// teaching view of a program's machine code.  See docs/JIT.md.
#pragma once
#include <memory>
#include <string>

#include "vm/image.h"
#include "vm/native.h"

namespace dvm::jit {

std::shared_ptr<JitEngine> make_engine();

// `dvm dis --jit`: each procedure's bytecode (source lines above) with the
// x86-64 instructions generated for each instruction beneath it.  `only`
// names one procedure ("" for all).  The image must have passed verification.
bool listing(const Image& img, const std::string& only, std::string* out, std::string* error);

}  // namespace dvm::jit
