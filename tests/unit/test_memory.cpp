// Program memory, the heap allocator and string objects, without an interpreter.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <set>
#include <string>

#include "vm/heap.h"
#include "vm/memory.h"
#include "vm/strings.h"

namespace dvm {
namespace {

class MemoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(mem.reserve(64 * 1024, 4096, 8 << 20, &error)) << error;
    heap.init(&mem);
  }
  Memory mem;
  Heap heap;
};

TEST_F(MemoryTest, LayoutAndBoundsChecks) {
  EXPECT_EQ(mem.frame_begin(), 4096u);
  EXPECT_GE(mem.static_begin(), mem.frame_end());
  EXPECT_GE(mem.heap_begin(), mem.static_end());
  EXPECT_EQ(mem.heap_begin() % 4096, 0u);
  EXPECT_FALSE(mem.valid(0, 8));
  EXPECT_FALSE(mem.valid(4095, 1));
  EXPECT_TRUE(mem.valid(4096, 8));
  EXPECT_TRUE(mem.valid(mem.end() - 8, 8));
  EXPECT_FALSE(mem.valid(mem.end() - 7, 8));
  EXPECT_FALSE(mem.valid(~uint64_t{0} - 3, 8));  // wraps around
  EXPECT_EQ(Memory::fault(16), RtError::NilDeref);
  EXPECT_EQ(Memory::fault(mem.end()), RtError::BadAddress);
}

TEST_F(MemoryTest, HeapBlocksAreAlignedZeroedAndTracked) {
  uint64_t a = heap.alloc(24, true), b = heap.alloc(1, true), c = heap.alloc(5000, true);
  ASSERT_NE(a, 0u);
  ASSERT_NE(b, 0u);
  ASSERT_NE(c, 0u);
  EXPECT_EQ(a % 16, 0u);
  EXPECT_EQ(b % 16, 0u);
  EXPECT_EQ(c % 16, 0u);
  EXPECT_GE(heap.usable_size(a), 24u);
  EXPECT_GE(heap.usable_size(c), 5000u);
  EXPECT_TRUE(mem.valid(c, 5000));
  EXPECT_EQ(heap.live_blocks(), 3u);
  std::memset(mem.at(a), 0xff, 24);
  EXPECT_TRUE(heap.free(a));
  EXPECT_FALSE(heap.free(a)) << "double free is detected";
  EXPECT_FALSE(heap.free(c + 16)) << "an interior pointer is not a block";
  EXPECT_FALSE(heap.free(b + 8)) << "nor a misaligned one";
  EXPECT_FALSE(heap.free(mem.static_begin()));
  EXPECT_FALSE(heap.free(0));
  uint64_t a2 = heap.alloc(20, true);  // same class: recycled, and zeroed again
  EXPECT_EQ(a2, a);
  for (int i = 0; i < 20; i++) EXPECT_EQ(mem.at(a2)[i], 0);
  EXPECT_EQ(heap.live_blocks(), 3u);
}

TEST_F(MemoryTest, ScribbledHeaderCannotCorruptTheAllocator) {
  uint64_t a = heap.alloc(32, true);
  mem.store<uint64_t>(a - 8, 12345);  // the program overwrites the header
  EXPECT_FALSE(heap.free(a));
  mem.store<uint64_t>(a - 8, ~uint64_t{0} - 15);
  EXPECT_FALSE(heap.free(a));
  EXPECT_LE(heap.usable_size(a), mem.end() - a);
}

TEST_F(MemoryTest, HeapReportsExhaustionAsAValue) {
  EXPECT_EQ(heap.alloc(64ull << 20, false), 0u);
  std::set<uint64_t> blocks;
  uint64_t p;
  while ((p = heap.alloc(100000, false)) != 0) blocks.insert(p);
  EXPECT_GT(blocks.size(), 50u);
  EXPECT_EQ(heap.live_blocks(), blocks.size());
  for (uint64_t b : blocks) EXPECT_TRUE(heap.free(b));
  EXPECT_NE(heap.alloc(100000, false), 0u) << "freed blocks are reused";
}

TEST_F(MemoryTest, StringsConcatInPlaceWhenUnique) {
  bool ok;
  uint64_t s = str::make(mem, heap, "ab", 2, &ok);
  ASSERT_TRUE(ok);
  uint64_t x = str::make(mem, heap, "x", 1, &ok);
  RtError err;
  // Building s := s + 'x' repeatedly: amortized growth, few distinct objects.
  std::set<uint64_t> objects;
  for (int i = 0; i < 1000; i++) {
    uint64_t out;
    ASSERT_TRUE(str::concat(mem, heap, s, x, true, &out, &err));
    str::release(mem, heap, s);
    s = out;
    objects.insert(s);
  }
  EXPECT_LT(objects.size(), 40u);
  str::View v;
  ASSERT_TRUE(str::view(mem, s, &v));
  EXPECT_EQ(v.len, 1002);
  EXPECT_EQ(std::string(v.p, 2), "ab");
  EXPECT_EQ(v.p[1001], 'x');
  EXPECT_EQ(v.p[1002], '\0');
  str::release(mem, heap, s);
  str::release(mem, heap, x);
  EXPECT_EQ(heap.live_blocks(), 0u);
}

