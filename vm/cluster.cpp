// The node's side of cluster updates: see vm/cluster.h.
//
// Threads: a keepalive thread renews the lease every second; a worker thread
// looks at etcd every second (at once when the updater's NATS notice comes)
// and does everything else; an update being prepared runs submit_update on a
// thread of its own (it returns when the update commits or is dropped).  The
// program's thread is only touched through the update engine's gate.
#include "vm/cluster.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "vm/cluster_protocol.h"
#include "vm/instance.h"
#include "vm/nats_client.h"
#include "vm/sha256.h"
#include "vm/update.h"
#include "vm/vm.h"

namespace dvm {
namespace {

using namespace std::chrono_literals;
using cluster::Decision;
using cluster::NodeRecord;
using cluster::Plan;
using cluster::ServiceVersion;

constexpr int64_t kJoinTimeoutMs = 120000;  // a node waits this long at most for an update in progress

bool fetch_image(etcd::Client& etcd, const std::string& sha, std::vector<uint8_t>* bytes, Image* img,
                 std::string* error) {
  etcd::KeyValue kv;
  bool found = false;
  if (!etcd.get(cluster::image_key(sha), &kv, &found, error)) return false;
  if (!found) {
    *error = "image " + sha + " is missing from etcd";
    return false;
  }
  bytes->assign(kv.value.begin(), kv.value.end());
  if (sha256_hex(*bytes) != sha) {
    *error = "image " + sha + " in etcd does not match its hash";
    return false;
  }
  if (img) {
    if (!read_image(*bytes, img, error)) return false;
    std::string problem = verify_image(*img);
    if (!problem.empty()) {
      *error = "image " + sha + " fails verification: " + problem;
      return false;
    }
  }
  return true;
}

// One cluster update this node takes part in.
struct Tracked {
  Plan plan;
  bool participant = false;
  bool voted = false;
  bool decided = false;
  int64_t decided_at_ms = 0;
  std::atomic<bool> committed{false};  // recorded in etcd (read by hold() on NATS threads)
  Decision decision;
  std::shared_ptr<CommitGate> gate;
  int64_t waits_reported_ms = 0;
  bool said_waits = false;
  std::thread worker;  // submit_update
  std::atomic<bool> finished{false};
  UpdateReply reply;
  // This node's part is over: only the finish (normally the updater's) remains.
  bool settled() const { return decided && (!participant || !decision.commit() || committed); }
};

// A node finishes an update itself only when the updater has not within this
// long after the decision (it died); until then it only looks for `done`, so
// a hundred nodes do not all race the updater with reads of every record.
constexpr int64_t kFinishGraceMs = 2000;

class Node final : public ClusterNode {
 public:
  Node(ClusterConfig config, RemoteLog log, std::string service)
      : config_(std::move(config)), log_(std::move(log)), service_(std::move(service)), etcd_(config_.etcd) {}

  ~Node() override { leave(); }

  uint32_t version() const override { return version_.load(); }
  int64_t lease() const override { return lease_.load(); }

  bool join(Image* img, std::string* error);

  void attach(Instance& inst, RemoteRuntime* remote) override {
    inst_ = &inst;
    remote_ = remote;
    inst.local_updates_refused = "this program is a node of service " + service_ +
                                 " in a cluster: update it with dvm update --cluster";
    if (remote_) {
      remote_->set_version(version_.load());
      remote_->set_hold([this](const wire::CallHeader& h) { return hold(h); });
    }
    if (!config_.nats.empty()) {
      std::string error;
      nats_ = nats::Connection::connect(config_.nats, "dvm cluster " + config_.node_id, {}, &error);
      if (nats_)
        notices_ = nats_->subscribe(cluster::notify_subject(service_), "", [this](nats::Message&&) { poke(); }, &error);
      if (!error.empty()) log("updates are noticed by polling etcd only: " + error);
    }
    keepalive_ = std::thread([this] { keepalive_loop(); });
    worker_ = std::thread([this] { worker_loop(); });
  }

  void leave() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return;
      stopping_ = true;
    }
    cv_.notify_all();
    if (keepalive_.joinable()) keepalive_.join();
    if (worker_.joinable()) worker_.join();
    notices_.reset();
    nats_.reset();
    if (tracked_) {
      // The program ended: updates_program_exited has ended submit_update.
      if (tracked_->worker.joinable()) tracked_->worker.join();
    }
    std::string error;
    if (lease_) etcd_.revoke(lease_, &error);
  }

