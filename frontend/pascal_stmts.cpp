// Pascal statements.
#include "frontend/pascal_compiler.h"
#include "stdlib/builtin_ids.h"

namespace dvm::pascal {

namespace {
uint32_t imm(int64_t v) { return static_cast<uint32_t>(static_cast<int32_t>(v)); }
}  // namespace

void Compiler::statement_list(P::StatementListContext* ctx) {
  for (auto* s : ctx->statement()) statement(s);
}

// Every statement starts a new position and frees the temporaries it used.
void Compiler::statement(P::StatementContext* ctx) {
  if (dynamic_cast<P::EmptyStmtContext*>(ctx)) return;
  if (++stmt_depth_ > kMaxStatementDepth) {
    stmt_depth_--;
    fail(ctx, "statements nested too deeply");
  }
  size_t mark = temp_mark();
  try {
    pos(ctx);
    if (auto* c = dynamic_cast<P::CompoundStmtContext*>(ctx)) statement_list(c->compoundStatement()->statementList());
    else if (auto* a = dynamic_cast<P::AssignStmtContext*>(ctx)) assign(a);
    else if (auto* call = dynamic_cast<P::CallStmtContext*>(ctx)) call_stmt(call);
    else if (auto* i = dynamic_cast<P::IfStmtContext*>(ctx)) if_stmt(i);
    else if (auto* w = dynamic_cast<P::WhileStmtContext*>(ctx)) while_stmt(w);
    else if (auto* r = dynamic_cast<P::RepeatStmtContext*>(ctx)) repeat_stmt(r);
    else if (auto* f = dynamic_cast<P::ForStmtContext*>(ctx)) for_stmt(f);
    else if (auto* cs = dynamic_cast<P::CaseStmtContext*>(ctx)) case_stmt(cs);
    else if (auto* ws = dynamic_cast<P::WithStmtContext*>(ctx)) with_stmt(ws);
    else if (auto* d = dynamic_cast<P::DirectiveStmtContext*>(ctx)) {
      // A directive stands before a statement (possibly the empty one).
      directive(d->dvmDirective(), true, "");
      statement(d->statement());
    }
    else if (dynamic_cast<P::GotoStmtContext*>(ctx)) fail(ctx, "unsupported: labels and goto");
  } catch (const CompileError& e) {
    report(e);
  }
  release_temps(mark);
  stmt_depth_--;
}

void Compiler::assign(P::AssignStmtContext* ctx) {
  Val dst = designator(ctx->designator(), true);
  if (dst.type == nullptr) fail(ctx->designator(), "cannot assign to a procedure");
  if (!dst.lvalue) fail(ctx->designator(), "variable identifier expected");
  if (dst.readonly) {
    Symbol* s = lookup(lower(ctx->designator()->identifier()->getText()));
    if (s && s->loop_var && ctx->designator()->selector().empty())
      fail(ctx->designator(), "illegal assignment to for-loop variable \"" + s->spelling + "\"");
    fail(ctx->designator(), "cannot assign to a constant or const parameter");
  }
  Val src = expr(ctx->expression());
  store(dst, src, ctx->expression());
}

void Compiler::store(const Val& dst, Val src, antlr4::ParserRuleContext* where) {
  if (is_aggregate(dst.type)) {
    if (!same_type(dst.type, src.type) || src.m != Val::Mem)
      fail(where, "incompatible types: got \"" + type_name(src.type) + "\" expected \"" + type_name(dst.type) + "\"");
    uint32_t d = address_of(dst), s = address_of(src);
    pb().emit(Op::COPY, {d, s, image_type(dst.type)});
    return;
  }
  src = convert(src, dst.type, where);
  switch (dst.m) {
    case Val::Reg:
      to_dest(src, dst.reg);
      return;
    case Val::Mem: {
      uint32_t r = to_reg(src);
      pb().emit(store_op(dst.type), {r, dst.reg, imm(dst.off)});
      return;
    }
    case Val::StrElem: {
      uint32_t c = to_reg(src);
      const Val& base = *dst.str_base;
      if (base.m == Val::Reg) {
        pb().emit(Op::SSET, {base.reg, dst.idx_reg, c});
      } else {
        // A string in memory: change a register copy and store it back.
        uint32_t s = to_reg(base);
        pb().emit(Op::SSET, {s, dst.idx_reg, c});
        pb().emit(Op::STS, {s, base.reg, imm(base.off)});
      }
      return;
    }
    case Val::Const:
      fail(where, "cannot assign to a constant");
  }
}

void Compiler::call_stmt(P::CallStmtContext* ctx) {
  P::DesignatorContext* d = ctx->designator();
  Symbol* s = lookup(lower(d->identifier()->getText()));
  if (!s) fail(d->identifier(), "identifier not found \"" + d->identifier()->getText() + "\"");
  bool callable = s->k == Symbol::RoutineName || s->k == Symbol::Builtin ||
                  (s->k == Symbol::Var && s->routine && !d->selector().empty());
  if (!callable) fail(ctx, "illegal expression: statement expected, found \"" + d->getText() + "\"");
  designator(d, false);
}

void Compiler::if_stmt(P::IfStmtContext* ctx) {
  Label else_l = pb().new_label();
  cond_jump(ctx->expression(), else_l, false);
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
  cond_jump(ctx->expression(), exit, false);
  fn_->loops.push_back({exit, top, true});
  statement(ctx->statement());
  fn_->loops.pop_back();
  pos(ctx);
  pb().emit_jump(Op::LOOP, {}, top);
  pb().bind(exit);
}

void Compiler::repeat_stmt(P::RepeatStmtContext* ctx) {
  Label top = pb().new_label(), exit = pb().new_label(), cont = pb().new_label();
  pb().bind(top);
  fn_->loops.push_back({exit, cont, false});
  statement_list(ctx->statementList());
  fn_->loops.pop_back();
  pb().bind(cont);
  pos(ctx->expression());
  size_t mark = temp_mark();
  cond_jump(ctx->expression(), exit, true);
  release_temps(mark);
  pb().emit_jump(Op::LOOP, {}, top);
  pb().bind(exit);
}

// for v := a to b do S: a and b are evaluated once; the counter runs in a
// register (the variable itself when it lives in one) and FORUP/FORDN close
// the loop without ever stepping past b, so no overflow at maxint.
void Compiler::for_stmt(P::ForStmtContext* ctx) {
  Symbol* s = lookup(lower(ctx->identifier()->getText()));
  if (!s) fail(ctx->identifier(), "identifier not found \"" + ctx->identifier()->getText() + "\"");
  if (s->k != Symbol::Var || s->st.open) fail(ctx->identifier(), "for-loop variable must be a simple variable");
  if (!is_ordinal(s->type)) fail(ctx->identifier(), "for-loop variable must be of an ordinal type");
  if (s->readonly) fail(ctx->identifier(), "cannot assign to a const parameter");
  Val var = var_value(s, ctx->identifier()->getStart());
  bool up = ctx->TO() != nullptr;
  Val from = convert(expr(ctx->expression(0)), s->type, ctx->expression(0));
  Val to = expr(ctx->expression(1));
  if (!assignable(s->type, to.type)) fail(ctx->expression(1), "incompatible types in for-loop bound");
  uint32_t counter = var.m == Val::Reg ? var.reg : temp(Kind::I);
  uint32_t limit = temp(Kind::I);
  to_dest(from, counter);
  to_dest(to, limit);
  Label top = pb().new_label(), cont = pb().new_label(), exit = pb().new_label();
  if (up) pb().emit_jump(Op::JLT, {limit, counter}, exit);
  else pb().emit_jump(Op::JLT, {counter, limit}, exit);
  pb().bind(top);
  if (var.m != Val::Reg) pb().emit(store_op(s->type), {counter, var.reg, imm(var.off)});
  fn_->loops.push_back({exit, cont, false});
  // Inside the body the control variable cannot change (ISO 7185 6.8.3.9), so
  // reading it reads the counter register; memory is kept current for
  // routines that read it there.
  push_scope();
  Symbol alias(Symbol::Var);
  alias.type = s->type;
  alias.spelling = s->spelling;
  alias.st.k = Storage::Reg;
  alias.st.reg = counter;
  alias.readonly = true;
  alias.loop_var = true;
  symbols_.push_back(alias);
  scopes_.back()[lower(ctx->identifier()->getText())] = &symbols_.back();
  try {
    statement(ctx->statement());
  } catch (...) {
    pop_scope();
    throw;
  }
  pop_scope();
  fn_->loops.pop_back();
  pb().bind(cont);
  pos(ctx);
  pb().emit_jump(up ? Op::FORUP : Op::FORDN, {counter, limit}, top);
  pb().bind(exit);
}

// case: a chain of compare-and-branch per label, bodies after the chain.
void Compiler::case_stmt(P::CaseStmtContext* ctx) {
  Val sel = expr(ctx->expression());
  if (!is_ordinal(sel.type)) fail(ctx->expression(), "ordinal expression expected in case");
  uint32_t x = to_reg(sel);
  Label end = pb().new_label();
  std::vector<Label> bodies;
  std::vector<std::pair<int64_t, int64_t>> seen;
  for (auto* item : ctx->caseItem()) {
    Label body = pb().new_label();
    bodies.push_back(body);
    for (auto* lab : item->caseLabel()) {
      ConstVal lo = const_expr(lab->expression(0));
      ConstVal hi = lab->expression().size() > 1 ? const_expr(lab->expression(1)) : lo;
      if (!is_ordinal(lo.type) || !same_type(ordinal_base(lo.type), ordinal_base(sel.type)) ||
          !same_type(ordinal_base(hi.type), ordinal_base(sel.type)))
        fail(lab, "case label does not match the type of the selector");
      for (auto [a, b] : seen)
        if (lo.i <= b && hi.i >= a) fail(lab, "duplicate case label");
      seen.push_back({lo.i, hi.i});
      uint32_t k = temp(Kind::I);
      if (lo.i == hi.i) {
        to_dest(const_val(t_int_, lo.i), k);
        pb().emit_jump(Op::JEQ, {x, k}, body);
      } else {
        Label next = pb().new_label();
        to_dest(const_val(t_int_, lo.i), k);
        pb().emit_jump(Op::JLT, {x, k}, next);
        uint32_t k2 = temp(Kind::I);
        to_dest(const_val(t_int_, hi.i), k2);
        pb().emit_jump(Op::JLE, {x, k2}, body);
        pb().bind(next);
      }
    }
  }
  if (auto* e = ctx->caseElse()) statement_list(e->statementList());
  if (!pb().last_is_end()) pb().emit_jump(Op::JMP, {}, end);
  auto items = ctx->caseItem();
  for (size_t i = 0; i < items.size(); i++) {
    pb().bind(bodies[i]);
    statement(items[i]->statement());
    if (i + 1 < items.size() && !pb().last_is_end()) pb().emit_jump(Op::JMP, {}, end);
  }
  pb().bind(end);
}

// with r do S: r's address is computed once; its fields become names.
void Compiler::with_stmt(P::WithStmtContext* ctx) {
  size_t scopes = 0;
  for (auto* d : ctx->designator()) {
    Val v = designator(d, true);
    if (!v.type || v.type->kind != TK::Record || v.m != Val::Mem) fail(d, "record variable expected in with");
    uint32_t addr = address_of(v);
    push_scope();
    scopes++;
    for (const FieldT& f : v.type->fields) {
      Symbol s{Symbol::Field};
      s.type = f.type;
      s.spelling = f.spelling;
      s.with_reg = addr;
      s.with_off = f.offset;
      s.readonly = v.readonly;
      symbols_.push_back(s);
      scopes_.back()[f.name] = &symbols_.back();
    }
  }
  try {
    statement(ctx->statement());
  } catch (...) {
    for (size_t i = 0; i < scopes; i++) pop_scope();
    throw;
  }
  for (size_t i = 0; i < scopes; i++) pop_scope();
}

}  // namespace dvm::pascal
