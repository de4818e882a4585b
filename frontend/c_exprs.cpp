// C expressions: type rules (promotions, usual arithmetic conversions,
// pointer arithmetic), constant folding and code for values, lvalues, calls
// and conditions.  Integers stay normalized for their C type in 64-bit
// registers: after an operation that can leave the type's width the result
// is sign- or zero-extended again (docs/C-PLAN.md).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "frontend/c_compiler.h"

namespace dvm::c {

namespace {
bool fits_i32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }
uint32_t imm(int64_t v) { return static_cast<uint32_t>(static_cast<int32_t>(v)); }

P::ExprContext* unparen(P::ExprContext* e) {
  while (auto* pe = dynamic_cast<P::PrimaryExprContext*>(e)) {
    auto* pp = dynamic_cast<P::ParenPrimaryContext*>(pe->primary());
    if (!pp || pp->expression()->expr().size() != 1) break;
    e = pp->expression()->expr(0);
  }
  return e;
}
}  // namespace

// ---- values ------------------------------------------------------------------------

int64_t Compiler::wrap(int64_t v, Type* t) {
  switch (t->kind) {
    case TK::Bool: return v != 0;
    case TK::Char: case TK::SChar: return static_cast<int8_t>(v);
    case TK::UChar: return static_cast<uint8_t>(v);
    case TK::Short: return static_cast<int16_t>(v);
    case TK::UShort: return static_cast<uint16_t>(v);
    case TK::Int: return static_cast<int32_t>(v);
    case TK::UInt: return static_cast<uint32_t>(v);
    default: return v;
  }
}

Val Compiler::int_val(int64_t v, Type* t) {
  Val x;
  x.m = Val::Const;
  x.type = t ? t : t_int_;
  x.i = wrap(v, x.type);
  x.null_const = x.i == 0;
  return x;
}

Val Compiler::float_val(double v, Type* t) {
  Val x;
  x.m = Val::Const;
  x.type = t;
  x.f = t->kind == TK::Float ? static_cast<double>(static_cast<float>(v)) : v;
  return x;
}

Val Compiler::reg_val(Type* t, uint32_t r, bool fresh) {
  Val v;
  v.m = Val::Reg;
  v.type = t;
  v.reg = r;
  if (fresh && fn_) v.fresh_pc = pb().pc();
  return v;
}

Val Compiler::mem_val(Type* t, uint32_t base, int32_t off) {
  Val v;
  v.m = Val::Mem;
  v.type = t;
  v.reg = base;
  v.off = off;
  v.lvalue = true;
  return v;
}

Op Compiler::load_op(Type* t) {
  switch (t->kind) {
    case TK::Bool: case TK::UChar: return Op::LD8U;
    case TK::Char: case TK::SChar: return Op::LD8S;
    case TK::Short: return Op::LD16S;
    case TK::UShort: return Op::LD16U;
    case TK::Int: return Op::LD32S;
    case TK::UInt: return Op::LD32U;
    case TK::Float: return Op::LDF32;
    case TK::Double: return Op::LDF64;
    default: return Op::LD64;
  }
}

Op Compiler::store_op(Type* t) {
  switch (t->size) {
    case 1: return Op::ST8;
    case 2: return Op::ST16;
    case 4: return t->kind == TK::Float ? Op::STF32 : Op::ST32;
    default: return t->kind == TK::Double ? Op::STF64 : Op::ST64;
  }
}

uint32_t Compiler::frame_base() {
  if (!fn_) throw std::logic_error("a local variable in a constant expression");
  if (fn_->frame_base == FnCtx::kNoReg) {
    fn_->frame_base = pb().reg(Kind::I);
    pb().emit_prologue(Op::FADDR, {fn_->frame_base, 0});
  }
  return fn_->frame_base;
}

uint32_t Compiler::global_address(const std::string& gname) {
  if (!fn_) throw std::logic_error("global in a constant expression");
  auto it = fn_->global_addr.find(gname);
  if (it != fn_->global_addr.end()) return it->second;
  uint32_t r = pb().reg(Kind::I);
  pb().emit_prologue(Op::GADDR, {r, ub().global_ref(gname)});
  fn_->global_addr[gname] = r;
  return r;
}

uint32_t Compiler::string_address(const std::string& bytes) {
  if (!fn_) throw std::logic_error("string in a constant expression");
  auto it = fn_->string_addr.find(bytes);
  if (it != fn_->string_addr.end()) return it->second;
  uint32_t r = pb().reg(Kind::I);
  pb().emit_prologue(Op::LDSA, {r, ub().kstr(bytes)});
  fn_->string_addr[bytes] = r;
  return r;
}

uint32_t Compiler::const_reg(Kind k, uint64_t bits) {
  if (!fn_) throw std::logic_error("a register in a constant expression");
  auto key = std::make_pair(static_cast<int>(k), bits);
  auto it = fn_->const_regs.find(key);
  if (it != fn_->const_regs.end()) return it->second;
  uint32_t r = pb().reg(k);
  if (k == Kind::F) {
    double d;
    std::memcpy(&d, &bits, sizeof d);
    pb().emit_prologue(Op::LDKF, {r, ub().kreal(d)});
  } else if (fits_i32(static_cast<int64_t>(bits))) {
    pb().emit_prologue(Op::LDI, {r, imm(static_cast<int64_t>(bits))});
  } else {
    pb().emit_prologue(Op::LDK, {r, ub().kint(static_cast<int64_t>(bits))});
  }
  fn_->const_regs[key] = r;
  return r;
}

namespace {
void emit_const_into(Compiler& c, const Val& v, uint32_t dst) {
  if (c.pb().reg_kind(dst) == Kind::F) {
    double d = c.is_float(v.type) ? v.f : static_cast<double>(v.i);
    c.pb().emit(Op::LDKF, {dst, c.ub().kreal(d)});
  } else {
    int64_t i = c.is_float(v.type) ? static_cast<int64_t>(v.f) : v.i;
    if (fits_i32(i)) c.pb().emit(Op::LDI, {dst, imm(i)});
    else c.pb().emit(Op::LDK, {dst, c.ub().kint(i)});
  }
}
}  // namespace

uint32_t Compiler::to_reg(Val v) {
  switch (v.m) {
    case Val::Reg: return v.reg;
    case Val::Const: {
      Kind k = reg_kind(v.type);
      if (fn_ && fn_->loop_depth > 0) {
        uint64_t bits;
        if (k == Kind::F) std::memcpy(&bits, &v.f, sizeof bits);
        else bits = static_cast<uint64_t>(v.i);
        return const_reg(k, bits);
      }
      uint32_t r = temp(k);
      emit_const_into(*this, v, r);
      return r;
    }
    case Val::Mem: {
      if (!is_scalar(v.type)) throw std::logic_error("aggregate in a register");
      if (v.bits) return load_bitfield(v);
      uint32_t r = temp(reg_kind(v.type));
      pb().emit(load_op(v.type), {r, v.reg, imm(v.off)});
      return r;
    }
    case Val::Func: {
      uint32_t r = temp(Kind::I);
      note_function_value(v.fname);
      pb().emit(Op::PADDR, {r, ub().proc_ref(v.fname)});
      return r;
    }
    case Val::None: break;
  }
  throw std::logic_error("void value in a register");
}

void Compiler::to_dest(Val v, uint32_t dst) {
  switch (v.m) {
    case Val::Reg:
      if (v.reg == dst) return;
      if (v.fresh_pc >= 0 && pb().retarget_last(static_cast<uint32_t>(v.fresh_pc), v.reg, dst)) return;
      pb().emit(pb().reg_kind(dst) == Kind::F ? Op::MOVF : Op::MOVI, {dst, v.reg});
      return;
    case Val::Const: emit_const_into(*this, v, dst); return;
    case Val::Mem:
      if (v.bits) {
        pb().emit(Op::MOVI, {dst, load_bitfield(v)});
        return;
      }
      pb().emit(load_op(v.type), {dst, v.reg, imm(v.off)});
      return;
    default: pb().emit(pb().reg_kind(dst) == Kind::F ? Op::MOVF : Op::MOVI, {dst, to_reg(v)}); return;
  }
}

uint32_t Compiler::address_of(const Val& v) {
  if (v.m != Val::Mem || v.bits) throw std::logic_error("address of a non-memory value");
  if (v.off == 0) return v.reg;
  uint32_t r = temp(Kind::I);
  pb().emit(Op::ADDK, {r, v.reg, imm(v.off)});
  return r;
}

uint32_t Compiler::normalize(uint32_t r, Type* t) {
  Op op;
  switch (t->kind) {
    case TK::Char: case TK::SChar: op = Op::SEXT8; break;
    case TK::UChar: op = Op::ZEXT8; break;
    case TK::Short: op = Op::SEXT16; break;
    case TK::UShort: op = Op::ZEXT16; break;
    case TK::Int: op = Op::SEXT32; break;
    case TK::UInt: op = Op::ZEXT32; break;
    case TK::Bool: {
      uint32_t z = const_reg(Kind::I, 0), o = temp(Kind::I);
      pb().emit(Op::NE, {o, r, z});
      return o;
    }
    default: return r;
  }
  uint32_t o = temp(Kind::I);
  pb().emit(op, {o, r});
  return o;
}

Val Compiler::var_value(Symbol* s) {
  s->used = true;
  switch (s->st.k) {
    case Storage::Global: return mem_val(s->type, global_address(s->st.global), 0);
    case Storage::Frame: return mem_val(s->type, frame_base(), static_cast<int32_t>(s->st.off));
    case Storage::Heap: return mem_val(s->type, s->st.reg, 0);
    case Storage::Reg: {
      if (!fn_) throw std::logic_error("variable in a constant expression");
      Val v = reg_val(s->type, s->st.reg);
      v.lvalue = true;
      return v;
    }
  }
  return Val{};
}

uint32_t Compiler::frame_temp(Type* t) {
  uint32_t off = pb().frame_slot(std::max<uint32_t>(t->size, 1), t->align);
  uint32_t r = temp(Kind::I);
  pb().emit(Op::ADDK, {r, frame_base(), off});
  return r;
}

