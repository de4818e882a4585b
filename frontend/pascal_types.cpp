// Pascal types: construction from type specs, compatibility, layout, and their
// structural description in the image.
#include <algorithm>
#include <map>

#include "frontend/pascal_compiler.h"

namespace dvm::pascal {

// The largest array or record: sizes are 32-bit in the image.
constexpr uint64_t kLargestObject = uint64_t{1} << 31;

Type* Compiler::new_type(TK k) {
  types_.emplace_back();
  Type* t = &types_.back();
  t->kind = k;
  switch (k) {
    case TK::Boolean: case TK::Char: t->size = t->align = 1; break;
    case TK::Enum: t->size = t->align = 4; break;
    default: t->size = t->align = 8; break;
  }
  return t;
}

Type* Compiler::ordinal_base(Type* t) {
  while (t->kind == TK::Subrange) t = t->base;
  return t;
}

Type* Compiler::int_type(const char* name, int bits, bool is_unsigned) {
  Type* t = new_type(TK::Integer);
  t->name = name;
  t->bits = bits;
  t->is_unsigned = is_unsigned;
  t->size = t->align = static_cast<uint32_t>(bits / 8);
  return t;
}

// The values of an ordinal type; a qword's upper bound reads as -1 (its bits).
int64_t Compiler::ord_lo(Type* t) {
  if (t->kind == TK::Subrange || t->kind == TK::Enum) return t->lo;
  Type* b = ordinal_base(t);
  if (b->kind != TK::Integer) return b->lo;
  if (b->is_unsigned) return 0;
  return b->bits == 64 ? INT64_MIN : -(int64_t{1} << (b->bits - 1));
}

int64_t Compiler::ord_hi(Type* t) {
  if (t->kind == TK::Subrange || t->kind == TK::Enum) return t->hi;
  Type* b = ordinal_base(t);
  if (b->kind != TK::Integer) return b->hi;
  if (b->bits == 64) return b->is_unsigned ? -1 : INT64_MAX;
  return b->is_unsigned ? (int64_t{1} << b->bits) - 1 : (int64_t{1} << (b->bits - 1)) - 1;
}

bool Compiler::is_qword(Type* t) {
  Type* b = ordinal_base(t);
  return b->kind == TK::Integer && b->bits == 64 && b->is_unsigned;
}

// An integer of a narrower type than 64 bits wraps to its width, as fpc's
// programs do with range checks off (its default).
int64_t Compiler::wrap_int(int64_t v, Type* t) {
  Type* b = ordinal_base(t);
  if (b->kind != TK::Integer || b->bits == 64) return v;
  uint64_t mask = (uint64_t{1} << b->bits) - 1, u = static_cast<uint64_t>(v) & mask;
  if (!b->is_unsigned && (u >> (b->bits - 1))) u |= ~mask;
  return static_cast<int64_t>(u);
}

uint32_t Compiler::wrap_reg(uint32_t r, Type* t) {
  Type* b = ordinal_base(t);
  if (b->kind != TK::Integer || b->bits == 64) return r;
  static const Op kSigned[] = {Op::SEXT8, Op::SEXT16, Op::NOP, Op::SEXT32};
  static const Op kUnsigned[] = {Op::ZEXT8, Op::ZEXT16, Op::NOP, Op::ZEXT32};
  int i = b->bits / 8 - 1;
  uint32_t out = temp(Kind::I);
  pb().emit(b->is_unsigned ? kUnsigned[i] : kSigned[i], {out, r});
  return out;
}

// Whether every value of integer type `from` is a value of `to` (no wrap needed).
bool Compiler::int_fits(Type* from, Type* to) {
  Type* f = ordinal_base(from);
  Type* t = ordinal_base(to);
  if (t->bits == 64 && !t->is_unsigned) return !(f->bits == 64 && f->is_unsigned);
  if (t->bits == 64) return f->is_unsigned;
  if (f->is_unsigned) return t->is_unsigned ? f->bits <= t->bits : f->bits < t->bits;
  return !t->is_unsigned && f->bits <= t->bits;
}

// A var parameter's type must match exactly: for integers, the same width and
// signedness.
bool Compiler::identical_type(Type* a, Type* b) {
  if (a->kind == TK::Integer && b->kind == TK::Integer) return a->bits == b->bits && a->is_unsigned == b->is_unsigned;
  return same_type(a, b);
}

bool Compiler::is_ordinal(Type* t) {
  switch (ordinal_base(t)->kind) {
    case TK::Integer: case TK::Boolean: case TK::Char: case TK::Enum: return true;
    default: return false;
  }
}

bool Compiler::is_managed(Type* t) {
  switch (t->kind) {
    case TK::String: case TK::DynArray: return true;
    case TK::Array: return is_managed(t->elem);
    case TK::Record:
      return std::any_of(t->fields.begin(), t->fields.end(), [&](const FieldT& f) { return is_managed(f.type); });
    default: return false;
  }
}

Kind Compiler::reg_kind(Type* t) {
  switch (t->kind) {
    case TK::Real: return Kind::F;
    case TK::String: case TK::DynArray: return Kind::S;
    case TK::Array: case TK::Record: case TK::OpenArray: case TK::Set: return Kind::V;
    default: return Kind::I;
  }
}

std::string Compiler::type_name(Type* t) {
  if (!t->name.empty()) return t->name;
  switch (t->kind) {
    case TK::Integer: return "Int64";
    case TK::Real: return "Real";
    case TK::Boolean: return "Boolean";
    case TK::Char: return "Char";
    case TK::Enum: return "enumeration";
    case TK::Subrange: return std::to_string(t->lo) + ".." + std::to_string(t->hi);
    case TK::String: return t->max_len ? "string[" + std::to_string(t->max_len) + "]" : "AnsiString";
    case TK::Array: return "array[" + std::to_string(t->lo) + ".." + std::to_string(t->hi) + "] of " + type_name(t->elem);
    case TK::Record: return "record";
    case TK::Pointer: return "^" + (t->elem ? type_name(t->elem) : t->pending_target);
    case TK::Nil: return "Pointer";
    case TK::OpenArray: case TK::DynArray: return "array of " + type_name(t->elem);
    case TK::Set: return "set of " + type_name(t->elem);
    case TK::File: return "Text";
    case TK::Proc: {
      std::string n = t->proc->result ? "function" : "procedure";
      if (!t->proc->params.empty()) {
        n += "(";
        for (size_t i = 0; i < t->proc->params.size(); i++) {
          const Param& p = t->proc->params[i];
          n += std::string(i ? ";" : "") + (p.mode == Mode::Var ? "var " : p.mode == Mode::Const ? "const " : "") +
               type_name(p.type);
        }
        n += ")";
      }
      if (t->proc->result) n += ":" + type_name(t->proc->result);
      return n;
    }
    case TK::Error: return "<error>";
  }
  return "?";
}

// Name equivalence for declared types, structure for the anonymous ones that
// Pascal programs write inline (pointer types, strings).
bool Compiler::same_type(Type* a, Type* b) {
  if (a == b) return true;
  if (a->kind == TK::Error || b->kind == TK::Error) return true;
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case TK::Integer: case TK::Real: case TK::Boolean: case TK::Char: case TK::String: case TK::File: return true;
    case TK::Set: return compatible_ordinals(a->elem, b->elem);
    case TK::OpenArray: case TK::DynArray: return same_type(a->elem, b->elem);
    case TK::Pointer: return a->elem && b->elem && same_type(a->elem, b->elem);
    case TK::Proc: return same_parameters(a->proc, b->proc->params, b->proc->result);
    case TK::Subrange: return same_type(a->base, b->base) && a->lo == b->lo && a->hi == b->hi;
    case TK::Array:
      return a->lo == b->lo && a->hi == b->hi && same_type(a->elem, b->elem) &&
             same_type(ordinal_base(a->index), ordinal_base(b->index));
    default: return false;
  }
}