 private:
  void log(const std::string& line) {
    if (log_) log_(line);
  }
  void poke() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      poked_ = true;
    }
    cv_.notify_all();
  }

  NodeRecord record(const std::string& state) const {
    NodeRecord r;
    r.service = service_;
    r.node = config_.node_id;
    r.host = config_.host;
    r.pid = config_.pid;
    r.program = config_.program;
    r.log = config_.log_path;
    r.version = version_.load();
    r.state = state;
    return r;
  }

  bool register_node(std::string* error);
  bool ensure_version(Image* img, std::string* error);
  void keepalive_loop();
  void worker_loop();
  void tick();
  void follow(Tracked& t);
  void report_waits(Tracked& t);
  void start_prepare(Tracked& t);
  void rejoin();
  void catch_up();
  bool hold(const wire::CallHeader& h);

  ClusterConfig config_;
  RemoteLog log_;
  std::string service_;
  etcd::Client etcd_;
  std::atomic<int64_t> lease_{0};
  std::atomic<uint32_t> version_{0};
  std::string image_sha_;  // of the version running
  Instance* inst_ = nullptr;
  RemoteRuntime* remote_ = nullptr;
  std::unique_ptr<nats::Connection> nats_;
  std::unique_ptr<nats::Subscription> notices_;

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool poked_ = false;
  std::atomic<bool> lease_lost_{false};
  std::thread keepalive_, worker_;

  std::mutex tracked_mu_;  // tracked_ is read by hold() on NATS threads
  std::unique_ptr<Tracked> tracked_;
};

// ---- joining

// The version this node runs: the cluster's; the first node of a service
// makes its own image version 1.
bool Node::ensure_version(Image* img, std::string* error) {
  std::vector<uint8_t> mine = write_image(*img);
  std::string sha = sha256_hex(mine);
  for (;;) {
    etcd::KeyValue kv;
    bool found = false;
    if (!etcd_.get(cluster::version_key(service_), &kv, &found, error)) return false;
    ServiceVersion v;
    if (found && !ServiceVersion::from_json(kv.value, &v)) {
      *error = "the cluster version record of service " + service_ + " is damaged";
      return false;
    }
    if (found) {
      if (v.image != sha) {
        std::vector<uint8_t> bytes;
        Image theirs;
        if (!fetch_image(etcd_, v.image, &bytes, &theirs, error)) return false;
        if (theirs.service != service_) {
          *error = "the cluster version of service " + service_ + " serves " + theirs.service;
          return false;
        }
        log("running the cluster version " + std::to_string(v.version) + " of service " + service_ +
            " instead of the image given");
        *img = std::move(theirs);
      }
      version_ = v.version;
      image_sha_ = v.image;
      return true;
    }
    if (!etcd_.put(cluster::image_key(sha), std::string(mine.begin(), mine.end()), 0, error)) return false;
    ServiceVersion first{1, sha, ""};
    etcd::Compare absent;
    absent.key = cluster::version_key(service_);
    absent.target = etcd::Compare::Target::Create;
    etcd::TxnResult r;
    if (!etcd_.txn({absent},
                   {{etcd::Op::Kind::Put, cluster::version_key(service_), first.to_json(), "", 0},
                    {etcd::Op::Kind::Put, cluster::history_key(service_, 1), first.to_json(), "", 0}},
                   {}, &r, error))
      return false;
    if (r.succeeded) log("service " + service_ + " starts at version 1");
    // Either way, read it back (another first node may have won).
  }
}

// The registration is fenced against updates: it is written only while no
// update of the service is in progress (no claim), in one transaction, so
// every update's participants are exactly the nodes registered before it.
bool Node::register_node(std::string* error) {
  etcd::Compare no_claim;
  no_claim.key = cluster::claim_key(service_);
  no_claim.target = etcd::Compare::Target::Create;
  etcd::TxnResult r;
  if (!etcd_.txn({no_claim},
                 {{etcd::Op::Kind::Put, cluster::node_key(service_, config_.node_id), record("running").to_json(), "",
                   lease_.load()}},
                 {}, &r, error))
    return false;
  if (!r.succeeded) *error = "";  // an update is in progress: the caller waits
  return r.succeeded;
}

