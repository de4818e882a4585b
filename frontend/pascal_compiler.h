// Internals of the Pascal front end: one pass over the parse tree that checks
// types and scopes and drives the builder (vm/builder.h).  Shared by the
// pascal_*.cpp files only.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "PascalLexer.h"
#include "PascalParser.h"
#include "frontend/ast_view.h"
#include "frontend/codegen.h"
#include "frontend/diag.h"
#include "vm/builder.h"
#include "vm/image.h"

namespace dvm::pascal {

using P = dvm_Pascal::PascalParser;

// ---- types ------------------------------------------------------------------
// Set: `set of T`, a bitmap of ord values 0..255 (4 bytes when T's values are
// below 32, else 32, as fpc lays them out).  File: a text file variable (the
// handle of a file the VM opened).
enum class TK { Integer, Real, Boolean, Char, Enum, Subrange, String, Array, Record, Pointer, Nil, OpenArray, Set, File,
                Proc, DynArray, Error };

struct Type;
struct Routine;
struct FieldT {
  std::string name;  // lower case
  std::string spelling;
  Type* type;
  uint32_t offset;
};

struct Type {
  TK kind = TK::Error;
  std::string name;            // declared name, for messages ("" if anonymous)
  int64_t lo = 0, hi = 0;      // Subrange/Enum/Array bounds
  Type* base = nullptr;        // Subrange: the ordinal type it restricts
  Type* index = nullptr;       // Array: the index type
  Type* elem = nullptr;        // Array/OpenArray element, Pointer target
  std::string pending_target;  // Pointer to a type declared later in the section
  std::vector<FieldT> fields;  // Record
  std::vector<std::string> enum_names;  // spelled as declared, by value ("" where no member has it)
  bool enum_assigned = false;  // some member's value was given (Mid = 5)
  uint32_t max_len = 0;        // string[N]
  // Proc (a procedural type, `function(x: Real): Real`): its parameters and
  // result, as a routine without a body.
  Routine* proc = nullptr;
  // Integer: fpc's integer types by width and signedness (integer and int64
  // are 64 bits, longint 32, byte 8 unsigned, qword 64 unsigned, ...).
  // Values of every width are computed in 64 bits and wrap when stored.
  int bits = 64;
  bool is_unsigned = false;
  uint32_t size = 8, align = 8;
  uint32_t image_index = kNoType;
};

// ---- compile-time values ------------------------------------------------------
struct ConstVal {
  Type* type = nullptr;
  int64_t i = 0;    // ordinals (booleans, chars, enums), nil
  double r = 0;
  std::string s;
};

// ---- routines -------------------------------------------------------------------
enum class Mode : uint8_t { Value = 0, Var = 1, Const = 2 };

struct Param {
  std::string name;  // lower case
  Type* type;        // for open arrays: the OpenArray type
  Mode mode;
  bool has_default = false;  // `b: integer = 5`: a call may leave it out
  ConstVal default_value;
};

struct Routine {
  std::string name;       // qualified: "outer.inner"; lower case as written? as declared
  std::string spelling;   // the name as declared
  int level = 1;          // 0 main, 1 top-level routine, 2+ nested
  Routine* parent = nullptr;
  Routine* top = nullptr;   // the top-level routine whose unit holds this one
  std::vector<Param> params;
  Type* result = nullptr;   // null for procedures
  uint32_t sub_index = 0;   // index in the unit (0 for top-level)
  // Records and arrays are returned through a hidden parameter: the address
  // the caller reserved for the result.
  bool result_by_ref = false;
  bool defined = false;
  bool forward = false;
  uint32_t line = 0, col = 0;
  std::vector<Kind> arg_kinds;  // registers of the call block, static link first
  // Routines of the same name in the same scope (overloads), this one
  // included; shared by all of them.
  std::shared_ptr<std::vector<Routine*>> overloads;
  // Its `label` section: key (lower case, or the digits without leading
  // zeros) -> where it was declared.
  struct LabelDecl {
    std::string spelling;
    uint32_t line = 0, col = 0;
  };
  std::map<std::string, LabelDecl> labels;
};

// Where a variable lives.
struct Storage {
  enum K { Global, Reg, Frame, RefReg, RefFrame } k = Reg;
  std::string global;   // Global: image name
  uint32_t reg = 0;     // Reg: the value; RefReg: the address
  uint32_t off = 0;     // Frame/RefFrame: offset in the frame area of `level`
  int level = 0;        // routine level owning the frame
  // Open arrays: where `high` is (a register or a frame slot of the same level).
  bool open = false;
  bool high_in_frame = false;
  uint32_t high = 0;
};

struct Symbol {
  enum K { Const, TypeName, Var, RoutineName, Builtin, Field } k;
  explicit Symbol(K kind) : k(kind) {}
  std::string spelling;
  Type* type = nullptr;
  ConstVal cval;              // Const
  Storage st;                 // Var
  Routine* routine = nullptr; // RoutineName
  int builtin = 0;            // Builtin: front-end builtin id
  bool readonly = false;      // constants, const parameters
  bool loop_var = false;      // a for-loop's control variable, inside the loop
  // A variable of the program that nothing reads gets fpc's note: "not
  // used", or "is assigned but never used" when something stores into it.
  bool note_unused = false, used = false, assigned = false;
  uint32_t line = 0, col = 0;
  // Field (inside `with`): the record's address register and the field.
  uint32_t with_reg = 0;
  uint32_t with_off = 0;
};

// ---- values during expression compilation -----------------------------------
struct Val {
  // StrElem is s[i]: the string (str_base) and the index register.
  enum M { Const, Reg, Mem, StrElem } m = Const;
  Type* type = nullptr;
  ConstVal c;         // Const
  uint32_t reg = 0;   // Reg: holds the value; Mem: holds the base address
  int32_t off = 0;    // Mem: byte offset from the base
  bool lvalue = false;
  bool readonly = false;
  // Open arrays passed on: the register holding high.
  bool open = false;
  uint32_t high_reg = 0;
  std::shared_ptr<Val> str_base;
  uint32_t idx_reg = 0;
  // A temporary just computed by the instruction ending at fresh_pc: it can be
  // retargeted to its destination instead of moved.
  int64_t fresh_pc = -1;
  // A temporary holding a concatenation no one else references: the next
  // `+` appends to it in place (SCAT r, r, x).
  bool concat_temp = false;
};

inline Val reg_val(Type* t, uint32_t r) {
  Val v;
  v.m = Val::Reg;
  v.type = t;
  v.reg = r;
  return v;
}

inline Val const_val(Type* t, int64_t i) {
  Val v;
  v.type = v.c.type = t;
  v.c.i = i;
  return v;
}

// Raised for an error inside a statement or declaration; the compiler reports
// it and continues with the next one.
struct CompileError {
  uint32_t line, col, len;
  std::string msg;
  bool silent = false;  // a consequence of an error already reported
};

// The [a, b, c] of an expression that is nothing else, or null.
P::SetFactorContext* bracket_list(P::ExpressionContext* e);

// ---- per-routine code generation state ----------------------------------------
struct LoopLabels {
  Label brk, cont;
  bool cont_backward;  // `continue` jumps back to the loop's top (a safe point)
};

struct FnCtx {
  Routine* routine = nullptr;
  std::unique_ptr<ProcBuilder> pb;
  uint32_t frame_base = kNoReg;   // register holding this routine's frame-area address
  uint32_t static_link = kNoReg;  // register holding the parent's frame-area address
  std::map<std::string, uint32_t> global_addr;  // hoisted GADDR registers
  Label exit_label;
  Symbol* result = nullptr;
  std::vector<LoopLabels> loops;
  // The labels this routine's statements define, found before its body is
  // compiled so that a goto may jump forward.
  struct GotoLabel {
    Label label;
    P::LabeledStmtContext* def = nullptr;
    bool bound = false, used = false;
  };
  std::map<std::string, GotoLabel> labels;
  // Gotos to a label declared here that no statement defines (fpc reports
  // them at the routine's end).
  std::vector<std::pair<std::string, P::GotoStmtContext*>> undefined_gotos;
  std::vector<uint32_t> for_regs;  // counter, limit of each enclosing for loop, outermost first
  std::vector<std::vector<uint32_t>> update_point_loops;
  std::set<std::string> captured;  // names that must live in the frame area
  // Temporary registers: free lists per kind, and those in use (released at
  // the end of each statement).
  TempRegisters temps;
  // Constants used inside loops live in registers loaded once, in the prologue.
  int loop_depth = 0;
  std::map<std::pair<Kind, uint64_t>, uint32_t> const_regs;
  std::map<std::string, uint32_t> string_const_regs;
  // Loads already done in this statement, valid until the next barrier
  // (label, memory write or call).
  struct CachedLoad {
    uint32_t reg;
    uint64_t barrier;
  };
  std::map<std::tuple<uint32_t, int32_t, int>, CachedLoad> loads;
  // Variables kept in registers for the duration of a loop: (memory home,
  // register), innermost loop last.  `exit` writes them all back.
  struct Promoted {
    Symbol* home;
    uint32_t reg;
  };
  std::vector<std::vector<Promoted>> promoted;
  static constexpr uint32_t kNoReg = 0xffffffffu;
};

class Compiler {
 public:
  Compiler(const SourceFile& src, Diagnostics* diags) : src_(src), diags_(diags) {}
  bool compile(P::Program_Context* tree, Image* out);

