// Pascal's predeclared names: types, constants and built-in routines.  Most
// routines compile to one instruction or one CALLB into the shared library.
#include <cmath>
#include <functional>
#include <cstring>
#include <limits>

#include "frontend/pascal_compiler.h"
#include "stdlib/builtin_ids.h"
#include "vm/errors.h"

namespace dvm::pascal {

namespace {
uint32_t imm(int64_t v) { return static_cast<uint32_t>(static_cast<int32_t>(v)); }

enum FB {
  Write, Writeln, Read, Readln, Flush, Eof, Eoln, Abs, Sqr, Sqrt, Sin, Cos, Arctan, Exp, Ln,
  Trunc, Round, Frac, Int, Odd, Ord, Chr, Succ, Pred, High, Low, Length, Copy, Pos, Concat,
  Insert, Delete, Str, ValB, Upcase, Lowercase, Random, Randomize, Sleep, Inc, Dec, Halt,
  Exit, Break, Continue, New, Dispose, SetLength, Assigned, SizeOf, Include, Exclude, ParamCount, ParamStr,
  Assign, Reset, Rewrite, Append, Close, FillChar, HexStr, OctStr, BinStr,
  // sysutils
  IntToStr, StrToInt, StrToIntDef, Trim, TrimLeft, TrimRight, UpperCase, LowerCase, FloatToStr, FormatB, IntToHex, StrToFloat, SameText,
  FloatToStrF, CompareStr, CompareText, QuotedStr, AnsiQuotedStr, BoolToStr, StrToFloatDef,
  StringOfChar,
  // math
  MaxB, MinB, Power, IntPower, Floor, Ceil, Log10, Log2, LogN, Tan, Cotan, ArcSin, ArcCos, ArcTan2,
  Sinh, Cosh, Tanh, Hypot, DegToRad, RadToDeg, Sign, InRange, EnsureRange, IfThen,
};

const struct {
  const char* name;
  FB id;
} kBuiltinNames[] = {
    {"write", Write}, {"writeln", Writeln}, {"read", Read}, {"readln", Readln}, {"flush", Flush},
    {"eof", Eof}, {"eoln", Eoln}, {"abs", Abs}, {"sqr", Sqr}, {"sqrt", Sqrt}, {"sin", Sin},
    {"cos", Cos}, {"arctan", Arctan}, {"exp", Exp}, {"ln", Ln}, {"trunc", Trunc},
    {"round", Round}, {"frac", Frac}, {"int", Int}, {"odd", Odd}, {"ord", Ord}, {"chr", Chr},
    {"succ", Succ}, {"pred", Pred}, {"high", High}, {"low", Low}, {"length", Length},
    {"copy", Copy}, {"pos", Pos}, {"concat", Concat}, {"insert", Insert}, {"delete", Delete},
    {"str", Str}, {"val", ValB}, {"upcase", Upcase}, {"lowercase", Lowercase},
    {"random", Random}, {"randomize", Randomize}, {"sleep", Sleep}, {"inc", Inc}, {"dec", Dec},
    {"halt", Halt}, {"exit", Exit}, {"break", Break}, {"continue", Continue}, {"new", New},
    {"dispose", Dispose}, {"setlength", SetLength}, {"assigned", Assigned}, {"sizeof", SizeOf},
    {"include", Include}, {"exclude", Exclude}, {"paramcount", ParamCount}, {"paramstr", ParamStr},
    {"assign", Assign}, {"assignfile", Assign}, {"reset", Reset}, {"rewrite", Rewrite}, {"append", Append},
    {"close", Close}, {"closefile", Close}, {"stringofchar", StringOfChar},
    {"fillchar", FillChar}, {"hexstr", HexStr}, {"octstr", OctStr}, {"binstr", BinStr},
};

// What `uses sysutils` brings besides sleep.
const struct {
  const char* name;
  FB id;
} kSysutilsNames[] = {
    {"inttostr", IntToStr}, {"strtoint", StrToInt}, {"strtointdef", StrToIntDef}, {"trim", Trim},
    {"trimleft", TrimLeft}, {"trimright", TrimRight}, {"uppercase", UpperCase}, {"lowercase", LowerCase},
    {"floattostr", FloatToStr}, {"format", FormatB}, {"inttohex", IntToHex}, {"strtofloat", StrToFloat},
    {"sametext", SameText}, {"floattostrf", FloatToStrF}, {"comparestr", CompareStr}, {"comparetext", CompareText},
    {"quotedstr", QuotedStr}, {"ansiquotedstr", AnsiQuotedStr}, {"booltostr", BoolToStr},
    {"ansiuppercase", UpperCase}, {"ansilowercase", LowerCase}, {"strtofloatdef", StrToFloatDef},
};

// What `uses math` brings: fpc's Math unit, its common part.
const struct {
  const char* name;
  FB id;
} kMathNames[] = {
    {"max", MaxB}, {"min", MinB}, {"power", Power}, {"intpower", IntPower}, {"floor", Floor},
    {"ceil", Ceil}, {"log10", Log10}, {"log2", Log2}, {"logn", LogN}, {"tan", Tan}, {"cotan", Cotan},
    {"arcsin", ArcSin}, {"arccos", ArcCos}, {"arctan2", ArcTan2}, {"sinh", Sinh}, {"cosh", Cosh},
    {"tanh", Tanh}, {"hypot", Hypot}, {"degtorad", DegToRad}, {"radtodeg", RadToDeg}, {"sign", Sign},
    {"inrange", InRange}, {"ensurerange", EnsureRange}, {"ifthen", IfThen},
};

const char* builtin_name(int id) {
  for (const auto& b : kBuiltinNames)
    if (b.id == id) return b.name;
  for (const auto& b : kSysutilsNames)
    if (b.id == id) return b.name;
  for (const auto& b : kMathNames)
    if (b.id == id) return b.name;
  return "?";
}

// The PAS_MATH function of a math routine that is one.
bool pas_math_of(FB id, PasMath* f, int* arity) {
  static const struct {
    FB id;
    PasMath f;
    int arity;
  } table[] = {
      {Power, PasMath::Power, 2}, {IntPower, PasMath::IntPower, 2}, {Log10, PasMath::Log10, 1},
      {Log2, PasMath::Log2, 1}, {LogN, PasMath::LogN, 2}, {Tan, PasMath::Tan, 1}, {Cotan, PasMath::Cotan, 1},
      {ArcSin, PasMath::ArcSin, 1}, {ArcCos, PasMath::ArcCos, 1}, {ArcTan2, PasMath::ArcTan2, 2},
      {Sinh, PasMath::Sinh, 1}, {Cosh, PasMath::Cosh, 1}, {Tanh, PasMath::Tanh, 1}, {Hypot, PasMath::Hypot, 2},
      {DegToRad, PasMath::DegToRad, 1}, {RadToDeg, PasMath::RadToDeg, 1},
  };
  for (const auto& t : table)
    if (t.id == id) {
      *f = t.f;
      *arity = t.arity;
      return true;
    }
  return false;
}
}  // namespace

void Compiler::declare_builtins() {
  auto type = [&](const char* name, Type* t) {
    Symbol s{Symbol::TypeName};
    s.type = t;
    s.spelling = name;
    scopes_.back()[name] = (symbols_.push_back(s), &symbols_.back());
  };
  t_int_ = new_type(TK::Integer);
  t_int_->name = "Int64";
  t_real_ = new_type(TK::Real);
  t_real_->name = "Real";
  t_bool_ = new_type(TK::Boolean);
  t_bool_->name = "Boolean";
  t_bool_->lo = 0;
  t_bool_->hi = 1;
  t_char_ = new_type(TK::Char);
  t_char_->name = "Char";
  t_char_->lo = 0;
  t_char_->hi = 255;
  t_string_ = new_type(TK::String);
  t_string_->name = "AnsiString";
  t_nil_ = new_type(TK::Nil);
  t_nil_->name = "Pointer";
  t_error_ = new_type(TK::Error);
  type("integer", t_int_);
  type("int64", t_int_);
  // fpc's other integer types, with their widths (they wrap when stored).
  t_longint_ = int_type("LongInt", 32, false);
  t_cardinal_ = int_type("LongWord", 32, true);
  t_qword_ = int_type("QWord", 64, true);
  type("longint", t_longint_);
  type("cardinal", t_cardinal_);
  type("longword", t_cardinal_);
  type("dword", t_cardinal_);
  type("qword", t_qword_);
  type("uint64", t_qword_);
  type("shortint", int_type("ShortInt", 8, false));
  type("smallint", int_type("SmallInt", 16, false));
  t_byte_ = int_type("Byte", 8, true);
  type("byte", t_byte_);
  t_word_ = int_type("Word", 16, true);
  type("word", t_word_);
  t_text_ = new_type(TK::File);
  t_text_->name = "Text";
  type("text", t_text_);
  type("textfile", t_text_);
  Type* untyped_pointer = new_type(TK::Pointer);  // `pointer`: any pointer, never dereferenced
  untyped_pointer->name = "Pointer";
  type("pointer", untyped_pointer);
  type("real", t_real_);
  type("double", t_real_);
  type("boolean", t_bool_);
  type("char", t_char_);
  type("string", t_string_);
  type("ansistring", t_string_);
  // fpc's aliases on x86-64.
  type("ansichar", t_char_);
  type("nativeint", t_int_);
  type("sizeint", t_int_);
  type("ptrint", t_int_);
  type("nativeuint", t_qword_);
  type("sizeuint", t_qword_);
  type("ptruint", t_qword_);
  Type* shortstring = new_type(TK::String);
  shortstring->max_len = 255;
  type("shortstring", shortstring);
  auto constant = [&](const char* name, Type* t, int64_t i, double r) {
    Symbol s{Symbol::Const};
    s.type = t;
    s.cval.type = t;
    s.cval.i = i;
    s.cval.r = r;
    s.spelling = name;
    scopes_.back()[name] = (symbols_.push_back(s), &symbols_.back());
  };
  constant("true", t_bool_, 1, 0);
  constant("false", t_bool_, 0, 0);
  constant("maxint", t_int_, INT64_MAX, 0);
  constant("maxlongint", t_int_, INT32_MAX, 0);  // fpc's: a longint's largest
  constant("maxsmallint", t_int_, INT16_MAX, 0);
  // fpc's standard error as a text file: write(stderr, ...).
  constant("stderr", t_text_, -1, 0);  // TEXT_OUT's handle of standard error
  constant("erroutput", t_text_, -1, 0);
  constant("pi", t_real_, 0, 3.14159265358979323846);
  constant("nil", t_nil_, 0, 0);
  for (const auto& b : kBuiltinNames) {
    Symbol s{Symbol::Builtin};
    s.builtin = b.id;
    s.spelling = b.name;
    scopes_.back()[b.name] = (symbols_.push_back(s), &symbols_.back());
  }
}

void Compiler::declare_sysutils() {
  for (const auto& b : kSysutilsNames) {
    Symbol s{Symbol::Builtin};
    s.builtin = b.id;
    s.spelling = b.name;
    scopes_.back()[b.name] = (symbols_.push_back(s), &symbols_.back());
  }
  // type TFloatFormat = (ffGeneral, ffExponent, ffFixed, ffNumber, ffCurrency), for FloatToStrF.
  t_float_format_ = new_type(TK::Enum);
  t_float_format_->name = "TFloatFormat";
  for (const char* name : {"ffGeneral", "ffExponent", "ffFixed", "ffNumber", "ffCurrency"}) {
    Symbol s{Symbol::Const};
    s.type = t_float_format_;
    s.cval.type = t_float_format_;
    s.cval.i = static_cast<int64_t>(t_float_format_->enum_names.size());
    s.spelling = name;
    t_float_format_->enum_names.push_back(name);
    scopes_.back()[lower(name)] = (symbols_.push_back(s), &symbols_.back());
  }
  t_float_format_->lo = 0;
  t_float_format_->hi = 4;
  t_float_format_->size = t_float_format_->align = 4;
  Symbol ty{Symbol::TypeName};
  ty.type = t_float_format_;
  ty.spelling = "TFloatFormat";
  scopes_.back()["tfloatformat"] = (symbols_.push_back(ty), &symbols_.back());
}

void Compiler::declare_math() {
  for (const auto& b : kMathNames) {
    Symbol s{Symbol::Builtin};
    s.builtin = b.id;
    s.spelling = b.name;
    scopes_.back()[b.name] = (symbols_.push_back(s), &symbols_.back());
  }
}

// sysutils' Format with a constant format: each conversion becomes one call
// of the library that formats its argument as fpc does; the pieces are
// concatenated.  The arguments are evaluated once, in order, as fpc builds
// its array of const.
Val Compiler::format_call(P::ExpressionContext* format, P::ExpressionContext* args, antlr4::Token* tok) {
  ConstVal fc;
  bool constant = true;
  try {
    fc = const_expr(format);
  } catch (const CompileError&) {
    constant = false;
  }
  Val dynamic_format;
  if (!constant) {  // checked and formatted when the program runs
    dynamic_format = expr(format);
    if (!is_string(dynamic_format.type) && !is_char(dynamic_format.type)) fail(format, "\"format\" needs a string");
    dynamic_format = reg_val(t_string_, to_reg(convert(dynamic_format, t_string_, format)));
  } else if (!is_string(fc.type) && !is_char(fc.type)) {
    fail(format, "\"format\" needs a string");
  }
  P::SetFactorContext* list = bracket_list(args);
  if (!list) fail(args, "\"format\" takes its arguments in brackets: Format('%d items', [n])");
  std::vector<Val> values;
  std::vector<P::ExpressionContext*> items;
  for (auto* el : list->setElement()) {
    if (el->expression().size() > 1) fail(el, "a range cannot be an argument of format");
    Val v = expr(el->expression(0));
    if (is_string(v.type) || is_char(v.type)) v = reg_val(t_string_, to_reg(convert(v, t_string_, el)));
    else if (v.type && (is_integer(v.type) || is_real(v.type))) v = reg_val(v.type, to_reg(v));
    else fail(el, "format cannot show a value of type \"" + type_name(v.type) + "\"");
    values.push_back(v);
    items.push_back(el->expression(0));
  }
  if (!constant) {
    // The arguments go to a block of the frame, 16 bytes each: a tag (0
    // integer, 1 real, 2 string) and the value.  The string slots hold a
    // reference, released when the routine returns.
    uint32_t n = static_cast<uint32_t>(values.size());
    uint32_t off = n ? pb().frame_slot(16 * n, 8) : 0;
    uint32_t fb = frame_base_of(fn_->routine->level);
    for (uint32_t k = 0; k < n; k++) {
      const Val& v = values[k];
      int64_t tag = is_string(v.type) ? 2 : is_real(v.type) ? 1 : 0;
      pb().emit(Op::ST64, {const_reg(int_const(tag), Kind::I), fb, off + 16 * k});
      if (tag == 2) pb().add_managed_slot(off + 16 * k + 8, image_type(t_string_));
      pb().emit(tag == 2 ? Op::STS : tag == 1 ? Op::STF64 : Op::ST64, {to_reg(v), fb, off + 16 * k + 8});
    }
    uint32_t addr = temp(Kind::I);
    pb().emit(Op::ADDK, {addr, fb, off});
    pos(tok);
    return reg_val(t_string_, emit_callb(static_cast<int>(Builtin::kFORMAT),
                                         {dynamic_format, int_const(n), reg_val(t_int_, addr)}, Kind::S));
  }
  std::string text = is_char(fc.type) ? std::string(1, static_cast<char>(fc.i)) : fc.s;
  Val out = string_const("");
  std::string literal;
  size_t next = 0;
  auto flush = [&] {
    if (!literal.empty()) out = binary("+", out, string_const(literal), tok);
    literal.clear();
  };
  for (size_t i = 0; i < text.size(); i++) {
    if (text[i] != '%') {
      literal += text[i];
      continue;
    }
    size_t start = i++;
    if (i < text.size() && text[i] == '%') {
      literal += '%';
      continue;
    }
    auto number = [&](int* n) {
      bool any = false;
      *n = 0;
      while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && *n < 100000) {
        *n = *n * 10 + (text[i++] - '0');
        any = true;
      }
      return any;
    };
    int index = -1, width = -1, precision = -1, n = 0;
    bool left = false;
    size_t mark = i;
    if (number(&n) && i < text.size() && text[i] == ':') {
      index = n;
      i++;
    } else {
      i = mark;
    }
    if (i < text.size() && text[i] == '-') {
      left = true;
      i++;
    }
    if (i < text.size() && text[i] == '*') fail(format, "unsupported: '*' widths in a format");
    if (number(&n)) width = n;
    if (i < text.size() && text[i] == '.') {
      i++;
      if (i < text.size() && text[i] == '*') fail(format, "unsupported: '*' widths in a format");
      precision = number(&n) ? n : 0;
    }
    std::string spec = text.substr(start, i + 1 - start);
    if (i >= text.size()) fail(format, "the format ends inside a conversion ('" + spec + "')");
    char conv = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    if (std::string("duxsfegn").find(conv) == std::string::npos)
      fail(format, std::string("unsupported: the conversion '") + spec + "' in a format (dvm has %d %u %x %s %f %e %g %n)");
    size_t arg = index >= 0 ? static_cast<size_t>(index) : next;
    if (arg >= values.size())
      fail(format, "the format's '" + spec + "' has no argument (the list has " + std::to_string(values.size()) + ")");
    next = arg + 1;
    const Val& v = values[arg];
    uint64_t packed = static_cast<uint64_t>(static_cast<unsigned char>(conv)) | (left ? 0x100u : 0u) |
                      (static_cast<uint64_t>(std::min(width, 65534) + 1) << 16) |
                      (static_cast<uint64_t>(std::min(precision, 65534) + 1) << 32);
    Builtin b;
    if (conv == 's') {
      if (!is_string(v.type)) fail(items[arg], "the format's '" + spec + "' needs a string or a char");
      b = Builtin::kFMT_STR;
    } else if (conv == 'd' || conv == 'u' || conv == 'x') {
      if (!is_integer(v.type)) fail(items[arg], "the format's '" + spec + "' needs an integer");
      b = Builtin::kFMT_INT;
    } else {
      if (!is_real(v.type)) fail(items[arg], "the format's '" + spec + "' needs a real (fpc refuses an integer there)");
      b = Builtin::kFMT_REAL;
    }
    flush();
    Val piece = reg_val(t_string_, emit_callb(static_cast<int>(b), {v, int_const(static_cast<int64_t>(packed))}, Kind::S));
    out = binary("+", out, piece, tok);
  }
  flush();
  return out;
}

