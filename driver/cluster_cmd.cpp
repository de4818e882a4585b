// dvm update --cluster and dvm status --cluster: the updater's side of one
// update for a whole cluster, and the cluster as etcd records it
// (vm/cluster_protocol.h).
#include "driver/node.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "vm/cluster_protocol.h"
#include "vm/etcd.h"
#include "vm/nats_client.h"
#include "vm/sha256.h"

namespace po = boost::program_options;
using json = nlohmann::json;

namespace dvm::node {
namespace {

using namespace std::chrono_literals;
using cluster::Decision;
using cluster::NodeRecord;
using cluster::Plan;

constexpr int kExitOk = 0, kExitFail = 1, kExitUsage = 2;

[[noreturn]] void usage(const std::string& cmd, const std::string& msg) {
  std::cerr << "dvm " << cmd << ": " << msg << "\nTry 'dvm " << cmd << " --help'.\n";
  std::exit(kExitUsage);
}

std::string updater_name() {
  char host[256] = "";
  gethostname(host, sizeof host - 1);
  return std::string(host) + " pid " + std::to_string(getpid());
}

// Keeps the updater's own lease alive (its place in the queue lives under it).
class LeaseKeeper {
 public:
  LeaseKeeper(etcd::Client& etcd, int64_t lease) : etcd_(etcd), lease_(lease), thread_([this] { loop(); }) {}
  ~LeaseKeeper() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
    std::string error;
    etcd_.revoke(lease_, &error);
  }

 private:
  void loop() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!cv_.wait_for(lock, 1s, [this] { return stop_; })) {
      lock.unlock();
      int64_t ttl;
      std::string error;
      etcd_.keepalive(lease_, &ttl, &error);
      lock.lock();
    }
  }
  etcd::Client& etcd_;
  int64_t lease_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

struct Target {
  std::string service, path, sha;
  std::vector<uint8_t> image;
};

class Updater {
 public:
  Updater(etcd::Client& etcd, const std::string& nats_urls) : etcd_(etcd) {
    if (!nats_urls.empty()) {
      std::string error;
      nats_ = nats::Connection::connect(nats_urls, "dvm update --cluster", {}, &error);
    }
  }

  int run(std::vector<Target>& targets, bool dry_run, bool strict, double timeout_s);

 private:
  bool fail(const std::string& msg) {
    std::cerr << "dvm update: " << msg << '\n';
    return false;
  }
  void notify(const Plan& plan) {
    if (!nats_) return;
    std::string error;
    for (const Plan::Service& s : plan.services) nats_->publish(cluster::notify_subject(s.service), "", {}, &error);
  }
  bool wait_turn(const std::string& id, int64_t queued_at, const std::set<std::string>& services, int64_t deadline);
  bool write_plan(Plan* plan, std::vector<Target>& targets, int64_t deadline);
  bool collect_votes(const Plan& plan, Decision* d);
  int report(const Plan& plan, const Decision& d, int64_t deadline);

  etcd::Client& etcd_;
  std::unique_ptr<nats::Connection> nats_;
  std::chrono::steady_clock::time_point planned_;
  double decided_after_ms_ = 0;
};

// The queue: an update goes when no update queued before it shares a
// service with it, and no claim is held on its services.
bool Updater::wait_turn(const std::string& id, int64_t queued_at, const std::set<std::string>& services,
                        int64_t deadline) {
  bool said = false;
  while (cluster::now_ms() < deadline) {
    std::vector<etcd::KeyValue> queue, claims;
    std::string error;
    if (!etcd_.range(cluster::queue_prefix(), etcd::prefix_end(cluster::queue_prefix()), &queue, nullptr, &error) ||
        !etcd_.range(cluster::claims_prefix(), etcd::prefix_end(cluster::claims_prefix()), &claims, nullptr, &error))
      return fail(error);
    bool blocked = false;
    for (const etcd::KeyValue& kv : queue) {
      if (kv.create_revision >= queued_at) continue;
      json j = json::parse(kv.value, nullptr, false);
      if (j.is_array())
        for (const json& s : j)
          if (s.is_string() && services.count(s.get<std::string>())) blocked = true;
    }
    for (const etcd::KeyValue& kv : claims)
      if (services.count(kv.key.substr(cluster::claims_prefix().size()))) blocked = true;
    if (!blocked) return true;
    if (!said) std::cout << "update " << id << ": waiting for earlier updates of the same services" << std::endl;
    said = true;
    std::this_thread::sleep_for(50ms);
  }
  return fail("update " + id + ": earlier updates did not end before the timeout");
}

