// The program image (.dbc): what a front end produces and the VM loads.
//
// An image is language-neutral: types, globals, units of code and update
// directives.  One unit per top-level procedure; the unit holds the procedure
// (procs[0]) and every routine nested in it (procs[1..], called with CALLN).
// Everything a unit uses outside itself is named, never addressed: called
// top-level procedures by name (PRC operands index Unit::proc_refs) and
// globals by name (GLB operands index Unit::global_refs).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dvm {

// Kind of a VM register (and of a parameter or result).
enum class Kind : uint8_t { I = 0, F = 1, S = 2, V = 3 /* no value: results only */ };

const char* kind_name(Kind k);

// ---- types: structural descriptions, used for layout, strings inside values,
// printing enumerations, content hashes and mapping globals across updates.
enum class TypeKind : uint8_t {
  Int,       // size 1/2/4/8, is_signed
  Real,      // size 4 or 8
  Bool,      // size 1
  Char,      // size 1
  Enum,      // names (values 0..n-1); size 4
  Subrange,  // base (a type index), lo..hi
  String,    // managed reference, size 8; max_len > 0 for string[N]
  Array,     // elem, lo..hi (index range), size = count * elem size
  Record,    // fields with offsets
  Pointer,   // target (a type index, or kNoType for an untyped pointer)
  Proc,      // a procedure value (C function pointers), size 8
  DynArray,  // managed reference (size 8) to {refcount, count, elements of type elem}; 0 = empty
};

constexpr uint32_t kNoType = 0xffffffffu;

struct Field {
  std::string name;
  uint32_t type = kNoType;
  uint32_t offset = 0;
};

struct TypeDesc {
  TypeKind kind = TypeKind::Int;
  std::string name;       // the source name, for listings and messages ("" if anonymous)
  uint32_t size = 8;
  uint32_t align = 8;
  bool is_signed = true;  // Int
  int64_t lo = 0, hi = 0; // Subrange, Array index range
  uint32_t elem = kNoType;   // Array element, Pointer target, Subrange base
  uint32_t max_len = 0;      // String: string[N]
  std::vector<Field> fields;        // Record
  std::vector<std::string> names;   // Enum values, in order
};

// True when values of the type hold string references (need COPY/FINAL).
bool type_is_managed(const std::vector<TypeDesc>& types, uint32_t t);

struct Signature {
  std::vector<Kind> params;
  std::vector<uint32_t> param_types;  // type index of each parameter (kNoType: none)
  std::vector<uint8_t> param_modes;   // 0 value, 1 var, 2 const (addresses for var/const)
  Kind result = Kind::V;
  uint32_t result_type = kNoType;
};

struct LineEntry {
  uint32_t pc;    // first code word the position applies to
  uint32_t line;  // 1-based; kLibraryLine: code of the built-in library (no line of the program's)
  uint32_t col;   // 1-based
};
constexpr uint32_t kLibraryLine = 0xffffffffu;

// A named local, for update points, traces and listings.
struct LocalInfo {
  std::string name;
  uint32_t type = kNoType;
  bool in_frame = false;  // true: at frame-area offset `where`; false: in register `where`
  uint32_t where = 0;
};

struct ManagedSlot {
  uint32_t offset;  // in the frame area
  uint32_t type;    // a managed type
};

// A variable kept in a register for the length of a loop.  A loop that calls
// no procedure passes no safe point where other code runs except its own
// back-edges; there, while an update is pending, the VM writes the register
// to the variable's home before the commit and reads it back after, so
// mappers see, and the loop sees, the variable's true value.
struct Promotion {
  uint32_t begin = 0, end = 0;  // word offsets [begin, end) where `value` holds the variable
  uint32_t value = 0;           // the register
  uint32_t address = 0;         // an I register holding the home's address (set in the prologue)
  int32_t offset = 0;           // byte offset of the home from that address
  uint8_t store = 0, load = 0;  // the opcodes (Op) that write it home and read it back
};

// Frame-area bytes no variable occupies, left after each frame slot by a
// build for memory checking (`dvm compile --check-memory`): an access there
// is an overrun of the slot before it.
struct FrameGuard {
  uint32_t offset = 0, size = 0;
};

struct Proc {
  std::string name;  // "main", "fib", nested: "outer.inner"
  Signature sig;
  std::vector<Kind> regs;  // kind of every register; parameters are regs[0..n-1]
  uint32_t frame_size = 0; // bytes of frame area (zeroed on entry)
  std::vector<ManagedSlot> frame_managed;  // finalized on return
  std::vector<uint32_t> code;
  std::vector<LineEntry> lines;  // sorted by pc
  std::vector<LocalInfo> locals;
  uint32_t num_update_points = 0;
  // Words of set-up code at the start (hoisted addresses and constants, see
  // ProcBuilder::emit_prologue); a frame moving to this version at an update
  // point gets those registers set up again.
  uint32_t prologue_size = 0;
  // For update point k: the registers of the enclosing for loops' hidden
  // counters and limits (counter, limit, counter, limit, ...; outermost first),
  // so a frame moving to a new version keeps its place in those loops.
  std::vector<std::vector<uint32_t>> update_point_loops;
  std::vector<Promotion> promotions;
  std::vector<FrameGuard> frame_guards;  // empty unless built for memory checking
};

