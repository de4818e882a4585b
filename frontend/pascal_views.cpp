// Teaching views of the Pascal front end: the token stream and the checked
// syntax tree (frontend/ast_view.h prints it).  Operator chains become
// binary nodes, designators become their steps: `a[i].x` is Field .x of
// Index of Name a, `f(i)` is Call of Name f.
#include "frontend/ast_view.h"
#include "frontend/pascal.h"
#include "frontend/pascal_compiler.h"
#include "frontend/pascal_parse.h"

namespace dvm {
namespace {

using P = dvm_Pascal::PascalParser;

class PascalViewBuilder {
 public:
  PascalViewBuilder(const pascal::ParseResult& r, const CheckedNotes& notes) : r_(r), notes_(notes) {}

  ViewNode program(P::Program_Context* p) {
    ViewNode n = make("Program", p->identifier()->getText(), p);
    block(n, p->block());
    return n;
  }

 private:
  ViewNode make(const std::string& kind, const std::string& text, antlr4::tree::ParseTree* at,
                antlr4::tree::ParseTree* checked = nullptr) {
    ViewNode n;
    n.kind = kind;
    n.text = text;
    antlr4::Token* start = nullptr;
    if (auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(at)) start = ctx->getStart();
    else if (auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(at)) start = term->getSymbol();
    if (start) {
      n.line = static_cast<uint32_t>(start->getLine());
      n.col = static_cast<uint32_t>(start->getCharPositionInLine()) + 1;
    }
    if (const Checked* c = checked_of(notes_, checked ? checked : at)) n.checked = *c;
    return n;
  }

  void block(ViewNode& parent, P::BlockContext* b) {
    for (auto* d : b->declaration()) declaration(parent, d);
    parent.children.push_back(compound(b->compoundStatement()));
  }

  void declaration(ViewNode& parent, P::DeclarationContext* d) {
    if (auto* c = d->constSection()) {
      ViewNode n = make("Const", "", c);
      for (auto* def : c->constDefinition()) {
        ViewNode k = make("Constant", def->identifier()->getText(), def);
        k.children.push_back(typed_constant(def->typedConstant()));
        n.children.push_back(k);
      }
      parent.children.push_back(n);
    } else if (auto* t = d->typeSection()) {
      ViewNode n = make("Type", "", t);
      for (auto* def : t->typeDefinition()) n.children.push_back(make("TypeName", def->identifier()->getText() + " = " + spaced(def->typeSpec()), def));
      parent.children.push_back(n);
    } else if (auto* v = d->varSection()) {
      ViewNode n = make("Var", "", v);
      for (auto* decl : v->varDeclaration())
        for (auto* id : decl->identifierList()->identifier()) {
          ViewNode x = make("Variable", id->getText(), id);
          if (decl->typedConstant()) x.children.push_back(typed_constant(decl->typedConstant()));
          n.children.push_back(x);
        }
      parent.children.push_back(n);
    } else if (auto* r = d->routineDeclaration()) {
      bool is_function = r->functionHeading() != nullptr;
      auto* id = is_function ? r->functionHeading()->identifier() : r->procedureHeading()->identifier();
      ViewNode n = make(is_function ? "Function" : "Procedure", id->getText(), r);
      auto* fp = is_function ? r->functionHeading()->formalParameters() : r->procedureHeading()->formalParameters();
      if (fp)
        for (auto* g : fp->parameterGroup())
          for (auto* pid : g->identifierList()->identifier())
            n.children.push_back(make("Parameter", pid->getText(), pid));
      if (auto* b = r->routineBody()->block()) block(n, b);
      else n.children.push_back(make("Forward", "", r->routineBody()));
      parent.children.push_back(n);
    } else if (auto* dir = d->dvmDirective()) {
      parent.children.push_back(make("Directive", dir->getText(), dir));
    } else if (auto* l = d->labelSection()) {
      ViewNode n = make("Labels", "", l);
      for (auto* name : l->labelName()) n.children.push_back(make("Label", name->getText(), name));
      parent.children.push_back(n);
    }
  }