// StrToInt, StrToIntDef, StrToFloat: val into a register of type t (an
// integer or a real); val's error position goes to a frame slot, and one
// that is not 0 (no number) gives `fallback`'s value, or without one the
// runtime error "invalid numeric input".
Val Compiler::parse_number(Val text, Type* t, const std::function<Val()>& fallback) {
  bool real = is_real(t);
  uint32_t fb = frame_base_of(fn_->routine->level), off = pb().frame_slot(8, 8), code_addr = temp(Kind::I);
  pb().emit(Op::ADDK, {code_addr, fb, off});
  Builtin b = real ? Builtin::kVAL_REAL : Builtin::kVAL_INT;
  uint32_t r = emit_callb(static_cast<int>(b), {text, reg_val(t_int_, code_addr)}, real ? Kind::F : Kind::I);
  uint32_t code = temp(Kind::I), out = temp(real ? Kind::F : Kind::I);
  pb().emit(Op::LD64, {code, fb, off});
  pb().emit(real ? Op::MOVF : Op::MOVI, {out, r});
  Label ok = pb().new_label();
  pb().emit_jump(Op::JEQ, {code, const_reg(int_const(0), Kind::I)}, ok);
  if (fallback) to_dest(fallback(), out);
  else pb().emit(Op::TRAP, {static_cast<uint32_t>(RtError::BadNumber)});
  pb().bind(ok);
  return reg_val(t, out);
}

