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

// One instruction as the listing shows it ("   12  ADD      r2, r0, r1"),
// and a procedure's heading ("procedure fib(n: Int64): Int64").
std::string instruction_text(const Image& img, const Unit& unit, const Proc& p, size_t pc);
std::string procedure_heading(const Image& img, const Proc& p);

}  // namespace dvm
