#include "vm/memcheck.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "stdlib/builtin_ids.h"
#include "vm/instance.h"
#include "vm/opcodes.h"

namespace dvm {
namespace {

constexpr uint64_t kGranule = 8;
constexpr uint64_t kBlockHeader = 8;             // the heap's header before each block
constexpr uint64_t kMaxQuarantine = 32u << 20;  // freed bytes kept from reuse, at most

uint64_t round_up(uint64_t v, uint64_t to) { return (v + to - 1) / to * to; }

// Binary search of the line table: the position of the instruction at `at`.
void position_of(const LinkedProc* p, const uint32_t* at, uint32_t* line, uint32_t* col) {
  uint32_t off = static_cast<uint32_t>(at - p->code);
  const std::vector<LineEntry>& lines = p->src->lines;
  size_t lo = 0, hi = lines.size();
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (lines[mid].pc <= off) lo = mid + 1;
    else hi = mid;
  }
  *line = lo ? lines[lo - 1].line : 0;
  *col = lo ? lines[lo - 1].col : 0;
}

Op op_at(const LinkedProc* p, const uint32_t* at) { return static_cast<Op>(p->src->code[at - p->code]); }

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The C library function a CALLB serves ("malloc", "strcpy").
std::string builtin_name(const uint32_t* at) {
  uint32_t id = at[1];
  return id < kNumBuiltins ? lower(kBuiltinSigs[id].name) : "a library function";
}

std::string bytes(uint64_t n) { return std::to_string(n) + (n == 1 ? " byte" : " bytes"); }
// "an 8-byte block", "an 18-byte block", "a 16-byte block": the article as the
// number is spoken (its first group of three digits: eight..., eleven, eighteen).
std::string block_of(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string lead = digits.substr(0, (digits.size() - 1) % 3 + 1);
  bool vowel = lead[0] == '8' || lead == "11" || lead == "18";
  return (vowel ? "an " : "a ") + digits + "-byte block";
}

}  // namespace

std::unique_ptr<MemoryCheck> MemoryCheck::create(Instance& inst, std::string* error) {
  std::unique_ptr<MemoryCheck> mc(new MemoryCheck(inst));
  mc->shadow_bytes_ = inst.mem.heap_limit() / kGranule + 1;
  mc->shadow_ = static_cast<int8_t*>(reserve_host(mc->shadow_bytes_));
  if (!mc->shadow_) {
    *error = "cannot reserve the shadow memory --check-memory needs (" + bytes(mc->shadow_bytes_) +
             "); give a smaller --memory";
    return nullptr;
  }
  mc->quarantine_limit_ = std::min<uint64_t>(kMaxQuarantine, inst.mem.heap_limit() / 4);
  // The heap's part of memory belongs to no block until allocated.
  mc->poison(inst.mem.heap_begin(), inst.mem.end() - inst.mem.heap_begin(), kHeapRedzone);
  inst.heap.set_watcher(mc.get());
  return mc;
}

MemoryCheck::~MemoryCheck() {
  inst_.heap.set_watcher(nullptr);
  release_host(shadow_, shadow_bytes_);
}

bool MemoryCheck::ok_slow(uint64_t addr, uint64_t size) const { return size == 0 || first_bad(addr, size) == addr + size; }

// The first byte of the range that is not addressable, or addr + size.
uint64_t MemoryCheck::first_bad(uint64_t addr, uint64_t size) const {
  uint64_t end = addr + size;
  for (uint64_t a = addr; a < end;) {
    uint64_t granule_end = (a | (kGranule - 1)) + 1;
    uint64_t upto = std::min(granule_end, end);
    int8_t s = shadow_[a >> 3];
    if (s < 0) return a;
    if (s > 0) {  // the first s bytes of the granule
      if ((a & (kGranule - 1)) >= static_cast<uint64_t>(s)) return a;
      if (((upto - 1) & (kGranule - 1)) >= static_cast<uint64_t>(s)) return (a & ~(kGranule - 1)) + static_cast<uint64_t>(s);
    }
    a = upto;
  }
  return end;
}

// Poisons [addr, addr + size); a partial first granule keeps its first bytes
// addressable (the slot or block before), a partial last one is poisoned whole.
void MemoryCheck::poison(uint64_t addr, uint64_t size, int8_t kind) {
  if (size == 0) return;
  uint64_t end = addr + size;
  uint64_t g = addr >> 3;
  if (addr & (kGranule - 1)) {
    shadow_[g] = static_cast<int8_t>(addr & (kGranule - 1));
    g++;
  }
  uint64_t last = (end + kGranule - 1) >> 3;
  if (last > g) std::memset(shadow_ + g, static_cast<uint8_t>(kind), last - g);
}

