#include "frontend/ast_view.h"

#include <algorithm>
#include <cctype>
#include <typeinfo>

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

std::string label_of(const ViewNode& n) {
  std::string label = n.kind;
  if (!n.text.empty()) label += " " + n.text;
  if (!n.checked.type.empty()) label += " : " + n.checked.type;
  if (!n.checked.symbol.empty()) label += "  [" + n.checked.symbol + "]";
  if (n.line) label += "  @" + std::to_string(n.line) + ":" + std::to_string(n.col);
  return label;
}

}  // namespace

ViewNode::~ViewNode() {
  std::vector<std::vector<ViewNode>> pending;
  pending.push_back(std::move(children));
  while (!pending.empty()) {
    std::vector<ViewNode> level = std::move(pending.back());
    pending.pop_back();
    for (ViewNode& child : level)
      if (!child.children.empty()) pending.push_back(std::move(child.children));
  }  // each `level` is destroyed childless
}

// Iterative: a tree can be as deep as the front ends' nesting limit allows,
// and a chain of binary operators as deep as it is long.
void print_view(const ViewNode& root, std::ostream& out, bool dot) {
  if (dot) out << "digraph ast {\n  node [shape=box, fontname=\"monospace\"];\n";
  struct Item {
    const ViewNode* node;
    int depth;
    int parent;
  };
  std::vector<Item> stack{{&root, 0, -1}};
  int next_id = 0;
  while (!stack.empty()) {
    Item it = stack.back();
    stack.pop_back();
    int id = next_id++;
    if (dot) {
      out << "  n" << id << " [label=\"" << escape(label_of(*it.node)) << "\"];\n";
      if (it.parent >= 0) out << "  n" << it.parent << " -> n" << id << ";\n";
    } else {
      out << std::string(static_cast<size_t>(std::min(it.depth, kMaxIndent)) * 2, ' ');
      if (it.depth > kMaxIndent) out << '[' << it.depth << "] ";
      out << label_of(*it.node) << '\n';
    }
    const auto& kids = it.node->children;
    for (size_t i = kids.size(); i-- > 0;) stack.push_back({&kids[i], it.depth + 1, id});
  }
  if (dot) out << "}\n";
}

const Checked* checked_of(const CheckedNotes& notes, const antlr4::tree::ParseTree* t) {
  auto it = notes.find(t);
  return it == notes.end() ? nullptr : &it->second;
}

std::string rule_kind(antlr4::ParserRuleContext* ctx, const std::vector<std::string>& rule_names) {
  std::string name = rule_names[ctx->getRuleIndex()];
  std::string cls = typeid(*ctx).name();
  auto pos = cls.find("Context");
  if (pos != std::string::npos) {
    size_t start = pos;
    while (start > 0 && std::isalpha(static_cast<unsigned char>(cls[start - 1]))) start--;
    std::string label = cls.substr(start, pos - start);
    if (!label.empty()) name = label;
  }
  if (!name.empty() && name.back() == '_') name.pop_back();
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

}  // namespace dvm