// Participants are the nodes registered at one revision; the plan and the
// claims are written only if no node registered or re-registered since.
bool Updater::write_plan(Plan* plan, std::vector<Target>& targets, int64_t deadline) {
  while (cluster::now_ms() < deadline) {
    std::string error;
    plan->participants.clear();
    plan->services.clear();
    int64_t revision = 0;
    std::vector<etcd::Compare> compares;
    std::vector<etcd::Op> ops;
    for (Target& t : targets) {
      std::vector<etcd::KeyValue> nodes;
      int64_t rev = 0;
      if (!etcd_.range(cluster::nodes_prefix(t.service), etcd::prefix_end(cluster::nodes_prefix(t.service)), &nodes,
                       &rev, &error))
        return fail(error);
      revision = std::max(revision, rev);
      for (const etcd::KeyValue& kv : nodes) {
        NodeRecord r;
        if (NodeRecord::from_json(kv.value, &r)) plan->participants.push_back({t.service, r.node});
      }
      etcd::KeyValue kv;
      bool found = false;
      if (!etcd_.get(cluster::version_key(t.service), &kv, &found, &error)) return fail(error);
      cluster::ServiceVersion v;
      if (found && !cluster::ServiceVersion::from_json(kv.value, &v)) return fail("the version record of " + t.service + " is damaged");
      plan->services.push_back({t.service, t.sha, t.path, v.version, v.version + 1});
    }
    for (Target& t : targets) {
      etcd::Compare unclaimed;
      unclaimed.key = cluster::claim_key(t.service);
      unclaimed.target = etcd::Compare::Target::Create;
      compares.push_back(unclaimed);
      etcd::Compare quiet;  // no registration changed since the read
      quiet.key = cluster::nodes_prefix(t.service);
      quiet.range_end = etcd::prefix_end(cluster::nodes_prefix(t.service));
      quiet.target = etcd::Compare::Target::Mod;
      quiet.result = etcd::Compare::Result::Less;
      quiet.number = revision + 1;
      compares.push_back(quiet);
      ops.push_back({etcd::Op::Kind::Put, cluster::claim_key(t.service), plan->id, "", 0});
    }
    ops.push_back({etcd::Op::Kind::Put, cluster::plan_key(plan->id), plan->to_json(), "", 0});
    etcd::TxnResult r;
    if (!etcd_.txn(compares, ops, {}, &r, &error)) return fail(error);
    if (r.succeeded) return true;
    std::this_thread::sleep_for(20ms);
  }
  return fail("update " + plan->id + ": the cluster's membership kept changing until the timeout");
}

