// The C compiler's driver: translation unit, scopes, registers, declarations,
// function definitions, initializers and dvm pragmas.
#include <algorithm>
#include <cstring>

#include "frontend/c.h"
#include "frontend/c_compiler.h"
#include "frontend/c_parse.h"
#include "vm/errors.h"

namespace dvm::c {

// ---- errors and positions ---------------------------------------------------------

namespace {
// An error at tok: where it is spelled, and where its macro is used.
CompileError error_at(antlr4::Token* tok, const std::string& msg) {
  CompileError e{tok_line(tok), tok_col(tok), static_cast<uint32_t>(std::max<size_t>(1, tok->getText().size())), msg};
  if (use_line(tok) != e.line || use_col(tok) != e.col) {
    e.use_line = use_line(tok);
    e.use_col = use_col(tok);
  }
  return e;
}
}  // namespace

void Compiler::fail(antlr4::ParserRuleContext* ctx, const std::string& msg) { throw error_at(ctx->getStart(), msg); }

void Compiler::fail(antlr4::Token* tok, const std::string& msg) { throw error_at(tok, msg); }

// As gcc: an error inside a macro's expansion is where the offending token is
// spelled (the macro's body), with a note where the macro is used.
void Compiler::report(const CompileError& e) {
  diags_->error(e.line, e.col, e.msg, e.len);
  if (e.use_line) diags_->note(e.use_line, e.use_col, "in expansion of a macro used here");
}

void Compiler::report_at(antlr4::ParserRuleContext* ctx, const std::string& msg) { report(error_at(ctx->getStart(), msg)); }

// gcc's warnings for the classic mistakes (what -Wall says); the program's own
// code only, not the library's.
void Compiler::warn(antlr4::Token* tok, const std::string& msg) {
  if (translation_unit_ != 0 || !tok) return;
  diags_->warning(tok_line(tok), tok_col(tok), msg, static_cast<uint32_t>(std::max<size_t>(1, tok->getText().size())));
}

void Compiler::pop_scope() {
  for (auto& [name, sym] : scopes_.back())
    if (sym->warn_unused && !sym->used) diags_->warning(sym->line, sym->col, "unused variable '" + name + "'", static_cast<uint32_t>(name.size()));
  scopes_.pop();
  tags_.pop_back();
}

void Compiler::pos(antlr4::Token* tok) {
  if (!fn_) return;
  if (library_code_) pb().set_pos(kLibraryLine, 1);
  else pb().set_pos(use_line(tok), use_col(tok));
}

// ---- scopes -------------------------------------------------------------------------

Symbol* Compiler::lookup(const std::string& name) { return scopes_.lookup(name); }

Symbol* Compiler::declare(const std::string& name, Symbol s, antlr4::Token* tok) {
  auto& scope = scopes_.back();
  auto it = scope.find(name);
  if (it != scope.end()) {
    Symbol* old = it->second;
    bool file_scope = scopes_.size() == 1;
    if (old->k == Symbol::Typedef && s.k == Symbol::Typedef && compatible(old->type, s.type)) return old;
    if (old->k == Symbol::Function && s.k == Symbol::Function) return old;
    if (old->k == Symbol::Var && s.k == Symbol::Var && (file_scope || old->is_extern_decl || s.is_extern_decl)) {
      if (!compatible(unqual(old->type), unqual(s.type)))
        fail(tok, "conflicting types for '" + name + "'");
      if (old->type->kind == TK::Array && old->type->len < 0) old->type = s.type;
      return old;
    }
    if (old->k != s.k) fail(tok, "'" + name + "' redeclared as different kind of symbol");
    fail(tok, "redeclaration of '" + name + "'");
  }
  symbols_.push_back(std::move(s));
  scope[name] = &symbols_.back();
  return &symbols_.back();
}

// ---- registers ------------------------------------------------------------------------

uint32_t Compiler::temp(Kind k) {
  if (!fn_) throw std::logic_error("temporary outside a function");
  return fn_->temps.temp(pb(), k);
}

uint32_t Compiler::block(const std::vector<Kind>& kinds) {
  if (!fn_) throw std::logic_error("call outside a function");
  return fn_->temps.block(pb(), kinds);
}

size_t Compiler::temp_mark() const { return fn_ ? fn_->temps.mark() : 0; }

void Compiler::release_temps(size_t mark) {
  if (fn_) fn_->temps.release(pb(), mark);
}

// ---- the translation unit ---------------------------------------------------------------

// The name a declarator declares, without building its type.
std::string Compiler::declarator_name_of(P::DeclaratorContext* d) {
  while (d) {
    auto* dd = d->directDeclarator();
    if (dd->IDENTIFIER()) return dd->IDENTIFIER()->getText();
    d = dd->declarator();
  }
  return "";
}

bool Compiler::compile(P::CompilationUnitContext* tree, Image* out) {
  img_.language = "c";
  img_.source_path = src_.path;
  t_void_ = new_type(TK::Void);
  t_bool_ = new_type(TK::Bool);
  t_char_ = new_type(TK::Char);
  t_schar_ = new_type(TK::SChar);
  t_uchar_ = new_type(TK::UChar);
  t_short_ = new_type(TK::Short);
  t_ushort_ = new_type(TK::UShort);
  t_int_ = new_type(TK::Int);
  t_uint_ = new_type(TK::UInt);
  t_long_ = new_type(TK::Long);
  t_ulong_ = new_type(TK::ULong);
  t_float_ = new_type(TK::Float);
  t_double_ = new_type(TK::Double);
  t_voidp_ = pointer_to(t_void_);
  t_charp_ = pointer_to(t_char_);
  push_scope();
  for (auto* ext : tree->externalDeclaration())
    if (auto* f = dynamic_cast<P::FuncDefExtContext*>(ext)) defined_names_.insert(declarator_name_of(f->functionDefinition()->declarator()));
  for (auto* ext : tree->externalDeclaration()) {
    try {
      external_declaration(ext);
    } catch (const CompileError& e) {
      report(e);
    }
    if (diags_->error_count() >= Diagnostics::kMaxErrors) break;
  }
  if (diags_->error_count() == 0 && !pending_directives_.empty()) {
    const Directive& d = pending_directives_.front().second;
    diags_->error(d.line, d.col, "'" + pending_directives_.front().first + "' must stand right before a function definition");
  }
  if (diags_->error_count() == 0) finish_remote();
  // The library's share of the image: wrappers for library functions used as
  // values, then the prelude definitions the program (or a wrapper) calls.
  if (diags_->error_count() == 0)
    for (const std::string& name : library_values_) compile_library_wrapper(name);
  if (diags_->error_count() == 0 && !needed_prelude_.empty()) compile_prelude();
  if (diags_->error_count() == 0 && !funcs_.count("main"))
    diags_->error(1, 1, "undefined reference to 'main'");
  if (diags_->error_count() == 0) {
    for (auto& [name, f] : funcs_)
      if (f.called && !f.defined && !is_library(name)) {
        diags_->error(f.line, f.col, "undefined reference to '" + name + "'");
        break;
      }
  }
  if (diags_->error_count() == 0) report_undefined_externs();
  if (diags_->error_count() > 0) return false;
  for (Unit& u : img_.units) u.hash = hash_unit(img_, u);
  *out = std::move(img_);
  return true;
}

// An object declared `extern`, used, and defined nowhere: gcc's link error,
// at the declaration.
void Compiler::report_undefined_externs() {
  for (const Unit& u : img_.units)
    for (const std::string& name : u.global_refs) {
      if (global_index_.count(name)) continue;
      auto decl = extern_decls_.find(name);
      uint32_t line = decl == extern_decls_.end() ? 1 : decl->second.first;
      uint32_t col = decl == extern_decls_.end() ? 1 : decl->second.second;
      diags_->error(line, col, "undefined reference to '" + name + "'");
      return;
    }
}

void Compiler::external_declaration(P::ExternalDeclarationContext* ctx) {
  if (auto* f = dynamic_cast<P::FuncDefExtContext*>(ctx)) return function_definition(f->functionDefinition());
  if (auto* d = dynamic_cast<P::DeclExtContext*>(ctx)) return declaration(d->declaration(), true);
  if (auto* p = dynamic_cast<P::PragmaExtContext*>(ctx)) return pragma(p->PRAGMA()->getSymbol(), false);
  fail(ctx, "ISO C does not allow extra ';' outside of a function");
}

// declaration : declSpecifiers initDeclaratorList? ';' | staticAssert
void Compiler::declaration(P::DeclarationContext* ctx, bool global) {
  if (auto* sa = ctx->staticAssert()) {
    if (const_int(sa->expr()) == 0) fail(sa, "static assertion failed");
    return;
  }
  DeclSpec ds = decl_specifiers(ctx->declSpecifiers());
  if (!ctx->initDeclaratorList()) return;
  for (auto* id : ctx->initDeclaratorList()->initDeclarator()) {
    try {
      std::string name;
      antlr4::Token* tok = nullptr;
      Type* t = apply_declarator(ds.type, id->declarator(), &name, &tok);
      note(id, t, ds.is_typedef ? "typedef" : t->kind == TK::Func ? "function declaration" : "");
      if (ds.is_typedef) {
        if (id->initializer()) fail(id, "typedef '" + name + "' is initialized");
        Symbol s;
        s.k = Symbol::Typedef;
        s.name = name;
        s.type = t;
        declare(name, s, tok);
        continue;
      }
      if (t->kind == TK::Func) {
        if (id->initializer()) fail(id, "function '" + name + "' is initialized like a variable");
        declare_function(name, t, tok, false);
        continue;
      }
      declare_var(ds, t, name, tok, id->initializer(), global);
      if (notes_) {
        Symbol* declared = lookup(name);
        if (declared) note(id, declared->type, describe_symbol(declared));
      }
    } catch (const CompileError& e) {
      if (!global) throw;
      report(e);
    }
  }
}

FuncInfo* Compiler::declare_function(const std::string& name, Type* t, antlr4::Token* tok, bool definition) {
  auto it = funcs_.find(name);
  if (it != funcs_.end()) {
    FuncInfo& f = it->second;
    if (!compatible(f.type, t)) fail(tok, "conflicting types for '" + name + "'");
    if (definition && f.defined) fail(tok, "redefinition of '" + name + "'");
    if (t->proto && !f.type->proto) f.type = t;
    if (definition) {
      f.type = t;
      f.defined = true;
    }
  } else {
    FuncInfo f;
    f.name = name;
    f.type = t;
    f.defined = definition;
    f.line = tok_line(tok);
    f.col = tok_col(tok);
    funcs_[name] = f;
  }
  FuncInfo* f = &funcs_[name];
  f->result_by_ref = t->base->kind == TK::Struct;
  Symbol s;
  s.k = Symbol::Function;
  s.name = name;
  s.type = t;
  Symbol* sym = declare(name, s, tok);
  if (sym->k != Symbol::Function) fail(tok, "'" + name + "' redeclared as different kind of symbol");
  sym->type = f->type;
  return f;
}

// `= {}` and `{ 1, {} }`: ISO C11 wants at least one initializer in braces.
void Compiler::reject_empty_braces(P::InitializerContext* init) {
  if (init->expr()) return;
  if (init->initItem().empty()) fail(init, "ISO C forbids empty initializer braces");
  for (auto* item : init->initItem()) reject_empty_braces(item->initializer());
}

void Compiler::declare_var(const DeclSpec& ds, Type* t, const std::string& name, antlr4::Token* tok,
                           P::InitializerContext* init, bool global) {
  if (init) reject_empty_braces(init);
  if (is_variably_modified(t)) {
    if (global) fail(tok, "variably modified '" + name + "' at file scope");
    if (ds.is_static || ds.is_extern) fail(tok, "storage size of '" + name + "' isn't constant");
    if (t->vla) {
      if (init) fail(tok, "variable-sized object may not be initialized");
      return declare_vla(t, name, tok);
    }
  }
  if (t->kind == TK::Array && t->len < 0 && init) t = array_of(t->base, array_len_from_init(t->base, init));
  if (t->kind == TK::Void) fail(tok, "variable or field '" + name + "' declared void");
  bool is_static_storage = global || ds.is_static || ds.is_extern;
  bool complete = !(t->kind == TK::Struct && !t->st->complete) && !(t->kind == TK::Array && t->len < 0);
  if (!complete && !ds.is_extern && !(global && t->kind == TK::Array))
    fail(tok, "storage size of '" + name + "' isn't known");
  if (is_static_storage) {
    std::string gname = global || ds.is_extern ? name : fn_->func->name + "." + name;
    Symbol s;
    s.k = Symbol::Var;
    s.name = name;
    s.type = t;
    s.st.k = Storage::Global;
    s.st.global = gname;
    s.is_extern_decl = ds.is_extern && !init;
    s.warn_unused = !global && !ds.is_extern && translation_unit_ == 0;
    s.line = tok_line(tok);
    s.col = tok_col(tok);
    if (ds.is_extern && init && !global) fail(tok, "'" + name + "' has both 'extern' and initializer");
    Symbol* sym = declare(name, s, tok);
    if (ds.is_extern && !init) {  // defined elsewhere (or later) in this file
      extern_decls_.emplace(gname, std::make_pair(s.line, s.col));
      return;
    }
    auto git = global_index_.find(gname);
    if (git == global_index_.end()) {
      Global g;
      g.name = gname;
      global_index_[gname] = img_.globals.size();
      img_.globals.push_back(g);
      git = global_index_.find(gname);
    } else if (init && !img_.globals[git->second].init.empty() && global) {
      fail(tok, "redefinition of '" + name + "'");
    }
    Type* gt = sym->type->kind == TK::Array && sym->type->len >= 0 ? sym->type : t;
    if (gt->kind == TK::Array && gt->len < 0) gt = array_of(gt->base, 1);  // `int a[];` at file scope: one element
    sym->type = gt;
    Global& g = img_.globals[git->second];
    g.type = image_type(gt);
    if (init) {
      g.init.assign(gt->size, 0);
      g.init_strings.clear();
      g.relocs.clear();
      FnCtx* saved = fn_;
      fn_ = nullptr;
      try {
        static_init(&g, gt, 0, init);
      } catch (...) {
        fn_ = saved;
        throw;
      }
      fn_ = saved;
      // The initializer may have added globals (string literals): refresh.
    }
    return;
  }
  // An automatic variable: a register unless its address is taken or it is an aggregate.
  Symbol s;
  s.k = Symbol::Var;
  s.name = name;
  s.type = t;
  s.warn_unused = translation_unit_ == 0;
  s.is_register = ds.is_register;
  s.line = tok_line(tok);
  s.col = tok_col(tok);
  if (is_aggregate(t) || fn_->address_taken.count(name)) {
    s.st.k = Storage::Frame;
    s.st.off = pb().frame_slot(std::max<uint32_t>(t->size, 1), std::max<uint32_t>(t->align, 1));
    pb().add_local({name, image_type(t), true, s.st.off});
  } else {
    s.st.k = Storage::Reg;
    s.st.reg = pb().reg(reg_kind(t));
    pb().add_local({name, image_type(t), false, s.st.reg});
  }
  Symbol* sym = declare(name, s, tok);
  if (init) {
    size_t mark = temp_mark();
    pos(tok);
    Val dst = var_value(sym);
    local_init(dst, init);
    release_temps(mark);
  }
}

// A variable-length array lives in a heap block from its declaration to the
// end of its block (freed there, and by break, continue and return on the
// way out); its name denotes the block's bytes.
void Compiler::declare_vla(Type* t, const std::string& name, antlr4::Token* tok) {
  if (t->vla_bytes == Type::kNoVlaSize) fail(tok, "unsupported: variable-length array '" + name + "' of unknown size");
  uint32_t addr = pb().reg(Kind::I);
  pos(tok);
  to_dest(reg_val(t_voidp_, emit_callb("MALLOC", {reg_val(t_ulong_, t->vla_bytes)}, tok)), addr);
  Label ok = pb().new_label();
  pb().emit_jump(Op::JNE, {addr, const_reg(Kind::I, 0)}, ok);
  pb().emit(Op::TRAP, {static_cast<uint32_t>(RtError::OutOfMemory)});
  pb().bind(ok);
  fn_->vlas.push_back({addr, tok_line(tok), tok_col(tok)});
  Symbol s;
  s.k = Symbol::Var;
  s.name = name;
  s.type = t;
  s.st.k = Storage::Heap;
  s.st.reg = addr;
  s.warn_unused = translation_unit_ == 0;
  s.line = tok_line(tok);
  s.col = tok_col(tok);
  pb().add_local({name, image_type(pointer_to(t->base)), false, addr});
  declare(name, s, tok);
}

// A parameter declared `int a[n][m]` has the type `int (*)[m]`, with m
// evaluated on entry from the parameters before it (C11 6.9.1p10): the
// types made while the function's own type was read do not know m.
void Compiler::vla_parameters(P::DeclaratorContext* d, std::vector<Symbol*>& params) {
  while (d && !d->directDeclarator()->IDENTIFIER()) d = d->directDeclarator()->declarator();
  if (!d || d->directDeclarator()->declaratorSuffix().empty()) return;
  auto* fs = dynamic_cast<P::FuncSuffixContext*>(d->directDeclarator()->declaratorSuffix(0));
  if (!fs || !fs->parameterTypeList()) return;
  auto pds = fs->parameterTypeList()->parameterDeclaration();
  for (size_t i = 0; i < pds.size() && i < params.size(); i++) {
    if (!params[i] || !is_variably_modified(params[i]->type) || !pds[i]->declarator()) continue;
    std::string name;
    antlr4::Token* tok = nullptr;
    Type* t = apply_declarator(decl_specifiers(pds[i]->declSpecifiers()).type, pds[i]->declarator(), &name, &tok);
    params[i]->type = adjust_param(t);
  }
}

// The element count of `T a[] = {...}` or `char s[] = "..."`.
int64_t Compiler::array_len_from_init(Type* elem, P::InitializerContext* init) {
  init = unbrace_string(array_of(elem, -1), init);
  if (init->expr()) {
    P::ExprContext* e = init->expr();
    while (auto* pe = dynamic_cast<P::PrimaryExprContext*>(e)) {
      auto* pp = dynamic_cast<P::ParenPrimaryContext*>(pe->primary());
      if (auto* sp = dynamic_cast<P::StringPrimaryContext*>(pe->primary())) {
        if (elem->kind == TK::Char || elem->kind == TK::SChar || elem->kind == TK::UChar)
          return static_cast<int64_t>(decode_string(sp).size()) + 1;
      }
      if (!pp || pp->expression()->expr().size() != 1) break;
      e = pp->expression()->expr(0);
    }
    fail(init, "invalid initializer");
  }
  Type* open = new_type(TK::Array);
  *open = *array_of(elem, INT32_MAX / std::max<uint32_t>(elem->size, 1));
  std::vector<InitTarget> scratch;
  size_t idx = 0;
  auto items = init->initItem();
  int64_t n = flatten_init(open, 0, items, idx, 0, true, init, &scratch);
  if (items.empty()) fail(init, "ISO C forbids empty initializer braces");
  return n;
}

namespace {
P::ExprContext* strip_parens0(P::ExprContext* e) {
  while (auto* pe = dynamic_cast<P::PrimaryExprContext*>(e)) {
    auto* pp = dynamic_cast<P::ParenPrimaryContext*>(pe->primary());
    if (!pp || pp->expression()->expr().size() != 1) break;
    e = pp->expression()->expr(0);
  }
  return e;
}
}  // namespace

// `char s[] = {"abc"}` is `char s[] = "abc"` (C11 6.7.9p14).
P::InitializerContext* Compiler::unbrace_string(Type* t, P::InitializerContext* init) {
  if (init->expr() || init->initItem().size() != 1) return init;
  P::InitItemContext* item = init->initItem(0);
  if (!item->designator().empty() || !item->initializer()->expr()) return init;
  return is_string_init(t, item->initializer()->expr()) ? item->initializer() : init;
}

bool Compiler::is_string_init(Type* t, P::ExprContext* e) {
  if (t->kind != TK::Array || !(t->base->kind == TK::Char || t->base->kind == TK::SChar || t->base->kind == TK::UChar))
    return false;
  auto* pe = dynamic_cast<P::PrimaryExprContext*>(strip_parens0(e));
  return pe && dynamic_cast<P::StringPrimaryContext*>(pe->primary());
}

// Walks a brace-enclosed initializer list as C11 6.7.9 says: the elements of
// an aggregate are taken in order; a designator moves the current position
// (and may go several levels deep, `.a.x = 1`, `[1][0] = 2`); a sub-aggregate
// without its own braces takes as many items as it needs (brace elision).
// `braced`: the items are this object's own list (all must fit);
// otherwise it stops when full or at an item designated for an outer level.
// `dstart`: how many designators of the first item the outer levels used.
// Returns the number of elements (array) or members reached.
int64_t Compiler::flatten_init(Type* t, uint32_t off, const std::vector<P::InitItemContext*>& items, size_t& idx,
                               size_t dstart, bool braced, antlr4::ParserRuleContext* where,
                               std::vector<InitTarget>* out, bool enter_anonymous) {
  bool is_array = t->kind == TK::Array;
  const size_t first = idx;
  int64_t count = is_array ? t->len : static_cast<int64_t>(t->st->members.size());
  // A union takes one initializer: its first member's, or the designated one's.
  bool is_union = !is_array && t->st->is_union;
  int64_t pos = 0, reached = 0;
  size_t ds = dstart;
  auto elem_type = [&](int64_t k) { return is_array ? t->base : t->st->members[static_cast<size_t>(k)].type; };
  auto with_bits = [&](InitTarget x, int64_t k) {
    if (!is_array) {
      x.bits = t->st->members[static_cast<size_t>(k)].bits;
      x.shift = t->st->members[static_cast<size_t>(k)].shift;
    }
    return x;
  };
  auto elem_off = [&](int64_t k) {
    return off + (is_array ? static_cast<uint32_t>(k * t->base->size) : t->st->members[static_cast<size_t>(k)].offset);
  };
  while (idx < items.size()) {
    P::InitItemContext* item = items[idx];
    auto ds_list = item->designator();
    if (ds_list.size() > ds) {
      // A designator of an enclosing object, unless it named a member of this
      // anonymous one.
      if (!braced && ds == 0 && !(enter_anonymous && idx == first)) return reached;
      P::DesignatorContext* d = ds_list[ds];
      if (is_array) {
        if (!d->expr()) fail(d, "field name not in record or union initializer");
        pos = const_int(d->expr());
        if (pos < 0 || pos >= count) fail(d->expr(), "array index in initializer exceeds array bounds");
      } else {
        if (!d->IDENTIFIER()) fail(d, "array index in non-array initializer");
        std::string name = d->IDENTIFIER()->getText();
        pos = count;
        for (size_t k = 0; k < t->st->members.size(); k++)
          if (t->st->members[k].name == name) pos = static_cast<int64_t>(k);
        if (pos == count) {  // a member of an anonymous member: initialized there
          uint32_t unused = 0;
          for (size_t k = 0; k < t->st->members.size() && pos == count; k++)
            if (t->st->members[k].name.empty() && find_member(t->st->members[k].type->st, name, &unused)) pos = static_cast<int64_t>(k);
          if (pos == count) fail(d, "'" + type_name(t) + "' has no member named '" + name + "'");
          flatten_init(elem_type(pos), elem_off(pos), items, idx, ds, false, item, out, true);
          pos = is_union ? count : pos + 1;
          reached = std::max(reached, pos);
          ds = 0;
          continue;
        }
      }
      if (ds_list.size() > ds + 1) {
        Type* et = elem_type(pos);
        if (!is_aggregate(et)) fail(ds_list[ds + 1], is_array ? "array index in non-array initializer" : "field name not in record or union initializer");
        flatten_init(et, elem_off(pos), items, idx, ds + 1, false, item, out);
        pos = is_union ? count : pos + 1;
        reached = std::max(reached, pos);
        ds = 0;
        continue;
      }
    }
    ds = 0;
    if (pos >= count) {
      if (!braced) return reached;
      fail(item, is_array ? "excess elements in array initializer"
                          : is_union ? "excess elements in union initializer" : "excess elements in struct initializer");
    }
    Type* et = elem_type(pos);
    if (!is_array && t->st->flexible && pos == count - 1) fail(item, "initialization of a flexible array member");
    P::InitializerContext* init = item->initializer();
    if (!init->expr()) {
      // its own braces
      if (is_aggregate(et)) {
        size_t sub = 0;
        flatten_init(et, elem_off(pos), init->initItem(), sub, 0, true, init, out);
      } else {
        P::InitializerContext* x = init;
        while (!x->expr()) {
          auto xs = x->initItem();
          if (xs.empty()) fail(x, "empty scalar initializer");
          if (xs.size() > 1) fail(xs[1], "excess elements in scalar initializer");
          x = xs[0]->initializer();
        }
        out->push_back(with_bits({et, elem_off(pos), x->expr()}, pos));
      }
      idx++;
    } else if (is_aggregate(et) && !is_string_init(et, init->expr()) &&
               !(et->kind == TK::Struct && type_of_expr(init->expr())->kind == TK::Struct)) {
      flatten_init(et, elem_off(pos), items, idx, 0, false, item, out);  // brace elision
    } else {
      out->push_back(with_bits({et, elem_off(pos), init->expr()}, pos));
      idx++;
    }
    pos = is_union ? count : pos + 1;
    reached = std::max(reached, pos);
  }
  (void)where;
  return reached;
}

// ---- static initializers ------------------------------------------------------------------

namespace {
void put_bytes(Global* g, uint32_t off, const void* p, size_t n) {
  if (off + n <= g->init.size()) std::memcpy(&g->init[off], p, n);
}

P::ExprContext* strip_parens(P::ExprContext* e) {
  while (auto* pe = dynamic_cast<P::PrimaryExprContext*>(e)) {
    auto* pp = dynamic_cast<P::ParenPrimaryContext*>(pe->primary());
    if (!pp || pp->expression()->expr().size() != 1) break;
    e = pp->expression()->expr(0);
  }
  return e;
}
}  // namespace

void Compiler::static_init(Global* g, Type* t, uint32_t off, P::InitializerContext* init) {
  init = unbrace_string(t, init);
  if (init->expr()) {
    P::ExprContext* e = strip_parens(init->expr());
    if (t->kind == TK::Array) {
      auto* pe = dynamic_cast<P::PrimaryExprContext*>(e);
      auto* sp = pe ? dynamic_cast<P::StringPrimaryContext*>(pe->primary()) : nullptr;
      if (!sp || !(t->base->kind == TK::Char || t->base->kind == TK::SChar || t->base->kind == TK::UChar))
        fail(init, "invalid initializer");
      std::string s = decode_string(sp);
      if (static_cast<int64_t>(s.size()) > t->len) fail(init, "initializer-string for array of 'char' is too long");
      put_bytes(g, off, s.data(), s.size());
      return;
    }
    if (t->kind == TK::Struct) fail(init, "invalid initializer");
    static_scalar(g, t, off, e);
    return;
  }
  auto items = init->initItem();
  if (!is_aggregate(t)) {
    if (items.empty()) fail(init, "empty scalar initializer");
    if (items.size() > 1) fail(items[1], "excess elements in scalar initializer");
    static_init(g, t, off, items[0]->initializer());
    return;
  }
  std::vector<InitTarget> targets;
  size_t idx = 0;
  flatten_init(t, off, items, idx, 0, true, init, &targets);
  for (const InitTarget& x : targets) {
    if (x.type->kind == TK::Array || x.type->kind == TK::Struct) {
      if (x.type->kind == TK::Struct) fail(x.e, "initializer element is not constant");
      auto* pe = dynamic_cast<P::PrimaryExprContext*>(strip_parens(x.e));
      std::string str = decode_string(dynamic_cast<P::StringPrimaryContext*>(pe->primary()));
      if (static_cast<int64_t>(str.size()) > x.type->len) fail(x.e, "initializer-string for array of 'char' is too long");
      put_bytes(g, x.off, str.data(), str.size());
    } else if (x.bits) {
      static_bitfield(g, x);
    } else {
      static_scalar(g, x.type, x.off, x.e);
    }
  }
}

// A bit-field in static data: the constant's low bits or-ed into its unit
// (the object starts zeroed).
void Compiler::static_bitfield(Global* g, const InitTarget& x) {
  Val v;
  try {
    v = expr(x.e);
  } catch (const std::logic_error&) {
    fail(x.e, "initializer element is not constant");
  }
  if (v.m != Val::Const || !is_arith(v.type)) fail(x.e, "initializer element is not constant");
  v = convert(v, x.type);
  uint64_t field = (x.bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << x.bits) - 1) << x.shift;
  uint64_t unit = 0;
  if (x.off + x.type->size <= g->init.size()) std::memcpy(&unit, &g->init[x.off], x.type->size);
  unit = (unit & ~field) | ((static_cast<uint64_t>(v.i) << x.shift) & field);
  put_bytes(g, x.off, &unit, x.type->size);
}

