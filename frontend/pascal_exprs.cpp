// Pascal expressions: type checking, constant folding and code for values,
// designators (variables, fields, elements), calls and conditions.
#include <cmath>
#include <algorithm>
#include <functional>
#include <cstring>
#include <limits>

#include "frontend/pascal_compiler.h"
#include "stdlib/builtin_ids.h"
#include "vm/strings.h"

namespace dvm::pascal {

namespace {
bool fits_i32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }
uint32_t imm(int64_t v) { return static_cast<uint32_t>(static_cast<int32_t>(v)); }
}  // namespace

// ---- constants ------------------------------------------------------------------

Val Compiler::int_const(int64_t v) {
  Val x;
  x.type = x.c.type = t_int_;
  x.c.i = v;
  return x;
}

Val Compiler::real_const(double v) {
  Val x;
  x.type = x.c.type = t_real_;
  x.c.r = v;
  return x;
}

Val Compiler::string_const(const std::string& s) {
  Val x;
  x.type = x.c.type = t_string_;
  x.c.s = s;
  return x;
}

Val Compiler::bool_const(bool b) {
  Val x;
  x.type = x.c.type = t_bool_;
  x.c.i = b ? 1 : 0;
  return x;
}

// ---- loading and storing ----------------------------------------------------------

Op Compiler::load_op(Type* t) {
  switch (t->kind) {
    case TK::Integer:
      switch (t->bits) {
        case 8: return t->is_unsigned ? Op::LD8U : Op::LD8S;
        case 16: return t->is_unsigned ? Op::LD16U : Op::LD16S;
        case 32: return t->is_unsigned ? Op::LD32U : Op::LD32S;
        default: return Op::LD64;
      }
    case TK::Real: return Op::LDF64;
    case TK::String: case TK::DynArray: return Op::LDS;
    case TK::Boolean: case TK::Char: return Op::LD8U;
    case TK::Enum: return Op::LD32U;
    case TK::Subrange: return load_op(t->base);
    default: return Op::LD64;
  }
}

Op Compiler::store_op(Type* t) {
  switch (t->kind) {
    case TK::Integer:
      switch (t->bits) {
        case 8: return Op::ST8;
        case 16: return Op::ST16;
        case 32: return Op::ST32;
        default: return Op::ST64;
      }
    case TK::Real: return Op::STF64;
    case TK::String: case TK::DynArray: return Op::STS;
    case TK::Boolean: case TK::Char: return Op::ST8;
    case TK::Enum: return Op::ST32;
    case TK::Subrange: return store_op(t->base);
    default: return Op::ST64;
  }
}

Val Compiler::load_mem(Type* t, uint32_t base, int32_t off) {
  Val v;
  v.m = Val::Mem;
  v.type = t;
  v.reg = base;
  v.off = off;
  v.lvalue = true;
  return v;
}

namespace {
void emit_const_into(Compiler& c, const Val& v, uint32_t dst) {
  switch (c.pb().reg_kind(dst)) {
    case Kind::F: {
      double d = v.type->kind == TK::Real ? v.c.r : static_cast<double>(v.c.i);
      c.pb().emit(Op::LDKF, {dst, c.ub().kreal(d)});
      break;
    }
    case Kind::S: {
      // A char becomes a string; a string constant, and nil as an empty dynamic array, are themselves.
      std::string s = v.type->kind == TK::String || v.type->kind == TK::DynArray ? v.c.s
                                                                                : std::string(1, static_cast<char>(v.c.i));
      c.pb().emit(Op::LDKS, {dst, c.ub().kstr(s)});
      break;
    }
    default:
      if (fits_i32(v.c.i)) c.pb().emit(Op::LDI, {dst, imm(v.c.i)});
      else c.pb().emit(Op::LDK, {dst, c.ub().kint(v.c.i)});
      break;
  }
}
}  // namespace

// A register holding constant v for the whole routine, loaded in the prologue.
uint32_t Compiler::const_reg(const Val& v, Kind k) {
  if (k == Kind::S) {
    std::string s = v.type->kind == TK::String || v.type->kind == TK::DynArray ? v.c.s
                                                                              : std::string(1, static_cast<char>(v.c.i));
    auto it = fn_->string_const_regs.find(s);
    if (it != fn_->string_const_regs.end()) return it->second;
    uint32_t r = pb().reg(k);
    pb().emit_prologue(Op::LDKS, {r, ub().kstr(s)});
    fn_->string_const_regs[s] = r;
    return r;
  }
  uint64_t bits;
  if (k == Kind::F) {
    double d = v.type->kind == TK::Real ? v.c.r : static_cast<double>(v.c.i);
    std::memcpy(&bits, &d, sizeof bits);
  } else {
    bits = static_cast<uint64_t>(v.c.i);
  }
  auto key = std::make_pair(k, bits);
  auto it = fn_->const_regs.find(key);
  if (it != fn_->const_regs.end()) return it->second;
  uint32_t r = pb().reg(k);
  if (k == Kind::F) {
    double d;
    std::memcpy(&d, &bits, sizeof d);
    pb().emit_prologue(Op::LDKF, {r, ub().kreal(d)});
  } else if (fits_i32(v.c.i)) {
    pb().emit_prologue(Op::LDI, {r, imm(v.c.i)});
  } else {
    pb().emit_prologue(Op::LDK, {r, ub().kint(v.c.i)});
  }
  fn_->const_regs[key] = r;
  return r;
}

uint32_t Compiler::to_reg(Val v) {
  switch (v.m) {
    case Val::Reg:
      return v.reg;
    case Val::Const: {
      Kind k = reg_kind(v.type);
      if (v.type->kind == TK::Nil) k = Kind::I;
      if (fn_ && (fn_->loop_depth > 0 || fn_->routine->level == 0)) return const_reg(v, k);
      uint32_t r = temp(k);
      emit_const_into(*this, v, r);
      return r;
    }
    case Val::Mem: {
      if (is_aggregate(v.type) || v.type->kind == TK::OpenArray) throw std::logic_error("aggregate in a register");
      Op op = load_op(v.type);
      auto key = std::make_tuple(v.reg, v.off, static_cast<int>(op));
      auto it = fn_->loads.find(key);
      if (it != fn_->loads.end() && it->second.barrier == pb().barrier()) return it->second.reg;
      uint32_t r = temp(reg_kind(v.type));
      pb().emit(op, {r, v.reg, imm(v.off)});
      fn_->loads[key] = {r, pb().barrier()};
      return r;
    }
    case Val::StrElem: {
      uint32_t s = to_reg(*v.str_base);
      uint32_t r = temp(Kind::I);
      pb().emit(Op::SGET, {r, s, v.idx_reg});
      return r;
    }
  }
  return 0;
}

void Compiler::to_dest(Val v, uint32_t dst) {
  switch (v.m) {
    case Val::Reg: {
      if (v.reg == dst) return;
      if (v.fresh_pc >= 0 && pb().retarget_last(static_cast<uint32_t>(v.fresh_pc), v.reg, dst)) return;
      switch (pb().reg_kind(dst)) {
        case Kind::F: pb().emit(Op::MOVF, {dst, v.reg}); break;
        case Kind::S:
          pb().emit(Op::MOVS, {dst, v.reg});
          // A concatenation's temporary lets go of its string, which stays
          // unique: the destination can grow in place later.
          if (v.concat_temp) pb().emit(Op::LDKS, {v.reg, ub().kstr("")});
          break;
        default: pb().emit(Op::MOVI, {dst, v.reg}); break;
      }
      return;
    }
    case Val::Const:
      emit_const_into(*this, v, dst);
      return;
    case Val::Mem:
      pb().emit(load_op(v.type), {dst, v.reg, imm(v.off)});
      return;
    case Val::StrElem: {
      uint32_t s = to_reg(*v.str_base);
      pb().emit(Op::SGET, {dst, s, v.idx_reg});
      return;
    }
  }
}

uint32_t Compiler::address_of(const Val& v) {
  if (v.m != Val::Mem) throw std::logic_error("address of a non-memory value");
  if (v.off == 0) return v.reg;
  uint32_t r = temp(Kind::I);
  pb().emit(Op::ADDK, {r, v.reg, imm(v.off)});
  return r;
}

uint32_t Compiler::frame_base_of(int level) {
  if (level == fn_->routine->level) {
    if (fn_->frame_base == FnCtx::kNoReg) {
      fn_->frame_base = pb().reg(Kind::I);
      pb().emit_prologue(Op::FADDR, {fn_->frame_base, 0});
    }
    return fn_->frame_base;
  }
  // Follow the static links: each nested routine keeps its parent's frame
  // address at offset 0 of its own frame.
  uint32_t r = fn_->static_link;
  for (int l = fn_->routine->level - 1; l > level; l--) {
    uint32_t t = temp(Kind::I);
    pb().emit(Op::LD64, {t, r, 0});
    r = t;
  }
  return r;
}

uint32_t Compiler::global_address(const std::string& gname) {
  auto it = fn_->global_addr.find(gname);
  if (it != fn_->global_addr.end()) return it->second;
  uint32_t r = pb().reg(Kind::I);
  pb().emit_prologue(Op::GADDR, {r, ub().global_ref(gname)});
  fn_->global_addr[gname] = r;
  return r;
}