struct Unit {
  std::string name;         // == procs[0].name
  std::vector<Proc> procs;  // [0] the top-level routine, then nested ones (SUB operands)
  std::vector<int64_t> kint;
  std::vector<double> kreal;
  std::vector<std::string> kstr;
  std::vector<std::string> proc_refs;    // PRC operands: names of top-level procedures
  std::vector<std::string> global_refs;  // GLB operands: names of globals
  std::vector<Signature> sigs = {};      // SIG operands: signatures of calls through procedure values
  uint64_t hash = 0;  // content hash (see hash_unit): position- and slot-free
};

// Initial value of a global: raw bytes of the type's size, plus string
// literals to place at byte offsets inside it.
struct StringInit {
  uint32_t offset;
  std::string value;
};

// An 8-byte address (or procedure value) stored into a global's initial value
// when the instance lays out static data: C initializers such as
// `char *names[] = {"a", "b"}`, `int *p = &x;`, `void (*f)(void) = g;`.
enum class RelocKind : uint8_t {
  GlobalAddress,  // address of global `target` + addend
  StringBytes,    // address of the NUL-terminated bytes of literal `target` + addend
  ProcValue,      // procedure value of top-level procedure `target` (addend 0)
};

struct Reloc {
  uint32_t offset = 0;  // byte offset inside the global
  RelocKind kind = RelocKind::GlobalAddress;
  std::string target;
  int64_t addend = 0;
};

struct Global {
  std::string name;
  uint32_t type = kNoType;
  std::vector<uint8_t> init;  // empty: all zero
  std::vector<StringInit> init_strings;
  std::vector<Reloc> relocs = {};
};

enum class DirectiveKind : uint8_t { Interprocedure, Mapper, Group };

struct Directive {
  DirectiveKind kind;
  std::vector<std::string> names;  // interprocedure/mapper: the NAME; group: members
  std::string proc;                // interprocedure/mapper: the routine carrying it
  uint32_t line = 0, col = 0;
};

// A procedure that crosses between programs (remote procedures): an export
// (or an interprocedure standing in for an earlier signature of one), or an
// import, whose unit is a stub that marshals its call through the RPC_*
// builtins.  Its parameters are the unit's signature; a record or array
// result is returned through a hidden first parameter (its address).
struct RemoteProc {
  std::string proc;        // the top-level procedure
  std::string service;     // imports: the service that exports it; exports: ""
  std::string stands_for;  // an interprocedure of an exported procedure: that procedure; else ""
  uint32_t result_type = kNoType;  // kNoType: a procedure
  bool result_in_memory = false;   // the result goes to the address in the first parameter
};

struct Image {
  std::string language;     // "pascal" or "c"
  std::string source_path;  // as given to the compiler, for messages
  std::vector<TypeDesc> types;
  std::vector<Global> globals;
  std::vector<Unit> units;
  std::vector<Directive> directives;
  // Remote procedures: the service this program's instances serve (lower
  // case), what it exports and what it calls elsewhere.
  std::string service;
  std::vector<RemoteProc> exports;
  std::vector<RemoteProc> imports;
};

// ---- the .dbc file
constexpr uint32_t kImageMagic = 0x49425644;  // "DVBI" little-endian bytes 'D','V','B','I'
// 2: Unit::sigs, Global::relocs; 3: Proc::promotions; 4: service, exports, imports; 5: Proc::frame_guards
constexpr uint32_t kImageVersion = 6;

// Serializes deterministically (same image, same bytes).
std::vector<uint8_t> write_image(const Image& img);

// Parses a file's bytes; on failure returns false and sets *error to a message
// such as "truncated image at byte 120" or "bad checksum".
bool read_image(const std::vector<uint8_t>& bytes, Image* img, std::string* error);

// Content hash of a unit: its code, constants, symbolic references, and the deep
// structure of every type it uses; no slot indices, line numbers or positions.
uint64_t hash_unit(const Image& img, const Unit& unit);

// Structural key of a signature: kinds, modes and the deep structure of its
// types (not their names or indices), so equal signatures of different images
// have equal keys.  CALLP compares these.
uint64_t signature_key(const Image& img, const Signature& sig);

}  // namespace dvm
