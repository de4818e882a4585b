// The update engine.  The control thread reads, verifies, plans and prepares a
// new image (off the program's path); the interpreter thread commits it at a
// safe point: new globals, new version space linked, the binding table
// switched, interprocedure adapters for older version spaces, retirement of
// the version spaces nothing uses any more.  A commit is a few pointer stores
// after staging; it never changes code.
#include "vm/update.h"

#include <strings.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <algorithm>
#include <ctime>
#include <deque>
#include <mutex>
#include <thread>
#include <optional>
#include <set>
#include <sstream>

#include "vm/instance.h"
#include "vm/memcheck.h"
#include "vm/opcodes.h"
#include "vm/ops_inline.h"
#include "vm/strings.h"
#include "vm/update_plan.h"

namespace dvm {

using Clock = std::chrono::steady_clock;

// A new version space linked ahead of its commit, on the control thread:
// everything but the addresses that only the commit can give (string literals
// not yet in program memory, new and retyped globals).
struct Prepared {
  std::unique_ptr<VersionSpace> space;
  std::vector<bool> linked;   // per unit: false when shared with an earlier space
  uint32_t against = 0;       // the version it was prepared against
  struct Patch {
    uint64_t* slot;
    std::string name;
  };
  std::vector<Patch> literals, globals;
  std::vector<std::pair<LinkedProc**, LinkedProc*>> switches;  // binding slot -> new code
  std::set<std::string> fresh_globals;  // added or retyped: storage given at the commit
  UpdatePlan plan;  // the plan against `against`
};

struct PendingUpdate {
  uint64_t id = 0;
  UpdateRequest req;
  Image image;
  std::vector<TypeLayout> layouts;
  Prepared prepared;
  Clock::time_point deadline;
  bool abandoned = false;
  bool done = false;
  UpdateReply reply;
  std::vector<std::string> waits_for;
  std::string waiting;  // waits_for in words: who is active, why it matters, what ends the wait
};

// An active frame as status and dry runs show it.
struct ActiveFrame {
  std::string proc;  // as the image names it: "main", nested "outer.inner"
  uint32_t version;
  std::string unit() const { return unit_of(proc); }
};

// What the interpreter thread reports at a safe point for status and dry runs.
struct Snapshot {
  std::vector<ActiveFrame> frames;          // innermost first
  std::map<uint32_t, uint32_t> procedures;  // version -> bindings into it
  std::vector<std::string> active;          // the frames in words, innermost first (status)
};

struct UpdateState {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::shared_ptr<PendingUpdate>> queue;
  uint64_t next_id = 1;
  bool exited = false;
  uint64_t snapshots_wanted = 0, snapshots_done = 0;
  Snapshot snapshot;
  std::string program_path;
  std::string started_at;
  // Interprocedures brought by committed updates: procedure name -> (the
  // signature it stands in for, as in the image it came from; its code).
  struct Interproc {
    std::shared_ptr<Image> old_image;  // the types of the image it came from (for signatures)
    Signature old_sig;
    LinkedProc* proc;
    uint32_t version;
  };
  std::map<std::string, std::vector<Interproc>> interprocs;
  // The same by binding id and signature key, for calls through procedure
  // values (read by the program's thread without the lock; rebuilt, on that
  // thread, whenever `interprocs` changes).
  std::unordered_map<uint32_t, std::vector<std::pair<uint64_t, const LinkedProc*>>> interprocs_by_id;
  std::unordered_map<std::string, uint64_t> global_addrs;
  uint32_t last_version = 1;
  // Frames of older versions may still move at their update points: keep polling.
  bool moves_pending = false;
  bool signatures_changed = false;
  std::vector<std::unique_ptr<VersionSpace>> graveyard;  // retired, to be freed off the program's path  // some update changed a signature: old call sites may need adapters
  std::set<std::string> move_refusals;  // why frames of older versions could not move at update points
};

namespace {

std::string iso_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string json_escape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

UpdateState& state(Instance& inst) { return *inst.updates; }

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

// A unit of a version space by name, through an index built on first use.
const Unit* unit_in(VersionSpace& vs, const std::string& name) {
  if (vs.unit_index.empty())
    for (size_t i = 0; i < vs.image.units.size(); i++) vs.unit_index.emplace(vs.image.units[i].name, i);
  auto it = vs.unit_index.find(name);
  return it == vs.unit_index.end() ? nullptr : &vs.image.units[it->second];
}

VersionSpace* space_of(Instance& inst, uint32_t version) {
  for (auto& vs : inst.spaces)
    if (vs->number == version) return vs.get();
  return nullptr;
}

// ---- the interpreter thread's view: frames and bindings

Snapshot take_snapshot(Instance& inst) {
  Snapshot s;
  if (inst.top_frame) {
    for (const Frame* f = inst.top_frame; f > inst.frames; --f)
      s.frames.push_back({f->proc->src->name, f->proc->version});
  }
  // Versions are few: count runs instead of a map insert per binding.
  uint32_t last = 0, run = 0;
  for (LinkedProc* p : inst.bindings) {
    if (!p) continue;
    if (p->version != last) {
      if (run) s.procedures[last] += run;
      last = p->version;
      run = 0;
    }
    run++;
  }
  if (run) s.procedures[last] += run;
  return s;
}

// Active frames that an update must wait for: old versions of restricted procedures.
std::vector<std::string> blocking_frames(const Snapshot& snap, const UpdatePlan& plan) {
  std::set<std::string> names;
  for (const ActiveFrame& f : snap.frames)
    if (plan.restricted.count(f.unit())) names.insert(f.unit());
  return {names.begin(), names.end()};
}

// ---- the commit

// The obvious mapping of docs/UPDATING.md, mappers: equal-named fields of equal type carried
// over (recursively mapped when both are records or arrays), elements at
// common indices carried over; everything else starts at zero.
void map_value(Instance& inst, const VersionSpace& from, uint32_t ft, uint64_t src, const VersionSpace& to,
               uint32_t tt, uint64_t dst) {
  const TypeDesc& a = from.image.types[ft];
  const TypeDesc& b = to.image.types[tt];
  if (same_type(from.image, ft, to.image, tt)) {
    std::memmove(inst.mem.at(dst), inst.mem.at(src), b.size);
    auto retain = [&](uint64_t slot) {
      uint64_t s = inst.mem.load<uint64_t>(slot);
      if (str::valid_ref(inst.mem, s)) str::retain(inst.mem, s);
      else inst.mem.store<uint64_t>(slot, 0);
    };
    for_each_string(to.layouts.data(), tt, dst, retain);
    return;
  }
  if (a.kind == TypeKind::Array && b.kind == TypeKind::Array) {
    const TypeDesc& ae = from.image.types[a.elem];
    const TypeDesc& be = to.image.types[b.elem];
    for (int64_t i = std::max(a.lo, b.lo); i <= std::min(a.hi, b.hi); i++)
      map_value(inst, from, a.elem, src + static_cast<uint64_t>(i - a.lo) * ae.size, to, b.elem,
                dst + static_cast<uint64_t>(i - b.lo) * be.size);
    return;
  }
  if (a.kind == TypeKind::Record && b.kind == TypeKind::Record) {
    for (const Field& nf : b.fields)
      for (const Field& of : a.fields)
        if (strcasecmp(of.name.c_str(), nf.name.c_str()) == 0)
          map_value(inst, from, of.type, src + of.offset, to, nf.type, dst + nf.offset);
  }
}

// Storage and initial value of a global the new version brings (or retypes).
uint64_t new_global(Instance& inst, const VersionSpace& vs, const Global& g) {
  const TypeDesc& t = vs.image.types[g.type];
  uint64_t addr = inst.heap.alloc(std::max<uint64_t>(t.size, 1), true);
  if (addr == 0) return 0;
  if (!g.init.empty()) std::memcpy(inst.mem.at(addr), g.init.data(), std::min<size_t>(g.init.size(), t.size));
  for (const StringInit& s : g.init_strings) inst.mem.store<uint64_t>(addr + s.offset, literal(inst, s.value));
  return addr;
}

// Pointers in the initial values of the globals an update brings (C).
void relocate_new_globals(Instance& inst, const VersionSpace& vs, const std::unordered_map<std::string, uint64_t>& fresh,
                          const std::unordered_map<std::string, uint64_t>& all) {
  for (const Global& g : vs.image.globals) {
    auto it = fresh.find(g.name);
    if (it != fresh.end() && !g.relocs.empty()) apply_relocs(inst, g, it->second, all);
  }
}

// Globals that get new storage at the commit: added ones and retyped ones.
std::set<std::string> fresh_globals(const Image& old_img, const Image& img) {
  std::set<std::string> out;
  for (const Global& g : img.globals) {
    const Global* old = find_global(old_img, g.name);
    if (!old || !same_type(old_img, old->type, img, g.type)) out.insert(g.name);
  }
  return out;
}

// Links the new image against the version current now (call with the lock
// held).  Unchanged procedures are shared: they stay in the space that brought them.
bool prepare_space(Instance& inst, UpdateState& st, PendingUpdate& pu, std::string* why) {
  Prepared& pr = pu.prepared;
  pr = Prepared();
  VersionSpace& old_space = *inst.spaces.back();
  const Image& old_img = old_space.image;
  pr.space = std::make_unique<VersionSpace>();
  VersionSpace& vs = *pr.space;
  vs.number = st.last_version + 1;
  vs.image = pu.image;
  vs.layouts = pu.layouts;
  vs.source = pu.req.source;
  pr.against = st.last_version;
  const Image& img = vs.image;
  pr.fresh_globals = fresh_globals(old_img, img);
  const std::set<std::string>& fresh = pr.fresh_globals;
  vs.units.resize(img.units.size());
  pr.linked.assign(img.units.size(), false);
  for (size_t u = 0; u < img.units.size(); u++) {
    const Unit& unit = img.units[u];
    const Unit* old = unit_in(old_space, unit.name);
    auto bid = inst.binding_ids.find(unit.name);
    if (old && old->hash == unit.hash && bid != inst.binding_ids.end() && inst.bindings[bid->second] &&
        same_signature(old_img, old->procs[0].sig, img, unit.procs[0].sig))
      continue;
    LinkedUnit& lu = vs.units[u];
    lu.procs.resize(unit.procs.size());
    lu.kstr.assign(unit.kstr.size(), 0);
    lu.globals.assign(unit.global_refs.size(), 0);
    for (size_t k = 0; k < unit.procs.size(); k++) link_proc(vs, unit, lu, unit.procs[k], &lu.procs[k]);
    pr.linked[u] = true;
  }
  // Slots are filled once every vector has its final size.
  for (size_t u = 0; u < img.units.size(); u++) {
    if (!pr.linked[u]) continue;
    const Unit& unit = img.units[u];
    LinkedUnit& lu = vs.units[u];
    for (size_t i = 0; i < unit.kstr.size(); i++) {
      auto it = inst.literals.find(unit.kstr[i]);
      if (unit.kstr[i].empty()) lu.kstr[i] = 0;
      else if (it != inst.literals.end()) lu.kstr[i] = it->second;
      else pr.literals.push_back({&lu.kstr[i], unit.kstr[i]});
    }
    for (size_t i = 0; i < unit.global_refs.size(); i++) {
      const std::string& g = unit.global_refs[i];
      if (fresh.count(g)) {
        pr.globals.push_back({&lu.globals[i], g});
        continue;
      }
      auto it = st.global_addrs.find(g);
      if (it == st.global_addrs.end()) {
        *why = "procedure " + unit.name + " refers to global " + g + ", which the program does not have";
        return false;
      }
      lu.globals[i] = it->second;
    }
    for (const std::string& name : unit.proc_refs) lu.callees.push_back(&inst.bindings[binding_id(inst, name)]);
    for (LinkedProc& lp : lu.procs) lp.callees = lu.callees.data();
    link_proc_values(inst, vs, unit, lu);  // PADDR/CALLP tables (C)
    pr.switches.push_back({&inst.bindings[binding_id(inst, unit.name)], &lu.procs[0]});
  }
  pr.plan = plan_update(old_img, img, pu.req.strict);
  // With --jit=on the new code is machine code before it can run: compiled
  // here, off the program's path, never during the commit's pause.
  if (inst.jit_mode == JitMode::On)
    for (size_t u = 0; u < img.units.size(); u++)
      if (pr.linked[u])
        for (LinkedProc& lp : vs.units[u].procs) {
          lp.jit_tried = true;
          inst.jit->compile(inst, lp);
        }
  return true;
}

// Old code calls with the signatures it was compiled against: where the bound
// procedure now has another one, the call goes through the interprocedure that
// stands in for that older signature (chains form through the interprocedures'
// own call sites, which this also rewires).
void rewire_old_call_sites(Instance& inst, UpdateState& st) {
  VersionSpace& current = *inst.spaces.back();
  for (auto& vs : inst.spaces) {
    if (vs.get() == &current) continue;
    std::deque<LinkedProc*> adapters;  // rebuilt: every call site is decided again below
    for (size_t u = 0; u < vs->image.units.size(); u++) {
      LinkedUnit& lu = vs->units[u];
      if (lu.procs.empty()) continue;
      const Unit& unit = vs->image.units[u];
      for (size_t k = 0; k < unit.proc_refs.size(); k++) {
        const std::string& name = unit.proc_refs[k];
        const Unit* expected = unit_in(*vs, name);
        auto bid = inst.binding_ids.find(name);
        if (!expected || bid == inst.binding_ids.end() || !inst.bindings[bid->second]) continue;
        const LinkedProc* bound = inst.bindings[bid->second];
        VersionSpace* bound_space = space_of(inst, bound->version);
        if (!bound_space || same_signature(vs->image, expected->procs[0].sig, bound_space->image, bound->src->sig)) {
          lu.callees[k] = &inst.bindings[bid->second];
          continue;
        }
        for (auto& ip : st.interprocs[name]) {
          if (ip.version <= vs->number) continue;
          if (!same_signature(vs->image, expected->procs[0].sig, *ip.old_image, ip.old_sig)) continue;
          adapters.push_back(ip.proc);
          lu.callees[k] = &adapters.back();
          break;
        }
      }
    }
    vs->adapters.swap(adapters);  // the slots move with the deque's storage
  }
}

// Rebuilds interprocs_by_id from interprocs (the program's thread, at commits).
void index_interprocs(Instance& inst, UpdateState& st) {
  st.interprocs_by_id.clear();
  for (const auto& [name, list] : st.interprocs) {
    auto bid = inst.binding_ids.find(name);
    if (bid == inst.binding_ids.end()) continue;
    for (const UpdateState::Interproc& ip : list)
      st.interprocs_by_id[bid->second].push_back({signature_key(*ip.old_image, ip.old_sig), ip.proc});
  }
}

// A version space lives while a frame executes it, a binding refers to it, or
// the adapters of a live space lead into it.
void retire_unused(Instance& inst, UpdateState& st) {
  std::set<uint32_t> live{inst.spaces.back()->number};
  uint32_t last = 0;
  for (LinkedProc* p : inst.bindings)
    if (p && p->version != last) live.insert(last = p->version);
  if (inst.top_frame)
    for (const Frame* f = inst.top_frame; f > inst.frames; --f) live.insert(f->proc->version);
  bool grew = true;
  while (grew) {
    grew = false;
    for (auto& vs : inst.spaces) {
      if (!live.count(vs->number)) continue;
      for (LinkedProc* a : vs->adapters)
        if (live.insert(a->version).second) grew = true;
    }
  }
  std::vector<std::unique_ptr<VersionSpace>> kept;
  for (auto& vs : inst.spaces) {
    // Freeing a large space takes time the program should not wait for: the
    // control thread frees retired spaces after the commit.
    if (live.count(vs->number)) kept.push_back(std::move(vs));
    else st.graveyard.push_back(std::move(vs));
  }
  inst.spaces = std::move(kept);
  // Interprocedures whose code is gone are no longer needed by anything alive.
  for (auto& [name, list] : st.interprocs)
    list.erase(std::remove_if(list.begin(), list.end(), [&](const UpdateState::Interproc& ip) { return !live.count(ip.version); }),
               list.end());
  index_interprocs(inst, st);
}

// The values of the program's globals, kept while mappers run so that a
// failed update leaves every global as it was.  The copy holds its own
// references to the strings in them.
class GlobalsCopy {
 public:
  void take(Instance& inst, const VersionSpace& space, const std::unordered_map<std::string, uint64_t>& addrs) {
    for (const Global& g : space.image.globals) {
      auto at = addrs.find(g.name);
      if (at == addrs.end() || g.type >= space.layouts.size()) continue;
      uint64_t size = space.layouts[g.type].size;
      if (!inst.mem.valid(at->second, size)) continue;
      Saved s{at->second, g.type, &space.layouts, std::vector<uint8_t>(inst.mem.at(at->second), inst.mem.at(at->second) + size)};
      for_each_ref(inst, s, [&](uint64_t ref) { str::retain(inst.mem, ref); });
      saved_.push_back(std::move(s));
    }
  }
  // The globals get their saved values back (and the saved references).
  void restore(Instance& inst) {
    for (Saved& s : saved_) {
      ops::release_all(inst, s.layouts->data(), s.type, s.addr);
      std::memcpy(inst.mem.at(s.addr), s.bytes.data(), s.bytes.size());
    }
    saved_.clear();
  }
  void drop(Instance& inst) {
    for (Saved& s : saved_) for_each_ref(inst, s, [&](uint64_t ref) { str::release(inst.mem, inst.heap, ref); });
    saved_.clear();
  }