bool Compiler::assignable(Type* to, Type* from) {
  if (to->kind == TK::Error || from->kind == TK::Error) return true;
  if (is_ordinal(to) && is_ordinal(from)) return same_type(ordinal_base(to), ordinal_base(from));
  if (to->kind == TK::Real) return from->kind == TK::Real || is_integer(from);
  if (to->kind == TK::String) return from->kind == TK::String || is_char(from);
  auto untyped = [](Type* t) { return t->kind == TK::Pointer && !t->elem && t->pending_target.empty(); };
  if (to->kind == TK::Pointer && from->kind == TK::Pointer && (untyped(to) || untyped(from)))
    return true;  // `pointer` takes and gives any pointer, as in fpc
  if (to->kind == TK::Pointer || to->kind == TK::Proc || to->kind == TK::DynArray)
    return from->kind == TK::Nil || same_type(to, from);
  return same_type(to, from);
}

// The fields of a field list, laid out from *off as fpc lays them out: in
// order, each at its alignment; the variants of a variant part all start at
// one offset, aligned for the most aligned field of any of them, and the part
// ends where its longest variant ends.  *off advances past them; *align grows
// to the largest alignment met.
void Compiler::record_fields(P::FieldListContext* fl, Type* t, bool in_variant, uint32_t* off, uint32_t* align) {
  auto add = [&](P::IdentifierContext* id, Type* ft) {
    std::string n = lower(id->getText());
    for (auto& f : t->fields)
      if (f.name == n) fail(id, "duplicate identifier '" + id->getText() + "'");
    if (in_variant && is_managed(ft))
      fail(id, "data types which require initialization/finalization can't be used in variant records");
    *off = (*off + ft->align - 1) / ft->align * ft->align;
    if (uint64_t{*off} + ft->size > kLargestObject) fail(id, "record is too large");
    t->fields.push_back({n, id->getText(), ft, *off});
    *off += ft->size;
    *align = std::max(*align, ft->align);
  };
  for (auto* fd : fl->fieldDeclaration()) {
    Type* ft = type_of(fd->typeSpec());
    for (auto* id : fd->identifierList()->identifier()) add(id, ft);
  }
  auto* vp = fl->variantPart();
  if (!vp) return;
  auto ids = vp->identifier();
  P::IdentifierContext* tag_type_id = ids.back();
  Symbol* ts = lookup(lower(tag_type_id->getText()));
  if (!ts || ts->k != Symbol::TypeName) fail(tag_type_id, "identifier not found \"" + tag_type_id->getText() + "\"");
  Type* tag_type = ts->type;
  if (!is_ordinal(tag_type)) fail(tag_type_id, "ordinal type expected");
  if (ids.size() == 2) add(ids[0], tag_type);  // the tag field
  // Each variant laid out from 0, then all moved to the common start.
  uint32_t variants_align = 1, longest = 0;
  std::vector<std::pair<size_t, size_t>> spans;  // each variant's fields in t->fields
  for (auto* v : vp->variant()) {
    for (auto* lab : v->caseLabel())  // constants, but fpc does not hold them to the tag's type
      for (auto* e : lab->expression()) const_expr(e);
    size_t first = t->fields.size();
    uint32_t voff = 0;
    if (auto* inner = v->fieldList()) record_fields(inner, t, true, &voff, &variants_align);
    spans.push_back({first, t->fields.size()});
    longest = std::max(longest, voff);
  }
  uint32_t start = (*off + variants_align - 1) / variants_align * variants_align;
  if (uint64_t{start} + longest > kLargestObject) fail(vp, "record is too large");
  for (auto [first, last] : spans)
    for (size_t k = first; k < last; k++) t->fields[k].offset += start;
  *off = start + longest;
  *align = std::max(*align, variants_align);
}