// Makes [addr, addr + size) addressable; addr is 8-aligned.
void MemoryCheck::unpoison(uint64_t addr, uint64_t size) {
  uint64_t whole = size / kGranule;
  std::memset(shadow_ + (addr >> 3), 0, whole);
  if (size % kGranule) shadow_[(addr >> 3) + whole] = static_cast<int8_t>(size % kGranule);
}

MemoryCheck::Site MemoryCheck::current_site() {
  Site s;
  if (!site_proc_ || !site_pc_) return s;
  if (site_proc_ == last_site_proc_ && site_pc_ == last_site_pc_ && site_proc_->src == last_site_src_) return last_site_;
  position_of(site_proc_, site_pc_, &s.line, &s.col);
  s.file = intern(site_proc_->space ? site_proc_->space->image.source_path : "");
  s.proc = intern(site_proc_->src->name);
  Op op = op_at(site_proc_, site_pc_);
  if (op == Op::NEW) s.how = "new";
  else if (op == Op::DISPOSE) s.how = "dispose";
  else if (op == Op::CALLB) s.how = intern(builtin_name(site_pc_))->c_str();
  last_site_proc_ = site_proc_;
  last_site_pc_ = site_pc_;
  last_site_src_ = site_proc_->src;
  last_site_ = s;
  return s;
}

std::string MemoryCheck::describe(const Site& s) const {
  if (!s.file) return "by the runtime";
  std::string out = *s.how ? std::string("by ") + s.how + " " : "";
  return out + "at " + *s.file + ":" + std::to_string(s.line) + ":" + std::to_string(s.col) + " in " + *s.proc;
}

uint64_t MemoryCheck::redzone(uint64_t size) {
  // Room enough for the off-by-a-few overruns; larger blocks get more.
  if (size <= 64) return 16;
  if (size <= 1024) return 32;
  if (size <= 65536) return 128;
  return 256;
}

void MemoryCheck::allocated(uint64_t addr, uint64_t size, uint64_t usable) {
  poison(addr - kBlockHeader, kBlockHeader, kHeapRedzone);
  unpoison(addr, size);
  uint64_t tail = round_up(addr + size, kGranule);
  if (addr + usable > tail) poison(tail, addr + usable - tail, kHeapRedzone);
  Block& b = blocks_[addr];
  b = Block();
  b.size = size;
  b.usable = usable;
  b.allocated = current_site();
}

bool MemoryCheck::freed(uint64_t addr, uint64_t usable) {
  poison(addr, usable, kHeapFreed);
  auto it = blocks_.find(addr);
  if (it != blocks_.end()) {
    it->second.is_freed = true;
    it->second.freed = current_site();
  }
  quarantine_.push_back(addr);
  quarantined_bytes_ += usable;
  // The oldest freed blocks become reusable; their memory stays poisoned
  // until the heap hands it out again.
  while (quarantined_bytes_ > quarantine_limit_ && !quarantine_.empty()) {
    uint64_t oldest = quarantine_.front();
    quarantine_.pop_front();
    auto b = blocks_.find(oldest);
    if (b != blocks_.end()) {
      quarantined_bytes_ -= std::min(quarantined_bytes_, b->second.usable);
      blocks_.erase(b);
    }
    inst_.heap.recycle(oldest);
  }
  return false;
}

void MemoryCheck::grew(uint64_t from, uint64_t to) { poison(from, to - from, kHeapRedzone); }

void MemoryCheck::enter_frame(uint64_t fa_base, const LinkedProc* proc) {
  for (const FrameGuard& g : proc->src->frame_guards) poison(fa_base + g.offset, g.size, kFrameGuard);
}

void MemoryCheck::leave_frame(uint64_t fa_base, uint64_t size) {
  if (size) std::memset(shadow_ + (fa_base >> 3), 0, (size + kGranule - 1) / kGranule);
}

