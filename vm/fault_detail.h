// The particulars of a runtime error, read from the failing instruction's
// operands: the index and the bounds it missed, the value outside its range.
#pragma once
#include <cstdint>
#include <string>

#include "vm/errors.h"

namespace dvm {

class Instance;
struct Frame;

// "index 11, bounds 1..10" for an index check, "" when there is nothing to
// add.  Reads the instruction's operands from the frame's register window:
// valid where the interpreter raises the error (machine code keeps its
// registers elsewhere and reports the error without the particulars).
std::string fault_detail(const Instance& inst, const Frame* f, const uint32_t* pc, RtError err);

}  // namespace dvm
