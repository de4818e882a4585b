// After syntax errors, both front ends check what the parser could read
// whole: gcc and fpc read a program from the top, so an error before the
// first syntax error is their first error.  This removes from a parse tree,
// after ANTLR's error recovery, every part it could not read whole.
#pragma once
#include <functional>

#include "antlr4-runtime.h"

namespace dvm {

struct PruneRules {
  // A level that may hold stray tokens and a partial list and still be
  // read (a statement list, a compound statement, the program).
  std::function<bool(antlr4::tree::ParseTree*)> is_frame;
  // The smallest part around t that can go (a statement in a list, a
  // declaration), or null when none can.
  std::function<antlr4::tree::ParseTree*(antlr4::tree::ParseTree*)> removable_around;
  // A node that parsed without an error and still cannot be compiled (a
  // function without its body).
  std::function<bool(antlr4::tree::ParseTree*)> also_broken;
};

// Removes the error nodes found in frames, clears the frames' own errors, and
// removes the part around every other error; false when an error has no
// part around it that can go (then nothing may be compiled).
bool prune_broken_tree(antlr4::tree::ParseTree* root, const PruneRules& rules);

}  // namespace dvm
