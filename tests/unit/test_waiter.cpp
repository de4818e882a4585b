// The Waiter's idle source (vm/io.h): the file a remote runtime reads on the
// interpreter thread is polled in idle waits only, what it delivers runs
// before the wait returns, and what it wakes needs no signal of its own;
// within a busy-poll window it is polled without sleeping.
#include <gtest/gtest.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "vm/io.h"

namespace dvm {
namespace {

// A pipe standing for the NATS socket: ready() reads a byte and, like a
// served call arriving, asks for the idle hook.
struct PipeSource {
  int fds[2] = {-1, -1};
  Waiter* waiter = nullptr;
  std::string got;
  int waits = 0;             // times the waiting thread blocked polling it
  bool woken_inside = false;  // Waiter::in_idle_source() inside ready()

  PipeSource() { EXPECT_EQ(pipe(fds), 0); }
  ~PipeSource() {
    close(fds[0]);
    close(fds[1]);
  }
  Waiter::IdleSource source() {
    Waiter::IdleSource s;
    s.fd = [](void* c) { return static_cast<PipeSource*>(c)->fds[0]; };
    s.ready = [](void* c) {
      auto* p = static_cast<PipeSource*>(c);
      char ch;
      if (read(p->fds[0], &ch, 1) == 1) p->got += ch;
      p->woken_inside = Waiter::in_idle_source();
      p->waiter->wake_idle();
    };
    s.waiting = [](void* c, bool w) {
      if (w) static_cast<PipeSource*>(c)->waits++;
    };
    s.ctx = this;
    return s;
  }
  void send(char c) { ASSERT_EQ(write(fds[1], &c, 1), 1); }
};

struct Hooked {
  int idle_runs = 0;
  static void idle(void* self) { static_cast<Hooked*>(self)->idle_runs++; }
};

int64_t in_ms(int ms) { return monotonic_ns() + static_cast<int64_t>(ms) * 1000000; }

// A waiter whose idle source is a pipe.
class WaiterWithPipe : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(waiter.init());
    src.waiter = &waiter;
    waiter.set_idle_source(src.source());
  }
  Waiter waiter;
  PipeSource src;
};
using WaiterIdleSource = WaiterWithPipe;
using WaiterBusyPoll = WaiterWithPipe;

TEST_F(WaiterIdleSource, IdleWaitsReadItAndRunTheIdleHookAtOnce) {
  Hooked hooked;
  waiter.set_idle_hook(&Hooked::idle, &hooked);
  src.send('a');
  EXPECT_EQ(waiter.wait(-1, 0, in_ms(5000), true), WaitResult::Woken);
  EXPECT_EQ(src.got, "a");
  EXPECT_TRUE(src.woken_inside);
  EXPECT_FALSE(Waiter::in_idle_source());
  EXPECT_EQ(hooked.idle_runs, 1);
  EXPECT_EQ(src.waits, 1);
  // Nothing is left to run.
  EXPECT_EQ(waiter.wait(-1, 0, in_ms(50), true), WaitResult::Timeout);
  EXPECT_EQ(hooked.idle_runs, 1);
}

TEST_F(WaiterIdleSource, WaitsThatAreNotIdleLeaveItAlone) {
  src.send('b');
  // Waiting for output to drain is not idle: nothing else may run there.
  EXPECT_EQ(waiter.wait(-1, 0, in_ms(50), false), WaitResult::Timeout);
  EXPECT_EQ(src.got, "");
  EXPECT_EQ(src.waits, 0);
  EXPECT_EQ(waiter.wait(-1, 0, in_ms(5000), true), WaitResult::Woken);
  EXPECT_EQ(src.got, "b");
}

// The source's file changes under a wait in progress (a reconnection):
// repoll() makes the wait poll the new one.
TEST_F(WaiterIdleSource, RepollMakesAWaitInProgressTakeTheNewFile) {
  static std::atomic<int> current{-1};  // no file yet: between sockets
  current = -1;
  Waiter::IdleSource s = src.source();
  s.fd = [](void*) { return current.load(); };
  waiter.set_idle_source(s);
  std::thread other([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    current = src.fds[0];
    src.send('c');
    waiter.repoll();
  });
  // Without the repoll the wait would sleep on to its deadline.
  WaitResult r = waiter.wait(-1, 0, in_ms(20000), true);
  other.join();
  EXPECT_EQ(r, WaitResult::Woken);
  EXPECT_EQ(src.got, "c");
}

// After a served call the node keeps polling its source without sleeping
// for a while (busy_poll_until), then sleeps as before.
TEST_F(WaiterBusyPoll, IdleWaitsPollAwakeUntilTheWindowEndsThenSleep) {
  waiter.busy_poll_until(in_ms(30));
  EXPECT_EQ(waiter.wait(-1, 0, in_ms(60), true), WaitResult::Timeout);
  uint64_t polls = waiter.busy_polls();
  EXPECT_GT(polls, 1u);  // polled again and again, not once and asleep
  // The window has passed: the next wait sleeps in poll().
  EXPECT_EQ(waiter.wait(-1, 0, in_ms(20), true), WaitResult::Timeout);
  EXPECT_EQ(waiter.busy_polls(), polls);
}

TEST_F(WaiterBusyPoll, WhatArrivesInTheWindowIsReadAndTheDeadlineStillHolds) {
  Hooked hooked;
  waiter.set_idle_hook(&Hooked::idle, &hooked);
  waiter.busy_poll_until(in_ms(60000));
  std::thread other([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    src.send('d');
  });
  EXPECT_EQ(waiter.wait(-1, 0, in_ms(20000), true), WaitResult::Woken);
  other.join();
  EXPECT_EQ(src.got, "d");
  EXPECT_EQ(hooked.idle_runs, 1);
  EXPECT_GT(waiter.busy_polls(), 0u);
  // A deadline inside the window ends the wait, not the window's end.
  int64_t start = monotonic_ns();
  EXPECT_EQ(waiter.wait(-1, 0, in_ms(20), true), WaitResult::Timeout);
  EXPECT_LT(monotonic_ns() - start, int64_t{30} * 1000000000);
}

TEST_F(WaiterBusyPoll, WaitsThatAreNotIdleStillSleep) {
  waiter.busy_poll_until(in_ms(60000));
  EXPECT_EQ(waiter.wait(-1, 0, in_ms(20), false), WaitResult::Timeout);
  EXPECT_EQ(waiter.busy_polls(), 0u);
}

}  // namespace
}  // namespace dvm
