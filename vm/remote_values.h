// Values of a program crossing to another program: encoded from registers or
// program memory by the types of the sending procedure's image, decoded into
// the receiving program's memory by its own types (vm/remote_wire.h has the
// format).  Decoding checks everything against the receiving type: a bad or
// hostile message is an error value, never a crash or a half-written value
// the program could see.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "vm/remote_wire.h"

namespace dvm {

class Instance;
union Value;
struct TypeLayout;

namespace remote {

// The types a value is described by: those of one version space's image.
struct Types {
  const std::vector<TypeDesc>* descs;
  const TypeLayout* layouts;
};

// How a value of type t travels in a register or argument slot.
enum class Slot : uint8_t {
  Int,        // an I register holding an integer, boolean, char or enumeration
  Real,       // an F register
  String,     // an S register (a managed string reference)
  CString,    // an I register holding the address of NUL-terminated bytes (C)
  Aggregate,  // an I register holding the address of a record or array in memory
};
Slot slot_of(const Types& types, uint32_t t);

// Encodes the value held in a register slot (Int, Real, String, CString) or,
// for Aggregate, the value at the address in v.  False with *why when the
// value cannot be read (a string reference the program broke).
bool encode(Instance& inst, const Types& types, uint32_t t, uint64_t v, wire::Writer& w, std::string* why);

// What decoding left in program memory that the receiver must free after use.
struct Owned {
  std::vector<uint64_t> strings;  // string references (released)
  std::vector<uint64_t> blocks;   // C strings (heap blocks, freed)
  struct Aggregate {
    uint64_t addr;
    uint32_t type;
  };
  std::vector<Aggregate> aggregates;  // records and arrays (strings inside released, then freed)
  // Frees everything; `types` are the ones the values were decoded with.
  void release(Instance& inst, const Types& types);
};

// Decodes a value of type t into a register slot: integers and reals as they
// are; strings, C strings and aggregates as new objects in program memory
// (recorded in *owned).  False with *why when the bytes do not fit the type
// ("value 300 out of range 0..255", "string longer than 20").
bool decode(Instance& inst, const Types& types, uint32_t t, wire::Reader& r, uint64_t* out, Owned* owned,
            std::string* why);

// Decodes a value of type t into memory at addr (zeroed, of t's size): the
// result of a function whose result is returned in memory.
bool decode_into(Instance& inst, const Types& types, uint32_t t, wire::Reader& r, uint64_t addr, std::string* why);

}  // namespace remote
}  // namespace dvm
