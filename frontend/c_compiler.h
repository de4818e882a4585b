// Internals of the C front end: one pass over the parse tree that checks
// types and scopes and drives the builder (vm/builder.h).  Shared by the
// c_*.cpp files only.  How C maps onto the VM: docs/C-PLAN.md.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "CParser.h"
#include "frontend/ast_view.h"
#include "frontend/c_headers.h"
#include "frontend/codegen.h"
#include "frontend/c_parse.h"
#include "frontend/diag.h"
#include "vm/builder.h"
#include "vm/image.h"

namespace dvm::c {

using P = dvm_C::CParser;

// ---- types ------------------------------------------------------------------
// Integer kinds in rank order; `long long` is `long` (both 64-bit here).
enum class TK { Void, Bool, Char, SChar, UChar, Short, UShort, Int, UInt, Long, ULong, Float, Double, Pointer, Array, Struct, Func };

struct Type;
struct Member {
  std::string name;
  Type* type;
  uint32_t offset;  // a bit-field: of the storage unit (its type's size and alignment) holding it
  antlr4::Token* tok = nullptr;  // where it is declared (diagnostics)
  // A bit-field: its width and its lowest bit in the unit at `offset`.
  // Unnamed bit-fields only pad: layout_struct drops them once placed.
  uint8_t bits = 0, shift = 0;
  bool padding = false;
  int64_t declared_width = -1;  // as written, until layout (0 is `int :0`)
};

struct StructInfo {
  std::string tag;
  bool flexible = false;  // its last member is a flexible array (`int data[];`)
  bool complete = false;
  std::vector<Member> members;
  uint32_t size = 0, align = 1;
  uint32_t image_index = kNoType;
  int id = 0;
  // The translation unit that declared it: 0 the program, 1 the library's
  // prelude, 2 a library prototype read on its own (C11 6.2.7 compares
  // structs of different units by tag and members).
  int unit = 0;
  bool is_union = false;  // every member at offset 0
};

struct Type {
  TK kind = TK::Int;
  uint32_t size = 4, align = 4;
  bool is_const = false;
  Type* base = nullptr;        // Pointer target, Array element, Func result
  int64_t len = -1;            // Array: element count (-1: incomplete, `int a[]`)
  StructInfo* st = nullptr;    // Struct
  std::vector<Type*> params;   // Func
  bool variadic = false, proto = true;
  std::string enum_name;       // an enum type (an int) keeps its name for messages
  // A variable-length array (len -1): its size in bytes is in register
  // vla_bytes of the function that declared it (kNoVlaSize: not known here,
  // as in a prototype's `int a[n]` or `int a[*]`).
  bool vla = false;
  uint32_t vla_bytes = kNoVlaSize;
  static constexpr uint32_t kNoVlaSize = 0xffffffffu;
};

// ---- values during expression compilation -----------------------------------
struct Val {
  // Const: a compile-time number; Reg: in a register; Mem: at reg+off;
  // Func: a function designator (name); None: void.
  enum M { None, Const, Reg, Mem, Func } m = None;
  Type* type = nullptr;
  int64_t i = 0;
  double f = 0;
  uint32_t reg = 0;
  int32_t off = 0;
  bool lvalue = false;
  bool null_const = false;  // an integer constant expression 0 (or (void *)0)
  bool overflow = false;    // a constant whose computation overflowed (not constant for C11 6.6p4)
  std::string fname;        // Func
  int64_t fresh_pc = -1;    // a temporary computed by the instruction ending here
  // A bit-field (Mem): `bits` wide from bit `shift` of the unit of type's
  // size at reg+off.  Reading it gives an int (or wider: bitfield_value_type).
  uint8_t bits = 0, shift = 0;
};

struct CompileError {
  uint32_t line, col, len;
  std::string msg;
  uint32_t use_line = 0, use_col = 0;  // inside a macro's expansion: where the macro is used
};

// Where a variable lives.
struct Storage {
  // Heap: a variable-length array, at the address in `reg`.
  enum K { Global, Reg, Frame, Heap } k = Reg;
  std::string global;
  uint32_t reg = 0;
  uint32_t off = 0;
};

struct FuncInfo {
  std::string name;
  Type* type = nullptr;       // TK::Func
  bool defined = false;
  bool result_by_ref = false;  // struct results: hidden first parameter
  bool called = false;         // referenced by a call or a function pointer
  uint32_t line = 0, col = 0;
};

struct Symbol {
  enum K { Var, Function, Typedef, EnumConst } k = Var;
  std::string name;
  Type* type = nullptr;
  Storage st;
  int64_t value = 0;  // EnumConst
  bool is_extern_decl = false;
  // A local variable of the program is warned about when nothing uses it.
  bool warn_unused = false, used = false;
  bool is_param = false;
  bool is_register = false;  // declared `register`: its address may not be taken
  uint32_t line = 0, col = 0;
};

struct LoopTarget {
  Label label;
  bool backward;      // already bound: reach it with LOOP
  size_t live_vlas;   // variable-length arrays live where the loop starts
};

// A variable-length array's block (on the heap, freed when its block ends).
struct LiveVla {
  uint32_t reg;  // its address
  uint32_t line, col;
};

struct FnCtx {
  FuncInfo* func = nullptr;
  std::unique_ptr<ProcBuilder> pb;
  uint32_t frame_base = kNoReg;
  uint32_t result_addr = kNoReg;  // struct results
  std::map<std::string, uint32_t> global_addr;  // hoisted GADDR
  std::map<std::string, uint32_t> string_addr;  // hoisted LDSA
  std::map<std::pair<int, uint64_t>, uint32_t> const_regs;
  int loop_depth = 0;
  std::vector<LoopTarget> breaks, continues;
  std::set<std::string> address_taken;
  TempRegisters temps;
  std::vector<LiveVla> vlas;      // innermost last
  struct GotoLabel {
    Label label;
    bool bound;
    antlr4::Token* first_use;  // the first goto naming it
  };
  std::map<std::string, GotoLabel> labels;
  // A variadic function's own variable arguments: the registers holding the
  // address of their 8-byte slots and their count (va_start reads them).
  uint32_t va_slots = kNoReg, va_count = kNoReg;
  std::vector<Signature> sigs;    // CALLP signatures of this unit
  // switch: the label of each case/default statement of the switch being compiled
  std::vector<std::map<antlr4::ParserRuleContext*, Label>*> switch_labels;
  static constexpr uint32_t kNoReg = 0xffffffffu;
};

class Compiler {
 public:
  Compiler(const SourceFile& src, Diagnostics* diags, std::set<std::string> included_headers = {})
      : src_(src), diags_(diags), included_headers_(std::move(included_headers)) {}
  bool compile(P::CompilationUnitContext* tree, Image* out);