Val Compiler::var_value(Symbol* s, antlr4::Token* tok) {
  if (!fn_) throw std::logic_error("variable in a constant expression");
  if (!probing_) s->used = true;
  Val v;
  switch (s->st.k) {
    case Storage::Global: v = load_mem(s->type, global_address(s->st.global), 0); break;
    case Storage::Reg:
      v.m = Val::Reg;
      v.type = s->type;
      v.reg = s->st.reg;
      v.lvalue = true;
      break;
    case Storage::Frame: v = load_mem(s->type, frame_base_of(s->st.level), static_cast<int32_t>(s->st.off)); break;
    case Storage::RefReg: v = load_mem(s->type, s->st.reg, 0); break;
    case Storage::RefFrame: {
      uint32_t t = temp(Kind::I);
      pb().emit(Op::LD64, {t, frame_base_of(s->st.level), s->st.off});
      v = load_mem(s->type, t, 0);
      break;
    }
  }
  if (s->st.open) {
    v.open = true;
    if (s->st.high_in_frame) {
      v.high_reg = temp(Kind::I);
      pb().emit(Op::LD64, {v.high_reg, frame_base_of(s->st.level), s->st.high});
    } else {
      v.high_reg = s->st.high;
    }
  }
  v.readonly = s->readonly;
  (void)tok;
  return v;
}

// ---- conversions ----------------------------------------------------------------

Val Compiler::convert(Val v, Type* to, antlr4::ParserRuleContext* where) {
  Type* from = v.type;
  if (!assignable(to, from))
    fail(where, "incompatible types: got \"" + type_name(from) + "\" expected \"" + type_name(to) + "\"");
  if (to->kind == TK::Real && from->kind != TK::Real) {
    bool uns = is_qword(from);
    if (v.m == Val::Const) return real_const(uns ? static_cast<double>(static_cast<uint64_t>(v.c.i)) : static_cast<double>(v.c.i));
    uint32_t src = to_reg(v);
    uint32_t r = temp(Kind::F);
    pb().emit(uns ? Op::U2F : Op::I2F, {r, src});
    Val out;
    out.m = Val::Reg;
    out.type = t_real_;
    out.reg = r;
    out.fresh_pc = pb().pc();
    return out;
  }
  if (to->kind == TK::DynArray && from->kind == TK::Nil) {  // nil: the empty array (reference 0)
    Val out = string_const("");
    out.type = to;
    return out;
  }
  if (to->kind == TK::String && from->kind != TK::String) {
    if (v.m == Val::Const) return string_const(std::string(1, static_cast<char>(v.c.i)));
    uint32_t src = to_reg(v);
    uint32_t r = temp(Kind::S);
    pb().emit(Op::C2S, {r, src});
    Val out;
    out.m = Val::Reg;
    out.type = t_string_;
    out.reg = r;
    out.fresh_pc = pb().pc();
    return out;
  }
  if (to->kind == TK::String && to->max_len > 0) {
    if (v.m == Val::Const) {
      std::string s = v.c.s;
      if (s.size() > to->max_len) s.resize(to->max_len);
      Val out = string_const(s);
      out.type = to;
      return out;
    }
    Val out;
    out.m = Val::Reg;
    out.type = to;
    out.reg = emit_callb(static_cast<int>(Builtin::kSTR_TRUNC), {v, int_const(to->max_len)}, Kind::S);
    return out;
  }
  if (is_integer(to) && is_integer(from) && !int_fits(from, to)) {
    // Wraps to the target's width (range checks are off, as in fpc).
    Type* target = ordinal_base(to);
    if (v.m == Val::Const) {
      int64_t w = wrap_int(v.c.i, target);
      if (w != v.c.i && !(is_qword(target) && is_integer(from))) range_warning(where, v.c.i, ord_lo(target), ord_hi(target));
      v.c.i = w;
    } else {
      v = reg_val(target, wrap_reg(to_reg(v), target));
    }
    from = target;
  }
  if (to->kind == TK::Subrange) {
    bool outside = v.m == Val::Const && (v.c.i < to->lo || v.c.i > to->hi);
    // A constant outside: fpc warns and compiles; in code the check stays for
    // run time (the program stops there if it gets there), a constant keeps it.
    if (outside) range_warning(where, v.c.i, to->lo, to->hi);
    if (outside && fn_) {
      v = reg_val(from, to_reg(v));
      from = v.type;
    }
    if (v.m != Val::Const && !(from->kind == TK::Subrange && from->lo >= to->lo && from->hi <= to->hi)) {
      uint32_t r = to_reg(v);
      pos(where);
      pb().emit(Op::CHKRNG, {r, ub().kint(to->lo), ub().kint(to->hi)});
      Val out;
      out.m = Val::Reg;
      out.type = to;
      out.reg = r;
      return out;
    }
  }
  v.type = to->kind == TK::Pointer || is_ordinal(to) ? to : v.type;
  if (v.m == Val::Const) v.c.type = v.type;
  return v;
}

// fpc's warning for a constant outside the range it goes to.
void Compiler::range_warning(antlr4::ParserRuleContext* where, int64_t v, int64_t lo, int64_t hi) {
  warn(where ? where->getStart() : nullptr, "range check error while evaluating constants (" + std::to_string(v) +
                                                " must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ")");
}

// ---- expressions ------------------------------------------------------------------

Val Compiler::expr(P::ExpressionContext* ctx) {
  // (Each indexed accessor of a parse node scans its children: a long chain
  // fetches them once.)
  auto operands = ctx->simpleExpression();
  auto ops = ctx->relationalOperator();
  Val a = simple_expr(operands[0]);
  for (size_t i = 0; i < ops.size(); i++) {
    antlr4::Token* op = ops[i]->getStart();
    Val b = simple_expr(operands[i + 1]);
    a = op->getType() == dvm_Pascal::PascalLexer::IN ? set_in(a, b, op) : compare(op->getText(), a, b, op);
    note(ops[i], a);
  }
  return note(ctx, a);
}

// The teaching view's record of a node's type (--emit=ast); passes v on.
Val Compiler::note(const antlr4::tree::ParseTree* t, const Val& v, const std::string& symbol) {
  if (notes_) {
    Checked& c = (*notes_)[t];
    if (v.type) c.type = type_name(v.type);
    if (!symbol.empty()) c.symbol = symbol;
  }
  return v;
}

std::string Compiler::describe_symbol(const Symbol* s) {
  switch (s->k) {
    case Symbol::Const: return "constant";
    case Symbol::TypeName: return "type";
    case Symbol::RoutineName: return s->routine->result ? "function" : "procedure";
    case Symbol::Builtin: return "built-in";
    case Symbol::Field: return "field of a with record";
    case Symbol::Var: break;
  }
  if (s->routine) return "function result";
  switch (s->st.k) {
    case Storage::Global: return s->st.global.find('.') != std::string::npos ? "typed constant" : "global variable";
    case Storage::Reg: return "local variable (register)";
    case Storage::Frame: return "local variable (frame)";
    case Storage::RefReg: case Storage::RefFrame: return s->readonly ? "const parameter" : "var parameter";
  }
  return "variable";
}

Val Compiler::simple_expr(P::SimpleExpressionContext* ctx) {
  auto terms = ctx->term();
  auto ops = ctx->additiveOperator();
  Val v = term(terms[0]);
  for (size_t i = 1; i < terms.size(); i++) {
    antlr4::Token* op = ops[i - 1]->getStart();
    std::string o = lower(op->getText());
    if (o == "or" && is_bool(v.type) && v.m != Val::Const) {
      // Short-circuit: the right operand runs only when the left is false.
      uint32_t r = temp(Kind::I);
      to_dest(v, r);
      Label done = pb().new_label();
      pb().emit_jump(Op::JT, {r}, done);
      Val w = term(terms[i]);
      if (!is_bool(w.type)) fail(terms[i], "operator 'or' needs two booleans or two integers");
      to_dest(w, r);
      pb().bind(done);
      v = Val();
      v.m = Val::Reg;
      v.type = t_bool_;
      v.reg = r;
      continue;
    }
    if (o == "or" && is_bool(v.type) && v.m == Val::Const && v.c.i) {
      Val w = term(terms[i]);  // still compiled for its checks; its value is not needed
      if (!is_bool(w.type)) fail(terms[i], "operator 'or' needs two booleans or two integers");
      continue;
    }
    v = note(ops[i - 1], binary(o, v, term(terms[i]), op));
  }
  return note(ctx, v);
}

