// dvm's C library as the front end sees it: one table of the functions it
// provides (header, prototype, how each is implemented), the built-in headers
// made from that table, and the standard functions it does not provide (so a
// program that calls one gets a clear error instead of "implicit declaration").
#pragma once
#include <string>

namespace dvm::c {

// How a library function is compiled.
enum class LibImpl {
  Builtin,  // one CALLB of `builtin` with the prototype's arguments (stdlib/builtins.def)
  Special,  // code written by frontend/c_library.cpp (printf's variadic slots, abs, exit, ...)
  Prelude,  // C code in stdlib/prelude.c, compiled into the image that uses it
};

struct LibFunction {
  const char* name;
  const char* header;     // "stdio.h"
  const char* prototype;  // as the header declares it
  LibImpl impl;
  const char* builtin;    // LibImpl::Builtin: the builtin's name; else ""
};

// The library function called `name`, or null.  Names starting with `__dvm_`
// are the library's own helpers (used by prelude code and header macros).
const LibFunction* library_function(const std::string& name);

// The text of built-in header `name` ("stdio.h"), or null when there is none.
const std::string* builtin_header(const std::string& name);

// The header that declares standard function `name` when dvm's library does
// not provide it ("fopen" -> "stdio.h"), else null.
const char* unprovided_function_header(const std::string& name);

// The header that declares the provided function `name`, or null.
const char* provided_function_header(const std::string& name);

}  // namespace dvm::c
