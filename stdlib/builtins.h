// The built-in library (stdlib/builtins.def) as the interpreter calls it.
#pragma once

namespace dvm {

class Instance;
union Value;

// Runs one builtin on the argument block R[b..]: n arguments, the result (if
// any) into R[b+n].  Returns false after recording a runtime error
// (Instance::fail) or a quiet stop (Instance::stop_quietly).
using BuiltinFn = bool (*)(Instance& vm, Value* args);

// Builtin::kWRITE_INT, ... (pasted names: EOF is also a <cstdio> macro).
enum class Builtin : int {
#define BUILTIN(name, result, params, meaning) k##name,
#include "stdlib/builtins.def"
#undef BUILTIN
  COUNT_
};

constexpr int kNumBuiltins = static_cast<int>(Builtin::COUNT_);

// The functions of PAS_MATH (the first operand): fpc's math unit.
enum class PasMath : int {
  Power, IntPower, Log10, Log2, LogN, Tan, Cotan, ArcSin, ArcCos, ArcTan2,
  Sinh, Cosh, Tanh, Hypot, DegToRad, RadToDeg,
};
extern const BuiltinFn kBuiltins[kNumBuiltins];

}  // namespace dvm