  // ---- types (pascal_types.cpp)
  Type* new_type(TK k);
  Type* type_of(P::TypeSpecContext* ctx);
  Type* ordinal_base(Type* t);  // strips subranges
  bool is_ordinal(Type* t);
  bool is_integer(Type* t) { return ordinal_base(t)->kind == TK::Integer; }
  bool is_real(Type* t) { return t->kind == TK::Real; }
  bool is_string(Type* t) { return t->kind == TK::String; }
  bool is_char(Type* t) { return ordinal_base(t)->kind == TK::Char; }
  bool is_bool(Type* t) { return ordinal_base(t)->kind == TK::Boolean; }
  bool is_aggregate(Type* t) { return t->kind == TK::Array || t->kind == TK::Record || t->kind == TK::Set; }
  Type* int_type(const char* name, int bits, bool is_unsigned);
  int64_t ord_lo(Type* t);
  int64_t ord_hi(Type* t);
  bool is_qword(Type* t);
  int64_t wrap_int(int64_t v, Type* t);
  uint32_t wrap_reg(uint32_t r, Type* t);
  bool int_fits(Type* from, Type* to);
  bool identical_type(Type* a, Type* b);
  bool compatible_ordinals(Type* a, Type* b) {
    return is_ordinal(a) && is_ordinal(b) && same_type(ordinal_base(a), ordinal_base(b));
  }
  bool is_managed(Type* t);
  Kind reg_kind(Type* t);  // I, F or S; aggregates have none (V)
  std::string type_name(Type* t);
  bool same_type(Type* a, Type* b);
  bool assignable(Type* to, Type* from);  // assignment compatibility
  uint32_t image_type(Type* t);
  void layout_record(Type* t);
  Type* set_type(Type* elem, antlr4::ParserRuleContext* where);
  void resolve_pending_pointers();

