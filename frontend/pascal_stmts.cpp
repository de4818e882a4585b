// Pascal statements.
#include <functional>

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
    else if (dynamic_cast<P::WhileStmtContext*>(ctx) || dynamic_cast<P::RepeatStmtContext*>(ctx) ||
             dynamic_cast<P::ForStmtContext*>(ctx) || dynamic_cast<P::ForInStmtContext*>(ctx))
      loop_statement(ctx);
    else if (auto* cs = dynamic_cast<P::CaseStmtContext*>(ctx)) case_stmt(cs);
    else if (auto* ws = dynamic_cast<P::WithStmtContext*>(ctx)) with_stmt(ws);
    else if (auto* d = dynamic_cast<P::DirectiveStmtContext*>(ctx)) {
      // A directive stands before a statement (possibly the empty one).
      directive(d->dvmDirective(), true, "");
      statement(d->statement());
    }
    else if (auto* g = dynamic_cast<P::GotoStmtContext*>(ctx)) goto_stmt(g);
    else if (auto* l = dynamic_cast<P::LabeledStmtContext*>(ctx)) labeled_stmt(l);
  } catch (const CompileError& e) {
    report(e);
  } catch (const std::logic_error& e) {
    // Code for a statement built on an earlier error can be inconsistent; with
    // no earlier error this is a bug of the compiler, said as such.
    if (diags_->error_count() == 0) fail_quietly(ctx, std::string("internal compiler error: ") + e.what());
  }
  release_temps(mark);
  stmt_depth_--;
}

// A loop that calls no routine, reads no input, does not sleep and has no
// update point passes no safe point except its own back-edges, where nothing
// else can run; the scalar variables it uses can then live in registers for
// the whole loop and be written back when it ends.
void Compiler::loop_statement(P::StatementContext* ctx) {
  std::vector<Symbol*> vars = fn_->promoted.empty() ? promotable_vars(ctx) : std::vector<Symbol*>{};
  std::vector<FnCtx::Promoted> regs;
  if (!vars.empty()) {
    push_scope();
    for (Symbol* home : vars) {
      Val v = var_value(home, ctx->getStart());
      uint32_t r = pb().reg(reg_kind(home->type));
      to_dest(v, r);
      if (home->type->kind == TK::String) {
        // Memory gives up its reference so appends in the loop work in place.
        uint32_t empty = temp(Kind::S);
        pb().emit(Op::LDKS, {empty, ub().kstr("")});
        pb().emit(Op::STS, {empty, v.reg, imm(v.off)});
      }
      regs.push_back({home, r});
      Symbol alias(Symbol::Var);
      alias.type = home->type;
      alias.spelling = home->spelling;
      alias.st.k = Storage::Reg;
      alias.st.reg = r;
      alias.readonly = home->readonly;
      alias.loop_var = home->loop_var;
      symbols_.push_back(alias);
      scopes_.back()[lower(home->spelling)] = &symbols_.back();
    }
    fn_->promoted.push_back(regs);
  }
  const uint32_t loop_begin = pb().pc();
  fn_->loop_depth++;
  try {
    if (auto* w = dynamic_cast<P::WhileStmtContext*>(ctx)) while_stmt(w);
    else if (auto* r = dynamic_cast<P::RepeatStmtContext*>(ctx)) repeat_stmt(r);
    else if (auto* f = dynamic_cast<P::ForStmtContext*>(ctx)) for_stmt(f);
    else if (auto* fi = dynamic_cast<P::ForInStmtContext*>(ctx)) for_in_stmt(fi);
  } catch (...) {
    fn_->loop_depth--;
    if (!vars.empty()) {
      fn_->promoted.pop_back();
      pop_scope();
    }
    throw;
  }
  fn_->loop_depth--;
  if (!vars.empty()) {
    fn_->promoted.pop_back();
    pop_scope();
    record_promotions(regs, loop_begin);
    flush_promoted(regs);
  }
}