// A scalar in static data: a number, or an address (relocation).
void Compiler::static_scalar(Global* g, Type* t, uint32_t off, P::ExprContext* e) {
  AddressConst a;
  if (t->kind == TK::Pointer && address_constant(e, &a)) {
    bool null_pointer = a.base == AddressConst::Null && a.addend == 0 && a.type->base->kind == TK::Void;
    if (!null_pointer) check_pointer_conversion(t, a.type, e, "initialization of");
    if (a.base == AddressConst::Null) {
      put_bytes(g, off, &a.addend, 8);
      return;
    }
    if (a.base == AddressConst::Func && a.addend != 0) fail(e, "initializer element is not constant");
    Reloc r;
    r.offset = off;
    r.addend = a.addend;
    r.target = a.target;
    r.kind = a.base == AddressConst::Global   ? RelocKind::GlobalAddress
             : a.base == AddressConst::String ? RelocKind::StringBytes
                                              : RelocKind::ProcValue;
    if (a.base == AddressConst::Func) note_function_value(a.target);
    g->relocs.push_back(r);
    return;
  }
  Val v;
  try {
    v = expr(e);
  } catch (const std::logic_error&) {
    fail(e, "initializer element is not constant");
  }
  if (v.m != Val::Const) fail(e, "initializer element is not constant");
  if (v.overflow || (is_float(v.type) && is_integer(t) && convert(v, t).overflow)) fail(e, "overflow in constant expression");
  if (t->kind == TK::Pointer && !v.null_const && !is_integer(v.type)) fail(e, "initializer element is not constant");
  if (t->kind == TK::Struct) fail(e, "invalid initializer");
  v = convert(v, t);
  if (t->kind == TK::Float) {
    float f = static_cast<float>(v.f);
    put_bytes(g, off, &f, 4);
  } else if (t->kind == TK::Double) {
    put_bytes(g, off, &v.f, 8);
  } else {
    put_bytes(g, off, &v.i, t->size);
  }
}

