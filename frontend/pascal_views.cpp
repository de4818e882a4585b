// Teaching views of the Pascal front end: the token stream and the syntax
// tree, as text or as Graphviz.
#include <functional>
#include <sstream>
#include <typeinfo>

#include "frontend/pascal.h"
#include "frontend/pascal_parse.h"

namespace dvm {
namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

// Rule names without the generated "Context" suffix; the labelled
// alternatives (ifStmt, designatorFactor, ...) are the most telling names.
std::string node_name(antlr4::tree::ParseTree* t, const std::vector<std::string>& rules) {
  auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(t);
  std::string name = rules[ctx->getRuleIndex()];
  std::string cls = typeid(*ctx).name();
  // Labelled alternatives have their own class: prefer its name.
  auto pos = cls.find("Context");
  if (pos != std::string::npos) {
    size_t start = pos;
    while (start > 0 && std::isalpha(static_cast<unsigned char>(cls[start - 1]))) start--;
    std::string label = cls.substr(start, pos - start);
    if (!label.empty()) {
      label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
      name = label;
    }
  }
  if (!name.empty() && name.back() == '_') name.pop_back();
  return name;
}

// Punctuation carries no meaning once the tree has its shape.
bool is_noise(antlr4::tree::TerminalNode* t) {
  switch (t->getSymbol()->getType()) {
    case dvm_Pascal::PascalLexer::SEMI: case dvm_Pascal::PascalLexer::COMMA:
    case dvm_Pascal::PascalLexer::LPAREN: case dvm_Pascal::PascalLexer::RPAREN:
    case dvm_Pascal::PascalLexer::LBRACK: case dvm_Pascal::PascalLexer::RBRACK:
    case dvm_Pascal::PascalLexer::COLON: case dvm_Pascal::PascalLexer::DOT:
    case dvm_Pascal::PascalLexer::BEGIN: case dvm_Pascal::PascalLexer::END:
    case dvm_Pascal::PascalLexer::THEN: case dvm_Pascal::PascalLexer::DO:
    case dvm_Pascal::PascalLexer::OF: case antlr4::Token::EOF:
      return true;
    default:
      return false;
  }
}

// Collapses chains of single-child nodes (expression -> simpleExpression ->
// term -> factor) so the tree shows structure, not the grammar's layering.
antlr4::tree::ParseTree* skip_chain(antlr4::tree::ParseTree* t) {
  while (true) {
    auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(t);
    if (!ctx) return t;
    antlr4::tree::ParseTree* only = nullptr;
    int count = 0;
    for (auto* c : ctx->children) {
      auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(c);
      if (term && is_noise(term)) continue;
      only = c;
      count++;
    }
    if (count != 1 || dynamic_cast<antlr4::tree::TerminalNode*>(only)) return t;
    t = only;
  }
}

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

bool emit_pascal_ast(const SourceFile& src, std::ostream& out, bool dot, Diagnostics* diags) {
  pascal::ParseResult r = pascal::parse_pascal(src, diags);
  if (diags->error_count() > 0 || !r.tree) return false;
  const std::vector<std::string>& rules = r.parser->getRuleNames();
  int next_id = 0;
  if (dot) out << "digraph ast {\n  node [shape=box, fontname=\"monospace\"];\n";
  // Iterative walk: the tree can be as deep as the nesting limit allows.
  struct Item {
    antlr4::tree::ParseTree* node;
    int depth;
    int parent_id;
  };
  std::vector<Item> stack{{skip_chain(r.tree), 0, -1}};
  while (!stack.empty()) {
    Item it = stack.back();
    stack.pop_back();
    int id = next_id++;
    std::string label;
    if (auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(it.node)) {
      label = term->getText();
    } else {
      label = node_name(it.node, rules);
      auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(it.node);
      label += " @" + std::to_string(ctx->getStart()->getLine()) + ":" +
               std::to_string(ctx->getStart()->getCharPositionInLine() + 1);
    }
    if (dot) {
      out << "  n" << id << " [label=\"" << escape(label) << "\"";
      if (dynamic_cast<antlr4::tree::TerminalNode*>(it.node)) out << ", shape=ellipse";
      out << "];\n";
      if (it.parent_id >= 0) out << "  n" << it.parent_id << " -> n" << id << ";\n";
    } else {
      out << std::string(static_cast<size_t>(it.depth) * 2, ' ') << label << '\n';
    }
    std::vector<antlr4::tree::ParseTree*> kids;
    for (auto* c : it.node->children) {
      auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(c);
      if (term && is_noise(term)) continue;
      kids.push_back(skip_chain(c));
    }
    for (size_t i = kids.size(); i-- > 0;) stack.push_back({kids[i], it.depth + 1, id});
  }
  if (dot) out << "}\n";
  return true;
}

}  // namespace dvm
