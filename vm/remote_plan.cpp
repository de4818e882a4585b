// The remote-procedure part of an update's plan (vm/update_plan.h).
#include <set>

#include "vm/update_plan.h"

namespace dvm {

namespace {
std::set<std::string> exported(const Image& img) {
  std::set<std::string> out;
  for (const RemoteProc& rp : img.exports)
    if (rp.stands_for.empty()) out.insert(rp.proc);
  return out;
}
}  // namespace

void plan_remote(const Image& old_img, const Image& new_img, UpdatePlan* plan) {
  std::set<std::string> before = exported(old_img), after = exported(new_img);
  for (const std::string& p : after)
    if (!before.count(p)) plan->exports_added.push_back(p);
  for (const std::string& p : before)
    if (!after.count(p)) plan->exports_removed.push_back(p);
  // Calls are addressed to the service: a node cannot become another one.
  bool remote = !old_img.exports.empty() || !old_img.imports.empty();
  if (remote && old_img.service != new_img.service)
    plan->refusals.push_back("the program serves service " + old_img.service + "; the new image is service " +
                             new_img.service);
}

}  // namespace dvm