// ---- automatic initializers -------------------------------------------------------------------

void Compiler::local_init(const Val& dst, P::InitializerContext* init) {
  Type* t = dst.type;
  init = unbrace_string(t, init);
  if (init->expr()) {
    P::ExprContext* e = strip_parens(init->expr());
    if (t->kind == TK::Array) {
      auto* pe = dynamic_cast<P::PrimaryExprContext*>(e);
      auto* sp = pe ? dynamic_cast<P::StringPrimaryContext*>(pe->primary()) : nullptr;
      if (!sp || !(t->base->kind == TK::Char || t->base->kind == TK::SChar || t->base->kind == TK::UChar))
        fail(init, "invalid initializer");
      std::string s = decode_string(sp);
      if (static_cast<int64_t>(s.size()) > t->len) fail(init, "initializer-string for array of 'char' is too long");
      s.resize(static_cast<size_t>(t->len), '\0');
      uint32_t addr = address_of(dst);
      uint32_t src = string_address(s);
      uint32_t n = temp(Kind::I);
      pb().emit(Op::LDI, {n, static_cast<uint32_t>(t->len)});
      Val a = reg_val(t_voidp_, addr), b = reg_val(t_voidp_, src), c = reg_val(t_ulong_, n);
      emit_callb("MEMCPY", {a, b, c}, init->getStart());
      return;
    }
    store(dst, expr(init->expr()), init);
    return;
  }
  local_init_list(dst, init->initItem(), init);
}