  // ---- types (c_types.cpp)
  Type* new_type(TK k);
  Type* pointer_to(Type* t);
  Type* array_of(Type* t, int64_t n);
  // A member by name, directly or inside anonymous struct and union members.
  const Member* find_member(const StructInfo* s, const std::string& name, uint32_t* offset);
  Type* qualified(Type* t, bool is_const);
  Type* unqual(Type* t) { return t->is_const ? qualified(t, false) : t; }
  bool is_integer(Type* t) { return t->kind >= TK::Bool && t->kind <= TK::ULong; }
  bool is_float(Type* t) { return t->kind == TK::Float || t->kind == TK::Double; }
  bool is_arith(Type* t) { return is_integer(t) || is_float(t); }
  bool is_scalar(Type* t) { return is_arith(t) || t->kind == TK::Pointer; }
  bool is_unsigned(Type* t);
  bool is_aggregate(Type* t) { return t->kind == TK::Array || t->kind == TK::Struct; }
  bool is_func_ptr(Type* t) { return t->kind == TK::Pointer && t->base->kind == TK::Func; }
  int rank(Type* t);
  Kind reg_kind(Type* t);
  std::string type_name(Type* t);
  std::string param_list(Type* fn);
  bool compatible(Type* a, Type* b);  // C11 6.2.7, ignoring top-level qualifiers
  bool same_struct_across_units(StructInfo* a, StructInfo* b);
  Type* promote(Type* t);
  Type* usual_arith(Type* a, Type* b);
  uint32_t image_type(Type* t);
  Signature signature_of(Type* fn);
  void layout_struct(StructInfo* s);
  Member bit_field(Type* t, const std::string& name, P::StructDeclaratorContext* d);

