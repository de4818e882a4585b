// The C library: calls of <stdio.h>, <stdlib.h>, ... functions become VM
// builtins (stdlib/builtins.def) or a few instructions; qsort is C code
// (stdlib/prelude.c) compiled into the image.
#include <cstring>

#include "frontend/c_compiler.h"
#include "frontend/c_parse.h"
#include "stdlib/builtin_ids.h"
#include "vm/errors.h"

namespace dvm::c {

namespace {
// Library functions that are one builtin with the prototype's arguments.
const std::map<std::string, const char*>& direct_builtins() {
  static const std::map<std::string, const char*> m = {
      {"malloc", "MALLOC"}, {"calloc", "CALLOC"}, {"realloc", "REALLOC"}, {"free", "FREE"},
      {"atoi", "ATOI"}, {"atol", "ATOL"}, {"strtol", "STRTOL"}, {"rand", "RAND"}, {"srand", "SRAND"},
      {"strlen", "STRLEN"}, {"strcmp", "STRCMP"}, {"strncmp", "STRNCMP"}, {"strcpy", "STRCPY"},
      {"strncpy", "STRNCPY"}, {"strcat", "STRCAT"}, {"strchr", "STRCHR"}, {"strrchr", "STRRCHR"},
      {"strstr", "STRSTR"}, {"memcpy", "MEMCPY"}, {"memmove", "MEMMOVE"}, {"memset", "MEMSET"},
      {"memcmp", "MEMCMP"}, {"pow", "POW"}, {"floor", "FLOOR"}, {"ceil", "CEIL"}, {"tan", "TAN"},
      {"atan", "ATAN"}, {"atan2", "ATAN2"}, {"log", "LOG"}, {"fmod", "FMOD"}, {"sqrt", "SQRTC"},
      {"exp", "EXPC"}, {"sin", "SIN"}, {"cos", "COS"}, {"isdigit", "ISDIGIT"}, {"isalpha", "ISALPHA"},
      {"isalnum", "ISALNUM"}, {"isspace", "ISSPACE"}, {"isupper", "ISUPPER"}, {"islower", "ISLOWER"},
      {"toupper", "TOUPPER"}, {"tolower", "TOLOWER"}, {"puts", "PUTS"}, {"putchar", "PUTCHAR"},
      {"getchar", "GETCHAR"}, {"usleep", "SLEEP_US"}, {"fflush", "FFLUSH"},
  };
  return m;
}

const std::set<std::string>& special_functions() {
  static const std::set<std::string> s = {"printf", "fprintf", "sprintf", "snprintf", "scanf", "abs", "labs",
                                          "fabs", "exit", "sleep", "fputs", "fputc", "putc", "qsort", "fgets",
                                          "__dvm_assert"};
  return s;
}

int builtin_index(const char* name) {
  for (int i = 0; i < kNumBuiltins; i++)
    if (std::strcmp(kBuiltinSigs[i].name, name) == 0) return i;
  return -1;
}
}  // namespace

bool Compiler::is_library(const std::string& name) {
  return direct_builtins().count(name) > 0 || special_functions().count(name) > 0 || name == "dvm_serve";
}

uint32_t Compiler::emit_callb(const char* builtin, const std::vector<Val>& args, antlr4::Token* tok) {
  int id = builtin_index(builtin);
  if (id < 0) fail(tok, std::string("unsupported: the library function behind ") + builtin + " is not available");
  const BuiltinSig& sig = kBuiltinSigs[id];
  std::vector<Kind> kinds(sig.params, sig.params + sig.num_params);
  if (sig.result != Kind::V) kinds.push_back(sig.result);
  uint32_t b = block(kinds);
  for (size_t i = 0; i < args.size() && i < sig.num_params; i++) to_dest(args[i], b + static_cast<uint32_t>(i));
  pos(tok);
  pb().emit(Op::CALLB, {static_cast<uint32_t>(id), b});
  return sig.result != Kind::V ? b + sig.num_params : 0;
}

// The variable arguments of a printf-like call as 8-byte slots in the frame
// area, after the default argument promotions.  Returns the address register.
uint32_t Compiler::vararg_array(const std::vector<P::ExprContext*>& args, size_t first, antlr4::Token* tok) {
  size_t n = args.size() > first ? args.size() - first : 0;
  std::vector<Val> vals;
  for (size_t i = first; i < args.size(); i++) {
    Val v = rvalue(expr(args[i]));
    if (v.m == Val::None) fail(args[i], "invalid use of void expression");
    if (!is_scalar(v.type)) fail(args[i], "unsupported: struct arguments to variadic functions");
    Type* t = is_float(v.type) ? t_double_ : is_integer(v.type) ? promote(v.type) : v.type;
    v = convert(v, t);
    vals.push_back(reg_val(t, to_reg(v)));
  }
  uint32_t off = pb().frame_slot(static_cast<uint32_t>(std::max<size_t>(n, 1) * 8), 8);
  uint32_t base = frame_base();
  for (size_t i = 0; i < vals.size(); i++)
    pb().emit(is_float(vals[i].type) ? Op::STF64 : Op::ST64, {vals[i].reg, base, static_cast<uint32_t>(off + 8 * i)});
  uint32_t r = temp(Kind::I);
  pb().emit(Op::ADDK, {r, base, off});
  (void)tok;
  return r;
}

Val Compiler::call_library(const std::string& name, FuncInfo* f, const std::vector<P::ExprContext*>& args, antlr4::Token* tok) {
  if (name == "__dvm_assert") {
    if (args.size() != 1) fail(tok, "assert takes one argument");
    Label ok = pb().new_label();
    cond_jump(args[0], ok, true);
    pos(tok);
    pb().emit(Op::TRAP, {static_cast<uint32_t>(RtError::AssertFailed)});
    pb().bind(ok);
    return Val{};
  }
  if (name == "dvm_serve") return call_dvm_serve(args, tok);
  Type* ft = f->type;
  if (args.size() < ft->params.size()) fail(tok, "too few arguments to function '" + name + "'");
  if (args.size() > ft->params.size() && !ft->variadic) fail(tok, "too many arguments to function '" + name + "'");
  f->called = true;
  Type* rt = ft->base;
  auto arg = [&](size_t i) { return assign_convert(expr(args[i]), unqual(ft->params[i]), args[i], "passing argument " + std::to_string(i + 1) + " of"); };
  auto result = [&](uint32_t r) { return rt->kind == TK::Void ? Val{} : reg_val(rt, r); };
  auto str_const = [&](const char* s) { return reg_val(t_charp_, string_address(s)); };
  auto direct = direct_builtins().find(name);
  if (direct != direct_builtins().end()) {
    std::vector<Val> vals;
    for (size_t i = 0; i < args.size(); i++) {
      Val v = arg(i);
      vals.push_back(reg_val(v.type, to_reg(v)));
    }
    return result(emit_callb(direct->second, vals, tok));
  }
  if (name == "printf" || name == "scanf") {
    Val fmt = arg(0);
    uint32_t fr = to_reg(fmt);
    uint32_t a = vararg_array(args, 1, tok);
    Val n = int_val(static_cast<int64_t>(args.size() - 1), t_long_);
    return result(emit_callb(name == "printf" ? "PRINTF" : "SCANF", {reg_val(t_charp_, fr), reg_val(t_voidp_, a), n}, tok));
  }
  if (name == "fprintf" || name == "sprintf") {
    Val s = arg(0);
    uint32_t sr = to_reg(s);
    uint32_t fr = to_reg(arg(1));
    uint32_t a = vararg_array(args, 2, tok);
    Val n = int_val(static_cast<int64_t>(args.size() - 2), t_long_);
    return result(emit_callb(name == "fprintf" ? "FPRINTF" : "SPRINTF",
                             {reg_val(t_voidp_, sr), reg_val(t_charp_, fr), reg_val(t_voidp_, a), n}, tok));
  }
  if (name == "snprintf") {
    uint32_t br = to_reg(arg(0));
    uint32_t sr = to_reg(arg(1));
    uint32_t fr = to_reg(arg(2));
    uint32_t a = vararg_array(args, 3, tok);
    Val n = int_val(static_cast<int64_t>(args.size() - 3), t_long_);
    return result(emit_callb("SNPRINTF", {reg_val(t_voidp_, br), reg_val(t_ulong_, sr), reg_val(t_charp_, fr), reg_val(t_voidp_, a), n}, tok));
  }
  if (name == "fputs" || name == "fputc" || name == "putc") {
    bool is_str = name == "fputs";
    Val x = arg(0);
    uint32_t xr = to_reg(x);
    uint32_t sr = to_reg(arg(1));
    uint32_t off = pb().frame_slot(8, 8);
    pb().emit(Op::ST64, {xr, frame_base(), off});
    uint32_t a = temp(Kind::I);
    pb().emit(Op::ADDK, {a, frame_base(), off});
    uint32_t r = emit_callb("FPRINTF", {reg_val(t_voidp_, sr), str_const(is_str ? "%s" : "%c"), reg_val(t_voidp_, a), int_val(1, t_long_)}, tok);
    if (!is_str) return reg_val(t_int_, xr);  // fputc returns the character written
    return result(r);
  }
  if (name == "fgets") {
    uint32_t br = to_reg(arg(0));
    uint32_t nr = to_reg(arg(1));
    arg(2);
    return result(emit_callb("FGETS", {reg_val(t_charp_, br), reg_val(t_int_, nr)}, tok));
  }
  if (name == "abs" || name == "labs") {
    Val v = arg(0);
    if (v.m == Val::Const) return int_val(v.i < 0 ? -v.i : v.i, rt);
    uint32_t r = temp(Kind::I);
    pb().emit(Op::ABS, {r, to_reg(v)});
    return reg_val(rt, name == "abs" ? normalize(r, t_int_) : r, true);
  }
  if (name == "fabs") {
    Val v = arg(0);
    uint32_t r = temp(Kind::F);
    pb().emit(Op::FABS, {r, to_reg(v)});
    return reg_val(rt, r, true);
  }
  if (name == "exit") {
    uint32_t r = to_reg(arg(0));
    emit_callb("C_EXIT_FLUSH", {}, tok);
    pb().emit(Op::HALT, {r});
    return Val{};
  }
  if (name == "sleep") {
    Val v = arg(0);
    uint32_t ms = temp(Kind::I);
    pb().emit(Op::MULK, {ms, to_reg(v), 1000});
    emit_callb("SLEEP_MS", {reg_val(t_long_, ms)}, tok);
    return int_val(0, t_uint_);
  }
  if (name == "qsort") {
    // Compiled from stdlib/prelude.c into every image that sorts.
    uses_qsort_ = true;
    std::vector<Kind> kinds{Kind::I, Kind::I, Kind::I, Kind::I};
    std::vector<Val> vals;
    for (size_t i = 0; i < 4; i++) {
      Val v = arg(i);
      vals.push_back(reg_val(v.type, to_reg(v)));
    }
    uint32_t b = block(kinds);
    for (size_t i = 0; i < 4; i++) to_dest(vals[i], b + static_cast<uint32_t>(i));
    pos(tok);
    pb().emit(Op::CALL, {ub().proc_ref("__dvm_qsort"), b});
    return Val{};
  }
  fail(tok, "unsupported: library function '" + name + "'");
}

namespace {
const char kPrelude[] =
#include "prelude_c.inc"
    ;
}  // namespace

// The library code written in C, compiled into this image.
void Compiler::compile_prelude() {
  SourceFile src("<dvm prelude>", kPrelude);
  ParseResult parsed = parse_c(src, diags_);
  if (!parsed.tree || diags_->error_count() > 0) return;
  defined_names_.insert("__dvm_qsort");
  for (auto* ext : parsed.tree->externalDeclaration()) {
    try {
      external_declaration(ext);
    } catch (const CompileError& e) {
      report(e);
    }
  }
}

}  // namespace dvm::c
