// The C library (frontend/c_headers.cpp lists it): a call of a library
// function becomes a VM builtin (stdlib/builtins.def), a few instructions, or
// a call of C code from stdlib/prelude.c compiled into the image.  A library
// function used as a value (a function pointer) gets a small procedure of its
// own name that makes the same call, so calls through pointers reach it too.
#include <cstring>

#include "frontend/c_compiler.h"
#include "frontend/c_headers.h"
#include "frontend/c_parse.h"
#include "stdlib/builtin_ids.h"
#include "vm/errors.h"

namespace dvm::c {

namespace {
int builtin_index(const char* name) {
  for (int i = 0; i < kNumBuiltins; i++)
    if (std::strcmp(kBuiltinSigs[i].name, name) == 0) return i;
  return -1;
}
}  // namespace

bool Compiler::is_library(const std::string& name) { return library_function(name) != nullptr || name == "dvm_serve"; }

// An undeclared name that a standard header the program included would
// declare, had dvm's library the function: say so, not "undeclared".
void Compiler::check_library_name(const std::string& name, antlr4::Token* tok) {
  const char* header = unprovided_function_header(name);
  if (header && included_headers_.count(header))
    fail(tok, "'" + name + "' is not provided by dvm's C library (<" + header + ">)");
}

uint32_t Compiler::emit_callb(const char* builtin, const std::vector<Val>& args, antlr4::Token* tok) {
  int id = builtin_index(builtin);
  if (id < 0) throw std::logic_error(std::string("no builtin ") + builtin);
  const BuiltinSig& sig = kBuiltinSigs[id];
  std::vector<Kind> kinds(sig.params, sig.params + sig.num_params);
  if (sig.result != Kind::V) kinds.push_back(sig.result);
  uint32_t b = block(kinds);
  for (size_t i = 0; i < args.size() && i < sig.num_params; i++) to_dest(args[i], b + static_cast<uint32_t>(i));
  if (tok) pos(tok);
  pb().emit(Op::CALLB, {static_cast<uint32_t>(id), b});
  return sig.result != Kind::V ? b + sig.num_params : 0;
}

// The variable arguments of a call as 8-byte slots in the frame area, after
// the default argument promotions: integers as int64, doubles as their bits,
// pointers as addresses.  This is how every variadic callee receives them
// (the slots' address and count follow its fixed parameters).
Compiler::VarArgs Compiler::vararg_array(const std::vector<P::ExprContext*>& args, size_t first) {
  size_t n = args.size() > first ? args.size() - first : 0;
  std::vector<Val> vals(n);
  for (size_t i = args.size(); i-- > first;) {  // the last first, as the fixed ones (pass_args)
    Val v = rvalue(expr(args[i]));
    if (v.m == Val::None) fail(args[i], "invalid use of void expression");
    if (!is_scalar(v.type)) fail(args[i], "unsupported: struct arguments to variadic functions");
    Type* t = is_float(v.type) ? t_double_ : is_integer(v.type) ? promote(v.type) : v.type;
    v = convert(v, t);
    vals[i - first] = reg_val(t, to_reg(v));
  }
  uint32_t off = pb().frame_slot(static_cast<uint32_t>(std::max<size_t>(n, 1) * 8), 8);
  uint32_t base = frame_base();
  for (size_t i = 0; i < vals.size(); i++)
    pb().emit(is_float(vals[i].type) ? Op::STF64 : Op::ST64, {vals[i].reg, base, static_cast<uint32_t>(off + 8 * i)});
  uint32_t r = temp(Kind::I);
  pb().emit(Op::ADDK, {r, base, off});
  return {reg_val(t_voidp_, r), int_val(static_cast<int64_t>(n), t_long_)};
}

namespace {
// What a printf or scanf conversion wants: kind of value and its size class.
struct Wanted {
  enum K { Int, Double, String, Pointer, None } k;
  bool wide;          // l, ll, z, j, t: 64-bit
  std::string text;   // gcc's words for the type
};

Wanted printf_wants(char conv, const std::string& len) {
  bool wide = len == "l" || len == "ll" || len == "z" || len == "j" || len == "t" || len == "q";
  switch (conv) {
    case 'd': case 'i': return {Wanted::Int, wide, wide ? (len == "z" ? "size_t" : "long int") : "int"};
    case 'u': case 'o': case 'x': case 'X':
      return {Wanted::Int, wide, wide ? (len == "z" ? "size_t" : "long unsigned int") : "unsigned int"};
    case 'c': return {Wanted::Int, false, "int"};
    case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A': return {Wanted::Double, false, "double"};
    case 's': return {Wanted::String, false, "char *"};
    case 'p': return {Wanted::Pointer, false, "void *"};
    default: return {Wanted::None, false, ""};
  }
}
}  // namespace

// gcc's -Wformat: a literal format string's conversions against the
// arguments' types (printf's values after promotion, scanf's pointers).
void Compiler::check_format(const std::string& function, const std::vector<P::ExprContext*>& args, size_t fmt_index,
                            antlr4::Token* tok) {
  if (fmt_index >= args.size() || translation_unit_ != 0) return;
  P::ExprContext* f = args[fmt_index];
  while (auto* pe = dynamic_cast<P::PrimaryExprContext*>(f)) {
    if (auto* sp = dynamic_cast<P::StringPrimaryContext*>(pe->primary())) {
      check_format_string(function, decode_string(sp), args, fmt_index, tok);
      return;
    }
    auto* pp = dynamic_cast<P::ParenPrimaryContext*>(pe->primary());
    if (!pp || pp->expression()->expr().size() != 1) return;
    f = pp->expression()->expr(0);
  }
}

void Compiler::check_format_string(const std::string& function, const std::string& fmt,
                                   const std::vector<P::ExprContext*>& args, size_t fmt_index, antlr4::Token* tok) {
  bool scanf = function.find("scanf") != std::string::npos;
  size_t next = fmt_index + 1;
  auto arg_type = [&](size_t i) {
    Type* t = type_of_expr(args[i]);
    if (t->kind == TK::Array) t = pointer_to(t->base);
    if (t->kind == TK::Func) t = pointer_to(t);
    if (!scanf) t = is_float(t) ? t_double_ : is_integer(t) ? promote(t) : t;
    return t;
  };
  auto mismatch = [&](const std::string& conv, const std::string& want, size_t i, Type* got) {
    warn(args[i]->getStart(), "format '" + conv + "' expects argument of type '" + want + "', but argument " +
                                  std::to_string(i + 1) + " has type '" + type_name(got) + "'");
  };
  for (size_t i = 0; i < fmt.size(); i++) {
    if (fmt[i] != '%') continue;
    size_t start = i++;
    bool suppress = false;
    while (i < fmt.size() && std::strchr(scanf ? "*" : "-+ #0'", fmt[i])) suppress = suppress || fmt[i++] == '*';
    for (int part = 0; part < 2; part++) {  // width, then .precision
      if (part == 1) {
        if (i >= fmt.size() || fmt[i] != '.') break;
        i++;
      }
      if (!scanf && i < fmt.size() && fmt[i] == '*') {
        i++;
        if (next < args.size() && !is_integer(arg_type(next))) mismatch("%*", "int", next, arg_type(next));
        next++;
      }
      while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) i++;
    }
    std::string len;
    while (i < fmt.size() && std::strchr("hlLqjzt", fmt[i])) len += fmt[i++];
    if (i >= fmt.size()) break;
    char conv = fmt[i];
    std::string spec = fmt.substr(start, i - start + 1);
    if (conv == '%' || (scanf && (conv == '[' || suppress))) {
      if (conv == '[') {  // to the closing ]: a ] first (after any ^) is a member
        if (i + 1 < fmt.size() && fmt[i + 1] == '^') i++;
        if (i + 1 < fmt.size() && fmt[i + 1] == ']') i++;
        while (i + 1 < fmt.size() && fmt[++i] != ']') {}
      }
      if (suppress && conv != '%') continue;
      if (conv == '%') continue;
    }
    if (conv == 'n') {  // takes a pointer to the count (its type not checked further)
      if (next >= args.size()) {
        warn(tok, "format '" + spec + "' expects a matching 'int *' argument");
        return;
      }
      next++;
      continue;
    }
    Wanted w = printf_wants(conv == '[' ? 's' : conv, len);
    if (w.k == Wanted::None) continue;
    if (next >= args.size()) {
      warn(tok, "format '" + spec + "' expects a matching '" + w.text + (scanf ? " *" : "") + "' argument");
      return;
    }
    Type* t = arg_type(next);
    bool ok;
    if (scanf) {
      Type* b = t->kind == TK::Pointer ? t->base : nullptr;
      bool is_f = conv == 'f' || conv == 'e' || conv == 'g' || conv == 'a' || conv == 'F' || conv == 'E' || conv == 'G';
      if (!b) ok = false;
      else if (is_f) ok = len == "l" ? b->kind == TK::Double : b->kind == TK::Float;
      else if (w.k == Wanted::String || conv == 'c') ok = b->kind == TK::Char || b->kind == TK::SChar || b->kind == TK::UChar;
      else if (w.k == Wanted::Pointer) ok = b->kind == TK::Pointer;
      else ok = is_integer(b) && b->size == (len == "hh" ? 1u : len == "h" ? 2u : w.wide ? 8u : 4u);
      if (!ok) {
        std::string want = is_f ? (len == "l" ? "double *" : "float *")
                         : w.k == Wanted::String || conv == 'c' ? "char *"
                         : len == "hh" ? "signed char *" : len == "h" ? "short int *" : w.text + " *";
        mismatch(spec, want, next, t);
      }
    } else {
      switch (w.k) {
        case Wanted::Int: ok = is_integer(t) && (t->size == 8) == w.wide; break;
        case Wanted::Double: ok = is_float(t); break;
        case Wanted::String:
          ok = t->kind == TK::Pointer && (t->base->kind == TK::Char || t->base->kind == TK::SChar || t->base->kind == TK::UChar);
          break;
        case Wanted::Pointer: ok = t->kind == TK::Pointer; break;
        default: ok = true;
      }
      if (!ok) mismatch(spec, w.text, next, t);
    }
    next++;
  }
  if (next < args.size()) warn(args[next]->getStart(), "too many arguments for format");
}