  // Declarations: specifiers and declarators to types.
  struct DeclSpec {
    Type* type = nullptr;
    bool is_typedef = false, is_static = false, is_extern = false, is_register = false;
  };
  DeclSpec decl_specs(const std::vector<antlr4::ParserRuleContext*>& specs, antlr4::ParserRuleContext* where);
  DeclSpec decl_specifiers(P::DeclSpecifiersContext* ctx);
  Type* spec_qual_list(P::SpecifierQualifierListContext* ctx);
  Type* struct_type(P::StructSpecifierContext* ctx);
  Type* enum_type(P::EnumSpecifierContext* ctx);
  // Applies a declarator to a base type; returns the name (may be empty).
  Type* apply_declarator(Type* base, P::DeclaratorContext* d, std::string* name, antlr4::Token** name_tok,
                         std::vector<std::pair<std::string, Type*>>* params = nullptr);
  Type* apply_abstract(Type* base, P::AbstractDeclaratorContext* d);
  Type* apply_suffixes(Type* base, const std::vector<P::DeclaratorSuffixContext*>& sufs,
                       std::vector<std::pair<std::string, Type*>>* params);
  Type* type_name_of(P::TypeNameContext* ctx);
  Type* adjust_param(Type* t);
  Type* vla_of(Type* elem, P::ExprContext* count, antlr4::ParserRuleContext* where);
  bool is_variably_modified(Type* t);
  bool is_constant_bound(P::ExprContext* e);
  Val size_of(Type* t, antlr4::Token* where);  // sizeof, evaluated for a VLA
  void declare_vla(Type* t, const std::string& name, antlr4::Token* tok);
  void vla_parameters(P::DeclaratorContext* d, std::vector<Symbol*>& params);

  // ---- declarations (c_decls.cpp)
  void external_declaration(P::ExternalDeclarationContext* ctx);
  void declaration(P::DeclarationContext* ctx, bool global);
  void declare_var(const DeclSpec& ds, Type* t, const std::string& name, antlr4::Token* tok,
                   P::InitializerContext* init, bool global);
  void function_definition(P::FunctionDefinitionContext* ctx);
  FuncInfo* declare_function(const std::string& name, Type* t, antlr4::Token* tok, bool definition);
  // One scalar (or string-initialized char array) of a braced initializer, after
  // brace elision and designators.
  struct InitTarget {
    Type* type;
    uint32_t off;
    P::ExprContext* e;
    uint8_t bits = 0, shift = 0;  // a bit-field
  };
  void static_bitfield(Global* g, const InitTarget& x);
  int64_t flatten_init(Type* t, uint32_t off, const std::vector<P::InitItemContext*>& items, size_t& idx,
                       size_t dstart, bool braced, antlr4::ParserRuleContext* where, std::vector<InitTarget>* out,
                       bool enter_anonymous = false);
  bool is_string_init(Type* t, P::ExprContext* e);
  P::InitializerContext* unbrace_string(Type* t, P::InitializerContext* init);
  void reject_empty_braces(P::InitializerContext* init);
  void static_init(Global* g, Type* t, uint32_t off, P::InitializerContext* init);
  void static_scalar(Global* g, Type* t, uint32_t off, P::ExprContext* e);
  void local_init(const Val& dst, P::InitializerContext* init);
  void local_init_list(const Val& dst, const std::vector<P::InitItemContext*>& items, antlr4::ParserRuleContext* where);
  void pragma(antlr4::Token* tok, bool in_statement);
  void compile_prelude();
  void collect_address_taken(antlr4::tree::ParseTree* body, std::set<std::string>* out);
  int64_t array_len_from_init(Type* elem, P::InitializerContext* init);

  // ---- statements (c_stmts.cpp)
  void compound(P::CompoundStatementContext* ctx, bool new_scope = true);
  void statement(P::StatementContext* ctx);
  void if_stmt(P::IfStmtContext* ctx);
  void while_stmt(P::WhileStmtContext* ctx);
  void do_stmt(P::DoStmtContext* ctx);
  void for_stmt(P::ForStmtContext* ctx);
  void sub_statement(P::StatementContext* ctx);
  void declare_tags_in(antlr4::tree::ParseTree* t);
  void for_declares_objects_only(P::ForStmtContext* ctx);
  bool counted_for(P::ForStmtContext* ctx, P::ExpressionContext* cond, P::ExpressionContext* step);
  void switch_stmt(P::SwitchStmtContext* ctx);
  void return_stmt(P::ReturnStmtContext* ctx);
  void jump_to(const LoopTarget& t);
  FnCtx::GotoLabel& goto_label(const std::string& name);
  void goto_stmt(P::GotoStmtContext* ctx);
  void label_stmt(P::LabelStmtContext* ctx);
  void check_labels();
  LoopTarget loop_target(Label label, bool backward);
  void free_vlas(size_t first, bool forget);
  void for_loop(P::ForStmtContext* ctx);
  void emit_return_default();