bool Node::join(Image* img, std::string* error) {
  int64_t lease = 0;
  if (!etcd_.grant(cluster::kNodeTtl, &lease, error)) return false;
  lease_ = lease;
  int64_t give_up = cluster::now_ms() + kJoinTimeoutMs;
  bool said_waiting = false;
  while (cluster::now_ms() < give_up) {
    int64_t ttl;
    if (!etcd_.keepalive(lease_, &ttl, error)) return false;
    if (!ensure_version(img, error)) return false;
    if (register_node(error)) {
      log("joined as a node of service " + service_ + " at version " + std::to_string(version_.load()));
      return true;
    }
    if (!error->empty()) return false;
    if (!said_waiting) log("an update of service " + service_ + " is in progress: waiting for it to end");
    said_waiting = true;
    std::this_thread::sleep_for(200ms);
  }
  *error = "an update of service " + service_ + " did not end within " + std::to_string(kJoinTimeoutMs / 1000) + " s";
  return false;
}

// ---- the lease

void Node::keepalive_loop() {
  int64_t last_ok = cluster::now_ms();
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, 1s, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    int64_t ttl = 0;
    std::string error;
    bool ok = etcd_.keepalive(lease_.load(), &ttl, &error);
    if (ok && ttl > 0) {
      last_ok = cluster::now_ms();
    } else if ((ok && ttl == 0) || cluster::now_ms() - last_ok > cluster::kNodeTtl * 1000) {
      if (!lease_lost_.exchange(true))
        log("lost the lease" + (error.empty() ? std::string() : " (" + error + ")") + ": stops serving until it is back");
      if (remote_) remote_->set_serving(false);
      poke();
    }
    lock.lock();
  }
}

// ---- following updates

void Node::worker_loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    lock.unlock();
    if (lease_lost_.load()) rejoin();
    else tick();
    lock.lock();
    // Faster while an update is under way: the decision and the commit matter.
    auto period = tracked_ && !tracked_->settled() ? 100ms : tracked_ ? 500ms : 1000ms;
    cv_.wait_for(lock, period, [this] { return stopping_ || poked_; });
    poked_ = false;
  }
}

// What the cluster says now about this node's service.
void Node::tick() {
  std::string error;
  etcd::KeyValue claim;
  bool claimed = false;
  if (!etcd_.get(cluster::claim_key(service_), &claim, &claimed, &error)) return;  // etcd away: look again later
  if (!tracked_ && !claimed) return;
  if (claimed && (!tracked_ || tracked_->plan.id != claim.value)) {
    if (tracked_ && tracked_->worker.joinable() && !tracked_->finished.load()) {
      follow(*tracked_);  // the earlier one is not over here yet
      return;
    }
    etcd::KeyValue kv;
    bool found = false;
    if (!etcd_.get(cluster::plan_key(claim.value), &kv, &found, &error) || !found) return;
    auto t = std::make_unique<Tracked>();
    if (!Plan::from_json(kv.value, &t->plan)) {
      log("update " + claim.value + ": its plan is damaged; not taking part");
      return;
    }
    for (const Plan::Participant& p : t->plan.participants)
      if (p.node == config_.node_id) t->participant = true;
    if (tracked_ && tracked_->worker.joinable()) tracked_->worker.join();
    std::lock_guard<std::mutex> lock(tracked_mu_);
    tracked_ = std::move(t);
    log("update " + tracked_->plan.id + (tracked_->participant ? ": taking part" : ": not a participant"));
    if (tracked_->participant) start_prepare(*tracked_);
  }
  if (tracked_) follow(*tracked_);
}

void Node::start_prepare(Tracked& t) {
  const Plan::Service* s = t.plan.service(service_);
  if (!s) return;
  t.gate = std::make_shared<CommitGate>();
  t.gate->on_prepared = [this] { poke(); };  // vote at once
  t.worker = std::thread([this, &t, s] {
    std::vector<uint8_t> bytes;
    std::string error;
    UpdateReply reply;
    if (!fetch_image(etcd_, s->image, &bytes, nullptr, &error)) {
      reply.status = UpdateReply::Status::Refused;
      reply.message = error;
    } else {
      UpdateRequest req;
      req.image = std::move(bytes);
      req.source = s->source;
      req.dry_run = t.plan.dry_run;
      req.strict = t.plan.strict;
      req.timeout_s = 365.0 * 86400;  // the cluster's deadline governs until the decision; after COMMIT it must commit
      req.gate = t.gate;
      std::atomic<bool> never{false};
      reply = submit_update(*inst_, req, never);
    }
    t.reply = reply;
    t.finished = true;
    poke();
  });
}