// A call written in the program: the arguments are converted as the
// prototype says, the variable ones go to slots, then the library call.
Val Compiler::call_library(const std::string& name, FuncInfo* f, const std::vector<P::ExprContext*>& args,
                           antlr4::Token* tok) {
  if (name == "__dvm_assert") {  // assert(e) is __dvm_assert(e, #e)
    if (args.size() != 2) fail(tok, "assert takes one argument");
    Label ok = pb().new_label();
    cond_jump(args[0], ok, true);
    pos(tok);
    emit_callb("ASSERT_FAILED", {rvalue(expr(args[1]))}, tok);
    pb().emit(Op::TRAP, {static_cast<uint32_t>(RtError::AssertFailed)});  // not reached: the builtin fails
    pb().bind(ok);
    return Val{};
  }
  if (name == "dvm_serve") return call_dvm_serve(args, tok);
  const LibFunction* lib = library_function(name);
  // The library's own prototype, whatever the program declared (`double sin();`).
  Type* ft = library_type(name, f);
  if (args.size() < ft->params.size()) fail(tok, "too few arguments to function '" + name + "'");
  if (args.size() > ft->params.size() && !ft->variadic) fail(tok, "too many arguments to function '" + name + "'");
  f->called = true;
  // From the last argument to the first, as gcc evaluates them (pass_args).
  VarArgs va;
  if (ft->variadic) {
    // The format is the last fixed parameter of printf's and scanf's families.
    if (!ft->params.empty()) check_format(name, args, ft->params.size() - 1, tok);
    va = vararg_array(args, ft->params.size());
  }
  std::vector<Val> vals(ft->params.size());
  for (size_t i = ft->params.size(); i-- > 0;) {
    Val v = assign_convert(expr(args[i]), unqual(ft->params[i]), args[i], "passing argument " + std::to_string(i + 1) + " of");
    vals[i] = reg_val(v.type, to_reg(v));
  }
  return library_call(*lib, ft, vals, ft->variadic ? &va : nullptr, tok);
}

