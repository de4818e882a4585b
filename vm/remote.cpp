// The remote-procedure runtime of one instance: see vm/remote.h.
//
// Threads: NATS delivers calls and replies on its own threads; they only
// queue and wake.  Everything that touches the program (decoding into its
// memory, running the procedure, reading the bindings) happens on the
// program's thread, in the Waiter's idle hook or in the builtins.
#include "vm/remote.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <deque>
#include <mutex>
#include <set>
#include <unordered_map>

#include "vm/instance.h"
#include "vm/latency.h"
#include "vm/nats_client.h"
#include "vm/ops_inline.h"
#include "vm/remote_values.h"
#include "vm/strings.h"

namespace dvm {
namespace {

constexpr int kMaxServeDepth = 32;        // served calls nested in remote calls' waits
constexpr size_t kMaxQueuedCalls = 100000;  // beyond: refused at once ("overloaded")
constexpr int64_t kRetryNs = 50'000'000;  // between tries while no node of the service is up

int64_t wall_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string call_subject(const std::string& service) { return "dvm.call." + service; }
std::string queue_group(const std::string& service) { return "dvm." + service; }
std::string reply_prefix(const std::string& node) { return "dvm.reply." + node + "."; }

// A call arrived from another program, waiting to be served.
struct Incoming {
  wire::CallHeader header;
  std::vector<uint8_t> message;
  size_t body_at = 0;
  std::string reply_to;
  int64_t expires_ms = 0;  // wall clock: the caller has given up by then
  int64_t arrived_ns = 0;  // monotonic
  bool held = false;
};

// The reply to one of our calls, as it arrived.
struct Arrived {
  bool no_responders = false;
  std::vector<uint8_t> message;
};

// A call being assembled by the RPC_* builtins of an import stub.
struct Outgoing {
  bool open = false;
  std::string service, proc;
  std::string sig;  // "(" and the parameters' wire types so far
  wire::Writer args;
};

// What the procedure to run for a call is: the export (or an interprocedure
// of it) and its description.
struct Target {
  const LinkedProc* proc = nullptr;
  const RemoteProc* remote = nullptr;
};

class Runtime final : public RemoteRuntime {
 public:
  Runtime(Instance& inst, RemoteConfig config, RemoteLog log)
      : inst_(inst), config_(std::move(config)), log_(std::move(log)), version_(config_.version) {}

  ~Runtime() override {
    if (made_.count() + calls_failed_ > 0)
      note("remote calls made: " + std::to_string(made_.count() + calls_failed_) + ", " +
           std::to_string(calls_failed_) + " without a reply" +
           (made_.count() > 0 ? "; round trip " + made_.summary() : ""));
    if (served_.count() > 0) note("calls served: " + std::to_string(served_.count()) + "; arrival to reply " + served_.summary());
    inst_.waiter.set_idle_hook(nullptr, nullptr);
    inst_.waiter.set_idle_source({});
    inst_.remote = nullptr;
    call_sub_.reset();
    conn_.reset();
    if (reply_fd_ >= 0) close(reply_fd_);
  }

  bool start(std::string* error) {
    reply_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (reply_fd_ < 0) {
      *error = "cannot create an eventfd";
      return false;
    }
    inst_.remote = this;
    inst_.waiter.set_idle_hook(&Runtime::idle_hook, this);
    if (config_.nats_urls.empty()) return true;
    nats::Events events;
    events.disconnected = [this] { note("lost the connection to NATS; reconnecting"); };
    events.reconnected = [this] { note("reconnected to NATS"); };
    events.socket_changed = [this] { inst_.waiter.repoll(); };
    // The program's thread reads NATS itself while it waits: a call or a
    // reply wakes it directly, not through two client threads.
    conn_ = nats::Connection::connect(config_.nats_urls, "dvm " + config_.node_id, events, error,
                                      nats::Reading::Owner);
    if (!conn_) return false;
    Waiter::IdleSource source;
    source.fd = [](void* c) { return static_cast<nats::Connection*>(c)->poll_fd(); };
    source.ready = [](void* c) { static_cast<nats::Connection*>(c)->read_ready(); };
    source.waiting = [](void* c, bool w) { static_cast<nats::Connection*>(c)->set_owner_waiting(w); };
    source.ctx = conn_.get();
    inst_.waiter.set_idle_source(source);
    set_serving(true);
    return serving_ok_ || (*error = serving_error_, false);
  }