 private:
  struct Saved {
    uint64_t addr;
    uint32_t type;
    const std::vector<TypeLayout>* layouts;
    std::vector<uint8_t> bytes;
  };
  // The string references of the saved value (read from the copy).
  template <typename Fn>
  static void for_each_ref(Instance& inst, const Saved& s, Fn fn) {
    auto visit = [&](uint64_t slot) {
      uint64_t ref;
      std::memcpy(&ref, s.bytes.data() + (slot - s.addr), 8);
      if (str::valid_ref(inst.mem, ref)) fn(ref);
    };
    for_each_string(s.layouts->data(), s.type, s.addr, visit);
  }
  std::vector<Saved> saved_;
};

// Runs the mapper of global `name`: it reads the old value (by address, or by
// value for a scalar parameter) and assigns the new global.
bool run_mapper(Instance& inst, const VersionSpace& old_space, const Global& old, uint64_t old_addr,
                const VersionSpace& vs, const std::string& mapper, std::string* why) {
  auto bid = inst.binding_ids.find(mapper);
  const LinkedProc* lp = bid == inst.binding_ids.end() ? nullptr : inst.bindings[bid->second];
  if (!lp) {
    *why = "mapper " + mapper + " is missing";
    return false;
  }
  const Signature& sig = lp->src->sig;
  Value arg;
  arg.u = old_addr;
  uint32_t pt = sig.param_types.empty() ? kNoType : sig.param_types[0];
  bool by_address = sig.params[0] == Kind::I && pt < vs.image.types.size() &&
                    (vs.image.types[pt].kind == TypeKind::Record || vs.image.types[pt].kind == TypeKind::Array ||
                     vs.image.types[pt].kind == TypeKind::Pointer);
  if (!by_address) {
    const TypeDesc& t = old_space.image.types[old.type];
    if (sig.params[0] == Kind::F) std::memcpy(&arg.f, inst.mem.at(old_addr), 8);
    else if (t.size == 8) arg.u = inst.mem.load<uint64_t>(old_addr);
    else if (t.size == 4) arg.i = inst.mem.load<int32_t>(old_addr);
    else if (t.size == 2) arg.i = inst.mem.load<int16_t>(old_addr);
    else arg.i = inst.mem.load<uint8_t>(old_addr);
  }
  Value result;
  RunResult err;
  if (call_procedure(inst, lp, &arg, &result, &err)) return true;
  *why = "mapper " + mapper + " failed: " + err.message;
  if (err.line) *why += " at " + vs.image.source_path + ":" + std::to_string(err.line) + ":" + std::to_string(err.col);
  return false;
}

// While an update's mappers run: its deadline is the instance's, and a
// watchdog thread, when the deadline passes first, marks it overdue and
// arms the polls of all code (the mappers' own space is not yet among the
// instance's), so the mapper's next safe point fails (a loop that never
// ends included).  Ended (and joined) when the mappers are done.
class MapperWatch {
 public:
  MapperWatch(Instance& inst, VersionSpace& mappers, Clock::time_point deadline) : inst_(inst) {
    auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - Clock::now()).count();
    inst.mapper_overdue.store(false);
    inst.mapper_deadline_ns = monotonic_ns() + std::max<int64_t>(left, 0);
    thread_ = std::thread([this, &mappers, deadline] {
      std::unique_lock<std::mutex> lock(mu_);
      if (cv_.wait_until(lock, deadline, [&] { return done_; })) return;
      inst_.mapper_overdue.store(true);
      arm_space_polls(mappers);
      request_poll(inst_);
    });
  }
  ~MapperWatch() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
    inst_.mapper_deadline_ns = 0;
    inst_.mapper_overdue.store(false);
  }
  MapperWatch(const MapperWatch&) = delete;
  MapperWatch& operator=(const MapperWatch&) = delete;