Type* Compiler::library_type(const std::string& name, FuncInfo* f) {
  auto it = library_types_.find(name);
  if (it != library_types_.end()) return it->second;
  Type* t = f && f->type->proto ? f->type : nullptr;
  const LibFunction* lib = library_function(name);
  if (!t && lib && lib->prototype[0]) t = parse_prototype(lib->prototype);
  if (!t) throw std::logic_error("library function without a prototype: " + name);
  library_types_[name] = t;
  return t;
}

// The type a header's prototype gives, parsed on its own (with the header's
// declarations, so FILE and size_t are known).
Type* Compiler::parse_prototype(const char* prototype) {
  std::string text;
  for (const char* h : {"stddef.h", "stdio.h", "stdlib.h", "time.h"}) text += "#include <" + std::string(h) + ">\n";
  text += prototype;
  SourceFile src("<dvm library>", text);
  Diagnostics scratch;
  TranslationUnitGuard unit(*this, 2);
  ParseResult parsed = parse_c(src, &scratch);
  if (!parsed.tree || scratch.error_count() > 0) return nullptr;
  parsed_prototypes_.push_back(std::move(parsed));
  auto* tree = parsed_prototypes_.back().tree;
  auto* last = dynamic_cast<P::DeclExtContext*>(tree->externalDeclaration().back());
  if (!last) return nullptr;
  P::DeclarationContext* d = last->declaration();
  ScopeGuard scope(*this);
  for (auto* ext : tree->externalDeclaration())
    if (auto* decl = dynamic_cast<P::DeclExtContext*>(ext); decl && decl != last) declaration(decl->declaration(), false);
  DeclSpec ds = decl_specifiers(d->declSpecifiers());
  std::string name;
  antlr4::Token* tok = nullptr;
  return apply_declarator(ds.type, d->initDeclaratorList()->initDeclarator(0)->declarator(), &name, &tok);
}