Val Compiler::term(P::TermContext* ctx) {
  auto factors = ctx->factor();
  auto ops = ctx->multiplicativeOperator();
  Val v = factor(factors[0]);
  for (size_t i = 1; i < factors.size(); i++) {
    antlr4::Token* op = ops[i - 1]->getStart();
    std::string o = lower(op->getText());
    if (o == "<<") o = "shl";  // fpc's other spelling of the shifts
    if (o == ">>") o = "shr";
    if (o == "and" && is_bool(v.type) && v.m != Val::Const) {
      uint32_t r = temp(Kind::I);
      to_dest(v, r);
      Label done = pb().new_label();
      pb().emit_jump(Op::JF, {r}, done);
      Val w = factor(factors[i]);
      if (!is_bool(w.type)) fail(factors[i], "operator 'and' needs two booleans or two integers");
      to_dest(w, r);
      pb().bind(done);
      v = Val();
      v.m = Val::Reg;
      v.type = t_bool_;
      v.reg = r;
      continue;
    }
    v = note(ops[i - 1], binary(o, v, factor(factors[i]), op));
  }
  return note(ctx, v);
}

namespace {
// Decodes 'it''s'#10'x' into bytes.
std::string decode_string_literal(const std::string& text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\'') {
      i++;
      while (i < text.size()) {
        if (text[i] == '\'') {
          if (i + 1 < text.size() && text[i + 1] == '\'') {
            out += '\'';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        out += text[i++];
      }
    } else if (text[i] == '#') {
      i++;
      int base = 10;
      if (i < text.size() && text[i] == '$') {
        base = 16;
        i++;
      }
      int64_t code = 0;
      while (i < text.size() && std::isxdigit(static_cast<unsigned char>(text[i])) &&
             (base == 16 || std::isdigit(static_cast<unsigned char>(text[i])))) {
        code = code * base + (std::isdigit(static_cast<unsigned char>(text[i])) ? text[i] - '0' : (std::tolower(text[i]) - 'a' + 10));
        if (code > 255) code = 256;
        i++;
      }
      out += static_cast<char>(code & 0xff);
    } else {
      i++;
    }
  }
  return out;
}
}  // namespace

Val Compiler::factor(P::FactorContext* ctx) { return note(ctx, factor_node(ctx)); }

Val Compiler::factor_node(P::FactorContext* ctx) {
  if (auto* s = dynamic_cast<P::SignFactorContext*>(ctx)) {
    Val v = factor(s->factor());
    if (s->MINUS()) return unary_minus(v, s->getStart());
    if (!is_integer(v.type) && !is_real(v.type)) fail(ctx, "operator '+' needs a number");
    return v;
  }
  if (auto* n = dynamic_cast<P::NotFactorContext*>(ctx)) return logical_not(factor(n->factor()), n->getStart());
  if (auto* p = dynamic_cast<P::ParenFactorContext*>(ctx)) return expr(p->expression());
  if (auto* i = dynamic_cast<P::IntFactorContext*>(ctx)) {
    std::string t = i->getText();
    uint64_t v = 0;
    bool hex = t[0] == '$';
    for (size_t k = hex ? 1 : 0; k < t.size(); k++) {
      unsigned d = std::isdigit(static_cast<unsigned char>(t[k])) ? t[k] - '0' : std::tolower(t[k]) - 'a' + 10;
      uint64_t base = hex ? 16 : 10;
      if (v > (std::numeric_limits<uint64_t>::max() - d) / base) fail(ctx, "integer constant is too large");
      v = v * base + d;
    }
    Val c = int_const(static_cast<int64_t>(v));
    if (!hex && v > static_cast<uint64_t>(INT64_MAX)) c.type = c.c.type = t_qword_;  // a qword literal, as in fpc
    return c;
  }
  if (auto* r = dynamic_cast<P::RealFactorContext*>(ctx)) return real_const(std::strtod(r->getText().c_str(), nullptr));
  if (auto* s = dynamic_cast<P::StringFactorContext*>(ctx)) {
    std::string v = decode_string_literal(s->getText());
    if (v.size() == 1) {
      Val c = int_const(static_cast<unsigned char>(v[0]));
      c.type = c.c.type = t_char_;
      return c;
    }
    return string_const(v);
  }
  if (dynamic_cast<P::NilFactorContext*>(ctx)) {
    Val v;
    v.type = v.c.type = t_nil_;
    return v;
  }
  if (auto* at = dynamic_cast<P::AddressFactorContext*>(ctx)) return routine_value(at->designator());
  if (auto* set = dynamic_cast<P::SetFactorContext*>(ctx)) return set_constructor(set);
  auto* d = dynamic_cast<P::DesignatorFactorContext*>(ctx);
  Val v = designator(d->designator(), true);
  if (v.type == nullptr) fail(ctx, "procedure call used as a value");
  return v;
}

Val Compiler::unary_minus(Val v, antlr4::Token* tok) {
  if (is_integer(v.type)) {
    if (v.m == Val::Const) return int_const(static_cast<int64_t>(0ull - static_cast<uint64_t>(v.c.i)));
    uint32_t src = to_reg(v), r = temp(Kind::I);
    pb().emit(Op::NEG, {r, src});
    Val out;
    out.m = Val::Reg;
    out.type = t_int_;
    out.reg = r;
    out.fresh_pc = pb().pc();
    return out;
  }
  if (is_real(v.type)) {
    if (v.m == Val::Const) return real_const(-v.c.r);
    uint32_t src = to_reg(v), r = temp(Kind::F);
    pb().emit(Op::FNEG, {r, src});
    Val out;
    out.m = Val::Reg;
    out.type = t_real_;
    out.reg = r;
    out.fresh_pc = pb().pc();
    return out;
  }
  fail(tok, "operator '-' needs a number, got \"" + type_name(v.type) + "\"");
}

// `not` of an integer variable keeps its type: not of a byte 200 is 55.  A
// subrange of naturals is, as in fpc, the smallest unsigned type holding it:
// not of a 0..255 holding 5 is 250.
Val Compiler::logical_not(Val v, antlr4::Token* tok) {
  bool b = is_bool(v.type);
  if (!b && !is_integer(v.type)) fail(tok, "operator 'not' needs a boolean or an integer");
  Type* t = b ? t_bool_ : ordinal_base(v.type);
  if (!b && v.type->kind == TK::Subrange && v.type->lo >= 0 && !t->is_unsigned) {
    if (v.type->hi <= 0xFF) t = t_byte_;
    else if (v.type->hi <= 0xFFFF) t = t_word_;
    else if (v.type->hi <= 0xFFFFFFFFLL) t = t_cardinal_;
  }
  if (v.m == Val::Const) return b ? bool_const(!v.c.i) : int_const(~v.c.i);  // fpc folds constants in 64 bits
  uint32_t src = to_reg(v), r = temp(Kind::I);
  pb().emit(b ? Op::LNOT : Op::NOT, {r, src});
  if (!b) r = wrap_reg(r, t);
  Val out;
  out.m = Val::Reg;
  out.type = t;
  out.reg = r;
  out.fresh_pc = pb().pc();
  return out;
}

// Constant folding of a binary operator on two constants.
Val Compiler::fold(const std::string& op, const Val& a, const Val& b, antlr4::Token* tok) {
  bool reals = is_real(a.type) || is_real(b.type) || op == "/";
  if ((is_string(a.type) || is_string(b.type) || (is_char(a.type) && is_char(b.type))) && op == "+") {
    auto str = [&](const Val& v) { return is_string(v.type) ? v.c.s : std::string(1, static_cast<char>(v.c.i)); };
    return string_const(str(a) + str(b));
  }
  if (reals) {
    double x = is_real(a.type) ? a.c.r : static_cast<double>(a.c.i);
    double y = is_real(b.type) ? b.c.r : static_cast<double>(b.c.i);
    if (op == "+") return real_const(x + y);
    if (op == "-") return real_const(x - y);
    if (op == "*") return real_const(x * y);
    if (op == "/") {
      if (y == 0) fail(tok, "division by zero");
      return real_const(x / y);
    }
    fail(tok, "operator '" + op + "' is not defined for real operands");
  }
  uint64_t x = static_cast<uint64_t>(a.c.i), y = static_cast<uint64_t>(b.c.i);
  bool boolean = is_bool(a.type);
  bool uns = is_qword(a.type) || is_qword(b.type);
  auto result = [&](uint64_t v) {
    Val out = int_const(static_cast<int64_t>(v));
    if (uns) out.type = out.c.type = t_qword_;
    return out;
  };
  if (op == "+") return result(x + y);
  if (op == "-") return result(x - y);
  if (op == "*") return result(x * y);
  if (op == "div" || op == "mod") {
    if (b.c.i == 0) fail(tok, "division by zero");
    if (uns) return result(op == "div" ? x / y : x % y);
    if (a.c.i == INT64_MIN && b.c.i == -1) return int_const(op == "div" ? INT64_MIN : 0);
    return int_const(op == "div" ? a.c.i / b.c.i : a.c.i % b.c.i);
  }
  if (op == "and") return boolean ? bool_const(x & y) : result(x & y);
  if (op == "or") return boolean ? bool_const(x | y) : result(x | y);
  if (op == "xor") return boolean ? bool_const(x ^ y) : result(x ^ y);
  if (op == "shl" || op == "shr") {
    Type* st = shift_type(a.type);
    if (st->bits == 64) return result(op == "shl" ? x << (y & 63) : x >> (y & 63));
    uint64_t v = op == "shl" ? (x << (y & 31)) & 0xffffffffu : (x & 0xffffffffu) >> (y & 31);
    Val out = int_const(wrap_int(static_cast<int64_t>(v), st));
    out.type = out.c.type = st;
    return out;
  }
  fail(tok, "operator '" + op + "' cannot be used here");
}