// setlength of the dynamic array variable at `addr` to lengths[k], then of
// each of its elements (dynamic arrays) to lengths[k + 1], and so on, as
// fpc's setlength(a, n, m, ...) does.
void Compiler::set_dyn_lengths(uint32_t addr, Type* t, const std::vector<uint32_t>& lengths, size_t k) {
  emit_callb(static_cast<int>(Builtin::kDYN_SETLEN),
             {reg_val(t_int_, addr), reg_val(t_int_, lengths[k]), int_const(dyn_elements_arg(t)), dyn_layout_arg(t)},
             Kind::V);
  if (k + 1 == lengths.size()) return;
  uint32_t i = temp(Kind::I), array = temp(Kind::S), element = temp(Kind::I);
  Label top = pb().new_label(), done = pb().new_label();
  pb().emit(Op::LDI, {i, 0});
  pb().bind(top);
  pb().emit_jump(Op::JLE, {lengths[k], i}, done);
  pb().emit(Op::LDS, {array, addr, 0});  // the array setlength just made
  pb().emit(Op::DIDX, {element, array, i, 8});
  set_dyn_lengths(element, t->elem, lengths, k + 1);
  pb().emit(Op::ADDK, {i, i, 1});
  pb().emit_jump(Op::LOOP, {}, top);
  pb().bind(done);
}

// r := if cond then x else y, with x and y already evaluated.
Val Compiler::select_value(Val cond, Val x, Val y, Type* t) {
  uint32_t r = temp(reg_kind(t));
  to_dest(y, r);
  Label skip = pb().new_label();
  pb().emit_jump(Op::JF, {to_reg(cond)}, skip);
  to_dest(x, r);
  pb().bind(skip);
  return reg_val(t, r);
}

// Emits CALLB with its argument block; returns the result register (or 0).
uint32_t Compiler::emit_callb(int blt, const std::vector<Val>& args, Kind result) {
  const BuiltinSig& sig = builtin_sig(static_cast<Builtin>(blt));
  std::vector<Kind> kinds(sig.params, sig.params + sig.num_params);
  if (sig.result != Kind::V) kinds.push_back(sig.result);
  uint32_t b = block(kinds);
  for (size_t i = 0; i < args.size(); i++) to_dest(args[i], b + static_cast<uint32_t>(i));
  pb().emit(Op::CALLB, {static_cast<uint32_t>(blt), b});
  (void)result;
  return sig.result != Kind::V ? b + sig.num_params : 0;
}

namespace {
struct Args {
  Compiler& c;
  std::vector<P::ArgumentContext*> list;
  antlr4::Token* tok;
  const char* name;
  void count(size_t lo, size_t hi) {
    if (list.size() < lo || list.size() > hi)
      c.fail(tok, std::string("wrong number of parameters specified for call to \"") + name + "\"");
    for (auto* a : list)
      if (a->expression().size() != 1) c.fail(a, "field widths are only allowed in write and writeln");
  }
  P::ExpressionContext* e(size_t i) { return list[i]->expression(0); }
  Val val(size_t i) { return c.expr(e(i)); }
};
}  // namespace