// Arrays decay to pointers, functions to function pointers.
Val Compiler::rvalue(Val v) {
  if (v.m == Val::Mem && v.type->kind == TK::Array) {
    Val p = reg_val(pointer_to(v.type->base), address_of(v));
    return p;
  }
  if (v.m == Val::Func) return reg_val(pointer_to(v.type), to_reg(v));
  if (v.m == Val::Mem && v.bits) return reg_val(bitfield_value_type(v), load_bitfield(v), true);
  return v;
}

// ---- bit-fields ------------------------------------------------------------------------

namespace {
Op unit_load(uint32_t size) {
  switch (size) {
    case 1: return Op::LD8U;
    case 2: return Op::LD16U;
    case 4: return Op::LD32U;
    default: return Op::LD64;
  }
}
uint64_t low_mask(uint32_t bits) { return bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1; }
}  // namespace

// As gcc: a bit-field narrower than int reads as an int, whatever its
// declared type; one of 32 bits as int or unsigned; a wider one as its type.
Type* Compiler::bitfield_value_type(const Val& v) {
  if (v.bits < 32) return t_int_;
  if (v.bits == 32) return is_unsigned(v.type) ? t_uint_ : t_int_;
  return unqual(v.type);
}

// The unit is loaded whole; the field is shifted down (arithmetically for a
// signed type, so that its top bit is the sign) or masked.
uint32_t Compiler::load_bitfield(const Val& v) {
  uint32_t r = temp(Kind::I);
  pb().emit(unit_load(v.type->size), {r, v.reg, imm(v.off)});
  if (v.bits == 64) return r;
  if (!is_unsigned(v.type)) {
    uint32_t left = 64u - v.shift - v.bits;
    if (left) pb().emit(Op::SHL, {r, r, const_reg(Kind::I, left)});
    pb().emit(Op::SAR, {r, r, const_reg(Kind::I, 64u - v.bits)});
    return r;
  }
  if (v.shift) pb().emit(Op::SHR, {r, r, const_reg(Kind::I, v.shift)});
  pb().emit(Op::AND, {r, r, const_reg(Kind::I, low_mask(v.bits))});
  return r;
}

// Read, clear the field's bits, or in the value's low bits, write back.
void Compiler::store_bitfield(const Val& dst, uint32_t value) {
  uint64_t field = low_mask(dst.bits) << dst.shift;
  uint32_t unit = temp(Kind::I), bits = temp(Kind::I);
  pb().emit(unit_load(dst.type->size), {unit, dst.reg, imm(dst.off)});
  pb().emit(Op::AND, {unit, unit, const_reg(Kind::I, ~field)});
  if (dst.shift) {
    pb().emit(Op::SHL, {bits, value, const_reg(Kind::I, dst.shift)});
    pb().emit(Op::AND, {bits, bits, const_reg(Kind::I, field)});
  } else {
    pb().emit(Op::AND, {bits, value, const_reg(Kind::I, field)});
  }
  pb().emit(Op::OR, {unit, unit, bits});
  Type* ut = dst.type->size == 1 ? t_uchar_ : dst.type->size == 2 ? t_ushort_ : dst.type->size == 4 ? t_uint_ : t_ulong_;
  pb().emit(store_op(ut), {unit, dst.reg, imm(dst.off)});
}

// ---- conversions -----------------------------------------------------------------------

// A value conversion between scalar types (C11 6.3.1), constant-folded when
// possible.
Val Compiler::convert(Val v, Type* to) {
  Type* from = v.type;
  if (to->kind == TK::Void) return Val{};
  if (!is_scalar(from) || !is_scalar(to)) {
    v.type = to;
    return v;
  }
  if (v.m == Val::Const) {
    if (is_float(to)) return float_val(is_float(from) ? v.f : (is_unsigned(from) && from->size == 8 ? static_cast<double>(static_cast<uint64_t>(v.i)) : static_cast<double>(v.i)), to);
    if (is_float(from)) {
      if (to->kind == TK::Bool) return int_val(v.f != 0, to);
      double d = v.f;
      int64_t i;
      if (to->kind == TK::ULong && d >= 9.2233720368547758e18 && d < 1.8446744073709552e19)
        i = static_cast<int64_t>(static_cast<uint64_t>(d));  // as gcc: subtract 2^63, convert, flip the top bit
      else
        i = std::isnan(d) || d >= 9.2233720368547758e18 || d < -9.2233720368547758e18 ? INT64_MIN : static_cast<int64_t>(d);
      Val out = int_val(i, to);
      out.overflow = std::isnan(d) || std::trunc(d) != (is_unsigned(to) ? static_cast<double>(static_cast<uint64_t>(out.i)) : static_cast<double>(out.i));
      return out;
    }
    Val out = int_val(v.i, to);
    out.null_const = v.null_const && v.i == 0;
    out.overflow = v.overflow;
    return out;
  }
  if (is_float(to)) {
    uint32_t r;
    if (is_float(from)) {
      if (to->kind == TK::Double || from->kind == TK::Float) {
        if (v.m == Val::Mem) v = reg_val(from, to_reg(v));
        v.type = to;
        return v;
      }
      r = temp(Kind::F);
      pb().emit(Op::FSINGLE, {r, to_reg(v)});
      return reg_val(to, r, true);
    }
    uint32_t src = to_reg(v);
    r = temp(Kind::F);
    pb().emit(is_unsigned(from) && from->size == 8 ? Op::U2F : Op::I2F, {r, src});
    if (to->kind == TK::Float) pb().emit(Op::FSINGLE, {r, r});
    return reg_val(to, r, true);
  }
  if (is_float(from)) {
    uint32_t src = to_reg(v);
    if (to->kind == TK::Bool) {
      uint32_t z = const_reg(Kind::F, 0), r = temp(Kind::I);
      pb().emit(Op::FNE, {r, src, z});
      return reg_val(to, r, true);
    }
    uint32_t r = temp(Kind::I);
    if (to->kind == TK::ULong) {
      // gcc on x86-64: values from 2^63 up convert as (x - 2^63) with the top bit set.
      uint64_t two63 = 0x43e0000000000000ull;  // 2^63 as a double
      uint32_t lim = const_reg(Kind::F, two63), big = temp(Kind::I);
      Label high = pb().new_label(), done = pb().new_label();
      pb().emit(Op::FLE, {big, lim, src});
      pb().emit_jump(Op::JT, {big}, high);
      pb().emit(Op::F2I, {r, src});
      pb().emit_jump(Op::JMP, {}, done);
      pb().bind(high);
      uint32_t t = temp(Kind::F), top = temp(Kind::I);
      pb().emit(Op::FSUB, {t, src, lim});
      pb().emit(Op::F2I, {r, t});
      pb().emit(Op::LDK, {top, ub().kint(INT64_MIN)});
      pb().emit(Op::XOR, {r, r, top});
      pb().bind(done);
      return reg_val(to, r);
    }
    pb().emit(Op::F2I, {r, src});
    return reg_val(to, normalize(r, to), true);
  }
  // integer or pointer to integer or pointer
  Type* f = from->kind == TK::Pointer ? t_ulong_ : from;
  Type* t = to->kind == TK::Pointer ? t_ulong_ : to;
  bool same = f->size == t->size && is_unsigned(f) == is_unsigned(t) && f->kind != TK::Bool && t->kind != TK::Bool;
  bool widening = f->size < t->size && (is_unsigned(f) || !is_unsigned(t)) && t->kind != TK::Bool;
  if (to->kind == TK::Bool && from->kind == TK::Bool) same = true;
  if (t->size == 8 || same || widening) {
    // A value in memory is loaded by its own type before it changes type.
    if (v.m == Val::Mem) v = reg_val(from, to_reg(v));
    v.type = to;
    v.lvalue = false;
    return v;
  }
  return reg_val(to, normalize(to_reg(v), to), true);
}

namespace {
bool is_null_ptr_const(Compiler& c, const Val& v) {
  return v.m == Val::Const && v.null_const && (c.is_integer(v.type) || (v.type->kind == TK::Pointer && v.type->base->kind == TK::Void));
}
}  // namespace

// Conversion as if by assignment (C11 6.5.16.1), with gcc's diagnostics.
Val Compiler::assign_convert(Val v, Type* to, antlr4::ParserRuleContext* where, const std::string& what) {
  v = rvalue(v);
  Type* from = v.type;
  if (v.m == Val::None) fail(where, "void value not ignored as it ought to be");
  if (to->kind == TK::Struct) {
    if (from->kind != TK::Struct || from->st != to->st)
      fail(where, "incompatible types when " + what + " type '" + type_name(unqual(to)) + "' from type '" + type_name(unqual(from)) + "'");
    return v;
  }
  if (is_arith(to) && is_arith(from)) return convert(v, to);
  if (to->kind == TK::Bool && from->kind == TK::Pointer) {
    uint32_t z = const_reg(Kind::I, 0), r = temp(Kind::I);
    pb().emit(Op::NE, {r, to_reg(v), z});
    return reg_val(to, r, true);
  }
  if (to->kind == TK::Pointer) {
    if (is_null_ptr_const(*this, v)) return convert(v, to);
    if (from->kind == TK::Pointer) {
      check_pointer_conversion(to, from, where, what);
      v.type = to;
      return v;
    }
    if (is_integer(from)) fail(where, what + " '" + type_name(to) + "' from '" + type_name(from) + "' makes pointer from integer without a cast");
  }
  if (is_integer(to) && from->kind == TK::Pointer)
    fail(where, what + " '" + type_name(to) + "' from '" + type_name(from) + "' makes integer from pointer without a cast");
  fail(where, "incompatible types when " + what + " type '" + type_name(unqual(to)) + "' from type '" + type_name(unqual(from)) + "'");
}

// Assigning a pointer to a pointer (C11 6.5.16.1): compatible targets, or
// void * with an object pointer, never losing const.
void Compiler::check_pointer_conversion(Type* to, Type* from, antlr4::ParserRuleContext* where, const std::string& what) {
  Type* a = to->base;
  Type* b = from->base;
  bool ok = a->kind == TK::Void || b->kind == TK::Void ? (a->kind != TK::Func && b->kind != TK::Func) : compatible(unqual(a), unqual(b));
  if (!ok) fail(where, what + " '" + type_name(to) + "' from incompatible pointer type '" + type_name(from) + "'");
  if (b->is_const && !a->is_const) fail(where, what + " '" + type_name(to) + "' from '" + type_name(from) + "' discards 'const' qualifier from pointer target type");
}