// Globals kept in registers over the loop: at its back-edges, while an update
// is pending, the VM writes them home before a commit and reads them back
// after (mappers may read and write them).
void Compiler::record_promotions(const std::vector<FnCtx::Promoted>& vars, uint32_t begin) {
  for (const FnCtx::Promoted& p : vars) {
    if (p.home->st.k != Storage::Global) continue;
    Val home = var_value(p.home, nullptr);
    Promotion m;
    m.begin = begin;
    m.end = pb().pc();
    m.value = p.reg;
    m.address = home.reg;
    m.offset = home.off;
    m.store = static_cast<uint8_t>(store_op(p.home->type));
    m.load = static_cast<uint8_t>(load_op(p.home->type));
    pb().add_promotion(m);
  }
}

void Compiler::flush_promoted(const std::vector<FnCtx::Promoted>& vars) {
  for (const FnCtx::Promoted& p : vars) {
    Val home = var_value(p.home, nullptr);
    pb().emit(store_op(p.home->type), {p.reg, home.reg, imm(home.off)});
  }
}

std::vector<Symbol*> Compiler::promotable_vars(P::StatementContext* loop) {
  std::vector<Symbol*> out;
  std::set<Symbol*> seen, excluded;
  std::vector<antlr4::tree::ParseTree*> stack{loop};
  while (!stack.empty()) {
    antlr4::tree::ParseTree* t = stack.back();
    stack.pop_back();
    for (auto* c : t->children) stack.push_back(c);
    if (dynamic_cast<P::DvmDirectiveContext*>(t)) return {};
    // A goto may leave the loop or enter it past the loading of its registers.
    if (dynamic_cast<P::GotoStmtContext*>(t) || dynamic_cast<P::LabeledStmtContext*>(t)) return {};
    auto* d = dynamic_cast<P::DesignatorContext*>(t);
    if (!d) continue;
    std::string name = lower(d->identifier()->getText());
    Symbol* s = lookup(name);
    if (!s) continue;
    auto sels = d->selector();
    bool called = !sels.empty() && dynamic_cast<P::CallSelectorContext*>(sels[0]);
    if (s->k == Symbol::RoutineName) return {};
    if (s->k == Symbol::Var && s->routine && called) return {};
    if (s->k == Symbol::Builtin) {
      if (name == "read" || name == "readln" || name == "sleep") return {};
      // Built-ins that take a variable's address need it in memory.
      if ((name == "val" || name == "insert" || name == "delete" || name == "setlength") && called) {
        for (auto* a : dynamic_cast<P::CallSelectorContext*>(sels[0])->argument()) {
          Symbol* arg = lookup(lower(a->getText()));
          if (arg) excluded.insert(arg);
        }
      }
      continue;
    }
    if (s->k != Symbol::Var || s->routine || s->st.open) continue;
    if (s->st.k != Storage::Global && s->st.k != Storage::Frame) continue;
    if (reg_kind(s->type) == Kind::V) continue;
    if (seen.insert(s).second) out.push_back(s);
  }
  std::vector<Symbol*> result;
  for (Symbol* s : out)
    if (!excluded.count(s)) result.push_back(s);
  return result;
}

Val Compiler::store_target(antlr4::ParserRuleContext* target, const std::function<Val()>& compile) {
  storing_ = true;
  Val v;
  try {
    v = compile();
  } catch (...) {
    storing_ = false;
    throw;
  }
  storing_ = false;
  if (v.m == Val::StrElem || target->getText().find('^') != std::string::npos) mark_target_used(target);
  return v;
}

// The variable a store target starts with counts as used after all.
void Compiler::mark_target_used(antlr4::ParserRuleContext* target) {
  std::string text = target->getText();
  size_t n = 0;
  while (n < text.size() && (std::isalnum(static_cast<unsigned char>(text[n])) || text[n] == '_')) n++;
  if (Symbol* s = lookup(lower(text.substr(0, n))); s && s->k == Symbol::Var) s->used = true;
}

