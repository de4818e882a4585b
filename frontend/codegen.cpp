#include "frontend/codegen.h"

namespace dvm {

uint32_t TempRegisters::temp(ProcBuilder& pb, Kind k) {
  auto& free = free_[static_cast<int>(k)];
  uint32_t r;
  if (!free.empty()) {
    r = free.back();
    free.pop_back();
  } else {
    r = pb.reg(k);
  }
  live_.push_back(r);
  return r;
}

uint32_t TempRegisters::block(ProcBuilder& pb, const std::vector<Kind>& kinds) {
  auto& free = free_blocks_[kinds];
  uint32_t base;
  if (!free.empty()) {
    base = free.back();
    free.pop_back();
  } else {
    base = pb.num_regs();
    for (Kind k : kinds) pb.reg(k);
  }
  live_blocks_.push_back({kinds, base});
  live_.push_back(kBlockBit | static_cast<uint32_t>(live_blocks_.size() - 1));
  return base;
}

void TempRegisters::release(ProcBuilder& pb, size_t mark) {
  while (live_.size() > mark) {
    uint32_t r = live_.back();
    live_.pop_back();
    if (r & kBlockBit) {
      auto blk = live_blocks_.back();
      live_blocks_.pop_back();
      free_blocks_[blk.first].push_back(blk.second);
    } else {
      free_[static_cast<int>(pb.reg_kind(r))].push_back(r);
    }
  }
}

}  // namespace dvm
