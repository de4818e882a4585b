// C types: construction from declaration specifiers and declarators, the
// x86-64 System V layout, conversions' type rules, and the structural
// description of types in the image.
#include <algorithm>
#include <functional>
#include <set>

#include "frontend/c_compiler.h"
#include "vm/errors.h"

namespace dvm::c {

Type* Compiler::new_type(TK k) {
  types_.emplace_back();
  Type* t = &types_.back();
  t->kind = k;
  switch (k) {
    case TK::Void: t->size = 1; t->align = 1; break;
    case TK::Bool: case TK::Char: case TK::SChar: case TK::UChar: t->size = t->align = 1; break;
    case TK::Short: case TK::UShort: t->size = t->align = 2; break;
    case TK::Int: case TK::UInt: case TK::Float: t->size = t->align = 4; break;
    case TK::Func: t->size = 1; t->align = 1; break;
    default: t->size = t->align = 8; break;
  }
  return t;
}

Type* Compiler::pointer_to(Type* t) {
  Type* p = new_type(TK::Pointer);
  p->base = t;
  return p;
}

Type* Compiler::array_of(Type* t, int64_t n) {
  Type* a = new_type(TK::Array);
  a->base = t;
  a->len = n;
  a->align = t->align;
  a->size = n < 0 ? 0 : static_cast<uint32_t>(n * t->size);
  return a;
}

const Member* Compiler::find_member(const StructInfo* s, const std::string& name, uint32_t* offset) {
  for (const Member& m : s->members) {
    if (m.name == name) {
      *offset = m.offset;
      return &m;
    }
    if (m.name.empty() && m.type->kind == TK::Struct) {
      uint32_t inner = 0;
      if (const Member* found = find_member(m.type->st, name, &inner)) {
        *offset = m.offset + inner;
        return found;
      }
    }
  }
  return nullptr;
}

// A const array is an array of const elements (C11 6.7.3p9): a const struct's
// array member, or a const object of an array typedef, has read-only
// elements that decay to pointers to const.
Type* Compiler::qualified(Type* t, bool is_const) {
  Type* base = t->kind == TK::Array && is_const ? qualified(t->base, true) : t->base;
  if (t->is_const == is_const && base == t->base) return t;
  types_.push_back(*t);
  Type* q = &types_.back();
  q->is_const = is_const;
  q->base = base;
  return q;
}

bool Compiler::is_unsigned(Type* t) {
  switch (t->kind) {
    case TK::Bool: case TK::UChar: case TK::UShort: case TK::UInt: case TK::ULong: case TK::Pointer: return true;
    default: return false;
  }
}

int Compiler::rank(Type* t) {
  switch (t->kind) {
    case TK::Bool: return 0;
    case TK::Char: case TK::SChar: case TK::UChar: return 1;
    case TK::Short: case TK::UShort: return 2;
    case TK::Int: case TK::UInt: return 3;
    default: return 4;
  }
}

Kind Compiler::reg_kind(Type* t) {
  if (is_float(t)) return Kind::F;
  if (is_integer(t) || t->kind == TK::Pointer) return Kind::I;
  return Kind::V;
}

std::string Compiler::type_name(Type* t) {
  std::string q = t->is_const ? "const " : "";
  switch (t->kind) {
    case TK::Void: return q + "void";
    case TK::Bool: return q + "_Bool";
    case TK::Char: return q + "char";
    case TK::SChar: return q + "signed char";
    case TK::UChar: return q + "unsigned char";
    case TK::Short: return q + "short int";
    case TK::UShort: return q + "short unsigned int";
    case TK::Int: return t->enum_name.empty() ? q + "int" : q + "enum " + t->enum_name;
    case TK::UInt: return q + "unsigned int";
    case TK::Long: return q + "long int";
    case TK::ULong: return q + "long unsigned int";
    case TK::Float: return q + "float";
    case TK::Double: return q + "double";
    case TK::Pointer:
      if (t->base->kind == TK::Func) return type_name(t->base->base) + " (*)" + param_list(t->base);
      if (t->base->kind == TK::Array) return type_name(t->base->base) + " (*)[" + std::to_string(t->base->len) + "]";
      return type_name(t->base) + " *" + (t->is_const ? "const" : "");
    case TK::Array: return type_name(t->base) + "[" + (t->vla ? "*" : t->len >= 0 ? std::to_string(t->len) : "") + "]";
    case TK::Struct: return q + (t->st->is_union ? "union " : "struct ") + (t->st->tag.empty() ? "<anonymous>" : t->st->tag);
    case TK::Func: return type_name(t->base) + " " + param_list(t);
  }
  return "?";
}

// "(int, char *)", "(void)", "(const char *, ...)", "()" as gcc writes them.
std::string Compiler::param_list(Type* fn) {
  if (!fn->proto) return "()";
  if (fn->params.empty() && !fn->variadic) return "(void)";
  std::string out = "(";
  for (size_t i = 0; i < fn->params.size(); i++) out += (i ? ", " : "") + type_name(fn->params[i]);
  if (fn->variadic) out += fn->params.empty() ? "..." : ", ...";
  return out + ")";
}

// Compatible types (C11 6.2.7); char, signed char and the integer types of
// equal width are told apart as C does.
bool Compiler::compatible(Type* a, Type* b) {
  if (a == b) return true;
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case TK::Pointer: return a->base->is_const == b->base->is_const && compatible(a->base, b->base);
    case TK::Array: return (a->len < 0 || b->len < 0 || a->len == b->len) && compatible(a->base, b->base);
    case TK::Struct: return a->st == b->st || same_struct_across_units(a->st, b->st);
    case TK::Func: {
      if (!compatible(a->base, b->base)) return false;
      if (!a->proto || !b->proto) return true;
      if (a->params.size() != b->params.size() || a->variadic != b->variadic) return false;
      for (size_t i = 0; i < a->params.size(); i++)
        if (!compatible(unqual(a->params[i]), unqual(b->params[i]))) return false;
      return true;
    }
    default: return true;
  }
}