void Compiler::assign(P::AssignStmtContext* ctx) {
  Val dst = store_target(ctx->designator(), [&] { return designator(ctx->designator(), true); });
  if (dst.type == nullptr) fail(ctx->designator(), "cannot assign to a procedure");
  if (!dst.lvalue) fail(ctx->designator(), "variable identifier expected");
  if (dst.readonly) {
    Symbol* s = lookup(lower(ctx->designator()->identifier()->getText()));
    if (s && s->loop_var && ctx->designator()->selector().empty())
      fail(ctx->designator(), "illegal assignment to for-loop variable \"" + s->spelling + "\"");
    fail(ctx->designator(), "cannot assign to a constant or const parameter");
  }
  antlr4::Token* op = ctx->assignOperator()->getStart();
  if (dst.type->kind == TK::DynArray && op->getType() == dvm_Pascal::PascalLexer::ASSIGN)
    if (auto* list = bracket_list(ctx->expression())) return assign_dyn_constructor(dst, list);
  Val src = expr(ctx->expression());
  if (op->getType() != dvm_Pascal::PascalLexer::ASSIGN)  // x += e: x := x + e, x evaluated once
    src = binary(op->getText().substr(0, 1), dst, src, op);
  store(dst, src, ctx->expression());
}

// a := [e1, e2, ...] for a dynamic array a, as fpc has it: a new array of
// those elements, built in a frame slot (so the elements may read a) and then
// stored.
void Compiler::assign_dyn_constructor(const Val& dst, P::SetFactorContext* list) {
  Type* at = dst.type;
  Type* et = at->elem;
  std::vector<P::ExpressionContext*> items;
  for (auto* el : list->setElement()) {
    if (el->expression().size() > 1) fail(el, "a range cannot be an element of a dynamic array constructor");
    items.push_back(el->expression(0));
  }
  uint32_t off = pb().frame_slot(8, 8);
  pb().add_managed_slot(off, image_type(at));
  uint32_t fb = frame_base_of(fn_->routine->level);
  uint32_t addr = temp(Kind::I);
  pb().emit(Op::ADDK, {addr, fb, off});
  uint32_t n = temp(Kind::I);
  pb().emit(Op::LDI, {n, imm(static_cast<int64_t>(items.size()))});
  emit_callb(static_cast<int>(Builtin::kDYN_SETLEN),
             {reg_val(t_int_, addr), reg_val(t_int_, n), int_const(dyn_elements_arg(at)), dyn_layout_arg(at)}, Kind::V);
  for (size_t k = 0; k < items.size(); k++) {
    size_t mark = temp_mark();
    P::SetFactorContext* inner = et->kind == TK::DynArray ? bracket_list(items[k]) : nullptr;
    Val v = inner ? Val{} : expr(items[k]);
    uint32_t arr = temp(Kind::S), elem = temp(Kind::I);
    pb().emit(Op::LDS, {arr, fb, imm(off)});
    uint32_t data = emit_callb(static_cast<int>(Builtin::kDYN_DATA), {reg_val(at, arr)}, Kind::I);
    pb().emit(Op::ADDK, {elem, data, imm(static_cast<int64_t>(k * et->size))});
    Val slot = load_mem(et, elem, 0);
    slot.lvalue = true;
    if (inner) assign_dyn_constructor(slot, inner);  // [[1, 2], [3]]
    else store(slot, v, items[k]);
    release_temps(mark);
  }
  Val made = load_mem(at, fb, static_cast<int32_t>(off));
  store(dst, made, list);
  pb().emit(Op::STS, {to_reg(string_const("")), fb, imm(off)});  // the slot lets go of it
}

