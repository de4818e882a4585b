#include "vm/latency.h"

#include <cstdio>

namespace dvm {

namespace {
constexpr int kMaxDoublings = 26;  // 64 us << 26: about 4300 s

int log2_floor(uint64_t v) { return 63 - __builtin_clzll(v); }

std::string duration_text(uint64_t us) {
  char buf[32];
  if (us < 1000) std::snprintf(buf, sizeof buf, "%llu us", static_cast<unsigned long long>(us));
  else if (us < 1000000) std::snprintf(buf, sizeof buf, "%.1f ms", static_cast<double>(us) / 1e3);
  else std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(us) / 1e6);
  return buf;
}
}  // namespace

size_t LatencyHistogram::bucket_of(uint64_t us) {
  if (us < kExact) return us;
  int doubling = log2_floor(us) - log2_floor(kExact);  // 0 for 64..127
  if (doubling >= kMaxDoublings) return kExact + kMaxDoublings * kPerDoubling - 1;
  uint64_t base = uint64_t{kExact} << doubling;
  uint64_t step = base / kPerDoubling;
  return kExact + doubling * kPerDoubling + (us - base) / step;
}

uint64_t LatencyHistogram::lower_bound_of(size_t bucket) {
  if (bucket < kExact) return bucket;
  size_t doubling = (bucket - kExact) / kPerDoubling, slot = (bucket - kExact) % kPerDoubling;
  uint64_t base = uint64_t{kExact} << doubling;
  return base + slot * (base / kPerDoubling);
}

void LatencyHistogram::record(int64_t ns) {
  uint64_t us = ns > 0 ? static_cast<uint64_t>(ns) / 1000 : 0;
  if (buckets_.empty()) buckets_.assign(kExact + kMaxDoublings * kPerDoubling, 0);
  buckets_[bucket_of(us)]++;
  count_++;
  if (us > max_us_) max_us_ = us;
}

uint64_t LatencyHistogram::quantile_us(double fraction) const {
  if (count_ == 0) return 0;
  // The rank of the value sought, 1-based: the median of 4 is the 2nd.
  uint64_t rank = static_cast<uint64_t>(fraction * static_cast<double>(count_) + 0.5);
  if (rank < 1) rank = 1;
  if (rank > count_) rank = count_;
  uint64_t seen = 0;
  for (size_t b = 0; b < buckets_.size(); b++) {
    seen += buckets_[b];
    if (seen >= rank) return lower_bound_of(b);
  }
  return max_us_;
}

std::string LatencyHistogram::summary() const {
  return "median " + duration_text(quantile_us(0.5)) + ", 99th percentile " + duration_text(quantile_us(0.99)) +
         ", max " + duration_text(max_us_);
}

}  // namespace dvm