// C11 6.2.7: structs of different translation units are compatible when
// their tags and their members (names, types, order) are the same.
bool Compiler::same_struct_across_units(StructInfo* a, StructInfo* b) {
  if (a->unit == b->unit || a->tag != b->tag || a->is_union != b->is_union || !a->complete || !b->complete) return false;
  if (a->members.size() != b->members.size()) return false;
  for (size_t i = 0; i < a->members.size(); i++)
    if (a->members[i].name != b->members[i].name || a->members[i].bits != b->members[i].bits ||
        !compatible(a->members[i].type, b->members[i].type))
      return false;
  return true;
}

Type* Compiler::promote(Type* t) {
  if (is_integer(t) && rank(t) < 3) return t_int_;
  return t;
}

// The usual arithmetic conversions (C11 6.3.1.8).
Type* Compiler::usual_arith(Type* a, Type* b) {
  if (a->kind == TK::Double || b->kind == TK::Double) return t_double_;
  if (a->kind == TK::Float || b->kind == TK::Float) return t_float_;
  a = promote(a);
  b = promote(b);
  if (a->kind == b->kind) return a->enum_name.empty() ? a : (a->kind == TK::Int ? t_int_ : a);
  bool ua = is_unsigned(a), ub = is_unsigned(b);
  int ra = rank(a), rb = rank(b);
  if (ua == ub) return ra >= rb ? (ua ? (ra == 4 ? t_ulong_ : t_uint_) : (ra == 4 ? t_long_ : t_int_))
                                : (ub ? (rb == 4 ? t_ulong_ : t_uint_) : (rb == 4 ? t_long_ : t_int_));
  Type* u = ua ? a : b;
  Type* s = ua ? b : a;
  if (rank(u) >= rank(s)) return rank(u) == 4 ? t_ulong_ : t_uint_;
  // The signed type can hold every value of the unsigned one (long vs unsigned int).
  return t_long_;
}

Type* Compiler::adjust_param(Type* t) {
  if (t->kind == TK::Array) return qualified(pointer_to(t->base), t->is_const);
  if (t->kind == TK::Func) return pointer_to(t);
  return t;
}

// A bit-field's member before layout, with gcc's checks of its type and width.
Member Compiler::bit_field(Type* t, const std::string& name, P::StructDeclaratorContext* d) {
  std::string what = name.empty() ? "bit-field" : "bit-field '" + name + "'";
  if (!is_integer(t)) fail(d, what + " has invalid type");
  Type* wt = type_of_expr(d->expr());
  if (!is_integer(wt)) fail(d->expr(), what + " width not an integer constant");
  int64_t width = 0;
  try {
    width = const_int(d->expr());
  } catch (const CompileError&) {
    fail(d->expr(), what + " width not an integer constant");
  }
  if (width < 0) fail(d->expr(), "negative width in " + what);
  if (width == 0 && !name.empty()) fail(d->expr(), "zero width for " + what);
  if (width > static_cast<int64_t>(t->size) * 8) fail(d->expr(), "width of '" + (name.empty() ? std::string("bit-field") : name) + "' exceeds its type");
  Member m{name, t, 0};
  m.declared_width = width;
  m.padding = name.empty();
  return m;
}