Val Compiler::call_builtin(int id, std::vector<P::ArgumentContext*> list, antlr4::Token* tok, bool as_statement) {
  if (id == kServeBuiltin) return call_serve(list, tok, as_statement);
  const char* name = builtin_name(id);
  Args a{*this, list, tok, name};
  auto need_fn = [&]() {
    if (!fn_) throw std::logic_error("not constant");
  };
  auto unary_real = [&](Builtin b) {
    a.count(1, 1);
    Val v = convert(a.val(0), t_real_, a.e(0));
    need_fn();
    pos(tok);
    return reg_val(t_real_, emit_callb(static_cast<int>(b), {v}, Kind::F));
  };
  auto no_value = [&]() {
    if (!as_statement) fail(tok, std::string("\"") + name + "\" is a procedure and has no value");
    return Val{};
  };
  switch (static_cast<FB>(id)) {
    case Write: case Writeln:
      need_fn();
      write_args(list, id == Writeln, tok);
      return no_value();
    case Read: case Readln:
      need_fn();
      read_args(list, id == Readln, tok);
      return no_value();
    case Flush: {
      need_fn();
      Val file;
      if (list.size() == 1 && lower(list[0]->getText()) != "output" && text_file_argument(list[0], &file)) {
        pos(tok);
        with_text_file(file, true, [&] { emit_callb(static_cast<int>(Builtin::kFLUSH_TEXT), {}, Kind::V); });
        return no_value();
      }
      pb().emit(Op::CALLB, {static_cast<uint32_t>(Builtin::kFLUSH), block({})});
      return no_value();
    }
    case Eof: case Eoln: {
      if (list.size() == 1 && lower(list[0]->getText()) == "input") list.clear();
      Val file;
      bool from_file = list.size() == 1 && text_file_argument(list[0], &file);
      a.list = from_file ? std::vector<P::ArgumentContext*>{} : list;
      a.count(0, 0);
      need_fn();
      pos(tok);
      Builtin b = id == Eof ? Builtin::kEOF : Builtin::kEOLN;
      if (!from_file) return reg_val(t_bool_, emit_callb(static_cast<int>(b), {}, Kind::I));
      uint32_t r = temp(Kind::I);
      with_text_file(file, false, [&] { to_dest(reg_val(t_bool_, emit_callb(static_cast<int>(b), {}, Kind::I)), r); });
      return reg_val(t_bool_, r);
    }
    case IntToStr: {
      a.count(1, 1);
      need_fn();
      Val v = a.val(0);
      if (!is_integer(v.type)) fail(a.e(0), "\"inttostr\" needs an integer");
      if (is_qword(v.type)) fail(a.e(0), "unsupported: inttostr of a qword");
      return reg_val(t_string_, emit_callb(static_cast<int>(Builtin::kSTR_INT), {v, int_const(-1)}, Kind::S));
    }
    case StrToInt: case StrToIntDef: {
      a.count(id == StrToInt ? 1 : 2, id == StrToInt ? 1 : 2);
      need_fn();
      Val text = convert(a.val(0), t_string_, a.e(0));
      pos(tok);
      if (id == StrToInt) return parse_number(text, t_int_, nullptr);
      return parse_number(text, t_int_, [&] { return convert(a.val(1), t_int_, a.e(1)); });
    }
    case IntToHex: {
      a.count(2, 2);
      need_fn();
      Val v = a.val(0);
      if (!is_integer(v.type)) fail(a.e(0), "\"inttohex\" needs an integer");
      v = convert(v, t_int_, a.e(0));
      Val digits = convert(a.val(1), t_int_, a.e(1));
      uint64_t packed = static_cast<uint64_t>('x');
      Val spec = reg_val(t_int_, to_reg(int_const(static_cast<int64_t>(packed))));
      // %.Nx with N from the program: precision + 1 in bits 32.., as Format packs it.
      uint32_t p = temp(Kind::I), d = to_reg(digits);
      pb().emit(Op::ADDK, {p, d, 1});
      pb().emit(Op::SHL, {p, p, const_reg(int_const(32), Kind::I)});
      pb().emit(Op::OR, {p, p, spec.reg});
      return reg_val(t_string_, emit_callb(static_cast<int>(Builtin::kFMT_INT), {v, reg_val(t_int_, p)}, Kind::S));
    }
    case StrToFloat: {
      a.count(1, 1);
      need_fn();
      Val text = convert(a.val(0), t_string_, a.e(0));
      pos(tok);
      return parse_number(text, t_real_, nullptr);
    }
    case SameText: {
      a.count(2, 2);
      need_fn();
      Val x = convert(a.val(0), t_string_, a.e(0)), y = convert(a.val(1), t_string_, a.e(1));
      Val ux = reg_val(t_string_, emit_callb(static_cast<int>(Builtin::kUPCASE_STR), {x}, Kind::S));
      Val uy = reg_val(t_string_, emit_callb(static_cast<int>(Builtin::kUPCASE_STR), {y}, Kind::S));
      return compare("=", ux, uy, tok);
    }
    case FloatToStrF: {
      a.count(4, 4);
      need_fn();
      Val v = a.val(0);
      if (!is_integer(v.type) && !is_real(v.type)) fail(a.e(0), "\"floattostrf\" needs a number");
      v = convert(v, t_real_, a.e(0));
      Val f = a.val(1);
      if (f.type != t_float_format_) fail(a.e(1), "\"floattostrf\" needs a TFloatFormat (ffFixed, ...)");
      if (f.m == Val::Const && f.c.i == 4) fail(a.e(1), "unsupported: FloatToStrF with ffCurrency");
      Val precision = convert(a.val(2), t_int_, a.e(2)), digits = convert(a.val(3), t_int_, a.e(3));
      pos(tok);
      return reg_val(t_string_, emit_callb(static_cast<int>(Builtin::kFLOAT_TO_STR_F),
                                           {v, reg_val(t_int_, to_reg(f)), precision, digits}, Kind::S));
    }
    case CompareStr: case CompareText: {
      a.count(2, 2);
      need_fn();
      Val x = convert(a.val(0), t_string_, a.e(0)), y = convert(a.val(1), t_string_, a.e(1));
      return reg_val(t_int_, emit_callb(static_cast<int>(Builtin::kSTR_COMPARE), {x, y, int_const(id == CompareText)}, Kind::I));
    }
    case QuotedStr: case AnsiQuotedStr: {
      a.count(id == QuotedStr ? 1 : 2, id == QuotedStr ? 1 : 2);
      need_fn();
      Val x = convert(a.val(0), t_string_, a.e(0));
      Val q = id == QuotedStr ? const_val(t_char_, '\'') : a.val(1);
      if (!is_char(q.type)) fail(a.e(1), "\"ansiquotedstr\" needs a char as its quote");
      return reg_val(t_string_, emit_callb(static_cast<int>(Builtin::kQUOTED_STR), {x, q}, Kind::S));
    }
    case BoolToStr: {
      // BoolToStr(b): '-1' or '0'; BoolToStr(b, true): 'True' or 'False';
      // BoolToStr(b, 'yes', 'no').
      a.count(1, 3);
      if (list.size() == 2) fail(tok, "wrong number of arguments to \"booltostr\"");
      need_fn();
      Val b = a.val(0);
      if (b.type->kind != TK::Boolean) fail(a.e(0), "\"booltostr\" needs a boolean");
      Val yes, no;
      if (list.size() == 1) {
        yes = string_const("-1");
        no = string_const("0");
      } else {
        yes = convert(a.val(1), t_string_, a.e(1));
        no = convert(a.val(2), t_string_, a.e(2));
      }
      uint32_t r = temp(Kind::S);
      Label other = pb().new_label(), done = pb().new_label();
      pb().emit_jump(Op::JEQ, {to_reg(b), const_reg(int_const(0), Kind::I)}, other);
      to_dest(yes, r);
      pb().emit_jump(Op::JMP, {}, done);
      pb().bind(other);
      to_dest(no, r);
      pb().bind(done);
      return reg_val(t_string_, r);
    }
    case StrToFloatDef: {
      a.count(2, 2);
      need_fn();
      Val text = convert(a.val(0), t_string_, a.e(0));
      pos(tok);
      return parse_number(text, t_real_, [&] { return convert(a.val(1), t_real_, a.e(1)); });
    }
    case FormatB:
      a.count(2, 2);
      need_fn();
      return format_call(a.e(0), a.e(1), tok);
    case FloatToStr: {
      a.count(1, 1);
      need_fn();
      Val v = a.val(0);
      if (!is_integer(v.type) && !is_real(v.type)) fail(a.e(0), "\"floattostr\" needs a number");
      v = convert(v, t_real_, a.e(0));
      return reg_val(t_string_, emit_callb(static_cast<int>(Builtin::kFLOAT_TO_STR), {v}, Kind::S));
    }
    case StringOfChar: {
      a.count(2, 2);
      need_fn();
      Val c = a.val(0);
      if (!is_char(c.type)) fail(a.e(0), "\"stringofchar\" needs a char");
      Val n = convert(a.val(1), t_int_, a.e(1));
      pos(tok);
      return reg_val(t_string_, emit_callb(static_cast<int>(Builtin::kSTR_OF_CHAR), {c, n}, Kind::S));
    }
    case MaxB: case MinB: case EnsureRange: case InRange: case IfThen: {
      bool three = id == EnsureRange || id == InRange || id == IfThen;
      a.count(three ? 3 : 2, three ? 3 : 2);
      need_fn();
      size_t first = id == IfThen ? 1 : 0;
      std::vector<Val> v;
      bool all_int = true;
      for (size_t k = 0; k < list.size(); k++) {
        v.push_back(a.val(k));
        if (k < first) continue;
        if (!is_integer(v.back().type) && !is_real(v.back().type))
          fail(a.e(k), std::string("\"") + name + "\" needs numbers");
        all_int = all_int && is_integer(v.back().type);
      }
      Type* t = all_int ? t_int_ : t_real_;
      for (size_t k = first; k < v.size(); k++) v[k] = convert(v[k], t, a.e(k));
      if (id == IfThen) {
        if (!is_bool(v[0].type)) fail(a.e(0), "\"ifthen\" needs a boolean condition");
        return select_value(v[0], v[1], v[2], t);
      }
      if (id == InRange)
        return binary("and", compare(">=", v[0], v[1], tok), compare("<=", v[0], v[2], tok), tok);
      if (id == EnsureRange) {
        Val low = select_value(compare("<", v[0], v[1], tok), v[1], v[0], t);
        return select_value(compare(">", low, v[2], tok), v[2], low, t);
      }
      return select_value(compare(id == MaxB ? ">" : "<", v[0], v[1], tok), v[0], v[1], t);
    }
    case Sign: {
      a.count(1, 1);
      need_fn();
      Val v = a.val(0);
      if (!is_integer(v.type) && !is_real(v.type)) fail(a.e(0), "\"sign\" needs a number");
      Val zero = is_real(v.type) ? real_const(0) : int_const(0);
      uint32_t pos_reg = to_reg(compare(">", v, zero, tok)), neg_reg = to_reg(compare("<", v, zero, tok)), r = temp(Kind::I);
      pb().emit(Op::SUB, {r, pos_reg, neg_reg});
      return reg_val(t_int_, r);
    }
    case Floor: case Ceil: {
      a.count(1, 1);
      need_fn();
      Val v = a.val(0);
      if (is_integer(v.type)) return v;
      v = convert(v, t_real_, a.e(0));
      pos(tok);
      uint32_t f = emit_callb(static_cast<int>(id == Floor ? Builtin::kFLOOR : Builtin::kCEIL), {v}, Kind::F);
      uint32_t r = temp(Kind::I);
      pb().emit(Op::FTRUNC, {r, f});
      return reg_val(t_int_, r);
    }
    case Power: case IntPower: case Log10: case Log2: case LogN: case Tan: case Cotan: case ArcSin: case ArcCos:
    case ArcTan2: case Sinh: case Cosh: case Tanh: case Hypot: case DegToRad: case RadToDeg: {
      PasMath f{};
      int arity = 0;
      pas_math_of(static_cast<FB>(id), &f, &arity);
      a.count(static_cast<size_t>(arity), static_cast<size_t>(arity));
      need_fn();
      Val x = convert(a.val(0), t_real_, a.e(0));
      Val y = real_const(0);
      if (arity == 2) {
        if (id == IntPower) {
          y = a.val(1);
          if (!is_integer(y.type)) fail(a.e(1), "\"intpower\" needs an integer exponent");
          y = convert(y, t_real_, a.e(1));
        } else {
          y = convert(a.val(1), t_real_, a.e(1));
        }
      }
      pos(tok);
      return reg_val(t_real_, emit_callb(static_cast<int>(Builtin::kPAS_MATH), {int_const(static_cast<int64_t>(f)), x, y}, Kind::F));
    }
    case Trim: case TrimLeft: case TrimRight: {
      a.count(1, 1);
      need_fn();
      Val v = convert(a.val(0), t_string_, a.e(0));
      int64_t ends = id == Trim ? 3 : id == TrimLeft ? 1 : 2;
      return reg_val(t_string_, emit_callb(static_cast<int>(Builtin::kTRIM), {v, int_const(ends)}, Kind::S));
    }
    case UpperCase: case LowerCase: {
      a.count(1, 1);
      need_fn();
      Val v = convert(a.val(0), t_string_, a.e(0));
      Builtin b = id == UpperCase ? Builtin::kUPCASE_STR : Builtin::kLOWER_STR;
      return reg_val(t_string_, emit_callb(static_cast<int>(b), {v}, Kind::S));
    }
    case Assign: case Reset: case Rewrite: case Append: case Close: {
      a.count(id == Assign ? 2 : 1, id == Assign ? 2 : 1);
      need_fn();
      Val f = a.val(0);
      if (f.type->kind != TK::File || !f.lvalue) fail(a.e(0), std::string("\"") + name + "\" needs a text file variable");
      pos(tok);
      if (id == Assign) {
        Val file_name = convert(a.val(1), t_string_, a.e(1));
        uint32_t h = emit_callb(static_cast<int>(Builtin::kFILE_ASSIGN), {f, file_name}, Kind::I);
        store(f, reg_val(t_text_, h), a.e(0));
      } else if (id == Close) {
        emit_callb(static_cast<int>(Builtin::kFILE_CLOSE), {f}, Kind::V);
      } else {
        int64_t mode = id == Reset ? 0 : id == Rewrite ? 1 : 2;
        emit_callb(static_cast<int>(Builtin::kFILE_OPEN), {f, int_const(mode)}, Kind::V);
      }
      return no_value();
    }
    case Abs: case Sqr: {
      a.count(1, 1);
      Val v = a.val(0);
      if (is_integer(v.type)) {
        if (v.m == Val::Const) {  // folded as the VM computes: wrapping (abs(low(int64)) is itself)
          uint64_t u = static_cast<uint64_t>(v.c.i);
          return int_const(static_cast<int64_t>(id == Abs ? (v.c.i < 0 ? 0 - u : u) : u * u));
        }
        uint32_t x = to_reg(v), r = temp(Kind::I);
        if (id == Abs) pb().emit(Op::ABS, {r, x});
        else pb().emit(Op::MUL, {r, x, x});
        return reg_val(t_int_, r);
      }
      if (!is_real(v.type)) fail(a.e(0), std::string("\"") + name + "\" needs a number");
      if (v.m == Val::Const) return real_const(id == Abs ? std::fabs(v.c.r) : v.c.r * v.c.r);
      uint32_t x = to_reg(v), r = temp(Kind::F);
      if (id == Abs) pb().emit(Op::FABS, {r, x});
      else pb().emit(Op::FMUL, {r, x, x});
      return reg_val(t_real_, r);
    }
    case Sqrt: return unary_real(Builtin::kSQRT);
    case Sin: return unary_real(Builtin::kSIN);
    case Cos: return unary_real(Builtin::kCOS);
    case Arctan: return unary_real(Builtin::kARCTAN);
    case Exp: return unary_real(Builtin::kEXP);
    case Ln: return unary_real(Builtin::kLN);
    case Frac: return unary_real(Builtin::kFRAC);
    case Int: return unary_real(Builtin::kINT);
    case Trunc: case Round: {
      a.count(1, 1);
      Val v = a.val(0);
      if (is_integer(v.type)) return v;
      if (!is_real(v.type)) fail(a.e(0), std::string("\"") + name + "\" needs a real");
      if (v.m == Val::Const && std::isfinite(v.c.r) && std::fabs(v.c.r) < 9.2e18)
        return int_const(static_cast<int64_t>(id == Trunc ? std::trunc(v.c.r) : std::nearbyint(v.c.r)));
      uint32_t x = to_reg(v), r = temp(Kind::I);
      pos(tok);
      pb().emit(id == Trunc ? Op::FTRUNC : Op::FROUND, {r, x});
      return reg_val(t_int_, r);
    }
    case Odd: {
      a.count(1, 1);
      Val v = a.val(0);
      if (!is_integer(v.type)) fail(a.e(0), "\"odd\" needs an integer");
      if (v.m == Val::Const) return bool_const(v.c.i & 1);
      uint32_t x = to_reg(v), one = temp(Kind::I), r = temp(Kind::I);
      pb().emit(Op::LDI, {one, 1});
      pb().emit(Op::AND, {r, x, one});
      return reg_val(t_bool_, r);
    }
    case Ord: {
      a.count(1, 1);
      Val v = a.val(0);
      if (!is_ordinal(v.type)) fail(a.e(0), "\"ord\" needs an ordinal value");
      if (v.m != Val::Const) return reg_val(t_int_, to_reg(v));  // loads by the value's own width
      v.type = v.c.type = t_int_;
      return v;
    }
    case Chr: {
      a.count(1, 1);
      Val v = a.val(0);
      if (!is_integer(v.type)) fail(a.e(0), "\"chr\" needs an integer");
      if (v.m == Val::Const) {
        bool outside = v.c.i < 0 || v.c.i > 255;
        if (outside) range_warning(a.e(0), v.c.i, 0, 255);
        if (!outside || !fn_) {  // a constant wraps, as in fpc; code fails where it runs
          v.c.i &= 255;
          v.type = v.c.type = t_char_;
          return v;
        }
      }
      uint32_t x = to_reg(v);
      need_fn();
      Label ok = pb().new_label(), bad = pb().new_label();
      uint32_t lim = temp(Kind::I);
      pos(tok);
      pb().emit(Op::LDI, {lim, 0});
      pb().emit_jump(Op::JLT, {x, lim}, bad);
      pb().emit(Op::LDI, {lim, 255});
      pb().emit_jump(Op::JLE, {x, lim}, ok);
      pb().bind(bad);
      pb().emit(Op::TRAP, {static_cast<uint32_t>(RtError::ChrRange)});
      pb().bind(ok);
      return reg_val(t_char_, x);
    }
    case Succ: case Pred: {
      a.count(1, 1);
      Val v = a.val(0);
      if (!is_ordinal(v.type)) fail(a.e(0), std::string("\"") + name + "\" needs an ordinal value");
      if (ordinal_base(v.type)->kind == TK::Enum && ordinal_base(v.type)->enum_assigned)
        fail(tok, "succ or pred on enums with assignments not possible");
      Type* t = v.type;
      bool bounded = ordinal_base(t)->kind != TK::Integer || t->kind == TK::Subrange;
      int64_t lo = t->kind == TK::Subrange || t->kind == TK::Enum ? t->lo : ordinal_base(t)->lo;
      int64_t hi = t->kind == TK::Subrange || t->kind == TK::Enum ? t->hi : ordinal_base(t)->hi;
      if (v.m == Val::Const) {
        uint64_t u = static_cast<uint64_t>(v.c.i);  // wrapping, as the VM's integers
        int64_t r = static_cast<int64_t>(id == Succ ? u + 1 : u - 1);
        if (bounded && (r < lo || r > hi)) fail(tok, std::string("range check error in ") + name);
        v.c.i = r;
        return v;
      }
      uint32_t x = to_reg(v), r = temp(Kind::I);
      if (bounded) {
        Label ok = pb().new_label();
        uint32_t lim = temp(Kind::I);
        pos(tok);
        to_dest(int_const(id == Succ ? hi : lo), lim);
        if (id == Succ) pb().emit_jump(Op::JLT, {x, lim}, ok);
        else pb().emit_jump(Op::JLT, {lim, x}, ok);
        pb().emit(Op::TRAP, {static_cast<uint32_t>(id == Succ ? RtError::SuccRange : RtError::PredRange)});
        pb().bind(ok);
      }
      pb().emit(Op::ADDK, {r, x, imm(id == Succ ? 1 : -1)});
      return reg_val(t, r);
    }
    case High: case Low: case Length: {
      a.count(1, 1);
      // high(T) / low(T) of a type name, or of a variable's type.
      P::ExpressionContext* e = a.e(0);
      Symbol* s = lookup(lower(e->getText()));
      Type* t = nullptr;
      Val v;
      if (s && s->k == Symbol::TypeName) {
        t = s->type;
      } else {
        v = a.val(0);
        t = v.type;
      }
      if (t->kind == TK::String && id != High && id != Low) {
        if (v.m == Val::Const) return int_const(static_cast<int64_t>(v.c.s.size()));
        uint32_t x = to_reg(v), r = temp(Kind::I);
        pb().emit(Op::SLEN, {r, x});
        return reg_val(t_int_, r);
      }
      if (is_char(t) && id == Length && v.m == Val::Const) return int_const(1);
      // string[N]: indexes 0 (its length byte in fpc) to N.
      if (t->kind == TK::String && t->max_len) return int_const(id == High ? t->max_len : 0);
      if (t->kind == TK::DynArray) {
        if (id == Low) return int_const(0);
        need_fn();
        uint32_t r = dyn_length(to_reg(v));
        if (id == High) pb().emit(Op::ADDK, {r, r, imm(-1)});
        return reg_val(t_int_, r);
      }
      if (t->kind == TK::OpenArray) {
        if (id == Low) return int_const(0);
        if (id == High) return reg_val(t_int_, v.high_reg);
        uint32_t r = temp(Kind::I);
        pb().emit(Op::ADDK, {r, v.high_reg, 1});
        return reg_val(t_int_, r);
      }
      if (t->kind == TK::Array) {
        if (id == Length) return int_const(t->hi - t->lo + 1);
        Val out = int_const(id == High ? t->hi : t->lo);
        out.type = out.c.type = t->index->kind == TK::Subrange ? t->index->base : t->index;
        return out;
      }
      if (is_ordinal(t) && id != Length) {
        Val out = int_const(id == High ? ord_hi(t) : ord_lo(t));
        out.type = out.c.type = ordinal_base(t);
        return out;
      }
      fail(e, std::string("\"") + name + "\" is not defined for \"" + type_name(t) + "\"");
    }
    case Copy: {
      if (list.size() >= 1 && list.size() <= 3 && list[0]->expression().size() == 1 && fn_ &&
          may_have_kind(a.e(0), TK::DynArray) && type_of_argument(a.e(0))->kind == TK::DynArray) {
        Val arr = a.val(0);
        {  // copy(a[, from[, count]]): a new array, 0-based, clipped
          need_fn();
          Val from = list.size() > 1 ? convert(a.val(1), t_int_, a.e(1)) : int_const(0);
          Val n = list.size() > 2 ? convert(a.val(2), t_int_, a.e(2)) : int_const(INT64_MAX);
          pos(tok);
          uint32_t r = emit_callb(static_cast<int>(Builtin::kDYN_COPY), {arr, from, n, int_const(dyn_elements_arg(arr.type)), dyn_layout_arg(arr.type)}, Kind::S);
          return reg_val(arr.type, r);
        }
      }
      a.count(2, 3);
      Val s = convert(a.val(0), t_string_, a.e(0));
      Val i = convert(a.val(1), t_int_, a.e(1));
      Val n = a.list.size() > 2 ? convert(a.val(2), t_int_, a.e(2)) : int_const(INT64_MAX);
      need_fn();
      return reg_val(t_string_, emit_callb(static_cast<int>(Builtin::kCOPY), {s, i, n}, Kind::S));
    }
    case Pos: {
      a.count(2, 2);
      Val sub = convert(a.val(0), t_string_, a.e(0));
      Val s = convert(a.val(1), t_string_, a.e(1));
      need_fn();
      return reg_val(t_int_, emit_callb(static_cast<int>(Builtin::kPOS), {sub, s}, Kind::I));
    }
    case Concat: {
      if (list.empty()) fail(tok, "wrong number of parameters specified for call to \"concat\"");
      a.count(1, 1000);
      Val v = convert(a.val(0), t_string_, a.e(0));
      for (size_t k = 1; k < list.size(); k++) v = binary("+", v, convert(a.val(k), t_string_, a.e(k)), tok);
      return v;
    }
    case Upcase: case Lowercase: {
      a.count(1, 1);
      Val v = a.val(0);
      bool up = id == Upcase;
      if (is_char(v.type)) {
        if (v.m == Val::Const) {
          v.c.i = up ? std::toupper(static_cast<int>(v.c.i)) : std::tolower(static_cast<int>(v.c.i));
          return v;
        }
        return reg_val(t_char_, emit_callb(static_cast<int>(up ? Builtin::kUPCASE_CHR : Builtin::kLOWER_CHR), {v}, Kind::I));
      }
      if (!is_string(v.type)) fail(a.e(0), std::string("\"") + name + "\" needs a char or a string");
      need_fn();
      return reg_val(t_string_, emit_callb(static_cast<int>(up ? Builtin::kUPCASE_STR : Builtin::kLOWER_STR), {v}, Kind::S));
    }
    case Insert: case Delete: case SetLength: {
      bool dims = id == SetLength && list.size() > 2;  // setlength(grid, rows, columns, ...)
      a.count(id == SetLength ? 2 : 3, id == SetLength ? (dims ? 64 : 2) : 3);
      need_fn();
      size_t var_index = id == Insert ? 1 : 0;
      Val target = a.val(var_index);
      if (id == SetLength && target.type->kind == TK::DynArray) {
        if (target.m != Val::Mem || !target.lvalue || target.readonly)
          fail(a.e(0), "dynamic array variable expected");
        uint32_t addr = address_of(target);
        std::vector<uint32_t> lengths;
        Type* t = target.type;
        for (size_t k = 1; k < list.size(); k++) {
          if (k > 1 && t->elem->kind != TK::DynArray)
            fail(a.e(k), "setlength: \"" + type_name(target.type) + "\" has " + std::to_string(k - 1) + " dimension" +
                             (k > 2 ? "s" : ""));
          if (k > 1) t = t->elem;
          lengths.push_back(to_reg(convert(a.val(k), t_int_, a.e(k))));
        }
        pos(tok);
        set_dyn_lengths(addr, target.type, lengths, 0);
        return no_value();
      }
      if (target.type && target.type->kind == TK::DynArray && (id == Insert || id == Delete))
        fail(a.e(var_index), std::string("unsupported: ") + (id == Insert ? "Insert into" : "Delete from") +
                                 " a dynamic array (build the new array with SetLength and Copy)");
      if (!is_string(target.type) || target.m != Val::Mem || !target.lvalue || target.readonly)
        fail(a.e(var_index), "string variable expected");
      Val addr = reg_val(t_int_, address_of(target));
      pos(tok);
      if (id == Insert) {
        Val src = convert(a.val(0), t_string_, a.e(0));
        Val at = convert(a.val(2), t_int_, a.e(2));
        emit_callb(static_cast<int>(Builtin::kINSERT), {src, addr, at}, Kind::V);
        // A string[N] keeps its first N characters, as after any assignment.
        if (target.type->max_len) store(target, reg_val(t_string_, to_reg(target)), a.e(var_index));
      } else if (id == Delete) {
        Val at = convert(a.val(1), t_int_, a.e(1));
        Val n = convert(a.val(2), t_int_, a.e(2));
        emit_callb(static_cast<int>(Builtin::kDELETE), {addr, at, n}, Kind::V);
      } else {
        Val n = convert(a.val(1), t_int_, a.e(1));
        emit_callb(static_cast<int>(Builtin::kSTR_SETLEN), {addr, n}, Kind::V);
      }
      return no_value();
    }
    case Str: {
      if (list.size() != 2) fail(tok, "wrong number of parameters specified for call to \"str\"");
      need_fn();
      P::ArgumentContext* arg = list[0];
      Val v = expr(arg->expression(0));
      Val w = arg->expression().size() > 1 ? field_param(expr(arg->expression(1)), arg) : int_const(-1);
      Val d = arg->expression().size() > 2 ? field_param(expr(arg->expression(2)), arg) : int_const(-1);
      if (is_real(v.type) && arg->expression().size() == 2) w = at_least_zero(w);
      uint32_t r;
      if (is_real(v.type)) r = emit_callb(static_cast<int>(Builtin::kSTR_REAL), {v, w, d}, Kind::S);
      else if (is_integer(v.type)) r = emit_callb(static_cast<int>(Builtin::kSTR_INT), {v, w}, Kind::S);
      else fail(arg, "\"str\" needs a number");
      if (list[1]->expression().size() != 1) fail(list[1], "string variable expected");
      Val dst = expr(list[1]->expression(0));
      if (!dst.lvalue || !is_string(dst.type)) fail(list[1], "string variable expected");
      store(dst, reg_val(t_string_, r), list[1]);
      return no_value();
    }
    case ValB: {
      a.count(3, 3);
      need_fn();
      Val s = convert(a.val(0), t_string_, a.e(0));
      Val dst = a.val(1);
      Val code = a.val(2);
      if (!dst.lvalue || (!is_integer(dst.type) && !is_real(dst.type))) fail(a.e(1), "numeric variable expected");
      if (!code.lvalue || code.m != Val::Mem || !is_integer(code.type) || code.type->size != 8)
        fail(a.e(2), "integer variable expected for the error position");
      Val caddr = reg_val(t_int_, address_of(code));
      pos(tok);
      uint32_t r;
      if (is_real(dst.type)) r = emit_callb(static_cast<int>(Builtin::kVAL_REAL), {s, caddr}, Kind::F);
      else r = emit_callb(static_cast<int>(Builtin::kVAL_INT), {s, caddr}, Kind::I);
      store(dst, reg_val(is_real(dst.type) ? t_real_ : t_int_, r), a.list[1]);
      return no_value();
    }
    case Random: {
      a.count(0, 1);
      need_fn();
      if (list.empty()) return reg_val(t_real_, emit_callb(static_cast<int>(Builtin::kRANDOM_REAL), {}, Kind::F));
      Val n = convert(a.val(0), t_int_, a.e(0));
      return reg_val(t_int_, emit_callb(static_cast<int>(Builtin::kRANDOM_INT), {n}, Kind::I));
    }
    case Randomize:
      a.count(0, 0);
      need_fn();
      emit_callb(static_cast<int>(Builtin::kRANDOMIZE), {}, Kind::V);
      return no_value();
    case Sleep: {
      a.count(1, 1);
      need_fn();
      Val ms = convert(a.val(0), t_int_, a.e(0));
      pos(tok);
      emit_callb(static_cast<int>(Builtin::kSLEEP_MS), {ms}, Kind::V);
      return no_value();
    }
    case Inc: case Dec: {
      a.count(1, 2);
      need_fn();
      Val v = a.val(0);
      if (!v.lvalue || v.readonly) fail(a.e(0), "variable identifier expected");
      if (!is_ordinal(v.type) && v.type->kind != TK::Pointer) fail(a.e(0), "ordinal variable expected");
      Val step = a.list.size() > 1 ? convert(a.val(1), t_int_, a.e(1)) : int_const(1);
      Val cur = v;
      if (v.m == Val::Mem) cur = reg_val(v.type, to_reg(v));
      Val sum = binary(id == Inc ? "+" : "-", reg_val(t_int_, to_reg(cur)), step, tok);
      // A narrower integer wraps (byte 255 + 1 is 0), as fpc's inc does, and
      // so does a char; a subrange, an enumeration or a boolean stops at its
      // bounds, as it does when assigned.
      if (is_integer(v.type) && v.type->kind != TK::Subrange) {
        sum = reg_val(v.type, wrap_reg(to_reg(sum), v.type));
      } else if (v.type->kind == TK::Subrange || v.type->kind == TK::Enum || v.type->kind == TK::Boolean) {
        uint32_t r = to_reg(sum);
        pos(tok);
        pb().emit(Op::CHKRNG, {r, ub().kint(ord_lo(v.type)), ub().kint(ord_hi(v.type))});
      } else if (v.type->kind == TK::Char) {
        sum = reg_val(v.type, wrap_reg(to_reg(sum), t_byte_));
      }
      sum.type = v.type;
      if (v.m == Val::Reg) to_dest(sum, v.reg);
      else pb().emit(store_op(v.type), {to_reg(sum), v.reg, imm(v.off)});
      return no_value();
    }
    case Halt: {
      a.count(0, 1);
      need_fn();
      // fpc's halt takes a longint and exits with 255 for anything above
      // 255 (a negative status keeps its low byte, as the system's does).
      Val code = list.empty() ? int_const(0) : field_param(a.val(0), a.e(0));
      if (code.m == Val::Const) {
        code = int_const(std::min<int64_t>(code.c.i, 255));
      } else {
        uint32_t r = temp(Kind::I), above = temp(Kind::I);
        to_dest(code, r);
        pb().emit(Op::LT, {above, to_reg(int_const(255)), r});
        Label keep = pb().new_label();
        pb().emit_jump(Op::JF, {above}, keep);
        pb().emit(Op::LDK, {r, ub().kint(255)});
        pb().bind(keep);
        code = reg_val(t_int_, r);
      }
      pos(tok);
      pb().emit(Op::HALT, {to_reg(code)});
      return no_value();
    }
    case Exit: {
      a.count(0, 1);
      need_fn();
      if (!list.empty()) {
        if (!fn_->result) fail(tok, "exit with a value is only allowed in a function");
        Val v = a.val(0);
        store(var_value(fn_->result, tok), v, a.e(0));
      }
      for (const auto& level : fn_->promoted) flush_promoted(level);
      pb().emit_jump(Op::JMP, {}, fn_->exit_label);
      return no_value();
    }
    case Break: case Continue:
      a.count(0, 0);
      need_fn();
      if (fn_->loops.empty()) fail(tok, std::string(name) + " not allowed outside a loop");
      if (id == Continue && fn_->loops.back().cont_backward) pb().emit_jump(Op::LOOP, {}, fn_->loops.back().cont);
      else pb().emit_jump(Op::JMP, {}, id == Break ? fn_->loops.back().brk : fn_->loops.back().cont);
      return no_value();
    case New: case Dispose: {
      a.count(1, 1);
      need_fn();
      Val p = id == New ? store_target(a.e(0), [&] { return a.val(0); }) : a.val(0);
      if (p.type->kind != TK::Pointer || !p.type->elem) fail(a.e(0), "typed pointer variable expected");
      uint32_t t = image_type(p.type->elem);
      pos(tok);
      if (id == New) {
        if (!p.lvalue || p.readonly) fail(a.e(0), "pointer variable expected");
        uint32_t r = temp(Kind::I);
        pb().emit(Op::NEW, {r, t});
        store(p, reg_val(p.type, r), a.e(0));
      } else {
        pb().emit(Op::DISPOSE, {to_reg(p), t});
      }
      return no_value();
    }
    case HexStr: case OctStr: case BinStr: {
      // hexstr(v, n): v's lowest n hexadecimal digits, with leading zeros.
      a.count(2, 2);
      need_fn();
      Val v = a.val(0);
      if (!is_integer(v.type)) fail(a.e(0), std::string("\"") + name + "\" needs an integer");
      if (ordinal_base(v.type)->bits <= 32) {  // fpc's longint overload: the 32-bit pattern
        uint32_t z = temp(Kind::I);
        pb().emit(Op::ZEXT32, {z, to_reg(v)});
        v = reg_val(t_int_, z);
      }
      Val n = convert(a.val(1), t_int_, a.e(1));
      return reg_val(t_string_, emit_callb(static_cast<int>(Builtin::kRADIX_STR),
                                           {v, n, int_const(id == HexStr ? 4 : id == OctStr ? 3 : 1)}, Kind::S));
    }
    case FillChar: {
      // FillChar(x, count, value): count bytes of x set to value, as fpc does
      // (nothing for count <= 0; bytes past x are the program's business).
      a.count(3, 3);
      need_fn();
      Val x = a.val(0);
      if (!x.lvalue || x.readonly) fail(a.e(0), "variable identifier expected");
      if (x.type && is_managed(x.type))
        fail(a.e(0), "unsupported: FillChar of a variable holding strings or dynamic arrays");
      if (x.m != Val::Mem || !x.type || !is_aggregate(x.type))
        fail(a.e(0), "unsupported: FillChar of a variable that is not an array or a record");
      Val n = convert(a.val(1), t_int_, a.e(1));
      Val v = a.val(2);
      if (!is_ordinal(v.type)) fail(a.e(2), "\"fillchar\" needs an ordinal value to fill with");
      uint32_t addr = address_of(x), count = to_reg(n);
      pos(tok);
      Label skip = pb().new_label();
      pb().emit_jump(Op::JLE, {count, const_reg(int_const(0), Kind::I)}, skip);
      emit_callb(static_cast<int>(Builtin::kMEMSET), {reg_val(t_int_, addr), reg_val(t_int_, to_reg(v)), reg_val(t_int_, count)},
                 Kind::I);
      pb().bind(skip);
      return no_value();
    }
    case SizeOf: {
      a.count(1, 1);
      P::ExpressionContext* e = a.e(0);
      Symbol* s = lookup(lower(e->getText()));
      Type* t = s && s->k == Symbol::TypeName ? s->type : nullptr;
      if (!t) {
        // The size of a variable's type: compiled for its type only.
        size_t mark = temp_mark();
        t = a.val(0).type;
        release_temps(mark);
      }
      if (!t || t->kind == TK::OpenArray) fail(e, "\"sizeof\" needs a type or a variable of a fixed size");
      return int_const(t->size);
    }
    case Include: case Exclude: {
      a.count(2, 2);
      need_fn();
      Val set = a.val(0);
      if (set.type->kind != TK::Set || set.m != Val::Mem || !set.lvalue || set.readonly)
        fail(a.e(0), "set variable expected");
      Val x = a.val(1);
      if (!compatible_ordinals(x.type, set.type->elem))
        fail(a.e(1), "incompatible types: got \"" + type_name(x.type) + "\" expected \"" + type_name(set.type->elem) + "\"");
      pos(tok);
      set_bit(set, x, id == Include);
      return no_value();
    }
    case ParamCount:
      a.count(0, 0);
      need_fn();
      return reg_val(t_int_, emit_callb(static_cast<int>(Builtin::kPARAM_COUNT), {}, Kind::I));
    case ParamStr: {
      a.count(1, 1);
      need_fn();
      Val n = convert(a.val(0), t_int_, a.e(0));
      return reg_val(t_string_, emit_callb(static_cast<int>(Builtin::kPARAM_STR), {n}, Kind::S));
    }
    case Assigned: {
      a.count(1, 1);
      Val p = a.val(0);
      if (p.type->kind != TK::Pointer && p.type->kind != TK::Proc && p.type->kind != TK::DynArray)
        fail(a.e(0), "pointer or procedure variable expected");
      return compare("<>", p, const_val(t_nil_, 0), tok);
    }
  }
  fail(tok, "unknown built-in");
}

