#include "vm/update_plan.h"

#include <algorithm>
#include <functional>
#include <sstream>

namespace dvm {
namespace {

const Unit* find_unit(const Image& img, const std::string& name) {
  for (const Unit& u : img.units)
    if (u.name == name) return &u;
  return nullptr;
}

const Global* find_global(const Image& img, const std::string& name) {
  for (const Global& g : img.globals)
    if (g.name == name) return &g;
  return nullptr;
}

bool valid_type(const Image& img, uint32_t t) { return t < img.types.size(); }

// Recursive structural comparison; pairs under comparison count as equal so
// recursive pointer types terminate.
bool same_type_rec(const Image& a, uint32_t ta, const Image& b, uint32_t tb,
                   std::set<std::pair<uint32_t, uint32_t>>* assumed) {
  if (ta == kNoType || tb == kNoType) return ta == tb;
  if (!valid_type(a, ta) || !valid_type(b, tb)) return false;
  if (!assumed->insert({ta, tb}).second) return true;
  const TypeDesc& x = a.types[ta];
  const TypeDesc& y = b.types[tb];
  if (x.kind != y.kind || x.size != y.size || x.is_signed != y.is_signed || x.max_len != y.max_len) return false;
  switch (x.kind) {
    case TypeKind::Enum:
      return x.names == y.names;
    case TypeKind::Subrange:
      return x.lo == y.lo && x.hi == y.hi && same_type_rec(a, x.elem, b, y.elem, assumed);
    case TypeKind::Array:
      return x.lo == y.lo && x.hi == y.hi && same_type_rec(a, x.elem, b, y.elem, assumed);
    case TypeKind::Pointer:
    case TypeKind::DynArray:
      return same_type_rec(a, x.elem, b, y.elem, assumed);
    case TypeKind::Record:
      if (x.fields.size() != y.fields.size()) return false;
      for (size_t i = 0; i < x.fields.size(); i++) {
        const Field& f = x.fields[i];
        const Field& g = y.fields[i];
        if (f.name != g.name || f.offset != g.offset || !same_type_rec(a, f.type, b, g.type, assumed)) return false;
      }
      return true;
    default:
      return true;
  }
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Whether a global's old value maps to its new type without a mapper: a record
// keeps the fields of equal name and type (others new and zero), an array the
// elements at common indices, recursively; anything else must be equal.
bool obvious_mapping(const Image& a, uint32_t ta, const Image& b, uint32_t tb) {
  if (same_type(a, ta, b, tb)) return true;
  if (!valid_type(a, ta) || !valid_type(b, tb)) return false;
  const TypeDesc& x = a.types[ta];
  const TypeDesc& y = b.types[tb];
  if (x.kind != y.kind) return false;
  if (x.kind == TypeKind::Array) return obvious_mapping(a, x.elem, b, y.elem);
  if (x.kind != TypeKind::Record) return false;
  for (const Field& nf : y.fields)
    for (const Field& of : x.fields)
      if (lower(of.name) == lower(nf.name) && !obvious_mapping(a, of.type, b, nf.type)) return false;
  return true;
}

}  // namespace

std::string unit_of(const std::string& proc_name) { return proc_name.substr(0, proc_name.find('.')); }

bool same_type(const Image& a, uint32_t ta, const Image& b, uint32_t tb) {
  std::set<std::pair<uint32_t, uint32_t>> assumed;
  return same_type_rec(a, ta, b, tb, &assumed);
}

namespace {

bool same_name(const Image& img, const std::string& a, const std::string& b) {
  return img.language == "pascal" ? lower(a) == lower(b) : a == b;
}

// Named types whose layout differs between the images: old code has the old
// sizes and field offsets built in.  A name the new image does not have is
// not a change of layout (the type is gone, and what used it changed).
std::set<std::string> relaid_types(const Image& old_img, const Image& new_img) {
  std::set<std::string> relaid;
  for (uint32_t t = 0; t < old_img.types.size(); t++) {
    const std::string& name = old_img.types[t].name;
    if (name.empty() || relaid.count(name)) continue;
    bool named = false, same = false;
    for (uint32_t u = 0; u < new_img.types.size() && !same; u++) {
      if (!same_name(old_img, new_img.types[u].name, name)) continue;
      named = true;
      same = same_type(old_img, t, new_img, u);
    }
    if (named && !same) relaid.insert(name);
  }
  return relaid;
}

// Every type a unit's code may hold a value of: its routines' parameters,
// results and locals, the globals it names, the results and parameters of
// what it calls, and what those types contain or point to.
std::set<uint32_t> types_used(const Image& img, const Unit& u) {
  std::set<uint32_t> seen;
  std::function<void(uint32_t)> add = [&](uint32_t t) {
    if (t >= img.types.size() || !seen.insert(t).second) return;
    const TypeDesc& d = img.types[t];
    add(d.elem);
    for (const Field& f : d.fields) add(f.type);
  };
  auto add_sig = [&](const Signature& s) {
    for (uint32_t t : s.param_types) add(t);
    add(s.result_type);
  };
  for (const Proc& p : u.procs) {
    add_sig(p.sig);
    for (const LocalInfo& l : p.locals) add(l.type);
    for (const ManagedSlot& m : p.frame_managed) add(m.type);
  }
  for (const std::string& g : u.global_refs)
    if (const Global* gl = find_global(img, g)) add(gl->type);
  for (const std::string& callee : u.proc_refs)
    if (const Unit* cu = find_unit(img, callee)) add_sig(cu->procs[0].sig);
  return seen;
}

}  // namespace

bool same_signature(const Image& a, const Signature& sa, const Image& b, const Signature& sb) {
  if (sa.params != sb.params || sa.param_modes != sb.param_modes || sa.result != sb.result) return false;
  if (sa.param_types.size() != sb.param_types.size()) return false;
  for (size_t i = 0; i < sa.param_types.size(); i++)
    if (!same_type(a, sa.param_types[i], b, sb.param_types[i])) return false;
  return same_type(a, sa.result_type, b, sb.result_type);
}

UpdatePlan plan_update(const Image& old_img, const Image& new_img, bool strict) {
  UpdatePlan plan;
  for (const Directive& d : new_img.directives) {
    if (d.kind == DirectiveKind::Interprocedure && !d.names.empty()) plan.interprocedures[d.names[0]] = d.proc;
    if (d.kind == DirectiveKind::Mapper && !d.names.empty()) plan.mappers[d.names[0]] = d.proc;
  }
  // Interprocedures and mappers are new-version helpers, not changes of the
  // program's own procedures.
  std::set<std::string> helpers;
  for (auto& [name, proc] : plan.interprocedures) helpers.insert(proc);
  for (auto& [name, proc] : plan.mappers) helpers.insert(proc);

  std::set<std::string> changed, sig_changed, removed;
  for (const Unit& nu : new_img.units) {
    const Unit* ou = find_unit(old_img, nu.name);
    if (!ou) {
      plan.added.push_back(nu.name);
      continue;
    }
    if (!same_signature(old_img, ou->procs[0].sig, new_img, nu.procs[0].sig)) {
      plan.signature_changed.push_back(nu.name);
      sig_changed.insert(nu.name);
      changed.insert(nu.name);
    } else if (ou->hash != nu.hash) {
      plan.body_changed.push_back(nu.name);
      changed.insert(nu.name);
    }
  }
  // An earlier update's helpers stay where they are needed (an interprocedure
  // in its chain) even when this image no longer has them: not removed.
  std::set<std::string> old_helpers;
  for (const Directive& d : old_img.directives)
    if (d.kind == DirectiveKind::Interprocedure || d.kind == DirectiveKind::Mapper) old_helpers.insert(d.proc);
  for (const Unit& ou : old_img.units) {
    if (find_unit(new_img, ou.name) || old_helpers.count(ou.name)) continue;
    plan.removed.push_back(ou.name);
    removed.insert(ou.name);
  }

  // Globals.
  std::set<std::string> retyped;
  for (const Global& ng : new_img.globals) {
    const Global* og = find_global(old_img, ng.name);
    if (!og) {
      plan.globals_added.push_back(ng.name);
    } else if (!same_type(old_img, og->type, new_img, ng.type)) {
      plan.globals_type_changed.push_back(ng.name);
      retyped.insert(ng.name);
      if (plan.mappers.count(ng.name)) plan.global_mapping[ng.name] = GlobalMapping::Mapper;
      else if (obvious_mapping(old_img, og->type, new_img, ng.type)) plan.global_mapping[ng.name] = GlobalMapping::Obvious;
      else plan.refusals.push_back("global " + ng.name + " changes type and nothing maps it (give a mapper)");
    }
  }
  for (const Global& og : old_img.globals)
    if (!find_global(new_img, og.name)) plan.globals_removed.push_back(og.name);

  // Mappers and interprocedures must fit the old version (docs/UPDATING.md, mappers).
  for (auto& [gname, proc] : plan.mappers) {
    const Global* og = find_global(old_img, gname);
    const Unit* mu = find_unit(new_img, proc);
    if (!og) {
      plan.refusals.push_back("mapper " + proc + " names global " + gname + ", which the running program does not have");
      continue;
    }
    if (!retyped.count(gname)) continue;  // nothing to map: the global keeps its value
    // Pascal: `const old: OldType`; C: `const OldType *old`.
    const Signature& s = mu->procs[0].sig;
    bool fits = s.params.size() == 1 && s.result == Kind::V;
    if (fits) {
      uint32_t pt = s.param_types[0];
      fits = same_type(old_img, og->type, new_img, pt) ||
             (pt < new_img.types.size() && new_img.types[pt].kind == TypeKind::Pointer &&
              same_type(old_img, og->type, new_img, new_img.types[pt].elem));
    }
    if (!fits) plan.refusals.push_back("mapper " + proc + " does not take the old type of " + gname);
  }
  for (auto& [name, proc] : plan.interprocedures) {
    const Unit* ou = find_unit(old_img, name);
    const Unit* iu = find_unit(new_img, proc);
    if (!ou) {
      plan.refusals.push_back("interprocedure " + proc + " stands in for " + name + ", which the running program does not have");
      continue;
    }
    if (!same_signature(old_img, ou->procs[0].sig, new_img, iu->procs[0].sig))
      plan.refusals.push_back("interprocedure " + proc + " does not have the old signature of " + name);
  }

  // The restricted set (docs/UPDATING.md, the restricted set), in terms of the old procedures, each
  // with the first reason found (shown to whoever waits for it).
  auto restrict = [&](const std::string& name, const std::string& why) {
    plan.restricted.insert(name);
    plan.restricted_why.emplace(name, why);
  };
  std::set<std::string> relaid = relaid_types(old_img, new_img);
  for (const Unit& ou : old_img.units) {
    bool is_changed = changed.count(ou.name) > 0;
    if (is_changed) {
      for (const std::string& g : ou.global_refs)
        if (retyped.count(g)) restrict(ou.name, "it uses global " + g + ", whose type changes");
      if (!relaid.empty())
        for (uint32_t t : types_used(old_img, ou))
          if (relaid.count(old_img.types[t].name))
            restrict(ou.name, "it uses type " + old_img.types[t].name + ", whose layout changes");
      if (strict) restrict(ou.name, "--strict: no old code of a changed procedure may run");
    }
    for (const std::string& callee : ou.proc_refs) {
      if (sig_changed.count(callee) && !plan.interprocedures.count(callee))
        restrict(ou.name, "it calls " + callee + ", whose signature changes, and no interprocedure stands in");
      if (removed.count(callee)) restrict(ou.name, "it calls " + callee + ", which the update removes");
    }
  }
  std::vector<const Directive*> groups;
  for (const Directive& d : old_img.directives)
    if (d.kind == DirectiveKind::Group) groups.push_back(&d);
  for (const Directive& d : new_img.directives)
    if (d.kind == DirectiveKind::Group) groups.push_back(&d);
  for (const Directive* g : groups) {
    std::string touched;
    for (const std::string& n : g->names)
      for (const std::string& c : changed)
        if (touched.empty() && lower(n) == lower(c)) touched = c;
    if (touched.empty()) continue;
    for (const std::string& n : g->names)
      for (const Unit& ou : old_img.units)
        if (lower(ou.name) == lower(n)) restrict(ou.name, "it is in a group with " + touched + ", which changes");
  }
  (void)helpers;
  plan_remote(old_img, new_img, &plan);
  return plan;
}

bool UpdatePlan::changes_nothing() const {
  return added.empty() && removed.empty() && body_changed.empty() && signature_changed.empty() &&
         globals_added.empty() && globals_removed.empty() && globals_type_changed.empty() && exports_added.empty() &&
         exports_removed.empty();
}

std::string UpdatePlan::describe() const {
  std::ostringstream out;
  auto line = [&](const char* what, const std::vector<std::string>& v) {
    out << "  " << what << ": " << (v.empty() ? "none" : join(v)) << '\n';
  };
  line("procedures added", added);
  line("procedures removed", removed);
  line("body changed", body_changed);
  std::vector<std::string> sigs;
  for (const std::string& s : signature_changed) {
    auto it = interprocedures.find(s);
    sigs.push_back(it == interprocedures.end() ? s : s + " (interprocedure " + it->second + ")");
  }
  line("signature changed", sigs);
  line("globals added", globals_added);
  line("globals removed", globals_removed);
  std::vector<std::string> types;
  for (const std::string& g : globals_type_changed) {
    auto m = mappers.find(g);
    auto how = global_mapping.find(g);
    if (m != mappers.end()) types.push_back(g + " (mapper " + m->second + ")");
    else if (how != global_mapping.end()) types.push_back(g + " (default mapping)");
    else types.push_back(g + " (no mapping)");
  }
  line("globals changed in type", types);
  std::vector<std::string> why;
  for (const std::string& r : restricted) {
    auto it = restricted_why.find(r);
    why.push_back(it == restricted_why.end() ? r : r + " (" + it->second + ")");
  }
  line("restricted", why);
  if (!exports_added.empty() || !exports_removed.empty()) {
    line("exports added", exports_added);
    line("exports removed", exports_removed);
  }
  for (const std::string& r : refusals) out << "  refused: " << r << '\n';
  return out.str();
}

}  // namespace dvm