void Compiler::local_init_list(const Val& dst, const std::vector<P::InitItemContext*>& items,
                               antlr4::ParserRuleContext* init) {
  Type* t = dst.type;
  if (!is_aggregate(t)) {
    if (items.empty()) fail(init, "empty scalar initializer");
    if (items.size() > 1) fail(items[1], "excess elements in scalar initializer");
    local_init(dst, items[0]->initializer());
    return;
  }
  // Zero the whole object, then store the given elements.
  uint32_t addr = address_of(dst);
  pb().emit(Op::FINAL, {addr, image_type(t)});
  std::vector<InitTarget> targets;
  size_t idx = 0;
  flatten_init(t, 0, items, idx, 0, true, init, &targets);
  for (const InitTarget& x : targets) {
    size_t mark = temp_mark();
    pos(x.e);
    Val sub = mem_val(x.type, dst.reg, dst.off + static_cast<int32_t>(x.off));
    sub.bits = x.bits;
    sub.shift = x.shift;
    if (x.type->kind == TK::Array) {
      auto* wrapper = dynamic_cast<P::InitializerContext*>(x.e->parent);
      if (!wrapper) fail(x.e, "invalid initializer");
      local_init(sub, wrapper);
    } else {
      store(sub, expr(x.e), x.e);
    }
    release_temps(mark);
  }
}

