#include "vm/nats_client.h"

#include <nats/nats.h>

#include "vm/dynamic_library.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <mutex>
#include <thread>

namespace dvm::nats {

namespace {

// libnats, loaded when the first connection is made (vm/dynamic_library.h).
#define DVM_NATS_FUNCTIONS(X) \
  X(natsConnection_Close)\
  X(natsConnection_Connect)\
  X(natsConnection_Destroy)\
  X(natsConnection_ProcessReadEvent)\
  X(natsConnection_ProcessWriteEvent)\
  X(natsConnection_Publish)\
  X(natsConnection_PublishRequest)\
  X(natsConnection_QueueSubscribe)\
  X(natsConnection_QueueSubscribeSync)\
  X(natsConnection_Status)\
  X(natsConnection_Subscribe)\
  X(natsConnection_SubscribeSync)\
  X(natsMsg_Destroy)\
  X(natsMsg_GetData)\
  X(natsMsg_GetDataLength)\
  X(natsMsg_GetReply)\
  X(natsMsg_GetSubject)\
  X(natsMsg_IsNoResponders)\
  X(natsOptions_Create)\
  X(natsOptions_Destroy)\
  X(natsOptions_SetClosedCB)\
  X(natsOptions_SetDisconnectedCB)\
  X(natsOptions_SetEventLoop)\
  X(natsOptions_SetMaxPingsOut)\
  X(natsOptions_SetMaxReconnect)\
  X(natsOptions_SetName)\
  X(natsOptions_SetPingInterval)\
  X(natsOptions_SetReconnectJitter)\
  X(natsOptions_SetReconnectWait)\
  X(natsOptions_SetReconnectedCB)\
  X(natsOptions_SetSendAsap)\
  X(natsOptions_SetTimeout)\
  X(natsOptions_SetURL)\
  X(natsStatus_GetText)\
  X(natsSubscription_Destroy)\
  X(natsSubscription_GetPending)\
  X(natsSubscription_NextMsg)\
  X(natsSubscription_SetPendingLimits)\
  X(natsSubscription_Unsubscribe)\
  X(nats_GetLastError)

struct NatsApi {
#define X(f) decltype(&::f) f = nullptr;
  DVM_NATS_FUNCTIONS(X)
#undef X
};
NatsApi nats_api;
std::once_flag nats_once;
std::string nats_failure;

bool load_nats(std::string* error) {
  return load_library_api(nats_once, nats_api, nats_failure, {"libnats.so.3.4", "libnats.so.3", "libnats.so"},
                          [](void* h, std::string* failure) {
#define X(f) bind_symbol(h, #f, &nats_api.f, failure);
                            DVM_NATS_FUNCTIONS(X)
#undef X
                          },
                          error);
}
const NatsApi& api() { return nats_api; }

// What a subscription's callback reaches.  Kept until the connection goes
// away, since libnats may still be delivering a message when we unsubscribe:
// a late delivery finds `active` false and drops the message.
struct Closure {
  Handler handler;
  std::atomic<bool> active{true};
};

std::string status_text(natsStatus s) {
  const char* last = api().nats_GetLastError(nullptr);
  std::string text = api().natsStatus_GetText(s);
  if (last && *last && text.find(last) == std::string::npos) text += " (" + std::string(last) + ")";
  return text;
}

Message message_of(natsMsg* msg) {
  Message m;
  m.subject = api().natsMsg_GetSubject(msg) ? api().natsMsg_GetSubject(msg) : "";
  m.reply = api().natsMsg_GetReply(msg) ? api().natsMsg_GetReply(msg) : "";
  const char* data = api().natsMsg_GetData(msg);
  int len = api().natsMsg_GetDataLength(msg);
  if (data && len > 0) m.data.assign(data, data + len);
  m.no_responders = api().natsMsg_IsNoResponders(msg);
  return m;
}

void deliver(natsConnection*, natsSubscription*, natsMsg* msg, void* closure) {
  auto* c = static_cast<Closure*>(closure);
  if (c->active.load()) c->handler(message_of(msg));
  api().natsMsg_Destroy(msg);
}

// A synchronous subscription of a Reading::Owner connection, drained by
// whichever thread read the socket.
struct PolledSub {
  natsSubscription* sub = nullptr;
  std::string subject;
  Handler handler;
};

// Set while a thread is inside a call into libnats that may queue output
// and will write it itself afterwards (Impl::flush): the helper thread
// need not be woken for it.
thread_local bool writes_here = false;

struct WritesHere {
  bool saved = writes_here;
  WritesHere() { writes_here = true; }
  ~WritesHere() { writes_here = saved; }
};

}  // namespace

struct Connection::Impl {
  natsConnection* nc = nullptr;
  std::mutex mu;
  std::deque<std::unique_ptr<Closure>> closures;