  // ---- RemoteRuntime
  void set_version(uint32_t v) override { version_.store(v); }
  uint32_t version() const override { return version_.load(); }

  void set_serving(bool serving) override {
    std::lock_guard<std::mutex> lock(sub_mu_);
    if (!conn_) return;
    if (!serving) {
      call_sub_.reset();
      return;
    }
    if (call_sub_) return;
    serving_error_.clear();
    call_sub_ = conn_->subscribe(call_subject(config_.service), queue_group(config_.service),
                                 [this](nats::Message&& m) { on_call(std::move(m)); }, &serving_error_);
    serving_ok_ = call_sub_ != nullptr;
  }

  void set_hold(std::function<bool(const wire::CallHeader&)> hold) override {
    std::lock_guard<std::mutex> lock(mu_);
    hold_ = std::move(hold);
  }

  void hold_changed() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (Incoming& c : incoming_)
        if (c.held) c.held = hold_ && hold_(c.header);
    }
    inst_.waiter.wake_idle();
  }

  bool begin_call(Instance& inst, const std::string& service, const std::string& proc) override {
    out_ = Outgoing();
    out_.open = true;
    out_.service = lower(service);
    out_.proc = proc;
    out_.sig = "(";
    return true;
  }

  bool put_arg(Instance& inst, uint32_t type, uint64_t value) override {
    remote::Types types;
    if (!caller_types(type, &types)) return false;
    std::string why;
    std::string text = wire::type_text(*types.descs, type, &why);
    if (text.empty() || !out_.open) return fail("remote call " + target_name() + ": an argument cannot be sent: " +
                                                (why.empty() ? "no call is being made" : why));
    out_.sig += (out_.sig.size() > 1 ? "," : "") + text;
    if (!remote::encode(inst, types, type, value, out_.args, &why))
      return fail("remote call " + target_name() + ": " + why);
    return true;
  }

  bool call(Instance& inst, uint32_t result_type) override;

  bool get_result(Instance& inst, uint32_t type, Value* out) override {
    remote::Types types;
    if (!caller_types(type, &types)) return false;
    wire::Reader r(result_.data() + result_at_, result_.size() - result_at_);
    remote::Owned owned;  // the value becomes the program's: nothing is released here
    uint64_t v = 0;
    std::string why;
    if (!remote::decode(inst, types, type, r, &v, &owned, &why))
      return fail("remote call " + last_target_ + ": the result cannot be accepted: " + why);
    if (remote::slot_of(types, type) == remote::Slot::String) {
      uint64_t old = out->u;
      out->u = v;
      str::release(inst.mem, inst.heap, old);
    } else {
      out->u = v;
    }
    return true;
  }

  bool get_result_into(Instance& inst, uint32_t type, uint64_t addr) override {
    remote::Types types;
    if (!caller_types(type, &types)) return false;
    if (!inst.mem.valid(addr, (*types.descs)[type].size)) return inst.fail(Memory::fault(addr));
    // The result's old contents (strings) go first, as an assignment would.
    ops::release_all(inst, types.layouts, type, addr);
    std::memset(inst.mem.at(addr), 0, (*types.descs)[type].size);
    wire::Reader r(result_.data() + result_at_, result_.size() - result_at_);
    std::string why;
    if (!remote::decode_into(inst, types, type, r, addr, &why))
      return fail("remote call " + last_target_ + ": the result cannot be accepted: " + why);
    return true;
  }

  bool serve_forever(Instance& inst) override {
    if (!inst.out.flush()) return inst.output_failed();
    while (!inst.waiter.stop_requested()) inst.waiter.wait(-1, 0, -1, true);
    return false;  // quiet_stop: a served call ended the program
  }

 private:
  static void idle_hook(void* self) { static_cast<Runtime*>(self)->serve_pending(); }

  void note(const std::string& line) {
    if (log_) log_(line);
  }

