// Pascal sets: `set of T` for ordinal T with values in 0..255, a bitmap in
// memory (bit v of byte v div 8), 4 bytes when T's values are below 32 and
// 32 otherwise, as fpc lays them out.  Constructors with constant elements
// fold to constants; every other set value is a 32-byte temporary in the
// frame.  Union, difference and intersection work on four 64-bit words.
#include <cstring>

#include "frontend/pascal_compiler.h"
#include "stdlib/builtin_ids.h"
#include "vm/errors.h"

namespace dvm::pascal {

namespace {
constexpr uint32_t kSetBytes = 32;
uint32_t imm(int64_t v) { return static_cast<uint32_t>(static_cast<int32_t>(v)); }
}  // namespace

// The type of a constructor: a 32-byte set of its elements' base type (of
// nothing for `[]`, which fits any set).
Type* Compiler::constructor_type(Type* elem) {
  Type* t = new_type(TK::Set);
  t->elem = elem;
  t->size = kSetBytes;
  t->align = 8;
  return t;
}

bool Compiler::sets_compatible(Type* a, Type* b) {
  if (a->kind != TK::Set || b->kind != TK::Set) return false;
  return !a->elem || !b->elem || compatible_ordinals(a->elem, b->elem);
}

// [a, b..c]: constant elements make a constant; others are included at run
// time into a zeroed temporary.
Val Compiler::set_constructor(P::SetFactorContext* ctx) {
  std::string bits(kSetBytes, '\0');
  Type* elem = nullptr;
  struct Dynamic {
    Val lo, hi;
  };
  std::vector<Dynamic> dynamic;
  for (auto* el : ctx->setElement()) {
    Val lo = expr(el->expression(0));
    Val hi = el->expression().size() > 1 ? expr(el->expression(1)) : lo;
    for (Val* v : {&lo, &hi}) {
      if (!is_ordinal(v->type)) fail(el, "set elements must be ordinal values, got \"" + type_name(v->type) + "\"");
      if (elem && !compatible_ordinals(elem, v->type))
        fail(el, "incompatible types: got \"" + type_name(v->type) + "\" expected \"" + type_name(elem) + "\"");
      if (!elem) elem = ordinal_base(v->type);
    }
    if (lo.m == Val::Const && hi.m == Val::Const) {
      for (int64_t v = lo.c.i; v <= hi.c.i; v++) {
        if (v < 0 || v > 255) fail(el, "range check error: set element " + std::to_string(v) + " is outside 0..255");
        if ((bits[static_cast<size_t>(v / 8)] >> (v % 8)) & 1)  // fpc refuses a constant twice
          fail(el, "range check error in set constructor or duplicate set element");
        bits[static_cast<size_t>(v / 8)] = static_cast<char>(bits[static_cast<size_t>(v / 8)] | (1 << (v % 8)));
      }
    } else {
      dynamic.push_back({lo, hi});
    }
  }
  Type* t = constructor_type(elem);
  if (dynamic.empty()) {
    Val v;
    v.type = v.c.type = t;
    v.c.s = bits;
    return v;
  }
  Val v = set_const_into_temp(bits, t);
  uint32_t addr = address_of(v);
  for (const Dynamic& d : dynamic) {
    pos(ctx);
    emit_callb(static_cast<int>(Builtin::kSET_RANGE), {reg_val(t_int_, addr), d.lo, d.hi}, Kind::V);
  }
  return v;
}

// A 32-byte temporary in the frame holding the bitmap `bits`.
Val Compiler::set_const_into_temp(const std::string& bits, Type* t) {
  uint32_t off = pb().frame_slot(kSetBytes, 8);
  uint32_t fb = frame_base_of(fn_->routine->level);
  for (uint32_t w = 0; w < kSetBytes / 8; w++) {
    int64_t word;
    std::memcpy(&word, bits.data() + 8 * w, 8);
    pb().emit(Op::ST64, {const_reg(int_const(word), Kind::I), fb, off + 8 * w});
  }
  return load_mem(t, fb, static_cast<int32_t>(off));
}

// Word w (0..3) of a set value as a register; the words a 4-byte set lacks are 0.
uint32_t Compiler::set_word(const Val& s, uint32_t w) {
  if (s.m == Val::Const) {
    int64_t word;
    std::memcpy(&word, s.c.s.data() + 8 * w, 8);
    return const_reg(int_const(word), Kind::I);
  }
  uint32_t r = temp(Kind::I);
  if (s.type->size == 4) {
    if (w > 0) return const_reg(int_const(0), Kind::I);
    pb().emit(Op::LD32U, {r, s.reg, imm(s.off)});
  } else {
    pb().emit(Op::LD64, {r, s.reg, imm(s.off + 8 * static_cast<int32_t>(w))});
  }
  return r;
}

// + (union), - (difference), * (intersection) of two sets.
Val Compiler::set_binary(const std::string& op, Val a, Val b, antlr4::Token* tok) {
  if (!sets_compatible(a.type, b.type))
    fail(tok, "operator '" + op + "' is not defined for \"" + type_name(a.type) + "\" and \"" + type_name(b.type) + "\"");
  Type* t = constructor_type(a.type->elem ? a.type->elem : b.type->elem);
  if (a.m == Val::Const && b.m == Val::Const) {
    Val v;
    v.type = v.c.type = t;
    v.c.s.assign(kSetBytes, '\0');
    for (size_t i = 0; i < kSetBytes; i++) {
      unsigned x = static_cast<unsigned char>(a.c.s[i]), y = static_cast<unsigned char>(b.c.s[i]);
      v.c.s[i] = static_cast<char>(op == "+" ? x | y : op == "-" ? x & ~y : x & y);
    }
    return v;
  }
  uint32_t off = pb().frame_slot(kSetBytes, 8);
  uint32_t fb = frame_base_of(fn_->routine->level);
  for (uint32_t w = 0; w < kSetBytes / 8; w++) {
    uint32_t x = set_word(a, w), y = set_word(b, w), r = temp(Kind::I);
    if (op == "-") {
      uint32_t ny = temp(Kind::I);
      pb().emit(Op::NOT, {ny, y});
      y = ny;
    }
    pb().emit(op == "+" ? Op::OR : Op::AND, {r, x, y});
    pb().emit(Op::ST64, {r, fb, off + 8 * w});
  }
  return load_mem(t, fb, static_cast<int32_t>(off));
}

// = and <> compare the bitmaps; a <= b: a is a subset of b (a >= b: a superset).
Val Compiler::set_compare(const std::string& op, Val a, Val b, antlr4::Token* tok) {
  if (!sets_compatible(a.type, b.type) || op == "<" || op == ">")
    fail(tok, "operator '" + op + "' is not defined for \"" + type_name(a.type) + "\" and \"" + type_name(b.type) + "\"");
  if (op == ">=") std::swap(a, b);
  if (a.m == Val::Const && b.m == Val::Const) {
    bool diff = false;
    for (size_t i = 0; i < kSetBytes; i++) {
      unsigned x = static_cast<unsigned char>(a.c.s[i]), y = static_cast<unsigned char>(b.c.s[i]);
      diff = diff || (op == "=" || op == "<>" ? x != y : (x & ~y) != 0);
    }
    return bool_const(op == "<>" ? diff : !diff);
  }
  // The words that differ (or, for a subset, a's words outside b), or-ed together.
  uint32_t acc = temp(Kind::I);
  pb().emit(Op::LDI, {acc, 0});
  for (uint32_t w = 0; w < kSetBytes / 8; w++) {
    uint32_t x = set_word(a, w), y = set_word(b, w), d = temp(Kind::I);
    if (op == "=" || op == "<>") {
      pb().emit(Op::XOR, {d, x, y});
    } else {
      uint32_t ny = temp(Kind::I);
      pb().emit(Op::NOT, {ny, y});
      pb().emit(Op::AND, {d, x, ny});
    }
    pb().emit(Op::OR, {acc, acc, d});
  }
  uint32_t r = temp(Kind::I);
  pb().emit(op == "<>" ? Op::NE : Op::EQ, {r, acc, const_reg(int_const(0), Kind::I)});
  return reg_val(t_bool_, r);
}

// x in s: false for values outside 0..255 (and outside a 4-byte set's 0..31).
Val Compiler::set_in(Val x, Val s, antlr4::Token* tok) {
  if (s.type->kind != TK::Set) fail(tok, "operator 'in' needs a set on its right, got \"" + type_name(s.type) + "\"");
  if (!is_ordinal(x.type) || (s.type->elem && !compatible_ordinals(x.type, s.type->elem)))
    fail(tok, "incompatible types: got \"" + type_name(x.type) + "\" expected \"" +
                  (s.type->elem ? type_name(s.type->elem) : std::string("an ordinal")) + "\"");
  int64_t limit = s.type->size * 8;
  if (x.m == Val::Const && s.m == Val::Const) {
    bool in = x.c.i >= 0 && x.c.i < limit && (static_cast<unsigned char>(s.c.s[static_cast<size_t>(x.c.i / 8)]) >> (x.c.i % 8)) & 1;
    return bool_const(in);
  }
  if (s.m == Val::Const) s = set_const_into_temp(s.c.s, s.type);
  uint32_t v = to_reg(x), base = address_of(s), r = temp(Kind::I);
  Label out = pb().new_label();
  pb().emit(Op::LDI, {r, 0});
  pb().emit_jump(Op::JLEU, {const_reg(int_const(limit), Kind::I), v}, out);  // (uint64)v >= limit: not in
  uint32_t byte_index = temp(Kind::I), addr = temp(Kind::I), byte = temp(Kind::I), bit = temp(Kind::I);
  pb().emit(Op::SHR, {byte_index, v, const_reg(int_const(3), Kind::I)});
  pb().emit(Op::ADD, {addr, base, byte_index});
  pb().emit(Op::LD8U, {byte, addr, 0});
  pb().emit(Op::AND, {bit, v, const_reg(int_const(7), Kind::I)});
  pb().emit(Op::SHR, {byte, byte, bit});
  pb().emit(Op::AND, {r, byte, const_reg(int_const(1), Kind::I)});
  pb().bind(out);
  return reg_val(t_bool_, r);
}

// include(s, x) / exclude(s, x): x outside the set's range is a runtime error.
void Compiler::set_bit(const Val& s, Val x, bool include) {
  int64_t limit = s.type->size * 8;
  uint32_t v = to_reg(x);
  Label ok = pb().new_label();
  pb().emit_jump(Op::JLTU, {v, const_reg(int_const(limit), Kind::I)}, ok);
  pb().emit(Op::TRAP, {static_cast<uint32_t>(RtError::ValueRange)});
  pb().bind(ok);
  uint32_t byte_index = temp(Kind::I), addr = temp(Kind::I), byte = temp(Kind::I), bit = temp(Kind::I),
           mask = temp(Kind::I);
  pb().emit(Op::SHR, {byte_index, v, const_reg(int_const(3), Kind::I)});
  pb().emit(Op::ADD, {addr, address_of(s), byte_index});
  pb().emit(Op::LD8U, {byte, addr, 0});
  pb().emit(Op::AND, {bit, v, const_reg(int_const(7), Kind::I)});
  pb().emit(Op::SHL, {mask, const_reg(int_const(1), Kind::I), bit});
  if (include) {
    pb().emit(Op::OR, {byte, byte, mask});
  } else {
    pb().emit(Op::NOT, {mask, mask});
    pb().emit(Op::AND, {byte, byte, mask});
  }
  pb().emit(Op::ST8, {byte, addr, 0});
}

// A set value stored into a set variable of either size: its first bytes.
void Compiler::set_store(const Val& dst, Val src, antlr4::ParserRuleContext* where) {
  if (!sets_compatible(dst.type, src.type))
    fail(where, "incompatible types: got \"" + type_name(src.type) + "\" expected \"" + type_name(dst.type) + "\"");
  uint32_t d = address_of(dst);
  if (dst.type->size == 4) {
    pb().emit(Op::ST32, {set_word(src, 0), d, 0});
    return;
  }
  for (uint32_t w = 0; w < kSetBytes / 8; w++) pb().emit(Op::ST64, {set_word(src, w), d, 8 * w});
}

// A set value in memory laid out as type `as` (for a parameter of that type).
Val Compiler::set_as(Val v, Type* as) {
  if (v.m == Val::Mem && v.type->size == as->size) return v;
  uint32_t off = pb().frame_slot(as->size, as->align);
  Val tmp = load_mem(as, frame_base_of(fn_->routine->level), static_cast<int32_t>(off));
  set_store(tmp, v, nullptr);
  return tmp;
}

}  // namespace dvm::pascal