  // ---- Reading::Owner
  Reading reading = Reading::ClientThreads;
  std::function<void()> socket_changed;
  std::atomic<int> fd{-1};
  std::atomic<bool> read_on{false};        // libnats wants the socket read
  std::atomic<bool> write_pending{false};  // libnats has output queued
  std::atomic<bool> owner_waiting{false};
  std::atomic<bool> stop{false};
  // One thread at a time inside libnats's ProcessRead/WriteEvent (they share
  // the connection's read buffer and parser); also guards `polled`.
  std::mutex io_mu;
  // One thread at a time runs handlers, so messages keep their order.
  std::mutex deliver_mu;
  std::vector<PolledSub*> polled;
  int wake_fd = -1;
  std::thread helper;

  void wake_helper() {
    uint64_t one = 1;
    if (wake_fd >= 0) (void)!::write(wake_fd, &one, sizeof one);
  }
  void changed() {
    wake_helper();
    if (socket_changed) socket_changed();
  }
  // Writes what libnats has queued, as far as the socket takes it now.
  void write_locked() {
    WritesHere here;
    if (write_pending.load()) api().natsConnection_ProcessWriteEvent(nc);
  }
  void flush() {
    if (!write_pending.load()) return;
    {
      std::lock_guard<std::mutex> lock(io_mu);
      write_locked();
    }
    if (write_pending.load()) wake_helper();  // the socket is full: the helper waits until it takes more
  }
  void read_once() {
    {
      std::lock_guard<std::mutex> lock(io_mu);
      WritesHere here;
      api().natsConnection_ProcessReadEvent(nc);
      write_locked();  // a PONG, say
    }
    if (write_pending.load()) wake_helper();
    deliver_all();
  }
  void deliver_all();
  void help();

