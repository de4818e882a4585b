// The disassembler.  Everything about instructions comes from kOpInfo, so a
// new opcode is listed correctly without touching this file.
#include "vm/disasm.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "vm/opcodes.h"

namespace dvm {
namespace {

const std::vector<const char*>& builtin_names() {
  static const std::vector<const char*> names = {
#define BUILTIN(name, result, params, meaning) #name,
#include "stdlib/builtins.def"
#undef BUILTIN
  };
  return names;
}

// ---- values

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c >= 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// The shortest text that reads back as the same double, always recognizably real.
std::string real_text(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  char buf[40];
  for (int precision = 1; precision <= 17; precision++) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  std::string s = buf;
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

// ---- types

std::string type_text(const std::vector<TypeDesc>& types, uint32_t t, int depth = 0);

std::string anonymous_type_text(const std::vector<TypeDesc>& types, const TypeDesc& d, int depth) {
  std::string size = std::to_string(d.size * 8);
  switch (d.kind) {
    case TypeKind::Int: return (d.is_signed ? "int" : "uint") + size;
    case TypeKind::Real: return "real" + size;
    case TypeKind::Bool: return "boolean";
    case TypeKind::Char: return "char";
    case TypeKind::Enum: {
      constexpr size_t kShown = 8;  // enough to recognize it; the full list can be long
      std::string s = "(";
      for (size_t i = 0; i < d.names.size() && i < kShown; i++) s += (i ? ", " : "") + d.names[i];
      return s + (d.names.size() > kShown ? ", ...)" : ")");
    }
    case TypeKind::Subrange: return std::to_string(d.lo) + ".." + std::to_string(d.hi);
    case TypeKind::String: return d.max_len ? "string[" + std::to_string(d.max_len) + "]" : "string";
    case TypeKind::Array:
      return "array[" + std::to_string(d.lo) + ".." + std::to_string(d.hi) + "] of " + type_text(types, d.elem, depth + 1);
    case TypeKind::Record: return "record(" + std::to_string(d.fields.size()) + " fields)";
    case TypeKind::Pointer: return d.elem == kNoType ? "pointer" : "^" + type_text(types, d.elem, depth + 1);
    case TypeKind::Proc: return "procedure value";
    case TypeKind::DynArray: return "array of " + type_text(types, d.elem, depth + 1);
  }
  return "?";
}

// The source name when there is one, else a short structural description.
std::string type_text(const std::vector<TypeDesc>& types, uint32_t t, int depth) {
  if (t == kNoType) return "-";
  if (t >= types.size()) return "T?" + std::to_string(t);
  const TypeDesc& d = types[t];
  if (!d.name.empty()) return d.name;
  if (depth >= 3) return "T" + std::to_string(t);  // anonymous types may nest or recurse
  return anonymous_type_text(types, d, depth);
}

// ---- procedures

// Name of parameter i: the local that lives in its register, if listed.
std::string param_name(const Proc& p, size_t i) {
  for (const LocalInfo& l : p.locals)
    if (!l.in_frame && l.where == i) return l.name;
  return "p" + std::to_string(i);
}

std::string kind_or_type(const std::vector<TypeDesc>& types, Kind k, uint32_t t) {
  return t == kNoType ? kind_name(k) : type_text(types, t);
}

std::string signature_text(const Image& img, const Proc& p) {
  static const char* const kModes[] = {"", "var ", "const "};
  const Signature& s = p.sig;
  std::string out = (s.result == Kind::V ? "procedure " : "function ") + p.name + "(";
  for (size_t i = 0; i < s.params.size(); i++) {
    uint8_t mode = i < s.param_modes.size() ? s.param_modes[i] : 0;
    uint32_t type = i < s.param_types.size() ? s.param_types[i] : kNoType;
    if (i) out += "; ";
    out += (mode < 3 ? kModes[mode] : "?mode ") + param_name(p, i) + ": " + kind_or_type(img.types, s.params[i], type);
  }
  out += ")";
  if (s.result != Kind::V) out += " : " + kind_or_type(img.types, s.result, s.result_type);
  return out;
}

template <class T>
const T* at(const std::vector<T>& v, uint32_t i) {
  return i < v.size() ? &v[i] : nullptr;
}

// A signature of the SIG table, as "(I, F) -> I" (types by name where known).
std::string sig_text(const Image& img, const Signature& s) {
  std::string out = "(";
  for (size_t i = 0; i < s.params.size(); i++) {
    uint32_t type = i < s.param_types.size() ? s.param_types[i] : kNoType;
    out += (i ? ", " : "") + kind_or_type(img.types, s.params[i], type);
  }
  return out + ") -> " + kind_or_type(img.types, s.result, s.result_type);
}

std::string operand_text(const Image& img, const Unit& u, Operand kind, uint32_t w) {
  std::string index = std::to_string(w);
  switch (kind) {
    case Operand::RI:
    case Operand::RF:
    case Operand::RS:
    case Operand::RB: return "r" + index;
    case Operand::IMM: return "#" + std::to_string(static_cast<int32_t>(w));
    case Operand::KI: {
      auto v = at(u.kint, w);
      return "K" + index + "=" + (v ? std::to_string(*v) : "?");
    }
    case Operand::KF: {
      auto v = at(u.kreal, w);
      return "K" + index + "=" + (v ? real_text(*v) : "?");
    }
    case Operand::KS: {
      auto v = at(u.kstr, w);
      return v ? quoted(*v) : "K" + index + "=?";
    }
    case Operand::TGT: return "->" + index;
    case Operand::PRC: {
      auto v = at(u.proc_refs, w);
      return v ? *v : "proc?" + index;
    }
    case Operand::SUB: {
      auto v = at(u.procs, w);
      return v ? v->name : "nested?" + index;
    }
    case Operand::GLB: {
      auto v = at(u.global_refs, w);
      return v ? *v : "global?" + index;
    }
    case Operand::TYP: return type_text(img.types, w);
    case Operand::BLT: {
      auto v = at(builtin_names(), w);
      return v ? *v : "builtin?" + index;
    }
    case Operand::SIG: {
      auto v = at(u.sigs, w);
      return "S" + index + (v ? "=" + sig_text(img, *v) : "=?");
    }
  }
  return "?";
}

std::string padded(std::string s, size_t width) {
  if (s.size() < width) s.resize(width, ' ');
  return s;
}

std::string offset_text(size_t pc) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%5zu  ", pc);
  return buf;
}

// The source position of the line-table runs that begin inside [pc, end).
std::string position_note(const Proc& p, size_t* next_line, size_t pc, size_t end) {
  const LineEntry* found = nullptr;
  while (*next_line < p.lines.size() && p.lines[*next_line].pc < end) {
    if (p.lines[*next_line].pc >= pc) found = &p.lines[*next_line];
    ++*next_line;
  }
  if (!found) return "";
  if (found->line == kLibraryLine) return "; (library)";
  return "; " + std::to_string(found->line) + ":" + std::to_string(found->col);
}

// The opcode and operands of the instruction at pc; *end is where the next starts.
std::string instruction_words(const Image& img, const Unit& u, const Proc& p, size_t pc, size_t* end, std::string* name) {
  uint32_t opcode = p.code[pc];
  bool decodable = opcode < static_cast<uint32_t>(kNumOps) && pc + op_size(static_cast<Op>(opcode)) <= p.code.size();
  std::string operands;
  *end = pc + 1;
  if (decodable) {
    const OpInfo& info = kOpInfo[opcode];
    *end = pc + op_size(static_cast<Op>(opcode));
    for (int i = 0; i < info.num_operands; i++)
      operands += (i ? ", " : "") + operand_text(img, u, info.operands[i], p.code[pc + 1 + i]);
    *name = info.name;
  } else {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", opcode);
    *name = ".word";
    operands = buf;
  }
  return operands;
}

void list_code(const Image& img, const Unit& u, const Proc& p, std::string& out) {
  size_t pc = 0, next_line = 0;
  while (pc < p.code.size()) {
    size_t end;
    std::string name;
    std::string operands = instruction_words(img, u, p, pc, &end, &name);
    std::string line = offset_text(pc) + padded(name, 8) + " ";
    std::string note = position_note(p, &next_line, pc, end);
    line += note.empty() ? operands : padded(operands, 18) + note;
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + "\n";
    pc = end;
  }
}

// Runs of registers of one kind, as " r0..r2:I r3:F".
std::string register_kinds(const std::vector<Kind>& regs) {
  std::string out;
  for (size_t first = 0, last; first < regs.size(); first = last + 1) {
    for (last = first; last + 1 < regs.size() && regs[last + 1] == regs[first];) last++;
    out += " r" + std::to_string(first);
    if (last > first) out += "..r" + std::to_string(last);
    out += std::string(":") + kind_name(regs[first]);
  }
  return out;
}

void list_proc(const Image& img, const Unit& u, const Proc& p, std::string& out) {
  out += signature_text(img, p) + "\n";
  out += "  registers:" + register_kinds(p.regs);
  out += "\n  frame: " + std::to_string(p.frame_size) + " bytes";
  for (const ManagedSlot& m : p.frame_managed)
    out += ", managed " + type_text(img.types, m.type) + " at " + std::to_string(m.offset);
  out += "\n";
  if (!p.locals.empty()) {
    out += "  locals:";
    for (const LocalInfo& l : p.locals)
      out += " " + l.name + (l.in_frame ? "@" : "=r") + std::to_string(l.where) + ":" + type_text(img.types, l.type);
    out += "\n";
  }
  if (p.num_update_points) out += "  update points: " + std::to_string(p.num_update_points) + "\n";
  if (!p.frame_guards.empty()) {
    out += "  frame guards:";
    for (const FrameGuard& g : p.frame_guards)
      out += " " + std::to_string(g.offset) + ".." + std::to_string(g.offset + g.size - 1);
    out += "\n";
  }
  for (const Promotion& m : p.promotions) {
    out += "  promoted: r" + std::to_string(m.value) + " holds [r" + std::to_string(m.address) + "+" +
           std::to_string(m.offset) + "] in " + std::to_string(m.begin) + ".." + std::to_string(m.end) + "\n";
  }
  out += "  code:\n";
  list_code(img, u, p, out);
}

template <class T, class F>
void list_line(std::string& out, const char* title, const std::vector<T>& items, F text) {
  if (items.empty()) return;
  out += std::string("  ") + title + ":";
  for (size_t i = 0; i < items.size(); i++) out += (i ? ", " : " ") + text(i, items[i]);
  out += "\n";
}

std::string hex64(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// "&counter+8", "&\"text\"", "proc fib".
std::string reloc_text(const Reloc& r) {
  std::string addend = r.addend ? (r.addend > 0 ? "+" : "") + std::to_string(r.addend) : "";
  switch (r.kind) {
    case RelocKind::GlobalAddress: return "&" + r.target + addend;
    case RelocKind::StringBytes: return "&" + quoted(r.target) + addend;
    case RelocKind::ProcValue: return "proc " + r.target + addend;
  }
  return "?reloc " + r.target;
}

std::string global_text(const Image& img, const Global& g) {
  std::string s = "  " + g.name + ": " + type_text(img.types, g.type);
  if (!g.init.empty()) {
    s += " = bytes";
    for (size_t i = 0; i < g.init.size() && i < 16; i++) {
      char buf[4];
      std::snprintf(buf, sizeof buf, " %02x", g.init[i]);
      s += buf;
    }
    if (g.init.size() > 16) s += " ...";
  }
  for (const StringInit& si : g.init_strings) s += ", @" + std::to_string(si.offset) + " " + quoted(si.value);
  for (const Reloc& r : g.relocs) s += ", @" + std::to_string(r.offset) + " " + reloc_text(r);
  return s + "\n";
}

std::string directive_text(const Directive& d) {
  static const char* const kKinds[] = {"interprocedure", "mapper", "group"};
  unsigned k = static_cast<unsigned>(d.kind);
  std::string s = std::string("  ") + (k < 3 ? kKinds[k] : "?");
  for (size_t i = 0; i < d.names.size(); i++) s += (i ? ", " : " ") + d.names[i];
  if (!d.proc.empty()) s += " in " + d.proc;
  return s + " (" + std::to_string(d.line) + ":" + std::to_string(d.col) + ")\n";
}

}  // namespace

std::string instruction_text(const Image& img, const Unit& u, const Proc& p, size_t pc) {
  size_t end;
  std::string name;
  std::string operands = instruction_words(img, u, p, pc, &end, &name);
  std::string line = offset_text(pc) + padded(name, 8) + " " + operands;
  line.erase(line.find_last_not_of(' ') + 1);
  return line;
}

std::string procedure_heading(const Image& img, const Proc& p) { return signature_text(img, p); }

std::string disassemble_unit(const Image& img, const Unit& u) {
  std::string out = "unit " + u.name + "  ; hash " + hex64(u.hash) + "\n";
  list_line(out, "integer constants", u.kint,
            [](size_t i, int64_t v) { return "K" + std::to_string(i) + "=" + std::to_string(v); });
  list_line(out, "real constants", u.kreal,
            [](size_t i, double v) { return "K" + std::to_string(i) + "=" + real_text(v); });
  list_line(out, "string constants", u.kstr,
            [](size_t i, const std::string& v) { return "K" + std::to_string(i) + "=" + quoted(v); });
  list_line(out, "calls", u.proc_refs, [](size_t, const std::string& v) { return v; });
  list_line(out, "globals", u.global_refs, [](size_t, const std::string& v) { return v; });
  list_line(out, "signatures", u.sigs,
            [&](size_t i, const Signature& v) { return "S" + std::to_string(i) + "=" + sig_text(img, v); });
  for (const Proc& p : u.procs) {
    out += "\n";
    list_proc(img, u, p, out);
  }
  return out;
}

std::string disassemble(const Image& img) {
  std::string out = "; dvm image, language " + img.language + ", source " + img.source_path + "\n";
  if (!img.globals.empty()) {
    out += "globals:\n";
    for (const Global& g : img.globals) out += global_text(img, g);
  }
  if (!img.directives.empty()) {
    out += "directives:\n";
    for (const Directive& d : img.directives) out += directive_text(d);
  }
  if (!img.exports.empty() || !img.imports.empty()) {
    out += "service " + img.service + "\n";
    for (const RemoteProc& r : img.exports)
      out += "  export " + r.proc + (r.stands_for.empty() ? "" : " (interprocedure of " + r.stands_for + ")") + "\n";
    for (const RemoteProc& r : img.imports) out += "  import " + r.proc + " from " + r.service + "\n";
  }
  for (const Unit& u : img.units) out += "\n" + disassemble_unit(img, u);
  return out;
}

}  // namespace dvm
