// The program's standard input and output, and the one place that blocks.
//
// Every blocking wait (reading input, a full output pipe, sleep) goes through
// Waiter::wait, which polls the file plus an eventfd plus a deadline, so that a
// pending update can wake a blocked program and commit there.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace dvm {

int64_t monotonic_ns();

enum class WaitResult { Ready, Timeout, Woken };

class Waiter {
 public:
  Waiter() = default;
  Waiter(const Waiter&) = delete;
  Waiter& operator=(const Waiter&) = delete;
  ~Waiter();

  bool init();
  // Called on the interpreter thread whenever a wait is woken (the safe point
  // where a pending update will commit).
  void set_wake_hook(void (*hook)(void*), void* ctx) {
    hook_ = hook;
    hook_ctx_ = ctx;
  }
  // Called on the interpreter thread in an idle wait (reading input,
  // sleeping, waiting for a remote call) when wake_idle() was called: where
  // calls from other programs are served (vm/remote.h).
  void set_idle_hook(void (*hook)(void*), void* ctx) {
    idle_hook_ = hook;
    idle_ctx_ = ctx;
  }
  // A source of input the interpreter thread reads itself in idle waits
  // (the NATS connection of vm/remote.h): its fd is polled with the wait's own.
  struct IdleSource {
    int (*fd)(void* ctx) = nullptr;              // what to poll now (-1: nothing)
    void (*ready)(void* ctx) = nullptr;          // fd is readable: read and handle what came
    void (*waiting)(void* ctx, bool) = nullptr;  // the thread is (not) blocked polling fd
    void* ctx = nullptr;
  };
  void set_idle_source(const IdleSource& source) { source_ = source; }
  // Makes a wait in progress poll again (the idle source's fd changed);
  // callable from any thread.
  void repoll();
  // True on the interpreter thread while its wait runs the idle source's
  // `ready`: what that wakes runs before the wait returns, unsignalled.
  static bool in_idle_source();
  // Wakes a wait in progress (or the next one); callable from any thread.
  void wake();
  // The program is ending (a served call ran halt): every idle wait, now and
  // from now on, returns Woken at once, and its caller gives up waiting.
  void request_stop() {
    stop_ = true;
    wake();
  }
  bool stop_requested() const { return stop_; }
  // Asks the next idle wait (or the one in progress) to run the idle hook.
  void wake_idle();
  // Until `until_ns` (monotonic), idle waits poll the idle source without
  // sleeping (yielding the CPU between polls), then sleep as usual.  A thread
  // asleep in poll() takes tens of microseconds to wake on a virtual machine;
  // a node that has just served a call polls busily so that the next call of
  // a burst finds it awake.  Interpreter thread only.
  void busy_poll_until(int64_t until_ns) { busy_until_ns_ = until_ns; }
  // How many non-sleeping polls the busy windows made (for tests).
  uint64_t busy_polls() const { return busy_polls_; }

  // Waits until fd is ready for `events` (fd < 0: never), the deadline passes
  // (monotonic ns; < 0: none), or a wake-up comes.  A wake-up runs the hook and
  // returns Woken; in an `idle` wait, so does a request for the idle hook (a
  // wait in the middle of writing output is not idle: the program must not run
  // other code there), and so does input read from the idle source.  Errors
  // on fd count as Ready: the following read or write reports them.
  WaitResult wait(int fd, short events, int64_t deadline_ns, bool idle = false);
  // Sleeps until the deadline, running the hooks on every wake-up meanwhile.
  void sleep_until(int64_t deadline_ns);

 private:
  // Runs what wake() and wake_idle() asked for; true when something ran.
  bool run_hooks(bool idle);

  int event_fd_ = -1;
  void (*hook_)(void*) = nullptr;
  void* hook_ctx_ = nullptr;
  void (*idle_hook_)(void*) = nullptr;
  void* idle_ctx_ = nullptr;
  IdleSource source_;
  std::atomic<bool> wake_pending_{false};
  std::atomic<bool> idle_pending_{false};
  bool stop_ = false;  // the interpreter thread's only
  int64_t busy_until_ns_ = 0;  // the interpreter thread's only
  uint64_t busy_polls_ = 0;
};

// Buffered standard output: line-buffered on a terminal, else block-buffered.
// A closed pipe (EPIPE) or any other write error marks it broken: the program
// then ends, quietly after EPIPE (as a program killed by SIGPIPE), else with
// a runtime error naming the cause (a full disk, a closed descriptor).
class Output {
 public:
  void init(int fd, Waiter* waiter);
  bool write(const char* p, size_t n);  // false once broken
  bool put(char c) { return write(&c, 1); }
  bool flush();
  bool broken() const { return broken_; }
  int error() const { return error_; }  // the errno that broke it (0: none)
  bool line_buffered() const { return line_; }
  size_t pending() const { return len_; }  // bytes written but not yet flushed

 private:
  static constexpr size_t kCapacity = 64 * 1024;
  bool write_all(const char* p, size_t n);

  int fd_ = 1;
  Waiter* waiter_ = nullptr;
  bool line_ = false;
  bool broken_ = false;
  int error_ = 0;
  std::unique_ptr<char[]> buf_;
  size_t len_ = 0;
};

// Buffered standard input.  Output is flushed before every read that may block.
class Input {
 public:
  void init(int fd, Waiter* waiter, Output* out);
  int peek() { return pos_ < len_ ? static_cast<unsigned char>(buf_[pos_]) : refill(); }  // -1: end of input
  int get() {
    int c = peek();
    if (c >= 0) pos_++;
    return c;
  }
  // Puts back the character the last get() returned (C's ungetc after a
  // read, as scanf needs); only valid right after a successful get().
  void unget() {
    if (pos_ > 0) pos_--;
  }
  // C's ungetc: `c` is the next character read, whatever was read before.
  // False when there is no room for it (input not read yet and a full buffer).
  bool push_back(unsigned char c);
  // C's feof: a read has met the end of input.
  bool at_eof() const { return eof_ && pos_ >= len_; }
  size_t buffered() const { return len_ - pos_; }  // bytes read from the file but not yet taken
  // Forgets what is buffered and the end of input (C's fseek on a file).
  void discard() {
    pos_ = len_ = 0;
    eof_ = false;
  }

 private:
  static constexpr size_t kCapacity = 64 * 1024;
  int refill();

  int fd_ = 0;
  Waiter* waiter_ = nullptr;
  Output* out_ = nullptr;
  bool eof_ = false;
  std::unique_ptr<char[]> buf_;
  size_t pos_ = 0, len_ = 0;
};

}  // namespace dvm
