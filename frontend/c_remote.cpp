// Remote procedures in C (docs/DISTRIBUTED.md):
//   #pragma dvm service NAME        the service this program serves (default: the file's stem)
//   #pragma dvm export NAME         other programs may call function NAME
//   #pragma dvm remote NAME SERVICE the prototype NAME is a function of SERVICE
//   dvm_serve();                    (<dvm.h>) serve calls until the program is stopped
// A remote function compiles to a stub that hands its arguments to the RPC_*
// builtins.  Only values cross: integers, floating types, `const char *`
// strings, and structs and arrays of numbers.
#include <cctype>

#include "frontend/c_compiler.h"
#include "stdlib/builtin_ids.h"

namespace dvm::c {

namespace {

bool valid_service_name(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  return true;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The file's stem as a service name: other characters become '_'.
std::string stem_service(const std::string& path) {
  std::string base = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  base = base.substr(0, base.rfind('.'));
  for (char& c : base)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = '_';
  return lower(base.empty() ? "program" : base);
}

bool is_char_kind(TK k) { return k == TK::Char || k == TK::SChar || k == TK::UChar; }

Builtin put_builtin(Compiler& c, Type* t) {
  if (t->kind == TK::Struct) return Builtin::kRPC_PUT_MEM;
  return c.is_float(t) ? Builtin::kRPC_PUT_F : Builtin::kRPC_PUT_I;
}

}  // namespace

// CALLB of builtin b with its argument block (the stub has no source token).
uint32_t Compiler::stub_callb(int builtin, const std::vector<Val>& args) {
  const BuiltinSig& sig = kBuiltinSigs[builtin];
  std::vector<Kind> kinds(sig.params, sig.params + sig.num_params);
  if (sig.result != Kind::V) kinds.push_back(sig.result);
  uint32_t b = block(kinds);
  for (size_t i = 0; i < args.size(); i++) to_dest(args[i], b + static_cast<uint32_t>(i));
  pb().emit(Op::CALLB, {static_cast<uint32_t>(builtin), b});
  return sig.result != Kind::V ? b + sig.num_params : 0;
}

// Why a value of type t cannot cross to another program, or "".  A pointer
// crosses only as a `const char *` parameter or result: a string, copied.
std::string Compiler::why_cannot_cross(Type* t, bool top, int depth) {
  if (depth > 32) return "its type is nested too deeply";
  switch (t->kind) {
    case TK::Void: return "it is void";
    case TK::Func: return "it is a function";
    case TK::Pointer:
      if (top && is_char_kind(t->base->kind)) {
        if (t->base->is_const) return "";
        return "it is a char *: declare it const char * (a string is copied; the callee cannot change the caller's)";
      }
      return is_func_ptr(t) ? "it is a function pointer" : "it is a pointer";
    case TK::Array: {
      if (t->len < 0) return "it is an array of unknown size";
      std::string why = why_cannot_cross(t->base, false, depth + 1);
      return why.empty() ? "" : "its elements cannot: " + why;
    }
    case TK::Struct:
      if (!t->st->complete) return "it is an incomplete struct";
      for (const Member& m : t->st->members) {
        std::string why = why_cannot_cross(m.type, false, depth + 1);
        if (!why.empty()) return "member '" + m.name + "' of struct " + t->st->tag + " cannot: " + why;
      }
      return "";
    default: return "";  // integers and floating types
  }
}

bool Compiler::check_crossing(FuncInfo& f, const std::string& what) {
  Type* ft = f.type;
  if (ft->variadic) {
    diags_->error(f.line, f.col, what + " '" + f.name + "' cannot be variadic");
    return false;
  }
  for (size_t i = 0; i < ft->params.size(); i++) {
    std::string why = why_cannot_cross(ft->params[i], true);
    if (!why.empty()) {
      diags_->error(f.line, f.col, "parameter " + std::to_string(i + 1) + " of " + what + " '" + f.name +
                                       "' cannot cross to another program: " + why);
      return false;
    }
  }
  if (ft->base->kind != TK::Void) {
    std::string why = why_cannot_cross(ft->base, true);
    if (!why.empty()) {
      diags_->error(f.line, f.col, "the result of " + what + " '" + f.name + "' cannot cross to another program: " + why);
      return false;
    }
  }
  return true;
}

// #pragma dvm service NAME | export NAME | remote NAME SERVICE
void Compiler::remote_pragma(antlr4::Token* tok, const std::vector<std::string>& words) {
  const std::string& kind = words[1];
  if (kind == "service") {
    if (words.size() != 3 || !valid_service_name(words[2]))
      fail(tok, "'service' takes one name of letters, digits, '_' and '-'");
    if (!service_.empty() && service_ != lower(words[2])) fail(tok, "the service is named twice");
    service_ = lower(words[2]);
  } else if (kind == "export") {
    if (words.size() != 3) fail(tok, "'export' takes one function name");
    remote_pragmas_.push_back({"export", words[2], "", tok_line(tok), tok_col(tok)});
  } else {
    if (words.size() != 4 || !valid_service_name(words[3]))
      fail(tok, "'remote' takes a function name and the service that exports it");
    remote_pragmas_.push_back({"remote", words[2], lower(words[3]), tok_line(tok), tok_col(tok)});
  }
}

// The stub of a remote function: RPC_BEGIN(service, name); RPC_PUT_* per
// parameter; RPC_CALL; RPC_RESULT_* for a result.  Structs travel by address.
void Compiler::compile_remote_stub(FuncInfo& f, const std::string& service) {
  UnitBuilder unit(f.name);
  unit_ = &unit;
  unit.reserve_proc();
  FnCtx ctxf;
  ctxf.func = &f;
  ctxf.pb = std::make_unique<ProcBuilder>(&unit, f.name);
  fn_ = &ctxf;
  try {
    pb().set_pos(f.line, f.col);
    Type* ft = f.type;
    Signature sig = signature_of(ft);
    size_t k = 0;
    uint32_t result_addr = 0;
    if (f.result_by_ref) result_addr = pb().param(Kind::I, sig.param_types[k], sig.param_modes[k]), k++;
    std::vector<uint32_t> regs;
    for (size_t i = 0; i < ft->params.size(); i++, k++)
      regs.push_back(pb().param(sig.params[k], sig.param_types[k], sig.param_modes[k]));
    if (sig.result != Kind::V) pb().set_result(sig.result, sig.result_type);
    uint32_t b = block({Kind::S, Kind::S});
    pb().emit(Op::LDKS, {b, ub().kstr(service)});
    pb().emit(Op::LDKS, {b + 1, ub().kstr(f.name)});
    pb().emit(Op::CALLB, {static_cast<uint32_t>(Builtin::kRPC_BEGIN), b});
    for (size_t i = 0; i < ft->params.size(); i++) {
      Type* t = ft->params[i];
      Val v = reg_val(t->kind == TK::Struct ? t_long_ : t, regs[i]);
      stub_callb(static_cast<int>(put_builtin(*this, t)), {v, int_val(image_type(t), t_long_)});
    }
    Type* rt = ft->base;
    int64_t result_type = rt->kind == TK::Void ? -1 : image_type(rt);
    stub_callb(static_cast<int>(Builtin::kRPC_CALL), {int_val(result_type, t_long_)});
    if (f.result_by_ref) {
      stub_callb(static_cast<int>(Builtin::kRPC_RESULT_MEM), {reg_val(t_long_, result_addr), int_val(result_type, t_long_)});
      pb().emit(Op::RET, {});
    } else if (rt->kind != TK::Void) {
      bool real = is_float(rt);
      uint32_t r = stub_callb(static_cast<int>(real ? Builtin::kRPC_RESULT_F : Builtin::kRPC_RESULT_I),
                              {int_val(result_type, t_long_)});
      pb().emit(real ? Op::RETF : Op::RETI, {r});
    } else {
      pb().emit(Op::RET, {});
    }
  } catch (const CompileError& e) {
    report(e);
  }
  if (diags_->error_count() == 0) {
    unit.set_proc(0, pb().finish());
    img_.units.push_back(unit.finish());
  }
  fn_ = nullptr;
  unit_ = nullptr;
}

// After the last declaration: stubs for remote functions, the exports (and
// interprocedures standing in for exported functions), the service name.
void Compiler::finish_remote() {
  img_.service = service_.empty() ? stem_service(src_.path) : service_;
  for (const RemotePragma& p : remote_pragmas_) {
    auto it = funcs_.find(p.name);
    if (it == funcs_.end()) {
      diags_->error(p.line, p.col, "'" + p.name + "' is not declared (a " + p.kind + " pragma names a function)");
      continue;
    }
    FuncInfo& f = it->second;
    bool remote = p.kind == "remote";
    if (remote && f.defined) {
      diags_->error(p.line, p.col, "'" + p.name + "' is defined in this program: a remote function has only a prototype");
      continue;
    }
    if (!remote && !f.defined) {
      diags_->error(p.line, p.col, "exported function '" + p.name + "' is not defined in this program");
      continue;
    }
    if (!check_crossing(f, remote ? "remote function" : "exported function")) continue;
    RemoteProc rp;
    rp.proc = f.name;
    rp.service = p.service;
    rp.result_type = f.type->base->kind == TK::Void ? kNoType : image_type(f.type->base);
    rp.result_in_memory = f.result_by_ref;
    if (remote) {
      f.defined = true;
      compile_remote_stub(f, p.service);
      img_.imports.push_back(rp);
    } else {
      img_.exports.push_back(rp);
    }
  }
  for (const Directive& d : img_.directives) {
    if (d.kind != DirectiveKind::Interprocedure || d.names.empty()) continue;
    bool exported = false;
    for (const RemoteProc& e : img_.exports)
      if (e.stands_for.empty() && e.proc == d.names[0]) exported = true;
    auto it = funcs_.find(d.proc);
    if (!exported || it == funcs_.end()) continue;
    if (!check_crossing(it->second, "interprocedure of an exported function")) continue;
    RemoteProc rp;
    rp.proc = d.proc;
    rp.stands_for = d.names[0];
    rp.result_type = it->second.type->base->kind == TK::Void ? kNoType : image_type(it->second.type->base);
    rp.result_in_memory = it->second.result_by_ref;
    img_.exports.push_back(rp);
  }
  if ((!img_.exports.empty() || !img_.imports.empty()) && !valid_service_name(img_.service))
    diags_->error(1, 1, "this program exports or imports functions, so it is a service, named after its file: '" +
                            img_.service + "' is longer than 64 characters (name it with #pragma dvm service NAME)");
}

// dvm_serve()
Val Compiler::call_dvm_serve(const std::vector<P::ExprContext*>& args, antlr4::Token* tok) {
  if (!args.empty()) fail(tok, "too many arguments to function 'dvm_serve'");
  pos(tok);
  stub_callb(static_cast<int>(Builtin::kSERVE), {});
  return Val{};
}

}  // namespace dvm::c