void Compiler::store(const Val& dst, Val src, antlr4::ParserRuleContext* where) {
  if (dst.type->kind == TK::Set) return set_store(dst, src, where);
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
  bool through_value = !callable && (s->k == Symbol::Var || s->k == Symbol::Field);  // f(x), handlers[i], r.done
  if (!callable && !through_value) fail(ctx, "illegal expression: statement expected, found \"" + d->getText() + "\"");
  bool ends_in_call = !d->selector().empty() && dynamic_cast<P::CallSelectorContext*>(d->selector().back());
  Val v = designator(d, false);
  if (!through_value || ends_in_call) return;
  // A procedure variable alone is a call without arguments, as in fpc.
  if (v.type && v.type->kind == TK::Proc) {
    call_routine(v.type->proc, {}, d->getStop(), &v);
    return;
  }
  fail(ctx, "illegal expression: statement expected, found \"" + d->getText() + "\"");
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
  fn_->for_regs.push_back(counter);
  fn_->for_regs.push_back(limit);
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
    fn_->for_regs.resize(fn_->for_regs.size() - 2);
    throw;
  }
  pop_scope();
  fn_->loops.pop_back();
  fn_->for_regs.resize(fn_->for_regs.size() - 2);
  pb().bind(cont);
  pos(ctx);
  pb().emit_jump(up ? Op::FORUP : Op::FORDN, {counter, limit}, top);
  pb().bind(exit);
}

// The type an expression names when it is a type's name alone (`for c in
// TColor`), else null.
Type* Compiler::type_named_by(P::ExpressionContext* e) {
  if (!e->relationalOperator().empty() || e->simpleExpression(0)->term().size() != 1) return nullptr;
  P::TermContext* t = e->simpleExpression(0)->term(0);
  if (t->factor().size() != 1) return nullptr;
  auto* df = dynamic_cast<P::DesignatorFactorContext*>(t->factor(0));
  if (!df || !df->designator()->selector().empty()) return nullptr;
  Symbol* s = lookup(lower(df->designator()->identifier()->getText()));
  return s && s->k == Symbol::TypeName ? s->type : nullptr;
}

// for x in [e1, e2, ...] whose elements are not all ordinal (those make a
// set): an array of them, as fpc makes, of the first element's type, in a
// frame slot.  No type: the collection is something else.
Val Compiler::for_in_array_constructor(P::ExpressionContext* e) {
  P::SetFactorContext* list = bracket_list(e);
  if (!list || list->setElement().empty()) return Val{};
  Type* et = nullptr;
  bool ordinal = true;
  for (auto* el : list->setElement()) {
    if (el->expression().size() != 1) return Val{};
    Type* t = type_of_argument(el->expression(0));
    if (!t) return Val{};
    if (!is_ordinal(t)) ordinal = false;
    if (!et) et = t;
  }
  if (ordinal) return Val{};
  if (is_string(et)) et = t_string_;
  Type* at = new_type(TK::DynArray);
  at->elem = et;
  uint32_t off = pb().frame_slot(8, 8);
  pb().add_managed_slot(off, image_type(at));
  uint32_t fb = frame_base_of(fn_->routine->level);
  Val slot = load_mem(at, fb, static_cast<int32_t>(off));
  slot.lvalue = true;
  assign_dyn_constructor(slot, list);
  return load_mem(at, fb, static_cast<int32_t>(off));
}

