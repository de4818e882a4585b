// The image verifier: everything the interpreter relies on without checking.
//
// Checked once per image (at run and at update), so the interpreter never
// tests a register kind, an index or a jump target.  The first problem found
// is reported, as "procedure NAME, offset N: ..." for code and "image: ..."
// for everything else.
#include <cstdint>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "vm/errors.h"
#include "vm/image.h"
#include "vm/opcodes.h"
#include "vm/remote_wire.h"
#include "vm/vm.h"

namespace dvm {
namespace {

// ---- the builtin table, generated from stdlib/builtins.def

struct CalleeSig {
  std::string name;
  std::vector<Kind> params;
  Kind result = Kind::V;
};

namespace builtin_kinds {
constexpr Kind I = Kind::I, F = Kind::F, S = Kind::S, V = Kind::V;
}

const std::vector<CalleeSig>& builtin_table() {
  using namespace builtin_kinds;
#define DVM_KIND_LIST(...) std::vector<Kind>{__VA_ARGS__}
#define BUILTIN(name, result, params, meaning) CalleeSig{#name, DVM_KIND_LIST params, result},
  static const std::vector<CalleeSig> table = {
#include "stdlib/builtins.def"
  };
#undef BUILTIN
#undef DVM_KIND_LIST
  return table;
}

// ---- small helpers

bool is_power_of_two(uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }
bool is_int_size(uint32_t s) { return s == 1 || s == 2 || s == 4 || s == 8; }

std::string reg_name(uint64_t r) { return "r" + std::to_string(r); }

std::string type_label(const std::vector<TypeDesc>& types, uint32_t t) {
  std::string s = "type " + std::to_string(t);
  if (t < types.size() && !types[t].name.empty()) s += " (" + types[t].name + ")";
  return s;
}

// ---- the type table, globals and image-wide rules

class TableVerifier {
 public:
  explicit TableVerifier(const Image& img) : img_(img), types_(img.types) {}

  std::string run() {
    for (uint32_t t = 0; t < types_.size() && error_.empty(); t++) check_type(t);
    if (error_.empty()) check_containment_cycles();
    for (const Global& g : img_.globals) {
      if (!error_.empty()) break;
      check_global(g);
    }
    for (const Global& g : img_.globals) {
      if (!error_.empty()) break;
      check_relocs(g);
    }
    if (error_.empty()) check_units_and_main();
    return error_;
  }

 private:
  bool fail(const std::string& what) {
    if (error_.empty()) error_ = "image: " + what;
    return false;
  }
  bool valid_type(uint32_t t) const { return t < types_.size(); }

  bool check_type(uint32_t t) {
    const TypeDesc& d = types_[t];
    std::string me = type_label(types_, t);
    if (!is_power_of_two(d.align)) return fail(me + ": alignment " + std::to_string(d.align) + " is not a power of two");
    switch (d.kind) {
      case TypeKind::Int:
      case TypeKind::Enum:
        if (!is_int_size(d.size)) return fail(me + ": bad size " + std::to_string(d.size));
        break;
      case TypeKind::Real:
        if (d.size != 4 && d.size != 8) return fail(me + ": bad size " + std::to_string(d.size));
        break;
      case TypeKind::Bool:
      case TypeKind::Char:
        if (d.size != 1) return fail(me + ": bad size " + std::to_string(d.size));
        break;
      case TypeKind::Subrange:
        if (!valid_type(d.elem)) return fail(me + ": base type " + std::to_string(d.elem) + " out of range");
        if (d.lo > d.hi) return fail(me + ": empty subrange");
        if (!is_int_size(d.size)) return fail(me + ": bad size " + std::to_string(d.size));
        break;
      case TypeKind::String:
      case TypeKind::Proc:
        if (d.size != 8) return fail(me + ": bad size " + std::to_string(d.size));
        break;
      case TypeKind::Pointer:
        if (d.elem != kNoType && !valid_type(d.elem))
          return fail(me + ": target type " + std::to_string(d.elem) + " out of range");
        if (d.size != 8) return fail(me + ": bad size " + std::to_string(d.size));
        break;
      case TypeKind::Array:
        return check_array(t);
      case TypeKind::Record:
        return check_record(t);
      case TypeKind::DynArray:
        if (!valid_type(d.elem)) return fail(me + ": element type " + std::to_string(d.elem) + " out of range");
        if (d.size != 8) return fail(me + ": bad size " + std::to_string(d.size));
        // Elements holding references are released through the layout the
        // array object carries (str::kLayoutElements), which the VM checks.
        if (img_.types[d.elem].size == 0) return fail(me + ": elements of size 0");
        break;
    }
    return true;
  }