Val Compiler::cast(Val v, Type* to, antlr4::ParserRuleContext* where, bool explicit_cast) {
  v = rvalue(v);
  if (to->kind == TK::Void) return Val{};
  if (v.m == Val::None) fail(where, "void value not ignored as it ought to be");
  if (!is_scalar(to)) fail(where, "conversion to non-scalar type requested");
  if (!is_scalar(v.type)) fail(where, "aggregate value used where a scalar was expected");
  if (is_float(to) && v.type->kind == TK::Pointer) fail(where, "pointer value used where a floating-point was expected");
  if (to->kind == TK::Pointer && is_float(v.type)) fail(where, "cannot convert to a pointer type");
  if (to->kind == TK::Pointer && v.type->kind == TK::Pointer && (to->base->kind == TK::Func) != (v.type->base->kind == TK::Func) &&
      !is_null_ptr_const(*this, v))
    fail(where, to->base->kind == TK::Func ? "ISO C forbids conversion of object pointer to function pointer type"
                                           : "ISO C forbids conversion of function pointer to object pointer type");
  (void)explicit_cast;
  bool was_null = is_null_ptr_const(*this, v);
  Val out = convert(v, unqual(to));
  out.null_const = was_null && to->kind == TK::Pointer && to->base->kind == TK::Void;
  if (is_integer(to) && out.m == Val::Const) out.null_const = out.i == 0;
  return out;
}

// ---- expressions ------------------------------------------------------------------------

Val Compiler::expression(P::ExpressionContext* ctx) {
  auto items = ctx->expr();
  Val v;
  for (size_t i = 0; i < items.size(); i++) {
    v = expr(items[i]);
    if (i + 1 < items.size() && v.m == Val::Mem && is_scalar(v.type) && fn_) {
      // A discarded operand is still evaluated (volatile reads aside, loads have no effect).
    }
  }
  if (items.size() > 1 && !fn_) throw std::logic_error("comma in a constant expression");
  return v;
}

// Every value has a type, `void` included, so no check downstream meets a
// missing one.
Val Compiler::expr(P::ExprContext* ctx) {
  Val v = expr_node(ctx);
  if (!v.type) v.type = t_void_;
  if (notes_) note(ctx, v.type);
  return v;
}

void Compiler::note(const antlr4::tree::ParseTree* t, Type* type, const std::string& symbol) {
  if (!notes_ || translation_unit_ != 0) return;
  Checked& c = (*notes_)[t];
  if (type) c.type = type_name(type);
  if (!symbol.empty()) c.symbol = symbol;
}

std::string Compiler::describe_symbol(const Symbol* s) {
  switch (s->k) {
    case Symbol::EnumConst: return "enumerator = " + std::to_string(s->value);
    case Symbol::Typedef: return "typedef";
    case Symbol::Function: {
      if (defined_names_.count(s->name) || !is_library(s->name)) return "function";
      const char* h = provided_function_header(s->name);
      return std::string("library function") + (h ? " <" + std::string(h) + ">" : "");
    }
    case Symbol::Var: break;
  }
  std::string what = s->is_param ? "parameter" : "local variable";
  switch (s->st.k) {
    case Storage::Global: return s->st.global.find('.') != std::string::npos ? "static local " + s->st.global : "global variable";
    case Storage::Reg: return what + " (register)";
    case Storage::Frame: return what + " (frame)";
    case Storage::Heap: return "variable-length array (heap)";
  }
  return what;
}

Val Compiler::expr_node(P::ExprContext* ctx) {
  if (auto* p = dynamic_cast<P::PrimaryExprContext*>(ctx)) return primary(p->primary());
  if (auto* b = dynamic_cast<P::BinaryExprContext*>(ctx)) {
    Val a = expr(b->expr(0));
    Val c = expr(b->expr(1));
    return binary(b->op->getText(), a, c, b->op);
  }
  if (auto* a = dynamic_cast<P::AssignExprContext*>(ctx)) return assign(a);
  if (auto* c = dynamic_cast<P::CallExprContext*>(ctx)) return call(c);
  if (auto* i = dynamic_cast<P::IndexExprContext*>(ctx)) return index(i);
  if (auto* m = dynamic_cast<P::MemberExprContext*>(ctx)) return member(m);
  if (auto* u = dynamic_cast<P::UnaryExprContext*>(ctx)) return unary(u);
  if (auto* l = dynamic_cast<P::LogicalExprContext*>(ctx)) return logical(l);
  if (auto* c = dynamic_cast<P::CondExprContext*>(ctx)) return cond_expr(c);
  if (auto* p = dynamic_cast<P::PostfixExprContext*>(ctx)) return incdec(p->expr(), p->op->getText() == "++", true, p->op);
  if (auto* p = dynamic_cast<P::PreIncExprContext*>(ctx)) return incdec(p->expr(), p->op->getText() == "++", false, p->op);
  if (auto* c = dynamic_cast<P::CastExprContext*>(ctx)) {
    Type* t = type_name_of(c->typeName());
    int64_t offset = 0;
    if (is_integer(t) && null_based_offset(c->expr(), &offset)) return convert(int_val(offset, t_ulong_), unqual(t));
    return cast(expr(c->expr()), t, c, true);
  }
  if (auto* s = dynamic_cast<P::SizeofTypeExprContext*>(ctx)) {
    Type* t = type_name_of(s->typeName());
    if (t->kind == TK::Func) fail(ctx, "invalid application of 'sizeof' to a function type");
    if ((t->kind == TK::Struct && !t->st->complete) || (t->kind == TK::Array && t->len < 0 && !t->vla))
      fail(ctx, "invalid application of 'sizeof' to incomplete type '" + type_name(t) + "'");
    if (t->kind == TK::Void) fail(ctx, "invalid application of 'sizeof' to a void type");
    return size_of(t, ctx->getStart());
  }
  if (auto* a = dynamic_cast<P::AlignofExprContext*>(ctx)) return int_val(type_name_of(a->typeName())->align, t_ulong_);
  if (auto* cl = dynamic_cast<P::CompoundLiteralExprContext*>(ctx)) {
    // An unnamed object in the frame area, initialized like a local variable.
    if (!fn_) fail(ctx, "unsupported: compound literals at file scope");
    Type* t = type_name_of(cl->typeName());
    auto items = cl->initItem();
    if (items.empty()) fail(ctx, "ISO C forbids empty initializer braces");
    for (auto* item : items) reject_empty_braces(item->initializer());
    if (t->kind == TK::Array && t->len < 0) {
      Type* open = array_of(t->base, INT32_MAX / std::max<uint32_t>(t->base->size, 1));
      std::vector<InitTarget> scratch;
      size_t idx = 0;
      t = array_of(t->base, flatten_init(open, 0, items, idx, 0, true, ctx, &scratch));
    }
    if (t->kind == TK::Func || t->kind == TK::Void) fail(ctx, "invalid compound literal type");
    uint32_t off = pb().frame_slot(std::max<uint32_t>(t->size, 1), t->align);
    uint32_t addr = temp(Kind::I);
    pb().emit(Op::ADDK, {addr, frame_base(), off});
    Val obj = mem_val(t, addr, 0);
    local_init_list(obj, items, ctx);
    obj.lvalue = true;
    return obj;
  }
  fail(ctx, "unsupported expression");
}

// ---- literals -------------------------------------------------------------------------------

namespace {
// Decodes the escapes of a character or string literal body; *error says
// what ISO C does not allow (an unknown escape, a value out of range).
std::string decode_escapes(const std::string& body, std::string* error) {
  std::string out;
  for (size_t i = 0; i < body.size(); i++) {
    char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      out += c;
      continue;
    }
    char e = body[++i];
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'e':
      case 'E':
        if (error->empty()) *error = std::string("non-ISO-standard escape sequence, '\\") + e + "'";
        out += '\x1b';
        break;
      case 'x': {
        unsigned v = 0;
        bool digits = false, big = false;
        while (i + 1 < body.size() && std::isxdigit(static_cast<unsigned char>(body[i + 1]))) {
          char h = body[++i];
          v = v * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : std::tolower(h) - 'a' + 10);
          digits = true;
          big = big || v > 0xff;
        }
        if (!digits && error->empty()) *error = "\\x used with no following hex digits";
        if (big && error->empty()) *error = "hex escape sequence out of range";
        out += static_cast<char>(v & 0xff);
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          unsigned v = static_cast<unsigned>(e - '0');
          for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; k++)
            v = v * 8 + static_cast<unsigned>(body[++i] - '0');
          if (v > 0xff && error->empty()) *error = "octal escape sequence out of range";
          out += static_cast<char>(v & 0xff);
        } else {
          if (!std::strchr("\\'\"?", e) && error->empty()) *error = std::string("unknown escape sequence: '\\") + e + "'";
          out += e;
        }
    }
  }
  return out;
}
}  // namespace

std::string Compiler::decode_string(P::StringPrimaryContext* ctx) {
  std::string out;
  for (auto* t : ctx->STRING_LITERAL()) {
    std::string s = t->getText();
    size_t q = s.find('"');
    if (q != 0) fail(t->getSymbol(), "unsupported: wide and Unicode string literals");
    std::string error;
    out += decode_escapes(s.substr(q + 1, s.size() - q - 2), &error);
    if (!error.empty()) fail(t->getSymbol(), error);
  }
  return out;
}

Val Compiler::string_literal(P::StringPrimaryContext* ctx) {
  std::string s = decode_string(ctx);
  Type* t = array_of(t_char_, static_cast<int64_t>(s.size()) + 1);
  Val v = mem_val(t, string_address(s), 0);
  v.lvalue = false;
  return v;
}

