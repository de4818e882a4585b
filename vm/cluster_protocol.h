// One update for a whole cluster: the etcd keys, the records stored under
// them, and the steps both the updater (`dvm update --cluster`) and the
// nodes take.  docs/DISTRIBUTED.md tells the protocol; the one decision of
// an update is the key decision_key(id), written once by a compare-and-set.
//
//   dvm/nodes/SVC/NODE           node record (JSON), under the node's lease
//   dvm/images/SHA256            an image, content-addressed
//   dvm/services/SVC/version     {"version", "image", "update"}: the cluster version
//   dvm/services/SVC/versions/N  the same for every committed version (history)
//   dvm/queue/ID                 an updater waiting for its turn (under its lease)
//   dvm/claims/SVC               the update in progress for SVC (its ID)
//   dvm/updates/ID/plan          the plan (JSON)
//   dvm/updates/ID/decision      {"decision": "COMMIT"|"ABORT", "reason", "by", "at"}
//   dvm/updates/ID/done          {"outcome", "at"}: claims released, cluster version moved
//   dvm/votes/ID/NODE            "PREPARED" or "REFUSED: why", under the voter's lease
//   dvm/commits/ID/NODE          {"version", "pause_us", "at"}: a node committed
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "vm/etcd.h"

namespace dvm::cluster {

constexpr int64_t kNodeTtl = 3;     // seconds: a node silent this long is gone
constexpr const char* kPrepared = "PREPARED";

inline std::string nodes_prefix() { return "dvm/nodes/"; }
inline std::string nodes_prefix(const std::string& svc) { return "dvm/nodes/" + svc + "/"; }
inline std::string node_key(const std::string& svc, const std::string& node) { return nodes_prefix(svc) + node; }
inline std::string image_key(const std::string& sha) { return "dvm/images/" + sha; }
inline std::string version_key(const std::string& svc) { return "dvm/services/" + svc + "/version"; }
std::string history_key(const std::string& svc, uint32_t version);
inline std::string claims_prefix() { return "dvm/claims/"; }
inline std::string claim_key(const std::string& svc) { return claims_prefix() + svc; }
inline std::string queue_prefix() { return "dvm/queue/"; }
inline std::string updates_prefix() { return "dvm/updates/"; }
inline std::string plan_key(const std::string& id) { return updates_prefix() + id + "/plan"; }
inline std::string decision_key(const std::string& id) { return updates_prefix() + id + "/decision"; }
inline std::string done_key(const std::string& id) { return updates_prefix() + id + "/done"; }
inline std::string votes_prefix(const std::string& id) { return "dvm/votes/" + id + "/"; }
inline std::string vote_key(const std::string& id, const std::string& node) { return votes_prefix(id) + node; }
inline std::string commits_prefix(const std::string& id) { return "dvm/commits/" + id + "/"; }
inline std::string commit_key(const std::string& id, const std::string& node) { return commits_prefix(id) + node; }
// NATS subject on which an updater tells the nodes of SVC to look at etcd now
// (nodes also look every second: the notice only saves time).
inline std::string notify_subject(const std::string& svc) { return "dvm.cluster." + svc; }
// An update id from the etcd revision that queued it: sortable text.
std::string update_id(int64_t revision);

struct NodeRecord {
  std::string service, node, host, program, log;
  int64_t pid = 0;
  uint32_t version = 0;      // the cluster version it runs
  std::string state;         // "running", "prepared", "committing"
  std::vector<std::string> waits_for;  // a committed update waits for these procedures to return
  std::string to_json() const;
  static bool from_json(const std::string& text, NodeRecord* out);
};

struct ServiceVersion {
  uint32_t version = 0;
  std::string image;   // sha256 of the image
  std::string update;  // the update that made it ("" for the first)
  std::string to_json() const;
  static bool from_json(const std::string& text, ServiceVersion* out);
};

struct Plan {
  struct Service {
    std::string service, image, source;
    uint32_t from = 0, to = 0;
  };
  struct Participant {
    std::string service, node;
  };
  std::string id;
  std::vector<Service> services;
  std::vector<Participant> participants;
  int64_t deadline_ms = 0;  // wall clock: ABORT by anyone after this, unless decided
  bool dry_run = false, strict = false;
  std::string updater;      // host and pid of `dvm update --cluster`
  std::string to_json() const;
  static bool from_json(const std::string& text, Plan* out);
  const Service* service(const std::string& name) const;
};

struct Decision {
  std::string decision;  // "COMMIT" or "ABORT"
  std::string reason, by;
  int64_t at_ms = 0;
  bool commit() const { return decision == "COMMIT"; }
  std::string to_json() const;
  static bool from_json(const std::string& text, Decision* out);
};

int64_t now_ms();

// Writes the decision if none is written yet.  A COMMIT is written only if
// every participant's vote is PREPARED, in the same transaction; votes live
// on their node's lease, so this also means every participant is still
// registered.  *final is the decision that stands (ours or an
// earlier one).
bool decide(etcd::Client& etcd, const Plan& plan, const Decision& wanted, Decision* final, std::string* error);

// Reads the decision; *found false when there is none yet.
bool read_decision(etcd::Client& etcd, const std::string& id, Decision* d, bool* found, std::string* error);

// Whether the update is done (its `done` record written).
bool is_done(etcd::Client& etcd, const std::string& id, bool* done, std::string* error);

// Ends a decided update once nothing more can change it: on COMMIT, when
// every participant still registered has recorded its commit, the cluster
// versions move on; on ABORT at once.  The claims are released and done
// written, once, by whoever gets there first.  *finished tells whether the
// update is done (by us or before).
bool try_finish(etcd::Client& etcd, const Plan& plan, const std::string& by, bool* finished, std::string* error);

}  // namespace dvm::cluster