  bool check_array(uint32_t t) {
    const TypeDesc& d = types_[t];
    std::string me = type_label(types_, t);
    if (!valid_type(d.elem)) return fail(me + ": element type " + std::to_string(d.elem) + " out of range");
    // count = hi - lo + 1 in 128 bits: the bounds are arbitrary int64 values.
    __int128 count = static_cast<__int128>(d.hi) - static_cast<__int128>(d.lo) + 1;
    if (count < 0) return fail(me + ": bad index range");
    __int128 size = count * static_cast<__int128>(types_[d.elem].size);
    if (size != static_cast<__int128>(d.size))
      return fail(me + ": size " + std::to_string(d.size) + " is not the element count times the element size");
    return true;
  }

  bool check_record(uint32_t t) {
    const TypeDesc& d = types_[t];
    std::string me = type_label(types_, t);
    for (const Field& f : d.fields) {
      if (!valid_type(f.type))
        return fail(me + ": field " + f.name + " has type " + std::to_string(f.type) + " out of range");
      uint64_t end = static_cast<uint64_t>(f.offset) + types_[f.type].size;
      if (end > d.size) return fail(me + ": field " + f.name + " extends past the end of the record");
    }
    return true;
  }

  // A value type that contains itself (through array elements, record fields
  // or subrange bases) has no finite layout, and would send every recursive
  // walk over types around forever.  Pointers may point back; they are not
  // followed.
  bool check_containment_cycles() {
    enum : uint8_t { kNew, kActive, kDone };
    std::vector<uint8_t> state(types_.size(), kNew);
    for (uint32_t root = 0; root < types_.size(); root++) {
      if (state[root] != kNew) continue;
      // Explicit stack of (type, next child index): the table may be deep.
      std::vector<std::pair<uint32_t, size_t>> stack{{root, 0}};
      state[root] = kActive;
      while (!stack.empty()) {
        uint32_t t = stack.back().first;
        size_t next = stack.back().second++;
        if (next == num_contained(t)) {
          state[t] = kDone;
          stack.pop_back();
          continue;
        }
        uint32_t kid = contained(t, next);
        if (state[kid] == kActive) return fail(type_label(types_, kid) + " contains itself");
        if (state[kid] == kNew) {
          state[kid] = kActive;
          stack.push_back({kid, 0});
        }
      }
    }
    return true;
  }

  // The types whose values are stored inside a value of type t (indices are
  // already known to be in range).
  size_t num_contained(uint32_t t) const {
    const TypeDesc& d = types_[t];
    if (d.kind == TypeKind::Array || d.kind == TypeKind::Subrange) return 1;
    if (d.kind == TypeKind::Record) return d.fields.size();
    return 0;
  }
  uint32_t contained(uint32_t t, size_t i) const {
    const TypeDesc& d = types_[t];
    return d.kind == TypeKind::Record ? d.fields[i].type : d.elem;
  }

  bool check_global(const Global& g) {
    if (!global_names_.insert(g.name).second) return fail("duplicate global " + g.name);
    if (!valid_type(g.type)) return fail("global " + g.name + " has type " + std::to_string(g.type) + " out of range");
    uint32_t size = types_[g.type].size;
    if (!g.init.empty() && g.init.size() != size)
      return fail("global " + g.name + " has " + std::to_string(g.init.size()) + " bytes of initial value for a type of " +
                  std::to_string(size));
    for (const StringInit& s : g.init_strings)
      if (static_cast<uint64_t>(s.offset) + 8 > size)
        return fail("global " + g.name + ": initial string at offset " + std::to_string(s.offset) + " is outside it");
    return true;
  }