// fpc shifts a value of 32 bits or fewer as a 32-bit one (the count taken
// modulo 32), wider ones in 64 bits; the result has that width.
Type* Compiler::shift_type(Type* left) {
  Type* b = ordinal_base(left);
  if (b->bits == 64) return b;
  return b->bits == 32 && b->is_unsigned ? t_cardinal_ : t_longint_;
}

Val Compiler::binary(const std::string& op, Val a, Val b, antlr4::Token* tok) {
  if (a.type->kind == TK::Set || b.type->kind == TK::Set) {
    if (op != "+" && op != "-" && op != "*")
      fail(tok, "operator '" + op + "' is not defined for \"" + type_name(a.type) + "\" and \"" + type_name(b.type) + "\"");
    return set_binary(op, a, b, tok);
  }
  auto bad = [&]() {
    fail(tok, "operator '" + op + "' is not defined for \"" + type_name(a.type) + "\" and \"" + type_name(b.type) + "\"");
  };
  bool ints = is_integer(a.type) && is_integer(b.type);
  bool nums = (is_integer(a.type) || is_real(a.type)) && (is_integer(b.type) || is_real(b.type));
  bool strs = (is_string(a.type) || is_char(a.type)) && (is_string(b.type) || is_char(b.type));
  bool bools = is_bool(a.type) && is_bool(b.type);
  if (op == "+" && strs && !ints) {
    if (a.m == Val::Const && b.m == Val::Const) return fold(op, a, b, tok);
    Val sa = convert(a, t_string_, nullptr), sb = convert(b, t_string_, nullptr);
    uint32_t x = to_reg(sa), y = to_reg(sb);
    // a + b + c ...: one temporary grows in place (the VM gives an appended
    // string spare room), rather than a new string for every `+`.
    bool chain = a.concat_temp && sa.m == Val::Reg && sa.reg == a.reg && x == a.reg;
    uint32_t r = chain ? x : temp(Kind::S);
    pos(tok);
    pb().emit(Op::SCAT, {r, x, y});
    Val out;
    out.m = Val::Reg;
    out.type = t_string_;
    out.reg = r;
    out.concat_temp = true;
    // (A chain's last append stays in place; to_dest moves the result.)
    if (!chain) out.fresh_pc = pb().pc();
    return out;
  }
  bool real_op = false;
  if (op == "+" || op == "-" || op == "*") {
    if (!nums) bad();
    real_op = !ints;
  } else if (op == "/") {
    if (!nums) bad();
    real_op = true;
  } else if (op == "div" || op == "mod" || op == "shl" || op == "shr") {
    if (!ints) bad();
  } else if (op == "and" || op == "or" || op == "xor") {
    if (!ints && !bools) bad();
  } else {
    bad();
  }
  if (a.m == Val::Const && b.m == Val::Const) return fold(op, a, b, tok);
  Val out;
  out.m = Val::Reg;
  if (real_op) {
    a = convert(a, t_real_, nullptr);
    b = convert(b, t_real_, nullptr);
    uint32_t x = to_reg(a), y = to_reg(b), r = temp(Kind::F);
    Op o = op == "+" ? Op::FADD : op == "-" ? Op::FSUB : op == "*" ? Op::FMUL : Op::FDIV;
    pos(tok);
    pb().emit(o, {r, x, y});
    out.type = t_real_;
    out.reg = r;
    out.fresh_pc = pb().pc();
    return out;
  }
  out.type = bools ? t_bool_ : (is_qword(a.type) || is_qword(b.type)) ? t_qword_ : t_int_;
  if (op == "shl" || op == "shr") return shift(op, a, b, tok);
  // Immediate forms for the common `i + 1`, `i - 1`, `i * 8`.
  if (b.m == Val::Const && (op == "+" || op == "-" || op == "*")) {
    int64_t k = op == "-" ? static_cast<int64_t>(0ull - static_cast<uint64_t>(b.c.i)) : b.c.i;
    if (fits_i32(k) && !(op == "-" && b.c.i == INT64_MIN)) {
      uint32_t x = to_reg(a), r = temp(Kind::I);
      pb().emit(op == "*" ? Op::MULK : Op::ADDK, {r, x, imm(k)});
      out.reg = r;
      out.fresh_pc = pb().pc();
      return out;
    }
  }
  if (a.m == Val::Const && (op == "+" || op == "*") && fits_i32(a.c.i)) {
    uint32_t y = to_reg(b), r = temp(Kind::I);
    pb().emit(op == "*" ? Op::MULK : Op::ADDK, {r, y, imm(a.c.i)});
    out.reg = r;
    out.fresh_pc = pb().pc();
    return out;
  }
  uint32_t x = to_reg(a), y = to_reg(b), r = temp(Kind::I);
  bool uns = out.type == t_qword_;
  Op o = op == "+" ? Op::ADD : op == "-" ? Op::SUB : op == "*" ? Op::MUL : op == "div" ? (uns ? Op::UDIV : Op::DIV)
       : op == "mod" ? (uns ? Op::UMOD : Op::MOD) : op == "and" ? Op::AND : op == "or" ? Op::OR : Op::XOR;
  pos(tok);
  pb().emit(o, {r, x, y});
  out.reg = r;
  out.fresh_pc = pb().pc();
  return out;
}

// shl and shr in the width shift_type gives: 32-bit shifts mask the count
// to 5 bits and wrap the result; shr is logical.
Val Compiler::shift(const std::string& op, Val a, Val b, antlr4::Token* tok) {
  Type* st = shift_type(a.type);
  uint32_t x = to_reg(a), y = to_reg(b), r = temp(Kind::I);
  pos(tok);
  if (st->bits == 64) {
    pb().emit(op == "shl" ? Op::SHL : Op::SHR, {r, x, y});
    return reg_val(st, r);
  }
  uint32_t n = temp(Kind::I);
  pb().emit(Op::AND, {n, y, const_reg(int_const(31), Kind::I)});
  if (op == "shl") {
    pb().emit(Op::SHL, {r, x, n});
  } else {
    uint32_t z = temp(Kind::I);
    pb().emit(Op::ZEXT32, {z, x});
    pb().emit(Op::SHR, {r, z, n});
  }
  return reg_val(st, wrap_reg(r, st));
}

// A dynamic array's element count: its length word without the flags and
// the layout above it (str::kCountMask).
uint32_t Compiler::dyn_length(uint32_t ref) {
  uint32_t r = temp(Kind::I);
  pb().emit(Op::SLEN, {r, ref});
  pb().emit(Op::AND, {r, r, const_reg(int_const(str::kCountMask), Kind::I)});
  return r;
}

// The DYN_ builtins' element argument: the size, and bit 32 when the
// elements are references the array holds (strings, dynamic arrays).
int64_t Compiler::dyn_elements_arg(Type* arr) {
  bool refs = arr->elem->kind == TK::String || arr->elem->kind == TK::DynArray;
  return static_cast<int64_t>(arr->elem->size) | (refs ? int64_t{1} << 32 : 0);
}

// Marks the 8-byte words of a value of type t at byte `offset` that hold
// references (strings, dynamic arrays).
static void mark_reference_words(Type* t, uint64_t offset, std::string* layout) {
  switch (t->kind) {
    case TK::String: case TK::DynArray: {
      uint64_t w = offset / 8;
      (*layout)[w / 8] = static_cast<char>((*layout)[w / 8] | (1 << (w % 8)));
      break;
    }
    case TK::Record:
      for (const FieldT& f : t->fields) mark_reference_words(f.type, offset + f.offset, layout);
      break;
    case TK::Array:
      for (int64_t i = 0; i <= t->hi - t->lo; i++)
        mark_reference_words(t->elem, offset + static_cast<uint64_t>(i) * t->elem->size, layout);
      break;
    default:
      break;
  }
}

// The DYN_ builtins' layout argument: '' for elements that are references or
// hold none; for records and arrays holding some, one bit per 8-byte word of
// an element, set where a reference is (str::kLayoutElements).
Val Compiler::dyn_layout_arg(Type* arr) {
  Type* e = arr->elem;
  if (e->kind == TK::String || e->kind == TK::DynArray || !is_managed(e)) return string_const("");
  std::string layout(str::layout_bytes(e->size / 8), '\0');
  mark_reference_words(e, 0, &layout);
  return string_const(layout);
}

