// Teaching views of the C front end: the preprocessed token stream and the
// checked syntax tree (frontend/ast_view.h prints it).  Declarations that
// come from the library's built-in headers are left out of both: the views
// show the user's program.
#include "frontend/ast_view.h"
#include "frontend/c.h"
#include "frontend/c_compiler.h"
#include "frontend/c_parse.h"

namespace dvm {
namespace {

using P = dvm_C::CParser;

bool from_library(const c::ParseResult& r, antlr4::Token* t) {
  size_t i = t->getTokenIndex();
  return i < r.library_token.size() && r.library_token[i];
}

// The tokens of a node with blanks between them, cut short when long.
std::string spaced(antlr4::ParserRuleContext* ctx) {
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

class CViewBuilder {
 public:
  CViewBuilder(const c::ParseResult& r, const CheckedNotes& notes) : r_(r), notes_(notes) {}

  ViewNode program(P::CompilationUnitContext* unit) {
    ViewNode root = make("Program", "", unit);
    for (auto* ext : unit->externalDeclaration())
      if (!from_library(r_, ext->getStart())) root.children.push_back(node(ext));
    return root;
  }

 private:
  ViewNode make(const std::string& kind, const std::string& text, antlr4::ParserRuleContext* ctx) {
    ViewNode n;
    n.kind = kind;
    n.text = text;
    n.line = static_cast<uint32_t>(ctx->getStart()->getLine());
    n.col = static_cast<uint32_t>(ctx->getStart()->getCharPositionInLine()) + 1;
    if (const Checked* c = checked_of(notes_, ctx)) n.checked = *c;
    return n;
  }

  void add(ViewNode& n, antlr4::ParserRuleContext* child) {
    if (child) n.children.push_back(node(child));
  }

  ViewNode node(antlr4::ParserRuleContext* ctx) {
    if (auto* f = dynamic_cast<P::FuncDefExtContext*>(ctx)) return node(f->functionDefinition());
    if (auto* d = dynamic_cast<P::DeclExtContext*>(ctx)) return node(d->declaration());
    if (auto* e = dynamic_cast<P::ExprContext*>(ctx)) return expr(e);
    if (auto* s = dynamic_cast<P::StatementContext*>(ctx)) return statement(s);
    if (auto* f = dynamic_cast<P::FunctionDefinitionContext*>(ctx)) {
      ViewNode n = make("Function", c::Compiler::declarator_name_of(f->declarator()), f);
      add(n, f->compoundStatement());
      return n;
    }
    if (auto* d = dynamic_cast<P::DeclarationContext*>(ctx)) {
      if (!d->initDeclaratorList()) return make("Declaration", spaced(d->declSpecifiers()), d);
      ViewNode n = make("Declaration", "", d);
      for (auto* id : d->initDeclaratorList()->initDeclarator()) {
        ViewNode v = make("Declare", c::Compiler::declarator_name_of(id->declarator()), id);
        add(v, id->initializer());
        n.children.push_back(std::move(v));
      }
      if (n.children.size() == 1) return std::move(n.children[0]);
      return n;
    }
    if (auto* e = dynamic_cast<P::ExpressionContext*>(ctx)) {
      if (e->expr().size() == 1) return expr(e->expr(0));
      ViewNode n = make("Comma", "", e);
      for (auto* x : e->expr()) add(n, x);
      return n;
    }
    if (auto* i = dynamic_cast<P::InitializerContext*>(ctx)) {
      if (i->expr()) return expr(i->expr());
      ViewNode n = make("InitList", "", i);
      for (auto* item : i->initItem()) add(n, item->initializer());
      return n;
    }
    if (auto* b = dynamic_cast<P::CompoundStatementContext*>(ctx)) {
      ViewNode n = make("Block", "", b);
      for (auto* item : b->blockItem()) add(n, item->declaration() ? static_cast<antlr4::ParserRuleContext*>(item->declaration())
                                                                   : item->statement());
      return n;
    }
    if (auto* f = dynamic_cast<P::ForInitContext*>(ctx)) {
      if (f->expression()) return node(f->expression());
      ViewNode n = make("Declaration", "", f);
      if (f->initDeclaratorList())
        for (auto* id : f->initDeclaratorList()->initDeclarator()) {
          ViewNode v = make("Declare", c::Compiler::declarator_name_of(id->declarator()), id);
          add(v, id->initializer());
          n.children.push_back(std::move(v));
        }
      return n;
    }
    // Anything else: its rule, and its parts.
    ViewNode n = make(rule_kind(ctx, r_.parser->getRuleNames()), "", ctx);
    for (auto* c : ctx->children)
      if (auto* rc = dynamic_cast<antlr4::ParserRuleContext*>(c)) add(n, rc);
    return n;
  }

  ViewNode statement(P::StatementContext* s) {
    if (auto* b = dynamic_cast<P::BlockStmtContext*>(s)) return node(b->compoundStatement());
    if (auto* e = dynamic_cast<P::ExprStmtContext*>(s)) {
      if (e->expression()) return node(e->expression());
      return make("Empty", "", s);
    }
    ViewNode n = make("Statement", "", s);
    if (auto* i = dynamic_cast<P::IfStmtContext*>(s)) {
      n.kind = "If";
      add(n, i->expression());
      for (auto* st : i->statement()) add(n, st);
    } else if (auto* w = dynamic_cast<P::WhileStmtContext*>(s)) {
      n.kind = "While";
      add(n, w->expression());
      add(n, w->statement());
    } else if (auto* d = dynamic_cast<P::DoStmtContext*>(s)) {
      n.kind = "DoWhile";
      add(n, d->statement());
      add(n, d->expression());
    } else if (auto* f = dynamic_cast<P::ForStmtContext*>(s)) {
      n.kind = "For";
      for (auto* c : f->children)
        if (auto* rc = dynamic_cast<antlr4::ParserRuleContext*>(c)) add(n, rc);
    } else if (auto* sw = dynamic_cast<P::SwitchStmtContext*>(s)) {
      n.kind = "Switch";
      add(n, sw->expression());
      add(n, sw->statement());
    } else if (auto* c = dynamic_cast<P::CaseStmtContext*>(s)) {
      n.kind = "Case";
      add(n, c->expr());
      add(n, c->statement());
    } else if (auto* dl = dynamic_cast<P::DefaultStmtContext*>(s)) {
      n.kind = "Default";
      add(n, dl->statement());
    } else if (auto* r = dynamic_cast<P::ReturnStmtContext*>(s)) {
      n.kind = "Return";
      add(n, r->expression());
    } else if (dynamic_cast<P::BreakStmtContext*>(s)) {
      n.kind = "Break";
    } else if (dynamic_cast<P::ContinueStmtContext*>(s)) {
      n.kind = "Continue";
    } else if (auto* p = dynamic_cast<P::PragmaStmtContext*>(s)) {
      n.kind = "Pragma";
      n.text = p->getText().substr(7);
    } else {
      n.kind = rule_kind(s, r_.parser->getRuleNames());
    }
    return n;
  }

  ViewNode expr(P::ExprContext* e) {
    if (auto* pe = dynamic_cast<P::PrimaryExprContext*>(e)) {
      P::PrimaryContext* p = pe->primary();
      if (auto* pp = dynamic_cast<P::ParenPrimaryContext*>(p)) return node(pp->expression());
      ViewNode n = make("Name", p->getText(), e);
      if (const Checked* c = checked_of(notes_, p)) n.checked.symbol = c->symbol;
      if (dynamic_cast<P::IntPrimaryContext*>(p)) n.kind = "Int";
      else if (dynamic_cast<P::FloatPrimaryContext*>(p)) n.kind = "Float";
      else if (dynamic_cast<P::CharPrimaryContext*>(p)) n.kind = "Char";
      else if (dynamic_cast<P::StringPrimaryContext*>(p)) n.kind = "String";
      return n;
    }
    ViewNode n = make("Expr", "", e);
    if (auto* b = dynamic_cast<P::BinaryExprContext*>(e)) {
      n.kind = "Binary";
      n.text = b->op->getText();
    } else if (auto* l = dynamic_cast<P::LogicalExprContext*>(e)) {
      n.kind = "Logical";
      n.text = l->op->getText();
    } else if (auto* a = dynamic_cast<P::AssignExprContext*>(e)) {
      n.kind = "Assign";
      n.text = a->op->getText();
    } else if (dynamic_cast<P::CallExprContext*>(e)) {
      n.kind = "Call";
    } else if (dynamic_cast<P::IndexExprContext*>(e)) {
      n.kind = "Index";
    } else if (auto* m = dynamic_cast<P::MemberExprContext*>(e)) {
      n.kind = "Member";
      n.text = m->op->getText() + m->IDENTIFIER()->getText();
    } else if (auto* u = dynamic_cast<P::UnaryExprContext*>(e)) {
      n.kind = "Unary";
      n.text = u->op->getText();
    } else if (auto* post = dynamic_cast<P::PostfixExprContext*>(e)) {
      n.kind = "Postfix";
      n.text = post->op->getText();
    } else if (auto* pre = dynamic_cast<P::PreIncExprContext*>(e)) {
      n.kind = "Prefix";
      n.text = pre->op->getText();
    } else if (auto* c = dynamic_cast<P::CastExprContext*>(e)) {
      n.kind = "Cast";
      n.text = "(" + c->typeName()->getText() + ")";
    } else if (auto* sz = dynamic_cast<P::SizeofTypeExprContext*>(e)) {
      n.kind = "Sizeof";
      n.text = "(" + sz->typeName()->getText() + ")";
    } else if (dynamic_cast<P::CondExprContext*>(e)) {
      n.kind = "Conditional";
    } else {
      n.kind = rule_kind(e, r_.parser->getRuleNames());
    }
    for (auto* c : e->children)
      if (auto* rc = dynamic_cast<antlr4::ParserRuleContext*>(c); rc && !dynamic_cast<P::TypeNameContext*>(rc)) add(n, rc);
    return n;
  }

  const c::ParseResult& r_;
  const CheckedNotes& notes_;
};

}  // namespace

bool emit_c_tokens(const SourceFile& src, std::ostream& out, Diagnostics* diags) {
  c::ParseResult r = c::lex_c(src, diags);
  const antlr4::dfa::Vocabulary& vocab = r.lexer->getVocabulary();
  for (antlr4::Token* t : r.tokens->getTokens()) {
    if (t->getType() == antlr4::Token::EOF) break;
    if (from_library(r, t)) continue;
    std::string kind = vocab.getSymbolicName(t->getType());
    if (kind.empty()) kind = vocab.getLiteralName(t->getType());
    out << t->getLine() << ':' << t->getCharPositionInLine() + 1 << '\t' << kind << '\t' << t->getText() << '\n';
  }
  return diags->error_count() == 0;
}

// The program is compiled first: the view shows what checking found.
bool emit_c_ast(const SourceFile& src, std::ostream& out, bool dot, Diagnostics* diags) {
  c::ParseResult r = c::parse_c(src, diags);
  if (diags->error_count() > 0 || !r.tree) return false;
  CheckedNotes notes;
  c::Compiler comp(src, diags, r.included);
  comp.notes_ = &notes;
  Image img;
  if (!comp.compile(r.tree, &img)) return false;
  print_view(CViewBuilder(r, notes).program(r.tree), out, dot);
  return true;
}

}  // namespace dvm