// Waits for every vote; decides COMMIT when all are PREPARED (and their
// nodes still registered), ABORT at the first refusal, lost node or the deadline.
bool Updater::collect_votes(const Plan& plan, Decision* d) {
  std::string error, said_error;
  for (;;) {
    bool found = false;
    if (cluster::read_decision(etcd_, plan.id, d, &found, &error) && found) return true;  // decided by someone else
    std::vector<etcd::KeyValue> votes, nodes;
    bool read = etcd_.range(cluster::votes_prefix(plan.id), etcd::prefix_end(cluster::votes_prefix(plan.id)), &votes,
                            nullptr, &error) &&
                etcd_.range(cluster::nodes_prefix(), etcd::prefix_end(cluster::nodes_prefix()), &nodes, nullptr, &error);
    Decision want{"", "", "updater " + updater_name(), cluster::now_ms()};
    if (read) {
      std::map<std::string, std::string> by_node;
      for (const etcd::KeyValue& kv : votes) by_node[kv.key.substr(cluster::votes_prefix(plan.id).size())] = kv.value;
      std::set<std::string> living;
      for (const etcd::KeyValue& kv : nodes) living.insert(kv.key);
      size_t prepared = 0;
      for (const Plan::Participant& p : plan.participants) {
        auto v = by_node.find(p.node);
        if (v != by_node.end() && v->second == cluster::kPrepared) prepared++;
        else if (v != by_node.end() && plan.dry_run) prepared++;
        else if (v != by_node.end()) want = {"ABORT", "node " + p.node + " refused: " + v->second.substr(9), want.by, want.at_ms};
        else if (!living.count(cluster::node_key(p.service, p.node)))
          // Its record and any vote it gave live on its lease: gone together.
          want = {"ABORT", "node " + p.node + " left the cluster before the decision", want.by, want.at_ms};
      }
      if (want.decision.empty() && prepared == plan.participants.size())
        want = plan.dry_run ? Decision{"ABORT", "dry run", want.by, want.at_ms} : Decision{"COMMIT", "", want.by, want.at_ms};
    }
    if (want.decision.empty() && cluster::now_ms() > plan.deadline_ms)
      want = {"ABORT", "the deadline passed before every node voted", want.by, want.at_ms};
    if (!want.decision.empty()) {
      if (!cluster::decide(etcd_, plan, want, d, &error)) {
        // Retried until a decision stands (the nodes write ABORT at the
        // deadline); said once, so a refusal by etcd is not silent.
        if (error != said_error) std::cerr << "dvm update: writing the decision failed: " << error << std::endl;
        said_error = error;
        std::this_thread::sleep_for(20ms);
        continue;
      }
      if (!d->decision.empty()) return true;
      continue;  // a COMMIT whose votes changed meanwhile: look again
    }
    std::this_thread::sleep_for(5ms);
  }
}

std::string node_label(const Plan::Participant& p) { return "node " + p.node + " (" + p.service + ")"; }

// Prints every node's outcome once the update is over (or the timeout passes).
int Updater::report(const Plan& plan, const Decision& d, int64_t deadline) {
  std::string error;
  bool finished = false;
  while (!finished && cluster::now_ms() < deadline) {
    if (!cluster::try_finish(etcd_, plan, "updater " + updater_name(), &finished, &error)) finished = false;
    if (!finished) std::this_thread::sleep_for(5ms);
  }
  // The update ended here (every commit recorded, the versions moved on);
  // what follows only reads and prints.
  double done_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - planned_).count();
  std::vector<etcd::KeyValue> votes, commits, nodes;
  etcd_.range(cluster::votes_prefix(plan.id), etcd::prefix_end(cluster::votes_prefix(plan.id)), &votes, nullptr, &error);
  etcd_.range(cluster::commits_prefix(plan.id), etcd::prefix_end(cluster::commits_prefix(plan.id)), &commits, nullptr,
              &error);
  etcd_.range(cluster::nodes_prefix(), etcd::prefix_end(cluster::nodes_prefix()), &nodes, nullptr, &error);
  std::map<std::string, std::string> vote_of, commit_of;
  for (const auto& kv : votes) vote_of[kv.key.substr(cluster::votes_prefix(plan.id).size())] = kv.value;
  for (const auto& kv : commits) commit_of[kv.key.substr(cluster::commits_prefix(plan.id).size())] = kv.value;
  std::set<std::string> living;
  for (const auto& kv : nodes) living.insert(kv.key);
  bool all_committed = true;
  for (const Plan::Participant& p : plan.participants) {
    std::string who = node_label(p) + ": ";
    bool alive = living.count(cluster::node_key(p.service, p.node)) > 0;
    if (plan.dry_run) {
      auto v = vote_of.find(p.node);
      std::cout << who << (v == vote_of.end() ? "no answer" : v->second) << '\n';
      continue;
    }
    if (d.commit()) {
      auto c = commit_of.find(p.node);
      if (c != commit_of.end()) {
        json j = json::parse(c->second, nullptr, false);
        std::cout << who << "committed as version " << (j.is_object() ? j.value("version", 0) : 0) << " (pause "
                  << (j.is_object() ? j.value("pause_us", 0) : 0) << " us)\n";
      } else if (!alive) {
        std::cout << who << "left the cluster after the decision; it runs the new version when it comes back\n";
      } else {
        all_committed = false;
        std::string waits;
        for (const auto& kv : nodes) {
          NodeRecord r;
          if (kv.key == cluster::node_key(p.service, p.node) && NodeRecord::from_json(kv.value, &r))
            for (const std::string& w : r.waits_for) waits += (waits.empty() ? "" : ", ") + w;
        }
        std::cerr << "dvm update: " << who << "has not committed yet"
                  << (waits.empty() ? "" : " (it waits for " + waits + " to return)") << '\n';
      }
    } else {
      auto v = vote_of.find(p.node);
      std::cerr << "dvm update: " << who << "dropped the update"
                << (v == vote_of.end() ? " (it did not vote)" : " (it voted " + v->second.substr(0, 200) + ")") << '\n';
    }
  }
  std::cout << std::flush;
  if (plan.dry_run) return d.reason == "dry run" ? kExitOk : kExitFail;
  if (d.commit()) {
    for (const Plan::Service& s : plan.services)
      std::cout << "service " << s.service << ": version " << s.from << " -> " << s.to << '\n';
    std::cout << "update " << plan.id << ": COMMIT" << (finished ? "" : " (not every node has committed yet)") << '\n';
    if (finished)
      std::printf("update %s: plan to decision %.1f ms, plan to every commit recorded %.1f ms\n", plan.id.c_str(),
                  decided_after_ms_, done_ms);
    return finished && all_committed ? kExitOk : kExitFail;
  }
  std::cerr << "dvm update: update " << plan.id << ": ABORT: " << d.reason << '\n';
  return kExitFail;
}