  // Relocations store 8 bytes inside the global and name something that exists
  // (globals may refer to later ones, so this runs after all are known).
  bool check_relocs(const Global& g) {
    uint32_t size = types_[g.type].size;
    for (const Reloc& r : g.relocs) {
      std::string me = "global " + g.name + ": relocation at offset " + std::to_string(r.offset);
      if (static_cast<uint64_t>(r.offset) + 8 > size) return fail(me + " is outside it");
      switch (r.kind) {
        case RelocKind::GlobalAddress:
          if (!global_names_.count(r.target)) return fail(me + " names undefined global " + r.target);
          break;
        case RelocKind::StringBytes:
          break;
        case RelocKind::ProcValue:
          if (!unit_names().count(r.target)) return fail(me + " names undefined procedure " + r.target);
          if (r.addend != 0) return fail(me + " adds an offset to a procedure value");
          break;
        default:
          return fail(me + " has bad kind " + std::to_string(static_cast<int>(r.kind)));
      }
    }
    return true;
  }

  const std::set<std::string>& unit_names() {
    if (unit_names_.empty())
      for (const Unit& u : img_.units) unit_names_.insert(u.name);
    return unit_names_;
  }

  // Pascal's main has no parameters; C's may also be int main(int argc, char **argv).
  bool is_main_signature(const Signature& s) const {
    if (s.params.empty()) return true;
    return img_.language == "c" && s.params == std::vector<Kind>{Kind::I, Kind::I} && s.result == Kind::I;
  }

  bool check_units_and_main() {
    std::set<std::string> names;
    bool has_main = false;
    for (const Unit& u : img_.units) {
      if (u.procs.empty()) return fail("unit " + u.name + " has no procedures");
      if (u.name != u.procs[0].name)
        return fail("unit " + u.name + " is named differently from its procedure " + u.procs[0].name);
      if (!names.insert(u.name).second) return fail("duplicate procedure " + u.name);
      if (u.name == "main" && is_main_signature(u.procs[0].sig)) has_main = true;
    }
    if (!has_main)
      return fail(img_.language == "c" ? "no procedure main with parameters () or (I argc, I argv) and an I result"
                                       : "no procedure main without parameters");
    return true;
  }

  const Image& img_;
  const std::vector<TypeDesc>& types_;
  std::set<std::string> global_names_;
  std::set<std::string> unit_names_;
  std::string error_;
};

// ---- one procedure

class ProcVerifier {
 public:
  ProcVerifier(const Image& img, const Unit& unit, const Proc& proc,
               const std::unordered_map<std::string, const Unit*>& units,
               const std::set<std::string>& globals)
      : img_(img), unit_(unit), proc_(proc), units_(units), globals_(globals) {}

  std::string run() {
    if (check_signature() && check_tables() && decode() && check_promotions()) check_instructions();
    return error_;
  }

 private:
  // ---- reporting
  bool fail(const std::string& what) {
    if (error_.empty()) error_ = "image: procedure " + proc_.name + ": " + what;
    return false;
  }
  bool fail_at(size_t pc, const std::string& what) {
    if (error_.empty()) error_ = "procedure " + proc_.name + ", offset " + std::to_string(pc) + ": " + what;
    return false;
  }
  bool valid_type(uint32_t t) const { return t < img_.types.size(); }
  bool valid_or_none(uint32_t t) const { return t == kNoType || valid_type(t); }

  // ---- the parts that are not code
  bool check_signature() {
    const Signature& s = proc_.sig;
    if (s.param_types.size() != s.params.size() || s.param_modes.size() != s.params.size())
      return fail("parameter types and modes do not match the parameter count");
    if (s.params.size() > proc_.regs.size()) return fail("more parameters than registers");
    for (size_t i = 0; i < s.params.size(); i++) {
      std::string which = "parameter " + std::to_string(i + 1);
      if (s.params[i] == Kind::V) return fail(which + " has no kind (V)");
      if (proc_.regs[i] != s.params[i])
        return fail(which + " is " + kind_name(s.params[i]) + " but register " + reg_name(i) + " is " +
                    kind_name(proc_.regs[i]));
      if (!valid_or_none(s.param_types[i]))
        return fail(which + " has type " + std::to_string(s.param_types[i]) + " out of range");
      if (s.param_modes[i] > 2) return fail(which + " has bad mode " + std::to_string(s.param_modes[i]));
    }
    if (!valid_or_none(s.result_type)) return fail("result type " + std::to_string(s.result_type) + " out of range");
    return true;
  }

  // The register kind that holds a value of type t (aggregates never do).
  static Kind register_kind_of(const TypeDesc& t) {
    switch (t.kind) {
      case TypeKind::Real: return Kind::F;
      case TypeKind::String: case TypeKind::DynArray: return Kind::S;
      case TypeKind::Array: case TypeKind::Record: return Kind::V;
      default: return Kind::I;
    }
  }

