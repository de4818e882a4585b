#include "vm/io.h"

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <cstring>

namespace dvm {

int64_t monotonic_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// ---- Waiter

namespace {
thread_local bool reading_idle_source = false;

// poll() without sleeping until something is ready or `until_ns` passes.
int poll_busily(pollfd* fds, nfds_t count, int64_t until_ns, uint64_t* polls) {
  for (;;) {
    int n = poll(fds, count, 0);
    ++*polls;
    if (n != 0 || monotonic_ns() >= until_ns) return n;
    sched_yield();  // a runnable thread on this CPU (the broker, say) goes first
  }
}
}  // namespace

bool Waiter::in_idle_source() { return reading_idle_source; }

Waiter::~Waiter() {
  if (event_fd_ >= 0) close(event_fd_);
}

bool Waiter::init() {
  event_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  return event_fd_ >= 0;
}

void Waiter::wake() {
  uint64_t one = 1;
  wake_pending_.store(true);
  if (event_fd_ >= 0) (void)!::write(event_fd_, &one, sizeof one);
}

void Waiter::repoll() {
  uint64_t one = 1;
  if (event_fd_ >= 0) (void)!::write(event_fd_, &one, sizeof one);
}

void Waiter::wake_idle() {
  uint64_t one = 1;
  idle_pending_.store(true);
  if (event_fd_ >= 0 && !reading_idle_source) (void)!::write(event_fd_, &one, sizeof one);
}

bool Waiter::run_hooks(bool idle) {
  bool ran = false;
  if (wake_pending_.exchange(false)) {
    if (hook_) hook_(hook_ctx_);
    ran = true;
  }
  // A request that finds a wait that is not idle stays pending for the next one.
  if (idle && idle_hook_ && idle_pending_.exchange(false)) {
    idle_hook_(idle_ctx_);
    ran = true;
  }
  return ran;
}

WaitResult Waiter::wait(int fd, short events, int64_t deadline_ns, bool idle) {
  // Calls that arrived while the program was busy are served as it goes idle.
  if (idle && idle_pending_.load() && run_hooks(true)) return WaitResult::Woken;
  for (;;) {
    if (idle && stop_) return WaitResult::Woken;
    int timeout_ms = -1;
    if (deadline_ns >= 0) {
      int64_t left = deadline_ns - monotonic_ns();
      if (left <= 0) return WaitResult::Timeout;
      int64_t ms = (left + 999999) / 1000000;  // round up: never return early
      timeout_ms = ms > 1000000000 ? 1000000000 : static_cast<int>(ms);
    }
    int source_fd = idle && source_.fd ? source_.fd(source_.ctx) : -1;
    pollfd fds[3] = {{fd, events, 0}, {event_fd_, POLLIN, 0}, {source_fd, POLLIN, 0}};
    if (source_fd >= 0) source_.waiting(source_.ctx, true);
    int n;
    if (source_fd >= 0 && busy_until_ns_ > monotonic_ns()) {
      int64_t until = deadline_ns >= 0 && deadline_ns < busy_until_ns_ ? deadline_ns : busy_until_ns_;
      n = poll_busily(fds, 3, until, &busy_polls_);
    } else {
      n = poll(fds, 3, timeout_ms);
    }
    if (source_fd >= 0) source_.waiting(source_.ctx, false);
    if (n == 0) continue;  // a timeout: the deadline is checked at the top
    if (n < 0) {
      if (errno == EINTR) continue;
      return WaitResult::Ready;  // let the caller's read/write report the problem
    }
    if (fds[2].revents) {
      // Run at once what arrived (a reply this wait is for, a call to serve).
      reading_idle_source = true;
      source_.ready(source_.ctx);
      reading_idle_source = false;
      if (fds[1].revents & POLLIN) {
        uint64_t count;
        (void)!::read(event_fd_, &count, sizeof count);
      }
      run_hooks(idle);
      return WaitResult::Woken;
    }
    if (fds[1].revents & POLLIN) {
      uint64_t count;
      (void)!::read(event_fd_, &count, sizeof count);
      if (run_hooks(idle) || (idle && stop_)) return WaitResult::Woken;
      continue;
    }
    if (fd >= 0 && fds[0].revents) return WaitResult::Ready;
  }
}

void Waiter::sleep_until(int64_t deadline_ns) {
  while (wait(-1, 0, deadline_ns, true) != WaitResult::Timeout && !stop_) {
  }
}

// ---- Output

void Output::init(int fd, Waiter* waiter) {
  fd_ = fd;
  waiter_ = waiter;
  line_ = isatty(fd) == 1;
  broken_ = false;
  buf_.reset(new char[kCapacity]);
  len_ = 0;
}

bool Output::write_all(const char* p, size_t n) {
  while (n > 0 && !broken_) {
    ssize_t k = ::write(fd_, p, n);
    if (k > 0) {
      p += k;
      n -= static_cast<size_t>(k);
    } else if (k < 0 && errno == EINTR) {
      continue;
    } else if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      waiter_->wait(fd_, POLLOUT, -1);
    } else {
      broken_ = true;  // EPIPE, or the file cannot take more: the output is gone
      error_ = k < 0 ? errno : ENOSPC;
    }
  }
  return !broken_;
}

bool Output::flush() {
  if (broken_) return false;
  size_t n = len_;
  len_ = 0;
  return write_all(buf_.get(), n);
}

bool Output::write(const char* p, size_t n) {
  if (broken_) return false;
  if (len_ + n > kCapacity) {
    if (!flush()) return false;
    if (n > kCapacity) return write_all(p, n);
  }
  std::memcpy(buf_.get() + len_, p, n);
  len_ += n;
  if (line_ && std::memchr(p, '\n', n)) return flush();
  return true;
}

// ---- Input

void Input::init(int fd, Waiter* waiter, Output* out) {
  fd_ = fd;
  waiter_ = waiter;
  out_ = out;
  eof_ = false;
  buf_.reset(new char[kCapacity]);
  pos_ = len_ = 0;
}

bool Input::push_back(unsigned char c) {
  if (!buf_) return false;
  if (pos_ == 0) {
    if (len_ >= kCapacity) return false;
    std::memmove(buf_.get() + 1, buf_.get(), len_);
    len_++;
  } else {
    pos_--;
  }
  buf_[pos_] = static_cast<char>(c);
  return true;
}

int Input::refill() {
  if (eof_) return -1;
  out_->flush();  // the program may be about to wait for its user
  for (;;) {
    if (waiter_->wait(fd_, POLLIN, -1, true) == WaitResult::Woken) {
      if (waiter_->stop_requested()) return -1;  // the program ends: its builtin returns, then it stops
      // A call served meanwhile may itself have read input into the buffer.
      if (pos_ < len_) return static_cast<unsigned char>(buf_[pos_]);
      if (eof_) return -1;
      continue;
    }
    ssize_t k = ::read(fd_, buf_.get(), kCapacity);
    if (k > 0) {
      pos_ = 0;
      len_ = static_cast<size_t>(k);
      return static_cast<unsigned char>(buf_[0]);
    }
    if (k < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) continue;
    eof_ = true;  // end of file, or an error that ends input all the same
    return -1;
  }
}

}  // namespace dvm
