#include "vm/nats_client.h"

#include <nats/nats.h>

#include <chrono>
#include <deque>
#include <mutex>

namespace dvm::nats {

namespace {

// What a subscription's callback reaches.  Kept until the connection goes
// away, since libnats may still be delivering a message when we unsubscribe:
// a late delivery finds `active` false and drops the message.
struct Closure {
  Handler handler;
  std::atomic<bool> active{true};
};

std::string status_text(natsStatus s) {
  const char* last = nats_GetLastError(nullptr);
  std::string text = natsStatus_GetText(s);
  if (last && *last && text.find(last) == std::string::npos) text += " (" + std::string(last) + ")";
  return text;
}

void deliver(natsConnection*, natsSubscription*, natsMsg* msg, void* closure) {
  auto* c = static_cast<Closure*>(closure);
  if (c->active.load()) {
    Message m;
    m.subject = natsMsg_GetSubject(msg) ? natsMsg_GetSubject(msg) : "";
    m.reply = natsMsg_GetReply(msg) ? natsMsg_GetReply(msg) : "";
    const char* data = natsMsg_GetData(msg);
    int len = natsMsg_GetDataLength(msg);
    if (data && len > 0) m.data.assign(data, data + len);
    m.no_responders = natsMsg_IsNoResponders(msg);
    c->handler(std::move(m));
  }
  natsMsg_Destroy(msg);
}

}  // namespace

struct Connection::Impl {
  natsConnection* nc = nullptr;
  std::mutex mu;
  std::deque<std::unique_ptr<Closure>> closures;
};

struct Subscription::Impl {
  natsSubscription* sub = nullptr;
  Closure* closure = nullptr;
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
  if (!impl_ || !impl_->nc) return;
  closing_ = true;
  natsConnection_Close(impl_->nc);
  {
    std::unique_lock<std::mutex> lock(closed_mu_);
    closed_cv_.wait_for(lock, std::chrono::seconds(2), [this] { return closed_; });
  }
  natsConnection_Destroy(impl_->nc);
}

std::unique_ptr<Connection> Connection::connect(const std::string& urls, const std::string& name, Events events,
                                                std::string* error) {
  std::unique_ptr<Connection> c(new Connection());
  c->impl_ = std::make_unique<Impl>();
  c->events_ = std::move(events);
  natsOptions* opts = nullptr;
  natsStatus s = natsOptions_Create(&opts);
  if (s == NATS_OK) s = natsOptions_SetURL(opts, urls.c_str());
  if (s == NATS_OK) s = natsOptions_SetName(opts, name.c_str());
  if (s == NATS_OK) s = natsOptions_SetTimeout(opts, 2000);  // connecting
  // Reconnect forever, quickly: a restarted server is found again within a
  // fraction of a second, and calls wait meanwhile (bounded by their timeout).
  if (s == NATS_OK) s = natsOptions_SetMaxReconnect(opts, -1);
  if (s == NATS_OK) s = natsOptions_SetReconnectWait(opts, 100);
  if (s == NATS_OK) s = natsOptions_SetReconnectJitter(opts, 50, 50);
  // A broken link is noticed within a few seconds even when no call is made.
  if (s == NATS_OK) s = natsOptions_SetPingInterval(opts, 2000);
  if (s == NATS_OK) s = natsOptions_SetMaxPingsOut(opts, 2);
  // Every call is a single small message waited for at once: send it now
  // rather than on the flusher thread's next round.
  if (s == NATS_OK) s = natsOptions_SetSendAsap(opts, true);
  if (s == NATS_OK) s = natsOptions_SetDisconnectedCB(opts, ConnectionCallbacks::disconnected, c.get());
  if (s == NATS_OK) s = natsOptions_SetReconnectedCB(opts, ConnectionCallbacks::reconnected, c.get());
  if (s == NATS_OK) s = natsOptions_SetClosedCB(opts, ConnectionCallbacks::closed, c.get());
  if (s == NATS_OK) s = natsConnection_Connect(&c->impl_->nc, opts);
  natsOptions_Destroy(opts);
  if (s != NATS_OK) {
    *error = "cannot connect to NATS at " + urls + ": " + status_text(s);
    return nullptr;
  }
  return c;
}

bool Connection::connected() const { return natsConnection_Status(impl_->nc) == NATS_CONN_STATUS_CONNECTED; }

bool Connection::publish(const std::string& subject, const std::string& reply, const std::vector<uint8_t>& data,
                         std::string* error) {
  natsStatus s = reply.empty()
                     ? natsConnection_Publish(impl_->nc, subject.c_str(), data.data(), static_cast<int>(data.size()))
                     : natsConnection_PublishRequest(impl_->nc, subject.c_str(), reply.c_str(), data.data(),
                                                     static_cast<int>(data.size()));
  if (s != NATS_OK) {
    *error = status_text(s);
    return false;
  }
  return true;
}

std::unique_ptr<Subscription> Connection::subscribe(const std::string& subject, const std::string& queue_group,
                                                    Handler handler, std::string* error) {
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
                     ? natsConnection_Subscribe(&sub->impl_->sub, impl_->nc, subject.c_str(), deliver, closure)
                     : natsConnection_QueueSubscribe(&sub->impl_->sub, impl_->nc, subject.c_str(),
                                                     queue_group.c_str(), deliver, closure);
  // Calls are queued by the callback at once; the client's own buffer need
  // not stop a burst (a slow consumer would drop messages silently).
  if (s == NATS_OK) s = natsSubscription_SetPendingLimits(sub->impl_->sub, 1 << 20, 1 << 30);
  if (s != NATS_OK) {
    closure->active = false;
    *error = "cannot subscribe to " + subject + ": " + status_text(s);
    return nullptr;
  }
  return sub;
}

Subscription::~Subscription() {
  if (!impl_) return;
  impl_->closure->active = false;
  if (impl_->sub) {
    natsSubscription_Unsubscribe(impl_->sub);
    natsSubscription_Destroy(impl_->sub);
  }
}

}  // namespace dvm::nats