  bool check_tables() {
    for (size_t i = 0; i < proc_.lines.size(); i++) {
      if (proc_.lines[i].pc > proc_.code.size()) return fail("line table entry past the end of the code");
      if (i > 0 && proc_.lines[i].pc < proc_.lines[i - 1].pc) return fail("line table is not sorted by offset");
    }
    for (const ManagedSlot& m : proc_.frame_managed) {
      if (!valid_type(m.type)) return fail("managed frame slot has type " + std::to_string(m.type) + " out of range");
      if (static_cast<uint64_t>(m.offset) + img_.types[m.type].size > proc_.frame_size)
        return fail("managed frame slot at offset " + std::to_string(m.offset) + " is outside the frame area");
    }
    for (const LocalInfo& l : proc_.locals) {
      if (!valid_or_none(l.type)) return fail("local " + l.name + " has type " + std::to_string(l.type) + " out of range");
      if (!l.in_frame && l.where >= proc_.regs.size())
        return fail("local " + l.name + " is in register " + reg_name(l.where) + " out of range");
      if (!l.in_frame && l.type != kNoType && proc_.regs[l.where] != register_kind_of(img_.types[l.type]))
        return fail("local " + l.name + " in register " + reg_name(l.where) + " does not match its type");
      uint64_t size = l.type == kNoType ? 0 : img_.types[l.type].size;
      if (l.in_frame && l.where + size > proc_.frame_size)
        return fail("local " + l.name + " at frame offset " + std::to_string(l.where) + " is outside the frame area");
    }
    return true;
  }

  // A promoted variable: a range of the code, registers of the right kinds,
  // and a store/load pair that writes and reads the same width.
  bool check_promotions() {
    for (const FrameGuard& g : proc_.frame_guards)
      if (g.size == 0 || g.offset > proc_.frame_size || g.size > proc_.frame_size - g.offset)
        return fail("frame guard at offset " + std::to_string(g.offset) + " is outside the frame area");
    for (const Promotion& m : proc_.promotions) {
      if (m.begin > m.end || m.end > proc_.code.size()) return fail("promotion range past the end of the code");
      if (m.value >= proc_.regs.size() || m.address >= proc_.regs.size())
        return fail("promotion register out of range");
      if (proc_.regs[m.address] != Kind::I) return fail("promotion address register " + reg_name(m.address) + " is not I");
      Kind want;
      if (!promotion_pair(static_cast<Op>(m.store), static_cast<Op>(m.load), &want))
        return fail("promotion with store opcode " + std::to_string(m.store) + " and load opcode " + std::to_string(m.load));
      if (proc_.regs[m.value] != want)
        return fail("promoted register " + reg_name(m.value) + " is " + kind_name(proc_.regs[m.value]) + " but its home holds " +
                    kind_name(want));
    }
    return true;
  }

  static bool promotion_pair(Op store, Op load, Kind* kind) {
    *kind = Kind::I;
    switch (store) {
      case Op::ST8: return load == Op::LD8S || load == Op::LD8U;
      case Op::ST16: return load == Op::LD16S || load == Op::LD16U;
      case Op::ST32: return load == Op::LD32S || load == Op::LD32U;
      case Op::ST64: return load == Op::LD64;
      case Op::STF32: *kind = Kind::F; return load == Op::LDF32;
      case Op::STF64: *kind = Kind::F; return load == Op::LDF64;
      case Op::STS: *kind = Kind::S; return load == Op::LDS;
      default: return false;
    }
  }

