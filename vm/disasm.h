// A readable listing of an image, for `dvm dis` and `--emit=bytecode`.
// Driven by the opcode table: operands are rendered by their kind.  Works on
// unverified images too (bad indices and undecodable words are shown as such).
#pragma once
#include <string>

#include "vm/image.h"

namespace dvm {

// Globals, types in use, directives and every unit.
std::string disassemble(const Image& img);

// One unit: its constants and references, then each procedure with its
// signature, registers, frame and code, one instruction per line:
//      12  ADD      r2, r0, r1        ; 7:5
std::string disassemble_unit(const Image& img, const Unit& unit);

}  // namespace dvm