// for x in c: the characters of a string, the elements of an array (open ones
// too), the members of a set in order, the values of an ordinal type.  The
// collection is evaluated once; the loop counts with FORUP like `for`, and x
// takes each element before the body, which cannot assign to x.
void Compiler::for_in_stmt(P::ForInStmtContext* ctx) {
  Symbol* s = lookup(lower(ctx->identifier()->getText()));
  if (!s) fail(ctx->identifier(), "identifier not found \"" + ctx->identifier()->getText() + "\"");
  if (s->k != Symbol::Var || s->st.open) fail(ctx->identifier(), "for-loop variable must be a simple variable");
  if (s->readonly) fail(ctx->identifier(), "cannot assign to a const parameter");
  Val var = var_value(s, ctx->identifier()->getStart());
  P::ExpressionContext* e = ctx->expression();
  uint32_t counter = temp(Kind::I), limit = temp(Kind::I);
  Type* elem = nullptr;
  std::function<Val()> element;        // the element the counter designates
  std::function<void(Label)> skip;      // sets: to `cont` when the counter is no member
  if (Type* range = type_named_by(e)) {
    if (!is_ordinal(range) || (ordinal_base(range)->kind == TK::Enum && ordinal_base(range)->enum_assigned))
      fail(e, "For in loop cannot be used for the type \"" + type_name(range) + "\"");
    elem = range;
    to_dest(const_val(t_int_, ord_lo(range)), counter);
    to_dest(const_val(t_int_, ord_hi(range)), limit);
    element = [&] { return reg_val(elem, counter); };
  } else {
    Val c = for_in_array_constructor(e);
    if (!c.type) c = expr(e);
    switch (c.type->kind) {
      case TK::String: {
        uint32_t str = temp(Kind::S);
        to_dest(c, str);
        elem = t_char_;
        to_dest(const_val(t_int_, 1), counter);
        pb().emit(Op::SLEN, {limit, str});
        element = [this, str, counter] {
          uint32_t ch = temp(Kind::I);
          pb().emit(Op::SGET, {ch, str, counter});
          return reg_val(t_char_, ch);
        };
        break;
      }
      case TK::Array: {
        if (c.m != Val::Mem) fail(e, "array value without an address");
        Type* at = c.type;
        elem = at->elem;
        to_dest(const_val(t_int_, at->lo), counter);
        to_dest(const_val(t_int_, at->hi), limit);
        uint32_t base = c.reg;
        int32_t off = c.off;
        element = [this, at, base, off, counter] {
          uint32_t t = temp(Kind::I);
          pb().emit(Op::IDX, {t, base, counter, ub().kint(at->lo), ub().kint(at->hi), at->elem->size});
          return load_mem(at->elem, t, off);
        };
        break;
      }
      case TK::DynArray: {  // the reference is held for the loop: its elements stay
        Type* at = c.type;
        uint32_t ref = temp(Kind::S);
        to_dest(c, ref);
        elem = at->elem;
        to_dest(const_val(t_int_, 0), counter);
        pb().emit(Op::ADDK, {limit, dyn_length(ref), imm(-1)});
        element = [this, at, ref, counter] {
          uint32_t t = temp(Kind::I);
          pb().emit(Op::DIDX, {t, ref, counter, at->elem->size});
          return load_mem(at->elem, t, 0);
        };
        break;
      }
      case TK::OpenArray: {
        Type* at = c.type;
        elem = at->elem;
        uint32_t base = address_of(c), high = c.high_reg;
        to_dest(const_val(t_int_, 0), counter);
        to_dest(reg_val(t_int_, high), limit);
        element = [this, at, base, high, counter] {
          uint32_t t = temp(Kind::I);
          pb().emit(Op::IDXR, {t, base, counter, high, at->elem->size});
          return load_mem(at->elem, t, 0);
        };
        break;
      }
      case TK::Set: {
        // A set holds values of 0..255 only (a constructor of integers has
        // the whole integer type as its element type).
        elem = c.type->elem;
        to_dest(const_val(t_int_, std::max<int64_t>(ord_lo(elem), 0)), counter);
        to_dest(const_val(t_int_, std::min<int64_t>(ord_hi(elem), 255)), limit);
        element = [&] { return reg_val(elem, counter); };
        Val set = c;
        skip = [this, set, &elem, counter, e](Label cont) {
          uint32_t in = to_reg(set_in(reg_val(elem, counter), set, e->getStart()));
          pb().emit_jump(Op::JF, {in}, cont);
        };
        break;
      }
      default:
        fail(e, "cannot use a for-in loop over \"" + type_name(c.type) + "\"");
    }
  }
  if (!assignable(s->type, elem) || is_aggregate(s->type) != is_aggregate(elem))
    fail(ctx->identifier(), "incompatible types: got \"" + type_name(elem) + "\" expected \"" + type_name(s->type) + "\"");
  if (is_aggregate(elem) && !same_type(s->type, elem))
    fail(ctx->identifier(), "incompatible types: got \"" + type_name(elem) + "\" expected \"" + type_name(s->type) + "\"");
  Label top = pb().new_label(), cont = pb().new_label(), exit = pb().new_label();
  pb().emit_jump(Op::JLT, {limit, counter}, exit);
  pb().bind(top);
  if (skip) skip(cont);
  pos(ctx->identifier());
  store(var, element(), ctx->identifier());
  fn_->loops.push_back({exit, cont, false});
  fn_->for_regs.push_back(counter);
  fn_->for_regs.push_back(limit);
  push_scope();
  Symbol alias = *s;  // the variable itself, read-only in the body
  alias.readonly = true;
  alias.loop_var = true;
  symbols_.push_back(alias);
  scopes_.back()[lower(ctx->identifier()->getText())] = &symbols_.back();
  try {
    statement(ctx->statement());
  } catch (...) {
    pop_scope();
    fn_->loops.pop_back();
    fn_->for_regs.resize(fn_->for_regs.size() - 2);
    throw;
  }
  pop_scope();
  fn_->loops.pop_back();
  fn_->for_regs.resize(fn_->for_regs.size() - 2);
  pb().bind(cont);
  pos(ctx);
  pb().emit_jump(Op::FORUP, {counter, limit}, top);
  pb().bind(exit);
}