 private:
  Instance& inst_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

// Applies a planned update: the few address fix-ups left, new globals,
// the binding switch, mappers.  Returns false (with *why) when it must be
// abandoned; every binding and global is then as before.
bool commit(Instance& inst, UpdateState& st, PendingUpdate& pu, const UpdatePlan& plan, std::string* why) {
  VersionSpace& old_space = *inst.spaces.back();
  if (!pu.prepared.space || pu.prepared.against != st.last_version) {
    // An earlier update committed in between: link against the new current version.
    if (!prepare_space(inst, st, pu, why)) return false;
  }
  Prepared& pr = pu.prepared;
  VersionSpace& vs = *pr.space;
  vs.loaded_at = iso_now();

  // Stage globals: new and retyped ones get fresh storage; the rest keep theirs.
  std::unordered_map<std::string, uint64_t> fresh_addr;
  std::vector<uint64_t> staged;
  auto undo = [&](const std::string& reason) {
    for (uint64_t a : staged) inst.heap.free(a);
    *why = reason;
    return false;
  };
  std::vector<const Global*> mapped;  // retyped globals with a mapper, in declaration order
  for (const Global& g : vs.image.globals) {
    if (!pr.fresh_globals.count(g.name)) continue;  // keeps its storage and value
    const Global* old = find_global(old_space.image, g.name);
    uint64_t addr = new_global(inst, vs, g);
    if (addr == 0) return undo("out of memory for the new globals");
    staged.push_back(addr);
    fresh_addr[g.name] = addr;
    if (old && st.global_addrs.count(g.name)) {
      if (plan.mappers.count(g.name)) mapped.push_back(&g);
      else map_value(inst, old_space, old->type, st.global_addrs[g.name], vs, g.type, addr);
    }
  }
  for (const Prepared::Patch& p : pr.globals) {
    auto it = fresh_addr.find(p.name);
    if (it == fresh_addr.end()) return undo("global " + p.name + " has no storage");
    *p.slot = it->second;
  }
  for (const Prepared::Patch& p : pr.literals) *p.slot = literal(inst, p.name);

  // The switch: every binding at once, between two instructions.
  std::vector<LinkedProc*> saved;
  for (LinkedProc* b : inst.bindings) saved.push_back(b);
  for (auto& [slot, code] : pr.switches) *slot = code;
  for (const std::string& name : plan.removed) inst.bindings[binding_id(inst, name)] = nullptr;
  // Mappers run as new-version code, after the switch, on a copy of every
  // global the program has: a failure switches back and restores them all
  // (a mapper may write any global, not only its own).
  GlobalsCopy before;
  if (!mapped.empty()) before.take(inst, old_space, st.global_addrs);
  std::optional<MapperWatch> watch;
  if (!mapped.empty()) watch.emplace(inst, vs, pu.deadline);
  for (const Global* g : mapped) {
    const Global* old = find_global(old_space.image, g->name);
    std::string reason;
    if (!run_mapper(inst, old_space, *old, st.global_addrs[g->name], vs, plan.mappers.at(g->name), &reason)) {
      for (size_t i = 0; i < saved.size(); i++) inst.bindings[i] = saved[i];
      for (size_t i = saved.size(); i < inst.bindings.size(); i++) inst.bindings[i] = nullptr;
      watch.reset();
      before.restore(inst);
      pr.space.reset();  // its literal and global slots are spent: prepare again if retried
      return undo(reason);
    }
  }
  watch.reset();
  before.drop(inst);
  for (auto& [name, addr] : fresh_addr) st.global_addrs[name] = addr;
  relocate_new_globals(inst, vs, fresh_addr, st.global_addrs);
  for (auto& [name, proc] : plan.interprocedures) {
    const Unit* old = unit_in(old_space, name);
    const Unit* ip = unit_in(vs, proc);
    if (!old || !ip) continue;
    LinkedProc* code = inst.bindings[binding_id(inst, proc)];
    auto types = std::make_shared<Image>();
    types->types = old_space.image.types;
    st.interprocs[name].push_back({types, old->procs[0].sig, code, vs.number});
  }
  index_interprocs(inst, st);
  st.last_version = vs.number;
  inst.spaces.push_back(std::move(pr.space));
  // Call sites need new targets only once some signature has changed.
  if (!plan.signature_changed.empty()) st.signatures_changed = true;
  if (st.signatures_changed) rewire_old_call_sites(inst, st);
  retire_unused(inst, st);
  return true;
}

// ---- update points (docs/UPDATING.md, update points)

// The word offset of UPDPT k in a procedure's code, or -1.
int64_t update_point_offset(const Proc& p, uint32_t k) {
  for (size_t pc = 0; pc < p.code.size();) {
    Op op = static_cast<Op>(p.code[pc]);
    if (op == Op::UPDPT && p.code[pc + 1] == k) return static_cast<int64_t>(pc);
    pc += static_cast<size_t>(op_size(op));
  }
  return -1;
}

bool at_update_point(const Frame* f, uint32_t* k) {
  if (!f || f->proc->src->name.find('.') != std::string::npos) return false;
  if (*f->pc != static_cast<uint32_t>(Op::UPDPT)) return false;
  *k = f->pc[1];
  return true;
}

// Whether the frame standing at update point k of `old` can continue in `next`
// (same signature, an update point of the same order).
bool can_continue(const Image& old_img, const Proc& old, const Image& new_img, const Proc& next, uint32_t k) {
  return same_signature(old_img, old.sig, new_img, next.sig) && next.num_update_points > k;
}

const LocalInfo* find_local(const Proc& p, const std::string& name) {
  for (const LocalInfo& l : p.locals)
    if (strcasecmp(l.name.c_str(), name.c_str()) == 0) return &l;
  return nullptr;
}

// Moves the innermost frame, standing at update point k of an older version,
// to the current version of its routine: locals of the same name and type carry
// over, the rest start at zero; enclosing for loops keep their place when the
// nesting matches.  Returns false (with *why) when it stays.
bool move_frame(Instance& inst, const LinkedProc* next, uint32_t k, std::string* why) {
  Frame* f = inst.top_frame;
  const LinkedProc* old = f->proc;
  VersionSpace* old_space = space_of(inst, old->version);
  VersionSpace* new_space = space_of(inst, next->version);
  if (!old_space || !new_space) return false;
  const Proc& op = *old->src;
  const Proc& np = *next->src;
  if (!can_continue(old_space->image, op, new_space->image, np, k)) {
    *why = op.name + ": the new version has another signature or no update point " + std::to_string(k + 1);
    return false;
  }
  int64_t target = update_point_offset(np, k);
  if (target < 0 || f->regs + next->window > inst.regs_end ||
      next->frame_size > inst.mem.frame_end() - f->fa_base) {
    *why = op.name + ": no room to move the frame";
    return false;
  }
  const uint64_t fa = f->fa_base;
  std::vector<Value> regs(next->window);
  for (Value& v : regs) v.u = 0;
  std::vector<uint8_t> area(next->frame_size, 0);
  std::vector<uint8_t> old_area(inst.mem.at(fa), inst.mem.at(fa) + old->frame_size);
  std::vector<bool> reg_moved(old->nregs, false);
  std::vector<const LocalInfo*> carried;
  for (const LocalInfo& nl : np.locals) {
    const LocalInfo* ol = find_local(op, nl.name);
    if (!ol || !same_type(old_space->image, ol->type, new_space->image, nl.type)) continue;
    if (!ol->in_frame && !nl.in_frame) {
      regs[nl.where] = f->regs[ol->where];
      reg_moved[ol->where] = true;
    } else {
      uint32_t tsize = new_space->image.types[nl.type].size;
      if (ol->in_frame && !nl.in_frame) {
        // A narrow value in memory widens to its register form by its kind.
        const TypeDesc& t = new_space->image.types[nl.type];
        Value v;
        v.u = 0;
        if (t.kind == TypeKind::Real && t.size == 8) std::memcpy(&v.f, old_area.data() + ol->where, 8);
        else if (t.size == 8) std::memcpy(&v.u, old_area.data() + ol->where, 8);
        else if (t.size == 4) { int32_t x; std::memcpy(&x, old_area.data() + ol->where, 4); v.i = t.kind == TypeKind::Enum ? static_cast<uint32_t>(x) : x; }
        else if (t.size == 2) { int16_t x; std::memcpy(&x, old_area.data() + ol->where, 2); v.i = x; }
        else { uint8_t x = old_area[ol->where]; v.i = x; }
        regs[nl.where] = v;
      } else if (!ol->in_frame && nl.in_frame) {
        std::memcpy(area.data() + nl.where, &f->regs[ol->where], std::min<uint32_t>(tsize, 8));
        reg_moved[ol->where] = true;
      } else {
        std::memcpy(area.data() + nl.where, old_area.data() + ol->where, tsize);
      }
    }
    carried.push_back(ol);
  }
  // Pointers into the frame's own locals move with it.
  for (const LocalInfo& nl : np.locals) {
    if (new_space->image.types[nl.type].kind != TypeKind::Pointer) continue;
    uint64_t* slot = nl.in_frame ? reinterpret_cast<uint64_t*>(area.data() + nl.where) : &regs[nl.where].u;
    uint64_t ptr;
    std::memcpy(&ptr, slot, 8);
    if (ptr < fa || ptr >= fa + old->frame_size) continue;
    bool fixed = false;
    for (const LocalInfo& ol : op.locals) {
      if (!ol.in_frame) continue;
      uint32_t size = old_space->image.types[ol.type].size;
      if (ptr < fa + ol.where || ptr >= fa + ol.where + size) continue;
      const LocalInfo* target_local = find_local(np, ol.name);
      if (!target_local || !target_local->in_frame) break;
      uint64_t moved = fa + target_local->where + (ptr - (fa + ol.where));
      std::memcpy(slot, &moved, 8);
      fixed = true;
    }
    if (!fixed) {
      *why = op.name + ": pointer " + nl.name + " points into a local that does not carry over";
      return false;
    }
  }
  // The new version's set-up code: hoisted addresses and constants.
  for (uint32_t at = 0; at < np.prologue_size; at += static_cast<uint32_t>(op_size(static_cast<Op>(np.code[at])))) {
    Op o = static_cast<Op>(np.code[at]);
    uint32_t a = np.code[at + 1], b = np.code[at + 2];
    switch (o) {
      case Op::GADDR: regs[a].u = next->globals[b]; break;
      case Op::FADDR: regs[a].u = fa + b; break;
      case Op::LDI: regs[a].i = static_cast<int32_t>(b); break;
      case Op::LDK: regs[a].i = next->kint[b]; break;
      case Op::LDKF: regs[a].f = next->kreal[b]; break;
      case Op::LDKS: regs[a].u = next->kstr[b]; break;
      case Op::LDSA: {  // a C string literal's bytes, as the interpreter's LDSA gives them
        uint64_t s = next->kstr[b];
        regs[a].u = s ? s + str::kHeader : inst.clib.empty_bytes;
        break;
      }
      default: break;  // parameter copies: parameters carry over as locals
    }
  }
  // The hidden counters of enclosing for loops.
  if (k < op.update_point_loops.size() && k < np.update_point_loops.size() &&
      op.update_point_loops[k].size() == np.update_point_loops[k].size()) {
    for (size_t i = 0; i < np.update_point_loops[k].size(); i++)
      regs[np.update_point_loops[k][i]] = f->regs[op.update_point_loops[k][i]];
  }
  // Strings that did not carry over are released; the frame takes its new shape.
  for (uint32_t r : old->s_regs)
    if (!reg_moved[r]) str::release(inst.mem, inst.heap, f->regs[r].u);
  if (!old_area.empty()) std::memcpy(inst.mem.at(fa), old_area.data(), old_area.size());
  for (const ManagedSlot& m : op.frame_managed) {
    bool kept = false;
    for (const LocalInfo* ol : carried)
      if (ol->in_frame && ol->where == m.offset) kept = true;
    if (!kept) {
      auto release = [&](uint64_t slot) {
        uint64_t s = inst.mem.load<uint64_t>(slot);
        if (str::valid_ref(inst.mem, s)) str::release(inst.mem, inst.heap, s);
      };
      for_each_string(old->layouts, m.type, fa + m.offset, release);
    }
  }
  for (uint32_t i = 0; i < next->window; i++) f->regs[i] = regs[i];
  if (!area.empty()) std::memcpy(inst.mem.at(fa), area.data(), area.size());
  if (inst.memcheck) {  // the frame's guards are the new version's
    inst.memcheck->leave_frame(fa, old->frame_size);
    inst.memcheck->enter_frame(fa, next);
  }
  inst.fa_top = fa + next->frame_size;
  f->proc = next;
  f->pc = next->code + target;
  return true;
}

// The procedure versions some frame runs while a newer version of the same
// routine, with update points, is bound: those frames may move at their next
// update point.
std::vector<LinkedProc*> procs_that_may_move(Instance& inst) {
  std::vector<LinkedProc*> out;
  if (!inst.top_frame) return out;
  for (const Frame* f = inst.top_frame; f > inst.frames; --f) {
    const std::string& name = f->proc->src->name;
    auto bid = inst.binding_ids.find(name);
    if (bid == inst.binding_ids.end()) continue;
    const LinkedProc* now = inst.bindings[bid->second];
    if (now && now != f->proc && now->version > f->proc->version && now->src->num_update_points > 0)
      out.push_back(const_cast<LinkedProc*>(f->proc));  // linked procedures are owned mutable by their unit
  }
  return out;
}

void try_move_top_frame(Instance& inst, UpdateState& st) {
  uint32_t k;
  Frame* f = inst.top_frame;
  if (!at_update_point(f, &k)) return;
  auto bid = inst.binding_ids.find(f->proc->src->name);
  if (bid == inst.binding_ids.end()) return;
  const LinkedProc* now = inst.bindings[bid->second];
  if (!now || now == f->proc || now->version <= f->proc->version) return;
  std::string why;
  if (!move_frame(inst, now, k, &why)) st.move_refusals.insert(why);
  else retire_unused(inst, st);
}

// ---- what a user is told about frames that run old code

const Proc* proc_in(VersionSpace& vs, const std::string& name) {
  const Unit* u = unit_in(vs, unit_of(name));
  if (!u) return nullptr;
  for (const Proc& p : u->procs)
    if (p.name == name) return &p;
  return nullptr;
}

// Until when a frame running `old` keeps that code once `next` (its unit in
// next_img; null: the update removes it) is current, and why: frames move to
// new code only at update points.  *moves: it moves at its next update point.
std::string stay_reason(const Image& old_img, const Proc& old, const Image& next_img, const Unit* next, bool outermost,
                        bool* moves) {
  *moves = false;
  std::string until = outermost ? "until the program ends" : "until it returns";
  if (!next) return until + ": the update removes it";
  if (old.name.find('.') != std::string::npos) return until + ": it is a nested routine, which has no update points";
  const Proc& np = next->procs[0];
  if (!same_signature(old_img, old.sig, next_img, np.sig)) return until + ": its signature changes";
  if (old.num_update_points == 0) return until + ": it has no update point";
  if (np.num_update_points == 0) return until + ": the new version has no update point";
  *moves = true;
  if (np.num_update_points < old.num_update_points)
    return "until it reaches one of its first " + std::to_string(np.num_update_points) +
           " update points (the new version has no more)";
  return "until its next update point";
}

// "until ...: why" when the frame runs code older than what
// its unit is (or, given `plan` and `next_img`, will be) bound to; else "".
// Call on the interpreter thread or with the lock held.
std::string frame_note(Instance& inst, const ActiveFrame& f, bool outermost, const UpdatePlan* plan,
                       const Image* next_img) {
  auto listed = [](const std::vector<std::string>& v, const std::string& name) {
    return std::find(v.begin(), v.end(), name) != v.end();
  };
  const std::string unit = f.unit();
  const Image* img = nullptr;
  const Unit* next = nullptr;
  if (plan && (listed(plan->body_changed, unit) || listed(plan->signature_changed, unit))) {
    img = next_img;
    next = find_unit(*next_img, unit);
  } else if (plan && listed(plan->removed, unit)) {
    img = next_img;
  } else {
    auto bid = inst.binding_ids.find(unit);
    const LinkedProc* now = bid == inst.binding_ids.end() ? nullptr : inst.bindings[bid->second];
    if (now && now->version == f.version) return "";  // its unit's current code
    VersionSpace* ns = now ? space_of(inst, now->version) : nullptr;
    if (now && !ns) return "";
    img = ns ? &ns->image : &inst.spaces.back()->image;
    next = ns ? unit_in(*ns, unit) : nullptr;
  }
  VersionSpace* os = space_of(inst, f.version);
  const Proc* old = os ? proc_in(*os, f.proc) : nullptr;
  if (!old || !img) return "";
  bool moves;
  return stay_reason(os->image, *old, *img, next, outermost, &moves);
}

// The active frames (innermost first) in words, runs of one routine's
// frames said once: "NAME version V[ (N frames)]" and, with old_only, just
// the frames on old code as "NAME[ (N frames)] keeps version V until ...".
std::vector<std::string> describe_frames(Instance& inst, const std::vector<ActiveFrame>& frames, bool old_only,
                                         const UpdatePlan* plan = nullptr, const Image* next_img = nullptr) {
  constexpr size_t kMaxLines = 24;  // a deep recursion is shown by its inner end
  std::vector<std::string> lines;
  for (size_t i = 0; i < frames.size();) {
    size_t same = 1;
    while (i + same < frames.size() && frames[i + same].proc == frames[i].proc &&
           frames[i + same].version == frames[i].version)
      same++;
    std::string note = frame_note(inst, frames[i], i + same == frames.size(), plan, next_img);
    std::string count = same > 1 ? " (" + std::to_string(same) + " frames)" : "";
    i += same;
    if (old_only && note.empty()) continue;
    const ActiveFrame& f = frames[i - same];
    std::string version = std::to_string(f.version);
    std::string line = old_only ? f.proc + count + " keeps version " + version + " " + note
                                : f.proc + " version " + version + count + (note.empty() ? "" : ": old code, kept " + note);
    if (std::find(lines.begin(), lines.end(), line) != lines.end()) continue;
    if (lines.size() < kMaxLines) lines.push_back(line);
    else if (lines.size() == kMaxLines) lines.push_back("...");
  }
  return lines;
}

std::vector<ActiveFrame> active_frames(Instance& inst) {
  std::vector<ActiveFrame> out;
  if (inst.top_frame)
    for (const Frame* f = inst.top_frame; f > inst.frames; --f) out.push_back({f->proc->src->name, f->proc->version});
  return out;
}

// What a waiting update waits for, in words: each blocking routine, why it is
// restricted, and what ends the wait.
std::string describe_wait(Instance& inst, const Snapshot& snap, const std::vector<std::string>& waits_for,
                          const Image& next_img, const UpdatePlan& plan) {
  std::string out;
  for (const std::string& name : waits_for) {
    const ActiveFrame* innermost = nullptr;
    bool outermost = false;
    for (size_t i = 0; i < snap.frames.size(); i++) {
      if (snap.frames[i].unit() != name) continue;
      if (!innermost) innermost = &snap.frames[i];
      if (i + 1 == snap.frames.size()) outermost = true;
    }
    if (!innermost) continue;
    auto why = plan.restricted_why.find(name);
    std::string text = innermost->proc + " (version " + std::to_string(innermost->version) + ") is active and restricted";
    if (why != plan.restricted_why.end()) text += " (" + why->second + ")";
    VersionSpace* os = space_of(inst, innermost->version);
    const Proc* old = os ? proc_in(*os, innermost->proc) : nullptr;
    const Unit* next = find_unit(next_img, name);
    bool moves = false;
    if (old) (void)stay_reason(os->image, *old, next_img, next, outermost, &moves);
    if (moves) text += "; the update commits when it reaches its next update point";
    else if (outermost)
      text += "; it returns only when the program ends and has no update point to move at, so this update can only time out";
    else text += "; the update commits once it returns";
    out += (out.empty() ? "" : "; also ") + text;
  }
  return out;
}

UpdateReply unchanged(uint32_t version) {
  UpdateReply r;
  r.status = UpdateReply::Status::Unchanged;
  r.version = version;
  r.message = "the new image changes nothing in version " + std::to_string(version) + ": no new version made";
  return r;
}

UpdateReply refused(const std::string& why) {
  UpdateReply r;
  r.status = UpdateReply::Status::Refused;
  r.message = why;
  return r;
}

// Serves the queue in order; called with the lock held, on the interpreter thread.
void serve_queue(Instance& inst, UpdateState& st) {
  while (!st.queue.empty()) {
    PendingUpdate& pu = *st.queue.front();
    if (pu.abandoned) {
      st.queue.pop_front();
      continue;
    }
    // A cluster update commits only once the cluster decided so; later
    // updates wait behind it, in order.
    if (pu.req.gate && pu.req.gate->decision.load() != CommitGate::Commit) return;
    auto t0 = Clock::now();
    // Re-planned against the version current now when an earlier update committed meanwhile.
    bool fresh = pu.prepared.space && pu.prepared.against == st.last_version;
    UpdatePlan replanned;
    if (!fresh) replanned = plan_update(inst.spaces.back()->image, pu.image, pu.req.strict);
    const UpdatePlan& plan = fresh ? pu.prepared.plan : replanned;
    if (!plan.accepted() || (plan.changes_nothing() && !pu.req.gate)) {
      pu.reply = plan.accepted() ? unchanged(st.last_version) : refused(plan.refusals.front());
      pu.done = true;
      st.queue.pop_front();
      st.cv.notify_all();
      continue;
    }
    Snapshot snap = take_snapshot(inst);
    uint32_t k;
    const Frame* top = inst.top_frame;
    if (at_update_point(top, &k)) {
      // A frame standing where it will move does not count as active.
      const std::string& name = top->proc->src->name;
      const Unit* nu = find_unit(pu.image, name);
      VersionSpace* os = space_of(inst, top->proc->version);
      if (nu && os && can_continue(os->image, *top->proc->src, pu.image, nu->procs[0], k) && !snap.frames.empty())
        snap.frames.erase(snap.frames.begin());
    }
    std::vector<std::string> blockers = blocking_frames(snap, plan);
    if (!blockers.empty()) {
      if (blockers != pu.waits_for || pu.waiting.empty()) {
        pu.waits_for = std::move(blockers);
        pu.waiting = describe_wait(inst, snap, pu.waits_for, pu.image, plan);
        st.cv.notify_all();  // the client may be told
      }
      request_poll(inst);  // look again at the next safe point
      return;
    }
    std::string why;
    bool ok = commit(inst, st, pu, plan, &why);
    auto pause = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count();
    if (ok) {
      pu.reply.status = UpdateReply::Status::Committed;
      pu.reply.version = st.last_version;
      pu.reply.pause_us = static_cast<uint64_t>(pause);
      // A frame standing at an update point moves now; whatever still runs
      // changed code is told to the client (it is not an error: docs/UPDATING.md, the commit).
      try_move_top_frame(inst, st);
      pu.reply.old_code = describe_frames(inst, active_frames(inst), true);
    } else {
      pu.reply.status = UpdateReply::Status::Abandoned;
      pu.reply.message = why;
    }
    pu.done = true;
    st.queue.pop_front();
    st.cv.notify_all();
    if (ok) st.moves_pending = true;
  }
}

bool wait_for_snapshot(Instance& inst, UpdateState& st, std::unique_lock<std::mutex>& lock) {
  uint64_t ticket = ++st.snapshots_wanted;
  request_poll(inst);
  inst.waiter.wake();
  return st.cv.wait_for(lock, std::chrono::seconds(2), [&] { return st.snapshots_done >= ticket || st.exited; }) &&
         !st.exited;
}

}  // namespace