  std::string target_name() const { return out_.service + "." + out_.proc; }

  bool fail(const std::string& message) {
    inst_.error_detail = message;
    return inst_.fail(RtError::RemoteCall);
  }

  // The types the calling stub was compiled with.
  bool caller_types(uint32_t type, remote::Types* types) {
    const LinkedProc* p = inst_.top_frame ? inst_.top_frame->proc : nullptr;
    if (!p || !p->types || type >= p->types->size()) return fail("remote call: a bad type index in the calling code");
    *types = {p->types, p->layouts};
    return true;
  }

  // ---- NATS threads
  void on_call(nats::Message&& m);
  void on_reply(nats::Message&& m);
  void send_reply(const std::string& to, const wire::ReplyHeader& h, const std::vector<uint8_t>& body);
  void refuse(const std::string& to, uint64_t call_id, const std::string& why);

  // ---- the program's thread
  void serve_pending();
  void serve(Incoming& call);
  void stop_serving();
  bool find_target(const wire::CallHeader& h, Target* t, std::string* why);
  bool wait_reply(uint64_t serial, int64_t deadline_ns, Arrived* got);
  bool take_reply(uint64_t serial, Arrived* got);

  Instance& inst_;
  RemoteConfig config_;
  RemoteLog log_;
  std::atomic<uint32_t> version_;
  std::unique_ptr<nats::Connection> conn_;
  std::mutex sub_mu_;
  std::unique_ptr<nats::Subscription> call_sub_;
  bool serving_ok_ = false;
  std::string serving_error_;
  int reply_fd_ = -1;

  std::mutex mu_;  // guards what the NATS threads share with the program's thread
  std::deque<Incoming> incoming_;
  std::function<bool(const wire::CallHeader&)> hold_;
  std::set<uint64_t> awaiting_;                   // reply subjects (their serials) waited on
  std::unordered_map<uint64_t, Arrived> arrived_;  // by reply subject serial

  // The program's thread only.
  Outgoing out_;
  uint64_t next_call_id_ = 1;
  std::vector<uint8_t> result_;  // the last successful reply, read by the RPC_RESULT builtins
  size_t result_at_ = 0;
  std::string last_target_;
  int serve_depth_ = 0;
  // Reply subscriptions, one per depth of calls in progress (a call served
  // while waiting may call out in turn).  A call that ends with its reply
  // leaves nothing more to come on its subject, so the next call at its
  // depth reuses it: no SUB and UNSUB per call for nats-server to process.
  // A call that gives up (timeout, lost connection) may still be answered
  // later: its subscription goes with it.
  struct ReplySlot {
    uint64_t serial = 0;  // the subject's last token
    std::string subject;
    std::unique_ptr<nats::Subscription> sub;
  };
  std::vector<ReplySlot> reply_slots_;
  size_t call_depth_ = 0;
  uint64_t next_reply_serial_ = 1;
  // For the node's log when it stops.
  LatencyHistogram made_;    // calls made, to their replies
  uint64_t calls_failed_ = 0;  // calls made that got no reply
  LatencyHistogram served_;  // calls served, from arrival to reply
};

// ---- calling