// write/writeln: one CALLB per argument, each written before the next is
// evaluated (as fpc does).
// A text file variable as the first argument of write, read, eof, ...:
// recognized by its type (compiled once only for that).
bool Compiler::text_file_argument(P::ArgumentContext* a, Val* file) {
  if (!fn_ || a->expression().size() != 1 || !may_have_kind(a->expression(0), TK::File) ||
      type_of_argument(a->expression(0))->kind != TK::File)
    return false;
  *file = expr(a->expression(0));
  return true;
}

// Runs `body` (text builtins) on the file's stream, then back on the console's.
void Compiler::with_text_file(const Val& file, bool output, const std::function<void()>& body) {
  Builtin select = output ? Builtin::kTEXT_OUT : Builtin::kTEXT_IN;
  emit_callb(static_cast<int>(select), {file}, Kind::V);
  body();
  emit_callb(static_cast<int>(select), {int_const(0)}, Kind::V);
}

void Compiler::write_args(std::vector<P::ArgumentContext*> args, bool newline, antlr4::Token* tok) {
  size_t first = 0;
  Val file;
  bool to_file = false;
  if (!args.empty() && args[0]->expression().size() == 1) {
    std::string f = lower(args[0]->getText());
    if (f == "output") first = 1;
    else if (f == "input") fail(args[0], "cannot write to input");
    else if (text_file_argument(args[0], &file)) first = 1, to_file = true;
  }
  for (size_t i = first; i < args.size(); i++) {
    size_t mark = temp_mark();
    P::ArgumentContext* a = args[i];
    Val v = expr(a->expression(0));
    if (v.type == nullptr) fail(a, "a procedure has no value");
    Val w = a->expression().size() > 1 ? field_param(expr(a->expression(1)), a->expression(1)) : int_const(-1);
    bool has_decimals = a->expression().size() > 2;
    if (has_decimals && !is_real(v.type)) fail(a->expression(2), "decimal places are only allowed for reals");
    pos(a);
    Val d = has_decimals ? field_param(expr(a->expression(2)), a->expression(2)) : int_const(-1);
    if (is_real(v.type) && !has_decimals && a->expression().size() > 1) w = at_least_zero(w);
    if (to_file) with_text_file(file, true, [&] { write_value(a, v, w, d); });
    else write_value(a, v, w, d);
    release_temps(mark);
  }
  if (newline) {
    pos(tok);
    if (to_file) with_text_file(file, true, [&] { emit_callb(static_cast<int>(Builtin::kWRITE_NL), {}, Kind::V); });
    else emit_callb(static_cast<int>(Builtin::kWRITE_NL), {}, Kind::V);
  }
}