TEST_F(MemoryTest, SharedStringIsNotAppendedInPlace) {
  bool ok;
  uint64_t s = str::make(mem, heap, "abc", 3, &ok);
  str::retain(mem, s);  // a second holder
  uint64_t out;
  RtError err;
  ASSERT_TRUE(str::concat(mem, heap, s, s, true, &out, &err));
  EXPECT_NE(out, s);
  str::View v;
  ASSERT_TRUE(str::view(mem, s, &v));
  EXPECT_EQ(std::string(v.p, v.len), "abc");
  ASSERT_TRUE(str::view(mem, out, &v));
  EXPECT_EQ(std::string(v.p, v.len), "abcabc");
  EXPECT_EQ(str::refcount(mem, s), 2);
}

TEST_F(MemoryTest, CorruptLengthIsRejected) {
  bool ok;
  uint64_t s = str::make(mem, heap, "abc", 3, &ok);
  mem.store<int64_t>(s + 8, int64_t{1} << 40);
  str::View v;
  EXPECT_FALSE(str::view(mem, s, &v));
  mem.store<int64_t>(s + 8, -1);
  EXPECT_FALSE(str::view(mem, s, &v));
  EXPECT_FALSE(str::valid_ref(mem, 8));
  EXPECT_FALSE(str::valid_ref(mem, mem.end() - 4));
  EXPECT_TRUE(str::valid_ref(mem, 0));
}

TEST_F(MemoryTest, CompareIsBytewiseThenByLength) {
  bool ok;
  uint64_t a = str::make(mem, heap, "abc", 3, &ok), b = str::make(mem, heap, "abd", 3, &ok),
           c = str::make(mem, heap, "ab", 2, &ok), hi = str::make(mem, heap, "\xe9", 1, &ok);
  int64_t r;
  ASSERT_TRUE(str::compare(mem, a, b, &r));
  EXPECT_EQ(r, -1);
  ASSERT_TRUE(str::compare(mem, a, c, &r));
  EXPECT_EQ(r, 1);
  ASSERT_TRUE(str::compare(mem, 0, c, &r));
  EXPECT_EQ(r, -1);
  ASSERT_TRUE(str::compare(mem, a, a, &r));
  EXPECT_EQ(r, 0);
  ASSERT_TRUE(str::compare(mem, hi, a, &r));
  EXPECT_EQ(r, 1) << "chars compare unsigned";
}

TEST(HeapLimits, AHeapWithoutRoomAllocatesNothing) {
  Memory mem;
  Heap heap;
  std::string error;
  ASSERT_TRUE(mem.reserve(64 * 1024, 4096, 0, &error)) << error;
  heap.init(&mem);
  EXPECT_EQ(heap.alloc(1, true), 0u) << "no room for even one block: NULL, not a block past the limit";
  EXPECT_EQ(heap.alloc(0, false), 0u);
}

// Memory starts below 2 GiB where there is room (machine code then folds its
// base into displacements), also when it is larger than that: only the base
// has to fit a displacement.
TEST(MemoryPlacement, BaseBelowTwoGibWhereThereIsRoom) {
  std::string error;
  Memory small;
  ASSERT_TRUE(small.reserve(64 * 1024, 4096, 1 << 20, &error)) << error;
  EXPECT_TRUE(small.low_base()) << "nothing else lies at every place tried in this process";
  small.store<uint64_t>(small.heap_begin(), 42);
  EXPECT_EQ(small.load<uint64_t>(small.heap_begin()), 42u);
  Memory big;
  ASSERT_TRUE(big.reserve(64 * 1024, 4096, uint64_t{3} << 30, &error)) << error;
  EXPECT_TRUE(big.grow_to(big.heap_limit()));
  big.store<uint64_t>(big.heap_limit() - 8, 7);
  EXPECT_EQ(big.load<uint64_t>(big.heap_limit() - 8), 7u);
}

// The brk heap keeps room to grow: memory never starts just above it.
TEST(MemoryPlacement, LeavesTheHeapRoomToGrow) {
  std::string error;
  Memory mem;
  uintptr_t heap_end = reinterpret_cast<uintptr_t>(sbrk(0));
  ASSERT_TRUE(mem.reserve(64 * 1024, 4096, 1 << 20, &error)) << error;
  uintptr_t base = reinterpret_cast<uintptr_t>(mem.base());
  EXPECT_TRUE(base + mem.heap_limit() <= heap_end || base >= heap_end + (uintptr_t{1} << 28))
      << std::hex << "base 0x" << base << ", heap end 0x" << heap_end;
}

}  // namespace
}  // namespace dvm
