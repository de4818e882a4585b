#include "stdlib/builtin_ids.h"

namespace dvm {
namespace {
constexpr Kind I = Kind::I, F = Kind::F, S = Kind::S, V = Kind::V;

template <typename... K>
constexpr BuiltinSig sig(const char* name, Kind result, K... params) {
  return BuiltinSig{name, result, static_cast<uint8_t>(sizeof...(params)), {params...}};
}
}  // namespace

const BuiltinSig kBuiltinSigs[kNumBuiltins] = {
#define BUILTIN_PARAMS(...) __VA_OPT__(, ) __VA_ARGS__
#define BUILTIN(name, result, params, meaning) sig(#name, result BUILTIN_PARAMS params),
#include "stdlib/builtins.def"
#undef BUILTIN
#undef BUILTIN_PARAMS
};

}  // namespace dvm
