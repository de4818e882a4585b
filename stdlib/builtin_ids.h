// Signatures of the builtins (stdlib/builtins.def) for code generators.
#pragma once
#include <cstdint>

#include "stdlib/builtins.h"
#include "vm/image.h"

namespace dvm {

struct BuiltinSig {
  const char* name;
  Kind result;
  uint8_t num_params;
  Kind params[6];
};

// Indexed by Builtin.
extern const BuiltinSig kBuiltinSigs[kNumBuiltins];

inline const BuiltinSig& builtin_sig(Builtin b) { return kBuiltinSigs[static_cast<int>(b)]; }

}  // namespace dvm