void Compiler::layout_record(Type* t) {
  uint32_t off = 0, align = 1;
  for (FieldT& f : t->fields) {
    uint32_t a = f.type->align;
    off = (off + a - 1) / a * a;
    f.offset = off;
    off += f.type->size;
    align = std::max(align, a);
  }
  t->align = align;
  t->size = std::max<uint32_t>(1, (off + align - 1) / align * align);
}

namespace {

// fpc's predeclared types that dvm does not have, and what it has instead
// (a program that declares its own type of one of these names still may).
const char* unsupported_fpc_type(const std::string& name) {
  static const std::map<std::string, const char*> types = {
      {"single", "dvm's reals are double: use real or double"},
      {"extended", "dvm's reals are double: use real or double"},
      {"comp", "use int64"},
      {"currency", "use int64 in cents, or real"},
      {"real48", "use real"},
      {"pchar", "use string"},
      {"pansichar", "use string"},
      {"pwidechar", "use string"},
      {"widechar", "dvm's characters are bytes: use char"},
      {"unicodechar", "dvm's characters are bytes: use char"},
      {"widestring", "dvm's strings are bytes: use string"},
      {"unicodestring", "dvm's strings are bytes: use string"},
      {"bytebool", "use boolean"},
      {"wordbool", "use boolean"},
      {"longbool", "use boolean"},
      {"qwordbool", "use boolean"},
      {"variant", "dvm's types are static"},
      {"olevariant", "dvm's types are static"},
      {"file", "dvm has text files only"},
  };
  auto it = types.find(name);
  return it == types.end() ? nullptr : it->second;
}
// Whether lo..hi elements of elem_size bytes take at most kLargestObject
// bytes (computed without overflow: the range may span all of int64).
bool fits_size(int64_t lo, int64_t hi, uint32_t elem_size) {
  const uint64_t count = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;  // 0: 2^64
  return count != 0 && count <= kLargestObject && (elem_size == 0 || count <= kLargestObject / elem_size);
}
}  // namespace