  ViewNode typed_constant(P::TypedConstantContext* c) {
    if (c->expression()) return expression(c->expression());
    ViewNode n = make("StructuredConstant", "", c);
    if (auto* a = dynamic_cast<P::ArrayConstantContext*>(c->structuredConstant()))
      for (auto* x : a->typedConstant()) n.children.push_back(typed_constant(x));
    if (auto* rec = dynamic_cast<P::RecordConstantContext*>(c->structuredConstant()))
      for (auto* f : rec->recordConstantField()) {
        ViewNode field = make("Field", f->identifier()->getText(), f);
        field.children.push_back(typed_constant(f->typedConstant()));
        n.children.push_back(field);
      }
    return n;
  }

  ViewNode compound(P::CompoundStatementContext* c) {
    ViewNode n = make("Begin", "", c);
    statements(n, c->statementList());
    return n;
  }

  void statements(ViewNode& parent, P::StatementListContext* list) {
    for (auto* s : list->statement())
      if (!dynamic_cast<P::EmptyStmtContext*>(s)) parent.children.push_back(statement(s));
  }

  ViewNode statement(P::StatementContext* s) {
    if (auto* c = dynamic_cast<P::CompoundStmtContext*>(s)) return compound(c->compoundStatement());
    if (auto* call = dynamic_cast<P::CallStmtContext*>(s)) return designator(call->designator());
    if (auto* a = dynamic_cast<P::AssignStmtContext*>(s)) {
      ViewNode n = make("Assign", a->assignOperator()->getText(), a);
      n.children.push_back(designator(a->designator()));
      n.children.push_back(expression(a->expression()));
      return n;
    }
    if (auto* i = dynamic_cast<P::IfStmtContext*>(s)) {
      ViewNode n = make("If", "", i);
      n.children.push_back(expression(i->expression()));
      for (auto* st : i->statement()) n.children.push_back(statement(st));
      return n;
    }
    if (auto* w = dynamic_cast<P::WhileStmtContext*>(s)) {
      ViewNode n = make("While", "", w);
      n.children.push_back(expression(w->expression()));
      n.children.push_back(statement(w->statement()));
      return n;
    }
    if (auto* r = dynamic_cast<P::RepeatStmtContext*>(s)) {
      ViewNode n = make("Repeat", "", r);
      statements(n, r->statementList());
      n.children.push_back(expression(r->expression()));
      return n;
    }
    if (auto* f = dynamic_cast<P::ForStmtContext*>(s)) {
      ViewNode n = make("For", f->identifier()->getText() + (f->TO() ? " to" : " downto"), f);
      for (auto* e : f->expression()) n.children.push_back(expression(e));
      n.children.push_back(statement(f->statement()));
      return n;
    }
    if (auto* f = dynamic_cast<P::ForInStmtContext*>(s)) {
      ViewNode n = make("For", f->identifier()->getText() + " in", f);
      n.children.push_back(expression(f->expression()));
      n.children.push_back(statement(f->statement()));
      return n;
    }
    if (auto* c = dynamic_cast<P::CaseStmtContext*>(s)) {
      ViewNode n = make("Case", "", c);
      n.children.push_back(expression(c->expression()));
      for (auto* item : c->caseItem()) {
        ViewNode k = make("Choice", spaced_labels(item), item);
        k.children.push_back(statement(item->statement()));
        n.children.push_back(k);
      }
      if (auto* e = c->caseElse()) {
        ViewNode k = make("Else", "", e);
        statements(k, e->statementList());
        n.children.push_back(k);
      }
      return n;
    }
    if (auto* w = dynamic_cast<P::WithStmtContext*>(s)) {
      ViewNode n = make("With", "", w);
      for (auto* d : w->designator()) n.children.push_back(designator(d));
      n.children.push_back(statement(w->statement()));
      return n;
    }
    if (auto* g = dynamic_cast<P::GotoStmtContext*>(s)) return make("Goto", g->labelName()->getText(), g);
    if (auto* l = dynamic_cast<P::LabeledStmtContext*>(s)) {
      ViewNode n = make("Labelled", l->labelName()->getText(), l);
      if (!dynamic_cast<P::EmptyStmtContext*>(l->statement())) n.children.push_back(statement(l->statement()));
      return n;
    }
    if (auto* d = dynamic_cast<P::DirectiveStmtContext*>(s)) {
      ViewNode n = make("Directive", d->dvmDirective()->getText(), d);
      if (!dynamic_cast<P::EmptyStmtContext*>(d->statement())) n.children.push_back(statement(d->statement()));
      return n;
    }
    return make(rule_kind(s, r_.parser->getRuleNames()), "", s);
  }