  // Messages handled, destroyed in batches (under deliver_mu): libnats hands
  // every destroyed message to its collector thread and wakes that thread
  // if it sleeps, a wake-up per message otherwise.
  static constexpr size_t kSpentBatch = 64;
  std::vector<natsMsg*> spent;
  void destroy_spent() {
    for (natsMsg* m : spent) api().natsMsg_Destroy(m);
    spent.clear();
  }
};

struct Subscription::Impl {
  natsSubscription* sub = nullptr;
  Closure* closure = nullptr;
  Connection::Impl* owner = nullptr;  // Reading::Owner
  std::unique_ptr<PolledSub> polled;
  bool send_now = true;
};

// Runs the handlers of every message read so far.
void Connection::Impl::deliver_all() {
  std::lock_guard<std::mutex> order(deliver_mu);
  for (;;) {
    natsMsg* msg = nullptr;
    PolledSub* from = nullptr;
    bool no_responders = false;
    {
      std::lock_guard<std::mutex> lock(io_mu);
      for (PolledSub* p : polled) {
        // An empty NextMsg costs libnats a formatted error text: ask first.
        int pending = 0, bytes = 0;
        if (api().natsSubscription_GetPending(p->sub, &pending, &bytes) == NATS_OK && pending == 0) continue;
        natsStatus s = api().natsSubscription_NextMsg(&msg, p->sub, 0);
        if (s == NATS_SLOW_CONSUMER) s = api().natsSubscription_NextMsg(&msg, p->sub, 0);
        // libnats drops the message that says nobody subscribes to a
        // request's subject and says so instead: the subscription names it.
        if (s == NATS_OK || s == NATS_NO_RESPONDERS) {
          from = p;
          no_responders = s == NATS_NO_RESPONDERS;
          break;
        }
      }
    }
    if (!from) return;
    Message m;
    if (msg) {
      m = message_of(msg);
      spent.push_back(msg);
      if (spent.size() >= kSpentBatch) destroy_spent();
    } else {
      m.subject = from->subject;
      m.no_responders = no_responders;
    }
    from->handler(std::move(m));
  }
}

// The helper thread of a Reading::Owner connection: writes what the socket
// could not take at once and what libnats's own threads queue (pings,
// subscriptions sent again after a reconnect), and reads while the owner
// does not wait, so that pings are answered and the server's buffers do not
// fill while the owner computes.
void Connection::Impl::help() {
  constexpr int kBusyTickMs = 100, kWaitingTickMs = 1000;
  while (!stop.load()) {
    int f = fd.load();
    pollfd fds[2] = {{wake_fd, POLLIN, 0}, {write_pending.load() && f >= 0 ? f : -1, POLLOUT, 0}};
    int n = poll(fds, 2, owner_waiting.load() ? kWaitingTickMs : kBusyTickMs);
    if (n > 0 && (fds[0].revents & POLLIN)) {
      uint64_t count;
      (void)!::read(wake_fd, &count, sizeof count);
    }
    if (stop.load()) break;
    if (write_pending.load()) {
      // Not flush(): with the socket full it would wake this thread at once,
      // again and again; the next poll waits until the socket takes more.
      std::lock_guard<std::mutex> lock(io_mu);
      write_locked();
    }
    if (deliver_mu.try_lock()) {
      destroy_spent();
      deliver_mu.unlock();
    }
    // A bounded number of reads: one that makes no progress (the connection
    // is between sockets) must not spin.
    for (int i = 0; i < 64 && !owner_waiting.load() && read_on.load(); i++) {
      pollfd in = {fd.load(), POLLIN, 0};
      if (in.fd < 0 || poll(&in, 1, 0) <= 0) break;
      read_once();
    }
  }
}

// libnats's event-loop callbacks (Reading::Owner).  They run with the
// connection's lock held, on any thread: they only record and wake.
struct Polled {
  static natsStatus attach(void** user, void* loop, natsConnection*, natsSock socket) {
    auto* im = static_cast<Connection::Impl*>(loop);
    *user = im;
    im->fd = static_cast<int>(socket);
    im->read_on = true;
    im->changed();
    return NATS_OK;
  }
  static natsStatus read(void* user, bool add) {
    auto* im = static_cast<Connection::Impl*>(user);
    im->read_on = add;
    im->changed();
    return NATS_OK;
  }
  static natsStatus write(void* user, bool add) {
    auto* im = static_cast<Connection::Impl*>(user);
    im->write_pending = add;
    if (add && !writes_here) im->wake_helper();
    return NATS_OK;
  }
  static natsStatus detach(void* user) {
    auto* im = static_cast<Connection::Impl*>(user);
    im->read_on = false;
    im->fd = -1;
    im->changed();
    return NATS_OK;
  }
};

struct ConnectionCallbacks {
  static void disconnected(natsConnection*, void* closure) {
    auto* c = static_cast<Connection*>(closure);
    c->disconnects_++;
    if (!c->closing_.load() && c->events_.disconnected) c->events_.disconnected();
  }
  static void reconnected(natsConnection*, void* closure) {
    auto* c = static_cast<Connection*>(closure);
    if (!c->closing_.load() && c->events_.reconnected) c->events_.reconnected();
  }
  static void closed(natsConnection*, void* closure) {
    auto* c = static_cast<Connection*>(closure);
    std::lock_guard<std::mutex> lock(c->closed_mu_);
    c->closed_ = true;
    c->closed_cv_.notify_all();
  }
};

Connection::~Connection() {
  if (!impl_) return;
  if (impl_->nc) {
    closing_ = true;
    api().natsConnection_Close(impl_->nc);
    std::unique_lock<std::mutex> lock(closed_mu_);
    closed_cv_.wait_for(lock, std::chrono::seconds(2), [this] { return closed_; });
  }
  if (impl_->helper.joinable()) {
    impl_->stop = true;
    impl_->wake_helper();
    impl_->helper.join();
  }
  impl_->destroy_spent();
  if (impl_->nc) api().natsConnection_Destroy(impl_->nc);
  if (impl_->wake_fd >= 0) close(impl_->wake_fd);
}

std::unique_ptr<Connection> Connection::connect(const std::string& urls, const std::string& name, Events events,
                                                std::string* error, Reading reading) {
  if (!load_nats(error)) return nullptr;
  std::unique_ptr<Connection> c(new Connection());
  c->impl_ = std::make_unique<Impl>();
  c->impl_->reading = reading;
  c->impl_->socket_changed = events.socket_changed;
  c->events_ = std::move(events);
  if (reading == Reading::Owner) {
    c->impl_->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (c->impl_->wake_fd < 0) {
      *error = "cannot connect to NATS: cannot create an eventfd";
      return nullptr;
    }
  }
  natsOptions* opts = nullptr;
  natsStatus s = api().natsOptions_Create(&opts);
  if (s == NATS_OK) s = api().natsOptions_SetURL(opts, urls.c_str());
  if (s == NATS_OK) s = api().natsOptions_SetName(opts, name.c_str());
  if (s == NATS_OK) s = api().natsOptions_SetTimeout(opts, 2000);  // connecting
  // Reconnect forever, quickly: a restarted server is found again within a
  // fraction of a second, and calls wait meanwhile (bounded by their timeout).
  if (s == NATS_OK) s = api().natsOptions_SetMaxReconnect(opts, -1);
  if (s == NATS_OK) s = api().natsOptions_SetReconnectWait(opts, 100);
  if (s == NATS_OK) s = api().natsOptions_SetReconnectJitter(opts, 50, 50);
  // A broken link is noticed within a few seconds even when no call is made.
  if (s == NATS_OK) s = api().natsOptions_SetPingInterval(opts, 2000);
  if (s == NATS_OK) s = api().natsOptions_SetMaxPingsOut(opts, 2);
  // Every call is a single small message waited for at once: send it now
  // rather than on the flusher thread's next round.
  if (s == NATS_OK) s = api().natsOptions_SetSendAsap(opts, true);
  if (s == NATS_OK) s = api().natsOptions_SetDisconnectedCB(opts, ConnectionCallbacks::disconnected, c.get());
  if (s == NATS_OK) s = api().natsOptions_SetReconnectedCB(opts, ConnectionCallbacks::reconnected, c.get());
  if (s == NATS_OK) s = api().natsOptions_SetClosedCB(opts, ConnectionCallbacks::closed, c.get());
  if (s == NATS_OK && reading == Reading::Owner)
    s = api().natsOptions_SetEventLoop(opts, c->impl_.get(), Polled::attach, Polled::read, Polled::write,
                                       Polled::detach);
  if (s == NATS_OK) s = api().natsConnection_Connect(&c->impl_->nc, opts);
  api().natsOptions_Destroy(opts);
  if (s != NATS_OK) {
    *error = "cannot connect to NATS at " + urls + ": " + status_text(s);
    return nullptr;
  }
  if (reading == Reading::Owner) {
    c->impl_->flush();  // the handshake's last words
    Impl* im = c->impl_.get();
    c->impl_->helper = std::thread([im] { im->help(); });
  }
  return c;
}

int Connection::poll_fd() const { return impl_->read_on.load() ? impl_->fd.load() : -1; }

void Connection::read_ready() { impl_->read_once(); }

void Connection::set_owner_waiting(bool waiting) { impl_->owner_waiting.store(waiting, std::memory_order_relaxed); }

bool Connection::connected() const { return api().natsConnection_Status(impl_->nc) == NATS_CONN_STATUS_CONNECTED; }

bool Connection::publish(const std::string& subject, const std::string& reply, const std::vector<uint8_t>& data,
                         std::string* error) {
  WritesHere here;
  natsStatus s = reply.empty()
                     ? api().natsConnection_Publish(impl_->nc, subject.c_str(), data.data(), static_cast<int>(data.size()))
                     : api().natsConnection_PublishRequest(impl_->nc, subject.c_str(), reply.c_str(), data.data(),
                                                     static_cast<int>(data.size()));
  impl_->flush();
  if (s != NATS_OK) {
    *error = status_text(s);
    return false;
  }
  return true;
}

std::unique_ptr<Subscription> Connection::subscribe(const std::string& subject, const std::string& queue_group,
                                                    Handler handler, std::string* error) {
  if (impl_->reading == Reading::Owner) return subscribe_polled(subject, queue_group, std::move(handler), true, error);
  Closure* closure;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->closures.push_back(std::make_unique<Closure>());
    closure = impl_->closures.back().get();
  }
  closure->handler = std::move(handler);
  std::unique_ptr<Subscription> sub(new Subscription());
  sub->impl_ = std::make_unique<Subscription::Impl>();
  sub->impl_->closure = closure;
  natsStatus s = queue_group.empty()
                     ? api().natsConnection_Subscribe(&sub->impl_->sub, impl_->nc, subject.c_str(), deliver, closure)
                     : api().natsConnection_QueueSubscribe(&sub->impl_->sub, impl_->nc, subject.c_str(),
                                                     queue_group.c_str(), deliver, closure);
  // Calls are queued by the callback at once; the client's own buffer need
  // not stop a burst (a slow consumer would drop messages silently).
  if (s == NATS_OK) s = api().natsSubscription_SetPendingLimits(sub->impl_->sub, 1 << 20, 1 << 30);
  if (s != NATS_OK) {
    closure->active = false;
    *error = "cannot subscribe to " + subject + ": " + status_text(s);
    return nullptr;
  }
  return sub;
}