// ---- function definitions ---------------------------------------------------------------------

// Names whose address is taken (&x) must live in the frame area.
void Compiler::collect_address_taken(antlr4::tree::ParseTree* body, std::set<std::string>* out) {
  std::vector<antlr4::tree::ParseTree*> stack{body};
  while (!stack.empty()) {
    antlr4::tree::ParseTree* t = stack.back();
    stack.pop_back();
    for (auto* c : t->children) stack.push_back(c);
    auto* u = dynamic_cast<P::UnaryExprContext*>(t);
    if (!u || u->op->getText() != "&") continue;
    P::ExprContext* e = strip_parens(u->expr());
    if (auto* pe = dynamic_cast<P::PrimaryExprContext*>(e))
      if (auto* ip = dynamic_cast<P::IdentPrimaryContext*>(pe->primary())) out->insert(ip->getText());
  }
}

// The declarations between an old-style definition's declarator and its
// body: every name they declare, with its type.
void Compiler::kr_parameter_declarations(P::FunctionDefinitionContext* ctx, std::map<std::string, KrParam>* out) {
  for (auto* d : ctx->declaration()) {
    if (d->staticAssert()) fail(d, "expected declaration specifiers before '_Static_assert'");
    DeclSpec ds = decl_specifiers(d->declSpecifiers());
    if (ds.is_typedef || ds.is_static || ds.is_extern)
      fail(d->declSpecifiers(), "storage class specified for a parameter");
    if (!d->initDeclaratorList()) fail(d, "declaration does not declare a parameter");
    for (auto* id : d->initDeclaratorList()->initDeclarator()) {
      std::string pname;
      antlr4::Token* ptok = nullptr;
      Type* pt = apply_declarator(ds.type, id->declarator(), &pname, &ptok);
      if (id->initializer()) fail(id, "parameter '" + pname + "' is initialized");
      if (pt->kind == TK::Void) fail(id, "parameter '" + pname + "' has incomplete type");
      if (!out->emplace(pname, KrParam{pt, id->declarator()}).second) fail(ptok, "redefinition of parameter '" + pname + "'");
    }
  }
}

