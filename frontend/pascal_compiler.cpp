// The Pascal compiler's driver: program structure, scopes, registers,
// declarations and routines.
#include "frontend/pascal_compiler.h"

#include <cctype>
#include <algorithm>
#include <cstring>
#include <tuple>

#include "frontend/pascal.h"
#include "frontend/pascal_parse.h"

namespace dvm::pascal {

std::string Compiler::lower(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// ---- errors -------------------------------------------------------------------

void Compiler::fail(antlr4::ParserRuleContext* ctx, const std::string& msg) {
  antlr4::Token* start = ctx->getStart();
  antlr4::Token* stop = ctx->getStop();
  uint32_t len = 1;
  if (stop && stop->getLine() == start->getLine() && stop->getStopIndex() >= start->getStartIndex())
    len = static_cast<uint32_t>(stop->getStopIndex() - start->getStartIndex() + 1);
  throw CompileError{static_cast<uint32_t>(start->getLine()),
                     static_cast<uint32_t>(start->getCharPositionInLine()) + 1, len, msg};
}

void Compiler::fail(antlr4::Token* tok, const std::string& msg) {
  throw CompileError{static_cast<uint32_t>(tok->getLine()),
                     static_cast<uint32_t>(tok->getCharPositionInLine()) + 1,
                     static_cast<uint32_t>(tok->getText().size()), msg};
}

void Compiler::warn(antlr4::Token* tok, const std::string& msg) {
  if (!tok) return;
  diags_->warning(static_cast<uint32_t>(tok->getLine()),
                  static_cast<uint32_t>(tok->getCharPositionInLine()) + 1, msg,
                  static_cast<uint32_t>(tok->getText().size()));
}

void Compiler::report(const CompileError& e) {
  if (!e.silent) diags_->error(e.line, e.col, e.msg, e.len);
}

void Compiler::declare_failed(const std::vector<P::IdentifierContext*>& ids) {
  for (auto* id : ids) {
    std::string name = lower(id->getText());
    if (scopes_.back().count(name)) continue;
    Symbol s(Symbol::Var);
    s.type = t_error_;
    s.spelling = id->getText();
    symbols_.push_back(s);
    scopes_.back()[name] = &symbols_.back();
  }
}

void Compiler::pos(antlr4::ParserRuleContext* ctx) { pos(ctx->getStart()); }

void Compiler::pos(antlr4::Token* tok) {
  if (fn_) pb().set_pos(static_cast<uint32_t>(tok->getLine()), static_cast<uint32_t>(tok->getCharPositionInLine()) + 1);
}

// ---- scopes -------------------------------------------------------------------

void Compiler::pop_scope() {
  note_unused_in(scopes_.back());
  scopes_.pop();
}

// fpc's note for a variable declared and never used, in declaration order.
void Compiler::note_unused_in(const std::unordered_map<std::string, Symbol*>& scope) {
  std::vector<Symbol*> unused;
  for (const auto& [name, sym] : scope)
    if (sym->note_unused && !sym->used) unused.push_back(sym);
  std::sort(unused.begin(), unused.end(), [](Symbol* a, Symbol* b) { return std::tie(a->line, a->col) < std::tie(b->line, b->col); });
  for (Symbol* sym : unused) {
    // fpc says "local variable" also of a program's globals.
    diags_->note(sym->line, sym->col,
                 "local variable \"" + sym->spelling + "\"" + (sym->assigned ? " is assigned but never used" : " not used"),
                 static_cast<uint32_t>(sym->spelling.size()));
    sym->note_unused = false;
  }
}

// fpc's warning for a function whose body never sets its result: no
// assignment to its name or Result, no exit(value), and neither passed on.
void Compiler::check_result_set(Routine* r, P::BlockContext* block) {
  std::string name = lower(r->spelling);
  std::vector<antlr4::tree::ParseTree*> stack{block};
  while (!stack.empty()) {
    antlr4::tree::ParseTree* t = stack.back();
    stack.pop_back();
    for (auto* c : t->children) stack.push_back(c);
    P::DesignatorContext* d = nullptr;
    if (auto* a = dynamic_cast<P::AssignStmtContext*>(t)) d = a->designator();
    else if (auto* arg = dynamic_cast<P::ArgumentContext*>(t)) {
      std::string text = lower(arg->getText());
      if (text == name || text == "result" || text.rfind("result.", 0) == 0 || text.rfind("result[", 0) == 0) return;
      auto* call = dynamic_cast<P::DesignatorContext*>(arg->parent ? arg->parent->parent : nullptr);
      if (call && lower(call->identifier()->getText()) == "exit") return;
    }
    if (!d) continue;
    std::string target = lower(d->identifier()->getText());
    if (target == name || target == "result") return;
  }
  diags_->warning(r->line, r->col, "function result does not seem to be set", static_cast<uint32_t>(r->spelling.size()));
}

Symbol* Compiler::lookup(const std::string& name) { return scopes_.lookup(name); }

Symbol* Compiler::declare(const std::string& name, Symbol s, antlr4::Token* tok) {
  auto& scope = scopes_.back();
  auto it = scope.find(name);
  if (it != scope.end()) {
    // A forward-declared routine may be completed in the same scope.
    if (!(it->second->k == Symbol::RoutineName && s.k == Symbol::RoutineName))
      fail(tok, "duplicate identifier '" + tok->getText() + "'");
  }
  // The program's name is an identifier of its scope too (fpc lets a routine
  // take it, not a constant, type or variable).
  if (scopes_.size() == program_scope_ && name == program_name_ && s.k != Symbol::RoutineName)
    fail(tok, "duplicate identifier '" + tok->getText() + "'");
  symbols_.push_back(std::move(s));
  scope[name] = &symbols_.back();
  return &symbols_.back();
}

// ---- registers ----------------------------------------------------------------
// Temporaries live until the end of the statement that made them; kinds are
// fixed per register, so each kind has its own free list.

uint32_t Compiler::temp(Kind k) {
  if (!fn_) throw std::logic_error("temporary outside a routine");
  return fn_->temps.temp(pb(), k);
}

uint32_t Compiler::block(const std::vector<Kind>& kinds) {
  if (!fn_) throw std::logic_error("call outside a routine");
  return fn_->temps.block(pb(), kinds);
}

size_t Compiler::temp_mark() const { return fn_ ? fn_->temps.mark() : 0; }

void Compiler::release_temps(size_t mark) {
  if (!fn_) return;
  fn_->loads.clear();  // their registers may be reused from here on
  fn_->temps.release(pb(), mark);
}

// ---- program --------------------------------------------------------------------

bool Compiler::compile(P::Program_Context* tree, Image* out) {
  img_.language = "pascal";
  img_.source_path = src_.path;
  push_scope();
  declare_builtins();
  declare_remote_builtins();
  if (auto* uses = tree->usesClause()) {
    for (auto* unit : uses->identifierList()->identifier())
      if (lower(unit->getText()) == "sysutils") declare_sysutils();
      else if (lower(unit->getText()) == "math") declare_math();
  }
  push_scope();  // the program's own scope: its globals and routines
  program_name_ = lower(tree->identifier()->getText());
  program_scope_ = scopes_.size();
  if (auto* uses = tree->usesClause()) {
    for (auto* unit : uses->identifierList()->identifier())
      if (lower(unit->getText()) != "sysutils" && lower(unit->getText()) != "math") {
        antlr4::Token* tok = unit->getStart();
        diags_->error(static_cast<uint32_t>(tok->getLine()), static_cast<uint32_t>(tok->getCharPositionInLine()) + 1,
                      "unsupported: unit " + unit->getText() + " (dvm provides sysutils and math)",
                      static_cast<uint32_t>(tok->getText().size()));
      }
  }
  try {
    check_routine_nesting(tree->block());
    compile_main(tree->block());
  } catch (const CompileError& e) {
    report(e);
  }
  if (diags_->error_count() == 0) finish_remote(tree);
  note_unused_in(scopes_.back());
  if (diags_->error_count() > 0) return false;
  for (Unit& u : img_.units) u.hash = hash_unit(img_, u);
  *out = std::move(img_);
  return true;
}

// The main block is the procedure `main`; its variables are the image's globals.
void Compiler::compile_main(P::BlockContext* block) {
  routines_.emplace_back();
  Routine* r = &routines_.back();
  r->name = r->spelling = "main";
  r->level = 0;
  r->top = r;
  declaring_ = r;
  declarations(block->declaration(), true);
  resolve_pending_pointers();

  UnitBuilder unit("main");
  unit_ = &unit;
  FnCtx ctx;
  ctx.routine = r;
  ctx.pb = std::make_unique<ProcBuilder>(&unit, "main");
  fn_ = &ctx;
  unit.reserve_proc();
  ctx.exit_label = pb().new_label();
  pos(block->compoundStatement()->getStart());
  find_labels(block->compoundStatement()->statementList());
  statement_list(block->compoundStatement()->statementList());
  check_labels(block->compoundStatement()->getStop());
  pb().bind(ctx.exit_label);
  pos(block->compoundStatement()->getStop());
  pb().emit(Op::RET, {});
  // After an error the code may be incomplete (a jump chain left unbound by
  // the statement that failed): finish it only when it is whole, as routines do.
  if (diags_->error_count() == 0) {
    Proc main_proc = pb().finish();
    main_proc.update_point_loops = ctx.update_point_loops;
    unit.set_proc(0, std::move(main_proc));
    img_.units.push_back(unit.finish());
  }
  fn_ = nullptr;
  unit_ = nullptr;
}

void Compiler::declarations(const std::vector<P::DeclarationContext*>& decls, bool global) {
  const size_t first_symbol = symbols_.size();
  for (P::DeclarationContext* d : decls) {
    try {
      if (auto* c = d->constSection()) const_section(c, global);
      else if (auto* t = d->typeSection()) type_section(t);
      else if (auto* v = d->varSection()) var_section(v, global);
      else if (auto* r = d->routineDeclaration()) routine_declaration(r);
      else if (auto* dir = d->dvmDirective()) directive(dir, false, "");
      else if (auto* l = d->labelSection()) label_section(l);
    } catch (const CompileError& e) {
      report(e);
    }
  }
  // (Only the symbols declared since this section began can be its forward
  // routines: a scan of those keeps compile time linear in the routines.)
  for (size_t i = first_symbol; i < symbols_.size(); i++) {
    Symbol& s = symbols_[i];
    if (s.k == Symbol::RoutineName && s.routine->forward && !s.routine->defined &&
        &s == lookup(lower(s.routine->spelling)) && s.routine->parent == (fn_ ? fn_->routine : nullptr)) {
      diags_->error(s.routine->line, s.routine->col,
                    "forward declaration of '" + s.routine->spelling + "' is never completed");
      s.routine->defined = true;  // report once
    }
  }
}

void Compiler::const_section(P::ConstSectionContext* ctx, bool global) {
  for (auto* def : ctx->constDefinition()) {
    std::string name = lower(def->identifier()->getText());
    if (def->typeSpec()) {
      // A typed constant is an initialized variable that keeps its value.
      Type* t = type_of(def->typeSpec());
      std::string gname = global ? def->identifier()->getText() : fn_->routine->name + "." + def->identifier()->getText();
      Global g;
      g.name = gname;
      g.type = image_type(t);
      global_initializer(t, def->typedConstant(), &g);
      img_.globals.push_back(std::move(g));
      Symbol s{Symbol::Var};
      s.type = t;
      s.spelling = def->identifier()->getText();
      s.st.k = Storage::Global;
      s.st.global = gname;
      declare(name, s, def->identifier()->getStart());
      continue;
    }
    if (!def->typedConstant()->expression())
      fail(def->typedConstant(), "a structured constant needs a type ('const name: type = (...)')");
    Symbol s{Symbol::Const};
    s.cval = const_expr(def->typedConstant()->expression());
    s.type = s.cval.type;
    s.spelling = def->identifier()->getText();
    declare(name, s, def->identifier()->getStart());
  }
}

// The first token after a rule's text (its own last one at the end of the input).
static antlr4::Token* token_after(antlr4::ParserRuleContext* ctx) {
  for (antlr4::tree::ParseTree* node = ctx; node->parent; node = node->parent) {
    const auto& siblings = node->parent->children;
    auto at = std::find(siblings.begin(), siblings.end(), node);
    if (at == siblings.end() || at + 1 == siblings.end()) continue;
    antlr4::tree::ParseTree* next = *(at + 1);
    if (auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(next)) return rule->getStart();
    if (auto* leaf = dynamic_cast<antlr4::tree::TerminalNode*>(next)) return leaf->getSymbol();
  }
  return ctx->getStop();
}

void Compiler::type_section(P::TypeSectionContext* ctx) {
  for (auto* def : ctx->typeDefinition()) {
    try {
      Type* t = type_of(def->typeSpec());
      // `type myint = integer` names the same type; structured types take the name.
      if (t->name.empty()) t->name = def->identifier()->getText();
      Symbol s{Symbol::TypeName};
      s.type = t;
      s.spelling = def->identifier()->getText();
      declare(lower(def->identifier()->getText()), s, def->identifier()->getStart());
      note(def, reg_val(t, 0), "type");
    } catch (const CompileError& e) {
      report(e);
      std::string name = lower(def->identifier()->getText());
      if (!scopes_.back().count(name)) {
        Symbol s(Symbol::TypeName);
        s.type = t_error_;
        s.spelling = def->identifier()->getText();
        symbols_.push_back(s);
        scopes_.back()[name] = &symbols_.back();
      }
    }
  }
  resolve_pending_pointers();
  for (Type& t : types_)
    if (t.kind == TK::Pointer && !t.pending_target.empty() && lookup(lower(t.pending_target)) == nullptr) {
      antlr4::Token* tok = token_after(ctx);  // where fpc finds the section over
      diags_->error(static_cast<uint32_t>(tok->getLine()), static_cast<uint32_t>(tok->getCharPositionInLine()) + 1,
                    "unknown type '" + t.pending_target + "'");
      t.pending_target.clear();
      t.elem = t_error_;
    }
}

void Compiler::var_section(P::VarSectionContext* ctx, bool global) {
  for (auto* decl : ctx->varDeclaration()) {
    try {
      Type* t = type_of(decl->typeSpec());
      auto ids = decl->identifierList()->identifier();
      P::TypedConstantContext* init = decl->typedConstant();
      if (init && ids.size() != 1) fail(decl, "only one variable can be initialized");
      for (auto* id : ids) {
        if (global) {
          Global g;
          g.name = id->getText();
          g.type = image_type(t);
          if (init) global_initializer(t, init, &g);
          if (global_named(g.name)) fail(id, "duplicate identifier '" + id->getText() + "'");
          Symbol s{Symbol::Var};
          s.type = t;
          s.spelling = id->getText();
          s.st.k = Storage::Global;
          s.st.global = g.name;
          s.note_unused = true;
          s.line = static_cast<uint32_t>(id->getStart()->getLine());
          s.col = static_cast<uint32_t>(id->getStart()->getCharPositionInLine()) + 1;
          declare(lower(id->getText()), s, id->getStart());
          img_.globals.push_back(std::move(g));
        } else {
          declare_local(id->getText(), id->getStart(), t);
          if (init) local_initializer(lookup(lower(id->getText())), init);
        }
        Symbol* declared = lookup(lower(id->getText()));
        if (declared) note(id, reg_val(t, 0), describe_symbol(declared));
      }
    } catch (const CompileError& e) {
      report(e);
      declare_failed(decl->identifierList()->identifier());
    }
  }
}

// Whether the image has a global of this name (any case).  (The names are
// collected as globals are added: a look-up per variable, not a scan.)
bool Compiler::global_named(const std::string& name) {
  for (; global_names_seen_ < img_.globals.size(); global_names_seen_++)
    global_names_.insert(lower(img_.globals[global_names_seen_].name));
  return global_names_.count(lower(name)) != 0;
}

// A local variable's initial value is set on every entry to its routine, as
// fpc does: a scalar by a store, a structured value by a copy from a
// constant image of it (a global named routine.variable).
void Compiler::local_initializer(Symbol* var, P::TypedConstantContext* init) {
  Type* t = var->type;
  if (!is_aggregate(t)) {
    if (!init->expression()) {
      auto* arr = dynamic_cast<P::ArrayConstantContext*>(init->structuredConstant());
      if (!arr || arr->typedConstant().size() != 1 || !arr->typedConstant(0)->expression())
        fail(init, "a structured constant cannot initialize a value of type '" + type_name(t) + "'");
      init = arr->typedConstant(0);
    }
    ConstVal c = const_expr(init->expression());
    pos(init);
    store(var_value(var, init->getStart()), const_value(c), init);
    return;
  }
  Global g;
  g.name = fn_->routine->name + "." + var->spelling;
  g.type = image_type(t);
  global_initializer(t, init, &g);
  for (const Global& other : img_.globals)
    if (lower(other.name) == lower(g.name)) fail(init, "duplicate identifier '" + var->spelling + "'");
  std::string gname = g.name;
  img_.globals.push_back(std::move(g));
  pos(init);
  Val dst = var_value(var, init->getStart());
  pb().emit(Op::COPY, {address_of(dst), global_address(gname), image_type(t)});
}

// A constant as a value of its type.
Val Compiler::const_value(const ConstVal& c) {
  Val v;
  v.type = c.type;
  v.c = c;
  return v;
}

// A local lives in a register unless a nested routine uses it, it is passed
// by reference, or it is a record or array (those always have an address).
void Compiler::declare_local(const std::string& spelling, antlr4::Token* tok, Type* t) {
  std::string name = lower(spelling);
  Symbol s{Symbol::Var};
  s.type = t;
  s.spelling = spelling;
  s.note_unused = true;
  s.line = static_cast<uint32_t>(tok->getLine());
  s.col = static_cast<uint32_t>(tok->getCharPositionInLine()) + 1;
  bool in_frame = is_aggregate(t) || fn_->captured.count(name) > 0;
  if (in_frame) {
    s.st.k = Storage::Frame;
    s.st.level = fn_->routine->level;
    s.st.off = pb().frame_slot(t->size, t->align);
    if (is_managed(t)) pb().add_managed_slot(s.st.off, image_type(t));
    pb().add_local({spelling, image_type(t), true, s.st.off});
  } else {
    s.st.k = Storage::Reg;
    s.st.reg = pb().reg(reg_kind(t));
    pb().add_local({spelling, image_type(t), false, s.st.reg});
  }
  declare(name, s, tok);
}

// Writes a typed constant's or a global's initial value into its image
// record: an expression for a scalar (or a set), a parenthesized list for an
// array (nested for each dimension), fields by name for a record.
void Compiler::global_initializer(Type* t, P::TypedConstantContext* init, Global* g) {
  g->init.assign(t->size, 0);
  constant_into(t, 0, init, g);
}

void Compiler::constant_into(Type* t, uint32_t off, P::TypedConstantContext* init, Global* g) {
  if (auto* e = init->expression()) {
    if (t->kind == TK::Array || t->kind == TK::Record)
      fail(init, "a value of type '" + type_name(t) + "' needs a parenthesized constant");
    return scalar_into(t, off, const_expr(e), e, g);
  }
  if (auto* arr = dynamic_cast<P::ArrayConstantContext*>(init->structuredConstant())) {
    auto items = arr->typedConstant();
    if (t->kind != TK::Array) {
      if (items.size() == 1) return constant_into(t, off, items[0], g);  // a parenthesized value
      fail(arr, "array constant for a value of type '" + type_name(t) + "'");
    }
    if (static_cast<int64_t>(items.size()) != t->hi - t->lo + 1)
      fail(arr, "expected " + std::to_string(t->hi - t->lo + 1) + " values, got " + std::to_string(items.size()));
    for (size_t i = 0; i < items.size(); i++) constant_into(t->elem, off + static_cast<uint32_t>(i * t->elem->size), items[i], g);
    return;
  }
  auto* rec = dynamic_cast<P::RecordConstantContext*>(init->structuredConstant());
  if (t->kind != TK::Record) fail(rec, "record constant for a value of type '" + type_name(t) + "'");
  for (auto* f : rec->recordConstantField()) {
    std::string name = lower(f->identifier()->getText());
    const FieldT* field = nullptr;
    for (const FieldT& x : t->fields)
      if (x.name == name) field = &x;
    if (!field) fail(f->identifier(), "unknown record field '" + f->identifier()->getText() + "'");
    constant_into(field->type, off + field->offset, f->typedConstant(), g);
  }
}

void Compiler::scalar_into(Type* et, uint32_t off, const ConstVal& v, antlr4::ParserRuleContext* where, Global* g) {
  if (!assignable(et, v.type)) fail(where, "incompatible types: got '" + type_name(v.type) + "' expected '" + type_name(et) + "'");
  if (et->kind == TK::String) {
    std::string s = v.s;
    if (is_char(v.type)) s = std::string(1, static_cast<char>(v.i));
    if (et->max_len && s.size() > et->max_len) s.resize(et->max_len);
    if (!s.empty()) g->init_strings.push_back({off, s});
  } else if (et->kind == TK::Real) {
    double d = is_real(v.type) ? v.r : is_qword(v.type) ? static_cast<double>(static_cast<uint64_t>(v.i)) : static_cast<double>(v.i);
    std::memcpy(&g->init[off], &d, 8);
  } else if (et->kind == TK::Set) {
    std::memcpy(&g->init[off], v.s.data(), std::min<size_t>(et->size, v.s.size()));
  } else if (is_ordinal(et) || et->kind == TK::Pointer) {
    if (et->kind == TK::Subrange && (v.i < et->lo || v.i > et->hi)) range_warning(where, v.i, et->lo, et->hi);  // kept, as fpc
    int64_t i = is_integer(et) ? wrap_int(v.i, et) : v.i;
    std::memcpy(&g->init[off], &i, et->size);
  } else {
    fail(where, "cannot initialize a value of type '" + type_name(et) + "'");
  }
}

// ---- routines -------------------------------------------------------------------

// The registers of a call's argument block: the static link of a nested
// routine, the result's address when it is returned by reference, then the
// parameters (an open array as its address and its high bound).
void Compiler::set_arg_kinds(Routine* r) {
  r->arg_kinds.clear();
  if (r->level >= 2) r->arg_kinds.push_back(Kind::I);  // static link
  r->result_by_ref = r->result && is_aggregate(r->result);
  if (r->result_by_ref) r->arg_kinds.push_back(Kind::I);  // where the result goes
  for (const Param& p : r->params) {
    if (p.type->kind == TK::OpenArray) {
      r->arg_kinds.push_back(Kind::I);
      r->arg_kinds.push_back(Kind::I);
    } else if (p.mode == Mode::Var || is_aggregate(p.type)) {
      r->arg_kinds.push_back(Kind::I);
    } else {
      r->arg_kinds.push_back(reg_kind(p.type));
    }
  }
}

// A heading's parameters, with their defaults.
std::vector<Param> Compiler::formal_parameters(P::FormalParametersContext* fp) {
  std::vector<Param> params;
  if (fp) {
    for (auto* group : fp->parameterGroup()) {
      Mode mode = group->VAR() ? Mode::Var : group->CONST() ? Mode::Const : Mode::Value;
      Type* t;
      if (auto* open = dynamic_cast<P::OpenArrayParamContext*>(group->parameterType())) {
        t = new_type(TK::OpenArray);
        t->elem = type_of(open->typeSpec());
      } else {
        t = type_of(dynamic_cast<P::PlainParamContext*>(group->parameterType())->typeSpec());
      }
      for (auto* pid : group->identifierList()->identifier()) {
        Param p{lower(pid->getText()), t, mode, false, ConstVal{}};
        note(pid, reg_val(t, 0), mode == Mode::Var ? "var parameter" : mode == Mode::Const ? "const parameter" : "value parameter");
        if (auto* def = group->expression()) {
          // A default value: the call may leave this parameter (and those after it) out.
          if (mode == Mode::Var || is_aggregate(t) || t->kind == TK::OpenArray)
            fail(def, "a default value needs a value or const parameter of a simple type");
          p.has_default = true;
          p.default_value = const_expr(def);
          if (!assignable(t, p.default_value.type))
            fail(def, "incompatible types: got \"" + type_name(p.default_value.type) + "\" expected \"" + type_name(t) + "\"");
        } else if (!params.empty() && params.back().has_default) {
          fail(pid, "default value required for '" + pid->getText() + "'");
        }
        params.push_back(p);
      }
    }
  }
  return params;
}

Routine* Compiler::declare_routine_heading(P::RoutineDeclarationContext* ctx) {
  P::IdentifierContext* id;
  P::FormalParametersContext* fp;
  P::TypeSpecContext* result = nullptr;
  if (auto* p = ctx->procedureHeading()) {
    id = p->identifier();
    fp = p->formalParameters();
  } else {
    auto* f = ctx->functionHeading();
    id = f->identifier();
    fp = f->formalParameters();
    result = f->typeSpec();
  }
  std::vector<Param> params = formal_parameters(fp);
  Type* rt = result ? type_of(result) : nullptr;

  std::string name = lower(id->getText());
  Symbol* existing = scopes_.back().count(name) ? scopes_.back()[name] : nullptr;
  std::shared_ptr<std::vector<Routine*>> overloads;
  if (existing && existing->k == Symbol::RoutineName) {
    overloads = existing->routine->overloads;
    // The body of a forward declaration (its heading may leave out the parameters).
    for (Routine* r : *overloads)
      if (r->forward && !r->defined && (same_parameters(r, params, rt) || (!fp && !result && overloads->size() == 1)))
        return r;
    for (Routine* r : *overloads)
      if (same_parameters(r, params, rt)) fail(id, "duplicate identifier '" + id->getText() + "'");
    if (overloads->size() == 1 && overloads->front()->forward && !overloads->front()->defined && !fp && !result)
      fail(id, "declaration of '" + id->getText() + "' does not match its forward declaration");
  }
  routines_.emplace_back();
  Routine* r = &routines_.back();
  Routine* parent = fn_ ? fn_->routine : nullptr;
  r->spelling = id->getText();
  r->parent = parent && parent->level >= 1 ? parent : nullptr;
  r->level = r->parent ? r->parent->level + 1 : 1;
  // An overload after the first is named with its parameter types in plans,
  // traces and listings: `Twice(Real)`.
  std::string own = r->spelling;
  if (overloads) {
    own += "(";
    for (size_t i = 0; i < params.size(); i++) own += (i ? "," : "") + type_name(params[i].type);
    own += ")";
  }
  r->name = r->parent ? r->parent->name + "." + own : own;
  r->top = r->parent ? r->parent->top : r;
  r->params = std::move(params);
  r->overloads = overloads ? overloads : std::make_shared<std::vector<Routine*>>();
  r->overloads->push_back(r);
  r->result = rt;
  r->line = static_cast<uint32_t>(id->getStart()->getLine());
  r->col = static_cast<uint32_t>(id->getStart()->getCharPositionInLine()) + 1;
  set_arg_kinds(r);
  if (r->level >= 2) r->sub_index = unit_->reserve_proc();
  if (r->level == 1) {
    // (The units' names are collected as units are added: a look-up per
    // routine, not a scan, keeps compile time linear in the routines.)
    for (; unit_names_seen_ < img_.units.size(); unit_names_seen_++)
      unit_names_.insert(lower(img_.units[unit_names_seen_].name));
    if (unit_names_.count(lower(r->name))) fail(id, "duplicate identifier '" + id->getText() + "'");
  }
  if (overloads) return r;  // the name is declared already
  Symbol s{Symbol::RoutineName};
  s.routine = r;
  s.spelling = r->spelling;
  s.type = rt;
  declare(name, s, id->getStart());
  return r;
}

bool Compiler::same_parameters(const Routine* r, const std::vector<Param>& params, Type* result) {
  if (r->params.size() != params.size() || (r->result == nullptr) != (result == nullptr)) return false;
  if (result && !same_type(r->result, result)) return false;
  for (size_t i = 0; i < params.size(); i++)
    if (params[i].mode != r->params[i].mode || !identical_type(params[i].type, r->params[i].type)) return false;
  return true;
}

void Compiler::routine_declaration(P::RoutineDeclarationContext* ctx) {
  struct NoteHeading {
    Compiler& c;
    P::RoutineDeclarationContext* ctx;
    Routine* r = nullptr;
    ~NoteHeading() {
      if (r) c.note(ctx, reg_val(r->result, 0), r->result ? "function " + r->name : "procedure " + r->name);
    }
  } heading{*this, ctx};
  for (auto* m : ctx->routineModifier()) {
    std::string word = lower(m->getText());
    // overload: fpc overloads by parameters anyway; inline: a hint dvm does not need.
    if (word != "overload" && word != "inline")
      fail(m, "unsupported: the routine modifier '" + m->getText() + "'");
  }
  Routine* r = declare_routine_heading(ctx);
  heading.r = r;
  for (auto* d : ctx->dvmDirective()) directive(d, false, r->name);
  if (ctx->routineBody()->EXTERNAL()) return compile_import(r, ctx);
  if (ctx->routineBody()->FORWARD()) {
    r->forward = true;
    return;
  }
  if (r->defined) fail(ctx, "redefinition of '" + r->spelling + "'");
  r->defined = true;
  compile_routine_body(r, ctx->routineBody()->block());
}

// fpc's limit on nested routines, where fpc reports it: the block of a
// routine 32 levels deep.  Checked before anything is compiled, since each
// level's compile walks every routine nested in it.
void Compiler::check_routine_nesting(P::BlockContext* program_block) {
  std::vector<std::pair<P::BlockContext*, int>> blocks_to_check{{program_block, 0}};  // in source order
  while (!blocks_to_check.empty()) {
    auto [block, level] = blocks_to_check.back();
    blocks_to_check.pop_back();
    if (level > kMaxRoutineNesting)
      fail(block->getStart(), "routines nested too deeply (the limit is " + std::to_string(kMaxRoutineNesting) + " levels)");
    auto decls = block->declaration();
    for (auto d = decls.rbegin(); d != decls.rend(); ++d)
      if (auto* routine = (*d)->routineDeclaration())
        if (auto* body = routine->routineBody()->block()) blocks_to_check.push_back({body, level + 1});
  }
}

void Compiler::compile_routine_body(Routine* r, P::BlockContext* block) {
  std::unique_ptr<UnitBuilder> own_unit;
  UnitBuilder* saved_unit = unit_;
  if (r->level == 1) {
    own_unit = std::make_unique<UnitBuilder>(r->name);
    unit_ = own_unit.get();
    unit_->reserve_proc();
  }
  FnCtx ctx;
  ctx.routine = r;
  ctx.pb = std::make_unique<ProcBuilder>(unit_, r->name);
  FnCtx* saved_fn = fn_;
  Routine* saved_declaring = declaring_;
  fn_ = &ctx;
  collect_captured(r, block, &ctx.captured);
  if (r->result) check_result_set(r, block);
  push_scope();
  try {
    pos(block->getStart());
    if (r->level >= 2) {
      ctx.static_link = pb().param(Kind::I);
      pb().frame_slot(8, 8);  // offset 0: the static link, for deeper routines
    }
    uint32_t result_addr = r->result_by_ref ? pb().param(Kind::I) : 0;
    // Parameters first (they are registers 0..n-1), then their storage.
    std::vector<uint32_t> regs, highs;
    for (const Param& p : r->params) {
      bool open = p.type->kind == TK::OpenArray;
      bool by_addr = open || p.mode == Mode::Var || is_aggregate(p.type);
      regs.push_back(pb().param(by_addr ? Kind::I : reg_kind(p.type), image_type(p.type), static_cast<uint8_t>(p.mode)));
      highs.push_back(open ? pb().param(Kind::I) : 0);
    }
    if (r->result && !r->result_by_ref) pb().set_result(reg_kind(r->result), image_type(r->result));
    if (r->level >= 2) {
      uint32_t fb = frame_base_of(r->level);
      pb().emit_prologue(Op::ST64, {ctx.static_link, fb, 0});
    }
    for (size_t i = 0; i < r->params.size(); i++) {
      const Param& p = r->params[i];
      Symbol s{Symbol::Var};
      s.type = p.type;
      s.spelling = p.name;
      s.readonly = p.mode == Mode::Const;
      bool captured = ctx.captured.count(p.name) > 0;
      if (p.type->kind == TK::OpenArray) {
        s.st.open = true;
        if (captured) {
          uint32_t fb = frame_base_of(r->level);
          s.st.k = Storage::RefFrame;
          s.st.level = r->level;
          s.st.off = pb().frame_slot(8, 8);
          s.st.high_in_frame = true;
          s.st.high = pb().frame_slot(8, 8);
          pb().emit_prologue(Op::ST64, {regs[i], fb, s.st.off});
          pb().emit_prologue(Op::ST64, {highs[i], fb, s.st.high});
        } else {
          s.st.k = Storage::RefReg;
          s.st.reg = regs[i];
          s.st.high = highs[i];
        }
      } else if (p.mode == Mode::Var || (p.mode == Mode::Const && is_aggregate(p.type))) {
        if (captured) {
          s.st.k = Storage::RefFrame;
          s.st.level = r->level;
          s.st.off = pb().frame_slot(8, 8);
          pb().emit_prologue(Op::ST64, {regs[i], frame_base_of(r->level), s.st.off});
        } else {
          s.st.k = Storage::RefReg;
          s.st.reg = regs[i];
        }
      } else if (is_aggregate(p.type)) {
        // A value parameter of a structured type is copied into the frame.
        s.st.k = Storage::Frame;
        s.st.level = r->level;
        s.st.off = pb().frame_slot(p.type->size, p.type->align);
        if (is_managed(p.type)) pb().add_managed_slot(s.st.off, image_type(p.type));
        uint32_t dst = pb().reg(Kind::I);
        pb().emit_prologue(Op::ADDK, {dst, frame_base_of(r->level), s.st.off});
        pb().emit_prologue(Op::COPY, {dst, regs[i], image_type(p.type)});
      } else if (captured) {
        s.st.k = Storage::Frame;
        s.st.level = r->level;
        s.st.off = pb().frame_slot(p.type->size, p.type->align);
        if (is_managed(p.type)) pb().add_managed_slot(s.st.off, image_type(p.type));
        pb().emit_prologue(store_op(p.type), {regs[i], frame_base_of(r->level), s.st.off});
      } else {
        s.st.k = Storage::Reg;
        s.st.reg = regs[i];
      }
      // A parameter passed by address is described without a type: its
      // register holds the address, not a value of the parameter's type.
      bool by_value = s.st.k == Storage::Frame || s.st.k == Storage::Reg;
      pb().add_local({p.name, by_value ? image_type(p.type) : kNoType, s.st.k == Storage::Frame,
                      s.st.k == Storage::Frame ? s.st.off : regs[i]});
      declare(p.name, s, block->getStart());
    }
    if (r->result) {
      Symbol s{Symbol::Var};
      s.type = r->result;
      s.spelling = "Result";
      s.routine = r;
      bool captured = ctx.captured.count("result") || ctx.captured.count(lower(r->spelling));
      if (r->result_by_ref && captured) {
        s.st.k = Storage::RefFrame;
        s.st.level = r->level;
        s.st.off = pb().frame_slot(8, 8);
        pb().emit_prologue(Op::ST64, {result_addr, frame_base_of(r->level), s.st.off});
      } else if (r->result_by_ref) {
        s.st.k = Storage::RefReg;
        s.st.reg = result_addr;
      } else if (captured) {
        s.st.k = Storage::Frame;
        s.st.level = r->level;
        s.st.off = pb().frame_slot(8, 8);
        if (is_managed(r->result)) pb().add_managed_slot(s.st.off, image_type(r->result));
      } else {
        s.st.k = Storage::Reg;
        s.st.reg = pb().reg(reg_kind(r->result));
      }
      symbols_.push_back(s);
      ctx.result = &symbols_.back();
      scopes_.back()["result"] = ctx.result;
      if (!scopes_.back().count(lower(r->spelling))) scopes_.back()[lower(r->spelling)] = ctx.result;
    }
    ctx.exit_label = pb().new_label();
    std::string saved_prefix = routine_prefix_;
    declaring_ = r;
    declarations(block->declaration(), false);
    resolve_pending_pointers();
    pos(block->compoundStatement()->getStart());
    find_labels(block->compoundStatement()->statementList());
    statement_list(block->compoundStatement()->statementList());
    check_labels(block->compoundStatement()->getStop());
    pb().bind(ctx.exit_label);
    pos(block->compoundStatement()->getStop());
    if (r->result && !r->result_by_ref) {
      Val v = var_value(ctx.result, block->compoundStatement()->getStop());
      uint32_t reg = to_reg(v);
      switch (reg_kind(r->result)) {
        case Kind::F: pb().emit(Op::RETF, {reg}); break;
        case Kind::S: pb().emit(Op::RETS, {reg}); break;
        default: pb().emit(Op::RETI, {reg}); break;
      }
    } else {
      pb().emit(Op::RET, {});
    }
  } catch (const CompileError& e) {
    report(e);
  }
  pop_scope();
  if (diags_->error_count() == 0) {
    Proc proc = pb().finish();
    proc.update_point_loops = ctx.update_point_loops;
    unit_->set_proc(r->sub_index, std::move(proc));
  }
  fn_ = saved_fn;
  declaring_ = saved_declaring;
  if (own_unit) {
    if (diags_->error_count() == 0) img_.units.push_back(own_unit->finish());
    unit_ = saved_unit;
  }
}

// Which names of this routine must live in its frame area: those a nested
// routine mentions, and those passed by reference.  Conservative by name.
void Compiler::collect_captured(Routine* r, P::BlockContext* block, std::set<std::string>* out) {
  std::vector<antlr4::tree::ParseTree*> stack;
  for (auto* d : block->declaration())
    if (d->routineDeclaration()) stack.push_back(d->routineDeclaration());
  while (!stack.empty()) {
    antlr4::tree::ParseTree* t = stack.back();
    stack.pop_back();
    if (auto* id = dynamic_cast<P::IdentifierContext*>(t)) out->insert(lower(id->getText()));
    for (auto* c : t->children) stack.push_back(c);
  }
  // Actual parameters for var parameters, and the string/number variables
  // that built-ins change in place (insert, delete, val's code, setlength).
  stack.push_back(block->compoundStatement());
  for (auto* d : block->declaration())
    if (d->routineDeclaration()) stack.push_back(d->routineDeclaration());
  while (!stack.empty()) {
    antlr4::tree::ParseTree* t = stack.back();
    stack.pop_back();
    for (auto* c : t->children) stack.push_back(c);
    auto* des = dynamic_cast<P::DesignatorContext*>(t);
    if (!des) continue;
    auto sels = des->selector();
    if (sels.empty()) continue;
    auto* call = dynamic_cast<P::CallSelectorContext*>(sels.back());
    if (!call) continue;
    std::string callee = lower(des->identifier()->getText());
    auto args = call->argument();
    for (size_t i = 0; i < args.size(); i++) {
      auto* e = args[i]->expression(0);
      // Only a plain variable name can be passed by reference.
      auto* se = e->simpleExpression(0);
      if (e->simpleExpression().size() != 1 || se->term().size() != 1 || se->term(0)->factor().size() != 1) continue;
      auto* df = dynamic_cast<P::DesignatorFactorContext*>(se->term(0)->factor(0));
      if (!df) continue;
      std::string var = lower(df->designator()->identifier()->getText());
      bool by_ref = false;
      if ((callee == "insert" && i == 1) || (callee == "delete" && i == 0) || (callee == "val" && i == 2) ||
          (callee == "setlength" && i == 0)) {
        by_ref = true;
      } else {
        Symbol* s = lookup(callee);
        if (s && s->k == Symbol::RoutineName)
          for (Routine* o : *s->routine->overloads)  // var in any overload
            by_ref = by_ref || (i < o->params.size() && o->params[i].mode == Mode::Var);
        // Nested routines declared in this block are not in scope yet.
        for (auto* d : block->declaration()) {
          auto* rd = d->routineDeclaration();
          if (!rd) continue;
          P::IdentifierContext* rid = rd->procedureHeading() ? rd->procedureHeading()->identifier() : rd->functionHeading()->identifier();
          P::FormalParametersContext* fp = rd->procedureHeading() ? rd->procedureHeading()->formalParameters() : rd->functionHeading()->formalParameters();
          if (lower(rid->getText()) != callee || !fp) continue;
          size_t k = 0;
          for (auto* g : fp->parameterGroup())
            for (size_t n = 0; n < g->identifierList()->identifier().size(); n++, k++)
              if (k == i && g->VAR()) by_ref = true;
        }
      }
      if (by_ref) out->insert(var);
    }
  }
  (void)r;
}

// {$dvm interprocedure NAME} / {$dvm mapper NAME} / {$dvm group A, B} / {$dvm updatepoint}
// / {$dvm export}
void Compiler::directive(P::DvmDirectiveContext* ctx, bool in_statement, const std::string& next_routine) {
  std::string text = ctx->getText();
  std::string body = text.substr(5, text.size() - 6);  // between "{$dvm" and "}"
  std::vector<std::string> words;
  std::string cur;
  for (char c : body) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',') {
      if (!cur.empty()) words.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) words.push_back(cur);
  if (words.empty()) fail(ctx, "empty dvm directive");
  std::string kind = lower(words[0]);
  antlr4::Token* tok = ctx->getStart();
  uint32_t line = static_cast<uint32_t>(tok->getLine()), col = static_cast<uint32_t>(tok->getCharPositionInLine()) + 1;
  if (kind == "updatepoint") {
    if (!in_statement) fail(ctx, "'updatepoint' must stand where a statement may stand");
    if (words.size() != 1) fail(ctx, "'updatepoint' takes no arguments");
    if (fn_->routine->level >= 2) fail(ctx, "update points are not allowed in nested routines");
    pos(ctx);
    pb().emit(Op::UPDPT, {pb().new_update_point()});
    fn_->update_point_loops.push_back(fn_->for_regs);
    return;
  }
  if (in_statement) fail(ctx, "the '" + words[0] + "' directive cannot stand in a statement");
  if (kind == "export") return export_routine(ctx, words, next_routine);
  Directive d;
  d.line = line;
  d.col = col;
  if (kind == "interprocedure" || kind == "mapper") {
    if (words.size() != 2) fail(ctx, "'" + words[0] + "' takes one name");
    if (next_routine.empty()) fail(ctx, "'" + words[0] + "' must stand right before a routine");
    if (fn_ && fn_->routine->level >= 1) fail(ctx, "'" + words[0] + "' must precede a top-level routine");
    d.kind = kind == "mapper" ? DirectiveKind::Mapper : DirectiveKind::Interprocedure;
    d.names.push_back(words[1]);
    d.proc = next_routine;
  } else if (kind == "group") {
    if (words.size() < 2) fail(ctx, "'group' needs at least one procedure name");
    d.kind = DirectiveKind::Group;
    d.names.assign(words.begin() + 1, words.end());
  } else {
    fail(ctx, "unknown dvm directive '" + words[0] + "'");
  }
  img_.directives.push_back(std::move(d));
}

}  // namespace dvm::pascal

