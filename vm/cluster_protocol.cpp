#include "vm/cluster_protocol.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace dvm::cluster {

using json = nlohmann::json;

namespace {

// A JSON object from etcd, or null (anything else: a damaged record).
json parse_object(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  return j.is_object() ? j : json();
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

int64_t num(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

uint32_t version_num(const json& j, const char* key) {
  int64_t v = num(j, key);
  return v > 0 && v < (int64_t{1} << 31) ? static_cast<uint32_t>(v) : 0;
}

}  // namespace

std::string history_key(const std::string& svc, uint32_t version) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08u", version);
  return "dvm/services/" + svc + "/versions/" + buf;
}

std::string update_id(int64_t revision) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%012lld", static_cast<long long>(revision));
  return buf;
}

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string NodeRecord::to_json() const {
  return json({{"service", service}, {"node", node}, {"host", host}, {"pid", pid}, {"program", program},
               {"log", log}, {"version", version}, {"state", state}, {"waits_for", waits_for}})
      .dump();
}

bool NodeRecord::from_json(const std::string& text, NodeRecord* out) {
  json j = parse_object(text);
  if (j.is_null()) return false;
  out->service = str(j, "service");
  out->node = str(j, "node");
  out->host = str(j, "host");
  out->program = str(j, "program");
  out->log = str(j, "log");
  out->pid = num(j, "pid");
  out->version = version_num(j, "version");
  out->state = str(j, "state");
  out->waits_for.clear();
  if (j.contains("waits_for") && j["waits_for"].is_array())
    for (const json& w : j["waits_for"])
      if (w.is_string()) out->waits_for.push_back(w.get<std::string>());
  return !out->node.empty();
}

std::string ServiceVersion::to_json() const {
  return json({{"version", version}, {"image", image}, {"update", update}}).dump();
}

bool ServiceVersion::from_json(const std::string& text, ServiceVersion* out) {
  json j = parse_object(text);
  if (j.is_null()) return false;
  out->version = version_num(j, "version");
  out->image = str(j, "image");
  out->update = str(j, "update");
  return out->version > 0 && out->image.size() == 64;
}

std::string Plan::to_json() const {
  json s = json::array(), p = json::array();
  for (const Service& x : services)
    s.push_back({{"service", x.service}, {"image", x.image}, {"source", x.source}, {"from", x.from}, {"to", x.to}});
  for (const Participant& x : participants) p.push_back({{"service", x.service}, {"node", x.node}});
  return json({{"id", id}, {"services", s}, {"participants", p}, {"deadline_ms", deadline_ms}, {"dry_run", dry_run},
               {"strict", strict}, {"updater", updater}})
      .dump();
}

bool Plan::from_json(const std::string& text, Plan* out) {
  json j = parse_object(text);
  if (j.is_null() || !j.contains("services") || !j["services"].is_array() || !j.contains("participants") ||
      !j["participants"].is_array())
    return false;
  out->id = str(j, "id");
  out->deadline_ms = num(j, "deadline_ms");
  out->dry_run = j.value("dry_run", false);
  out->strict = j.value("strict", false);
  out->updater = str(j, "updater");
  out->services.clear();
  out->participants.clear();
  for (const json& x : j["services"]) {
    if (!x.is_object()) return false;
    out->services.push_back({str(x, "service"), str(x, "image"), str(x, "source"), version_num(x, "from"),
                             version_num(x, "to")});
  }
  for (const json& x : j["participants"]) {
    if (!x.is_object()) return false;
    out->participants.push_back({str(x, "service"), str(x, "node")});
  }
  return !out->id.empty() && !out->services.empty();
}

const Plan::Service* Plan::service(const std::string& name) const {
  for (const Service& s : services)
    if (s.service == name) return &s;
  return nullptr;
}

std::string Decision::to_json() const {
  return json({{"decision", decision}, {"reason", reason}, {"by", by}, {"at", at_ms}}).dump();
}

bool Decision::from_json(const std::string& text, Decision* out) {
  json j = parse_object(text);
  if (j.is_null()) return false;
  out->decision = str(j, "decision");
  out->reason = str(j, "reason");
  out->by = str(j, "by");
  out->at_ms = num(j, "at");
  return out->decision == "COMMIT" || out->decision == "ABORT";
}

bool read_decision(etcd::Client& etcd, const std::string& id, Decision* d, bool* found, std::string* error) {
  etcd::KeyValue kv;
  if (!etcd.get(decision_key(id), &kv, found, error)) return false;
  if (*found && !Decision::from_json(kv.value, d)) {
    // A damaged decision is read as ABORT: nothing commits on what cannot be confirmed.
    d->decision = "ABORT";
    d->reason = "the decision record is damaged";
  }
  return true;
}