// functionDefinition : declSpecifiers declarator declaration* compoundStatement
void Compiler::function_definition(P::FunctionDefinitionContext* ctx) {
  DeclSpec ds = decl_specifiers(ctx->declSpecifiers());
  std::string name;
  antlr4::Token* tok = nullptr;
  std::vector<std::pair<std::string, Type*>> params;
  std::map<std::string, KrParam> kr_params;
  kr_parameter_declarations(ctx, &kr_params);
  kr_params_ = &kr_params;
  Type* t;
  try {
    t = apply_declarator(ds.type, ctx->declarator(), &name, &tok, &params);
  } catch (...) {
    kr_params_ = nullptr;
    throw;
  }
  kr_params_ = nullptr;
  if (!kr_params.empty() && !kr_params.begin()->second.used)  // (an old-style list uses them all)
    fail(ctx->declaration(0), "old-style parameter declarations in prototyped function definition");
  if (t->kind != TK::Func) fail(ctx->declarator(), "expected '=', ',', ';', 'asm' or '__attribute__' before '{' token");
  if (ds.is_typedef) fail(ctx, "function definition declared 'typedef'");
  if (!t->proto) t->proto = true;  // `int f()` defines a function without parameters
  if (t->base->kind == TK::Struct && !t->base->st->complete) fail(tok, "return type is an incomplete type");
  if (name == "main") {
    bool ok = t->base->kind == TK::Int && (t->params.empty() || t->params.size() == 2);
    if (t->params.size() == 2) ok = ok && is_integer(t->params[0]) && t->params[1]->kind == TK::Pointer;
    if (!ok) fail(tok, "unsupported signature of 'main' (int main(void) or int main(int argc, char **argv))");
  }
  FuncInfo* f = declare_function(name, t, tok, true);
  note(ctx, t, "function");
  for (auto& [word, d] : pending_directives_) {
    d.proc = name;
    img_.directives.push_back(d);
  }
  pending_directives_.clear();

  UnitBuilder unit(name);
  unit_ = &unit;
  unit.reserve_proc();
  FnCtx ctxf;
  ctxf.func = f;
  ctxf.pb = std::make_unique<ProcBuilder>(&unit, name);
  fn_ = &ctxf;
  collect_address_taken(ctx->compoundStatement(), &ctxf.address_taken);
  push_scope();
  try {
    pos(ctx->getStart());
    Signature sig = signature_of(t);
    size_t k = 0;
    if (f->result_by_ref) ctxf.result_addr = pb().param(Kind::I, sig.param_types[k], sig.param_modes[k]), k++;
    std::vector<uint32_t> regs;
    std::vector<Symbol*> declared;
    for (size_t i = 0; i < params.size(); i++, k++) regs.push_back(pb().param(sig.params[k], sig.param_types[k], sig.param_modes[k]));
    if (t->variadic) {  // after the fixed parameters: the variable ones' slots and count
      ctxf.va_slots = pb().param(sig.params[k], sig.param_types[k], sig.param_modes[k]);
      ctxf.va_count = pb().param(sig.params[k + 1], sig.param_types[k + 1], sig.param_modes[k + 1]);
    }
    if (sig.result != Kind::V) pb().set_result(sig.result, sig.result_type);
    for (size_t i = 0; i < params.size(); i++) {
      const auto& [pname, pt] = params[i];
      if (pname.empty()) fail(tok, "parameter name omitted");
      Symbol s;
      s.k = Symbol::Var;
      s.name = pname;
      s.type = pt;
      s.is_param = true;
      if (pt->kind == TK::Struct) {
        // Passed by address: the callee's own copy lives in its frame.
        s.st.k = Storage::Frame;
        s.st.off = pb().frame_slot(pt->size, pt->align);
        uint32_t dst = pb().reg(Kind::I);
        pb().emit_prologue(Op::ADDK, {dst, frame_base(), s.st.off});
        pb().emit_prologue(Op::COPY, {dst, regs[i], image_type(pt)});
      } else if (ctxf.address_taken.count(pname)) {
        s.st.k = Storage::Frame;
        s.st.off = pb().frame_slot(pt->size, pt->align);
        pb().emit_prologue(store_op(pt), {regs[i], frame_base(), s.st.off});
      } else {
        s.st.k = Storage::Reg;
        s.st.reg = regs[i];
      }
      pb().add_local({pname, image_type(pt), s.st.k == Storage::Frame, s.st.k == Storage::Frame ? s.st.off : regs[i]});
      declared.push_back(declare(pname, s, tok));
    }
    vla_parameters(ctx->declarator(), declared);
    compound(ctx->compoundStatement(), false);
    check_labels();
    if (!pb().last_is_end()) {
      pos(ctx->compoundStatement()->getStop());
      emit_return_default();
    }
  } catch (const CompileError& e) {
    report(e);
  }
  pop_scope();
  if (diags_->error_count() == 0) {
    unit.set_proc(0, pb().finish());
    Unit u = unit.finish();
    u.sigs = ctxf.sigs;
    img_.units.push_back(std::move(u));
  }
  fn_ = nullptr;
  unit_ = nullptr;
}

