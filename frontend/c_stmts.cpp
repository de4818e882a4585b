// C statements.  Jumps go forward only; every loop closes with LOOP (a safe
// point), so `continue` in a while loop is a LOOP to its top.
#include <functional>

#include "frontend/c_compiler.h"

namespace dvm::c {

// compoundStatement : '{' blockItem* '}'
void Compiler::compound(P::CompoundStatementContext* ctx, bool new_scope) {
  if (new_scope) push_scope();
  size_t vlas = fn_->vlas.size();
  for (auto* item : ctx->blockItem()) {
    if (auto* d = item->declaration()) {
      size_t mark = temp_mark();
      try {
        pos(d);
        declaration(d, false);
      } catch (const CompileError& e) {
        report(e);
      }
      release_temps(mark);
    } else {
      statement(item->statement());
    }
  }
  free_vlas(vlas, true);
  if (new_scope) pop_scope();
}

// Every statement starts a new position and frees the temporaries it used.
void Compiler::statement(P::StatementContext* ctx) {
  if (++stmt_depth_ > kMaxStatementDepth) {
    stmt_depth_--;
    fail(ctx, "statements nested too deeply");
  }
  size_t mark = temp_mark();
  try {
    pos(ctx);
    if (auto* e = dynamic_cast<P::ExprStmtContext*>(ctx)) {
      if (e->expression()) {
        auto items = e->expression()->expr();
        discarded_ = items.size() == 1 ? items[0] : nullptr;
        expression(e->expression());
        discarded_ = nullptr;
      }
    } else if (auto* b = dynamic_cast<P::BlockStmtContext*>(ctx)) {
      compound(b->compoundStatement());
    } else if (auto* i = dynamic_cast<P::IfStmtContext*>(ctx)) {
      if_stmt(i);
    } else if (auto* w = dynamic_cast<P::WhileStmtContext*>(ctx)) {
      while_stmt(w);
    } else if (auto* d = dynamic_cast<P::DoStmtContext*>(ctx)) {
      do_stmt(d);
    } else if (auto* f = dynamic_cast<P::ForStmtContext*>(ctx)) {
      for_stmt(f);
    } else if (auto* s = dynamic_cast<P::SwitchStmtContext*>(ctx)) {
      switch_stmt(s);
    } else if (auto* r = dynamic_cast<P::ReturnStmtContext*>(ctx)) {
      return_stmt(r);
    } else if (dynamic_cast<P::BreakStmtContext*>(ctx)) {
      if (fn_->breaks.empty()) fail(ctx, "break statement not within loop or switch");
      jump_to(fn_->breaks.back());
    } else if (dynamic_cast<P::ContinueStmtContext*>(ctx)) {
      if (fn_->continues.empty()) fail(ctx, "continue statement not within a loop");
      jump_to(fn_->continues.back());
    } else if (auto* c = dynamic_cast<P::CaseStmtContext*>(ctx)) {
      if (fn_->switch_labels.empty()) fail(ctx, "case label not within a switch statement");
      pb().bind(fn_->switch_labels.back()->at(c));
      statement(c->statement());
    } else if (auto* dl = dynamic_cast<P::DefaultStmtContext*>(ctx)) {
      if (fn_->switch_labels.empty()) fail(ctx, "'default' label not within a switch statement");
      pb().bind(fn_->switch_labels.back()->at(dl));
      statement(dl->statement());
    } else if (auto* p = dynamic_cast<P::PragmaStmtContext*>(ctx)) {
      pragma(p->PRAGMA()->getSymbol(), true);
    } else if (auto* g = dynamic_cast<P::GotoStmtContext*>(ctx)) {
      goto_stmt(g);
    } else if (auto* l = dynamic_cast<P::LabelStmtContext*>(ctx)) {
      label_stmt(l);
    }
  } catch (const CompileError& e) {
    report(e);
  }
  release_temps(mark);
  stmt_depth_--;
}

LoopTarget Compiler::loop_target(Label label, bool backward) { return {label, backward, fn_->vlas.size()}; }

// break and continue leave the blocks inside the loop: their variable-length
// arrays are freed first.
// Labels are the function's (C11 6.2.1p3).  A goto to a label not yet
// seen jumps forward; to one already bound, backward with LOOP (a safe
// point, as every cycle must pass one).
FnCtx::GotoLabel& Compiler::goto_label(const std::string& name) {
  auto it = fn_->labels.find(name);
  if (it == fn_->labels.end()) it = fn_->labels.emplace(name, FnCtx::GotoLabel{pb().new_label(), false, nullptr}).first;
  return it->second;
}

// 'goto' IDENTIFIER ';'
void Compiler::goto_stmt(P::GotoStmtContext* ctx) {
  FnCtx::GotoLabel& l = goto_label(ctx->IDENTIFIER()->getText());
  if (!l.first_use) l.first_use = ctx->IDENTIFIER()->getSymbol();
  pb().emit_jump(l.bound ? Op::LOOP : Op::JMP, {}, l.label);
}

// IDENTIFIER ':' statement
void Compiler::label_stmt(P::LabelStmtContext* ctx) {
  FnCtx::GotoLabel& l = goto_label(ctx->IDENTIFIER()->getText());
  if (l.bound) fail(ctx, "duplicate label '" + ctx->IDENTIFIER()->getText() + "'");
  pb().bind(l.label);
  l.bound = true;
  statement(ctx->statement());
}

// Every label a goto names must be defined in the function.
void Compiler::check_labels() {
  for (auto& [name, l] : fn_->labels)
    if (!l.bound && l.first_use) fail(l.first_use, "label '" + name + "' used but not defined");
}

void Compiler::jump_to(const LoopTarget& t) {
  free_vlas(t.live_vlas, false);
  if (t.backward) pb().emit_jump(Op::LOOP, {}, t.label);
  else pb().emit_jump(Op::JMP, {}, t.label);
}

// Frees the variable-length arrays allocated from the `first` live one on
// (innermost first); `forget`: their blocks end here for good.
void Compiler::free_vlas(size_t first, bool forget) {
  auto& live = fn_->vlas;
  if (first >= live.size()) return;
  if (!pb().last_is_end())
    for (size_t i = live.size(); i-- > first;) {
      pb().set_pos(live[i].line, live[i].col);
      emit_callb("FREE", {reg_val(t_voidp_, live[i].reg)}, nullptr);
    }
  if (forget) live.resize(first);
}

namespace {
uint32_t imm(int64_t v) { return static_cast<uint32_t>(static_cast<int32_t>(v)); }
// The condition of a statement: a comma expression's last operand decides.
void loop_condition(Compiler& c, P::ExpressionContext* e, Label target, bool jump_if) {
  size_t mark = c.temp_mark();
  auto items = e->expr();
  // `if (x = 5)`: an assignment where a comparison was likely meant (gcc
  // stays quiet when the assignment is parenthesized on purpose).
  if (auto* a = dynamic_cast<P::AssignExprContext*>(items.back()); a && a->op->getText() == "=")
    c.warn(a->op, "suggest parentheses around assignment used as truth value");
  for (size_t i = 0; i + 1 < items.size(); i++) c.expr(items[i]);
  c.cond_jump(items.back(), target, jump_if);
  c.release_temps(mark);
}
}  // namespace

// A selection or iteration statement is a block, and so is each of its
// substatements (C11 6.8.4p3, 6.8.5p5): what a condition declares (an enum
// in a cast, say) ends with the statement.
void Compiler::sub_statement(P::StatementContext* ctx) {
  ScopeGuard scope(*this);
  statement(ctx);
}

// 'if' '(' expression ')' statement ('else' statement)?
void Compiler::if_stmt(P::IfStmtContext* ctx) {
  ScopeGuard scope(*this);
  Label else_l = pb().new_label();
  loop_condition(*this, ctx->expression(), else_l, false);
  sub_statement(ctx->statement(0));
  if (ctx->statement().size() > 1) {
    Label end = pb().new_label();
    if (!pb().last_is_end()) pb().emit_jump(Op::JMP, {}, end);
    pb().bind(else_l);
    sub_statement(ctx->statement(1));
    pb().bind(end);
  } else {
    pb().bind(else_l);
  }
}

// 'while' '(' expression ')' statement
void Compiler::while_stmt(P::WhileStmtContext* ctx) {
  ScopeGuard scope(*this);
  Label top = pb().new_label(), exit = pb().new_label();
  pb().bind(top);
  loop_condition(*this, ctx->expression(), exit, false);
  fn_->breaks.push_back(loop_target(exit, false));
  fn_->continues.push_back(loop_target(top, true));
  fn_->loop_depth++;
  sub_statement(ctx->statement());
  fn_->loop_depth--;
  fn_->breaks.pop_back();
  fn_->continues.pop_back();
  pos(ctx);
  pb().emit_jump(Op::LOOP, {}, top);
  pb().bind(exit);
}

// 'do' statement 'while' '(' expression ')' ';'
void Compiler::do_stmt(P::DoStmtContext* ctx) {
  ScopeGuard scope(*this);
  Label top = pb().new_label(), exit = pb().new_label(), cont = pb().new_label();
  pb().bind(top);
  fn_->breaks.push_back(loop_target(exit, false));
  fn_->continues.push_back(loop_target(cont, false));
  fn_->loop_depth++;
  sub_statement(ctx->statement());
  fn_->loop_depth--;
  fn_->breaks.pop_back();
  fn_->continues.pop_back();
  pb().bind(cont);
  pos(ctx->expression());
  loop_condition(*this, ctx->expression(), exit, false);
  pb().emit_jump(Op::LOOP, {}, top);
  pb().bind(exit);
}

// for (init; cond; step) body
namespace {
P::ExprContext* strip(P::ExprContext* e) {
  while (auto* pe = dynamic_cast<P::PrimaryExprContext*>(e)) {
    auto* pp = dynamic_cast<P::ParenPrimaryContext*>(pe->primary());
    if (!pp || pp->expression()->expr().size() != 1) break;
    e = pp->expression()->expr(0);
  }
  return e;
}

std::string ident_of(P::ExprContext* e) {
  auto* pe = dynamic_cast<P::PrimaryExprContext*>(strip(e));
  auto* ip = pe ? dynamic_cast<P::IdentPrimaryContext*>(pe->primary()) : nullptr;
  return ip ? ip->getText() : std::string();
}

// Whether `name` is assigned, incremented or decremented anywhere in t.
bool writes(antlr4::tree::ParseTree* t, const std::string& name) {
  std::vector<antlr4::tree::ParseTree*> stack{t};
  while (!stack.empty()) {
    antlr4::tree::ParseTree* x = stack.back();
    stack.pop_back();
    for (auto* c : x->children) stack.push_back(c);
    P::ExprContext* target = nullptr;
    if (auto* a = dynamic_cast<P::AssignExprContext*>(x)) target = a->expr(0);
    else if (auto* p = dynamic_cast<P::PostfixExprContext*>(x)) target = p->expr();
    else if (auto* q = dynamic_cast<P::PreIncExprContext*>(x)) target = q->expr();
    else if (auto* u = dynamic_cast<P::UnaryExprContext*>(x)) { if (u->op->getText() == "&") target = u->expr(); }
    if (target && ident_of(target) == name) return true;
  }
  return false;
}
}  // namespace

// `for (int i = A; i < B; i++) body` (or `<=`, `++i`) with i a register
// variable of the loop's own declaration that only the step changes, and B a
// constant or a register variable the loop never changes: the step, the test
// and the back-edge become one FORUP.  i never goes past the bound, so it
// needs no normalization, and it is out of scope after the loop, so its final
// value (one less than C's) is never seen.
bool Compiler::counted_for(P::ForStmtContext* ctx, P::ExpressionContext* cond, P::ExpressionContext* step) {
  if (!ctx->forInit() || ctx->forInit()->expression() || !cond || !step) return false;
  if (cond->expr().size() != 1 || step->expr().size() != 1) return false;
  auto* cmp = dynamic_cast<P::BinaryExprContext*>(strip(cond->expr(0)));
  if (!cmp || (cmp->op->getText() != "<" && cmp->op->getText() != "<=")) return false;
  bool inclusive = cmp->op->getText() == "<=";
  std::string name = ident_of(cmp->expr(0));
  if (name.empty() || !scopes_.back().count(name)) return false;
  Symbol* iv = scopes_.back()[name];
  if (iv->k != Symbol::Var || iv->st.k != Storage::Reg || iv->type->is_const) return false;
  if (iv->type->kind != TK::Int && iv->type->kind != TK::Long) return false;
  P::ExprContext* s = strip(step->expr(0));
  P::ExprContext* operand = nullptr;
  if (auto* p = dynamic_cast<P::PostfixExprContext*>(s)) { if (p->op->getText() == "++") operand = p->expr(); }
  else if (auto* q = dynamic_cast<P::PreIncExprContext*>(s)) { if (q->op->getText() == "++") operand = q->expr(); }
  if (!operand || ident_of(operand) != name) return false;
  if (writes(ctx->statement(), name) || writes(cond, name)) return false;
  // The bound.
  Type* bt = type_of_expr(cmp->expr(1));
  if (bt->kind != TK::Int && bt->kind != TK::Long && bt->kind != TK::Char && bt->kind != TK::Short) return false;
  if (rank(bt) > rank(iv->type)) return false;
  uint32_t limit;
  int64_t k = 0;
  bool is_const = true;
  {
    // A constant expression names nothing but enumeration constants.
    std::vector<antlr4::tree::ParseTree*> stack{cmp->expr(1)};
    while (!stack.empty() && is_const) {
      antlr4::tree::ParseTree* x = stack.back();
      stack.pop_back();
      for (auto* c : x->children) stack.push_back(c);
      if (auto* ip = dynamic_cast<P::IdentPrimaryContext*>(x)) {
        Symbol* sym = lookup(ip->getText());
        if (!sym || sym->k != Symbol::EnumConst) is_const = false;
      }
    }
  }
  if (is_const) {
    try {
      k = const_int(cmp->expr(1));
    } catch (const CompileError&) {
      is_const = false;
    } catch (const std::logic_error&) {
      is_const = false;
    }
  }
  if (is_const) {
    if (!inclusive) k--;
    limit = const_reg(Kind::I, static_cast<uint64_t>(k));
  } else {
    std::string bname = ident_of(cmp->expr(1));
    Symbol* bv = bname.empty() ? nullptr : lookup(bname);
    if (!bv || bv->k != Symbol::Var || bv->st.k != Storage::Reg || bname == name) return false;
    if (writes(ctx->statement(), bname) || writes(cond, bname) || writes(step, bname)) return false;
    if (inclusive) {
      limit = bv->st.reg;
    } else {
      limit = temp(Kind::I);
      pb().emit(Op::ADDK, {limit, bv->st.reg, imm(-1)});
    }
  }
  Label exit = pb().new_label(), cont = pb().new_label(), body = pb().new_label();
  pos(cond);
  loop_condition(*this, cond, exit, false);
  pb().bind(body);
  fn_->breaks.push_back(loop_target(exit, false));
  fn_->continues.push_back(loop_target(cont, false));
  fn_->loop_depth++;
  try {
    sub_statement(ctx->statement());
  } catch (...) {
    fn_->loop_depth--;
    fn_->breaks.pop_back();
    fn_->continues.pop_back();
    throw;
  }
  fn_->loop_depth--;
  fn_->breaks.pop_back();
  fn_->continues.pop_back();
  pb().bind(cont);
  pos(step);
  pb().emit_jump(Op::FORUP, {iv->st.reg, limit}, body);
  pb().bind(exit);
  return true;
}

// 'for' '(' forInit? ';' expression? ';' expression? ')' statement
void Compiler::for_stmt(P::ForStmtContext* ctx) {
  ScopeGuard scope(*this);
  size_t vlas = fn_->vlas.size();
  for_loop(ctx);
  free_vlas(vlas, true);
}

// C11 6.8.5p3: a for's declaration declares objects only; an enumerator or a
// tag it introduces is an error (gcc's, in gcc's order: the last enumerator
// first).  The for has a scope of its own, so whatever is in it came from
// the declaration's specifiers.
void Compiler::for_declares_objects_only(P::ForStmtContext* ctx) {
  std::string last;
  std::function<void(antlr4::tree::ParseTree*)> scan = [&](antlr4::tree::ParseTree* t) {
    if (auto* e = dynamic_cast<P::EnumeratorContext*>(t)) {
      auto it = scopes_.back().find(e->IDENTIFIER()->getText());
      if (it != scopes_.back().end() && it->second->k == Symbol::EnumConst) last = it->first;
    }
    for (auto* child : t->children) scan(child);
  };
  scan(ctx->forInit()->declSpecifiers());
  if (!last.empty()) fail(ctx, "declaration of non-variable '" + last + "' in 'for' loop initial declaration");
  for (const auto& [tag, t] : tags_.back())
    fail(ctx, "'" + type_name(t) + "' declared in 'for' loop initial declaration");
}

void Compiler::for_loop(P::ForStmtContext* ctx) {
  {
    if (auto* init = ctx->forInit()) {
      size_t mark = temp_mark();
      if (init->expression()) {
        expression(init->expression());
      } else {
        DeclSpec ds = decl_specifiers(init->declSpecifiers());
        if (ds.is_typedef || ds.is_extern)
          fail(init, "declaration of non-variable in 'for' loop initial declaration");
        for_declares_objects_only(ctx);
        if (init->initDeclaratorList())
          for (auto* id : init->initDeclaratorList()->initDeclarator()) {
            std::string name;
            antlr4::Token* tok = nullptr;
            Type* t = apply_declarator(ds.type, id->declarator(), &name, &tok);
            if (t->kind == TK::Func) fail(id, "declaration of non-variable '" + name + "' in 'for' loop initial declaration");
            declare_var(ds, t, name, tok, id->initializer(), false);
          }
      }
      release_temps(mark);
    }
    Label top = pb().new_label(), exit = pb().new_label(), cont = pb().new_label();
    pb().bind(top);
    auto exprs = ctx->expression();
    // expression()s: cond and step are both optional; tell them apart by position.
    P::ExpressionContext* cond = nullptr;
    P::ExpressionContext* step = nullptr;
    size_t semis = 0;
    for (auto* ch : ctx->children) {
      if (ch->getText() == ";" && dynamic_cast<antlr4::tree::TerminalNode*>(ch)) semis++;
      else if (auto* e = dynamic_cast<P::ExpressionContext*>(ch)) (semis == 1 ? cond : step) = e;
    }
    (void)exprs;
    // The step is compiled after the body but stands before it: what it
    // declares is in scope in the body.
    if (step) declare_tags_in(step);
    if (counted_for(ctx, cond, step)) return;
    if (cond) {
      pos(cond);
      loop_condition(*this, cond, exit, false);
    }
    fn_->breaks.push_back(loop_target(exit, false));
    fn_->continues.push_back(loop_target(cont, false));
    fn_->loop_depth++;
    sub_statement(ctx->statement());
    fn_->loop_depth--;
    fn_->breaks.pop_back();
    fn_->continues.pop_back();
    pb().bind(cont);
    if (step) {
      size_t mark = temp_mark();
      pos(step);
      discarded_ = step->expr().size() == 1 ? step->expr(0) : nullptr;
      expression(step);
      discarded_ = nullptr;
      release_temps(mark);
    }
    pos(ctx);
    pb().emit_jump(Op::LOOP, {}, top);
    pb().bind(exit);
  }
}

// Declares the struct, union and enum types an expression defines (in casts,
// sizeof and compound literals) without compiling the expression.
void Compiler::declare_tags_in(antlr4::tree::ParseTree* t) {
  std::vector<antlr4::tree::ParseTree*> stack{t};
  while (!stack.empty()) {
    antlr4::tree::ParseTree* x = stack.back();
    stack.pop_back();
    if (auto* en = dynamic_cast<P::EnumSpecifierContext*>(x)) {
      if (!en->enumerator().empty()) enum_type(en);
      continue;
    }
    if (auto* st = dynamic_cast<P::StructSpecifierContext*>(x)) {
      struct_type(st);
      continue;
    }
    for (auto* c : x->children) stack.push_back(c);
  }
}

namespace {
// The case and default statements of one switch (not of nested switches).
void collect_cases(antlr4::tree::ParseTree* t, std::vector<antlr4::ParserRuleContext*>* out) {
  for (auto* c : t->children) {
    if (dynamic_cast<P::SwitchStmtContext*>(c)) continue;
    if (dynamic_cast<P::CaseStmtContext*>(c) || dynamic_cast<P::DefaultStmtContext*>(c))
      out->push_back(static_cast<antlr4::ParserRuleContext*>(c));
    collect_cases(c, out);
  }
}
}  // namespace

// switch: a chain of compare-and-branch per case, then the body with its
// labels bound where the case statements stand (fall-through is free).
void Compiler::switch_stmt(P::SwitchStmtContext* ctx) {
  ScopeGuard scope(*this);
  Val sel = rvalue(expression(ctx->expression()));
  if (sel.m == Val::None || !is_integer(sel.type)) fail(ctx->expression(), "switch quantity not an integer");
  Type* t = promote(sel.type);
  sel = convert(sel, t);
  uint32_t x = temp(Kind::I);
  to_dest(sel, x);
  std::vector<antlr4::ParserRuleContext*> cases;
  P::StatementContext* body = ctx->statement();
  if (dynamic_cast<P::CaseStmtContext*>(body) || dynamic_cast<P::DefaultStmtContext*>(body))
    cases.push_back(body);  // `switch (x) default: ...`
  collect_cases(body, &cases);
  std::map<antlr4::ParserRuleContext*, Label> labels;
  std::map<int64_t, bool> seen;
  Label end = pb().new_label();
  Label deflt = end;
  bool has_default = false;
  for (auto* c : cases) {
    Label l = pb().new_label();
    labels[c] = l;
    if (auto* cs = dynamic_cast<P::CaseStmtContext*>(c)) {
      int64_t v = wrap(const_int(cs->expr()), t);
      if (seen.count(v)) fail(cs, "duplicate case value");
      seen[v] = true;
      uint32_t k = temp(Kind::I);
      to_dest(int_val(v, t), k);
      pb().emit_jump(Op::JEQ, {x, k}, l);
    } else {
      if (has_default) fail(c, "multiple default labels in one switch");
      has_default = true;
      deflt = l;
    }
  }
  pb().emit_jump(Op::JMP, {}, deflt);
  fn_->switch_labels.push_back(&labels);
  fn_->breaks.push_back(loop_target(end, false));
  try {
    sub_statement(ctx->statement());
  } catch (...) {
    fn_->switch_labels.pop_back();
    fn_->breaks.pop_back();
    throw;
  }
  fn_->switch_labels.pop_back();
  fn_->breaks.pop_back();
  pb().bind(end);
}

// The value is computed before the function's variable-length arrays are
// freed (it may read them).
void Compiler::return_stmt(P::ReturnStmtContext* ctx) {
  Type* rt = fn_->func->type->base;
  if (!ctx->expression()) {
    if (rt->kind != TK::Void) fail(ctx, "'return' with no value, in function returning non-void");
    free_vlas(0, false);
    pb().emit(Op::RET, {});
    return;
  }
  Val v = expression(ctx->expression());
  if (rt->kind == TK::Void) {
    if (v.m != Val::None) fail(ctx, "'return' with a value, in function returning void");
    fail(ctx, "ISO C forbids 'return' with expression, in function returning void");
    free_vlas(0, false);
    pb().emit(Op::RET, {});
    return;
  }
  if (rt->kind == TK::Struct) {
    v = assign_convert(v, rt, ctx->expression(), "returning");
    pb().emit(Op::COPY, {fn_->result_addr, address_of(v), image_type(rt)});
    free_vlas(0, false);
    pb().emit(Op::RET, {});
    return;
  }
  v = assign_convert(v, unqual(rt), ctx->expression(), "returning");
  uint32_t r = to_reg(v);
  free_vlas(0, false);
  pb().emit(is_float(rt) ? Op::RETF : Op::RETI, {r});
}

void Compiler::emit_return_default() {
  Type* rt = fn_->func->type->base;
  if (rt->kind == TK::Void || rt->kind == TK::Struct) {
    pb().emit(Op::RET, {});
  } else if (is_float(rt)) {
    uint32_t r = temp(Kind::F);
    pb().emit(Op::LDKF, {r, ub().kreal(0)});
    pb().emit(Op::RETF, {r});
  } else {
    uint32_t r = temp(Kind::I);
    pb().emit(Op::LDI, {r, 0});
    pb().emit(Op::RETI, {r});
  }
}

}  // namespace dvm::c
