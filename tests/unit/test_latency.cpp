// The histogram behind a node's "round trip median ..." log line (vm/latency.h).
#include <gtest/gtest.h>

#include <cstdint>

#include "vm/latency.h"

namespace dvm {
namespace {

int64_t us(uint64_t n) { return static_cast<int64_t>(n) * 1000; }

TEST(LatencyHistogram, EmptySaysZero) {
  LatencyHistogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.quantile_us(0.5), 0u);
}

TEST(LatencyHistogram, ExactBelow64Microseconds) {
  LatencyHistogram h;
  for (uint64_t v = 1; v <= 9; v++) h.record(us(v));  // median 5
  EXPECT_EQ(h.count(), 9u);
  EXPECT_EQ(h.quantile_us(0.5), 5u);
  EXPECT_EQ(h.quantile_us(0.0), 1u);
  EXPECT_EQ(h.quantile_us(1.0), 9u);
  EXPECT_EQ(h.max_us(), 9u);
  h.record(-5);  // a clock that went back counts as 0, not as a huge value
  EXPECT_EQ(h.quantile_us(0.0), 0u);
}

TEST(LatencyHistogram, WithinThreePercentAbove) {
  for (uint64_t v : {64ull, 65ull, 100ull, 127ull, 128ull, 999ull, 123456ull, 98765432ull}) {
    LatencyHistogram h;
    h.record(us(v));
    uint64_t got = h.quantile_us(0.5);
    EXPECT_LE(got, v) << v;
    EXPECT_GE(static_cast<double>(got), static_cast<double>(v) * 0.969) << v;
  }
  // Durations past the last bucket are kept there, and as the maximum.
  LatencyHistogram h;
  h.record(us(uint64_t{1} << 40));
  EXPECT_GT(h.quantile_us(0.5), uint64_t{1} << 31);
  EXPECT_EQ(h.max_us(), uint64_t{1} << 40);
}

TEST(LatencyHistogram, PercentilesAndSummary) {
  LatencyHistogram h;
  for (int i = 0; i < 98; i++) h.record(us(50));
  h.record(us(2000));
  h.record(us(3'000'000));
  EXPECT_EQ(h.quantile_us(0.5), 50u);
  EXPECT_EQ(h.quantile_us(0.99), 1984u);  // the bucket of 2000 us: 1984-2047
  EXPECT_EQ(h.summary(), "median 50 us, 99th percentile 2.0 ms, max 3.0 s");
}

}  // namespace
}  // namespace dvm