Val Compiler::compare(const std::string& op, Val a, Val b, antlr4::Token* tok) {
  if (a.type->kind == TK::Set || b.type->kind == TK::Set) return set_compare(op, a, b, tok);
  if (a.type->kind == TK::DynArray || b.type->kind == TK::DynArray) {
    // nil is the empty array: a dynamic array equals nil when it has no elements.
    bool with_nil = a.type->kind == TK::Nil || b.type->kind == TK::Nil;
    if (!with_nil || (op != "=" && op != "<>"))
      fail(tok, "unsupported: comparing dynamic arrays other than with nil (compare their elements)");
    Val arr = a.type->kind == TK::DynArray ? a : b;
    uint32_t len = dyn_length(to_reg(arr)), r = temp(Kind::I);
    pb().emit(op == "=" ? Op::EQ : Op::NE, {r, len, const_reg(int_const(0), Kind::I)});
    return reg_val(t_bool_, r);
  }
  bool strs = (is_string(a.type) || is_char(a.type)) && (is_string(b.type) || is_char(b.type)) &&
              !(is_char(a.type) && is_char(b.type));
  bool nums = (is_integer(a.type) || is_real(a.type)) && (is_integer(b.type) || is_real(b.type));
  bool reals = nums && (is_real(a.type) || is_real(b.type));
  bool ords = is_ordinal(a.type) && is_ordinal(b.type) && same_type(ordinal_base(a.type), ordinal_base(b.type));
  auto pointer_like = [](Type* t) { return t->kind == TK::Pointer || t->kind == TK::Nil || t->kind == TK::Proc; };
  bool ptrs = pointer_like(a.type) && pointer_like(b.type);
  if (ptrs && op != "=" && op != "<>") ptrs = false;
  if (!strs && !nums && !ords && !ptrs)
    fail(tok, "cannot compare \"" + type_name(a.type) + "\" with \"" + type_name(b.type) + "\"");

  if (a.m == Val::Const && b.m == Val::Const) {
    int c;
    if (strs) {
      auto str = [&](const Val& v) { return is_string(v.type) ? v.c.s : std::string(1, static_cast<char>(v.c.i)); };
      std::string x = str(a), y = str(b);
      c = x < y ? -1 : x > y ? 1 : 0;
    } else if (reals) {
      double x = is_real(a.type) ? a.c.r : static_cast<double>(a.c.i);
      double y = is_real(b.type) ? b.c.r : static_cast<double>(b.c.i);
      c = x < y ? -1 : x > y ? 1 : 0;
    } else if (is_qword(a.type) || is_qword(b.type)) {
      uint64_t x = static_cast<uint64_t>(a.c.i), y = static_cast<uint64_t>(b.c.i);
      c = x < y ? -1 : x > y ? 1 : 0;
    } else {
      c = a.c.i < b.c.i ? -1 : a.c.i > b.c.i ? 1 : 0;
    }
    bool r = op == "=" ? c == 0 : op == "<>" ? c != 0 : op == "<" ? c < 0 : op == "<=" ? c <= 0 : op == ">" ? c > 0 : c >= 0;
    return bool_const(r);
  }
  Val out;
  out.m = Val::Reg;
  out.type = t_bool_;
  out.reg = temp(Kind::I);
  bool swap = op == ">" || op == ">=";
  if (strs) {
    a = convert(a, t_string_, nullptr);
    b = convert(b, t_string_, nullptr);
    uint32_t x = to_reg(a), y = to_reg(b), c = temp(Kind::I), z = temp(Kind::I);
    pb().emit(Op::SCMP, {c, x, y});
    pb().emit(Op::LDI, {z, 0});
    Op o = op == "=" ? Op::EQ : op == "<>" ? Op::NE : (op == "<" || op == ">") ? Op::LT : Op::LE;
    pb().emit(o, swap ? std::initializer_list<uint32_t>{out.reg, z, c} : std::initializer_list<uint32_t>{out.reg, c, z});
  } else if (reals) {
    a = convert(a, t_real_, nullptr);
    b = convert(b, t_real_, nullptr);
    uint32_t x = to_reg(a), y = to_reg(b);
    Op o = op == "=" ? Op::FEQ : op == "<>" ? Op::FNE : (op == "<" || op == ">") ? Op::FLT : Op::FLE;
    if (swap) std::swap(x, y);
    pb().emit(o, {out.reg, x, y});
  } else {
    uint32_t x = to_reg(a), y = to_reg(b);
    bool uns = is_qword(a.type) || is_qword(b.type);
    Op o = op == "=" ? Op::EQ : op == "<>" ? Op::NE : (op == "<" || op == ">") ? (uns ? Op::LTU : Op::LT) : (uns ? Op::LEU : Op::LE);
    if (swap) std::swap(x, y);
    pb().emit(o, {out.reg, x, y});
  }
  out.fresh_pc = pb().pc();
  return out;
}

// ---- conditions: jumps instead of boolean values where possible -----------------------

namespace {
bool surely_boolean(Compiler& c, antlr4::tree::ParseTree* t);

bool designator_boolean(Compiler& c, P::DesignatorContext* d) {
  Symbol* s = c.lookup(Compiler::lower(d->identifier()->getText()));
  if (!s) return false;
  auto sels = d->selector();
  if (sels.size() > 1) return false;
  if (sels.size() == 1 && !dynamic_cast<P::CallSelectorContext*>(sels[0])) return false;
  if (s->k == Symbol::Var || s->k == Symbol::Const) return s->type && c.is_bool(s->type);
  if (s->k == Symbol::RoutineName) return s->routine->result && c.is_bool(s->routine->result);
  if (s->k == Symbol::Builtin) {
    std::string n = Compiler::lower(d->identifier()->getText());
    return n == "odd" || n == "eof" || n == "eoln";
  }
  return false;
}

bool surely_boolean(Compiler& c, antlr4::tree::ParseTree* t) {
  if (auto* e = dynamic_cast<P::ExpressionContext*>(t))
    return !e->relationalOperator().empty() || surely_boolean(c, e->simpleExpression(0));
  if (auto* s = dynamic_cast<P::SimpleExpressionContext*>(t)) return surely_boolean(c, s->term(0));
  if (auto* m = dynamic_cast<P::TermContext*>(t)) return surely_boolean(c, m->factor(0));
  if (auto* p = dynamic_cast<P::ParenFactorContext*>(t)) return surely_boolean(c, p->expression());
  if (auto* n = dynamic_cast<P::NotFactorContext*>(t)) return surely_boolean(c, n->factor());
  if (auto* d = dynamic_cast<P::DesignatorFactorContext*>(t)) return designator_boolean(c, d->designator());
  return false;
}

bool all_ops(const std::vector<antlr4::tree::ParseTree*>& ops, const char* word) {
  if (ops.empty()) return false;
  for (auto* o : ops)
    if (Compiler::lower(o->getText()) != word) return false;
  return true;
}
}  // namespace

// Jumps to target when the condition's value equals jump_if; falls through
// otherwise.  Comparisons of ordinals become one fused compare-and-branch;
// and/or chains become jump chains (short-circuit, as fpc does).
void Compiler::cond_jump(P::ExpressionContext* ctx, Label target, bool jump_if) {
  struct Walker {
    Compiler& c;
    void value(Val v, antlr4::ParserRuleContext* where, Label target, bool jump_if) {
      if (!c.is_bool(v.type)) c.fail(where, "boolean expression expected, got \"" + c.type_name(v.type) + "\"");
      if (v.m == Val::Const) {
        if ((v.c.i != 0) == jump_if) c.pb().emit_jump(Op::JMP, {}, target);
        return;
      }
      uint32_t r = c.to_reg(v);
      c.pb().emit_jump(jump_if ? Op::JT : Op::JF, {r}, target);
    }
    void expression(P::ExpressionContext* e, Label target, bool jump_if) {
      if (e->relationalOperator().empty()) return simple(e->simpleExpression(0), target, jump_if);
      if (e->relationalOperator().size() > 1) return value(c.expr(e), e, target, jump_if);  // a = b = c
      c.note(e, c.bool_const(true));
      antlr4::Token* op = e->relationalOperator(0)->getStart();
      Val a = c.simple_expr(e->simpleExpression(0));
      Val b = c.simple_expr(e->simpleExpression(1));
      if (op->getType() == dvm_Pascal::PascalLexer::IN) return value(c.set_in(a, b, op), e, target, jump_if);
      bool fusable = a.m != Val::Const || b.m != Val::Const;
      fusable = fusable && c.is_ordinal(a.type) && c.is_ordinal(b.type) &&
                c.same_type(c.ordinal_base(a.type), c.ordinal_base(b.type));
      if (!fusable) return value(c.compare(op->getText(), a, b, op), e, target, jump_if);
      std::string o = op->getText();
      if (!jump_if) o = o == "=" ? "<>" : o == "<>" ? "=" : o == "<" ? ">=" : o == "<=" ? ">" : o == ">" ? "<=" : "<";
      uint32_t x = c.to_reg(a), y = c.to_reg(b);
      if (o == ">" || o == ">=") std::swap(x, y);
      bool uns = c.is_qword(a.type) || c.is_qword(b.type);
      Op j = o == "=" ? Op::JEQ : o == "<>" ? Op::JNE : (o == "<" || o == ">") ? (uns ? Op::JLTU : Op::JLT) : (uns ? Op::JLEU : Op::JLE);
      c.pb().emit_jump(j, {x, y}, target);
    }
    // or: jump when any operand is true; and: jump when any is false.
    void chain(size_t n, bool is_or, Label target, bool jump_if, const std::function<void(size_t, Label, bool)>& each) {
      bool early = is_or;
      if (jump_if == early) {
        for (size_t i = 0; i < n; i++) each(i, target, jump_if);
        return;
      }
      Label skip = c.pb().new_label();
      for (size_t i = 0; i + 1 < n; i++) each(i, skip, early);
      each(n - 1, target, jump_if);
      c.pb().bind(skip);
    }
    void simple(P::SimpleExpressionContext* s, Label target, bool jump_if) {
      auto add_ops = s->additiveOperator();
      std::vector<antlr4::tree::ParseTree*> ops(add_ops.begin(), add_ops.end());
      auto terms = s->term();
      if (all_ops(ops, "or") && surely_boolean(c, terms[0]))
        return chain(terms.size(), true, target, jump_if,
                     [&](size_t i, Label t, bool j) { term(terms[i], t, j); });
      if (ops.empty()) return term(terms[0], target, jump_if);
      value(c.simple_expr(s), s, target, jump_if);
    }
    void term(P::TermContext* t, Label target, bool jump_if) {
      auto mul_ops = t->multiplicativeOperator();
      std::vector<antlr4::tree::ParseTree*> ops(mul_ops.begin(), mul_ops.end());
      auto factors = t->factor();
      if (all_ops(ops, "and") && surely_boolean(c, factors[0]))
        return chain(factors.size(), false, target, jump_if,
                     [&](size_t i, Label l, bool j) { factor(factors[i], l, j); });
      if (ops.empty()) return factor(factors[0], target, jump_if);
      value(c.term(t), t, target, jump_if);
    }
    void factor(P::FactorContext* f, Label target, bool jump_if) {
      if (auto* p = dynamic_cast<P::ParenFactorContext*>(f)) return expression(p->expression(), target, jump_if);
      if (auto* n = dynamic_cast<P::NotFactorContext*>(f)) {
        if (surely_boolean(c, n->factor())) return factor(n->factor(), target, !jump_if);
      }
      value(c.factor(f), f, target, jump_if);
    }
  };
  Walker w{*this};
  w.expression(ctx, target, jump_if);
}