// The x86-64 System V layout, as gcc does it.  A bit-field goes at the next
// free bit unless it would cross a boundary of its type's alignment, then at
// that boundary; `T :0` moves to the next boundary of T.  Named bit-fields
// give the struct their type's alignment, unnamed ones do not.
void Compiler::layout_struct(StructInfo* s) {
  uint64_t bitpos = 0;  // the next free bit
  uint32_t size = 0, align = 1;
  for (Member& m : s->members) {
    uint32_t a = m.type->align;
    if (m.declared_width < 0) {
      align = std::max(align, a);
      if (s->is_union) {  // all at the start; as large as the largest
        m.offset = 0;
        size = std::max(size, m.type->size);
        continue;
      }
      uint64_t off = (bitpos + 7) / 8;
      off = (off + a - 1) / a * a;
      m.offset = static_cast<uint32_t>(off);
      bitpos = (off + m.type->size) * 8;
      continue;
    }
    uint64_t w = static_cast<uint64_t>(m.declared_width), unit = uint64_t{a} * 8;
    if (!m.padding) align = std::max(align, a);
    if (s->is_union) {
      m.offset = 0;
      m.bits = static_cast<uint8_t>(w);
      size = std::max(size, static_cast<uint32_t>((w + 7) / 8));
      continue;
    }
    if (w == 0 || bitpos / unit != (bitpos + w - 1) / unit) bitpos = (bitpos + unit - 1) / unit * unit;
    m.offset = static_cast<uint32_t>(bitpos / unit * a);
    m.shift = static_cast<uint8_t>(bitpos - uint64_t{m.offset} * 8);
    m.bits = static_cast<uint8_t>(w);
    bitpos += w;
  }
  if (!s->is_union) size = static_cast<uint32_t>((bitpos + 7) / 8);
  s->members.erase(std::remove_if(s->members.begin(), s->members.end(), [](const Member& m) { return m.padding; }),
                   s->members.end());
  s->align = align;
  s->size = (size + align - 1) / align * align;
  s->complete = true;
}

// ---- the image's structural types ----------------------------------------------

uint32_t Compiler::image_type(Type* t) {
  std::string key;
  TypeDesc d;
  switch (t->kind) {
    case TK::Void: case TK::Func: return kNoType;
    case TK::Bool: key = "b"; d.kind = TypeKind::Bool; d.size = d.align = 1; break;
    case TK::Float: key = "f4"; d.kind = TypeKind::Real; d.size = d.align = 4; break;
    case TK::Double: key = "f8"; d.kind = TypeKind::Real; d.size = d.align = 8; break;
    case TK::Pointer:
      if (t->base->kind == TK::Func) {
        key = "proc";
        d.kind = TypeKind::Proc;
        d.size = d.align = 8;
        break;
      } else {
        uint32_t target = image_type(t->base);
        key = "p" + std::to_string(target);
        d.kind = TypeKind::Pointer;
        d.elem = target;
        break;
      }
    case TK::Array: {
      uint32_t elem = image_type(t->base);
      int64_t n = t->len < 0 ? 0 : t->len;
      key = "a" + std::to_string(elem) + "x" + std::to_string(n);
      d.kind = TypeKind::Array;
      d.elem = elem;
      d.lo = 0;
      d.hi = n - 1;
      d.size = t->size;
      d.align = t->align;
      break;
    }
    case TK::Struct: {
      StructInfo* s = t->st;
      if (s->image_index != kNoType) return s->image_index;
      // Reserved first: members may point back to the struct.
      s->image_index = static_cast<uint32_t>(img_.types.size());
      img_.types.emplace_back();
      TypeDesc r;
      r.kind = TypeKind::Record;
      r.name = (s->is_union ? "union " : "struct ") + s->tag;
      r.size = std::max<uint32_t>(s->size, 1);
      r.align = s->align;
      for (size_t i = 0; i < s->members.size(); i++) {
        const Member& m = s->members[i];
        if (!m.bits) {
          r.fields.push_back({m.name, image_type(m.type), m.offset});
          continue;
        }
        // Bit-fields that share bytes become one field of raw bytes named
        // after them: an update that keeps them keeps their values.
        uint64_t first = m.offset * 8ull + m.shift, last = first + m.bits;
        std::string names = m.name;
        while (i + 1 < s->members.size() && s->members[i + 1].bits &&
               s->members[i + 1].offset * 8ull + s->members[i + 1].shift < (last + 7) / 8 * 8) {
          const Member& n = s->members[++i];
          last = std::max<uint64_t>(last, n.offset * 8ull + n.shift + n.bits);
          names += "," + n.name;
        }
        uint32_t from = static_cast<uint32_t>(first / 8), bytes = static_cast<uint32_t>((last + 7) / 8 - from);
        r.fields.push_back({"bits " + names, image_type(array_of(t_uchar_, bytes)), from});
      }
      img_.types[s->image_index] = r;
      return s->image_index;
    }
    default:
      d.kind = TypeKind::Int;
      d.size = d.align = t->size;
      d.is_signed = !is_unsigned(t);
      key = std::string("i") + std::to_string(t->size) + (d.is_signed ? "s" : "u");
      break;
  }
  auto it = image_type_cache_.find(key);
  if (it != image_type_cache_.end()) return it->second;
  uint32_t index = static_cast<uint32_t>(img_.types.size());
  img_.types.push_back(d);
  image_type_cache_[key] = index;
  return index;
}