  // ---- expressions (c_exprs.cpp)
  Val expression(P::ExpressionContext* ctx);
  Val expr(P::ExprContext* ctx);
  Val expr_node(P::ExprContext* ctx);
  Val primary(P::PrimaryContext* ctx);
  Val binary(const std::string& op, Val a, Val b, antlr4::Token* tok);
  Val arith(const std::string& op, Val a, Val b, antlr4::Token* tok);
  Val compare(const std::string& op, Val a, Val b, antlr4::Token* tok);
  Val logical(P::LogicalExprContext* ctx);
  Val unary(P::UnaryExprContext* ctx);
  Val assign(P::AssignExprContext* ctx);
  Val incdec(P::ExprContext* operand, bool inc, bool post, antlr4::Token* tok);
  Val cond_expr(P::CondExprContext* ctx);
  Val call(P::CallExprContext* ctx);
  Val call_function(FuncInfo* f, const std::vector<P::ExprContext*>& args, antlr4::Token* tok);
  Val call_pointer(Val fp, const std::vector<P::ExprContext*>& args, antlr4::Token* tok);
  Signature promoted_signature(Signature sig, const std::vector<P::ExprContext*>& args);
  void pass_args(Type* ft, const std::vector<P::ExprContext*>& args, uint32_t slot, antlr4::Token* tok);
  void pass_call_args(Type* ft, const std::vector<P::ExprContext*>& args, uint32_t slot, antlr4::Token* tok);
  Val member(P::MemberExprContext* ctx);
  Val index(P::IndexExprContext* ctx);
  Val cast(Val v, Type* to, antlr4::ParserRuleContext* where, bool explicit_cast);
  Val convert(Val v, Type* to);             // value conversion (no checks)
  Val assign_convert(Val v, Type* to, antlr4::ParserRuleContext* where, const std::string& what);
  Val rvalue(Val v);                        // array/function decay
  Val store(const Val& dst, Val src, antlr4::ParserRuleContext* where);
  void check_modifiable(const Val& v, P::ExprContext* ctx);
  Val deref(Val p, antlr4::ParserRuleContext* where);
  Val ptr_add(Val p, Val n, bool subtract, antlr4::Token* tok);
  void cond_jump(P::ExprContext* ctx, Label target, bool jump_if);
  void value_jump(Val v, Label target, bool jump_if);
  Type* type_of_expr(P::ExprContext* ctx, bool* is_bitfield = nullptr);
  struct ExprType {
    Type* type;
    bool bitfield;
  };
  std::unordered_map<const P::ExprContext*, ExprType> expr_types_;  // type_of_expr's answers
  bool library_code_ = false;  // compiling the prelude or a library wrapper: positions are kLibraryLine
  std::map<std::string, std::pair<uint32_t, uint32_t>> extern_decls_;  // extern objects: where first declared
  void report_undefined_externs();
  // Bit-fields (c_exprs.cpp).
  Type* bitfield_value_type(const Val& v);
  uint32_t load_bitfield(const Val& v);
  void store_bitfield(const Val& dst, uint32_t value);
  int64_t const_int(P::ExprContext* ctx);
  bool try_const_int(P::ExprContext* e, int64_t* value);
  // An address constant (C11 6.6p9): a base (nothing for an integer cast to
  // a pointer, a global, a string literal or a function) plus a byte offset.
  struct AddressConst {
    enum Base { Null, Global, String, Func } base = Null;
    std::string target;  // the global's or function's name, the literal's bytes
    int64_t addend = 0;
    Type* type = nullptr;  // the object's type (static_object), the pointer's (address_constant)
  };
  bool static_object(P::ExprContext* e, AddressConst* out);
  bool address_constant(P::ExprContext* e, AddressConst* out);
  bool decay_address(AddressConst* a);
  bool null_based_offset(P::ExprContext* e, int64_t* value);
  void check_pointer_conversion(Type* to, Type* from, antlr4::ParserRuleContext* where, const std::string& what);
  Val string_literal(P::StringPrimaryContext* ctx);
  std::string decode_string(P::StringPrimaryContext* ctx);
  Val int_val(int64_t v, Type* t = nullptr);
  Val float_val(double v, Type* t);
  Val reg_val(Type* t, uint32_t r, bool fresh = false);
  Val mem_val(Type* t, uint32_t base, int32_t off);
  int64_t wrap(int64_t v, Type* t);
  uint32_t to_reg(Val v);
  void to_dest(Val v, uint32_t dst);
  uint32_t address_of(const Val& v);
  uint32_t normalize(uint32_t r, Type* t);  // emits the extension for narrow types
  Op load_op(Type* t);
  Op store_op(Type* t);
  uint32_t frame_base();
  uint32_t global_address(const std::string& gname);
  uint32_t string_address(const std::string& bytes);
  uint32_t const_reg(Kind k, uint64_t bits);
  Val var_value(Symbol* s);
  uint32_t frame_temp(Type* t);  // a frame slot for a struct temporary; returns its address register