int Updater::run(std::vector<Target>& targets, bool dry_run, bool strict, double timeout_s) {
  std::string error;
  int64_t deadline = cluster::now_ms() + static_cast<int64_t>(timeout_s * 1000);
  std::set<std::string> services;
  for (Target& t : targets) {
    if (!services.insert(t.service).second) return fail("service " + t.service + " is named twice"), kExitUsage;
    if (!etcd_.put(cluster::image_key(t.sha), std::string(t.image.begin(), t.image.end()), 0, &error))
      return fail("cannot store the image of " + t.service + ": " + error), kExitFail;
  }
  int64_t lease = 0;
  if (!etcd_.grant(10, &lease, &error)) return fail(error), kExitFail;
  LeaseKeeper keeper(etcd_, lease);
  json list = json::array();
  for (const std::string& s : services) list.push_back(s);
  // The queue entry's key is unique; its revision orders the queue.
  std::string ticket = cluster::queue_prefix() + "t" + std::to_string(getpid()) + "-" + std::to_string(cluster::now_ms());
  etcd::TxnResult put;
  if (!etcd_.txn({}, {{etcd::Op::Kind::Put, ticket, list.dump(), "", lease}}, {}, &put, &error))
    return fail(error), kExitFail;
  std::string id = cluster::update_id(put.revision);
  struct Dequeue {
    etcd::Client& etcd;
    std::string key;
    ~Dequeue() {
      std::string e;
      etcd.del(key, "", &e);
    }
  } dequeue{etcd_, ticket};
  if (!wait_turn(id, put.revision, services, deadline)) return kExitFail;
  Plan plan;
  plan.id = id;
  plan.deadline_ms = deadline;
  plan.dry_run = dry_run;
  plan.strict = strict;
  plan.updater = updater_name();
  if (!write_plan(&plan, targets, deadline)) return kExitFail;
  std::cout << "update " << id << ": " << plan.participants.size() << " node(s) preparing" << std::endl;
  auto planned = std::chrono::steady_clock::now();
  notify(plan);
  Decision d;
  if (!collect_votes(plan, &d)) return kExitFail;
  decided_after_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - planned).count();
  planned_ = planned;
  notify(plan);
  // After a COMMIT the nodes commit at their next safe points: the report
  // waits for them a little past the deadline, for slow safe points.
  return report(plan, d, d.commit() ? std::max(deadline, cluster::now_ms() + 10000) : cluster::now_ms() + 5000);
}