// Scalars in their registers; structs by address (mode 2: read-only).
Signature Compiler::signature_of(Type* fn) {
  Signature s;
  if (fn->base->kind == TK::Struct) {
    s.params.push_back(Kind::I);
    s.param_types.push_back(image_type(fn->base));
    s.param_modes.push_back(1);
  }
  for (Type* p : fn->params) {
    if (p->kind == TK::Struct) {
      s.params.push_back(Kind::I);
      s.param_types.push_back(image_type(p));
      s.param_modes.push_back(2);
    } else {
      s.params.push_back(reg_kind(p));
      s.param_types.push_back(image_type(p));
      s.param_modes.push_back(0);
    }
  }
  if (fn->variadic) {
    // The variable arguments: the address of their slots and their count.
    for (Type* p : {t_voidp_, t_long_}) {
      s.params.push_back(Kind::I);
      s.param_types.push_back(image_type(p));
      s.param_modes.push_back(0);
    }
  }
  if (fn->base->kind != TK::Void && fn->base->kind != TK::Struct) {
    s.result = reg_kind(fn->base);
    s.result_type = image_type(fn->base);
  }
  return s;
}

// ---- declaration specifiers -------------------------------------------------------

Compiler::DeclSpec Compiler::decl_specifiers(P::DeclSpecifiersContext* ctx) {
  std::vector<antlr4::ParserRuleContext*> specs;
  for (auto* s : ctx->declSpecifier()) specs.push_back(s);
  return decl_specs(specs, ctx);
}

Type* Compiler::spec_qual_list(P::SpecifierQualifierListContext* ctx) {
  std::vector<antlr4::ParserRuleContext*> specs;
  for (auto* c : ctx->children)
    if (auto* r = dynamic_cast<antlr4::ParserRuleContext*>(c)) specs.push_back(r);
  DeclSpec ds = decl_specs(specs, ctx);
  return ds.type;
}

Compiler::DeclSpec Compiler::decl_specs(const std::vector<antlr4::ParserRuleContext*>& specs, antlr4::ParserRuleContext* where) {
  DeclSpec ds;
  int n_void = 0, n_bool = 0, n_char = 0, n_short = 0, n_int = 0, n_long = 0, n_float = 0, n_double = 0,
      n_signed = 0, n_unsigned = 0, n_other = 0;
  bool is_const = false;
  Type* other = nullptr;
  antlr4::Token* first_bad = nullptr;
  // `struct P {...}` followed by another type: a ; missing after the
  // definition, as gcc reports it.
  bool tag_defined = false;
  antlr4::Token* after_definition = nullptr;
  for (antlr4::ParserRuleContext* s : specs) {
    P::StorageClassContext* sc = nullptr;
    P::TypeSpecifierContext* ts = nullptr;
    P::TypeQualifierContext* tq = nullptr;
    if (auto* d = dynamic_cast<P::DeclSpecifierContext*>(s)) {
      sc = d->storageClass();
      ts = d->typeSpecifier();
      tq = d->typeQualifier();
    } else {
      ts = dynamic_cast<P::TypeSpecifierContext*>(s);
      tq = dynamic_cast<P::TypeQualifierContext*>(s);
    }
    if (sc) {
      std::string w = sc->getText();
      if (w == "typedef") ds.is_typedef = true;
      else if (w == "static") ds.is_static = true;
      else if (w == "extern") ds.is_extern = true;
      else if (w == "register") ds.is_register = true;
      else if (w == "_Thread_local") fail(sc, "unsupported: _Thread_local");
      continue;
    }
    if (tq) {
      std::string w = tq->getText();
      if (w == "const") is_const = true;
      else if (w == "_Atomic") fail(tq, "unsupported: _Atomic");
      continue;
    }
    if (!ts) continue;  // inline, _Noreturn
    if (tag_defined && !after_definition) after_definition = ts->getStart();
    if ((ts->structSpecifier() || ts->enumSpecifier()) && ts->getStop()->getText() == "}") tag_defined = true;
    if (auto* st = ts->structSpecifier()) {
      other = struct_type(st);
      n_other++;
      if (!first_bad && n_other > 1) first_bad = ts->getStart();
      continue;
    }
    if (auto* en = ts->enumSpecifier()) {
      other = enum_type(en);
      n_other++;
      continue;
    }
    std::string w = ts->getText();
    if (ts->TYPEDEF_NAME()) {
      Symbol* sym = lookup(w);
      if (!sym || sym->k != Symbol::Typedef) fail(ts, "unknown type name '" + w + "'");
      other = sym->type;
      n_other++;
      continue;
    }
    if (w == "void") n_void++;
    else if (w == "_Bool") n_bool++;
    else if (w == "char") n_char++;
    else if (w == "short") n_short++;
    else if (w == "int") n_int++;
    else if (w == "long") n_long++;
    else if (w == "float") n_float++;
    else if (w == "double") n_double++;
    else if (w == "signed") n_signed++;
    else if (w == "unsigned") n_unsigned++;
    else if (w == "_Complex") fail(ts, "unsupported: complex types");
  }
  int base_kinds = (n_void > 0) + (n_bool > 0) + (n_char > 0) + (n_float > 0) + (n_double > 0) + (n_other > 0) +
                   ((n_int > 0 || n_short > 0 || n_long > 0) && n_char == 0 && n_float == 0 && n_double == 0 ? 0 : 0);
  bool bad = n_other > 1 || base_kinds > 1 || n_void > 1 || n_bool > 1 || n_char > 1 || n_int > 1 || n_short > 1 ||
             n_long > 2 || n_float > 1 || n_double > 1 || (n_signed && n_unsigned) || n_signed > 1 || n_unsigned > 1 ||
             (n_short && n_long) || ((n_void || n_bool || n_float || n_other) && (n_int || n_short || n_long || n_signed || n_unsigned)) ||
             (n_char && (n_int || n_short || n_long)) || (n_double && (n_int || n_short || n_signed || n_unsigned || n_long > 1));
  if (bad && after_definition)
    fail(after_definition, "expected ';', identifier or '(' before '" + after_definition->getText() + "'");
  if (bad) fail(where, "two or more data types in declaration specifiers");
  Type* t;
  if (n_other) t = other;
  else if (n_void) t = t_void_;
  else if (n_bool) t = t_bool_;
  else if (n_char) t = n_unsigned ? t_uchar_ : n_signed ? t_schar_ : t_char_;
  else if (n_float) t = t_float_;
  else if (n_double) {
    // (an error, and a double all the same: the rest is checked without errors
    // that only follow from this one)
    if (n_long) report_at(where, "unsupported: long double");
    t = t_double_;
  } else if (n_short) t = n_unsigned ? t_ushort_ : t_short_;
  else if (n_long) t = n_unsigned ? t_ulong_ : t_long_;
  else if (n_int || n_signed || n_unsigned) t = n_unsigned ? t_uint_ : t_int_;
  else fail(where, "type defaults to 'int' in declaration");
  ds.type = qualified(t, is_const || t->is_const);
  return ds;
}