// A field width, a number of decimals or halt's status: fpc passes them as
// longints, so a wider integer keeps its low 32 bits (writeln(5:n) with
// n = 2^32 + 3 writes "  5").
Val Compiler::field_param(Val v, antlr4::ParserRuleContext* at) {
  v = convert(v, t_int_, at);
  if (v.m == Val::Const) return int_const(wrap_int(v.c.i, t_longint_));
  return reg_val(t_int_, wrap_reg(to_reg(v), t_longint_));
}

// A real's width without decimals: a negative one is the least width, as 0
// is (-1 would mean no width at all).
Val Compiler::at_least_zero(const Val& w) {
  if (w.m == Val::Const) return int_const(w.c.i < 0 ? 0 : w.c.i);
  uint32_t v = to_reg(w), mask = temp(Kind::I), r = temp(Kind::I);
  pb().emit(Op::SAR, {mask, v, to_reg(int_const(63))});  // -1 when negative, else 0
  pb().emit(Op::NOT, {mask, mask});
  pb().emit(Op::AND, {r, v, mask});
  return reg_val(t_int_, r);
}

// One value of write: the builtin for its type.
void Compiler::write_value(P::ArgumentContext* a, const Val& v, const Val& w, const Val& d) {
  {
    if (is_real(v.type)) {
      emit_callb(static_cast<int>(Builtin::kWRITE_REAL), {v, w, d}, Kind::V);
    } else if (is_string(v.type)) {
      emit_callb(static_cast<int>(Builtin::kWRITE_STR), {v, w}, Kind::V);
    } else if (is_char(v.type)) {
      emit_callb(static_cast<int>(Builtin::kWRITE_CHAR), {v, w}, Kind::V);
    } else if (is_bool(v.type)) {
      emit_callb(static_cast<int>(Builtin::kWRITE_BOOL), {v, w}, Kind::V);
    } else if (ordinal_base(v.type)->kind == TK::Enum) {
      Val t = int_const(image_type(ordinal_base(v.type)));
      emit_callb(static_cast<int>(Builtin::kWRITE_ENUM), {v, t, w}, Kind::V);
    } else if (is_qword(v.type)) {
      emit_callb(static_cast<int>(Builtin::kWRITE_QWORD), {v, w}, Kind::V);
    } else if (is_integer(v.type)) {
      emit_callb(static_cast<int>(Builtin::kWRITE_INT), {v, w}, Kind::V);
    } else {
      fail(a, "cannot write a value of type \"" + type_name(v.type) + "\"");
    }
  }
}