// `procedure(...)`, `function(...): T`: values that name a top-level routine
// with these parameters and result (`@name`), or nil.
Type* Compiler::procedural_type(P::TypeSpecContext* ctx) {
  P::FormalParametersContext* fp;
  P::IdentifierContext* of;
  Type* result = nullptr;
  if (auto* p = dynamic_cast<P::ProcedureTypeContext*>(ctx)) {
    fp = p->formalParameters();
    of = p->identifier();
  } else {
    auto* f = dynamic_cast<P::FunctionTypeContext*>(ctx);
    fp = f->formalParameters();
    of = f->identifier();
    result = type_of(f->typeSpec());
  }
  if (of) {
    if (lower(of->getText()) == "object") fail(of, "unsupported: method pointers (procedure of object)");
    fail(of, "expected 'object' after 'of'");
  }
  routines_.emplace_back();
  Routine* sig = &routines_.back();
  sig->params = formal_parameters(fp);
  for (const Param& p : sig->params)
    if (p.has_default) fail(ctx, "a procedural type cannot have default parameter values");
  sig->result = result;
  sig->level = 1;
  sig->spelling = "procedure value";
  set_arg_kinds(sig);
  Type* t = new_type(TK::Proc);
  t->proc = sig;
  return t;
}

Type* Compiler::type_of(P::TypeSpecContext* ctx) {
  if (auto* named = dynamic_cast<P::NamedTypeContext*>(ctx)) {
    std::string name = lower(named->identifier()->getText());
    Symbol* s = lookup(name);
    if (!s && unsupported_fpc_type(name))
      fail(ctx, "unsupported: the type '" + named->identifier()->getText() + "' (" + unsupported_fpc_type(name) + ")");
    if (!s) fail(ctx, "unknown type '" + named->identifier()->getText() + "'");
    if (s->k == Symbol::Const && is_ordinal(s->type)) fail(ctx, "type expected, found constant '" + named->identifier()->getText() + "'");
    if (s->k != Symbol::TypeName) fail(ctx, "'" + named->identifier()->getText() + "' is not a type");
    if (s->type->kind == TK::Error) throw CompileError{0, 0, 0, "", true};
    return s->type;
  }
  if (auto* str = dynamic_cast<P::StringTypeContext*>(ctx)) {
    if (!str->expression()) return t_string_;
    ConstVal n = const_expr(str->expression());
    if (!is_integer(n.type) || n.i < 1 || n.i > 255) fail(str->expression(), "string length must be 1..255");
    Type* t = new_type(TK::String);
    t->max_len = static_cast<uint32_t>(n.i);
    return t;
  }
  if (auto* en = dynamic_cast<P::EnumTypeContext*>(ctx)) {
    Type* t = new_type(TK::Enum);
    // Members take the next value, or the one given (Mid = 5); a value no
    // member has shows as nothing.
    int64_t next = 0;
    bool first = true;
    for (auto* m : en->enumMember()) {
      auto* id = m->identifier();
      int64_t value = next;
      if (m->expression()) {
        ConstVal v = const_expr(m->expression());
        if (!is_integer(v.type) && !(is_ordinal(v.type) && v.type->kind != TK::Enum))
          fail(m->expression(), "enumeration values must be integers");
        if (v.i < 0) fail(m->expression(), "unsupported: negative enumeration values");
        if (v.i > 65535) fail(m->expression(), "unsupported: enumeration values above 65535");
        value = v.i;
        t->enum_assigned = true;
      }
      t->lo = first ? value : std::min(t->lo, value);
      first = false;
      Symbol s{Symbol::Const};
      s.type = t;
      s.cval.type = t;
      s.cval.i = value;
      s.spelling = id->getText();
      if (t->enum_names.size() <= static_cast<size_t>(value)) t->enum_names.resize(static_cast<size_t>(value) + 1);
      if (t->enum_names[static_cast<size_t>(value)].empty()) t->enum_names[static_cast<size_t>(value)] = id->getText();
      declare(lower(id->getText()), s, id->getStart());
      next = value + 1;
    }
    t->hi = static_cast<int64_t>(t->enum_names.size()) - 1;
    return t;
  }
  if (auto* sub = dynamic_cast<P::SubrangeTypeContext*>(ctx)) {
    ConstVal lo = const_simple(sub->simpleExpression(0));
    ConstVal hi = const_simple(sub->simpleExpression(1));
    if (!is_ordinal(lo.type) || !same_type(ordinal_base(lo.type), ordinal_base(hi.type)))
      fail(ctx, "subrange bounds must be of the same ordinal type");
    if (lo.i > hi.i) fail(ctx, "subrange is empty: lower bound exceeds upper bound");
    Type* t = new_type(TK::Subrange);
    t->base = ordinal_base(lo.type);
    t->lo = lo.i;
    t->hi = hi.i;
    t->size = t->align = t->base->size;
    return t;
  }
  if (dynamic_cast<P::ProcedureTypeContext*>(ctx) || dynamic_cast<P::FunctionTypeContext*>(ctx))
    return procedural_type(ctx);
  if (auto* ptr = dynamic_cast<P::PointerTypeContext*>(ctx)) {
    Type* t = new_type(TK::Pointer);
    // ^Name may name a type declared later in the same type section.
    if (auto* named = dynamic_cast<P::NamedTypeContext*>(ptr->typeSpec())) {
      Symbol* s = lookup(lower(named->identifier()->getText()));
      if (s && s->k == Symbol::TypeName) t->elem = s->type;
      else t->pending_target = named->identifier()->getText();
    } else {
      t->elem = type_of(ptr->typeSpec());
    }
    return t;
  }
  auto* st = dynamic_cast<P::StructTypeContext*>(ctx);
  P::StructuredTypeContext* s = st->structuredType();
  if (auto* arr = dynamic_cast<P::ArrayTypeContext*>(s)) {
    Type* elem = type_of(arr->typeSpec());
    if (arr->indexRange().empty()) {
      // A reference to a block of elements that the program sizes (setlength).
      if (elem->kind == TK::File) fail(ctx, "unsupported: dynamic arrays of files");
      Type* t = new_type(TK::DynArray);
      t->elem = elem;
      t->size = 8;
      t->align = 8;
      return t;
    }
    // array[a..b, c..d] of T is array[a..b] of array[c..d] of T.
    auto ranges = arr->indexRange();
    for (size_t i = ranges.size(); i-- > 0;) {
      Type* index = nullptr;
      if (auto* r = dynamic_cast<P::RangeIndexContext*>(ranges[i])) {
        ConstVal lo = const_simple(r->simpleExpression(0));
        ConstVal hi = const_simple(r->simpleExpression(1));
        if (!is_ordinal(lo.type) || !same_type(ordinal_base(lo.type), ordinal_base(hi.type)))
          fail(r, "array bounds must be of the same ordinal type");
        index = new_type(TK::Subrange);
        index->base = ordinal_base(lo.type);
        index->lo = lo.i;
        index->hi = hi.i;
        index->size = index->align = index->base->size;
      } else {
        auto* n = dynamic_cast<P::NamedIndexContext*>(ranges[i]);
        Symbol* sym = lookup(lower(n->identifier()->getText()));
        if (!sym || sym->k != Symbol::TypeName || !is_ordinal(sym->type))
          fail(n, "ordinal type expected as array index");
        index = sym->type;
        if (index->kind == TK::Enum && index->enum_assigned)
          fail(n, "enums with assignments cannot be used as array index");
        if (ordinal_base(index)->kind == TK::Integer && index->kind != TK::Subrange && ordinal_base(index)->bits > 16)
          fail(n, "array index type is too large");
      }
      Type* t = new_type(TK::Array);
      t->index = index;
      t->lo = ord_lo(index);
      t->hi = ord_hi(index);
      if (t->lo > t->hi) fail(ranges[i], "array index range is empty");
      if (!fits_size(t->lo, t->hi, elem->size)) fail(ranges[i], "array is too large");
      t->elem = elem;
      t->align = elem->align;
      t->size = static_cast<uint32_t>((t->hi - t->lo + 1) * elem->size);
      elem = t;
    }
    return elem;
  }
  if (auto* rec = dynamic_cast<P::RecordTypeContext*>(s)) {
    Type* t = new_type(TK::Record);
    uint32_t off = 0, align = 1;
    if (auto* fl = rec->fieldList()) record_fields(fl, t, false, &off, &align);
    t->align = align;
    t->size = std::max<uint32_t>(1, (off + align - 1) / align * align);
    return t;
  }
  if (auto* set = dynamic_cast<P::SetTypeContext*>(s)) return set_type(type_of(set->typeSpec()), set->typeSpec());
  auto* file = dynamic_cast<P::FileTypeContext*>(s);
  if (!file->typeSpec()) fail(ctx, "unsupported: untyped files (text files are supported)");
  fail(ctx, "unsupported: typed files (file of ...); text files are supported");
}