bool load_target(const std::string& service, const std::string& path, ImageLoader load, Target* t) {
  Image img;
  std::vector<uint8_t> bytes;
  if (!load(path, &bytes)) return false;
  std::string error;
  if (!read_image(bytes, &img, &error)) {
    std::cerr << path << ": error: " << error << '\n';
    return false;
  }
  if (img.service != service) {
    std::cerr << "dvm update: " << path << " is a program of service " << img.service << ", not " << service << '\n';
    return false;
  }
  t->service = service;
  t->path = path;
  t->image = std::move(bytes);
  t->sha = sha256_hex(t->image);
  return true;
}

}  // namespace

int cmd_update_cluster(const std::vector<std::string>& args, ImageLoader load) {
  po::options_description opts("Options");
  opts.add_options()
      ("cluster", "update every node of the services in one decision")
      ("pairs", po::value<std::vector<std::string>>()->multitoken(), "SERVICE NEW [SERVICE NEW ...]")
      ("dry-run", "each node prints the plan and what it would wait for; nothing changes")
      ("strict", "restrict every changed procedure")
      ("timeout", po::value<double>()->default_value(30), "seconds until the update is aborted unless every node prepared it");
  add_cluster_options(opts);
  opts.add_options()("help,h", "show this help");
  po::positional_options_description pos;
  pos.add("pairs", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(opts).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    usage("update", e.what());
  }
  if (vm.count("help")) {
    std::cout << "Usage: dvm update --cluster SERVICE NEW [SERVICE NEW ...] [--dry-run] [--timeout S] [--etcd URL] "
                 "[--nats URL]\n\n"
              << opts;
    return kExitOk;
  }
  Options o;
  if (std::string bad = read_options(vm, &o); !bad.empty()) usage("update", bad);
  if (o.etcd.empty()) usage("update", "--cluster needs --etcd (or DVM_ETCD)");
  std::vector<std::string> pairs = vm.count("pairs") ? vm["pairs"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (pairs.empty() || pairs.size() % 2) usage("update", "expected SERVICE NEW pairs");
  double timeout = vm["timeout"].as<double>();
  if (!std::isfinite(timeout) || timeout <= 0 || timeout > 86400) usage("update", "--timeout must be a number of seconds above 0 and at most a day (86400)");
  std::vector<Target> targets(pairs.size() / 2);
  for (size_t i = 0; i < targets.size(); i++)
    if (!load_target(pairs[2 * i], pairs[2 * i + 1], load, &targets[i])) return kExitFail;
  etcd::Client etcd(o.etcd);
  Updater u(etcd, o.nats);
  return u.run(targets, vm.count("dry-run") > 0, vm.count("strict") > 0, timeout);
}

// ---- dvm status --cluster

namespace {

json cluster_state(etcd::Client& etcd, std::string* error) {
  std::vector<etcd::KeyValue> nodes, claims;
  if (!etcd.range(cluster::nodes_prefix(), etcd::prefix_end(cluster::nodes_prefix()), &nodes, nullptr, error) ||
      !etcd.range(cluster::claims_prefix(), etcd::prefix_end(cluster::claims_prefix()), &claims, nullptr, error))
    return json();
  json out = {{"nodes", json::array()}, {"services", json::object()}, {"updates", json::array()}};
  std::set<std::string> services;
  for (const auto& kv : nodes) {
    NodeRecord r;
    if (!NodeRecord::from_json(kv.value, &r)) continue;
    services.insert(r.service);
    out["nodes"].push_back({{"service", r.service}, {"node", r.node}, {"host", r.host}, {"pid", r.pid},
                            {"program", r.program}, {"version", r.version}, {"state", r.state},
                            {"waits_for", r.waits_for}, {"log", r.log}});
  }
  std::set<std::string> ids;
  for (const auto& kv : claims) {
    services.insert(kv.key.substr(cluster::claims_prefix().size()));
    ids.insert(kv.value);
  }
  for (const std::string& s : services) {
    etcd::KeyValue kv;
    bool found = false;
    cluster::ServiceVersion v;
    if (etcd.get(cluster::version_key(s), &kv, &found, error) && found && cluster::ServiceVersion::from_json(kv.value, &v))
      out["services"][s] = {{"version", v.version}, {"image", v.image}};
  }
  for (const std::string& id : ids) {
    etcd::KeyValue kv;
    bool found = false;
    Plan plan;
    if (!etcd.get(cluster::plan_key(id), &kv, &found, error) || !found || !Plan::from_json(kv.value, &plan)) continue;
    Decision d;
    bool decided = false;
    cluster::read_decision(etcd, id, &d, &decided, error);
    std::vector<etcd::KeyValue> votes, commits;
    etcd.range(cluster::votes_prefix(id), etcd::prefix_end(cluster::votes_prefix(id)), &votes, nullptr, error);
    etcd.range(cluster::commits_prefix(id), etcd::prefix_end(cluster::commits_prefix(id)), &commits, nullptr, error);
    std::map<std::string, std::string> vote_of;
    std::set<std::string> committed;
    for (const auto& v : votes) vote_of[v.key.substr(cluster::votes_prefix(id).size())] = v.value;
    for (const auto& c : commits) committed.insert(c.key.substr(cluster::commits_prefix(id).size()));
    std::string phase = !decided ? "prepare" : d.commit() ? "commit" : "abort";
    json u = {{"id", id}, {"phase", phase}, {"decision", decided ? d.decision : ""}, {"reason", d.reason},
              {"services", json::array()}, {"participants", json::array()}};
    for (const auto& s : plan.services) u["services"].push_back({{"service", s.service}, {"from", s.from}, {"to", s.to}});
    for (const auto& p : plan.participants) {
      auto v = vote_of.find(p.node);
      u["participants"].push_back({{"service", p.service}, {"node", p.node},
                                   {"vote", v == vote_of.end() ? "" : v->second},
                                   {"committed", committed.count(p.node) > 0}});
    }
    out["updates"].push_back(u);
  }
  return out;
}

}  // namespace

int cmd_status_cluster(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("cluster", "the nodes and updates etcd records")("json", "print JSON");
  add_cluster_options(opts);
  opts.add_options()("help,h", "show this help");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(opts).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    usage("status", e.what());
  }
  if (vm.count("help")) {
    std::cout << "Usage: dvm status --cluster [--json] [--etcd URL]\n\n" << opts;
    return kExitOk;
  }
  Options o;
  if (std::string bad = read_options(vm, &o); !bad.empty()) usage("status", bad);
  if (o.etcd.empty()) usage("status", "--cluster needs --etcd (or DVM_ETCD)");
  etcd::Client etcd(o.etcd);
  std::string error;
  json state = cluster_state(etcd, &error);
  if (state.is_null()) {
    std::cerr << "dvm status: " << error << '\n';
    return kExitFail;
  }
  if (vm.count("json")) {
    std::cout << state.dump() << '\n';
    return kExitOk;
  }
  for (auto& [name, v] : state["services"].items())
    std::cout << "service " << name << ": cluster version " << v.value("version", 0) << '\n';
  std::cout << (state["nodes"].empty() ? "no nodes\n" : "");
  for (const json& n : state["nodes"]) {
    std::cout << "  " << n.value("service", "") << "  " << n.value("node", "") << "  host " << n.value("host", "")
              << "  pid " << n.value("pid", 0) << "  version " << n.value("version", 0) << "  " << n.value("state", "");
    if (!n["waits_for"].empty()) {
      std::string w;
      for (const json& x : n["waits_for"]) w += (w.empty() ? "" : ", ") + x.get<std::string>();
      std::cout << "  waits for " << w;
    }
    std::cout << '\n';
  }
  for (const json& u : state["updates"]) {
    std::cout << "update " << u.value("id", "") << ": phase " << u.value("phase", "");
    if (!u.value("reason", "").empty()) std::cout << " (" << u.value("reason", "") << ")";
    std::cout << '\n';
    for (const json& p : u["participants"])
      std::cout << "  " << p.value("node", "") << " (" << p.value("service", "") << "): vote "
                << (p.value("vote", "").empty() ? "none yet" : p.value("vote", "").substr(0, 80))
                << (p.value("committed", false) ? ", committed" : "") << '\n';
  }
  return kExitOk;
}

}  // namespace dvm::node
