// C statements.  Jumps go forward only; every loop closes with LOOP (a safe
// point), so `continue` in a while loop is a LOOP to its top.
#include "frontend/c_compiler.h"

namespace dvm::c {

// compoundStatement : '{' blockItem* '}'
void Compiler::compound(P::CompoundStatementContext* ctx, bool new_scope) {
  if (new_scope) push_scope();
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
      if (e->expression()) expression(e->expression());
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
    } else if (dynamic_cast<P::GotoStmtContext*>(ctx) || dynamic_cast<P::LabelStmtContext*>(ctx)) {
      fail(ctx, "unsupported: goto and labels");
    }
  } catch (const CompileError& e) {
    report(e);
  }
  release_temps(mark);
  stmt_depth_--;
}

void Compiler::jump_to(const LoopTarget& t) {
  if (t.backward) pb().emit_jump(Op::LOOP, {}, t.label);
  else pb().emit_jump(Op::JMP, {}, t.label);
}

namespace {
// The condition of a statement: a comma expression's last operand decides.
void loop_condition(Compiler& c, P::ExpressionContext* e, Label target, bool jump_if) {
  size_t mark = c.temp_mark();
  auto items = e->expr();
  for (size_t i = 0; i + 1 < items.size(); i++) c.expr(items[i]);
  c.cond_jump(items.back(), target, jump_if);
  c.release_temps(mark);
}
}  // namespace

// 'if' '(' expression ')' statement ('else' statement)?
void Compiler::if_stmt(P::IfStmtContext* ctx) {
  Label else_l = pb().new_label();
  loop_condition(*this, ctx->expression(), else_l, false);
  statement(ctx->statement(0));
  if (ctx->statement().size() > 1) {
    Label end = pb().new_label();
    if (!pb().last_is_end()) pb().emit_jump(Op::JMP, {}, end);
    pb().bind(else_l);
    statement(ctx->statement(1));
    pb().bind(end);
  } else {
    pb().bind(else_l);
  }
}


void Compiler::while_stmt(P::WhileStmtContext* ctx) {
  Label top = pb().new_label(), exit = pb().new_label();
  pb().bind(top);
  loop_condition(*this, ctx->expression(), exit, false);
  fn_->breaks.push_back({exit, false});
  fn_->continues.push_back({top, true});
  fn_->loop_depth++;
  statement(ctx->statement());
  fn_->loop_depth--;
  fn_->breaks.pop_back();
  fn_->continues.pop_back();
  pos(ctx);
  pb().emit_jump(Op::LOOP, {}, top);
  pb().bind(exit);
}

void Compiler::do_stmt(P::DoStmtContext* ctx) {
  Label top = pb().new_label(), exit = pb().new_label(), cont = pb().new_label();
  pb().bind(top);
  fn_->breaks.push_back({exit, false});
  fn_->continues.push_back({cont, false});
  fn_->loop_depth++;
  statement(ctx->statement());
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
void Compiler::for_stmt(P::ForStmtContext* ctx) {
  push_scope();
  try {
    if (auto* init = ctx->forInit()) {
      size_t mark = temp_mark();
      if (init->expression()) {
        expression(init->expression());
      } else {
        DeclSpec ds = decl_specifiers(init->declSpecifiers());
        if (ds.is_typedef || ds.is_extern)
          fail(init, "declaration of non-variable in 'for' loop initial declaration");
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
    if (cond) {
      pos(cond);
      loop_condition(*this, cond, exit, false);
    }
    fn_->breaks.push_back({exit, false});
    fn_->continues.push_back({cont, false});
    fn_->loop_depth++;
    statement(ctx->statement());
    fn_->loop_depth--;
    fn_->breaks.pop_back();
    fn_->continues.pop_back();
    pb().bind(cont);
    if (step) {
      size_t mark = temp_mark();
      pos(step);
      expression(step);
      release_temps(mark);
    }
    pos(ctx);
    pb().emit_jump(Op::LOOP, {}, top);
    pb().bind(exit);
  } catch (...) {
    pop_scope();
    throw;
  }
  pop_scope();
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
  Val sel = rvalue(expression(ctx->expression()));
  if (sel.m == Val::None || !is_integer(sel.type)) fail(ctx->expression(), "switch quantity not an integer");
  Type* t = promote(sel.type);
  sel = convert(sel, t);
  uint32_t x = temp(Kind::I);
  to_dest(sel, x);
  std::vector<antlr4::ParserRuleContext*> cases;
  collect_cases(ctx->statement(), &cases);
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
  fn_->breaks.push_back({end, false});
  try {
    statement(ctx->statement());
  } catch (...) {
    fn_->switch_labels.pop_back();
    fn_->breaks.pop_back();
    throw;
  }
  fn_->switch_labels.pop_back();
  fn_->breaks.pop_back();
  pb().bind(end);
}

void Compiler::return_stmt(P::ReturnStmtContext* ctx) {
  Type* rt = fn_->func->type->base;
  if (!ctx->expression()) {
    if (rt->kind != TK::Void) fail(ctx, "'return' with no value, in function returning non-void");
    pb().emit(Op::RET, {});
    return;
  }
  Val v = expression(ctx->expression());
  if (rt->kind == TK::Void) {
    if (v.m != Val::None) fail(ctx, "'return' with a value, in function returning void");
    pb().emit(Op::RET, {});
    return;
  }
  if (rt->kind == TK::Struct) {
    v = assign_convert(v, rt, ctx->expression(), "returning");
    pb().emit(Op::COPY, {fn_->result_addr, address_of(v), image_type(rt)});
    pb().emit(Op::RET, {});
    return;
  }
  v = assign_convert(v, unqual(rt), ctx->expression(), "returning");
  uint32_t r = to_reg(v);
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
