// Remote procedures in Pascal (docs/DISTRIBUTED.md):
//   {$dvm export}                      before a top-level routine: other programs may call it
//   function f(..): T; external 'svc';  a routine of service svc, called like any other
//   ... external 'svc' name 'g';       the same, named g in its service
//   serve;                             serve calls until the program is stopped
// The program's name is its service.  An external routine compiles to a stub
// that hands its arguments to the RPC_* builtins; only values of types with a
// wire form cross (integers, reals, booleans, chars, enumerations, strings,
// and records and arrays of those).
#include "frontend/pascal_compiler.h"
#include "stdlib/builtin_ids.h"

namespace dvm::pascal {

namespace {

bool valid_service_name(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  return true;
}

// The text of a plain quoted literal ('inventory'); false for other forms.
bool plain_literal(const std::string& text, std::string* out) {
  if (text.size() < 2 || text.front() != '\'' || text.back() != '\'') return false;
  out->clear();
  for (size_t i = 1; i + 1 < text.size(); i++) {
    if (text[i] == '\'') {
      if (i + 2 >= text.size() || text[i + 1] != '\'') return false;
      i++;
    }
    *out += text[i];
  }
  return true;
}

// The identifier tokens of a heading's parameters, in order.
std::vector<antlr4::Token*> parameter_tokens(P::RoutineDeclarationContext* ctx) {
  P::FormalParametersContext* fp =
      ctx->procedureHeading() ? ctx->procedureHeading()->formalParameters() : ctx->functionHeading()->formalParameters();
  std::vector<antlr4::Token*> out;
  if (!fp) return out;
  for (auto* g : fp->parameterGroup())
    for (auto* id : g->identifierList()->identifier()) out.push_back(id->getStart());
  return out;
}

P::TypeSpecContext* result_spec(P::RoutineDeclarationContext* ctx) {
  return ctx->functionHeading() ? ctx->functionHeading()->typeSpec() : nullptr;
}

Builtin put_builtin(Compiler& c, Type* t) {
  if (c.is_aggregate(t)) return Builtin::kRPC_PUT_MEM;
  switch (c.reg_kind(t)) {
    case Kind::F: return Builtin::kRPC_PUT_F;
    case Kind::S: return Builtin::kRPC_PUT_S;
    default: return Builtin::kRPC_PUT_I;
  }
}

Builtin result_builtin(Compiler& c, Type* t) {
  switch (c.reg_kind(t)) {
    case Kind::F: return Builtin::kRPC_RESULT_F;
    case Kind::S: return Builtin::kRPC_RESULT_S;
    default: return Builtin::kRPC_RESULT_I;
  }
}

}  // namespace

void Compiler::declare_remote_builtins() {
  Symbol s{Symbol::Builtin};
  s.builtin = kServeBuiltin;
  s.spelling = "serve";
  scopes_.back()["serve"] = (symbols_.push_back(s), &symbols_.back());
}

// serve  -- serves calls to this program's exported routines until it is stopped
Val Compiler::call_serve(const std::vector<P::ArgumentContext*>& args, antlr4::Token* tok, bool as_statement) {
  if (!args.empty()) fail(tok, "wrong number of parameters specified for call to \"serve\"");
  if (!as_statement) fail(tok, "\"serve\" is a procedure and has no value");
  if (!fn_) throw std::logic_error("not constant");
  emit_callb(static_cast<int>(Builtin::kSERVE), {}, Kind::V);
  return Val{};
}

// Why a value of type t cannot cross to another program, or "".
std::string Compiler::why_cannot_cross(Type* t, int depth) {
  if (depth > 32) return "its type is nested too deeply";
  std::string named = t->name.empty() ? "" : " (" + t->name + ")";
  switch (t->kind) {
    case TK::Integer: case TK::Real: case TK::Boolean: case TK::Char: case TK::Enum: case TK::String:
    case TK::Error:
      return "";
    case TK::Subrange: return why_cannot_cross(t->base, depth + 1);
    case TK::Array: {
      std::string why = why_cannot_cross(t->elem, depth + 1);
      return why.empty() ? "" : "its elements cannot: " + why;
    }
    case TK::Record:
      for (const FieldT& f : t->fields) {
        std::string why = why_cannot_cross(f.type, depth + 1);
        if (!why.empty())
          return "field '" + f.spelling + "'" + (t->name.empty() ? "" : " of " + t->name) + " cannot: " + why;
      }
      return "";
    case TK::Pointer: case TK::Nil: return "it is a pointer" + named;
    case TK::OpenArray: return "it is an open array";
    case TK::DynArray: return "it is a dynamic array" + named;
    case TK::Set: return "it is a set" + named;
    case TK::File: return "it is a file" + named;
    case TK::Proc: return "it is a procedure value" + named;
  }
  return "its type has no wire form";
}

// Every parameter and the result of r must cross: values of types with a wire form.
void Compiler::check_crossing(Routine* r, P::RoutineDeclarationContext* ctx, const std::string& what) {
  std::vector<antlr4::Token*> toks = parameter_tokens(ctx);
  for (size_t i = 0; i < r->params.size(); i++) {
    const Param& p = r->params[i];
    antlr4::Token* tok = i < toks.size() ? toks[i] : ctx->getStart();
    std::string who = "parameter '" + tok->getText() + "' of " + what + " '" + r->spelling + "'";
    if (p.mode == Mode::Var)
      fail(tok, who + " is a var parameter: only values cross to another program");
    std::string why = why_cannot_cross(p.type);
    if (!why.empty()) fail(tok, who + " cannot cross to another program: " + why);
  }
  if (r->result) {
    std::string why = why_cannot_cross(r->result);
    if (!why.empty())
      fail(result_spec(ctx), "the result of " + what + " '" + r->spelling + "' cannot cross to another program: " + why);
  }
}

// {$dvm export}  -- before a top-level routine
void Compiler::export_routine(P::DvmDirectiveContext* ctx, const std::vector<std::string>& words,
                              const std::string& next_routine) {
  if (words.size() != 1) fail(ctx, "'export' takes no arguments (it exports the routine that follows)");
  auto* rd = dynamic_cast<P::RoutineDeclarationContext*>(ctx->parent);
  if (next_routine.empty() || !rd) fail(ctx, "'export' must stand right before a routine");
  if (fn_ && fn_->routine->level >= 1) fail(ctx, "'export' must precede a top-level routine");
  Symbol* s = lookup(lower(next_routine));
  if (!s || s->k != Symbol::RoutineName) fail(ctx, "'export' must stand right before a routine");
  Routine* r = s->routine;
  if (rd->routineBody()->EXTERNAL()) fail(ctx, "an external routine cannot be exported: it runs in another program");
  check_crossing(r, rd, r->result ? "exported function" : "exported procedure");
  for (const RemoteProc& e : img_.exports)
    if (e.proc == r->name) return;  // a forward declaration exported twice
  RemoteProc e;
  e.proc = r->name;
  e.result_type = r->result ? image_type(r->result) : kNoType;
  e.result_in_memory = r->result_by_ref;
  img_.exports.push_back(e);
}

// function f(...): T; external 'service';
// The stub: RPC_BEGIN(service, name); RPC_PUT_* per parameter; RPC_CALL;
// RPC_RESULT_* for a function.  Records and arrays travel by address.
void Compiler::compile_import(Routine* r, P::RoutineDeclarationContext* ctx) {
  P::RoutineBodyContext* body = ctx->routineBody();
  antlr4::Token* lit = body->STRING_LITERAL(0)->getSymbol();
  std::string service;
  if (!plain_literal(lit->getText(), &service) || !valid_service_name(service))
    fail(lit, "the service of an external routine is a name of letters, digits, '_' and '-' in quotes ('inventory')");
  // `name 'proc'`: the procedure's name in its service, when it differs here.
  std::string remote_name = r->name;
  if (body->identifier()) {
    antlr4::Token* name_lit = body->STRING_LITERAL(1)->getSymbol();
    if (lower(body->identifier()->getText()) != "name") fail(body->identifier(), "expected 'name' after the service");
    if (!plain_literal(name_lit->getText(), &remote_name) || remote_name.empty())
      fail(name_lit, "the name of an external routine is a quoted identifier");
  }
  if (r->level != 1) fail(ctx, "an external routine must be declared at the top level of the program");
  if (r->defined) fail(ctx, "redefinition of '" + r->spelling + "'");
  check_crossing(r, ctx, r->result ? "external function" : "external procedure");
  r->defined = true;

  UnitBuilder unit(r->name);
  unit.reserve_proc();
  FnCtx fc;
  fc.routine = r;
  fc.pb = std::make_unique<ProcBuilder>(&unit, r->name);
  FnCtx* saved_fn = fn_;
  UnitBuilder* saved_unit = unit_;
  fn_ = &fc;
  unit_ = &unit;
  try {
    pos(ctx);
    uint32_t result_addr = r->result_by_ref ? pb().param(Kind::I) : 0;
    std::vector<uint32_t> regs;
    for (const Param& p : r->params) {
      bool by_addr = is_aggregate(p.type);
      regs.push_back(pb().param(by_addr ? Kind::I : reg_kind(p.type), image_type(p.type), static_cast<uint8_t>(p.mode)));
    }
    if (r->result && !r->result_by_ref) pb().set_result(reg_kind(r->result), image_type(r->result));
    emit_callb(static_cast<int>(Builtin::kRPC_BEGIN), {string_const(lower(service)), string_const(remote_name)}, Kind::V);
    for (size_t i = 0; i < r->params.size(); i++) {
      Type* t = r->params[i].type;
      Val v = is_aggregate(t) ? reg_val(t_int_, regs[i]) : reg_val(t, regs[i]);
      emit_callb(static_cast<int>(put_builtin(*this, t)), {v, int_const(image_type(t))}, Kind::V);
    }
    int64_t result_type = r->result ? image_type(r->result) : -1;
    emit_callb(static_cast<int>(Builtin::kRPC_CALL), {int_const(result_type)}, Kind::V);
    if (r->result && r->result_by_ref) {
      emit_callb(static_cast<int>(Builtin::kRPC_RESULT_MEM), {reg_val(t_int_, result_addr), int_const(result_type)},
                 Kind::V);
      pb().emit(Op::RET, {});
    } else if (r->result) {
      uint32_t rr = emit_callb(static_cast<int>(result_builtin(*this, r->result)), {int_const(result_type)},
                               reg_kind(r->result));
      Op ret = reg_kind(r->result) == Kind::F ? Op::RETF : reg_kind(r->result) == Kind::S ? Op::RETS : Op::RETI;
      pb().emit(ret, {rr});
    } else {
      pb().emit(Op::RET, {});
    }
    unit.set_proc(0, pb().finish());
  } catch (...) {
    fn_ = saved_fn;
    unit_ = saved_unit;
    throw;
  }
  fn_ = saved_fn;
  unit_ = saved_unit;
  img_.units.push_back(unit.finish());
  RemoteProc imp;
  imp.proc = r->name;
  imp.service = lower(service);
  imp.result_type = r->result ? image_type(r->result) : kNoType;
  imp.result_in_memory = r->result_by_ref;
  img_.imports.push_back(imp);
}

// The program's name is its service.  An interprocedure standing in for an
// exported routine serves callers compiled against the old signature, so it
// is recorded with the exports (how its result travels).
void Compiler::finish_remote(P::Program_Context* tree) {
  img_.service = lower(tree->identifier()->getText());
  if ((!img_.exports.empty() || !img_.imports.empty()) && !valid_service_name(img_.service)) {
    antlr4::Token* tok = tree->identifier()->getStart();
    diags_->error(static_cast<uint32_t>(tok->getLine()), static_cast<uint32_t>(tok->getCharPositionInLine()) + 1,
                  "this program exports or imports routines, so it is a service named after it: its name must be at "
                  "most 64 characters",
                  static_cast<uint32_t>(tok->getText().size()));
    return;
  }
  for (const Directive& d : img_.directives) {
    if (d.kind != DirectiveKind::Interprocedure || d.names.empty()) continue;
    bool exported = false;
    for (const RemoteProc& e : img_.exports)
      if (e.stands_for.empty() && lower(e.proc) == lower(d.names[0])) exported = true;
    Symbol* s = lookup(lower(d.proc));
    if (!exported || !s || s->k != Symbol::RoutineName) continue;
    Routine* r = s->routine;
    std::string why;
    for (const Param& p : r->params)
      if (why.empty()) why = p.mode == Mode::Var ? "a var parameter" : why_cannot_cross(p.type);
    if (why.empty() && r->result) why = why_cannot_cross(r->result);
    if (!why.empty()) {
      diags_->error(d.line, d.col,
                    "interprocedure '" + r->spelling + "' stands in for an exported routine, so its parameters " +
                        "and result must cross to other programs: " + why);
      continue;
    }
    RemoteProc e;
    e.proc = r->name;
    e.stands_for = d.names[0];
    e.result_type = r->result ? image_type(r->result) : kNoType;
    e.result_in_memory = r->result_by_ref;
    img_.exports.push_back(e);
  }
}

}  // namespace dvm::pascal