// #pragma dvm interprocedure NAME | mapper NAME | group A, B | updatepoint
// | service NAME | export NAME | remote NAME SERVICE (c_remote.cpp)
void Compiler::pragma(antlr4::Token* tok, bool in_statement) {
  std::vector<std::string> words;
  std::string cur;
  // A static local is named `function.variable`; the preprocessor may have
  // spaced the dot out.
  std::string text = tok->getText().substr(7);  // after "#pragma"
  for (size_t at; (at = text.find(" .")) != std::string::npos;) text.erase(at, 1);
  for (size_t at; (at = text.find(". ")) != std::string::npos;) text.erase(at + 1, 1);
  for (char ch : text) {
    if (std::isspace(static_cast<unsigned char>(ch)) || ch == ',') {
      if (!cur.empty()) words.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) words.push_back(cur);
  if (words.size() < 2) fail(tok, "empty dvm pragma");
  const std::string& kind = words[1];
  if (kind == "updatepoint") {
    if (!in_statement) fail(tok, "'updatepoint' must stand where a statement may stand");
    if (words.size() != 2) fail(tok, "'updatepoint' takes no arguments");
    pos(tok);
    pb().emit(Op::UPDPT, {pb().new_update_point()});
    return;
  }
  if (in_statement) fail(tok, "the '" + kind + "' pragma cannot stand in a function");
  Directive d;
  d.line = tok_line(tok);
  d.col = tok_col(tok);
  if (kind == "interprocedure" || kind == "mapper") {
    if (words.size() != 3) fail(tok, "'" + kind + "' takes one name");
    d.kind = kind == "mapper" ? DirectiveKind::Mapper : DirectiveKind::Interprocedure;
    d.names.push_back(words[2]);
    pending_directives_.push_back({kind, d});
  } else if (kind == "group") {
    if (words.size() < 3) fail(tok, "'group' needs at least one function name");
    d.kind = DirectiveKind::Group;
    d.names.assign(words.begin() + 2, words.end());
    img_.directives.push_back(std::move(d));
  } else if (kind == "service" || kind == "export" || kind == "remote") {
    remote_pragma(tok, words);
  } else {
    fail(tok, "unknown dvm pragma '" + kind + "'");
  }
}

}  // namespace dvm::c