  ViewNode expression(P::ExpressionContext* e) {
    // Left-associated comparisons, the whole chain's node typed as checked.
    auto operands = e->simpleExpression();
    auto ops = e->relationalOperator();
    ViewNode acc = simple(operands[0]);
    for (size_t i = 0; i < ops.size(); i++) {
      bool last = i + 1 == ops.size();
      antlr4::tree::ParseTree* checked = last ? static_cast<antlr4::tree::ParseTree*>(e) : ops[i];
      ViewNode n = make("Binary", lower(ops[i]->getText()), e, checked);
      n.children.push_back(std::move(acc));
      n.children.push_back(simple(operands[i + 1]));
      acc = std::move(n);
    }
    return acc;
  }

  // term (op term)*: left-associated binary nodes, each typed as checked.
  ViewNode simple(P::SimpleExpressionContext* s) {
    auto terms = s->term();
    auto ops = s->additiveOperator();
    ViewNode acc = term(terms[0]);
    for (size_t i = 1; i < terms.size(); i++) {
      auto* op = ops[i - 1];
      ViewNode n = make("Binary", lower(op->getText()), terms[i - 1], op);
      n.children.push_back(std::move(acc));
      n.children.push_back(term(terms[i]));
      acc = std::move(n);
    }
    return acc;
  }

  ViewNode term(P::TermContext* t) {
    auto factors = t->factor();
    auto ops = t->multiplicativeOperator();
    ViewNode acc = factor(factors[0]);
    for (size_t i = 1; i < factors.size(); i++) {
      auto* op = ops[i - 1];
      ViewNode n = make("Binary", lower(op->getText()), factors[i - 1], op);
      n.children.push_back(std::move(acc));
      n.children.push_back(factor(factors[i]));
      acc = std::move(n);
    }
    return acc;
  }

  ViewNode factor(P::FactorContext* f) {
    if (auto* p = dynamic_cast<P::ParenFactorContext*>(f)) return expression(p->expression());
    if (auto* d = dynamic_cast<P::DesignatorFactorContext*>(f)) return designator(d->designator());
    if (auto* s = dynamic_cast<P::SignFactorContext*>(f)) {
      ViewNode n = make("Unary", s->MINUS() ? "-" : "+", f);
      n.children.push_back(factor(s->factor()));
      return n;
    }
    if (auto* n0 = dynamic_cast<P::NotFactorContext*>(f)) {
      ViewNode n = make("Unary", "not", f);
      n.children.push_back(factor(n0->factor()));
      return n;
    }
    if (auto* set = dynamic_cast<P::SetFactorContext*>(f)) {
      ViewNode n = make("Set", "", f);
      for (auto* el : set->setElement()) {
        if (el->expression().size() == 1) {
          n.children.push_back(expression(el->expression(0)));
          continue;
        }
        ViewNode range = make("Range", "..", el);
        for (auto* x : el->expression()) range.children.push_back(expression(x));
        n.children.push_back(range);
      }
      return n;
    }
    std::string kind = dynamic_cast<P::IntFactorContext*>(f)      ? "Int"
                       : dynamic_cast<P::RealFactorContext*>(f)   ? "Real"
                       : dynamic_cast<P::StringFactorContext*>(f) ? "String"
                       : dynamic_cast<P::NilFactorContext*>(f)    ? "Nil"
                                                                  : rule_kind(f, r_.parser->getRuleNames());
    return make(kind, f->getText(), f);
  }