  // ---- the library (c_library.cpp; the table is c_headers.cpp)
  // The variable arguments of a call: the address of their 8-byte slots and
  // their count, passed after the fixed parameters.
  struct VarArgs {
    Val addr, count;
  };
  bool is_library(const std::string& name);
  void check_library_name(const std::string& name, antlr4::Token* tok);
  Val call_library(const std::string& name, FuncInfo* f, const std::vector<P::ExprContext*>& args, antlr4::Token* tok);
  Val library_call(const LibFunction& lib, Type* ft, const std::vector<Val>& args, const VarArgs* va, antlr4::Token* tok);
  Val variadic_library_call(const std::string& name, const std::vector<Val>& args, const VarArgs& va, antlr4::Token* tok);
  Val call_prelude(const std::string& name, Type* ft, const std::vector<Val>& args, antlr4::Token* tok);
  Type* library_type(const std::string& name, FuncInfo* f);
  Type* parse_prototype(const char* prototype);
  void note_function_value(const std::string& name);
  void compile_library_wrapper(const std::string& name);
  uint32_t emit_callb(const char* builtin, const std::vector<Val>& args, antlr4::Token* tok);
  VarArgs vararg_array(const std::vector<P::ExprContext*>& args, size_t first);
  static std::string declarator_name_of(P::DeclaratorContext* d);

  // ---- remote procedures (c_remote.cpp)
  struct RemotePragma {
    std::string kind, name, service;  // "export" or "remote"; the function; remote: its service
    uint32_t line, col;
  };
  void remote_pragma(antlr4::Token* tok, const std::vector<std::string>& words);
  void finish_remote();
  void compile_remote_stub(FuncInfo& f, const std::string& service);
  bool check_crossing(FuncInfo& f, const std::string& what);
  std::string why_cannot_cross(Type* t, bool top, int depth = 0);
  Val call_dvm_serve(const std::vector<P::ExprContext*>& args, antlr4::Token* tok);
  uint32_t stub_callb(int builtin, const std::vector<Val>& args);
  std::vector<RemotePragma> remote_pragmas_;
  std::string service_;  // #pragma dvm service

  // ---- scopes and registers
  void push_scope() { scopes_.push(); tags_.emplace_back(); }
  void pop_scope();
  // A block scope for the lifetime of the guard, however the block is left.
  struct ScopeGuard {
    explicit ScopeGuard(Compiler& c) : c_(c) { c_.push_scope(); }
    ~ScopeGuard() { c_.pop_scope(); }
    ScopeGuard(const ScopeGuard&) = delete;
    ScopeGuard& operator=(const ScopeGuard&) = delete;
    Compiler& c_;
  };
  // Structs declared while it lives belong to translation unit `unit`.
  struct TranslationUnitGuard {
    TranslationUnitGuard(Compiler& c, int unit) : c_(c), saved_(c.translation_unit_) { c_.translation_unit_ = unit; }
    ~TranslationUnitGuard() { c_.translation_unit_ = saved_; }
    TranslationUnitGuard(const TranslationUnitGuard&) = delete;
    TranslationUnitGuard& operator=(const TranslationUnitGuard&) = delete;
    Compiler& c_;
    int saved_;
  };
  Symbol* lookup(const std::string& name);
  Symbol* declare(const std::string& name, Symbol s, antlr4::Token* tok);
  uint32_t temp(Kind k);
  uint32_t block(const std::vector<Kind>& kinds);
  size_t temp_mark() const;
  void release_temps(size_t mark);
  ProcBuilder& pb() {
    if (!fn_) throw std::logic_error("code emitted outside a function");
    return *fn_->pb;
  }
  UnitBuilder& ub() { return *unit_; }
  void pos(antlr4::ParserRuleContext* ctx) { pos(ctx->getStart()); }
  void pos(antlr4::Token* tok);