void Compiler::read_args(std::vector<P::ArgumentContext*> args, bool line, antlr4::Token* tok) {
  size_t first = 0;
  Val file;
  bool from_file = false;
  if (!args.empty() && lower(args[0]->getText()) == "input") first = 1;
  else if (!args.empty() && text_file_argument(args[0], &file)) first = 1, from_file = true;
  for (size_t i = first; i < args.size(); i++) {
    size_t mark = temp_mark();
    P::ArgumentContext* a = args[i];
    if (a->expression().size() != 1) fail(a, "field widths are not allowed in read");
    Val dst = store_target(a->expression(0), [&] { return expr(a->expression(0)); });
    if (!dst.lvalue || dst.readonly) fail(a, "variable identifier expected");
    // fpc reads characters and strings through a var parameter: a use.
    if (dst.type->kind == TK::Char || is_string(dst.type)) mark_target_used(a->expression(0));
    pos(a);
    if (from_file) emit_callb(static_cast<int>(Builtin::kTEXT_IN), {file}, Kind::V);
    uint32_t r;
    Type* t;
    if (is_real(dst.type)) {
      r = emit_callb(static_cast<int>(Builtin::kREAD_REAL), {}, Kind::F);
      t = t_real_;
    } else if (is_string(dst.type)) {
      if (dst.type->max_len)  // fpc reads a string[N]'s N characters, the rest stays for the next read
        r = emit_callb(static_cast<int>(Builtin::kREAD_STR_MAX), {int_const(dst.type->max_len)}, Kind::S);
      else
        r = emit_callb(static_cast<int>(Builtin::kREAD_STR), {}, Kind::S);
      t = t_string_;
    } else if (is_char(dst.type)) {
      r = emit_callb(static_cast<int>(Builtin::kREAD_CHAR), {}, Kind::I);
      t = t_char_;
    } else if (is_integer(dst.type)) {
      r = emit_callb(static_cast<int>(Builtin::kREAD_INT), {}, Kind::I);
      t = t_int_;
    } else if (is_ordinal(dst.type) && ordinal_base(dst.type)->kind == TK::Enum) {
      t = ordinal_base(dst.type);  // read by name, as fpc does
      r = emit_callb(static_cast<int>(Builtin::kREAD_ENUM), {int_const(image_type(t))}, Kind::I);
    } else {
      fail(a, "cannot read a value of type \"" + type_name(dst.type) + "\"");
    }
    if (from_file) emit_callb(static_cast<int>(Builtin::kTEXT_IN), {int_const(0)}, Kind::V);
    store(dst, reg_val(t, r), a);
    release_temps(mark);
  }
  if (line) {
    pos(tok);
    if (from_file) with_text_file(file, false, [&] { emit_callb(static_cast<int>(Builtin::kREAD_LN), {}, Kind::V); });
    else emit_callb(static_cast<int>(Builtin::kREAD_LN), {}, Kind::V);
  }
}

}  // namespace dvm::pascal