Val Compiler::primary(P::PrimaryContext* ctx) {
  if (auto* id = dynamic_cast<P::IdentPrimaryContext*>(ctx)) {
    std::string name = id->getText();
    Symbol* s = lookup(name);
    if (!s && name == "__func__" && fn_ && fn_->func) {
      // C11 6.4.2.2: static const char __func__[] = "name"; in every function.
      Val v = mem_val(array_of(qualified(t_char_, true), static_cast<int64_t>(fn_->func->name.size()) + 1),
                      string_address(fn_->func->name), 0);
      v.lvalue = true;
      return v;
    }
    if (!s) {
      check_library_name(name, ctx->getStart());
      fail(ctx, "'" + name + "' undeclared" + std::string(fn_ ? " (first use in this function)" : " here (not in a function)"));
    }
    if (notes_) note(ctx, nullptr, describe_symbol(s));
    switch (s->k) {
      case Symbol::EnumConst: return int_val(s->value, t_int_);
      case Symbol::Typedef: fail(ctx, "expected expression before '" + name + "'");
      case Symbol::Function: {
        Val v;
        v.m = Val::Func;
        v.type = funcs_[name].type;
        v.fname = name;
        return v;
      }
      case Symbol::Var: return var_value(s);
    }
  }
  if (auto* ip = dynamic_cast<P::IntPrimaryContext*>(ctx)) {
    std::string t = ip->getText();
    int base = 10;
    size_t k = 0;
    if (t.size() > 1 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) base = 16, k = 2;
    else if (t.size() > 1 && t[0] == '0' && (t[1] == 'b' || t[1] == 'B'))
      fail(ctx, "binary constants are a C2X feature or GCC extension");
    else if (t.size() > 1 && t[0] == '0') base = 8, k = 1;
    size_t end = k;
    while (end < t.size() && (base == 16 ? std::isxdigit(static_cast<unsigned char>(t[end])) : std::isdigit(static_cast<unsigned char>(t[end])))) end++;
    std::string suffix = t.substr(end);
    bool u = false;
    int l = 0;
    if (suffix.find_first_of("iIjJ") != std::string::npos && suffix.find_first_not_of("iIjJuUlL") == std::string::npos)
      fail(ctx, "imaginary constants are a GCC extension");
    static const char* const kSuffixes[] = {"", "u", "l", "ul", "lu", "ll", "ull", "llu", "U", "L", "UL", "LU", "LL", "ULL", "LLU",
                                            "uL", "Lu", "lU", "Ul", "uLL", "LLu", "llU", "Ull"};
    if (std::find(std::begin(kSuffixes), std::end(kSuffixes), suffix) == std::end(kSuffixes))
      fail(ctx, "invalid suffix \"" + suffix + "\" on integer constant");
    for (char ch : suffix) (ch == 'u' || ch == 'U') ? (void)(u = true) : (void)l++;
    std::string digits = t.substr(0, end);
    uint64_t v = 0;
    for (; k < digits.size(); k++) {
      char ch = digits[k];
      int d = std::isdigit(static_cast<unsigned char>(ch)) ? ch - '0' : std::isalpha(static_cast<unsigned char>(ch)) ? std::tolower(ch) - 'a' + 10 : 99;
      if (d >= base) fail(ctx, "invalid digit \"" + std::string(1, ch) + "\" in " + (base == 8 ? "octal" : "") + " constant");
      if (v > (std::numeric_limits<uint64_t>::max() - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base))
        fail(ctx, "integer constant is too large for its type");
      v = v * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    }
    Type* ty;
    if (base == 10 && !u) ty = l == 0 && v <= INT32_MAX ? t_int_ : v <= static_cast<uint64_t>(INT64_MAX) ? t_long_ : nullptr;
    else if (u) ty = l == 0 && v <= UINT32_MAX ? t_uint_ : t_ulong_;
    else ty = l == 0 && v <= INT32_MAX ? t_int_ : l == 0 && v <= UINT32_MAX ? t_uint_ : v <= static_cast<uint64_t>(INT64_MAX) ? t_long_ : t_ulong_;
    if (!ty) fail(ctx, "integer constant is too large for its type");
    return int_val(static_cast<int64_t>(v), ty);
  }
  if (auto* fp = dynamic_cast<P::FloatPrimaryContext*>(ctx)) {
    std::string t = fp->getText();
    char* stop = nullptr;
    double d = std::strtod(t.c_str(), &stop);
    std::string suffix = stop;
    if (!suffix.empty() && suffix.find_first_not_of("iIjJfFlL") == std::string::npos && suffix.find_first_of("iIjJ") != std::string::npos)
      fail(ctx, "imaginary constants are a GCC extension");
    if (suffix.size() > 1 || (suffix.size() == 1 && !std::strchr("fFlL", suffix[0])))
      fail(ctx, "invalid suffix \"" + suffix + "\" on floating constant");
    bool is_f = suffix == "f" || suffix == "F";
    if (suffix == "l" || suffix == "L") report_at(ctx, "unsupported: long double");  // (read as a double)
    return float_val(d, is_f ? t_float_ : t_double_);
  }
  if (auto* cp = dynamic_cast<P::CharPrimaryContext*>(ctx)) {
    std::string t = cp->getText();
    if (t[0] != '\'') fail(ctx, "unsupported: wide character constants");
    std::string error;
    std::string b = decode_escapes(t.substr(1, t.size() - 2), &error);
    if (!error.empty()) fail(ctx, error);
    if (t.size() == 2) fail(ctx, "empty character constant");
    // A multi-character constant is an int of its last four characters, as
    // gcc makes it (it warns beyond four).
    uint32_t bits = 0;
    for (char ch : b) bits = (bits << 8) | static_cast<unsigned char>(ch);
    int64_t v = static_cast<int32_t>(bits);
    if (b.size() == 1) v = static_cast<signed char>(b[0]);
    return int_val(v, t_int_);
  }
  if (auto* sp = dynamic_cast<P::StringPrimaryContext*>(ctx)) return string_literal(sp);
  auto* pp = dynamic_cast<P::ParenPrimaryContext*>(ctx);
  Val v = expression(pp->expression());
  if (v.m == Val::Reg) v.fresh_pc = -1;
  return v;
}

// ---- operators ------------------------------------------------------------------------------

Val Compiler::binary(const std::string& op, Val a, Val b, antlr4::Token* tok) {
  if (op == "==" || op == "!=" || op == "<" || op == ">" || op == "<=" || op == ">=") return compare(op, a, b, tok);
  a = rvalue(a);
  b = rvalue(b);
  if (a.m == Val::None || b.m == Val::None) fail(tok, "void value not ignored as it ought to be");
  bool ap = a.type->kind == TK::Pointer, bp = b.type->kind == TK::Pointer;
  if (op == "+" && (ap || bp)) {
    if (ap && bp) fail(tok, "invalid operands to binary + (have '" + type_name(a.type) + "' and '" + type_name(b.type) + "')");
    if (ap && is_integer(b.type)) return ptr_add(a, b, false, tok);
    if (bp && is_integer(a.type)) return ptr_add(b, a, false, tok);
  }
  if (op == "-" && ap) {
    if (is_integer(b.type)) return ptr_add(a, b, true, tok);
    if (bp) {
      if (!compatible(unqual(a.type->base), unqual(b.type->base)))
        fail(tok, "invalid operands to binary - (have '" + type_name(a.type) + "' and '" + type_name(b.type) + "')");
      uint32_t x = to_reg(a), y = to_reg(b), r = temp(Kind::I);
      pb().emit(Op::SUB, {r, x, y});
      if (a.type->base->vla) {
        uint32_t q = temp(Kind::I);
        pb().emit(Op::CDIV, {q, r, to_reg(size_of(a.type->base, tok)), 64});
        return reg_val(t_long_, q, true);
      }
      uint32_t size = a.type->base->kind == TK::Void ? 1 : a.type->base->size;
      if (size > 1) {
        uint32_t k = const_reg(Kind::I, size), q = temp(Kind::I);
        pb().emit(Op::CDIV, {q, r, k, 64});
        r = q;
      }
      return reg_val(t_long_, r, true);
    }
  }
  if (!is_arith(a.type) || !is_arith(b.type))
    fail(tok, "invalid operands to binary " + op + " (have '" + type_name(a.type) + "' and '" + type_name(b.type) + "')");
  return arith(op, a, b, tok);
}

namespace {
// Whether x op y leaves the range of the signed type t (C11 6.5p5).
bool signed_overflow(char op, int64_t x, int64_t y, Type* t) {
  int64_t r = 0;
  bool wide = op == '+' ? __builtin_add_overflow(x, y, &r) : op == '-' ? __builtin_sub_overflow(x, y, &r) : __builtin_mul_overflow(x, y, &r);
  return wide || (t->size == 4 && (r < INT32_MIN || r > INT32_MAX));
}
}  // namespace