  // ---- decoding: whole instructions, and where each one starts
  bool decode() {
    const std::vector<uint32_t>& code = proc_.code;
    if (code.empty()) return fail_at(0, "empty code (a procedure must end with a return)");
    starts_.assign(code.size(), false);
    size_t pc = 0, last = 0;
    while (pc < code.size()) {
      if (code[pc] >= static_cast<uint32_t>(kNumOps)) return fail_at(pc, "bad opcode " + std::to_string(code[pc]));
      Op op = static_cast<Op>(code[pc]);
      if (op == Op::POLLTRAP) return fail_at(pc, "POLLTRAP is internal to the VM and cannot stand in an image");
      if (pc + op_size(op) > code.size())
        return fail_at(pc, std::string(op_info(op).name) + " is missing operands at the end of the code");
      starts_[pc] = true;
      last = pc;
      pc += op_size(op);
    }
    if (!(op_info(static_cast<Op>(code[last])).flags & F_END))
      return fail_at(last, std::string("control falls off the end of the procedure after ") +
                               op_info(static_cast<Op>(code[last])).name);
    if (proc_.prologue_size > code.size() || (proc_.prologue_size < code.size() && !starts_[proc_.prologue_size]))
      return fail_at(proc_.prologue_size, "the prologue does not end on an instruction");
    for (size_t at = 0; at < proc_.prologue_size; at += op_size(static_cast<Op>(code[at])))
      if (op_info(static_cast<Op>(code[at])).flags & (F_JUMP | F_CALL))
        return fail_at(at, "a jump or call in the prologue");
    return true;
  }

  void check_instructions() {
    for (size_t pc = 0; pc < proc_.code.size(); pc += op_size(static_cast<Op>(proc_.code[pc])))
      if (!check_instruction(pc)) return;
  }

  bool check_instruction(size_t pc) {
    Op op = static_cast<Op>(proc_.code[pc]);
    const OpInfo& info = op_info(op);
    const CalleeSig* callee = nullptr;
    for (int i = 0; i < info.num_operands; i++)
      if (!check_operand(pc, op, info.operands[i], proc_.code[pc + 1 + i], &callee)) return false;
    for (int i = 0; i < info.num_operands; i++) {
      if (info.operands[i] != Operand::RB) continue;
      if (!callee) return fail_at(pc, "argument block without a callee");
      if (!check_call_block(pc, *callee, proc_.code[pc + 1 + i])) return false;
    }
    return check_return(pc, op) && check_immediate(pc, op);
  }

  // ---- operands by kind (the opcode table drives this)
  bool check_operand(size_t pc, Op op, Operand kind, uint32_t w, const CalleeSig** callee) {
    switch (kind) {
      case Operand::RI: return check_reg(pc, op, w, Kind::I);
      case Operand::RF: return check_reg(pc, op, w, Kind::F);
      case Operand::RS: return check_reg(pc, op, w, Kind::S);
      case Operand::RB:
      case Operand::IMM: return true;  // checked with the callee / by opcode
      case Operand::KI: return check_index(pc, w, unit_.kint.size(), "integer constant");
      case Operand::KF: return check_index(pc, w, unit_.kreal.size(), "real constant");
      case Operand::KS: return check_index(pc, w, unit_.kstr.size(), "string constant");
      case Operand::TGT: return check_target(pc, op, w);
      case Operand::PRC: return check_proc_ref(pc, w, callee);
      case Operand::SUB: return check_nested(pc, w, callee);
      case Operand::GLB: return check_global_ref(pc, w);
      case Operand::TYP: return check_index(pc, w, img_.types.size(), "type");
      case Operand::BLT:
        if (!check_index(pc, w, builtin_table().size(), "builtin")) return false;
        *callee = &builtin_table()[w];
        return true;
      case Operand::SIG:
        if (!check_index(pc, w, unit_.sigs.size(), "signature")) return false;
        callee_ = {"a procedure value of signature " + std::to_string(w), unit_.sigs[w].params, unit_.sigs[w].result};
        *callee = &callee_;
        return true;
    }
    return fail_at(pc, "unknown operand kind");
  }

  bool check_reg(size_t pc, Op op, uint32_t r, Kind want) {
    if (r >= proc_.regs.size())
      return fail_at(pc, "register " + reg_name(r) + " out of range (" + std::to_string(proc_.regs.size()) + " registers)");
    if (proc_.regs[r] != want)
      return fail_at(pc, std::string(op_info(op).name) + " needs an " + kind_name(want) + " register but " + reg_name(r) +
                             " is " + kind_name(proc_.regs[r]));
    return true;
  }

  bool check_index(size_t pc, uint32_t i, size_t size, const char* what) {
    if (i < size) return true;
    return fail_at(pc, std::string(what) + " index " + std::to_string(i) + " out of range (" + std::to_string(size) +
                           " entries)");
  }