bool decide(etcd::Client& etcd, const Plan& plan, const Decision& wanted, Decision* final, std::string* error) {
  using etcd::Compare;
  std::vector<Compare> compares;
  Compare absent;
  absent.key = decision_key(plan.id);
  absent.target = Compare::Target::Create;
  absent.number = 0;
  compares.push_back(absent);
  if (wanted.commit()) {
    // One comparison per participant: its vote is PREPARED.  A vote is
    // written under the lease that also holds the node's record, and both go
    // together when the lease ends, so a vote still there is a node still
    // registered.  (etcd bounds a transaction's comparisons, --max-txn-ops,
    // 128 by default: two per node stopped 64 nodes from ever committing.)
    for (const Plan::Participant& p : plan.participants) {
      Compare vote;
      vote.key = vote_key(plan.id, p.node);
      vote.target = Compare::Target::Value;
      vote.value = kPrepared;
      compares.push_back(vote);
    }
  }
  etcd::Op put{etcd::Op::Kind::Put, decision_key(plan.id), wanted.to_json(), "", 0};
  etcd::Op read{etcd::Op::Kind::Range, decision_key(plan.id), "", "", 0};
  etcd::TxnResult r;
  if (!etcd.txn(compares, {put}, {read}, &r, error)) return false;
  if (r.succeeded) {
    *final = wanted;
    return true;
  }
  bool found = !r.ranges.empty() && !r.ranges[0].empty();
  if (!found) {
    // A COMMIT whose conditions no longer hold: some vote or node is missing.
    *error = "";
    final->decision.clear();
    return true;
  }
  if (!Decision::from_json(r.ranges[0][0].value, final)) {
    final->decision = "ABORT";
    final->reason = "the decision record is damaged";
  }
  return true;
}

bool is_done(etcd::Client& etcd, const std::string& id, bool* done, std::string* error) {
  etcd::KeyValue kv;
  return etcd.get(done_key(id), &kv, done, error);
}

bool try_finish(etcd::Client& etcd, const Plan& plan, const std::string& by, bool* finished, std::string* error) {
  *finished = false;
  etcd::KeyValue done;
  bool found = false;
  if (!etcd.get(done_key(plan.id), &done, &found, error)) return false;
  if (found) return *finished = true;
  Decision d;
  if (!read_decision(etcd, plan.id, &d, &found, error)) return false;
  if (!found || plan.dry_run) {
    if (!found) return true;  // not decided yet
  }
  using etcd::Compare;
  std::vector<Compare> compares;
  Compare absent;
  absent.key = done_key(plan.id);
  absent.target = Compare::Target::Create;
  compares.push_back(absent);
  std::vector<etcd::Op> ops;
  if (d.commit() && !plan.dry_run) {
    std::vector<etcd::KeyValue> commits, nodes;
    if (!etcd.range(commits_prefix(plan.id), etcd::prefix_end(commits_prefix(plan.id)), &commits, nullptr, error) ||
        !etcd.range(nodes_prefix(), etcd::prefix_end(nodes_prefix()), &nodes, nullptr, error))
      return false;
    std::set<std::string> committed, living;
    for (const etcd::KeyValue& kv : commits) committed.insert(kv.key.substr(commits_prefix(plan.id).size()));
    for (const etcd::KeyValue& kv : nodes) living.insert(kv.key);
    for (const Plan::Participant& p : plan.participants)
      if (living.count(node_key(p.service, p.node)) && !committed.count(p.node)) return true;  // still to commit
    for (const Plan::Service& s : plan.services) {
      ServiceVersion v{s.to, s.image, plan.id};
      ops.push_back({etcd::Op::Kind::Put, version_key(s.service), v.to_json(), "", 0});
      ops.push_back({etcd::Op::Kind::Put, history_key(s.service, s.to), v.to_json(), "", 0});
    }
  }
  for (const Plan::Service& s : plan.services) {
    Compare ours;
    ours.key = claim_key(s.service);
    ours.target = Compare::Target::Value;
    ours.value = plan.id;
    compares.push_back(ours);
    ops.push_back({etcd::Op::Kind::Delete, claim_key(s.service), "", "", 0});
  }
  std::string outcome = plan.dry_run ? "dry run" : d.commit() ? "committed" : "aborted";
  ops.push_back({etcd::Op::Kind::Put, done_key(plan.id),
                 json({{"outcome", outcome}, {"by", by}, {"at", now_ms()}}).dump(), "", 0});
  etcd::TxnResult r;
  if (!etcd.txn(compares, ops, {}, &r, error)) return false;
  if (r.succeeded) return *finished = true;
  // Someone else finished first (or the claims were lost): look again.
  if (!etcd.get(done_key(plan.id), &done, &found, error)) return false;
  *finished = found;
  return true;
}

}  // namespace dvm::cluster