Val Compiler::arith(const std::string& op, Val a, Val b, antlr4::Token* tok) {
  bool shift = op == "<<" || op == ">>";
  bool int_only = shift || op == "%" || op == "&" || op == "|" || op == "^";
  if (int_only && (!is_integer(a.type) || !is_integer(b.type)))
    fail(tok, "invalid operands to binary " + op + " (have '" + type_name(a.type) + "' and '" + type_name(b.type) + "')");
  Type* t = shift ? promote(a.type) : usual_arith(a.type, b.type);
  a = convert(a, t);
  b = shift ? convert(b, promote(b.type)) : convert(b, t);
  if (a.m == Val::Const && b.m == Val::Const) {
    if (is_float(t)) {
      double x = a.f, y = b.f, r = 0;
      if (op == "+") r = x + y;
      else if (op == "-") r = x - y;
      else if (op == "*") r = x * y;
      else r = x / y;
      return float_val(r, t);
    }
    uint64_t x = static_cast<uint64_t>(a.i), y = static_cast<uint64_t>(b.i);
    bool uns = is_unsigned(t);
    if ((op == "/" || op == "%") && y == 0) {
      if (!fn_) fail(tok, "division by zero in a constant expression");
    } else if ((op == "/" || op == "%") && !uns && y == static_cast<uint64_t>(-1) &&
               a.i == (t->size == 4 ? INT32_MIN : INT64_MIN)) {
      if (!fn_) fail(tok, "integer overflow in a constant expression");
    } else {
      uint64_t r = 0;
      if (op == "+") r = x + y;
      else if (op == "-") r = x - y;
      else if (op == "*") r = x * y;
      else if (op == "/") r = uns ? x / y : static_cast<uint64_t>(a.i / b.i);
      else if (op == "%") r = uns ? x % y : static_cast<uint64_t>(a.i % b.i);
      else if (op == "&") r = x & y;
      else if (op == "|") r = x | y;
      else if (op == "^") r = x ^ y;
      else if (op == "<<") r = x << (y & 63);
      else if (op == ">>") r = uns ? (t->size == 4 ? (x & 0xffffffffu) : x) >> (y & 63) : static_cast<uint64_t>(a.i >> (y & 63));
      if (shift && !fn_ && (b.i < 0 || b.i >= static_cast<int64_t>(t->size) * 8))
        fail(tok, std::string(b.i < 0 ? "negative shift count" : "shift count >= width of type") + " in a constant expression");
      Val out = int_val(static_cast<int64_t>(r), t);
      out.overflow = a.overflow || b.overflow || (!uns && (op == "+" || op == "-" || op == "*") && signed_overflow(op[0], a.i, b.i, t));
      return out;
    }
  }
  if (is_float(t)) {
    uint32_t x = to_reg(a), y = to_reg(b), r = temp(Kind::F);
    Op o = op == "+" ? Op::FADD : op == "-" ? Op::FSUB : op == "*" ? Op::FMUL : Op::FDIVC;
    pb().emit(o, {r, x, y});
    if (t->kind == TK::Float) pb().emit(Op::FSINGLE, {r, r});
    return reg_val(t, r, true);
  }
  bool uns = is_unsigned(t);
  bool narrow = t->size < 8;
  // Immediate forms for `i + 1`, `i - 1`, `i * 8`.
  if (b.m == Val::Const && (op == "+" || op == "-" || op == "*")) {
    int64_t k = op == "-" ? static_cast<int64_t>(0ull - static_cast<uint64_t>(b.i)) : b.i;
    if (fits_i32(k) && !(op == "-" && b.i == INT64_MIN)) {
      uint32_t x = to_reg(a), r = temp(Kind::I);
      pb().emit(op == "*" ? Op::MULK : Op::ADDK, {r, x, imm(k)});
      if (narrow) pb().emit(uns ? Op::ZEXT32 : Op::SEXT32, {r, r});
      return reg_val(t, r, true);
    }
  }
  uint32_t x = to_reg(a), y = to_reg(b), r = temp(Kind::I);
  pos(tok);
  if (op == "/" || op == "%") {
    if (uns) pb().emit(op == "/" ? Op::UDIV : Op::UMOD, {r, x, y});
    else pb().emit(op == "/" ? Op::CDIV : Op::CMOD, {r, x, y, narrow ? 32u : 64u});
    return reg_val(t, r, true);
  }
  Op o = op == "+" ? Op::ADD : op == "-" ? Op::SUB : op == "*" ? Op::MUL : op == "&" ? Op::AND : op == "|" ? Op::OR
       : op == "^" ? Op::XOR : op == "<<" ? Op::SHL : uns ? Op::SHR : Op::SAR;
  pb().emit(o, {r, x, y});
  if (narrow && (o == Op::ADD || o == Op::SUB || o == Op::MUL || o == Op::SHL)) pb().emit(uns ? Op::ZEXT32 : Op::SEXT32, {r, r});
  return reg_val(t, r, true);
}

Val Compiler::ptr_add(Val p, Val n, bool subtract, antlr4::Token* tok) {
  Type* pt = p.type;
  if (pt->base->kind == TK::Func) fail(tok, "pointer to a function used in arithmetic");
  if (pt->base->kind == TK::Void) fail(tok, "pointer of type 'void *' used in arithmetic");
  if (pt->base->kind == TK::Struct && !pt->base->st->complete)
    fail(tok, "invalid use of undefined type '" + type_name(pt->base) + "'");
  n = convert(n, t_long_);
  if (pt->base->vla) {  // a pointer to a variable-length array steps by its run-time size
    uint32_t x = to_reg(p), y = to_reg(n), scaled = temp(Kind::I), r = temp(Kind::I);
    pb().emit(Op::MUL, {scaled, y, to_reg(size_of(pt->base, tok))});
    pb().emit(subtract ? Op::SUB : Op::ADD, {r, x, scaled});
    return reg_val(pt, r, true);
  }
  int64_t size = pt->base->kind == TK::Void ? 1 : pt->base->size;
  if (p.m == Val::Const && n.m == Val::Const) return int_val(p.i + (subtract ? -n.i : n.i) * size, pt);
  uint32_t x = to_reg(p);
  if (n.m == Val::Const) {
    int64_t k = (subtract ? -n.i : n.i) * size;
    if (fits_i32(k)) {
      uint32_t r = temp(Kind::I);
      pb().emit(Op::ADDK, {r, x, imm(k)});
      return reg_val(pt, r, true);
    }
  }
  uint32_t y = to_reg(n);
  if (size != 1) {
    uint32_t s = temp(Kind::I);
    pb().emit(Op::MULK, {s, y, imm(size)});
    y = s;
  }
  uint32_t r = temp(Kind::I);
  pb().emit(subtract ? Op::SUB : Op::ADD, {r, x, y});
  return reg_val(pt, r, true);
}

Val Compiler::compare(const std::string& op, Val a, Val b, antlr4::Token* tok) {
  a = rvalue(a);
  b = rvalue(b);
  if (a.m == Val::None || b.m == Val::None) fail(tok, "void value not ignored as it ought to be");
  bool ap = a.type->kind == TK::Pointer, bp = b.type->kind == TK::Pointer;
  Type* t;
  if (ap || bp) {
    bool ok = (ap && bp) || (ap && is_null_ptr_const(*this, b)) || (bp && is_null_ptr_const(*this, a));
    if (ap && bp && !(a.type->base->kind == TK::Void || b.type->base->kind == TK::Void) &&
        !compatible(unqual(a.type->base), unqual(b.type->base)))
      fail(tok, "comparison of distinct pointer types lacks a cast");
    if (!ok) fail(tok, "comparison between pointer and integer");
    t = t_ulong_;
    a.type = b.type = t_ulong_;
  } else {
    if (!is_arith(a.type) || !is_arith(b.type))
      fail(tok, "invalid operands to binary " + op + " (have '" + type_name(a.type) + "' and '" + type_name(b.type) + "')");
    t = usual_arith(a.type, b.type);
    a = convert(a, t);
    b = convert(b, t);
  }
  if (a.m == Val::Const && b.m == Val::Const) {
    int c;
    if (is_float(t)) {
      if (std::isnan(a.f) || std::isnan(b.f)) return int_val(op == "!=");
      c = a.f < b.f ? -1 : a.f > b.f ? 1 : 0;
    } else if (is_unsigned(t)) {
      uint64_t x = static_cast<uint64_t>(a.i), y = static_cast<uint64_t>(b.i);
      c = x < y ? -1 : x > y ? 1 : 0;
    } else {
      c = a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
    }
    bool r = op == "==" ? c == 0 : op == "!=" ? c != 0 : op == "<" ? c < 0 : op == "<=" ? c <= 0 : op == ">" ? c > 0 : c >= 0;
    return int_val(r);
  }
  uint32_t x = to_reg(a), y = to_reg(b), r = temp(Kind::I);
  bool swap = op == ">" || op == ">=";
  if (swap) std::swap(x, y);
  Op o;
  if (is_float(t)) o = op == "==" ? Op::FEQ : op == "!=" ? Op::FNE : (op == "<" || op == ">") ? Op::FLT : Op::FLE;
  else if (is_unsigned(t)) o = op == "==" ? Op::EQ : op == "!=" ? Op::NE : (op == "<" || op == ">") ? Op::LTU : Op::LEU;
  else o = op == "==" ? Op::EQ : op == "!=" ? Op::NE : (op == "<" || op == ">") ? Op::LT : Op::LE;
  pb().emit(o, {r, x, y});
  return reg_val(t_int_, r, true);
}

Val Compiler::logical(P::LogicalExprContext* ctx) {
  bool is_and = ctx->op->getText() == "&&";
  if (!fn_) {
    Val a = rvalue(expr(ctx->expr(0)));
    Val b = rvalue(expr(ctx->expr(1)));
    if (a.m != Val::Const || b.m != Val::Const) throw std::logic_error("not constant");
    bool x = is_float(a.type) ? a.f != 0 : a.i != 0, y = is_float(b.type) ? b.f != 0 : b.i != 0;
    return int_val(is_and ? (x && y) : (x || y));
  }
  uint32_t r = temp(Kind::I);
  Label other = pb().new_label(), end = pb().new_label();
  // &&: any false operand jumps to `other` (0); ||: any true one (1).
  cond_jump(ctx->expr(0), other, !is_and);
  cond_jump(ctx->expr(1), other, !is_and);
  pb().emit(Op::LDI, {r, is_and ? 1u : 0u});
  pb().emit_jump(Op::JMP, {}, end);
  pb().bind(other);
  pb().emit(Op::LDI, {r, is_and ? 0u : 1u});
  pb().bind(end);
  return reg_val(t_int_, r);
}

Val Compiler::deref(Val p, antlr4::ParserRuleContext* where) {
  p = rvalue(p);
  if (p.m == Val::None) fail(where, "void value not ignored as it ought to be");
  if (p.type->kind != TK::Pointer) fail(where, "invalid type argument of unary '*' (have '" + type_name(p.type) + "')");
  Type* t = p.type->base;
  if (t->kind == TK::Func) return p;  // *fp is the function itself
  if (t->kind == TK::Void) fail(where, "dereferencing 'void *' pointer");
  uint32_t r = to_reg(p);
  return mem_val(t, r, 0);
}