std::shared_ptr<UpdateState> make_update_state() { return std::make_shared<UpdateState>(); }

// Runs on the interpreter thread, the only one that changes `interprocs` (at
// commits), so it needs no lock (and may run inside a mapper, under it).
const LinkedProc* interprocedure_for(Instance& inst, uint32_t id, uint64_t sig_key) {
  UpdateState& st = state(inst);
  auto it = st.interprocs_by_id.find(id);
  if (it == st.interprocs_by_id.end()) return nullptr;
  for (const auto& [key, proc] : it->second)
    if (key == sig_key) return proc;
  return nullptr;
}

// The interpreter thread's view (as interprocedure_for): remote calls of an
// older signature are served through these.
std::vector<const LinkedProc*> interprocedures_of(Instance& inst, const std::string& name) {
  std::vector<const LinkedProc*> out;
  auto it = state(inst).interprocs.find(name);
  if (it != state(inst).interprocs.end())
    for (const UpdateState::Interproc& ip : it->second) out.push_back(ip.proc);
  return out;
}

void set_program_path(Instance& inst, const std::string& path) {
  std::lock_guard<std::mutex> lock(state(inst).mu);
  state(inst).program_path = path;
  if (!inst.spaces.empty() && inst.spaces[0]->source.empty()) inst.spaces[0]->source = path;
}