  bool check_target(size_t pc, Op op, uint32_t target) {
    const OpInfo& info = op_info(op);
    if (target >= proc_.code.size()) return fail_at(pc, "jump target " + std::to_string(target) + " is outside the procedure");
    if (!starts_[target]) return fail_at(pc, "jump target " + std::to_string(target) + " is inside an instruction");
    bool backward = (info.flags & F_BACK) != 0;
    if (backward && target > pc)
      return fail_at(pc, std::string(info.name) + " must jump backward, but its target is " + std::to_string(target));
    if (!backward && target <= pc)
      return fail_at(pc, std::string(info.name) + " must jump forward, but its target is " + std::to_string(target));
    return true;
  }

  bool check_proc_ref(size_t pc, uint32_t k, const CalleeSig** callee) {
    if (!check_index(pc, k, unit_.proc_refs.size(), "procedure reference")) return false;
    const std::string& name = unit_.proc_refs[k];
    auto it = units_.find(name);
    if (it == units_.end()) return fail_at(pc, "call to undefined procedure " + name);
    callee_ = signature_of(it->second->procs[0]);
    *callee = &callee_;
    return true;
  }

  bool check_nested(size_t pc, uint32_t k, const CalleeSig** callee) {
    if (k == 0 || k >= unit_.procs.size())
      return fail_at(pc, "nested routine index " + std::to_string(k) + " out of range (" +
                             std::to_string(unit_.procs.size() - 1) + " nested routines)");
    callee_ = signature_of(unit_.procs[k]);
    *callee = &callee_;
    return true;
  }

  bool check_global_ref(size_t pc, uint32_t k) {
    if (!check_index(pc, k, unit_.global_refs.size(), "global reference")) return false;
    if (!globals_.count(unit_.global_refs[k])) return fail_at(pc, "reference to undefined global " + unit_.global_refs[k]);
    return true;
  }

  static CalleeSig signature_of(const Proc& p) { return {p.name, p.sig.params, p.sig.result}; }

  // Arguments in r[b..b+n-1] with the callee's parameter kinds; the result,
  // if any, comes back in r[b+n], just after them.
  bool check_call_block(size_t pc, const CalleeSig& callee, uint32_t b) {
    uint64_t n = callee.params.size();
    if (b + n > proc_.regs.size()) {
      std::string block = n ? reg_name(b) + ".." + reg_name(b + n - 1) : reg_name(b);
      return fail_at(pc, "argument block " + block + " for " + callee.name + " exceeds the " +
                             std::to_string(proc_.regs.size()) + " registers");
    }
    for (uint64_t i = 0; i < n; i++) {
      Kind have = proc_.regs[b + i];
      if (have != callee.params[i])
        return fail_at(pc, "argument " + std::to_string(i + 1) + " (" + reg_name(b + i) + ") is " + kind_name(have) + " but " +
                               callee.name + " expects " + kind_name(callee.params[i]));
    }
    if (callee.result == Kind::V) return true;
    uint64_t r = b + n;
    if (r >= proc_.regs.size())
      return fail_at(pc, "result register " + reg_name(r) + " for " + callee.name + " out of range");
    if (proc_.regs[r] != callee.result)
      return fail_at(pc, "result register " + reg_name(r) + " is " + kind_name(proc_.regs[r]) + " but " + callee.name +
                             " returns " + kind_name(callee.result));
    return true;
  }

  bool check_return(size_t pc, Op op) {
    Kind returns;
    switch (op) {
      case Op::RET: returns = Kind::V; break;
      case Op::RETI: returns = Kind::I; break;
      case Op::RETF: returns = Kind::F; break;
      case Op::RETS: returns = Kind::S; break;
      default: return true;
    }
    if (returns == proc_.sig.result) return true;
    return fail_at(pc, std::string(op_info(op).name) + " in a procedure whose result is " + kind_name(proc_.sig.result));
  }