Val Compiler::unary(P::UnaryExprContext* ctx) {
  std::string op = ctx->op->getText();
  if (op == "sizeof") {
    bool bitfield = false;
    Type* t = type_of_expr(ctx->expr(), &bitfield);
    if (bitfield) fail(ctx, "'sizeof' applied to a bit-field");
    if (t->kind == TK::Func) fail(ctx, "invalid application of 'sizeof' to a function type");
    if ((t->kind == TK::Struct && !t->st->complete) || (t->kind == TK::Array && t->len < 0 && !t->vla))
      fail(ctx, "invalid application of 'sizeof' to incomplete type '" + type_name(t) + "'");
    if (t->kind == TK::Void) return int_val(1, t_ulong_);  // gcc's extension (-pedantic warns)
    return size_of(t, ctx->getStart());
  }
  if (op == "&") {
    if (auto* pe = dynamic_cast<P::PrimaryExprContext*>(unparen(ctx->expr()))) {
      Symbol* s = dynamic_cast<P::IdentPrimaryContext*>(pe->primary()) ? lookup(pe->getText()) : nullptr;
      if (s && s->is_register) fail(ctx, "address of register variable '" + s->name + "' requested");
    }
    Val v = expr(ctx->expr());
    if (v.m == Val::Func) return rvalue(v);
    if (v.bits) {
      auto* m = dynamic_cast<P::MemberExprContext*>(unparen(ctx->expr()));
      fail(ctx, "cannot take address of bit-field '" + (m ? m->IDENTIFIER()->getText() : ctx->expr()->getText()) + "'");
    }
    if (v.m != Val::Mem || (!v.lvalue && v.type->kind != TK::Array && v.type->kind != TK::Struct))
      fail(ctx, "lvalue required as unary '&' operand");
    return reg_val(pointer_to(v.type), address_of(v));
  }
  if (op == "*") {
    pos(ctx);
    return deref(expr(ctx->expr()), ctx);
  }
  Val v = rvalue(expr(ctx->expr()));
  if (v.m == Val::None) fail(ctx, "void value not ignored as it ought to be");
  if (op == "!") {
    if (!is_scalar(v.type)) fail(ctx, "wrong type argument to unary exclamation mark");
    if (v.m == Val::Const) return int_val(is_float(v.type) ? v.f == 0 : v.i == 0);
    uint32_t x = to_reg(v), r = temp(Kind::I);
    if (is_float(v.type)) pb().emit(Op::FEQ, {r, x, const_reg(Kind::F, 0)});
    else pb().emit(Op::LNOT, {r, x});
    return reg_val(t_int_, r, true);
  }
  if (!is_arith(v.type) || (op == "~" && !is_integer(v.type)))
    fail(ctx, std::string("wrong type argument to ") + (op == "~" ? "bit-complement" : op == "-" ? "unary minus" : "unary plus"));
  Type* t = promote(v.type);
  v = convert(v, t);
  if (op == "+") {
    v.lvalue = false;
    return v;
  }
  if (v.m == Val::Const) {
    if (is_float(t)) return float_val(-v.f, t);
    Val out = int_val(op == "-" ? static_cast<int64_t>(0ull - static_cast<uint64_t>(v.i)) : ~v.i, t);
    out.overflow = v.overflow || (op == "-" && !is_unsigned(t) && v.i == (t->size == 4 ? INT32_MIN : INT64_MIN));
    return out;
  }
  uint32_t x = to_reg(v);
  if (is_float(t)) {
    uint32_t r = temp(Kind::F);
    pb().emit(Op::FNEG, {r, x});
    return reg_val(t, r, true);
  }
  uint32_t r = temp(Kind::I);
  pb().emit(op == "-" ? Op::NEG : Op::NOT, {r, x});
  if (t->size < 8 && (op == "-" || is_unsigned(t))) pb().emit(is_unsigned(t) ? Op::ZEXT32 : Op::SEXT32, {r, r});
  return reg_val(t, r, true);
}

void Compiler::check_modifiable(const Val& v, P::ExprContext* ctx) {
  if (v.m == Val::Func || !v.lvalue) fail(ctx, "lvalue required as left operand of assignment");
  if (v.type->kind == TK::Array) fail(ctx, "assignment to expression with array type");
  bool has_const = v.type->is_const;
  if (v.type->kind == TK::Struct)
    for (const Member& m : v.type->st->members) has_const = has_const || m.type->is_const;
  if (has_const) {
    P::ExprContext* e = unparen(ctx);
    if (auto* pe = dynamic_cast<P::PrimaryExprContext*>(e))
      fail(ctx, "assignment of read-only variable '" + pe->getText() + "'");
    if (auto* me = dynamic_cast<P::MemberExprContext*>(e))
      fail(ctx, "assignment of read-only member '" + me->IDENTIFIER()->getText() + "'");
    fail(ctx, "assignment of read-only location '" + ctx->getText() + "'");
  }
}

Val Compiler::store(const Val& dst, Val src, antlr4::ParserRuleContext* where) {
  if (dst.type->kind == TK::Struct) {
    src = assign_convert(src, dst.type, where, "assigning to");
    if (src.m != Val::Mem) throw std::logic_error("struct value without an address");
    uint32_t d = address_of(dst), s = address_of(src);
    pb().emit(Op::COPY, {d, s, image_type(dst.type)});
    return mem_val(dst.type, d, 0);
  }
  src = assign_convert(src, unqual(dst.type), where, "assignment to");
  if (dst.m == Val::Reg) {
    to_dest(src, dst.reg);
    return reg_val(dst.type, dst.reg);
  }
  uint32_t r = to_reg(src);
  if (dst.bits) {  // the value is what the field holds now: truncated
    store_bitfield(dst, r);
    return reg_val(bitfield_value_type(dst), load_bitfield(dst));
  }
  pb().emit(store_op(dst.type), {r, dst.reg, imm(dst.off)});
  return reg_val(unqual(dst.type), r);
}

Val Compiler::assign(P::AssignExprContext* ctx) {
  if (!fn_) throw std::logic_error("assignment in a constant expression");
  std::string op = ctx->op->getText();
  Val dst = expr(ctx->expr(0));
  check_modifiable(dst, ctx->expr(0));
  if (op == "=") {
    Val src = expr(ctx->expr(1));
    Val out = store(dst, src, ctx->expr(1));
    out.lvalue = false;
    return out;
  }
  std::string bop = op.substr(0, op.size() - 1);
  Val cur = dst;
  cur.lvalue = false;
  if (dst.bits) cur = rvalue(dst);
  else if (dst.m == Val::Mem && is_scalar(dst.type)) cur = reg_val(dst.type, to_reg(dst));
  Val r = binary(bop, cur, expr(ctx->expr(1)), ctx->op);
  // The operation's result converts back to the left operand's type.
  if (is_arith(dst.type) && is_arith(r.type)) r = convert(r, unqual(dst.type));
  Val out = store(dst, r, ctx);
  out.lvalue = false;
  return out;
}

Val Compiler::incdec(P::ExprContext* operand, bool inc, bool post, antlr4::Token* tok) {
  if (!fn_) throw std::logic_error("++ in a constant expression");
  Val v = expr(operand);
  if (v.m == Val::Func || !v.lvalue) fail(operand, std::string("lvalue required as ") + (inc ? "increment" : "decrement") + " operand");
  if (v.type->is_const) {
    P::ExprContext* e = unparen(operand);
    if (dynamic_cast<P::PrimaryExprContext*>(e))
      fail(operand, std::string(inc ? "increment" : "decrement") + " of read-only variable '" + e->getText() + "'");
    fail(operand, std::string(inc ? "increment" : "decrement") + " of read-only location '" + e->getText() + "'");
  }
  if (!is_scalar(v.type)) fail(operand, std::string("wrong type argument to ") + (inc ? "increment" : "decrement"));
  if (v.bits) {
    Val old = rvalue(v);
    uint32_t r = temp(Kind::I);
    pb().emit(Op::ADDK, {r, old.reg, inc ? 1u : imm(-1)});
    if (v.type->kind == TK::Bool) r = normalize(r, v.type);
    store_bitfield(v, r);
    return post ? old : reg_val(old.type, load_bitfield(v));
  }
  Type* t = v.type;
  uint32_t old = to_reg(v);
  bool value_used = operand->parent != discarded_;
  if (post && v.m == Val::Reg && value_used) {
    uint32_t copy = temp(reg_kind(t));
    pb().emit(reg_kind(t) == Kind::F ? Op::MOVF : Op::MOVI, {copy, old});
    old = copy;
  }
  Val nv;
  if (t->kind == TK::Pointer) {
    nv = ptr_add(reg_val(t, old), int_val(1), !inc, tok);
  } else if (is_float(t)) {
    uint32_t r = temp(Kind::F);
    pb().emit(inc ? Op::FADD : Op::FSUB, {r, old, const_reg(Kind::F, 0x3ff0000000000000ull)});
    if (t->kind == TK::Float) pb().emit(Op::FSINGLE, {r, r});
    nv = reg_val(unqual(t), r, true);
  } else {
    uint32_t r = temp(Kind::I);
    pb().emit(Op::ADDK, {r, old, inc ? 1u : imm(-1)});
    nv = reg_val(unqual(t), normalize(r, t), true);  // retargeted into a register variable
  }
  if (v.m == Val::Reg) {
    to_dest(nv, v.reg);
    return post ? reg_val(unqual(t), old) : reg_val(unqual(t), v.reg);
  }
  uint32_t nr = to_reg(nv);
  pb().emit(store_op(t), {nr, v.reg, imm(v.off)});
  return reg_val(unqual(t), post ? old : nr);
}