  // ---- declarations (pascal_decls.cpp)
  void declarations(const std::vector<P::DeclarationContext*>& decls, bool global);
  void const_section(P::ConstSectionContext* ctx, bool global);
  void type_section(P::TypeSectionContext* ctx);
  void var_section(P::VarSectionContext* ctx, bool global);
  void routine_declaration(P::RoutineDeclarationContext* ctx);
  void compile_routine_body(Routine* r, P::BlockContext* block);
  void compile_main(P::BlockContext* block);
  void declare_local(const std::string& name, antlr4::Token* tok, Type* t);
  Routine* declare_routine_heading(P::RoutineDeclarationContext* ctx);
  Type* procedural_type(P::TypeSpecContext* ctx);
  void record_fields(P::FieldListContext* fl, Type* t, bool in_variant, uint32_t* off, uint32_t* align);
  void collect_captured(Routine* r, P::BlockContext* block, std::set<std::string>* out);
  void check_routine_nesting(P::BlockContext* program_block);
  void directive(P::DvmDirectiveContext* ctx, bool in_statement, const std::string& next_routine);
  void global_initializer(Type* t, P::TypedConstantContext* init, Global* g);
  void constant_into(Type* t, uint32_t off, P::TypedConstantContext* init, Global* g);
  void scalar_into(Type* t, uint32_t off, const ConstVal& v, antlr4::ParserRuleContext* where, Global* g);
  void local_initializer(Symbol* var, P::TypedConstantContext* init);
  Val const_value(const ConstVal& c);