namespace dvm {

namespace {

// gcc checks a program as it reads it: an undeclared name on line 4 is its
// first error even when line 9 misses a ';'.  So after syntax errors, what
// the parser read whole is checked too, and the errors found before the
// first syntax error come first.  (Errors only the whole program can tell,
// a missing main or definition, would be the pruning's: left out.)
void add_earlier_errors(const SourceFile& src, c::ParseResult& parsed, Diagnostics* diags) {
  if (!diags->first_error() || !parsed.parser || !c::prune_broken(parsed.tree)) return;
  Diagnostics checked;
  try {
    c::Compiler comp(src, &checked, parsed.included);
    Image unused;
    comp.compile(parsed.tree, &unused);
  } catch (...) {
    return;  // what is left is too broken to say more
  }
  diags->put_earlier_errors_first(
      checked, [](const Diagnostic& d) { return d.message.rfind("undefined reference to", 0) != 0; });
}

}  // namespace

bool compile_c(const SourceFile& src, Image* out, Diagnostics* diags, const CompileOptions& options) {
  FrameGuards guards(options.check_memory);
  c::ParseResult parsed = c::parse_c(src, diags);
  if (diags->error_count() > 0 && parsed.tree) add_earlier_errors(src, parsed, diags);
  if (diags->error_count() > 0 || !parsed.tree) return false;
  c::Compiler comp(src, diags, parsed.included);
  return comp.compile(parsed.tree, out);
}

}  // namespace dvm