std::unique_ptr<Subscription> Connection::subscribe_replies(const std::string& subject, Handler handler,
                                                            std::string* error) {
  return subscribe_polled(subject, "", std::move(handler), false, error);
}

std::unique_ptr<Subscription> Connection::subscribe_polled(const std::string& subject, const std::string& queue_group,
                                                           Handler handler, bool send_now, std::string* error) {
  auto polled = std::make_unique<PolledSub>();
  polled->subject = subject;
  polled->handler = std::move(handler);
  natsStatus s;
  {
    WritesHere here;
    s = queue_group.empty()
            ? api().natsConnection_SubscribeSync(&polled->sub, impl_->nc, subject.c_str())
            : api().natsConnection_QueueSubscribeSync(&polled->sub, impl_->nc, subject.c_str(), queue_group.c_str());
    if (s == NATS_OK) s = api().natsSubscription_SetPendingLimits(polled->sub, 1 << 20, 1 << 30);
  }
  if (send_now) impl_->flush();
  if (s != NATS_OK) {
    if (polled->sub) api().natsSubscription_Destroy(polled->sub);
    *error = "cannot subscribe to " + subject + ": " + status_text(s);
    return nullptr;
  }
  std::unique_ptr<Subscription> sub(new Subscription());
  sub->impl_ = std::make_unique<Subscription::Impl>();
  sub->impl_->sub = polled->sub;
  sub->impl_->owner = impl_.get();
  sub->impl_->send_now = send_now;
  {
    std::lock_guard<std::mutex> lock(impl_->io_mu);
    impl_->polled.push_back(polled.get());
  }
  sub->impl_->polled = std::move(polled);
  return sub;
}

Subscription::~Subscription() {
  if (!impl_) return;
  if (impl_->owner) {
    Connection::Impl* im = impl_->owner;
    std::lock_guard<std::mutex> order(im->deliver_mu);  // no handler of it runs now, nor later
    {
      std::lock_guard<std::mutex> lock(im->io_mu);
      im->polled.erase(std::remove(im->polled.begin(), im->polled.end(), impl_->polled.get()), im->polled.end());
    }
    {
      WritesHere here;
      api().natsSubscription_Unsubscribe(impl_->sub);
      api().natsSubscription_Destroy(impl_->sub);
    }
    if (impl_->send_now) im->flush();  // else with the next publish, or the helper's next round
    return;
  }
  impl_->closure->active = false;
  if (impl_->sub) {
    api().natsSubscription_Unsubscribe(impl_->sub);
    api().natsSubscription_Destroy(impl_->sub);
  }
}

}  // namespace dvm::nats
