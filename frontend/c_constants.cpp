// Address constants (C11 6.6p9): what a static initializer may hold besides
// numbers, and the null-based addresses behind offsetof.  They are found on
// the parse tree without compiling code: the address of a static object
// (&gs.in.a[2], &(&gs)->x, g[1], gs.b, "text" + 1) is a global or a literal
// plus a byte offset, which the image records as a relocation.
#include "frontend/c_compiler.h"

namespace dvm::c {

namespace {
P::ExprContext* unparen(P::ExprContext* e) {
  while (auto* pe = dynamic_cast<P::PrimaryExprContext*>(e)) {
    auto* pp = dynamic_cast<P::ParenPrimaryContext*>(pe->primary());
    if (!pp || pp->expression()->expr().size() != 1) break;
    e = pp->expression()->expr(0);
  }
  return e;
}
}  // namespace

bool Compiler::try_const_int(P::ExprContext* e, int64_t* value) {
  try {
    *value = const_int(e);
    return true;
  } catch (const CompileError&) {
    return false;
  }
}

// An lvalue that designates (part of) an object of static storage, or an
// object at a constant address such as ((struct S *)0)->m.
bool Compiler::static_object(P::ExprContext* e, AddressConst* out) {
  e = unparen(e);
  if (auto* pe = dynamic_cast<P::PrimaryExprContext*>(e)) {
    if (auto* sp = dynamic_cast<P::StringPrimaryContext*>(pe->primary())) {
      out->base = AddressConst::String;
      out->target = decode_string(sp);
      out->addend = 0;
      out->type = array_of(t_char_, static_cast<int64_t>(out->target.size()) + 1);
      return true;
    }
    auto* ip = dynamic_cast<P::IdentPrimaryContext*>(pe->primary());
    Symbol* s = ip ? lookup(ip->getText()) : nullptr;
    if (!s) return false;
    if (s->k == Symbol::Function) {
      out->base = AddressConst::Func;
      out->target = s->name;
      out->addend = 0;
      out->type = s->type;
      return true;
    }
    if (s->k != Symbol::Var || s->st.k != Storage::Global || is_variably_modified(s->type)) return false;
    out->base = AddressConst::Global;
    out->target = s->st.global;
    out->addend = 0;
    out->type = s->type;
    return true;
  }
  if (auto* m = dynamic_cast<P::MemberExprContext*>(e)) {
    bool arrow = m->op->getText() == "->";
    if (arrow) {
      if (!address_constant(m->expr(), out) || out->type->kind != TK::Pointer) return false;
      out->type = out->type->base;
    } else if (!static_object(m->expr(), out)) {
      return false;
    }
    Type* st = out->type;
    if (st->kind != TK::Struct || !st->st->complete) return false;
    uint32_t offset = 0;
    const Member* member = find_member(st->st, m->IDENTIFIER()->getText(), &offset);
    if (!member || member->bits) return false;
    out->addend += offset;
    out->type = st->is_const ? qualified(member->type, true) : member->type;
    return true;
  }
  if (auto* ix = dynamic_cast<P::IndexExprContext*>(e)) {
    if (ix->expression()->expr().size() != 1) return false;
    P::ExprContext* a = ix->expr();
    P::ExprContext* i = ix->expression()->expr(0);
    int64_t k = 0;
    if (!(try_const_int(i, &k) && address_constant(a, out)) && !(try_const_int(a, &k) && address_constant(i, out)))
      return false;
    if (out->type->kind != TK::Pointer) return false;
    Type* elem = out->type->base;
    if (elem->kind == TK::Void || elem->kind == TK::Func || elem->vla || elem->size == 0) return false;
    out->addend += k * static_cast<int64_t>(elem->size);
    out->type = elem;
    return true;
  }
  if (auto* u = dynamic_cast<P::UnaryExprContext*>(e)) {
    if (u->op->getText() != "*" || !address_constant(u->expr(), out) || out->type->kind != TK::Pointer) return false;
    out->type = out->type->base;
    return out->type->kind != TK::Void;
  }
  return false;
}

// A constant of pointer type: the address of a static object or function
// plus an offset, or an integer constant cast to a pointer.
bool Compiler::address_constant(P::ExprContext* e, AddressConst* out) {
  e = unparen(e);
  if (auto* u = dynamic_cast<P::UnaryExprContext*>(e)) {
    if (u->op->getText() != "&") return static_object(e, out) && decay_address(out);
    if (!static_object(u->expr(), out)) return false;
    out->type = pointer_to(out->type);
    return true;
  }
  if (auto* c = dynamic_cast<P::CastExprContext*>(e)) {
    Type* t = type_name_of(c->typeName());
    if (t->kind != TK::Pointer) return false;
    int64_t k = 0;
    if (address_constant(c->expr(), out)) {
      out->type = t;
      return true;
    }
    if (!try_const_int(c->expr(), &k)) return false;
    *out = AddressConst{};
    out->addend = k;
    out->type = t;
    return true;
  }
  if (auto* b = dynamic_cast<P::BinaryExprContext*>(e)) {
    std::string op = b->op->getText();
    if (op != "+" && op != "-") return false;
    int64_t k = 0;
    if (!(address_constant(b->expr(0), out) && try_const_int(b->expr(1), &k)) &&
        !(op == "+" && try_const_int(b->expr(0), &k) && address_constant(b->expr(1), out)))
      return false;
    Type* elem = out->type->base;
    if (elem->kind == TK::Void || elem->kind == TK::Func || elem->vla) return false;
    out->addend += (op == "+" ? k : -k) * static_cast<int64_t>(elem->size);
    return true;
  }
  return static_object(e, out) && decay_address(out);
}

// An array or function designator used as a value becomes a pointer.
bool Compiler::decay_address(AddressConst* a) {
  if (a->type->kind == TK::Array) {
    a->type = pointer_to(a->type->base);
    return true;
  }
  if (a->type->kind == TK::Func) {
    a->type = pointer_to(a->type);
    return true;
  }
  return false;
}

// `(integer type)&((T *)0)->m` (offsetof): an integer constant.
bool Compiler::null_based_offset(P::ExprContext* e, int64_t* value) {
  e = unparen(e);
  auto* u = dynamic_cast<P::UnaryExprContext*>(e);
  if (!u || u->op->getText() != "&") return false;
  AddressConst a;
  if (!address_constant(e, &a) || a.base != AddressConst::Null) return false;
  *value = a.addend;
  return true;
}

}  // namespace dvm::c