Val Compiler::cond_expr(P::CondExprContext* ctx) {
  if (!fn_) {
    Val c = rvalue(expr(ctx->expr(0)));
    if (c.m != Val::Const) throw std::logic_error("not constant");
    bool x = is_float(c.type) ? c.f != 0 : c.i != 0;
    Val a = rvalue(expression(ctx->expression()));
    Val b = rvalue(expr(ctx->expr(1)));
    if (is_arith(a.type) && is_arith(b.type)) {
      Type* t = usual_arith(a.type, b.type);
      return convert(x ? a : b, t);
    }
    return x ? a : b;
  }
  Label els = pb().new_label(), end = pb().new_label();
  cond_jump(ctx->expr(0), els, false);
  // The result type needs both operands' types before either is converted.
  P::ExprContext* first = ctx->expression()->expr().size() == 1 ? ctx->expression()->expr(0) : nullptr;
  Type* at = first ? type_of_expr(first) : nullptr;
  Type* bt = type_of_expr(ctx->expr(1));
  if (at && at->kind == TK::Array) at = pointer_to(at->base);
  if (bt->kind == TK::Array) bt = pointer_to(bt->base);
  if (at && at->kind == TK::Func) at = pointer_to(at);
  if (bt->kind == TK::Func) bt = pointer_to(bt);
  Type* t;
  if (!at) t = bt;
  else if (is_arith(at) && is_arith(bt)) t = usual_arith(at, bt);
  else if (at->kind == TK::Void || bt->kind == TK::Void) t = t_void_;
  else if (at->kind == TK::Pointer && bt->kind == TK::Pointer) {
    t = at->base->kind == TK::Void ? at : bt->base->kind == TK::Void ? bt : at;
    if (t->base->kind != TK::Void && !compatible(unqual(at->base), unqual(bt->base)))
      fail(ctx, "pointer type mismatch in conditional expression");
  } else if (at->kind == TK::Pointer || bt->kind == TK::Pointer) {
    // C11 6.5.15p3: a pointer goes with another pointer or a null pointer constant.
    int64_t k = 0;
    P::ExprContext* other = at->kind == TK::Pointer ? ctx->expr(1) : first;
    if (!is_integer(at->kind == TK::Pointer ? bt : at) || !other || !try_const_int(other, &k) || k != 0)
      fail(ctx, "pointer/integer type mismatch in conditional expression");
    t = at->kind == TK::Pointer ? at : bt;
  }
  else if (at->kind == TK::Struct && bt->kind == TK::Struct && at->st == bt->st) t = unqual(at);
  else fail(ctx, "type mismatch in conditional expression");
  t = unqual(t);
  if (t->kind == TK::Void) {
    expression(ctx->expression());
    pb().emit_jump(Op::JMP, {}, end);
    pb().bind(els);
    expr(ctx->expr(1));
    pb().bind(end);
    return Val{};
  }
  if (t->kind == TK::Struct) {
    uint32_t dst = frame_temp(t);
    Val a = rvalue(expression(ctx->expression()));
    pb().emit(Op::COPY, {dst, address_of(a), image_type(t)});
    pb().emit_jump(Op::JMP, {}, end);
    pb().bind(els);
    Val b = rvalue(expr(ctx->expr(1)));
    pb().emit(Op::COPY, {dst, address_of(b), image_type(t)});
    pb().bind(end);
    Val out = mem_val(t, dst, 0);
    out.lvalue = false;
    return out;
  }
  uint32_t r = temp(reg_kind(t));
  Val a = rvalue(expression(ctx->expression()));
  if (a.m == Val::None) fail(ctx, "void value not ignored as it ought to be");
  to_dest(t->kind == TK::Pointer ? (a.type = t, a) : convert(a, t), r);
  pb().emit_jump(Op::JMP, {}, end);
  pb().bind(els);
  Val b = rvalue(expr(ctx->expr(1)));
  if (b.m == Val::None) fail(ctx, "void value not ignored as it ought to be");
  to_dest(t->kind == TK::Pointer ? (b.type = t, b) : convert(b, t), r);
  pb().bind(end);
  return reg_val(t, r);
}

// ---- member access and indexing -----------------------------------------------------------

Val Compiler::member(P::MemberExprContext* ctx) {
  Val base = expr(ctx->expr());
  bool arrow = ctx->op->getText() == "->";
  std::string name = ctx->IDENTIFIER()->getText();
  if (arrow) {
    base = rvalue(base);
    if (base.type->kind != TK::Pointer || base.type->base->kind != TK::Struct)
      fail(ctx->op, "invalid type argument of '->' (have '" + type_name(base.type) + "')");
    Type* st = base.type->base;
    if (!st->st->complete) fail(ctx->op, "invalid use of undefined type '" + type_name(st) + "'");
    uint32_t r = to_reg(base);
    base = mem_val(st, r, 0);
  } else if (base.type->kind != TK::Struct) {
    fail(ctx->op, "request for member '" + name + "' in something not a structure or union");
  }
  Type* st = base.type;
  if (!st->st->complete) fail(ctx->op, "invalid use of undefined type '" + type_name(st) + "'");
  uint32_t offset = 0;
  if (const Member* m = find_member(st->st, name, &offset)) {
    Val out = mem_val(st->is_const ? qualified(m->type, true) : m->type, base.reg, base.off + static_cast<int32_t>(offset));
    out.lvalue = base.lvalue || arrow;
    out.bits = m->bits;
    out.shift = m->shift;
    return out;
  }
  fail(ctx->IDENTIFIER()->getSymbol(), "'" + type_name(unqual(st)) + "' has no member named '" + name + "'");
}

Val Compiler::index(P::IndexExprContext* ctx) {
  Val a = expr(ctx->expr());
  Val i = expression(ctx->expression());
  if (a.m == Val::Mem && a.type->kind == TK::Array && !a.type->base->vla && i.m == Val::Const && is_integer(i.type)) {
    int64_t off = a.off + i.i * static_cast<int64_t>(a.type->base->size);
    if (fits_i32(off)) {
      Val out = mem_val(a.type->base, a.reg, static_cast<int32_t>(off));
      out.lvalue = true;
      return out;
    }
  }
  a = rvalue(a);
  i = rvalue(i);
  if (is_integer(a.type) && i.type->kind == TK::Pointer) std::swap(a, i);
  if (a.type->kind != TK::Pointer) fail(ctx, "subscripted value is neither array nor pointer nor vector");
  if (!is_integer(i.type)) fail(ctx->expression(), "array subscript is not an integer");
  pos(ctx);
  return deref(ptr_add(a, i, false, ctx->getStart()), ctx);
}

// ---- calls -------------------------------------------------------------------------------

Val Compiler::call(P::CallExprContext* ctx) {
  if (!fn_) throw std::logic_error("call in a constant expression");
  auto all = ctx->expr();
  P::ExprContext* callee = unparen(all[0]);
  std::vector<P::ExprContext*> args(all.begin() + 1, all.end());
  antlr4::Token* tok = all[0]->getStart();
  if (auto* pe = dynamic_cast<P::PrimaryExprContext*>(callee)) {
    if (auto* ip = dynamic_cast<P::IdentPrimaryContext*>(pe->primary())) {
      std::string name = ip->getText();
      Symbol* s = lookup(name);
      if (!s && name == "__dvm_assert") return call_library(name, nullptr, args, tok);
      if (!s) {
        check_library_name(name, ip->getStart());
        std::string hint;
        if (const char* h = provided_function_header(name)) hint = " (declared in <" + std::string(h) + ">)";
        fail(ip, "implicit declaration of function '" + name + "'" + hint);
      }
      if (s->k == Symbol::Function) {
        FuncInfo* f = &funcs_[name];
        note(ip, nullptr, describe_symbol(s));
        note(all[0], f->type);
        if (!defined_names_.count(name) && is_library(name)) return call_library(name, f, args, tok);
        return call_function(f, args, tok);
      }
    }
  }
  Val fp = rvalue(expr(all[0]));
  if (fp.type->kind != TK::Pointer || fp.type->base->kind != TK::Func)
    fail(all[0], "called object is not a function or function pointer");
  return call_pointer(fp, args, tok);
}

// Arguments are evaluated from the last to the first, as gcc does on x86-64
// (the order is unspecified in C, and programs print what gcc's build does).
void Compiler::pass_args(Type* ft, const std::vector<P::ExprContext*>& args, uint32_t slot, antlr4::Token* tok) {
  for (size_t i = args.size(); i-- > 0;) {
    uint32_t to = slot + static_cast<uint32_t>(i);
    Val v = rvalue(expr(args[i]));
    if (v.m == Val::None) fail(args[i], "invalid use of void expression");
    if (i >= ft->params.size()) {
      // No prototype: the default argument promotions.
      Type* t = is_float(v.type) ? t_double_ : is_integer(v.type) ? promote(v.type) : v.type;
      to_dest(convert(v, t), to);
      continue;
    }
    Type* pt = ft->params[i];
    if (pt->kind == TK::Struct) {
      v = assign_convert(v, pt, args[i], "passing argument " + std::to_string(i + 1) + " of");
      to_dest(reg_val(t_voidp_, address_of(v)), to);
      continue;
    }
    v = assign_convert(v, unqual(pt), args[i], "passing argument " + std::to_string(i + 1) + " of");
    to_dest(v, to);
  }
  (void)tok;
}

// The arguments of a call into its block from `slot` on; a variadic
// callee gets its variable ones as slots and their count after the fixed.
void Compiler::pass_call_args(Type* ft, const std::vector<P::ExprContext*>& args, uint32_t slot, antlr4::Token* tok) {
  if (!ft->variadic) return pass_args(ft, args, slot, tok);
  std::vector<P::ExprContext*> fixed(args.begin(), args.begin() + static_cast<long>(ft->params.size()));
  VarArgs va = vararg_array(args, ft->params.size());  // (the last arguments: evaluated first)
  pass_args(ft, fixed, slot, tok);
  slot += static_cast<uint32_t>(ft->params.size());
  to_dest(va.addr, slot++);
  to_dest(va.count, slot);
}

namespace {
void check_arity(Compiler& c, Type* ft, size_t n, antlr4::Token* tok, const std::string& name) {
  if (!ft->proto) return;
  if (n < ft->params.size()) c.fail(tok, "too few arguments to function '" + name + "'");
  if (n > ft->params.size() && !ft->variadic) c.fail(tok, "too many arguments to function '" + name + "'");
}
}  // namespace

// Without a prototype (`int f();`, `int (*g)()`) a call passes its
// arguments after the default promotions: their kinds and types make the
// signature.
Signature Compiler::promoted_signature(Signature sig, const std::vector<P::ExprContext*>& args) {
  sig.params.clear();
  sig.param_types.clear();
  sig.param_modes.clear();
  for (auto* a : args) {
    Type* t = type_of_expr(a);
    if (t->kind == TK::Array) t = pointer_to(t->base);
    if (t->kind == TK::Func) t = pointer_to(t);
    Type* p = is_float(t) ? t_double_ : is_integer(t) ? promote(t) : t;
    if (p->kind == TK::Struct) throw CompileError{tok_line(a->getStart()), tok_col(a->getStart()), 1,
                                                  "unsupported: struct arguments to a function without a prototype"};
    sig.params.push_back(reg_kind(p));
    sig.param_types.push_back(image_type(p));
    sig.param_modes.push_back(0);
  }
  return sig;
}