  // ---- statements (pascal_stmts.cpp)
  void statement_list(P::StatementListContext* ctx);
  void statement(P::StatementContext* ctx);
  void assign(P::AssignStmtContext* ctx);
  void store(const Val& dst, Val src, antlr4::ParserRuleContext* where);
  void assign_dyn_constructor(const Val& dst, P::SetFactorContext* list);
  Val for_in_array_constructor(P::ExpressionContext* e);
  void if_stmt(P::IfStmtContext* ctx);
  void while_stmt(P::WhileStmtContext* ctx);
  void repeat_stmt(P::RepeatStmtContext* ctx);
  void for_stmt(P::ForStmtContext* ctx);
  void for_in_stmt(P::ForInStmtContext* ctx);
  Type* type_named_by(P::ExpressionContext* e);
  void case_stmt(P::CaseStmtContext* ctx);
  void with_stmt(P::WithStmtContext* ctx);
  void string_case_label(const Val& sel, P::CaseLabelContext* lab, Label body,
                         std::vector<std::pair<std::string, std::string>>* seen);
  void label_section(P::LabelSectionContext* ctx);
  void find_labels(P::StatementListContext* body);
  void goto_stmt(P::GotoStmtContext* ctx);
  void labeled_stmt(P::LabeledStmtContext* ctx);
  void check_labels(antlr4::Token* end);
  void loop_statement(P::StatementContext* ctx);
  std::vector<Symbol*> promotable_vars(P::StatementContext* loop);
  void flush_promoted(const std::vector<FnCtx::Promoted>& vars);
  void record_promotions(const std::vector<FnCtx::Promoted>& vars, uint32_t begin);
  void call_stmt(P::CallStmtContext* ctx);

  // ---- expressions (pascal_exprs.cpp)
  Val expr(P::ExpressionContext* ctx);
  Val simple_expr(P::SimpleExpressionContext* ctx);
  Val term(P::TermContext* ctx);
  Val factor(P::FactorContext* ctx);
  Val factor_node(P::FactorContext* ctx);
  Val note(const antlr4::tree::ParseTree* t, const Val& v, const std::string& symbol = "");
  std::string describe_symbol(const Symbol* s);
  Val designator(P::DesignatorContext* ctx, bool want_call_result = true);
  Val binary(const std::string& op, Val a, Val b, antlr4::Token* op_tok);
  Val compare(const std::string& op, Val a, Val b, antlr4::Token* op_tok);
  Val unary_minus(Val v, antlr4::Token* tok);
  Val logical_not(Val v, antlr4::Token* tok);
  Val fold(const std::string& op, const Val& a, const Val& b, antlr4::Token* tok);
  Val shift(const std::string& op, Val a, Val b, antlr4::Token* tok);
  Type* shift_type(Type* left);
  void cond_jump(P::ExpressionContext* ctx, Label target, bool jump_if);
  ConstVal const_expr(P::ExpressionContext* ctx);
  ConstVal const_simple(P::SimpleExpressionContext* ctx);
  Val convert(Val v, Type* to, antlr4::ParserRuleContext* where);
  uint32_t to_reg(Val v);                       // a register holding the value
  uint32_t const_reg(const Val& v, Kind k);
  void to_dest(Val v, uint32_t dst);            // the value into register dst
  uint32_t address_of(const Val& v);           // a register holding the address (Mem only)
  Val load_mem(Type* t, uint32_t base, int32_t off);
  Op load_op(Type* t);   // the load instruction for a scalar of type t
  Op store_op(Type* t);  // the store instruction for a scalar of type t
  Val var_value(Symbol* s, antlr4::Token* tok);
  // The variable a statement stores into (`x := ...`, `x[i] := ...`, read(x),
  // new(p)): compiled by `compile`, which resolves the target's variable
  // first; that variable counts as assigned, not used (fpc's notes), unless
  // the store reads it too (through `^`, or a character of a string).
  Val store_target(antlr4::ParserRuleContext* target, const std::function<Val()>& compile);
  void mark_target_used(antlr4::ParserRuleContext* target);
  bool storing_ = false;
  bool probing_ = false;  // type_of_argument: compiling only to learn a type
  // A call of r; with `through`, a call through that procedure value, whose
  // type's signature r is.
  Val call_routine(Routine* r, std::vector<P::ArgumentContext*> args, antlr4::Token* tok, const Val* through = nullptr);
  Val routine_value(P::DesignatorContext* d);
  Signature value_call_signature(const Routine* r);
  std::vector<Param> formal_parameters(P::FormalParametersContext* fp);
  void set_arg_kinds(Routine* r);
  Routine* resolve_overload(Routine* r, const std::vector<P::ArgumentContext*>& args, antlr4::Token* tok);
  bool may_have_kind(P::ExpressionContext* e, TK k);
  Type* type_of_argument(P::ExpressionContext* e);
  bool same_parameters(const Routine* r, const std::vector<Param>& params, Type* result);
  uint32_t frame_base_of(int level);
  uint32_t global_address(const std::string& gname);
  Val select(Val base, P::SelectorContext* sel, bool last);
  Val index_array(Val base, P::ExpressionContext* idx);
  Val int_const(int64_t v);
  Val real_const(double v);
  Val string_const(const std::string& s);
  Val bool_const(bool b);

