// Planning an update: what a new image changes in the running program
// (docs/UPDATING.md: what changed, the restricted set, mappers).  Pure functions over
// two images, so the planner is tested without running anything.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "vm/image.h"

namespace dvm {

// How a global whose type changes gets its new value.
enum class GlobalMapping { Mapper, Obvious };

struct UpdatePlan {
  std::vector<std::string> added, removed, body_changed, signature_changed;
  std::vector<std::string> globals_added, globals_removed, globals_type_changed;
  std::map<std::string, GlobalMapping> global_mapping;  // for globals_type_changed
  std::map<std::string, std::string> mappers;           // global -> mapper procedure
  std::map<std::string, std::string> interprocedures;   // procedure -> its interprocedure
  std::set<std::string> restricted;                     // top-level procedure names (old versions)
  std::map<std::string, std::string> restricted_why;    // for each restricted procedure: the first reason
  std::vector<std::string> exports_added, exports_removed;  // remote procedures (vm/remote_plan.cpp)
  std::vector<std::string> refusals;                    // non-empty: the update is refused
  bool accepted() const { return refusals.empty(); }
  // Nothing to do: no procedure, global or export is added, removed or
  // changed (positions and initial values of existing globals are no change).
  bool changes_nothing() const;
  // The plan as `dvm update --dry-run` prints it.
  std::string describe() const;
};

// `old_img` is the image of the version current in the program.
UpdatePlan plan_update(const Image& old_img, const Image& new_img, bool strict);

// The part of the plan about remote procedures (vm/remote_plan.cpp): exports
// added and removed; a program that serves or calls others keeps its service.
void plan_remote(const Image& old_img, const Image& new_img, UpdatePlan* plan);

// Structural equality of types and signatures across two images.
bool same_type(const Image& a, uint32_t ta, const Image& b, uint32_t tb);
bool same_signature(const Image& a, const Signature& sa, const Image& b, const Signature& sb);

// The top-level procedure a (possibly nested) procedure name belongs to:
// "outer.inner" -> "outer".
std::string unit_of(const std::string& proc_name);

}  // namespace dvm