// ---- constant expressions ------------------------------------------------------------

ConstVal Compiler::const_expr(P::ExpressionContext* ctx) {
  FnCtx* saved = fn_;
  Val v;
  // Constant expressions must not emit code; without a routine context any
  // attempt to emit fails loudly instead of writing into some procedure.
  fn_ = nullptr;
  try {
    v = expr(ctx);
  } catch (const std::logic_error&) {
    fn_ = saved;
    fail(ctx, "constant expression expected");
  } catch (...) {
    fn_ = saved;
    throw;
  }
  fn_ = saved;
  if (v.m != Val::Const) fail(ctx, "constant expression expected");
  v.c.type = v.type;
  return v.c;
}

ConstVal Compiler::const_simple(P::SimpleExpressionContext* ctx) {
  FnCtx* saved = fn_;
  Val v;
  fn_ = nullptr;
  try {
    v = simple_expr(ctx);
  } catch (const std::logic_error&) {
    fn_ = saved;
    fail(ctx, "constant expression expected");
  } catch (...) {
    fn_ = saved;
    throw;
  }
  fn_ = saved;
  if (v.m != Val::Const) fail(ctx, "constant expression expected");
  v.c.type = v.type;
  return v.c;
}

// ---- designators ---------------------------------------------------------------------

Val Compiler::index_array(Val base, P::ExpressionContext* e) {
  Type* at = base.type;
  Val idx = expr(e);
  if (at->kind == TK::OpenArray) {
    if (!is_integer(idx.type)) fail(e, "integer index expected for an open array");
    uint32_t r = to_reg(idx), t = temp(Kind::I);
    pos(e);
    pb().emit(Op::IDXR, {t, base.reg, r, base.high_reg, at->elem->size});
    return load_mem(at->elem, t, 0);
  }
  if (!is_ordinal(idx.type) || !same_type(ordinal_base(idx.type), ordinal_base(at->index)))
    fail(e, "incompatible index type: got \"" + type_name(idx.type) + "\" expected \"" + type_name(ordinal_base(at->index)) + "\"");
  if (idx.m == Val::Const && (idx.c.i < at->lo || idx.c.i > at->hi)) {
    range_warning(e, idx.c.i, at->lo, at->hi);  // and the index is checked when it runs
  } else if (idx.m == Val::Const) {
    int64_t off = base.off + (idx.c.i - at->lo) * static_cast<int64_t>(at->elem->size);
    if (fits_i32(off)) return load_mem(at->elem, base.reg, static_cast<int32_t>(off));
  }
  uint32_t r = to_reg(idx), t = temp(Kind::I);
  pos(e);
  pb().emit(Op::IDX, {t, base.reg, r, ub().kint(at->lo), ub().kint(at->hi), at->elem->size});
  return load_mem(at->elem, t, base.off);
}

Val Compiler::select(Val v, P::SelectorContext* sel, bool last) {
  if (auto* ix = dynamic_cast<P::IndexSelectorContext*>(sel)) {
    for (auto* e : ix->expression()) {
      if (v.type->kind == TK::Array || v.type->kind == TK::OpenArray) {
        if (v.m != Val::Mem) fail(sel, "array value without an address");
        v = index_array(v, e);
      } else if (v.type->kind == TK::DynArray) {
        // Element i of the block the reference names (0-based); the block is
        // shared: writing an element changes it for every reference.
        Val i = expr(e);
        if (!is_integer(i.type)) fail(e, "integer index expected for a dynamic array");
        Type* elem = v.type->elem;
        bool readonly = v.readonly;
        uint32_t ref = to_reg(v), idx = to_reg(i), t = temp(Kind::I);
        pos(e);
        pb().emit(Op::DIDX, {t, ref, idx, elem->size});
        v = load_mem(elem, t, 0);
        v.readonly = readonly;
      } else if (v.type->kind == TK::String) {
        if (!last || e != ix->expression().back()) fail(sel, "illegal qualifier after a string index");
        Val i = expr(e);
        if (!is_integer(i.type)) fail(e, "integer index expected for a string");
        Val out;
        out.m = Val::StrElem;
        out.type = t_char_;
        out.str_base = std::make_shared<Val>(v);
        out.idx_reg = to_reg(i);
        out.lvalue = v.lvalue;
        out.readonly = v.readonly;
        pos(e);
        return out;
      } else {
        fail(sel, "illegal qualifier: \"" + type_name(v.type) + "\" is not an array or string");
      }
    }
    return v;
  }
  if (auto* f = dynamic_cast<P::FieldSelectorContext*>(sel)) {
    if (v.type->kind != TK::Record) fail(sel, "illegal qualifier: \"" + type_name(v.type) + "\" is not a record");
    std::string name = lower(f->identifier()->getText());
    for (const FieldT& fld : v.type->fields) {
      if (fld.name != name) continue;
      Val out = load_mem(fld.type, v.reg, v.off + static_cast<int32_t>(fld.offset));
      out.readonly = v.readonly;
      return out;
    }
    fail(f->identifier(), "unknown record field '" + f->identifier()->getText() + "'");
  }
  if (dynamic_cast<P::DerefSelectorContext*>(sel)) {
    if (v.type->kind != TK::Pointer) fail(sel, "'^' needs a pointer, got \"" + type_name(v.type) + "\"");
    if (!v.type->elem) fail(sel, "cannot dereference an untyped pointer");
    uint32_t r = to_reg(v);
    pos(sel);
    return load_mem(v.type->elem, r, 0);
  }
  if (auto* call = dynamic_cast<P::CallSelectorContext*>(sel)) {
    if (v.type->kind == TK::Proc) return call_routine(v.type->proc, call->argument(), sel->getStart(), &v);
  }
  fail(sel, "illegal expression: this is not a routine");
}

// @name: the procedure value of a top-level routine.
Val Compiler::routine_value(P::DesignatorContext* d) {
  Symbol* s = lookup(lower(d->identifier()->getText()));
  if (!s) fail(d->identifier(), "identifier not found \"" + d->identifier()->getText() + "\"");
  bool routine = s->k == Symbol::RoutineName && d->selector().empty();
  if (!routine) {
    if (s->k == Symbol::Builtin) fail(d, "unsupported: the address of a built-in routine");
    fail(d, "unsupported: the address operator '@' (only routines have addresses in dvm)");
  }
  Routine* r = s->routine;
  if (r->overloads && r->overloads->size() > 1)
    fail(d, "unsupported: the address of an overloaded routine (\"" + r->spelling + "\")");
  if (r->level >= 2) fail(d, "unsupported: the address of a nested routine (\"" + r->spelling + "\")");
  if (!fn_) fail(d, "the address of a routine is not a constant");
  Type* t = new_type(TK::Proc);
  t->proc = r;
  uint32_t reg = temp(Kind::I);
  pos(d->getStart());
  pb().emit(Op::PADDR, {reg, ub().proc_ref(r->name)});
  return reg_val(t, reg);
}