  // Immediates whose meaning has a range.
  bool check_immediate(size_t pc, Op op) {
    auto operand = [&](int i) { return static_cast<int32_t>(proc_.code[pc + 1 + i]); };
    switch (op) {
      case Op::TRAP: {
        int32_t imm = operand(0);
        if (imm < 0 || imm >= static_cast<int32_t>(RtError::COUNT_))
          return fail_at(pc, "unknown runtime error number " + std::to_string(imm));
        return true;
      }
      case Op::UPDPT: {
        int32_t imm = operand(0);
        if (imm < 0 || static_cast<uint32_t>(imm) >= proc_.num_update_points)
          return fail_at(pc, "update point " + std::to_string(imm) + " out of range (" +
                                 std::to_string(proc_.num_update_points) + " update points)");
        if (static_cast<size_t>(imm) < proc_.update_point_loops.size()) {
          const std::vector<uint32_t>& regs = proc_.update_point_loops[static_cast<size_t>(imm)];
          if (regs.size() % 2 != 0) return fail_at(pc, "update point loop registers come in pairs");
          for (uint32_t r : regs)
            if (r >= proc_.regs.size() || proc_.regs[r] != Kind::I)
              return fail_at(pc, "update point loop register r" + std::to_string(r) + " is not an I register");
        }
        return true;
      }
      case Op::CDIV:
      case Op::CMOD: {
        int32_t width = operand(3);
        if (width != 32 && width != 64)
          return fail_at(pc, std::string(op_info(op).name) + " width " + std::to_string(width) + " is not 32 or 64");
        return true;
      }
      case Op::FADDR: {
        int32_t off = operand(1);
        if (off < 0 || static_cast<uint32_t>(off) > proc_.frame_size)
          return fail_at(pc, "frame offset " + std::to_string(off) + " outside the frame area of " +
                                 std::to_string(proc_.frame_size) + " bytes");
        return true;
      }
      default:
        return true;
    }
  }

  const Image& img_;
  const Unit& unit_;
  const Proc& proc_;
  const std::unordered_map<std::string, const Unit*>& units_;
  const std::set<std::string>& globals_;
  std::vector<bool> starts_;
  CalleeSig callee_;  // the callee of the instruction being checked
  std::string error_;
};

// The signatures SIG operands name: well formed like a procedure's.
std::string check_unit_sigs(const Image& img, const Unit& u) {
  for (size_t k = 0; k < u.sigs.size(); k++) {
    const Signature& s = u.sigs[k];
    std::string me = "image: unit " + u.name + ", signature " + std::to_string(k);
    auto bad_type = [&](uint32_t t) { return t != kNoType && t >= img.types.size(); };
    if (s.param_types.size() != s.params.size() || s.param_modes.size() != s.params.size())
      return me + ": parameter types and modes do not match the parameter count";
    for (size_t i = 0; i < s.params.size(); i++) {
      if (s.params[i] == Kind::V) return me + ": parameter " + std::to_string(i + 1) + " has no kind (V)";
      if (bad_type(s.param_types[i])) return me + ": parameter " + std::to_string(i + 1) + " has a type out of range";
      if (s.param_modes[i] > 2) return me + ": parameter " + std::to_string(i + 1) + " has a bad mode";
    }
    if (bad_type(s.result_type)) return me + ": result type out of range";
  }
  return "";
}

// References a unit makes that no instruction uses must still resolve: the
// loader binds them all.
std::string check_unit_refs(const Unit& u, const std::unordered_map<std::string, const Unit*>& units,
                            const std::set<std::string>& globals) {
  for (const std::string& name : u.proc_refs)
    if (!units.count(name)) return "image: unit " + u.name + " refers to undefined procedure " + name;
  for (const std::string& name : u.global_refs)
    if (!globals.count(name)) return "image: unit " + u.name + " refers to undefined global " + name;
  return "";
}

// Names in a hostile file may hold control characters; a message goes to a
// terminal, so those are shown escaped.
std::string printable(const std::string& message) {
  std::string out;
  for (unsigned char c : message) {
    if (c >= 0x20 && c != 0x7f) {
      out += static_cast<char>(c);
    } else {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string first_problem(const Image& img) {
  std::string error = TableVerifier(img).run();
  if (!error.empty()) return error;
  std::unordered_map<std::string, const Unit*> units;
  for (const Unit& u : img.units) units.emplace(u.name, &u);
  std::set<std::string> globals;
  for (const Global& g : img.globals) globals.insert(g.name);
  for (const Unit& u : img.units) {
    error = check_unit_sigs(img, u);
    if (!error.empty()) return error;
    for (const Proc& p : u.procs) {
      error = ProcVerifier(img, u, p, units, globals).run();
      if (!error.empty()) return error;
    }
    error = check_unit_refs(u, units, globals);
    if (!error.empty()) return error;
  }
  return wire::check_remote_procs(img);
}

}  // namespace

std::string verify_image(const Image& img) { return printable(first_problem(img)); }

}  // namespace dvm