bool Runtime::call(Instance& inst, uint32_t result_type) {
  Outgoing out = std::move(out_);
  out_ = Outgoing();
  if (!out.open) return fail("remote call: no call is being made");
  std::string name = out.service + "." + out.proc;
  last_target_ = name;
  if (!conn_) return fail("remote call " + name + ": this program was started without NATS (--nats or DVM_NATS)");
  out.sig += ")";
  if (result_type != kNoType) {
    remote::Types types;
    if (!caller_types(result_type, &types)) return false;
    std::string why, text = wire::type_text(*types.descs, result_type, &why);
    if (text.empty()) return fail("remote call " + name + ": the result cannot cross: " + why);
    out.sig += ":" + text;
  }
  wire::CallHeader h;
  h.call_id = next_call_id_++;
  h.caller_node = config_.node_id;
  h.caller_service = config_.service;
  h.caller_version = version_.load();
  h.service = out.service;
  h.proc = out.proc;
  h.sig_key = wire::signature_key(out.sig);
  h.sig_text = out.sig;
  h.timeout_ms = static_cast<uint32_t>(config_.call_timeout_s * 1000);
  h.sent_at_ms = wall_ms();
  std::vector<uint8_t> msg = wire::encode_call(h, out.args.bytes);
  if (msg.size() > wire::kMaxMessage)
    return fail("remote call " + name + ": the arguments take " + std::to_string(msg.size()) +
                " bytes, more than one message may carry (" + std::to_string(wire::kMaxMessage) + ")");
  int64_t started_ns = monotonic_ns();
  int64_t deadline = started_ns + static_cast<int64_t>(config_.call_timeout_s * 1e9);
  // The reply comes on a subject of this depth's own: NATS's answer that
  // nobody serves the service names no call, only the subscription it comes to.
  size_t depth = call_depth_;
  if (reply_slots_.size() <= depth) reply_slots_.resize(depth + 1);
  if (!reply_slots_[depth].sub) {
    uint64_t serial = next_reply_serial_++;
    std::string subject = reply_prefix(config_.node_id) + std::to_string(serial), sub_error;
    std::unique_ptr<nats::Subscription> sub =
        conn_->subscribe_replies(subject, [this](nats::Message&& m) { on_reply(std::move(m)); }, &sub_error);
    if (!sub) return fail("remote call " + name + ": " + sub_error);
    reply_slots_[depth] = {serial, std::move(subject), std::move(sub)};
  }
  uint64_t serial = reply_slots_[depth].serial;
  const std::string reply_to = reply_slots_[depth].subject;  // a copy: a nested call may grow reply_slots_
  {
    std::lock_guard<std::mutex> lock(mu_);
    awaiting_.insert(serial);
  }
  struct Forget {  // the call is no longer waited for, however this ends
    Runtime* rt;
    uint64_t serial;
    size_t depth;
    bool answered = false;
    ~Forget() {
      if (!answered) rt->calls_failed_++;
      {
        std::lock_guard<std::mutex> lock(rt->mu_);
        rt->awaiting_.erase(serial);
        rt->arrived_.erase(serial);
      }
      rt->call_depth_--;
      if (!answered) rt->reply_slots_[depth].sub.reset();  // a late reply must not meet the next call
    }
  } forget{this, serial, depth};
  call_depth_++;

  bool ever_sent = false;
  Arrived got;
  for (;;) {
    if (inst.quiet_stop) return false;  // a call served while this one waited ended the program
    if (monotonic_ns() >= deadline)
      return fail("remote call " + name + ": " +
                  (ever_sent ? "no node of service " + out.service + " is up"
                             : "NATS cannot be reached") +
                  " (tried for " + wire::seconds_text(config_.call_timeout_s) + " s)");
    if (!conn_->connected()) {
      inst.waiter.wait(-1, 0, std::min(deadline, monotonic_ns() + kRetryNs), true);
      continue;
    }
    uint64_t disconnects = conn_->disconnects();
    std::string error;
    if (!conn_->publish(call_subject(out.service), reply_to, msg, &error)) {
      inst.waiter.wait(-1, 0, std::min(deadline, monotonic_ns() + kRetryNs), true);
      continue;
    }
    ever_sent = true;
    if (!wait_reply(serial, deadline, &got)) {
      if (inst.quiet_stop) return false;
      if (conn_->disconnects() != disconnects)
        return fail("remote call " + name + ": the connection to NATS was lost while the call was in flight; " +
                    "it may or may not have run");
      return fail("remote call " + name + ": no node of service " + out.service + " answered within " +
                  wire::seconds_text(config_.call_timeout_s) + " s");
    }
    if (!got.no_responders) {
      forget.answered = true;
      made_.record(monotonic_ns() - started_ns);
      break;
    }
    // Nobody serves the service right now: the call was not delivered, so
    // trying again cannot run it twice.
    inst.waiter.wait(-1, 0, std::min(deadline, monotonic_ns() + kRetryNs), true);
  }
  wire::ReplyHeader rh;
  size_t body_at = 0;
  std::string error;
  if (!wire::decode_reply(got.message, &rh, &body_at, &error) || rh.call_id != h.call_id)
    return fail("remote call " + name + ": a malformed reply (" + (error.empty() ? "wrong call" : error) + ")");
  if (rh.status == wire::ReplyStatus::RuntimeError) return fail("remote call " + name + " failed: " + rh.message);
  if (rh.status == wire::ReplyStatus::Refused) return fail("remote call " + name + " refused: " + rh.message);
  result_ = std::move(got.message);
  result_at_ = body_at;
  return true;
}

