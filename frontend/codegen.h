// Code-generation state both front ends share: the nested scopes of names,
// and the temporary registers of the procedure being compiled.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "vm/builder.h"

namespace dvm {

// Scopes of names, innermost last; a name resolves to its innermost
// declaration.  What may be declared twice is each language's own rule.
template <class Symbol>
class ScopeStack {
 public:
  using Scope = std::unordered_map<std::string, Symbol*>;
  void push() { scopes_.emplace_back(); }
  void pop() { scopes_.pop_back(); }
  Scope& back() { return scopes_.back(); }
  size_t size() const { return scopes_.size(); }
  Symbol* lookup(const std::string& name) const {
    for (size_t i = scopes_.size(); i-- > 0;) {
      auto it = scopes_[i].find(name);
      if (it != scopes_[i].end()) return it->second;
    }
    return nullptr;
  }

 private:
  std::vector<Scope> scopes_;
};

// Temporary registers of one procedure.  A register's kind is fixed for the
// whole procedure, so each kind has its own free list; the argument blocks
// of calls (consecutive registers of given kinds) are reused by their kinds.
// Everything taken since a mark is given back together (at the end of a
// statement, say).
class TempRegisters {
 public:
  uint32_t temp(ProcBuilder& pb, Kind k);
  uint32_t block(ProcBuilder& pb, const std::vector<Kind>& kinds);
  size_t mark() const { return live_.size(); }
  void release(ProcBuilder& pb, size_t mark);

 private:
  static constexpr uint32_t kBlockBit = 0x80000000u;  // in live_: a block's index
  std::vector<uint32_t> free_[3];
  std::vector<uint32_t> live_;
  std::map<std::vector<Kind>, std::vector<uint32_t>> free_blocks_;
  std::vector<std::pair<std::vector<Kind>, uint32_t>> live_blocks_;
};

}  // namespace dvm