  [[noreturn]] void fail(antlr4::ParserRuleContext* ctx, const std::string& msg);
  [[noreturn]] void fail(antlr4::Token* tok, const std::string& msg);
  void report(const CompileError& e);
  // An error the compilation goes on after (what follows does not depend on it).
  void report_at(antlr4::ParserRuleContext* ctx, const std::string& msg);
  void warn(antlr4::Token* tok, const std::string& msg);
  void check_format(const std::string& function, const std::vector<P::ExprContext*>& args, size_t fmt_index,
                    antlr4::Token* tok);
  void check_format_string(const std::string& function, const std::string& fmt,
                           const std::vector<P::ExprContext*>& args, size_t fmt_index, antlr4::Token* tok);

  // ---- state
  const SourceFile& src_;
  Diagnostics* diags_;
  Image img_;
  std::deque<Type> types_;
  std::deque<StructInfo> structs_;
  std::deque<Symbol> symbols_;
  std::map<std::string, FuncInfo> funcs_;
  std::set<std::string> defined_names_;  // functions the program defines (they shadow the library)
  ScopeStack<Symbol> scopes_;
  std::vector<std::unordered_map<std::string, Type*>> tags_;  // struct and enum tags
  std::map<std::string, uint32_t> image_type_cache_;
  // Struct and enum specifiers already processed: an expression may be
  // compiled more than once (its type first, then its code), and a `for`
  // step's tags are declared before the body; each defines its type once.
  std::map<antlr4::ParserRuleContext*, Type*> tag_types_;
  std::map<std::string, size_t> global_index_;  // image global name -> index in img_.globals
  std::vector<std::pair<std::string, Directive>> pending_directives_;  // before the next function
  FnCtx* fn_ = nullptr;
  UnitBuilder* unit_ = nullptr;
  int stmt_depth_ = 0;
  int string_counter_ = 0;
  // Library functions: prelude definitions to compile, builtins used as values
  // (each gets a wrapper procedure), prototypes, and parses that own them.
  std::set<std::string> needed_prelude_;
  std::set<std::string> library_values_;
  std::map<std::string, Type*> library_types_;
  std::vector<ParseResult> parsed_prototypes_;
  std::unique_ptr<ParseResult> prelude_;
  int translation_unit_ = 0;  // see StructInfo::unit
  // The teaching view's record of types and symbols (--emit=ast), when wanted.
  CheckedNotes* notes_ = nullptr;
  void note(const antlr4::tree::ParseTree* t, Type* type, const std::string& symbol = "");
  std::string describe_symbol(const Symbol* s);
  // Array bounds are not evaluated here (parameters of a prototype, members):
  // a variable one makes a VLA type of unknown size.
  int vla_bounds_unevaluated_ = 0;
  // The parameter declarations of the old-style definition being read
  // (between its declarator and its body), by name; null elsewhere.
  struct KrParam {
    Type* type;
    P::DeclaratorContext* where;
    bool used = false;
  };
  std::map<std::string, KrParam>* kr_params_ = nullptr;
  void kr_parameter_declarations(P::FunctionDefinitionContext* ctx, std::map<std::string, KrParam>* out);
  std::set<std::string> included_headers_;  // the built-in headers the program included
  // The expression whose value is discarded (an expression statement, a `for`
  // step): `i++` there needs no copy of the old value.
  antlr4::tree::ParseTree* discarded_ = nullptr;
  static constexpr int kMaxStatementDepth = 1000;

  Type *t_void_ = nullptr, *t_bool_ = nullptr, *t_char_ = nullptr, *t_schar_ = nullptr, *t_uchar_ = nullptr,
       *t_short_ = nullptr, *t_ushort_ = nullptr, *t_int_ = nullptr, *t_uint_ = nullptr, *t_long_ = nullptr,
       *t_ulong_ = nullptr, *t_float_ = nullptr, *t_double_ = nullptr, *t_voidp_ = nullptr, *t_charp_ = nullptr;
};

// Token position helpers.
inline uint32_t tok_line(antlr4::Token* t) { return static_cast<uint32_t>(t->getLine()); }
inline uint32_t tok_col(antlr4::Token* t) { return static_cast<uint32_t>(t->getCharPositionInLine()) + 1; }
// Where the code of token t runs from, for line tables: its macro's use.
inline uint32_t use_line(antlr4::Token* t) {
  auto* c = dynamic_cast<CToken*>(t);
  return c && c->use_line ? c->use_line : tok_line(t);
}
inline uint32_t use_col(antlr4::Token* t) {
  auto* c = dynamic_cast<CToken*>(t);
  return c && c->use_line ? c->use_col : tok_col(t);
}

}  // namespace dvm::c