Type* Compiler::struct_type(P::StructSpecifierContext* ctx) {
  bool is_union = ctx->structOrUnion()->getText() == "union";
  std::string tag = ctx->tagName() ? ctx->tagName()->getText() : "";
  bool has_body = false;
  for (auto* c : ctx->children)
    if (dynamic_cast<antlr4::tree::TerminalNode*>(c) && c->getText() == "{") has_body = true;
  if (has_body) {
    auto done = tag_types_.find(ctx);
    if (done != tag_types_.end()) {
      if (!tag.empty() && !tags_.back().count(tag)) tags_.back()[tag] = done->second;
      return done->second;
    }
  }
  Type* t = nullptr;
  if (!tag.empty()) {
    // A definition declares the tag in the current scope; a reference finds
    // the innermost one (or declares an incomplete struct).
    if (has_body) {
      auto it = tags_.back().find(tag);
      if (it != tags_.back().end() && it->second->kind == TK::Struct) {
        t = it->second;
        if (t->st->complete) fail(ctx, "redefinition of 'struct " + tag + "'");
      }
    } else {
      for (size_t i = tags_.size(); i-- > 0 && !t;) {
        auto it = tags_[i].find(tag);
        if (it != tags_[i].end()) t = it->second;
      }
      if (t && t->kind != TK::Struct) fail(ctx, "'" + tag + "' defined as wrong kind of tag");
    }
    if (t && t->st->is_union != is_union) fail(ctx, "'" + tag + "' defined as wrong kind of tag");
  }
  if (!t) {
    structs_.emplace_back();
    StructInfo* s = &structs_.back();
    s->tag = tag;
    s->id = static_cast<int>(structs_.size());
    s->unit = translation_unit_;
    s->is_union = is_union;
    t = new_type(TK::Struct);
    t->st = s;
    t->size = 0;
    t->align = 1;
    if (!tag.empty()) tags_.back()[tag] = t;
  }
  if (!has_body) return t;
  tag_types_[ctx] = t;
  StructInfo* s = t->st;
  std::set<std::string> names;
  // Every name an anonymous member brings, for the duplicate check.
  std::function<void(const StructInfo*, antlr4::ParserRuleContext*)> add_names = [&](const StructInfo* in,
                                                                                    antlr4::ParserRuleContext* at) {
    for (const Member& m : in->members) {
      if (m.name.empty()) add_names(m.type->st, at);
      else if (!names.insert(m.name).second) {
        if (m.tok) fail(m.tok, "duplicate member '" + m.name + "'");
        fail(at, "duplicate member '" + m.name + "'");
      }
    }
  };
  auto decls = ctx->structDeclaration();
  for (size_t di = 0; di < decls.size(); di++) {
    auto* sd = decls[di];
    if (sd->staticAssert()) continue;
    Type* base = spec_qual_list(sd->specifierQualifierList());
    if (s->flexible) fail(sd, "flexible array member not at end of struct");
    if (!sd->structDeclaratorList()) {
      // C11 anonymous members: `union { int i; double d; };` lends its
      // members to the enclosing struct.
      if (base->kind == TK::Struct && base->st->tag.empty()) {
        if (base->st->flexible) fail(sd, "invalid use of structure with flexible array member");
        add_names(base->st, sd);
        s->members.push_back({"", base, 0});
      }
      continue;
    }
    auto declarators = sd->structDeclaratorList()->structDeclarator();
    for (size_t k = 0; k < declarators.size(); k++) {
      auto* d = declarators[k];
      std::string name;
      antlr4::Token* tok = nullptr;
      if (!d->declarator()) {  // `int :3;` pads
        s->members.push_back(bit_field(base, "", d));
        continue;
      }
      vla_bounds_unevaluated_++;
      Type* mt;
      try {
        mt = apply_declarator(base, d->declarator(), &name, &tok);
      } catch (...) {
        vla_bounds_unevaluated_--;
        throw;
      }
      vla_bounds_unevaluated_--;
      if (d->expr()) {
        if (!names.insert(name).second) fail(tok, "duplicate member '" + name + "'");
        Member m = bit_field(mt, name, d);
        m.tok = tok;
        s->members.push_back(m);
        continue;
      }
      if (is_variably_modified(mt)) fail(d, "a member of a struct cannot have a variably modified type");
      if (mt->kind == TK::Func) fail(d, "field '" + name + "' declared as a function");
      if (mt->kind == TK::Array && mt->len < 0) {
        // A flexible array member: the last one, after a named member, in a struct.
        if (is_union) fail(d, "flexible array member in union");
        if (di + 1 != decls.size() || k + 1 != declarators.size()) fail(d, "flexible array member not at end of struct");
        if (s->members.empty()) fail(d, "flexible array member in a struct with no named members");
        s->flexible = true;
      }
      if (mt->kind == TK::Struct && mt->st->flexible) fail(d, "invalid use of structure with flexible array member");
      if (mt->kind == TK::Array && mt->base->kind == TK::Struct && mt->base->st->flexible)
        fail(d, "invalid use of structure with flexible array member");
      if (mt->kind == TK::Struct && !mt->st->complete) fail(d, "field '" + name + "' has incomplete type");
      if (mt->kind == TK::Void) fail(d, "field '" + name + "' declared void");
      if (!names.insert(name).second) fail(tok, "duplicate member '" + name + "'");
      s->members.push_back({name, mt, 0, tok});
    }
  }
  std::string what = is_union ? "union" : "struct";
  if (s->members.empty()) fail(ctx, what + " has no members");
  if (std::all_of(s->members.begin(), s->members.end(), [](const Member& m) { return m.padding; }))
    fail(ctx, what + " has no named members");
  layout_struct(s);
  // Every type object of this struct shares the StructInfo; sizes live there
  // and are copied to the Type when complete.
  t->size = s->size;
  t->align = s->align;
  for (Type& other : types_)
    if (other.kind == TK::Struct && other.st == s) {
      other.size = s->size;
      other.align = s->align;
    }
  return t;
}

