// The JIT mode the unit tests run under: DVM_JIT (off, on, auto) and
// DVM_JIT_THRESHOLD, as for `dvm run`, so CI runs the whole suite in every
// mode (see CMakeLists.txt).
#pragma once
#include <cstdlib>
#include <string>

#include "jit/jit.h"
#include "vm/vm.h"

namespace dvm {

inline VmOptions with_test_jit_mode(VmOptions o) {
  const char* mode = std::getenv("DVM_JIT");
  std::string m = mode ? mode : "off";
  if (m == "on" || m == "auto") {
    o.jit_mode = m == "on" ? JitMode::On : JitMode::Auto;
    o.jit = jit::make_engine();
    const char* threshold = std::getenv("DVM_JIT_THRESHOLD");
    if (threshold) o.jit_threshold = static_cast<uint32_t>(std::strtoul(threshold, nullptr, 10));
  }
  return o;
}

}  // namespace dvm
