#include "vm/nats_client.h"

#include <nats/nats.h>

#include "vm/dynamic_library.h"

#include <chrono>
#include <deque>
#include <mutex>

namespace dvm::nats {

namespace {

// libnats, loaded when the first connection is made (vm/dynamic_library.h).
#define DVM_NATS_FUNCTIONS(X) \
  X(natsConnection_Close)\
  X(natsConnection_Connect)\
  X(natsConnection_Destroy)\
  X(natsConnection_Publish)\
  X(natsConnection_PublishRequest)\
  X(natsConnection_QueueSubscribe)\
  X(natsConnection_Status)\
  X(natsConnection_Subscribe)\
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

void deliver(natsConnection*, natsSubscription*, natsMsg* msg, void* closure) {
  auto* c = static_cast<Closure*>(closure);
  if (c->active.load()) {
    Message m;
    m.subject = api().natsMsg_GetSubject(msg) ? api().natsMsg_GetSubject(msg) : "";
    m.reply = api().natsMsg_GetReply(msg) ? api().natsMsg_GetReply(msg) : "";
    const char* data = api().natsMsg_GetData(msg);
    int len = api().natsMsg_GetDataLength(msg);
    if (data && len > 0) m.data.assign(data, data + len);
    m.no_responders = api().natsMsg_IsNoResponders(msg);
    c->handler(std::move(m));
  }
  api().natsMsg_Destroy(msg);
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
  api().natsConnection_Close(impl_->nc);
  {
    std::unique_lock<std::mutex> lock(closed_mu_);
    closed_cv_.wait_for(lock, std::chrono::seconds(2), [this] { return closed_; });
  }
  api().natsConnection_Destroy(impl_->nc);
}

std::unique_ptr<Connection> Connection::connect(const std::string& urls, const std::string& name, Events events,
                                                std::string* error) {
  if (!load_nats(error)) return nullptr;
  std::unique_ptr<Connection> c(new Connection());
  c->impl_ = std::make_unique<Impl>();
  c->events_ = std::move(events);
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
  if (s == NATS_OK) s = api().natsConnection_Connect(&c->impl_->nc, opts);
  api().natsOptions_Destroy(opts);
  if (s != NATS_OK) {
    *error = "cannot connect to NATS at " + urls + ": " + status_text(s);
    return nullptr;
  }
  return c;
}

bool Connection::connected() const { return api().natsConnection_Status(impl_->nc) == NATS_CONN_STATUS_CONNECTED; }

bool Connection::publish(const std::string& subject, const std::string& reply, const std::vector<uint8_t>& data,
                         std::string* error) {
  natsStatus s = reply.empty()
                     ? api().natsConnection_Publish(impl_->nc, subject.c_str(), data.data(), static_cast<int>(data.size()))
                     : api().natsConnection_PublishRequest(impl_->nc, subject.c_str(), reply.c_str(), data.data(),
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

Subscription::~Subscription() {
  if (!impl_) return;
  impl_->closure->active = false;
  if (impl_->sub) {
    api().natsSubscription_Unsubscribe(impl_->sub);
    api().natsSubscription_Destroy(impl_->sub);
  }
}

}  // namespace dvm::nats