  // ---- sets (pascal_sets.cpp)
  Type* constructor_type(Type* elem);
  bool sets_compatible(Type* a, Type* b);
  Val set_constructor(P::SetFactorContext* ctx);
  Val set_const_into_temp(const std::string& bits, Type* t);
  uint32_t set_word(const Val& s, uint32_t w);
  Val set_binary(const std::string& op, Val a, Val b, antlr4::Token* tok);
  Val set_compare(const std::string& op, Val a, Val b, antlr4::Token* tok);
  Val set_in(Val x, Val s, antlr4::Token* tok);
  void set_bit(const Val& s, Val x, bool include);
  void set_store(const Val& dst, Val src, antlr4::ParserRuleContext* where);
  Val set_as(Val v, Type* as);

  // ---- built-in routines (pascal_builtins.cpp)
  void declare_builtins();
  void declare_sysutils();
  void declare_math();
  Val select_value(Val cond, Val x, Val y, Type* t);
  uint32_t dyn_length(uint32_t ref);
  void set_dyn_lengths(uint32_t addr, Type* t, const std::vector<uint32_t>& lengths, size_t k);
  int64_t dyn_elements_arg(Type* arr);
  Val dyn_layout_arg(Type* arr);
  Val parse_number(Val text, Type* t, const std::function<Val()>& fallback);
  Val format_call(P::ExpressionContext* format, P::ExpressionContext* args, antlr4::Token* tok);
  Val call_builtin(int id, std::vector<P::ArgumentContext*> args, antlr4::Token* tok, bool as_statement);
  uint32_t emit_callb(int blt, const std::vector<Val>& args, Kind result);
  void write_args(std::vector<P::ArgumentContext*> args, bool newline, antlr4::Token* tok);
  void read_args(std::vector<P::ArgumentContext*> args, bool line, antlr4::Token* tok);
  void write_value(P::ArgumentContext* a, const Val& v, const Val& w, const Val& d);
  Val at_least_zero(const Val& w);
  Val field_param(Val v, antlr4::ParserRuleContext* at);
  bool text_file_argument(P::ArgumentContext* a, Val* file);
  void with_text_file(const Val& file, bool output, const std::function<void()>& body);

  // ---- remote procedures (pascal_remote.cpp)
  static constexpr int kServeBuiltin = 1000;  // `serve`: a builtin id past the front end's own
  void declare_remote_builtins();
  void export_routine(P::DvmDirectiveContext* ctx, const std::vector<std::string>& words,
                      const std::string& next_routine);
  void compile_import(Routine* r, P::RoutineDeclarationContext* ctx);
  void finish_remote(P::Program_Context* tree);
  Val call_serve(const std::vector<P::ArgumentContext*>& args, antlr4::Token* tok, bool as_statement);
  std::string why_cannot_cross(Type* t, int depth = 0);
  void check_crossing(Routine* r, P::RoutineDeclarationContext* ctx, const std::string& what);