Type* Compiler::enum_type(P::EnumSpecifierContext* ctx) {
  std::string tag = ctx->tagName() ? ctx->tagName()->getText() : "";
  auto done = tag_types_.find(ctx);
  bool again = done != tag_types_.end();
  Type* t = again ? done->second : new_type(TK::Int);
  t->enum_name = tag.empty() ? "<anonymous>" : tag;
  if (ctx->enumerator().empty()) return t;
  tag_types_[ctx] = t;
  if (!tag.empty()) tags_.back()[tag] = t;
  int64_t next = 0;
  for (auto* e : ctx->enumerator()) {
    if (e->expr()) {
      next = const_int(e->expr());
      if (next < INT32_MIN || next > INT32_MAX) fail(e->expr(), "ISO C restricts enumerator values to range of 'int'");
    } else if (next > INT32_MAX) {
      fail(e, "overflow in enumeration values");
    }
    Symbol s;
    s.k = Symbol::EnumConst;
    s.name = e->IDENTIFIER()->getText();
    s.type = t_int_;
    s.value = next;
    if (!(again && scopes_.back().count(s.name))) declare(s.name, s, e->IDENTIFIER()->getSymbol());
    next++;
  }
  return t;
}

// ---- declarators -------------------------------------------------------------------

Type* Compiler::apply_declarator(Type* base, P::DeclaratorContext* d, std::string* name, antlr4::Token** name_tok,
                                 std::vector<std::pair<std::string, Type*>>* params) {
  Type* t = base;
  for (auto* p : d->pointer()) {
    bool c = false;
    for (auto* q : p->typeQualifier()) c = c || q->getText() == "const";
    t = qualified(pointer_to(t), c);
  }
  auto* dd = d->directDeclarator();
  if (dd->IDENTIFIER()) {
    *name = dd->IDENTIFIER()->getText();
    if (name_tok) *name_tok = dd->IDENTIFIER()->getSymbol();
    return apply_suffixes(t, dd->declaratorSuffix(), params);
  }
  t = apply_suffixes(t, dd->declaratorSuffix(), nullptr);
  return apply_declarator(t, dd->declarator(), name, name_tok, params);
}

