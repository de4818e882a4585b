// The teaching view of a checked program (--emit=ast, --emit=ast-dot), the
// same for both front ends: a tree of nodes, each with its kind ("Call",
// "Index", "If"), its text (a name, an operator, a literal), and what the
// checker found out about it: its type and the symbol a name resolved to.
//
// A front end compiles the program with a CheckedNotes map attached (it
// records types and symbols per parse-tree node as it checks them), then
// turns its parse tree into ViewNodes and prints them here.
#pragma once
#include <cstdint>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "antlr4-runtime.h"

namespace dvm {

// What checking found out about one parse-tree node.
struct Checked {
  std::string type;    // "int", "array[1..10] of Int64"
  std::string symbol;  // "local variable (register)", "global variable", "function"
};
using CheckedNotes = std::unordered_map<const antlr4::tree::ParseTree*, Checked>;

struct ViewNode {
  std::string kind;  // "Call", "Binary", "Name", "If", ...
  std::string text;  // "f", "+", "42"
  Checked checked;
  uint32_t line = 0, col = 0;
  std::vector<ViewNode> children;

  ViewNode() = default;
  ViewNode(const ViewNode&) = default;
  ViewNode(ViewNode&&) = default;
  ViewNode& operator=(const ViewNode&) = default;
  ViewNode& operator=(ViewNode&&) = default;
  // Iterative: a chain of binary operators is a tree as deep as it is long.
  ~ViewNode();
};

// One line per node, indented by depth:  Kind text : type  [symbol]  @line:col
// (deeper than kMaxIndent levels: indented as that level, the depth in
// brackets first), or, with `dot`, a Graphviz digraph of the same nodes.
constexpr int kMaxIndent = 40;
void print_view(const ViewNode& root, std::ostream& out, bool dot);

// The checked facts about `t`, if any.
const Checked* checked_of(const CheckedNotes& notes, const antlr4::tree::ParseTree* t);

// A node for a parse-tree context the front end has no special form for:
// named after its grammar rule (its labelled alternative when it has one).
std::string rule_kind(antlr4::ParserRuleContext* ctx, const std::vector<std::string>& rule_names);

}  // namespace dvm
