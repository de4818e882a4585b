// The particulars of a runtime error, read from the failing instruction's
// operands: the index and the bounds it missed, the value outside its range.
#pragma once
#include <cstdint>
#include <string>

#include "vm/errors.h"

namespace dvm {

class Instance;
struct Frame;

// "index 11, bounds 1..10" for an index check, what a builtin recorded in
// Instance::error_detail, "" when there is nothing to add.
std::string fault_detail(const Instance& inst, const Frame* f, const uint32_t* pc, RtError err);

}  // namespace dvm