Type* Compiler::apply_abstract(Type* base, P::AbstractDeclaratorContext* d) {
  Type* t = base;
  for (auto* p : d->pointer()) {
    bool c = false;
    for (auto* q : p->typeQualifier()) c = c || q->getText() == "const";
    t = qualified(pointer_to(t), c);
  }
  auto* dad = d->directAbstractDeclarator();
  if (!dad) return t;
  t = apply_suffixes(t, dad->declaratorSuffix(), nullptr);
  if (dad->abstractDeclarator()) t = apply_abstract(t, dad->abstractDeclarator());
  return t;
}

// Suffixes bind right to left: a[2][3] is an array of 2 arrays of 3.
Type* Compiler::apply_suffixes(Type* base, const std::vector<P::DeclaratorSuffixContext*>& sufs,
                               std::vector<std::pair<std::string, Type*>>* params) {
  Type* t = base;
  for (size_t k = sufs.size(); k-- > 0;) {
    auto* s = sufs[k];
    if (auto* a = dynamic_cast<P::ArraySuffixContext*>(s)) {
      if (t->kind == TK::Func) fail(s, "declared as array of functions");
      if (t->kind == TK::Struct && t->st->flexible) fail(s, "invalid use of structure with flexible array member");
      if (t->kind == TK::Void) fail(s, "declaration of array of voids");
      if (t->kind == TK::Struct && !t->st->complete) fail(s, "array type has incomplete element type '" + type_name(t) + "'");
      int64_t n = -1;
      if (a->expr()) {
        // A parameter's bound may name the parameters before it, which are
        // not declared yet: it is read when the function is entered.
        if (vla_bounds_unevaluated_ > 0 && !is_constant_bound(a->expr())) {
          t = vla_of(t, a->expr(), s);
          continue;
        }
        Type* it = type_of_expr(a->expr());
        if (!is_integer(it)) fail(a->expr(), "size of array has non-integer type");
        if (t->vla) {  // an array of variable-length arrays: variable too
          t = vla_of(t, a->expr(), s);
          continue;
        }
        try {
          n = const_int(a->expr());
        } catch (const CompileError&) {
          t = vla_of(t, a->expr(), s);
          continue;
        }
        if (n < 0) fail(a->expr(), "size of array is negative");
        if (n == 0) fail(a->expr(), "ISO C forbids zero-size array");
        if (n * static_cast<int64_t>(t->size) > (1ll << 31)) fail(a->expr(), "size of array is too large");
      }
      t = array_of(t, n);
    } else if (dynamic_cast<P::VlaStarSuffixContext*>(s)) {
      if (vla_bounds_unevaluated_ == 0) fail(s, "'[*]' not allowed in other than function prototype scope");
      t = vla_of(t, nullptr, s);
    } else if (auto* kr = dynamic_cast<P::KrSuffixContext*>(s)) {
      if (t->kind == TK::Func) fail(s, "declared as function returning a function");
      if (t->kind == TK::Array) fail(s, "declared as function returning an array");
      if (!kr_params_ || !params || k != 0) {  // a declaration: the names say nothing of the types
        warn(s->getStart(), "parameter names (without types) in function declaration");
        Type* ft = new_type(TK::Func);
        ft->base = t;
        ft->proto = false;
        t = ft;
        if (k == 0) params = nullptr;
        continue;
      }
      // An old-style definition: each name takes the type its declaration
      // gives, int without one.  The function then checks calls as if it had
      // been written with a prototype of those types.
      Type* ft = new_type(TK::Func);
      ft->base = t;
      ft->proto = true;
      std::set<std::string> seen;
      for (auto* id : kr->IDENTIFIER()) {
        std::string pname = id->getText();
        if (!seen.insert(pname).second) fail(id->getSymbol(), "multiple parameters named '" + pname + "'");
        Type* pt = t_int_;
        auto it = kr_params_->find(pname);
        if (it != kr_params_->end()) {
          pt = it->second.type;
          it->second.used = true;
        } else {
          warn(id->getSymbol(), "type of '" + pname + "' defaults to 'int'");
        }
        pt = adjust_param(pt);
        ft->params.push_back(pt);
        params->push_back({pname, pt});
      }
      for (auto& [pname, kp] : *kr_params_)  // (reported, and the function is still defined)
        if (!kp.used) {
          kp.used = true;
          antlr4::Token* at = kp.where->getStart();
          report(CompileError{tok_line(at), tok_col(at), static_cast<uint32_t>(at->getText().size()),
                              "declaration for parameter '" + pname + "' but no such parameter"});
        }
      t = ft;
      params = nullptr;
    } else if (auto* f = dynamic_cast<P::FuncSuffixContext*>(s)) {
      if (t->kind == TK::Func) fail(s, "declared as function returning a function");
      if (t->kind == TK::Array) fail(s, "declared as function returning an array");
      Type* ft = new_type(TK::Func);
      ft->base = t;
      ft->proto = f->parameterTypeList() != nullptr;
      // A parameter's array bounds are evaluated when the function is entered
      // (function_definition), not where its type is written.
      struct Unevaluated {
        int& n;
        explicit Unevaluated(int& c) : n(c) { n++; }
        ~Unevaluated() { n--; }
      } unevaluated(vla_bounds_unevaluated_);
      if (auto* pl = f->parameterTypeList()) {
        ft->variadic = pl->ELLIPSIS() != nullptr;
        auto pds = pl->parameterDeclaration();
        for (size_t i = 0; i < pds.size(); i++) {
          auto* pd = pds[i];
          DeclSpec ds = decl_specifiers(pd->declSpecifiers());
          std::string pname;
          antlr4::Token* ptok = nullptr;
          Type* pt = ds.type;
          if (pd->declarator()) pt = apply_declarator(pt, pd->declarator(), &pname, &ptok);
          else if (pd->abstractDeclarator()) pt = apply_abstract(pt, pd->abstractDeclarator());
          if (pt->kind == TK::Void && pds.size() == 1 && pname.empty() && !pt->is_const) break;  // (void)
          if (pt->kind == TK::Void) fail(pd, "parameter " + std::to_string(i + 1) + " ('" + pname + "') has incomplete type");
          pt = adjust_param(pt);
          ft->params.push_back(pt);
          if (params && k == 0) params->push_back({pname, pt});
        }
      }
      t = ft;
      if (params && k == 0) params = nullptr;
    }
  }
  return t;
}