std::string MemoryCheck::describe_heap(uint64_t bad, uint64_t addr, uint64_t size, const std::string& access,
                                       RtError* err) {
  int8_t kind = shadow_[bad >> 3];
  // The block starting at or before bad, and the first one starting after it.
  const Block* before = nullptr;
  const Block* after = nullptr;
  uint64_t start = 0, after_start = 0;
  for (const auto& [a, b] : blocks_) {
    if (a <= bad && (!before || a > start)) before = &b, start = a;
    if (a > bad && (!after || a < after_start)) after = &b, after_start = a;
  }
  auto offset = [&](uint64_t block) { return std::to_string(static_cast<int64_t>(addr - block)); };
  if (kind == kHeapFreed) {
    *err = RtError::UseAfterFree;
    if (!before || bad >= start + before->usable || !before->is_freed)
      return access + " in a heap block freed earlier";
    return access + " at offset " + offset(start) + " of " + block_of(before->size) + " allocated " +
           describe(before->allocated) + ", freed " + describe(before->freed);
  }
  *err = RtError::HeapOverrun;
  // Past the end of the block before (its redzone, or the next block's header) ...
  if (before && bad >= start + before->size && bad < start + before->usable + kBlockHeader) {
    return access + " at offset " + offset(start) + " of " + block_of(before->size) + ", " +
           bytes(bad - (start + before->size)) + " past its end; the block was allocated " +
           describe(before->allocated) + (before->is_freed ? " and freed " + describe(before->freed) : "");
  }
  // ... or before the start of the block after it.
  if (after && bad + kBlockHeader >= after_start) {
    return access + " at offset " + offset(after_start) + " of " + block_of(after->size) + ", " +
           bytes(after_start - bad) + " before its start; the block was allocated " + describe(after->allocated);
  }
  return access + " in heap memory no block occupies";
}

std::string MemoryCheck::describe_frame(uint64_t bad, uint64_t addr, uint64_t size, const std::string& access) {
  (void)size;
  for (const Frame* f = inst_.top_frame; f && f > inst_.frames; --f) {
    const LinkedProc* p = f->proc;
    if (bad < f->fa_base || bad >= f->fa_base + p->frame_size) continue;
    uint64_t rel = bad - f->fa_base;
    const LocalInfo* prev = nullptr;
    const LocalInfo* next = nullptr;
    auto size_of = [&](const LocalInfo& l) { return l.type < p->types->size() ? p->layouts[l.type].size : 0; };
    for (const LocalInfo& l : p->src->locals) {
      if (!l.in_frame) continue;
      if (l.where + size_of(l) <= rel && (!prev || l.where > prev->where)) prev = &l;
      if (l.where > rel && (!next || l.where < next->where)) next = &l;
    }
    auto name = [&](const LocalInfo& l) {
      bool array = l.type < p->types->size() && (*p->types)[l.type].kind == TypeKind::Array;
      return std::string(array ? "local array '" : "local '") + l.name + "' (" + bytes(size_of(l)) + ") of " +
             p->src->name;
    };
    auto offset = [&](const LocalInfo& l) {
      return std::to_string(static_cast<int64_t>(addr - (f->fa_base + l.where)));
    };
    uint64_t past = prev ? rel - (prev->where + size_of(*prev)) : UINT64_MAX;
    uint64_t ahead = next ? next->where - rel : UINT64_MAX;
    if (prev && past <= ahead)
      return access + " at offset " + offset(*prev) + " of " + name(*prev) + ", " + bytes(past) + " past its end";
    if (next) return access + " at offset " + offset(*next) + " of " + name(*next) + ", " + bytes(ahead) + " before its start";
    return access + " into the guard after a temporary of " + p->src->name;
  }
  return access + " between frame slots";
}

RtError MemoryCheck::fault(const LinkedProc* proc, const uint32_t* pc, uint64_t addr, uint64_t size) {
  std::string access;
  switch (op_at(proc, pc)) {
    case Op::ST8: case Op::ST16: case Op::ST32: case Op::ST64: case Op::STF32: case Op::STF64: case Op::STS:
    case Op::FINAL:
      access = "write of " + bytes(size);
      break;
    case Op::COPY: access = "copy of " + bytes(size); break;
    case Op::CALLB: access = builtin_name(pc) + " accessing " + bytes(size); break;
    default: access = "read of " + bytes(size); break;
  }
  uint64_t bad = first_bad(addr, size);
  RtError err = RtError::LocalOverrun;
  if (shadow_[bad >> 3] == kFrameGuard) inst_.error_detail = describe_frame(bad, addr, size, access);
  else inst_.error_detail = describe_heap(bad, addr, size, access, &err);
  return err;
}

}  // namespace dvm