void updates_init(Instance& inst, const std::unordered_map<std::string, uint64_t>& globals) {
  UpdateState& st = state(inst);
  st.global_addrs = globals;
  st.started_at = iso_now();
  if (!inst.spaces.empty()) inst.spaces[0]->loaded_at = st.started_at;
}

namespace {

// Writes a promoted variable home (home = true) or reads it back.  Strings:
// the register keeps the loop's reference and the home gives its own up
// again after the read, as the loop's code expects.
void move_promoted(Instance& inst, Frame* f, const Promotion& m, bool home) {
  Value* R = f->regs;
  uint64_t addr = R[m.address].u + static_cast<uint64_t>(static_cast<int64_t>(m.offset));
  Op store = static_cast<Op>(m.store), load = static_cast<Op>(m.load);
  uint32_t size = store == Op::ST8 ? 1 : store == Op::ST16 ? 2 : (store == Op::ST32 || store == Op::STF32) ? 4 : 8;
  if (!inst.mem.valid(addr, size)) return;  // (the loop's own accesses trap there)
  Value& v = R[m.value];
  Memory& mem = inst.mem;
  if (home) {
    switch (store) {
      case Op::ST8: mem.store<uint8_t>(addr, static_cast<uint8_t>(v.u)); break;
      case Op::ST16: mem.store<uint16_t>(addr, static_cast<uint16_t>(v.u)); break;
      case Op::ST32: mem.store<uint32_t>(addr, static_cast<uint32_t>(v.u)); break;
      case Op::STF32: mem.store<float>(addr, static_cast<float>(v.f)); break;
      case Op::STF64: mem.store<double>(addr, v.f); break;
      case Op::STS: {
        uint64_t old = mem.load<uint64_t>(addr);
        if (!str::valid_ref(mem, old)) return;
        str::retain(mem, v.u);
        mem.store<uint64_t>(addr, v.u);
        str::release(mem, inst.heap, old);
        break;
      }
      default: mem.store<uint64_t>(addr, v.u); break;
    }
    return;
  }
  switch (load) {
    case Op::LD8S: v.i = mem.load<int8_t>(addr); break;
    case Op::LD8U: v.i = mem.load<uint8_t>(addr); break;
    case Op::LD16S: v.i = mem.load<int16_t>(addr); break;
    case Op::LD16U: v.i = mem.load<uint16_t>(addr); break;
    case Op::LD32S: v.i = mem.load<int32_t>(addr); break;
    case Op::LD32U: v.i = mem.load<uint32_t>(addr); break;
    case Op::LDF32: v.f = mem.load<float>(addr); break;
    case Op::LDF64: v.f = mem.load<double>(addr); break;
    case Op::LDS: {
      uint64_t s = mem.load<uint64_t>(addr);
      if (!str::valid_ref(mem, s)) return;
      uint64_t old = v.u;
      v.u = s;  // the home's reference passes to the register
      mem.store<uint64_t>(addr, 0);
      str::release(mem, inst.heap, old);
      break;
    }
    default: v.u = mem.load<uint64_t>(addr); break;
  }
}

void move_promotions(Instance& inst, Frame* f, bool home) {
  if (!f || f <= inst.frames) return;
  const LinkedProc* p = f->proc;
  uint32_t at = static_cast<uint32_t>(f->pc - p->code);
  for (const Promotion& m : p->src->promotions)
    if (at >= m.begin && at < m.end) move_promoted(inst, f, m, home);
}

}  // namespace