// The call itself, from argument values already converted to the prototype's
// parameter types; `va` holds the variable arguments of a variadic function.
Val Compiler::library_call(const LibFunction& lib, Type* ft, const std::vector<Val>& args, const VarArgs* va,
                           antlr4::Token* tok) {
  Type* rt = ft->base;
  auto result = [&](uint32_t r) -> Val {
    if (rt->kind == TK::Void) return Val{};
    if (rt->kind == TK::Float) {  // the float forms of <math.h> compute in double
      uint32_t f = temp(Kind::F);
      pb().emit(Op::FSINGLE, {f, r});
      return reg_val(rt, f, true);
    }
    return reg_val(rt, r);
  };
  const std::string name = lib.name;
  switch (lib.impl) {
    case LibImpl::Builtin: return result(emit_callb(lib.builtin, args, tok));
    case LibImpl::Prelude: return call_prelude(name, ft, args, tok);
    case LibImpl::Special: break;
  }
  if (ft->variadic) return variadic_library_call(name, args, *va, tok);
  if (name == "__dvm_va_start") {  // va_start(ap, last): this function's slots and count into *ap
    if (!fn_->func || fn_->va_slots == FnCtx::kNoReg) fail(tok, "'va_start' used in function with fixed arguments");
    uint32_t ap = to_reg(args[0]);
    pb().emit(Op::ST64, {fn_->va_slots, ap, 0});
    pb().emit(Op::ST64, {fn_->va_count, ap, 8});
    return Val{};
  }
  if (name[0] == 'v' && (name.find("printf") != std::string::npos || name.find("scanf") != std::string::npos)) {
    // vprintf(fmt, ap) is printf(fmt, ...) with ap's slots and count.
    uint32_t ap = to_reg(args.back()), slots = temp(Kind::I), count = temp(Kind::I);
    pb().emit(Op::LD64, {slots, ap, 0});
    pb().emit(Op::LD64, {count, ap, 8});
    std::vector<Val> fixed(args.begin(), args.end() - 1);
    return variadic_library_call(name.substr(1), fixed, {reg_val(t_voidp_, slots), reg_val(t_long_, count)}, tok);
  }
  if (name == "fputs" || name == "fputc" || name == "putc") {
    bool is_str = name == "fputs";
    uint32_t off = pb().frame_slot(8, 8);
    pb().emit(Op::ST64, {to_reg(args[0]), frame_base(), off});
    uint32_t a = temp(Kind::I);
    pb().emit(Op::ADDK, {a, frame_base(), off});
    uint32_t r = emit_callb("FPRINTF", {args[1], reg_val(t_charp_, string_address(is_str ? "%s" : "%c")), reg_val(t_voidp_, a),
                                        int_val(1, t_long_)}, tok);
    if (!is_str) {  // the character written, as an unsigned char
      uint32_t c = temp(Kind::I);
      pb().emit(Op::ZEXT8, {c, to_reg(args[0])});
      return reg_val(t_int_, c, true);
    }
    return result(r);
  }
  if (name == "abs" || name == "labs" || name == "llabs") {
    uint32_t r = temp(Kind::I);
    pb().emit(Op::ABS, {r, to_reg(args[0])});
    return reg_val(rt, name == "abs" ? normalize(r, t_int_) : r, true);
  }
  if (name == "fabs" || name == "fabsf") {
    uint32_t r = temp(Kind::F);
    pb().emit(Op::FABS, {r, to_reg(args[0])});
    return reg_val(rt, r, true);
  }
  if (name == "exit") {
    uint32_t r = to_reg(args[0]);
    emit_callb("C_EXIT_FLUSH", {}, tok);
    pb().emit(Op::HALT, {r});
    return Val{};
  }
  if (name == "abort") {
    pos(tok);
    pb().emit(Op::TRAP, {static_cast<uint32_t>(RtError::Aborted)});
    return Val{};
  }
  if (name == "sleep") {
    uint32_t ms = temp(Kind::I);
    pb().emit(Op::MULK, {ms, to_reg(args[0]), 1000});
    emit_callb("SLEEP_MS", {reg_val(t_long_, ms)}, tok);
    return int_val(0, t_uint_);
  }
  fail(tok, "internal error: library function '" + name + "' has no implementation");
}

