#include "frontend/prune.h"

#include <algorithm>
#include <vector>

namespace dvm {

bool prune_broken_tree(antlr4::tree::ParseTree* root, const PruneRules& rules) {
  std::vector<antlr4::tree::ParseTree*> broken, doomed, stack{root};
  while (!stack.empty()) {
    antlr4::tree::ParseTree* t = stack.back();
    stack.pop_back();
    for (auto* c : t->children) stack.push_back(c);
    auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(t);
    if (dynamic_cast<antlr4::tree::ErrorNode*>(t) || (ctx && ctx->exception) || rules.also_broken(t))
      broken.push_back(t);
  }
  for (antlr4::tree::ParseTree* t : broken) {
    if (dynamic_cast<antlr4::tree::ErrorNode*>(t) && rules.is_frame(t->parent)) {
      doomed.push_back(t);
    } else if (rules.is_frame(t) && !rules.also_broken(t)) {
      static_cast<antlr4::ParserRuleContext*>(t)->exception = nullptr;
    } else if (antlr4::tree::ParseTree* around = rules.removable_around(t)) {
      doomed.push_back(around);
    } else {
      return false;
    }
  }
  for (antlr4::tree::ParseTree* t : doomed) {
    auto& kids = t->parent->children;
    kids.erase(std::remove(kids.begin(), kids.end(), t), kids.end());
  }
  return true;
}

}  // namespace dvm