namespace dvm {
namespace {

// What ignoring a directive means for the program, where it is more than a
// switch: an include file's text is left out.
std::string ignored_directive_consequence(const std::string& text) {
  size_t i = 2;  // after "{$"
  std::string word;
  while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])))
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i++])));
  bool switch_only = i < text.size() && (text[i] == '+' || text[i] == '-');
  if ((word == "i" || word == "include") && !switch_only) return " (dvm does not include files: its text is left out)";
  return "";
}

}  // namespace

namespace {

// fpc reads a program once, from the top: an undeclared name on line 4 is
// its first error even when line 9 has a syntax error.  So after syntax
// errors, what the parser read whole is checked too, and the errors found
// before the first syntax error come first.
void add_earlier_errors(const SourceFile& src, pascal::ParseResult& parsed, Diagnostics* diags) {
  if (!diags->first_error() || !parsed.parser || !pascal::prune_broken(parsed.tree)) return;
  Diagnostics checked;
  try {
    pascal::Compiler c(src, &checked);
    Image unused;
    c.compile(parsed.tree, &unused);
  } catch (...) {
    return;  // what is left is too broken to say more
  }
  // (A forward declaration whose body the parser could not read seems never
  // completed: that error would be the pruning's, not the program's.)
  diags->put_earlier_errors_first(
      checked, [](const Diagnostic& d) { return d.message.rfind("forward declaration of", 0) != 0; });
}

}  // namespace

bool compile_pascal(const SourceFile& src, Image* out, Diagnostics* diags, const CompileOptions& options) {
  FrameGuards guards(options.check_memory);
  pascal::ParseResult parsed = pascal::parse_pascal(src, diags);
  if (diags->error_count() > 0 && parsed.tree) add_earlier_errors(src, parsed, diags);
  if (diags->error_count() > 0 || !parsed.tree) return false;
  // Other {$...} directives are accepted and ignored, as the spec says.
  for (antlr4::Token* t : parsed.tokens->getTokens()) {
    if (t->getType() == dvm_Pascal::PascalLexer::DIRECTIVE)
      diags->warning(static_cast<uint32_t>(t->getLine()), static_cast<uint32_t>(t->getCharPositionInLine()) + 1,
                     "ignoring compiler directive " + t->getText() + ignored_directive_consequence(t->getText()),
                     static_cast<uint32_t>(t->getText().size()));
  }
  pascal::Compiler c(src, diags);
  return c.compile(parsed.tree, out);
}

}  // namespace dvm
