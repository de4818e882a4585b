// A histogram of durations for a node's log: how long the remote calls a
// program made took to their replies, and how long the calls it served took
// from arrival to reply.  Recording is an increment; the buckets are exact
// below 64 us and about 3% wide above (32 per doubling), up to about 4000 s.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dvm {

class LatencyHistogram {
 public:
  void record(int64_t ns);
  uint64_t count() const { return count_; }
  // The duration, in microseconds, below which `fraction` of the recorded
  // ones lie (the lower bound of its bucket); 0 when nothing was recorded.
  uint64_t quantile_us(double fraction) const;
  uint64_t max_us() const { return max_us_; }
  // "median 92 us, 99th percentile 210 us, max 1.3 ms"
  std::string summary() const;

 private:
  static constexpr int kExact = 64, kPerDoubling = 32;
  static size_t bucket_of(uint64_t us);
  static uint64_t lower_bound_of(size_t bucket);
  std::vector<uint64_t> buckets_;  // allocated at the first record
  uint64_t count_ = 0;
  uint64_t max_us_ = 0;
};

}  // namespace dvm