// case: a chain of compare-and-branch per label, bodies after the chain.
void Compiler::case_stmt(P::CaseStmtContext* ctx) {
  Val sel = expr(ctx->expression());
  bool strings = is_string(sel.type);
  if (!is_ordinal(sel.type) && !strings) fail(ctx->expression(), "ordinal expression expected in case");
  if (strings) sel = reg_val(t_string_, to_reg(convert(sel, t_string_, ctx->expression())));
  uint32_t x = strings ? 0 : to_reg(sel);
  Label end = pb().new_label();
  std::vector<Label> bodies;
  std::vector<std::pair<int64_t, int64_t>> seen;
  std::vector<std::pair<std::string, std::string>> seen_strings;
  for (auto* item : ctx->caseItem()) {
    Label body = pb().new_label();
    bodies.push_back(body);
    for (auto* lab : item->caseLabel()) {
      if (strings) {
        string_case_label(sel, lab, body, &seen_strings);
        continue;
      }
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

// fpc's case on strings: the labels are string (or char) constants and
// ranges of them, compared in order as `=`, `>=` and `<=` compare strings.
void Compiler::string_case_label(const Val& sel, P::CaseLabelContext* lab, Label body,
                                 std::vector<std::pair<std::string, std::string>>* seen) {
  auto text_of = [&](P::ExpressionContext* e) {
    ConstVal c = const_expr(e);
    if (is_char(c.type)) return std::string(1, static_cast<char>(c.i));
    if (!is_string(c.type)) fail(lab, "case label does not match the type of the selector");
    return c.s;
  };
  std::string lo = text_of(lab->expression(0));
  std::string hi = lab->expression().size() > 1 ? text_of(lab->expression(1)) : lo;
  for (const auto& [a, b] : *seen)
    if (lo <= b && hi >= a) fail(lab, "duplicate case label");
  seen->push_back({lo, hi});
  if (lo == hi) {
    pb().emit_jump(Op::JT, {to_reg(compare("=", sel, string_const(lo), lab->getStart()))}, body);
    return;
  }
  Label next = pb().new_label();
  pb().emit_jump(Op::JF, {to_reg(compare(">=", sel, string_const(lo), lab->getStart()))}, next);
  pb().emit_jump(Op::JT, {to_reg(compare("<=", sel, string_const(hi), lab->getStart()))}, body);
  pb().bind(next);
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

// ---- labels and goto ------------------------------------------------------------

namespace {
// Labels are digit sequences (ISO) or identifiers (fpc); like fpc, 010 and
// 10 are different labels.
std::string label_key(P::LabelNameContext* l) { return Compiler::lower(l->getText()); }
}  // namespace

void Compiler::label_section(P::LabelSectionContext* ctx) {
  for (P::LabelNameContext* l : ctx->labelName()) {
    std::string key = label_key(l);
    antlr4::Token* tok = l->getStart();
    if (declaring_->labels.count(key)) {
      try {
        fail(tok, "duplicate identifier '" + l->getText() + "'");
      } catch (const CompileError& e) {
        report(e);
      }
      continue;
    }
    declaring_->labels[key] = {l->getText(), static_cast<uint32_t>(tok->getLine()),
                               static_cast<uint32_t>(tok->getCharPositionInLine()) + 1};
  }
}

// Every labelled statement of the body gets its jump target before the first
// statement is compiled, so that a goto may jump forward.
void Compiler::find_labels(P::StatementListContext* body) {
  std::vector<antlr4::tree::ParseTree*> stack{body};
  while (!stack.empty()) {
    antlr4::tree::ParseTree* t = stack.back();
    stack.pop_back();
    for (auto it = t->children.rbegin(); it != t->children.rend(); ++it) stack.push_back(*it);
    auto* l = dynamic_cast<P::LabeledStmtContext*>(t);
    if (!l) continue;
    std::string key = label_key(l->labelName());
    try {
      if (!fn_->routine->labels.count(key))
        fail(l->labelName(), "label '" + l->labelName()->getText() + "' is not declared (a 'label' section of this routine declares it)");
      if (fn_->labels.count(key)) fail(l->labelName(), "label '" + l->labelName()->getText() + "' already defined");
    } catch (const CompileError& e) {
      report(e);
      continue;
    }
    fn_->labels[key] = {pb().new_label(), l};
  }
}

// goto L: a jump within the routine.  Backwards it is LOOP (a safe point,
// as every cycle must pass one).  ISO 7185 (6.8.1) lets a goto reach only a
// statement of its own statement sequence or of one around it: entering a
// loop, a `with` or a branch from outside would skip what sets them up.
void Compiler::goto_stmt(P::GotoStmtContext* ctx) {
  P::LabelNameContext* name = ctx->labelName();
  std::string key = label_key(name);
  auto it = fn_->labels.find(key);
  if (it == fn_->labels.end()) {
    if (fn_->routine->labels.count(key)) {
      fn_->undefined_gotos.emplace_back(name->getText(), ctx);
      return;
    }
    for (Routine* outer = fn_->routine->parent; outer; outer = outer->parent)
      if (outer->labels.count(key))
        fail(name, "goto statements are not allowed between different procedures ('" + name->getText() +
                       "' is a label of " + (outer->level == 0 ? std::string("the main program") : "'" + outer->spelling + "'") + ")");
    fail(name, "unknown label '" + name->getText() + "'");
  }
  FnCtx::GotoLabel& target = it->second;
  antlr4::tree::ParseTree* home = target.def->parent;
  while (dynamic_cast<P::LabeledStmtContext*>(home) || dynamic_cast<P::DirectiveStmtContext*>(home)) home = home->parent;
  antlr4::tree::ParseTree* up = ctx;
  while (up && up != home) up = up->parent;
  if (!up)
    fail(name, "goto into a structured statement: the statement labelled '" + name->getText() + "' (line " +
                   std::to_string(target.def->getStart()->getLine()) +
                   ") is inside a statement that does not contain this goto");
  target.used = true;
  pb().emit_jump(target.bound ? Op::LOOP : Op::JMP, {}, target.label);
}

void Compiler::labeled_stmt(P::LabeledStmtContext* ctx) {
  auto it = fn_->labels.find(label_key(ctx->labelName()));
  if (it != fn_->labels.end() && it->second.def == ctx) {
    pb().bind(it->second.label);
    it->second.bound = true;
  }
  statement(ctx->statement());
}

// At the routine's end, as fpc: a goto to a label that no statement defines
// is an error; a declared label that is never defined, a warning.
void Compiler::check_labels(antlr4::Token* end) {
  for (const auto& [label, g] : fn_->undefined_gotos) {
    try {
      fail(end, "label '" + label + "' is used (goto on line " + std::to_string(g->getStart()->getLine()) +
                    ") but never defined");
    } catch (const CompileError& e) {
      report(e);
    }
  }
  for (const auto& [key, decl] : fn_->routine->labels)
    if (!fn_->labels.count(key)) {
      bool used = false;
      for (const auto& u : fn_->undefined_gotos) used = used || label_key(u.second->labelName()) == key;
      if (!used) diags_->warning(decl.line, decl.col, "label '" + decl.spelling + "' declared but never defined");
    }
}

}  // namespace dvm::pascal