// The signature a routine of r's parameters and result declares (the
// prologue's parameters, in order): what CALLP checks a procedure value
// against.
Signature Compiler::value_call_signature(const Routine* r) {
  Signature sig;
  auto add = [&](Kind k, uint32_t type, Mode mode) {
    sig.params.push_back(k);
    sig.param_types.push_back(type);
    sig.param_modes.push_back(static_cast<uint8_t>(mode));
  };
  if (r->result_by_ref) add(Kind::I, kNoType, Mode::Value);
  for (const Param& p : r->params) {
    bool open = p.type->kind == TK::OpenArray;
    bool by_addr = open || p.mode == Mode::Var || is_aggregate(p.type);
    add(by_addr ? Kind::I : reg_kind(p.type), image_type(p.type), p.mode);
    if (open) add(Kind::I, kNoType, Mode::Value);
  }
  if (r->result && !r->result_by_ref) {
    sig.result = reg_kind(r->result);
    sig.result_type = image_type(r->result);
  }
  return sig;
}

Val Compiler::designator(P::DesignatorContext* ctx, bool want_value) {
  antlr4::Token* tok = ctx->identifier()->getStart();
  std::string name = lower(ctx->identifier()->getText());
  Symbol* s = lookup(name);
  if (!s) fail(ctx->identifier(), "identifier not found \"" + ctx->identifier()->getText() + "\"");
  bool storing = storing_;  // this designator is the target of a store (store_target)
  storing_ = false;
  auto sels = ctx->selector();
  size_t i = 0;
  auto call_args = [&]() {
    std::vector<P::ArgumentContext*> args;
    if (!sels.empty()) {
      if (auto* call = dynamic_cast<P::CallSelectorContext*>(sels[0])) {
        args = call->argument();
        i = 1;
      }
    }
    return args;
  };
  if ((s->k == Symbol::Var || s->k == Symbol::TypeName) && s->type && s->type->kind == TK::Error)
    throw CompileError{0, 0, 0, "", true};  // its declaration failed and was reported
  Val v;
  switch (s->k) {
    case Symbol::Const:
      v.type = s->cval.type;
      v.c = s->cval;
      break;
    case Symbol::TypeName: {
      auto args = call_args();
      if (i == 0 || args.size() != 1 || args[0]->expression().size() != 1) fail(ctx, "type '" + s->spelling + "' used as a value");
      Val x = expr(args[0]->expression(0));
      if (is_ordinal(s->type) && is_ordinal(x.type)) {
        if (x.m != Val::Const) x = reg_val(x.type, to_reg(x));  // load by the source's width
        // byte(300) is 44, longint(4294967295) is -1: the value wraps to the type.
        if (is_integer(s->type)) {
          if (x.m == Val::Const) x.c.i = wrap_int(x.c.i, s->type);
          else if (!(is_integer(x.type) && int_fits(x.type, s->type))) x.reg = wrap_reg(x.reg, s->type);
        }
        x.type = s->type;
        if (x.m == Val::Const) x.c.type = s->type;
      } else if (is_real(s->type) && (is_integer(x.type) || is_real(x.type))) {
        x = convert(x, t_real_, ctx);
      } else if (!same_type(s->type, x.type)) {
        fail(ctx, "invalid type cast from \"" + type_name(x.type) + "\" to \"" + type_name(s->type) + "\"");
      }
      v = x;
      break;
    }
    case Symbol::Var:
      if (s->type && s->type->kind == TK::Proc && !sels.empty() && dynamic_cast<P::CallSelectorContext*>(sels[0])) {
        Val fv = var_value(s, tok);
        v = call_routine(s->type->proc, call_args(), tok, &fv);
      } else if (s->routine && !sels.empty() && dynamic_cast<P::CallSelectorContext*>(sels[0])) {
        v = call_routine(s->routine, call_args(), tok);
      } else {
        bool was_used = s->used;
        v = var_value(s, tok);
        if (storing) {
          s->used = was_used;
          s->assigned = true;
        }
      }
      break;
    case Symbol::RoutineName:
      v = call_routine(s->routine, call_args(), tok);
      break;
    case Symbol::Builtin:
      v = call_builtin(s->builtin, call_args(), tok, !want_value);
      break;
    case Symbol::Field:
      if (!fn_) throw std::logic_error("field in a constant expression");
      v = load_mem(s->type, s->with_reg, static_cast<int32_t>(s->with_off));
      v.readonly = s->readonly;
      break;
  }
  note(ctx->identifier(), i == 0 ? v : Val{}, describe_symbol(s));
  for (; i < sels.size(); i++) {
    if (v.type == nullptr) fail(sels[i], "a procedure has no value");
    v = note(sels[i], select(v, sels[i], i + 1 == sels.size()));
  }
  if (!sels.empty() && dynamic_cast<P::CallSelectorContext*>(sels[0])) note(sels[0], v);
  return note(ctx, v);
}

// ---- calls -----------------------------------------------------------------------------

// The [a, b, c] of an expression that is nothing else, or null.
P::SetFactorContext* bracket_list(P::ExpressionContext* e) {
  if (!e->relationalOperator().empty() || e->simpleExpression(0)->term().size() != 1) return nullptr;
  P::TermContext* t = e->simpleExpression(0)->term(0);
  if (t->factor().size() != 1) return nullptr;
  return dynamic_cast<P::SetFactorContext*>(t->factor(0));
}

// The type an argument has, from a trial compilation whose code is thrown
// away (to choose among overloads).
// Whether a value of kind k can sit anywhere inside a value of type t.
static bool holds_kind(Type* t, TK k, int depth = 0) {
  if (!t || depth > 8) return t != nullptr;  // (deep or recursive types: assume so)
  if (t->kind == k) return true;
  switch (t->kind) {
    case TK::Array: case TK::OpenArray: case TK::DynArray: case TK::Pointer: return holds_kind(t->elem, k, depth + 1);
    case TK::Record:
      for (const FieldT& f : t->fields)
        if (holds_kind(f.type, k, depth + 1)) return true;
      return false;
    default: return false;
  }
}

// Whether expression e could have a type of kind k, from its form and the
// type of the variable it starts with: a cheap test before a trial
// compilation (type_of_argument copies the routine's code so far, so asking
// it of every argument would make compile time quadratic).  Never false
// when it could.
bool Compiler::may_have_kind(P::ExpressionContext* e, TK k) {
  if (!e->relationalOperator().empty() || e->simpleExpression(0)->term().size() != 1) return false;
  P::TermContext* t = e->simpleExpression(0)->term(0);
  if (t->factor().size() != 1) return false;
  auto* df = dynamic_cast<P::DesignatorFactorContext*>(t->factor(0));
  if (!df) return dynamic_cast<P::ParenFactorContext*>(t->factor(0)) != nullptr;
  Symbol* s = lookup(lower(df->designator()->identifier()->getText()));
  if (!s || (s->k != Symbol::Var && s->k != Symbol::Field)) return true;  // a call, or an error to report
  for (auto* sel : df->designator()->selector())
    if (dynamic_cast<P::CallSelectorContext*>(sel)) return true;  // through a procedure value
  return holds_kind(s->type, k);
}

Type* Compiler::type_of_argument(P::ExpressionContext* e) {
  if (!fn_) return expr(e).type;  // a constant expression emits nothing
  // (The trial compiles into a probe builder without the code so far: its
  // cost does not grow with the routine.)
  std::unique_ptr<ProcBuilder> real_pb = std::move(fn_->pb);
  fn_->pb = std::make_unique<ProcBuilder>(real_pb->probe());
  UnitBuilder saved_unit = *unit_;
  FnCtx& f = *fn_;
  TempRegisters temps = f.temps;
  auto const_regs = f.const_regs;
  auto string_const_regs = f.string_const_regs;
  auto global_addr = f.global_addr;
  auto loads = f.loads;
  uint32_t frame_base = f.frame_base;
  auto restore = [&]() {
    fn_->pb = std::move(real_pb);
    *unit_ = saved_unit;
    f.temps = temps;
    f.const_regs = const_regs;
    f.string_const_regs = string_const_regs;
    f.global_addr = global_addr;
    f.loads = loads;
    f.frame_base = frame_base;
  };
  Type* t = nullptr;
  bool probing = probing_;
  probing_ = true;  // compiled again for real, where it counts as a use or a store
  try {
    t = expr(e).type;
  } catch (...) {
    probing_ = probing;
    restore();
    throw;
  }
  probing_ = probing;
  restore();
  return t;
}