bool mapper_overdue(Instance& inst) {
  if (!inst.in_safe_point || inst.mapper_deadline_ns == 0) return false;
  if (!inst.mapper_overdue.load(std::memory_order_relaxed) && monotonic_ns() < inst.mapper_deadline_ns) return false;
  inst.mapper_overdue.store(true, std::memory_order_relaxed);
  return true;
}

void safe_point(Instance& inst) {
  if (inst.in_safe_point) return;  // a mapper's code while a commit runs
  UpdateState& st = state(inst);
  std::lock_guard<std::mutex> lock(st.mu);
  inst.in_safe_point = true;
  // Served from here on; whatever is still pending at the end asks again.
  inst.native.poll.store(0, std::memory_order_relaxed);
  disarm_polls(inst);
  Frame* top = inst.top_frame;
  const LinkedProc* running = top ? top->proc : nullptr;
  move_promotions(inst, top, true);
  if (st.snapshots_done < st.snapshots_wanted) {
    // Spaces whose last frame returned since the last commit retire here, so
    // status never lists a space nothing uses.
    retire_unused(inst, st);
    st.snapshot = take_snapshot(inst);
    st.snapshot.active = describe_frames(inst, st.snapshot.frames, false);
    st.snapshots_done = st.snapshots_wanted;
    st.cv.notify_all();
  }
  serve_queue(inst, st);
  std::vector<LinkedProc*> may_move;
  if (!st.queue.empty() || st.moves_pending) {
    try_move_top_frame(inst, st);
    may_move = procs_that_may_move(inst);
    st.moves_pending = !may_move.empty();
    if (!st.moves_pending) st.move_refusals.clear();
  }
  if (top && top->proc == running) move_promotions(inst, top, false);
  // Frames waiting to move need polls only at the update points of the
  // versions they run; every other safe point stays fast.
  if (!st.queue.empty()) request_poll(inst);
  else if (st.moves_pending) arm_update_points(inst, may_move);
  inst.in_safe_point = false;
}