  // ---- scopes and registers
  void push_scope() { scopes_.push(); }
  void pop_scope();
  void note_unused_in(const std::unordered_map<std::string, Symbol*>& scope);
  void check_result_set(Routine* r, P::BlockContext* block);
  Symbol* lookup(const std::string& name);
  Symbol* declare(const std::string& name, Symbol s, antlr4::Token* tok);
  std::string program_name_;  // lower case
  Routine* declaring_ = nullptr;  // the routine whose declarations are being compiled
  size_t program_scope_ = 0;  // scopes_.size() in the program's own scope
  uint32_t temp(Kind k);
  uint32_t block(const std::vector<Kind>& kinds);
  size_t temp_mark() const;
  void release_temps(size_t mark);
  ProcBuilder& pb() {
    // Constant expressions are compiled without a routine: emitting there is a
    // bug in the caller, reported as "constant expression expected".
    if (!fn_) throw std::logic_error("code emitted outside a routine");
    return *fn_->pb;
  }
  UnitBuilder& ub() { return *unit_; }
  void pos(antlr4::ParserRuleContext* ctx);
  void pos(antlr4::Token* tok);

  [[noreturn]] void fail(antlr4::ParserRuleContext* ctx, const std::string& msg);
  [[noreturn]] void fail(antlr4::Token* tok, const std::string& msg);
  void warn(antlr4::Token* tok, const std::string& msg);
  void range_warning(antlr4::ParserRuleContext* where, int64_t v, int64_t lo, int64_t hi);
  // Reports an error at ctx without throwing.
  void fail_quietly(antlr4::ParserRuleContext* ctx, const std::string& msg) {
    diags_->error(static_cast<uint32_t>(ctx->getStart()->getLine()),
                  static_cast<uint32_t>(ctx->getStart()->getCharPositionInLine()) + 1, msg);
  }
  void report(const CompileError& e);
  // Names whose declaration failed: their uses are not reported again.
  void declare_failed(const std::vector<P::IdentifierContext*>& ids);

  static std::string lower(const std::string& s);
  // The teaching view's record of types and symbols (--emit=ast), when wanted.
  CheckedNotes* notes_ = nullptr;

  // ---- state
  const SourceFile& src_;
  Diagnostics* diags_;
  Image img_;
  std::deque<Type> types_;
  std::deque<Symbol> symbols_;
  std::deque<Routine> routines_;
  ScopeStack<Symbol> scopes_;
  FnCtx* fn_ = nullptr;
  UnitBuilder* unit_ = nullptr;
  std::vector<std::string> pending_directives_;  // interprocedure/mapper before a routine
  std::vector<std::pair<std::string, std::vector<std::string>>> pending_routine_directives_;
  int stmt_depth_ = 0;
  static constexpr int kMaxStatementDepth = 1000;
  static constexpr int kMaxRoutineNesting = 31;  // fpc's "function nesting > 31"
  std::string routine_prefix_;  // "outer." while compiling nested routines

  // Built-in types.
  Type *t_int_ = nullptr, *t_real_ = nullptr, *t_bool_ = nullptr, *t_char_ = nullptr,
       *t_string_ = nullptr, *t_nil_ = nullptr, *t_error_ = nullptr;
  size_t global_names_seen_ = 0;                // img_.globals[0..) whose names are in global_names_
  std::unordered_set<std::string> global_names_;  // lower case
  bool global_named(const std::string& name);
  size_t unit_names_seen_ = 0;                 // img_.units[0..) whose names are in unit_names_
  std::unordered_set<std::string> unit_names_;  // lower case
  Type *t_longint_ = nullptr, *t_cardinal_ = nullptr, *t_qword_ = nullptr, *t_text_ = nullptr, *t_float_format_ = nullptr, *t_byte_ = nullptr,
       *t_word_ = nullptr;
};

}  // namespace dvm::pascal