// printf and friends: the fixed arguments, then the slots and their count.
Val Compiler::variadic_library_call(const std::string& name, const std::vector<Val>& args, const VarArgs& va,
                                    antlr4::Token* tok) {
  static const std::map<std::string, const char*> builtins = {
      {"printf", "PRINTF"}, {"fprintf", "FPRINTF"}, {"sprintf", "SPRINTF"}, {"snprintf", "SNPRINTF"},
      {"scanf", "SCANF"},   {"sscanf", "SSCANF"},   {"fscanf", "FSCANF"},
  };
  auto it = builtins.find(name);
  if (it == builtins.end()) fail(tok, "internal error: no variadic library function '" + name + "'");
  std::vector<Val> all = args;
  all.push_back(va.addr);
  all.push_back(va.count);
  return reg_val(t_int_, emit_callb(it->second, all, tok));
}

// A call of a function written in C in stdlib/prelude.c: an ordinary call;
// its definition is compiled into the image at the end.
Val Compiler::call_prelude(const std::string& name, Type* ft, const std::vector<Val>& args, antlr4::Token* tok) {
  needed_prelude_.insert(name);
  Signature sig = signature_of(ft);
  std::vector<Kind> kinds = sig.params;
  if (sig.result != Kind::V) kinds.push_back(sig.result);
  uint32_t b = block(kinds);
  uint32_t slot = b;
  Val result;
  if (ft->base->kind == TK::Struct) {
    uint32_t off = pb().frame_slot(ft->base->size, ft->base->align);
    pb().emit(Op::ADDK, {slot++, frame_base(), off});
    result = mem_val(ft->base, frame_base(), static_cast<int32_t>(off));
    result.lvalue = false;
  }
  for (const Val& v : args) to_dest(v, slot++);
  pos(tok);
  pb().emit(Op::CALL, {ub().proc_ref(name), b});
  if (ft->base->kind == TK::Struct) return result;
  if (sig.result == Kind::V) return Val{};
  return reg_val(ft->base, b + static_cast<uint32_t>(sig.params.size()));
}

// A function used as a value: a library function then needs a procedure of
// its name (its prelude definition, or a wrapper around the builtin).
void Compiler::note_function_value(const std::string& name) {
  funcs_[name].called = true;
  if (defined_names_.count(name) || !is_library(name)) return;
  const LibFunction* lib = library_function(name);
  if (lib->impl == LibImpl::Prelude) needed_prelude_.insert(name);
  else library_values_.insert(name);
}

// While compiling library code: its positions are no lines of the program.
struct LibraryCode {
  explicit LibraryCode(Compiler& c) : c_(c), saved_(c.library_code_) { c.library_code_ = true; }
  ~LibraryCode() { c_.library_code_ = saved_; }
  Compiler& c_;
  bool saved_;
};