void gate_decided(Instance& inst) {
  std::lock_guard<std::mutex> lock(state(inst).mu);
  request_poll(inst);
  inst.waiter.wake();
}

void updates_program_exited(Instance& inst) {
  UpdateState& st = state(inst);
  std::lock_guard<std::mutex> lock(st.mu);
  st.exited = true;
  for (auto& pu : st.queue) {
    if (pu->done) continue;
    pu->done = true;
    pu->reply.status = UpdateReply::Status::Failed;
    pu->reply.message = "the program exited";
  }
  st.queue.clear();
  st.cv.notify_all();
}

// What a pending update waits for, in words: its own reason at the head of
// the queue; behind another, the one it goes after and what that one waits for.
std::string waiting_words(const UpdateState& st, const PendingUpdate& pu) {
  for (const auto& q : st.queue) {
    if (q->abandoned || q->done) continue;
    if (q.get() == &pu) return pu.waiting;
    return "it goes after update " + std::to_string(q->id) + ", which commits first" +
           (q->waiting.empty() ? "" : "; " + q->waiting);
  }
  return pu.waiting;
}

UpdateReply submit_update(Instance& inst, const UpdateRequest& req, const std::atomic<bool>& cancelled) {
  auto received = Clock::now();
  auto pu = std::make_shared<PendingUpdate>();
  pu->req = req;
  std::string error;
  if (!read_image(req.image, &pu->image, &error)) return refused("corrupt image: " + error);
  std::string problem = verify_image(pu->image);
  if (!problem.empty()) return refused("the image fails verification: " + problem);
  if (!build_layouts(pu->image.types, &pu->layouts, &error)) return refused("bad types in the image: " + error);

  UpdateState& st = state(inst);
  std::unique_lock<std::mutex> lock(st.mu);
  if (st.exited) return refused("the program exited");
  if (!req.gate && !inst.local_updates_refused.empty()) return refused(inst.local_updates_refused);
  if (pu->image.language != inst.spaces.back()->image.language)
    return refused("the new image is " + pu->image.language + ", the program is " + inst.spaces.back()->image.language);
  UpdatePlan plan = plan_update(inst.spaces.back()->image, pu->image, req.strict);
  if (req.dry_run) {
    UpdateReply r;
    r.status = UpdateReply::Status::Planned;
    r.would_accept = plan.accepted();
    r.message = "update plan (against version " + std::to_string(st.last_version) + "):\n" + plan.describe();
    if (plan.accepted() && plan.changes_nothing() && !req.gate) {
      r.message += "  nothing changes: the update would make no new version\n";
    } else if (plan.accepted()) {
      if (wait_for_snapshot(inst, st, lock)) {
        std::vector<std::string> waits = blocking_frames(st.snapshot, plan);
        if (waits.empty()) r.message += "  would commit now\n";
        else r.message += "  would wait for: " + describe_wait(inst, st.snapshot, waits, pu->image, plan) + "\n";
        std::vector<std::string> old = describe_frames(inst, st.snapshot.frames, true, &plan, &pu->image);
        if (!old.empty()) {
          r.message += "  active frames that would keep old code after the commit:\n";
          for (const std::string& o : old) r.message += "    " + o + "\n";
        }
      } else {
        r.message += "  (the program did not reach a safe point to say what it would wait for)\n";
      }
    }
    return r;
  }
  // Behind earlier pending updates, an update is planned again at its turn,
  // against the version then current: what this version refuses (a global
  // whose type the earlier update changes with a mapper) may be fine then.
  // Not a cluster node's: its vote (PREPARED) must hold now.
  bool queue_idle = std::all_of(st.queue.begin(), st.queue.end(), [](const auto& q) { return q->abandoned || q->done; });
  if (!plan.accepted() && (queue_idle || req.gate)) return refused(plan.refusals.front());
  if (plan.changes_nothing() && !req.gate && queue_idle) return unchanged(st.last_version);

  // Linking happens here, off the program's path; the commit only patches
  // (an update that waits behind others is linked again at its turn if an
  // earlier one committed).
  std::string why;
  if (plan.accepted() && !prepare_space(inst, st, *pu, &why)) return refused(why);
  pu->id = st.next_id++;
  pu->deadline = received + std::chrono::microseconds(static_cast<int64_t>(req.timeout_s * 1e6));
  st.queue.push_back(pu);
  if (req.gate) {
    req.gate->prepared.store(true);
    if (req.gate->on_prepared) req.gate->on_prepared();
  }
  request_poll(inst);
  inst.waiter.wake();
  std::string told;  // the last words on_progress was given
  while (!pu->done) {
    st.cv.wait_for(lock, std::chrono::milliseconds(50));
    if (pu->done) break;
    std::string words = req.on_progress ? waiting_words(st, *pu) : std::string();
    if (!words.empty() && words != told) {
      told = words;
      lock.unlock();  // the client's socket must not hold up the program's safe points
      req.on_progress("waiting: " + told);
      lock.lock();
      if (pu->done) break;
    }
    if (pu->req.gate && pu->req.gate->decision.load() == CommitGate::Abort) {
      pu->abandoned = true;
      UpdateReply r;
      r.status = UpdateReply::Status::Abandoned;
      r.message = "the cluster decided to abort the update";
      return r;
    }
    if (cancelled.load()) {
      pu->abandoned = true;
      UpdateReply r;
      r.status = UpdateReply::Status::Abandoned;
      r.message = "the client went away";
      return r;
    }
    bool decided = pu->req.gate && pu->req.gate->decision.load() == CommitGate::Commit;
    if (!decided && Clock::now() >= pu->deadline) {
      pu->abandoned = true;
      UpdateReply r;
      r.status = UpdateReply::Status::Abandoned;
      std::string list;
      for (const std::string& w : pu->waits_for) list += (list.empty() ? "" : ", ") + w;
      char seconds[32];
      std::snprintf(seconds, sizeof seconds, "%g", req.timeout_s);
      r.message = "timed out after " + std::string(seconds) + " s" +
                  (list.empty() ? "" : " waiting for " + list);
      return r;
    }
  }
  std::vector<std::unique_ptr<VersionSpace>> retired;
  retired.swap(st.graveyard);
  lock.unlock();
  retired.clear();
  return pu->reply;
}

