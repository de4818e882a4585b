// A thin C++ face on the NATS C client (libnats): one connection that
// reconnects by itself, publishes, and delivers subscribed messages to
// handlers.  NATS carries remote calls (vm/remote.h); this file is the only
// one that includes <nats/nats.h>.
//
// Who reads the socket (Reading):
// - ClientThreads: libnats's reader thread, which hands every message to a
//   delivery thread of its subscription, which runs the handler.
// - Owner: the connection's owner polls the socket itself while it waits
//   (poll_fd, read_ready) and handlers run on its thread; a helper thread
//   reads only while the owner does not wait.  A message then wakes one
//   thread instead of three: NATS's share of a remote call's round trip is
//   about a third shorter (docs/BENCHMARKS.md).
#pragma once
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace dvm::nats {

struct Message {
  std::string subject;
  std::string reply;
  std::vector<uint8_t> data;
  bool no_responders = false;  // the server's answer to a request nobody subscribes to
};

using Handler = std::function<void(Message&&)>;

// What the connection tells about itself (from the client's threads).
struct Events {
  std::function<void()> disconnected;
  std::function<void()> reconnected;
  // Reading::Owner: poll_fd() changed (any thread); the owner's wait must
  // poll again.
  std::function<void()> socket_changed;
};

enum class Reading { ClientThreads, Owner };

class Subscription;

class Connection {
 public:
  ~Connection();
  // Connects to `urls` (comma-separated nats://host:port); fails at once when
  // no server answers.  Once connected, it reconnects forever.
  static std::unique_ptr<Connection> connect(const std::string& urls, const std::string& name, Events events,
                                             std::string* error, Reading reading = Reading::ClientThreads);

  bool connected() const;
  // How many times the connection has been lost so far.
  uint64_t disconnects() const { return disconnects_.load(); }

  bool publish(const std::string& subject, const std::string& reply, const std::vector<uint8_t>& data,
               std::string* error);
  // Subscribes (queue group "" for none); messages reach `handler` on a
  // client thread, or with Reading::Owner on whichever thread read them.  A
  // request nobody subscribes to is answered by one message with
  // no_responders set, whose subject is the subscription's.
  std::unique_ptr<Subscription> subscribe(const std::string& subject, const std::string& queue_group,
                                          Handler handler, std::string* error);

  // ---- Reading::Owner
  // A subscription to the replies of requests about to be published: it
  // reaches the server with the next request, in one write, and its end
  // (when destroyed) with the request after (or within a fraction of a second).
  std::unique_ptr<Subscription> subscribe_replies(const std::string& subject, Handler handler, std::string* error);
  // The socket to poll for input while the owner waits (-1: none now).
  int poll_fd() const;
  // Reads what has arrived and runs the handlers of its messages.
  void read_ready();
  // The owner is (true) or is no longer (false) blocked polling poll_fd():
  // the helper thread leaves the reading to it meanwhile.
  void set_owner_waiting(bool waiting);

 private:
  Connection() = default;
  std::unique_ptr<Subscription> subscribe_polled(const std::string& subject, const std::string& queue_group,
                                                 Handler handler, bool send_now, std::string* error);
  friend struct Polled;
  friend class Subscription;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<uint64_t> disconnects_{0};
  Events events_;
  // libnats calls the connection's callbacks on a thread of its own, also
  // after Close returns: the destructor waits for the last one (closed).
  std::atomic<bool> closing_{false};
  std::mutex closed_mu_;
  std::condition_variable closed_cv_;
  bool closed_ = false;
  friend struct ConnectionCallbacks;
};

class Subscription {
 public:
  ~Subscription();  // unsubscribes; with Reading::Owner not from its own handler
 private:
  friend class Connection;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dvm::nats