// The procedure behind a library function's value: its parameters (the
// variable arguments as slots and count), the library call, the return.
void Compiler::compile_library_wrapper(const std::string& name) {
  LibraryCode library(*this);
  const LibFunction* lib = library_function(name);
  Type* ft = library_type(name, funcs_.count(name) ? &funcs_[name] : nullptr);
  if (ft->base->kind == TK::Struct) throw std::logic_error("library wrapper with a struct result: " + name);
  UnitBuilder unit(name);
  unit_ = &unit;
  unit.reserve_proc();
  FnCtx ctx;
  FuncInfo& f = funcs_[name];
  f.name = name;
  f.type = ft;
  f.defined = true;
  ctx.func = &f;
  ctx.pb = std::make_unique<ProcBuilder>(&unit, name);
  fn_ = &ctx;
  Signature sig = signature_of(ft);
  std::vector<Val> args;
  for (size_t i = 0; i < ft->params.size(); i++)
    args.push_back(reg_val(unqual(ft->params[i]), pb().param(sig.params[i], sig.param_types[i], sig.param_modes[i])));
  VarArgs va;
  if (ft->variadic) {
    size_t k = ft->params.size();
    va.addr = reg_val(t_voidp_, pb().param(sig.params[k], sig.param_types[k], sig.param_modes[k]));
    va.count = reg_val(t_long_, pb().param(sig.params[k + 1], sig.param_types[k + 1], sig.param_modes[k + 1]));
  }
  if (sig.result != Kind::V) pb().set_result(sig.result, sig.result_type);
  antlr4::CommonToken at(0, name);
  at.setLine(1);
  at.setCharPositionInLine(0);
  pos(&at);
  Val r = library_call(*lib, ft, args, ft->variadic ? &va : nullptr, &at);
  if (sig.result == Kind::V) {
    if (!pb().last_is_end()) pb().emit(Op::RET, {});
  } else {
    pb().emit(sig.result == Kind::F ? Op::RETF : Op::RETI, {to_reg(convert(r, unqual(ft->base)))});
  }
  unit.set_proc(0, pb().finish());
  Unit u = unit.finish();
  u.sigs = ctx.sigs;
  img_.units.push_back(std::move(u));
  fn_ = nullptr;
  unit_ = nullptr;
}

namespace {
const char kPrelude[] =
#include "prelude_c.inc"
    ;
}  // namespace

// The library code written in C: the definitions the program needs (and
// those they need in turn), compiled into this image.  The prelude declares
// no variables at file scope (its state lives in static locals), so only its
// declarations and the needed definitions are compiled.
void Compiler::compile_prelude() {
  LibraryCode library(*this);
  SourceFile src("<dvm prelude>", kPrelude);
  prelude_ = std::make_unique<ParseResult>(parse_c(src, diags_));
  if (!prelude_->tree || diags_->error_count() > 0) return;
  // Its own translation unit: its declarations in a scope of their own.
  ScopeGuard scope(*this);
  TranslationUnitGuard unit(*this, 1);
  std::map<std::string, P::FunctionDefinitionContext*> definitions;
  try {
    for (auto* ext : prelude_->tree->externalDeclaration()) {
      if (auto* f = dynamic_cast<P::FuncDefExtContext*>(ext)) {
        // Declared now, compiled when needed: prelude code calls its own helpers.
        P::FunctionDefinitionContext* def = f->functionDefinition();
        std::string name;
        antlr4::Token* tok = nullptr;
        Type* t = apply_declarator(decl_specifiers(def->declSpecifiers()).type, def->declarator(), &name, &tok);
        definitions[name] = def;
        if (!funcs_.count(name)) declare_function(name, t, tok, false);
        continue;
      }
      external_declaration(ext);
    }
  } catch (const CompileError& e) {
    report(e);
    return;
  }
  std::set<std::string> done;
  while (diags_->error_count() == 0) {
    std::string next;
    for (const auto& [n, def] : definitions)
      if (!done.count(n) && !defined_names_.count(n) && (needed_prelude_.count(n) || funcs_[n].called)) next = n;
    if (next.empty()) break;
    done.insert(next);
    auto it = definitions.find(next);
    defined_names_.insert(next);
    try {
      function_definition(it->second);
    } catch (const CompileError& e) {
      report(e);
    }
  }
}

}  // namespace dvm::c