// set of T: T an ordinal type whose values lie in 0..255.  fpc's layout: 4
// bytes when every value is below 32, else 32 (one bit per value either way).
Type* Compiler::set_type(Type* elem, antlr4::ParserRuleContext* where) {
  if (!is_ordinal(elem)) fail(where, "set elements must be of an ordinal type");
  if (ord_lo(elem) < 0 || (ord_hi(elem) > 255 || ord_hi(elem) < ord_lo(elem)))
    fail(where, "illegal type declaration of set elements: \"" + type_name(elem) + "\" has values outside 0..255");
  Type* t = new_type(TK::Set);
  t->elem = elem;
  t->size = ord_hi(elem) < 32 ? 4 : 32;
  t->align = t->size == 4 ? 4 : 8;
  return t;
}

void Compiler::resolve_pending_pointers() {
  for (Type& t : types_) {
    if (t.kind != TK::Pointer || t.pending_target.empty()) continue;
    Symbol* s = lookup(lower(t.pending_target));
    if (s && s->k == Symbol::TypeName) {
      t.elem = s->type;
      t.pending_target.clear();
    }
  }
}

// The image keeps a structural description of every type a global, a
// parameter or an instruction uses.
uint32_t Compiler::image_type(Type* t) {
  if (t->image_index != kNoType) return t->image_index;
  TypeDesc d;
  d.name = t->name;
  d.size = t->size;
  d.align = t->align;
  uint32_t index = static_cast<uint32_t>(img_.types.size());
  t->image_index = index;  // set first: pointer types may be recursive
  img_.types.emplace_back();
  switch (t->kind) {
    case TK::Integer: d.kind = TypeKind::Int; d.is_signed = !t->is_unsigned; break;
    case TK::Real: d.kind = TypeKind::Real; break;
    case TK::Boolean: d.kind = TypeKind::Bool; break;
    case TK::Char: d.kind = TypeKind::Char; break;
    case TK::Enum: d.kind = TypeKind::Enum; d.names = t->enum_names; d.lo = t->lo; d.hi = t->hi; break;
    case TK::Subrange:
      d.kind = TypeKind::Subrange; d.lo = t->lo; d.hi = t->hi; d.elem = image_type(t->base); break;
    case TK::String: d.kind = TypeKind::String; d.max_len = t->max_len; break;
    case TK::Array:
      d.kind = TypeKind::Array; d.lo = t->lo; d.hi = t->hi; d.elem = image_type(t->elem); break;
    case TK::Record:
      d.kind = TypeKind::Record;
      for (const FieldT& f : t->fields) d.fields.push_back({f.spelling, image_type(f.type), f.offset});
      break;
    case TK::Pointer: case TK::Nil:
      d.kind = TypeKind::Pointer; d.elem = t->elem ? image_type(t->elem) : kNoType; break;
    case TK::Proc: d.kind = TypeKind::Proc; break;
    case TK::DynArray: d.kind = TypeKind::DynArray; d.elem = image_type(t->elem); break;
    case TK::Set:
      // Its bitmap, as bytes (no references inside: copied and zeroed plainly).
      d.kind = TypeKind::Array; d.lo = 0; d.hi = t->size - 1; d.elem = image_type(t_byte_); break;
    case TK::File:  // the handle of a file the VM opened
    case TK::OpenArray: case TK::Error:
      d.kind = TypeKind::Int; break;
  }
  img_.types[index] = std::move(d);
  return index;
}

}  // namespace dvm::pascal