bool Runtime::take_reply(uint64_t serial, Arrived* got) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = arrived_.find(serial);
  if (it == arrived_.end()) return false;
  *got = std::move(it->second);
  arrived_.erase(it);
  return true;
}

// Waits (idle: serving calls meanwhile) for what comes on reply subject `serial`.
bool Runtime::wait_reply(uint64_t serial, int64_t deadline_ns, Arrived* got) {
  for (;;) {
    if (take_reply(serial, got)) return true;
    WaitResult r = inst_.waiter.wait(reply_fd_, POLLIN, deadline_ns, true);
    if (r == WaitResult::Timeout) return take_reply(serial, got);
    if (inst_.waiter.stop_requested()) return false;
    uint64_t count;
    if (r == WaitResult::Ready) (void)!::read(reply_fd_, &count, sizeof count);
  }
}

void Runtime::on_reply(nats::Message&& m) {
  const std::string prefix = reply_prefix(config_.node_id);
  if (m.subject.compare(0, prefix.size(), prefix) != 0) return;
  uint64_t serial = std::strtoull(m.subject.c_str() + prefix.size(), nullptr, 10);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!awaiting_.count(serial)) return;  // a reply to a call given up on
    Arrived& a = arrived_[serial];
    a.no_responders = m.no_responders;
    a.message = std::move(m.data);
  }
  if (Waiter::in_idle_source()) return;  // read by the waiting thread itself: its wait returns now
  uint64_t one = 1;
  (void)!::write(reply_fd_, &one, sizeof one);
}

// ---- serving

void Runtime::send_reply(const std::string& to, const wire::ReplyHeader& h, const std::vector<uint8_t>& body) {
  if (to.empty() || !conn_) return;
  std::string error;
  if (!conn_->publish(to, "", wire::encode_reply(h, body), &error))
    note("call " + std::to_string(h.call_id) + ": the reply could not be sent: " + error);
}

void Runtime::refuse(const std::string& to, uint64_t call_id, const std::string& why) {
  wire::ReplyHeader h;
  h.call_id = call_id;
  h.node = config_.node_id;
  h.service = config_.service;
  h.version = version_.load();
  h.status = wire::ReplyStatus::Refused;
  h.message = why;
  send_reply(to, h, {});
}

void Runtime::on_call(nats::Message&& m) {
  Incoming c;
  std::string error;
  if (!wire::decode_call(m.data, &c.header, &c.body_at, &error)) {
    note("a malformed call was refused: " + error);
    refuse(m.reply, 0, "malformed call: " + error);
    return;
  }
  if (lower(c.header.service) != config_.service) {
    refuse(m.reply, c.header.call_id, "this node serves " + config_.service + ", not " + c.header.service);
    return;
  }
  c.message = std::move(m.data);
  c.reply_to = std::move(m.reply);
  c.expires_ms = static_cast<int64_t>(c.header.sent_at_ms) + c.header.timeout_ms;
  c.arrived_ns = monotonic_ns();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (incoming_.size() >= kMaxQueuedCalls) {
      refuse(c.reply_to, c.header.call_id,
             "node " + config_.node_id + " has " + std::to_string(incoming_.size()) + " calls waiting");
      return;
    }
    c.held = hold_ && hold_(c.header);
    incoming_.push_back(std::move(c));
  }
  inst_.waiter.wake_idle();
}