// Which of the routines named like r the arguments call: every argument must
// be assignable to its parameter (a var parameter's type identical), left-out
// ones must have defaults; exact types count for more than conversions.
Routine* Compiler::resolve_overload(Routine* r, const std::vector<P::ArgumentContext*>& args, antlr4::Token* tok) {
  if (!r->overloads || r->overloads->size() < 2) return r;
  std::vector<Type*> types;
  for (auto* a : args) types.push_back(a->expression().size() == 1 ? type_of_argument(a->expression(0)) : nullptr);
  Routine* best = nullptr;
  int best_score = -1;
  bool tie = false;
  for (Routine* cand : *r->overloads) {
    if (args.size() > cand->params.size()) continue;
    if (args.size() < cand->params.size() && !cand->params[args.size()].has_default) continue;
    int score = 0;
    for (size_t i = 0; i < args.size() && score >= 0; i++) {
      const Param& p = cand->params[i];
      Type* t = types[i];
      if (!t) score = -1;
      else if (identical_type(t, p.type) || (p.type->kind == TK::OpenArray && (t->kind == TK::Array || t->kind == TK::DynArray) &&
                                                        same_type(t->elem, p.type->elem))) score += 2;
      else if (p.mode != Mode::Var && (assignable(p.type, t) || (p.type->kind == TK::Set && sets_compatible(t, p.type)))) score += 1;
      else score = -1;
    }
    if (score < 0) continue;
    if (score > best_score) {
      best = cand;
      best_score = score;
      tie = false;
    } else if (score == best_score) {
      tie = true;
    }
  }
  if (!best) fail(tok, "incompatible types in the call of \"" + r->spelling + "\": no overload takes these arguments");
  if (tie) fail(tok, "can't determine which overloaded function \"" + r->spelling + "\" to call");
  return best;
}

Val Compiler::call_routine(Routine* r, std::vector<P::ArgumentContext*> args, antlr4::Token* tok, const Val* through) {
  if (!fn_) throw std::logic_error("call in a constant expression");
  if (!through) r = resolve_overload(r, args, tok);
  size_t required = 0;
  while (required < r->params.size() && !r->params[required].has_default) required++;
  if (args.size() < required || args.size() > r->params.size())
    fail(tok, "wrong number of parameters specified for call to \"" + (through ? tok->getText() : r->spelling) + "\"");
  if (r->level >= 2 && r->top != fn_->routine->top) fail(tok, "cannot call a nested routine from here");
  uint32_t target = through ? to_reg(*through) : 0;
  std::vector<Kind> kinds = r->arg_kinds;
  if (r->result && !r->result_by_ref) kinds.push_back(reg_kind(r->result));
  uint32_t b = block(kinds);
  uint32_t slot = b;
  if (r->level >= 2) to_dest(reg_val(t_int_, frame_base_of(r->level - 1)), slot++);
  Val by_ref_result;
  if (r->result_by_ref) {
    // The caller's frame holds the result; it is finalized when the caller returns.
    uint32_t off = pb().frame_slot(r->result->size, r->result->align);
    if (is_managed(r->result)) pb().add_managed_slot(off, image_type(r->result));
    uint32_t fb = frame_base_of(fn_->routine->level);
    pb().emit(Op::ADDK, {slot++, fb, off});
    by_ref_result = load_mem(r->result, fb, static_cast<int32_t>(off));
    by_ref_result.lvalue = false;
  }
  // Each parameter's slots (an open array takes its address and high bound),
  // then the arguments evaluated from the last to the first, as fpc does.
  std::vector<uint32_t> first_slot(r->params.size() + 1, slot);
  for (size_t i = 0; i < r->params.size(); i++)
    first_slot[i + 1] = first_slot[i] + (r->params[i].type->kind == TK::OpenArray ? 2 : 1);
  const uint32_t result_slot = first_slot.back();
  for (size_t i = r->params.size(); i-- > 0;) {
    slot = first_slot[i];
    const Param& p = r->params[i];
    if (i >= args.size()) {  // left out: its default
      to_dest(convert(const_value(p.default_value), p.type, nullptr), slot++);
      continue;
    }
    P::ArgumentContext* a = args[i];
    if (a->expression().size() != 1) fail(a, "field widths are only allowed in write and writeln");
    if (p.type->kind == TK::OpenArray) {
      if (auto* list = bracket_list(a->expression(0))) {
        // An open array constructor, [e1, e2, ...]: a temporary array in the frame.
        std::vector<P::ExpressionContext*> items;
        for (auto* el : list->setElement()) {
          if (el->expression().size() > 1) fail(el, "a range cannot be an element of an open array constructor");
          items.push_back(el->expression(0));
        }
        Type* et = p.type->elem;
        if (is_aggregate(et)) fail(list, "unsupported: open array constructors of structured types");
        uint32_t n = static_cast<uint32_t>(std::max<size_t>(items.size(), 1));
        uint32_t off = pb().frame_slot(n * et->size, et->align);
        if (is_managed(et)) {
          Type* at = new_type(TK::Array);
          at->elem = et;
          at->index = t_int_;
          at->lo = 0;
          at->hi = n - 1;
          at->size = n * et->size;
          at->align = et->align;
          pb().add_managed_slot(off, image_type(at));
        }
        uint32_t fb = frame_base_of(fn_->routine->level);
        for (size_t k = 0; k < items.size(); k++) {
          Val item = convert(expr(items[k]), et, items[k]);
          store(load_mem(et, fb, static_cast<int32_t>(off + k * et->size)), item, items[k]);
        }
        pb().emit(Op::ADDK, {slot, fb, off});
        pb().emit(Op::LDI, {slot + 1, imm(static_cast<int64_t>(items.size()) - 1)});
        slot += 2;
        continue;
      }
    }
    Val v = expr(a->expression(0));
    if (p.type->kind == TK::OpenArray) {
      if (v.type->kind == TK::Array && same_type(v.type->elem, p.type->elem) && v.m == Val::Mem) {
        uint32_t addr = address_of(v);
        if (p.mode == Mode::Value) {
          // A value open array is the callee's own copy: made here, where the size is known.
          uint32_t off = pb().frame_slot(v.type->size, v.type->align);
          if (is_managed(v.type)) pb().add_managed_slot(off, image_type(v.type));
          uint32_t copy = temp(Kind::I);
          pb().emit(Op::ADDK, {copy, frame_base_of(fn_->routine->level), off});
          pb().emit(Op::COPY, {copy, addr, image_type(v.type)});
          addr = copy;
        }
        to_dest(reg_val(t_int_, addr), slot);
        pb().emit(Op::LDI, {slot + 1, imm(v.type->hi - v.type->lo)});
      } else if (v.type->kind == TK::DynArray && same_type(v.type->elem, p.type->elem)) {
        // The elements of a dynamic array (a value parameter gets a copy of
        // them, as fpc makes); its temporary reference keeps them alive
        // through the call.
        if (p.mode == Mode::Value)
          v = reg_val(v.type, emit_callb(static_cast<int>(Builtin::kDYN_COPY),
                                         {v, int_const(0), int_const(INT64_MAX), int_const(dyn_elements_arg(v.type)),
                                          dyn_layout_arg(v.type)},
                                         Kind::S));
        uint32_t ref = to_reg(v);
        to_dest(reg_val(t_int_, emit_callb(static_cast<int>(Builtin::kDYN_DATA), {reg_val(v.type, ref)}, Kind::I)), slot);
        pb().emit(Op::ADDK, {slot + 1, dyn_length(ref), imm(-1)});
      } else if (v.type->kind == TK::OpenArray && same_type(v.type->elem, p.type->elem)) {
        // Passed on without a copy: the size is only known at run time.  A
        // callee that changes its value open array changes the caller's.
        // (Known limitation, see docs/VM.md.)
        to_dest(reg_val(t_int_, address_of(v)), slot);
        to_dest(reg_val(t_int_, v.high_reg), slot + 1);
      } else {
        fail(a, "incompatible type for arg no. " + std::to_string(i + 1) + ": got \"" + type_name(v.type) +
                    "\" expected \"" + type_name(p.type) + "\"");
      }
      slot += 2;
      continue;
    }
    if (p.mode == Mode::Var) {
      if (!v.lvalue || v.m != Val::Mem || v.readonly)
        fail(a, "variable identifier expected for var parameter no. " + std::to_string(i + 1));
      if (!same_type(v.type, p.type))
        fail(a, "call by var for arg no. " + std::to_string(i + 1) + " has to match exactly: got \"" +
                    type_name(v.type) + "\" expected \"" + type_name(p.type) + "\"");
      to_dest(reg_val(t_int_, address_of(v)), slot++);
      continue;
    }
    if (p.type->kind == TK::Set && sets_compatible(v.type, p.type)) v = set_as(v, p.type);
    if (is_aggregate(p.type)) {
      if (!same_type(v.type, p.type) || v.m != Val::Mem)
        fail(a, "incompatible type for arg no. " + std::to_string(i + 1) + ": got \"" + type_name(v.type) +
                    "\" expected \"" + type_name(p.type) + "\"");
      to_dest(reg_val(t_int_, address_of(v)), slot++);
      continue;
    }
    if (!assignable(p.type, v.type))
      fail(a, "incompatible type for arg no. " + std::to_string(i + 1) + ": got \"" + type_name(v.type) +
                  "\" expected \"" + type_name(p.type) + "\"");
    to_dest(convert(v, p.type, a), slot++);
  }
  pos(tok);
  if (through) pb().emit(Op::CALLP, {target, ub().sig(value_call_signature(r)), b});
  else if (r->level == 1) pb().emit(Op::CALL, {ub().proc_ref(r->name), b});
  else pb().emit(Op::CALLN, {r->sub_index, b});
  if (r->result_by_ref) return by_ref_result;
  Val out;
  out.type = r->result;
  if (r->result) {
    out.m = Val::Reg;
    out.reg = result_slot;
  }
  return out;
}

}  // namespace dvm::pascal