std::string status_json(Instance& inst) {
  UpdateState& st = state(inst);
  std::unique_lock<std::mutex> lock(st.mu);
  bool fresh = wait_for_snapshot(inst, st, lock);
  std::map<uint32_t, uint32_t> frames;
  if (fresh)
    for (const ActiveFrame& f : st.snapshot.frames) frames[f.version]++;
  std::ostringstream out;
  out << "{\"pid\": " << getpid() << ", \"program\": \"" << json_escape(st.program_path) << "\", \"versions\": [";
  bool first = true;
  for (auto& vs : inst.spaces) {
    out << (first ? "" : ", ") << "{\"number\": " << vs->number << ", \"source\": \"" << json_escape(vs->source)
        << "\", \"loaded_at\": \"" << json_escape(vs->loaded_at) << "\", \"procedures\": "
        << (fresh ? st.snapshot.procedures[vs->number] : 0) << ", \"frames\": " << frames[vs->number] << "}";
    first = false;
  }
  out << "], \"pending\": [";
  first = true;
  const PendingUpdate* ahead = nullptr;  // the first in the queue: the others wait behind it
  for (auto& pu : st.queue) {
    if (pu->abandoned || pu->done) continue;
    // A later update waits for the earlier one to commit first, so for what
    // that one waits for too.
    const std::vector<std::string>& waits = ahead ? ahead->waits_for : pu->waits_for;
    std::string waiting = waiting_words(st, *pu);
    out << (first ? "" : ", ") << "{\"id\": " << pu->id << ", \"waits_for\": [";
    for (size_t i = 0; i < waits.size(); i++) out << (i ? ", " : "") << "\"" << json_escape(waits[i]) << "\"";
    out << "], \"waiting\": \"" << json_escape(waiting) << "\"}";
    first = false;
    if (!ahead) ahead = pu.get();
  }
  // Beyond the contract's members (docs/UPDATING.md) (the table view shows them; --json leaves them out).
  out << "], \"active\": [";
  if (fresh)
    for (size_t i = 0; i < st.snapshot.active.size(); i++)
      out << (i ? ", " : "") << "\"" << json_escape(st.snapshot.active[i]) << "\"";
  out << "], \"frames_not_moved\": [";
  first = true;
  for (const std::string& why : st.move_refusals) {
    out << (first ? "" : ", ") << "\"" << json_escape(why) << "\"";
    first = false;
  }
  out << "]}";
  std::vector<std::unique_ptr<VersionSpace>> retired;
  retired.swap(st.graveyard);
  lock.unlock();
  retired.clear();  // freed off the program's path
  return out.str();
}

}  // namespace dvm