// The part of one tracked update that is this node's: vote, follow the
// decision, record the commit, help finish.
void Node::follow(Tracked& t) {
  std::string error;
  const std::string& id = t.plan.id;
  if (t.participant && !t.voted && (t.gate->prepared.load() || t.finished.load())) {
    std::string vote;
    if (t.plan.dry_run && t.finished.load())
      vote = std::string(t.reply.would_accept ? "WOULD ACCEPT: " : "REFUSED: ") + t.reply.message;
    else if (t.gate->prepared.load())
      vote = cluster::kPrepared;
    else
      vote = "REFUSED: " + t.reply.message;
    if (etcd_.put(cluster::vote_key(id, config_.node_id), vote, lease_.load(), &error)) {
      t.voted = true;
      log("update " + id + ": voted " + vote.substr(0, vote.find('\n')));
    }
  }
  if (!t.decided) {
    bool found = false;
    if (!cluster::read_decision(etcd_, id, &t.decision, &found, &error)) return;
    if (!found && cluster::now_ms() > t.plan.deadline_ms) {
      Decision abort{"ABORT", "the deadline passed without a decision", config_.node_id, cluster::now_ms()};
      if (!cluster::decide(etcd_, t.plan, abort, &t.decision, &error)) return;
      found = !t.decision.decision.empty();
    }
    if (!found) return;
    t.decided = true;
    t.decided_at_ms = cluster::now_ms();
    log("update " + id + ": the cluster decided " + t.decision.decision +
        (t.decision.reason.empty() ? "" : " (" + t.decision.reason + ")"));
    if (t.gate) {
      t.gate->decision = t.decision.commit() && !t.plan.dry_run ? CommitGate::Commit : CommitGate::Abort;
      if (inst_) gate_decided(*inst_);
    }
  }
  if (t.participant && t.decision.commit() && !t.committed && !t.finished.load()) report_waits(t);
  if (t.participant && t.decision.commit() && !t.committed && t.finished.load()) {
    if (t.reply.status == UpdateReply::Status::Committed) {
      version_ = t.plan.service(service_)->to;
      image_sha_ = t.plan.service(service_)->image;
      if (remote_) {
        remote_->set_version(version_.load());
        remote_->hold_changed();
      }
      std::string rec = "{\"version\": " + std::to_string(version_.load()) +
                        ", \"pause_us\": " + std::to_string(t.reply.pause_us) +
                        ", \"at\": " + std::to_string(cluster::now_ms()) + "}";
      if (!etcd_.put(cluster::commit_key(id, config_.node_id), rec, 0, &error)) return;
      etcd_.put(cluster::node_key(service_, config_.node_id), record("running").to_json(), lease_.load(), &error);
      log("update " + id + ": committed, now at version " + std::to_string(version_.load()) + " (pause " +
          std::to_string(t.reply.pause_us) + " us)");
    } else {
      log("update " + id + ": the cluster decided COMMIT but this node could not: " + t.reply.message);
    }
    t.committed = true;
  }
  if (t.settled()) {
    bool finished = false;
    bool looked = cluster::now_ms() - t.decided_at_ms < kFinishGraceMs
                      ? cluster::is_done(etcd_, t.plan.id, &finished, &error)
                      : cluster::try_finish(etcd_, t.plan, config_.node_id, &finished, &error);
    if (looked && finished && t.finished.load()) {
      if (t.worker.joinable()) t.worker.join();
      std::lock_guard<std::mutex> lock(tracked_mu_);
      tracked_.reset();
    } else if (finished && !t.participant) {
      std::lock_guard<std::mutex> lock(tracked_mu_);
      tracked_.reset();
    }
  }
}

