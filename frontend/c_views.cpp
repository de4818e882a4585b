// Teaching views of the C front end: the preprocessed token stream and the
// syntax tree, as text or as Graphviz.
#include <sstream>
#include <typeinfo>

#include "frontend/c.h"
#include "frontend/c_parse.h"

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

// Labelled alternatives (ifStmt, binaryExpr, ...) name the node.
std::string node_name(antlr4::tree::ParseTree* t, const std::vector<std::string>& rules) {
  auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(t);
  std::string name = rules[ctx->getRuleIndex()];
  std::string cls = typeid(*ctx).name();
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
  return name;
}

bool is_noise(antlr4::tree::TerminalNode* t) {
  std::string s = t->getText();
  return s == ";" || s == "," || s == "(" || s == ")" || s == "{" || s == "}" || s == "[" || s == "]" ||
         t->getSymbol()->getType() == antlr4::Token::EOF;
}

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

bool emit_c_tokens(const SourceFile& src, std::ostream& out, Diagnostics* diags) {
  c::ParseResult r = c::lex_c(src, diags);
  const antlr4::dfa::Vocabulary& vocab = r.lexer->getVocabulary();
  for (antlr4::Token* t : r.tokens->getTokens()) {
    if (t->getType() == antlr4::Token::EOF) break;
    std::string kind = vocab.getSymbolicName(t->getType());
    if (kind.empty()) kind = vocab.getLiteralName(t->getType());
    out << t->getLine() << ':' << t->getCharPositionInLine() + 1 << '\t' << kind << '\t' << t->getText() << '\n';
  }
  return diags->error_count() == 0;
}

bool emit_c_ast(const SourceFile& src, std::ostream& out, bool dot, Diagnostics* diags) {
  c::ParseResult r = c::parse_c(src, diags);
  if (diags->error_count() > 0 || !r.tree) return false;
  const std::vector<std::string>& rules = r.parser->getRuleNames();
  int next_id = 0;
  if (dot) out << "digraph ast {\n  node [shape=box, fontname=\"monospace\"];\n";
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