// The idle hook: every call that may run now, each to completion.
void Runtime::serve_pending() {
  if (serve_depth_ >= kMaxServeDepth) return;  // deeper nesting waits for the outer calls to return
  serve_depth_++;
  for (;;) {
    Incoming call;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = incoming_.begin();
      while (it != incoming_.end() && it->held) ++it;
      if (it == incoming_.end()) break;
      call = std::move(*it);
      incoming_.erase(it);
    }
    serve(call);
    if (inst_.waiter.stop_requested()) {
      stop_serving();
      break;
    }
    // Calls come in bursts: stay awake for the next one for a while.
    if (config_.busy_poll_us > 0) inst_.waiter.busy_poll_until(monotonic_ns() + config_.busy_poll_us * 1000);
  }
  serve_depth_--;
}

// A served call ended the program: no more calls come here, and those queued
// are refused (they never ran) rather than left to time out.
void Runtime::stop_serving() {
  set_serving(false);
  std::deque<Incoming> left;
  {
    std::lock_guard<std::mutex> lock(mu_);
    left.swap(incoming_);
  }
  for (Incoming& c : left)
    refuse(c.reply_to, c.header.call_id,
           "node " + config_.node_id + " stopped before running the call (a call it served ended its program)");
}

const RemoteProc* find_export(const Image& img, const std::string& name) {
  for (const RemoteProc& rp : img.exports)
    if (rp.stands_for.empty() && rp.proc == name) return &rp;
  const RemoteProc* found = nullptr;
  for (const RemoteProc& rp : img.exports)
    if (rp.stands_for.empty() && lower(rp.proc) == lower(name)) {
      if (found) return nullptr;  // C names differing only in case: not guessed
      found = &rp;
    }
  return found;
}

// The export entry an interprocedure's image recorded for it.
const RemoteProc* interprocedure_entry(const LinkedProc* p, const std::string& stands_for) {
  if (!p->space) return nullptr;
  for (const RemoteProc& rp : p->space->image.exports)
    if (rp.proc == p->src->name && lower(rp.stands_for) == lower(stands_for)) return &rp;
  return nullptr;
}

std::string wire_text_of(const LinkedProc* p, const RemoteProc& rp) {
  std::string why;
  return p->space ? wire::signature_text(p->space->image, rp, &why) : "";
}

// The export a call names, or the interprocedure serving the signature the
// caller was compiled against (docs/UPDATING.md, interprocedures, across programs).
bool Runtime::find_target(const wire::CallHeader& h, Target* t, std::string* why) {
  const Image& img = inst_.spaces.back()->image;
  const RemoteProc* rp = find_export(img, h.proc);
  auto bid = rp ? inst_.binding_ids.find(rp->proc) : inst_.binding_ids.end();
  if (!rp || bid == inst_.binding_ids.end() || !inst_.bindings[bid->second]) {
    std::string list;
    for (const RemoteProc& e : img.exports)
      if (e.stands_for.empty()) list += (list.empty() ? "" : ", ") + e.proc;
    *why = "service " + config_.service + " exports no procedure " + h.proc +
           (list.empty() ? " (it exports nothing)" : " (it exports " + list + ")");
    return false;
  }
  const LinkedProc* current = inst_.bindings[bid->second];
  std::string current_text = wire_text_of(current, *rp);
  if (wire::signature_key(current_text) == h.sig_key && current_text == h.sig_text) {
    *t = {current, rp};
    return true;
  }
  for (const LinkedProc* ip : interprocedures_of(inst_, rp->proc)) {
    const RemoteProc* entry = interprocedure_entry(ip, rp->proc);
    if (entry && wire_text_of(ip, *entry) == h.sig_text) {
      *t = {ip, entry};
      return true;
    }
  }
  *why = "no version of " + config_.service + "." + rp->proc + " accepts the signature " + h.sig_text +
         " the caller was compiled against (it is now " + current_text + ")";
  return false;
}

// Where a failed call stopped, as the callee's source says it.
std::string failure_text(Instance& inst, const RunResult& r) {
  std::string where;
  if (!r.trace.empty()) {
    for (auto& vs : inst.spaces)
      if (vs->number == r.trace.front().version) where = vs->image.source_path;
    where += ":" + std::to_string(r.line) + ":" + std::to_string(r.col);
  }
  return (r.runtime_error ? "runtime error: " : "") + r.message + (where.empty() ? "" : " (" + where + ")");
}