// While a decided COMMIT waits for its safe point, the node's record says
// what it waits for (procedures of the restricted set still running), so
// `dvm status --cluster` and the updater can show it.
void Node::report_waits(Tracked& t) {
  int64_t now = cluster::now_ms();
  if (now - t.waits_reported_ms < 1000) return;
  t.waits_reported_ms = now;
  nlohmann::json st = nlohmann::json::parse(status_json(*inst_), nullptr, false);
  NodeRecord r = record("committing");
  if (st.is_object() && st.contains("pending") && st["pending"].is_array())
    for (const auto& p : st["pending"])
      if (p.is_object() && p.contains("waits_for") && p["waits_for"].is_array())
        for (const auto& w : p["waits_for"])
          if (w.is_string()) r.waits_for.push_back(w.get<std::string>());
  std::string error;
  etcd_.put(cluster::node_key(service_, config_.node_id), r.to_json(), lease_.load(), &error);
  if (!r.waits_for.empty() && !t.said_waits) {
    std::string list;
    for (const std::string& w : r.waits_for) list += (list.empty() ? "" : ", ") + w;
    log("update " + t.plan.id + ": the commit waits for " + list + " to return");
    t.said_waits = true;
  }
}

// A call from a node already at the version an update this node prepared
// brings means the cluster decided COMMIT: commit first, and hold the call
// until then (so a new caller never meets old code).
bool Node::hold(const wire::CallHeader& h) {
  std::lock_guard<std::mutex> lock(tracked_mu_);
  if (!tracked_ || !tracked_->gate || !tracked_->gate->prepared.load() || tracked_->committed) return false;
  const Plan::Service* s = tracked_->plan.service(h.caller_service);
  if (!s || h.caller_version < s->to || tracked_->plan.dry_run) return false;
  if (tracked_->finished.load()) return false;  // already committed (or dropped) here
  if (tracked_->gate->decision.exchange(CommitGate::Commit) != CommitGate::Commit) {
    log("update " + tracked_->plan.id + ": a call from " + h.caller_node + " at version " +
        std::to_string(h.caller_version) + " shows the cluster decided COMMIT: committing first");
    if (inst_) gate_decided(*inst_);
  }
  poke();
  return true;
}

// After losing the lease: follow any update this node took part in to its
// end, catch up with the cluster version, and register again.
void Node::rejoin() {
  std::string error;
  if (tracked_) {
    tick();
    if (tracked_) return;  // not over yet
  }
  int64_t lease = 0;
  if (!etcd_.grant(cluster::kNodeTtl, &lease, &error)) return;  // etcd still away
  lease_ = lease;
  catch_up();
  if (!register_node(&error)) return;  // an update in progress: next time
  lease_lost_ = false;
  if (remote_) remote_->set_serving(true);
  log("registered again at version " + std::to_string(version_.load()) + "; serving");
}

// A node that missed an update (cut off before its plan) applies the
// committed version as an update of its own before it serves again.
void Node::catch_up() {
  std::string error;
  etcd::KeyValue kv;
  bool found = false;
  ServiceVersion v;
  if (!etcd_.get(cluster::version_key(service_), &kv, &found, &error) || !found ||
      !ServiceVersion::from_json(kv.value, &v) || v.version <= version_.load() || v.image == image_sha_)
    return;
  std::vector<uint8_t> bytes;
  if (!fetch_image(etcd_, v.image, &bytes, nullptr, &error)) {
    log("cannot catch up with version " + std::to_string(v.version) + ": " + error);
    return;
  }
  UpdateRequest req;
  req.image = std::move(bytes);
  req.source = "cluster version " + std::to_string(v.version);
  req.gate = std::make_shared<CommitGate>();
  req.gate->decision = CommitGate::Commit;
  std::atomic<bool> never{false};
  UpdateReply reply = submit_update(*inst_, req, never);
  if (reply.status != UpdateReply::Status::Committed) {
    log("cannot catch up with version " + std::to_string(v.version) + ": " + reply.message);
    return;
  }
  version_ = v.version;
  image_sha_ = v.image;
  if (remote_) remote_->set_version(v.version);
  log("caught up with the cluster version " + std::to_string(v.version));
}

}  // namespace

std::unique_ptr<ClusterNode> join_cluster(const ClusterConfig& config, Image* img, RemoteLog log,
                                          std::string* error) {
  auto node = std::make_unique<Node>(config, std::move(log), img->service);
  if (!node->join(img, error)) return nullptr;
  return node;
}

}  // namespace dvm