Val Compiler::call_function(FuncInfo* f, const std::vector<P::ExprContext*>& args, antlr4::Token* tok) {
  Type* ft = f->type;
  check_arity(*this, ft, args.size(), tok, f->name);
  f->called = true;
  Signature sig = signature_of(ft);
  if (!ft->proto) sig = promoted_signature(sig, args);
  std::vector<Kind> kinds = sig.params;
  if (sig.result != Kind::V) kinds.push_back(sig.result);
  uint32_t b = block(kinds);
  uint32_t slot = b;
  Val result;
  if (f->result_by_ref) {
    uint32_t off = pb().frame_slot(ft->base->size, ft->base->align);
    pb().emit(Op::ADDK, {slot++, frame_base(), off});
    result = mem_val(ft->base, frame_base(), static_cast<int32_t>(off));
    result.lvalue = false;
  }
  pass_call_args(ft, args, slot, tok);
  pos(tok);
  pb().emit(Op::CALL, {ub().proc_ref(f->name), b});
  if (f->result_by_ref) return result;
  if (sig.result == Kind::V) return Val{};
  return reg_val(ft->base, b + static_cast<uint32_t>(sig.params.size()));
}

// A call through a function pointer: CALLP checks at run time that the
// procedure's signature is the one the pointer's type gives.  A variadic
// callee takes its variable arguments as slots and a count after the fixed
// ones; a pointer without a prototype (`int (*f)()`) passes the promoted
// arguments as they are.
Val Compiler::call_pointer(Val fp, const std::vector<P::ExprContext*>& args, antlr4::Token* tok) {
  Type* ft = fp.type->base;
  check_arity(*this, ft, args.size(), tok, "function pointer");
  uint32_t target = to_reg(fp);
  Signature sig = signature_of(ft);
  if (!ft->proto) sig = promoted_signature(sig, args);
  uint32_t sig_index = 0;
  for (; sig_index < fn_->sigs.size(); sig_index++) {
    const Signature& o = fn_->sigs[sig_index];
    if (o.params == sig.params && o.param_types == sig.param_types && o.param_modes == sig.param_modes &&
        o.result == sig.result && o.result_type == sig.result_type)
      break;
  }
  if (sig_index == fn_->sigs.size()) fn_->sigs.push_back(sig);
  std::vector<Kind> kinds = sig.params;
  if (sig.result != Kind::V) kinds.push_back(sig.result);
  uint32_t b = block(kinds);
  uint32_t slot = b;
  Val result;
  bool by_ref = ft->base->kind == TK::Struct;
  if (by_ref) {
    uint32_t off = pb().frame_slot(ft->base->size, ft->base->align);
    pb().emit(Op::ADDK, {slot++, frame_base(), off});
    result = mem_val(ft->base, frame_base(), static_cast<int32_t>(off));
    result.lvalue = false;
  }
  pass_call_args(ft, args, slot, tok);
  pos(tok);
  pb().emit(Op::CALLP, {target, sig_index, b});
  if (by_ref) return result;
  if (sig.result == Kind::V) return Val{};
  return reg_val(ft->base, b + static_cast<uint32_t>(sig.params.size()));
}

// ---- conditions --------------------------------------------------------------------------

void Compiler::value_jump(Val v, Label target, bool jump_if) {
  v = rvalue(v);
  if (v.m == Val::None) throw CompileError{0, 0, 1, "void value not ignored as it ought to be"};
  if (!is_scalar(v.type)) throw CompileError{0, 0, 1, "used struct type value where scalar is required"};
  if (v.m == Val::Const) {
    bool truth = is_float(v.type) ? v.f != 0 : v.i != 0;
    if (truth == jump_if) pb().emit_jump(Op::JMP, {}, target);
    return;
  }
  uint32_t r = to_reg(v);
  if (is_float(v.type)) {
    uint32_t t = temp(Kind::I);
    pb().emit(Op::FNE, {t, r, const_reg(Kind::F, 0)});
    r = t;
  }
  pb().emit_jump(jump_if ? Op::JT : Op::JF, {r}, target);
}

// Jumps to target when the condition's truth equals jump_if.  Integer and
// pointer comparisons become one compare-and-branch; && and || jump chains.
void Compiler::cond_jump(P::ExprContext* ctx, Label target, bool jump_if) {
  ctx = unparen(ctx);
  if (auto* l = dynamic_cast<P::LogicalExprContext*>(ctx)) {
    bool is_or = l->op->getText() == "||";
    if (jump_if == is_or) {
      cond_jump(l->expr(0), target, jump_if);
      cond_jump(l->expr(1), target, jump_if);
    } else {
      Label skip = pb().new_label();
      cond_jump(l->expr(0), skip, is_or);
      cond_jump(l->expr(1), target, jump_if);
      pb().bind(skip);
    }
    return;
  }
  if (auto* u = dynamic_cast<P::UnaryExprContext*>(ctx)) {
    if (u->op->getText() == "!") {
      Type* t = type_of_expr(u->expr());
      if (is_scalar(t) || t->kind == TK::Array) return cond_jump(u->expr(), target, !jump_if);
    }
  }
  if (auto* b = dynamic_cast<P::BinaryExprContext*>(ctx)) {
    std::string op = b->op->getText();
    if (op == "==" || op == "!=" || op == "<" || op == ">" || op == "<=" || op == ">=") {
      note(b, t_int_);
      Val x = rvalue(expr(b->expr(0)));
      Val y = rvalue(expr(b->expr(1)));
      bool ints = x.m != Val::None && y.m != Val::None && (is_integer(x.type) || x.type->kind == TK::Pointer) &&
                  (is_integer(y.type) || y.type->kind == TK::Pointer) && !(x.m == Val::Const && y.m == Val::Const);
      if (!ints) {
        try {
          return value_jump(compare(op, x, y, b->op), target, jump_if);
        } catch (CompileError& e) {
          if (e.line == 0) fail(ctx, e.msg);
          throw;
        }
      }
      if ((x.type->kind == TK::Pointer) != (y.type->kind == TK::Pointer) &&
          !(x.type->kind == TK::Pointer ? y.null_const && y.m == Val::Const : x.null_const && x.m == Val::Const))
        fail(b->op, "comparison between pointer and integer");
      bool uns;
      if (x.type->kind == TK::Pointer || y.type->kind == TK::Pointer) {
        uns = true;
      } else {
        Type* t = usual_arith(x.type, y.type);
        x = convert(x, t);
        y = convert(y, t);
        uns = is_unsigned(t);
      }
      if (!jump_if) op = op == "==" ? "!=" : op == "!=" ? "==" : op == "<" ? ">=" : op == "<=" ? ">" : op == ">" ? "<=" : "<";
      uint32_t rx = to_reg(x), ry = to_reg(y);
      if (op == ">" || op == ">=") std::swap(rx, ry);
      Op j = op == "==" ? Op::JEQ : op == "!=" ? Op::JNE : (op == "<" || op == ">") ? (uns ? Op::JLTU : Op::JLT) : (uns ? Op::JLEU : Op::JLE);
      pb().emit_jump(j, {rx, ry}, target);
      return;
    }
  }
  try {
    value_jump(expr(ctx), target, jump_if);
  } catch (CompileError& e) {
    if (e.line == 0) fail(ctx, e.msg);
    throw;
  }
}

// ---- constant expressions and static types ---------------------------------------------------

int64_t Compiler::const_int(P::ExprContext* ctx) {
  FnCtx* saved = fn_;
  Val v;
  fn_ = nullptr;
  try {
    v = expr(ctx);
  } catch (const std::logic_error&) {
    fn_ = saved;
    fail(ctx, "expression is not an integer constant expression");
  } catch (...) {
    fn_ = saved;
    throw;
  }
  fn_ = saved;
  if (v.m != Val::Const || !is_integer(v.type)) fail(ctx, "expression is not an integer constant expression");
  if (v.overflow) fail(ctx, "overflow in constant expression");
  return v.i;
}

// The type of an expression, compiled into a scratch copy of the current
// function so that no code or state of the real one changes.
// By compiling the expression into a scratch procedure.  Remembered: a
// conditional asks for the types of both its operands before it compiles
// them, so in a chain of n conditionals each would otherwise be compiled
// 2^n times.
Type* Compiler::type_of_expr(P::ExprContext* ctx, bool* is_bitfield) {
  if (!ctx) return nullptr;
  if (auto known = expr_types_.find(ctx); known != expr_types_.end()) {
    if (is_bitfield) *is_bitfield = known->second.bitfield;
    return known->second.type;
  }
  FnCtx scratch;
  UnitBuilder scratch_unit = unit_ ? *unit_ : UnitBuilder("scratch");
  if (fn_) {
    scratch.func = fn_->func;
    scratch.pb = std::make_unique<ProcBuilder>(fn_->pb->probe());
    scratch.frame_base = fn_->frame_base;
    scratch.global_addr = fn_->global_addr;
    scratch.string_addr = fn_->string_addr;
    scratch.const_regs = fn_->const_regs;
    scratch.address_taken = fn_->address_taken;
    scratch.sigs = fn_->sigs;
  } else {
    scratch.pb = std::make_unique<ProcBuilder>(&scratch_unit, "scratch");
    scratch.func = nullptr;
  }
  FnCtx* saved_fn = fn_;
  UnitBuilder* saved_unit = unit_;
  fn_ = &scratch;
  unit_ = &scratch_unit;
  Type* t = nullptr;
  bool bitfield = false;
  try {
    Val v = expr(ctx);
    t = v.m == Val::None ? t_void_ : v.type;
    bitfield = v.bits != 0;
  } catch (...) {
    fn_ = saved_fn;
    unit_ = saved_unit;
    throw;
  }
  fn_ = saved_fn;
  unit_ = saved_unit;
  expr_types_[ctx] = {t, bitfield};
  if (is_bitfield) *is_bitfield = bitfield;
  return t;
}

}  // namespace dvm::c