  // identifier selector*: the name, then one node per step around it.
  ViewNode designator(P::DesignatorContext* d) {
    ViewNode acc = make("Name", d->identifier()->getText(), d->identifier());
    for (auto* sel : d->selector()) {
      ViewNode n = make("Step", "", sel);
      if (auto* ix = dynamic_cast<P::IndexSelectorContext*>(sel)) {
        n.kind = "Index";
        n.children.push_back(std::move(acc));
        for (auto* e : ix->expression()) n.children.push_back(expression(e));
      } else if (auto* fs = dynamic_cast<P::FieldSelectorContext*>(sel)) {
        n.kind = "Field";
        n.text = "." + fs->identifier()->getText();
        n.children.push_back(std::move(acc));
      } else if (dynamic_cast<P::DerefSelectorContext*>(sel)) {
        n.kind = "Deref";
        n.text = "^";
        n.children.push_back(std::move(acc));
      } else if (auto* call = dynamic_cast<P::CallSelectorContext*>(sel)) {
        n.kind = "Call";
        n.children.push_back(std::move(acc));
        for (auto* a : call->argument()) {
          ViewNode arg = expression(a->expression(0));
          for (size_t k = 1; k < a->expression().size(); k++) {
            ViewNode width = make(k == 1 ? "Width" : "Decimals", "", a->expression(k));
            width.children.push_back(expression(a->expression(k)));
            arg.children.push_back(width);
          }
          n.children.push_back(arg);
        }
      }
      acc = std::move(n);
    }
    // A call without parentheses (`writeln`, a function's name) is still a call.
    if (d->selector().empty()) {
      const Checked* c = checked_of(notes_, d->identifier());
      if (c && (c->symbol == "procedure" || c->symbol == "built-in" || c->symbol == "function")) {
        ViewNode n = make("Call", "", d);
        n.children.push_back(std::move(acc));
        acc = std::move(n);
      }
    }
    return acc;
  }

  static std::string lower(const std::string& s) { return pascal::Compiler::lower(s); }

  static std::string spaced(antlr4::ParserRuleContext* ctx) {
    std::string out;
    std::vector<antlr4::tree::ParseTree*> stack{ctx};
    while (!stack.empty() && out.size() < 48) {
      antlr4::tree::ParseTree* t = stack.back();
      stack.pop_back();
      if (auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(t)) {
        out += (out.empty() ? "" : " ") + term->getText();
        continue;
      }
      for (size_t i = t->children.size(); i-- > 0;) stack.push_back(t->children[i]);
    }
    return stack.empty() ? out : out + " ...";
  }

  static std::string spaced_labels(P::CaseItemContext* item) {
    std::string out;
    for (auto* l : item->caseLabel()) out += (out.empty() ? "" : ", ") + spaced(l);
    return out;
  }

  const pascal::ParseResult& r_;
  const CheckedNotes& notes_;
};

}  // namespace

bool emit_pascal_tokens(const SourceFile& src, std::ostream& out, Diagnostics* diags) {
  pascal::ParseResult r = pascal::lex_pascal(src, diags);
  const antlr4::dfa::Vocabulary& vocab = r.lexer->getVocabulary();
  for (antlr4::Token* t : r.tokens->getTokens()) {
    if (t->getType() == antlr4::Token::EOF) break;
    out << t->getLine() << ':' << t->getCharPositionInLine() + 1 << '\t'
        << vocab.getSymbolicName(t->getType()) << '\t' << t->getText() << '\n';
  }
  return diags->error_count() == 0;
}

// The program is compiled first: the view shows what checking found.
bool emit_pascal_ast(const SourceFile& src, std::ostream& out, bool dot, Diagnostics* diags) {
  pascal::ParseResult r = pascal::parse_pascal(src, diags);
  if (diags->error_count() > 0 || !r.tree) return false;
  CheckedNotes notes;
  pascal::Compiler comp(src, diags);
  comp.notes_ = &notes;
  Image img;
  if (!comp.compile(r.tree, &img)) return false;
  print_view(PascalViewBuilder(r, notes).program(r.tree), out, dot);
  return true;
}

}  // namespace dvm
