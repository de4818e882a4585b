#include "driver/signals.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>

namespace dvm::signals {

namespace {

// A fixed buffer: the handler may only make async-signal-safe calls.
char g_socket_path[256];
std::atomic<bool> g_has_farewell{false};
int g_pipe[2] = {-1, -1};  // handler -> farewell thread: the signal
std::mutex g_mu;           // held while a farewell is set, cleared or run
std::function<void(int)> g_farewell;

void remove_socket_and_die(int sig) {
  if (g_socket_path[0]) unlink(g_socket_path);
  raise(sig);  // SA_RESETHAND restored the default action
}

void on_signal(int sig) {
  unsigned char s = static_cast<unsigned char>(sig);
  if (g_has_farewell.load() && write(g_pipe[1], &s, 1) == 1) return;
  remove_socket_and_die(sig);
}

void farewell_thread() {
  unsigned char sig;
  for (;;) {
    ssize_t n = read(g_pipe[0], &sig, 1);
    if (n == 1) break;
    if (n < 0 && errno == EINTR) continue;
    return;
  }
  std::lock_guard<std::mutex> lock(g_mu);
  if (g_farewell) g_farewell(sig);
  remove_socket_and_die(sig);
}

void install_handlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction old;
      if (sigaction(sig, nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue;
      struct sigaction sa;
      std::memset(&sa, 0, sizeof sa);
      sa.sa_handler = on_signal;
      sa.sa_flags = SA_RESETHAND;
      sigemptyset(&sa.sa_mask);
      sigaction(sig, &sa, nullptr);
    }
  });
}

}  // namespace

void remove_socket_on_exit(const std::string& path) {
  if (path.size() >= sizeof g_socket_path) return;
  std::memcpy(g_socket_path, path.c_str(), path.size() + 1);
  install_handlers();
}

void farewell_on_exit(std::function<void(int sig)> farewell) {
  std::lock_guard<std::mutex> lock(g_mu);
  if (farewell && g_pipe[0] < 0) {
    if (pipe2(g_pipe, O_CLOEXEC) != 0) return;
    std::thread(farewell_thread).detach();
  }
  g_farewell = std::move(farewell);
  g_has_farewell = static_cast<bool>(g_farewell);
  if (g_farewell) install_handlers();
}

}  // namespace dvm::signals
