// A thin C++ face on the NATS C client (libnats): one connection that
// reconnects by itself, publishes, and delivers subscribed messages to
// callbacks on the client's own threads.  NATS carries remote calls
// (vm/remote.h); this file is the only one that includes <nats/nats.h>.
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
};

class Subscription;

class Connection {
 public:
  ~Connection();
  // Connects to `urls` (comma-separated nats://host:port); fails at once when
  // no server answers.  Once connected, it reconnects forever.
  static std::unique_ptr<Connection> connect(const std::string& urls, const std::string& name, Events events,
                                             std::string* error);

  bool connected() const;
  // How many times the connection has been lost so far.
  uint64_t disconnects() const { return disconnects_.load(); }

  bool publish(const std::string& subject, const std::string& reply, const std::vector<uint8_t>& data,
               std::string* error);
  // Subscribes (queue group "" for none); messages reach `handler` on a client thread.
  std::unique_ptr<Subscription> subscribe(const std::string& subject, const std::string& queue_group,
                                          Handler handler, std::string* error);

 private:
  Connection() = default;
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
  ~Subscription();  // unsubscribes
 private:
  friend class Connection;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dvm::nats