void Runtime::serve(Incoming& call) {
  const wire::CallHeader& h = call.header;
  if (wall_ms() > call.expires_ms) {
    note("call " + std::to_string(h.call_id) + " from " + h.caller_node + " to " + h.proc +
         " dropped: its caller stopped waiting before it could run");
    return;
  }
  wire::ReplyHeader rh;
  rh.call_id = h.call_id;
  rh.node = config_.node_id;
  rh.service = config_.service;
  rh.version = version_.load();
  Target target;
  std::string why;
  if (!find_target(h, &target, &why)) {
    refuse(call.reply_to, h.call_id, why);
    return;
  }
  const LinkedProc* p = target.proc;
  const Signature& sig = p->src->sig;
  remote::Types types{p->types, p->layouts};
  remote::Owned owned;
  std::vector<Value> args(sig.params.size());
  size_t first = target.remote->result_in_memory ? 1 : 0;
  wire::Reader r(call.message.data() + call.body_at, call.message.size() - call.body_at);
  for (size_t i = first; i < sig.params.size(); i++) {
    if (!remote::decode(inst_, types, sig.param_types[i], r, &args[i].u, &owned, &why)) {
      owned.release(inst_, types);
      refuse(call.reply_to, h.call_id, "argument " + std::to_string(i + 1 - first) + " cannot be accepted: " + why);
      return;
    }
  }
  if (!r.at_end()) {
    owned.release(inst_, types);
    refuse(call.reply_to, h.call_id, "the call carries more bytes than its arguments");
    return;
  }
  uint32_t rt = target.remote->result_type;
  if (first) {  // the result's place, zeroed (and released with the arguments)
    uint64_t block = inst_.heap.alloc(std::max<uint64_t>((*types.descs)[rt].size, 1), true);
    if (!block) {
      owned.release(inst_, types);
      refuse(call.reply_to, h.call_id, "out of memory");
      return;
    }
    owned.aggregates.push_back({block, rt});
    args[0].u = block;
  }
  Value result;
  result.u = 0;
  RunResult failure;
  bool ok = call_procedure(inst_, p, args.data(), &result, &failure);
  bool ended = !ok && !failure.runtime_error;  // halt, exit, or output closed
  wire::Writer body;
  if (ok && rt != kNoType) {
    uint64_t v = first ? args[0].u : result.u;
    if (!remote::encode(inst_, types, rt, v, body, &why)) {
      ok = false;
      failure = RunResult();
      failure.message = "the result cannot be sent: " + why;
    }
  }
  if (rt != kNoType && !first && remote::slot_of(types, rt) == remote::Slot::String)
    str::release(inst_.mem, inst_.heap, result.u);
  owned.release(inst_, types);
  if (ended) {
    // halt or exit (or output closed) inside the call: the program ends, as
    // it would have had it called the procedure itself.  The call did run.
    rh.status = wire::ReplyStatus::RuntimeError;
    rh.message = "the procedure ended its program (exit status " + std::to_string(failure.exit_code) +
                 "): the node has stopped";
    note("call " + std::to_string(h.call_id) + " from " + h.caller_node + " to " + p->src->name +
         " ended the program with exit status " + std::to_string(failure.exit_code));
    send_reply(call.reply_to, rh, {});
    served_.record(monotonic_ns() - call.arrived_ns);
    inst_.stop_with(failure.exit_code);
    return;
  }
  if (!ok) {
    rh.status = wire::ReplyStatus::RuntimeError;
    rh.message = failure_text(inst_, failure);
    note("call " + std::to_string(h.call_id) + " from " + h.caller_node + " to " + p->src->name + " failed: " +
         rh.message);
    body.bytes.clear();
  }
  send_reply(call.reply_to, rh, body.bytes);
  served_.record(monotonic_ns() - call.arrived_ns);
}

}  // namespace

std::unique_ptr<RemoteRuntime> start_remote(Instance& inst, const RemoteConfig& config, RemoteLog log,
                                            std::string* error) {
  auto rt = std::make_unique<Runtime>(inst, config, std::move(log));
  if (!rt->start(error)) return nullptr;
  return rt;
}

}  // namespace dvm