// A variable-length array of `count` elements of `elem` (either may have a
// run-time size; `count` null: `[*]`).  In a function, where bounds are
// evaluated, the count is computed here once: a negative one is a runtime
// error; the size in bytes goes to a register of its own.  Elsewhere (a
// prototype's parameters, file scope) its size is not known.
Type* Compiler::vla_of(Type* elem, P::ExprContext* count, antlr4::ParserRuleContext* where) {
  if (elem->kind == TK::Func) fail(where, "declared as array of functions");
  if (elem->kind == TK::Void) fail(where, "declaration of array of voids");
  if (elem->kind == TK::Struct && !elem->st->complete)
    fail(where, "array type has incomplete element type '" + type_name(elem) + "'");
  Type* a = new_type(TK::Array);
  a->base = elem;
  a->len = -1;
  a->vla = true;
  a->size = 0;
  a->align = elem->align;
  bool elem_known = !elem->vla || elem->vla_bytes != Type::kNoVlaSize;
  if (!fn_ || vla_bounds_unevaluated_ > 0 || !count || !elem_known) return a;
  Val n = convert(rvalue(expr(count)), t_long_);
  uint32_t cnt = pb().reg(Kind::I);
  to_dest(n, cnt);
  Label ok = pb().new_label();
  pb().emit_jump(Op::JLE, {const_reg(Kind::I, 0), cnt}, ok);
  pos(count);
  pb().emit(Op::TRAP, {static_cast<uint32_t>(RtError::ValueRange)});
  pb().bind(ok);
  a->vla_bytes = pb().reg(Kind::I);
  if (elem->vla) pb().emit(Op::MUL, {a->vla_bytes, cnt, elem->vla_bytes});
  else pb().emit(Op::MULK, {a->vla_bytes, cnt, elem->size});
  return a;
}

// Whether an array bound is an integer constant expression (without
// reporting anything when it is not).
bool Compiler::is_constant_bound(P::ExprContext* e) {
  try {
    const_int(e);
    return true;
  } catch (const CompileError&) {
    return false;
  } catch (const std::logic_error&) {
    return false;
  }
}

bool Compiler::is_variably_modified(Type* t) {
  for (; t; t = t->kind == TK::Pointer || t->kind == TK::Array ? t->base : nullptr)
    if (t->vla) return true;
  return false;
}

// sizeof: a constant, or a variable-length array's size computed when its
// declaration ran.
Val Compiler::size_of(Type* t, antlr4::Token* where) {
  if (!t->vla) return int_val(t->size, t_ulong_);
  if (t->vla_bytes == Type::kNoVlaSize || !fn_)
    fail(where, "unsupported: the size of a variable-length array whose bounds are not evaluated here");
  return reg_val(t_ulong_, t->vla_bytes);
}

Type* Compiler::type_name_of(P::TypeNameContext* ctx) {
  Type* t = spec_qual_list(ctx->specifierQualifierList());
  if (ctx->abstractDeclarator()) t = apply_abstract(t, ctx->abstractDeclarator());
  return t;
}

}  // namespace dvm::c
