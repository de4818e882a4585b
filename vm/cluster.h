// A running program as a node of a cluster (docs/DISTRIBUTED.md, "One update
// for the whole cluster"): its etcd lease and registration, and its part in
// cluster updates: prepare on the control side while the program runs, vote,
// follow the one decision in etcd, commit at a safe point, record it.
// The protocol's keys and shared steps are vm/cluster_protocol.h.
#pragma once
#include <memory>
#include <string>

#include "vm/image.h"
#include "vm/remote.h"

namespace dvm {

class Instance;

struct ClusterConfig {
  std::string etcd;     // endpoints
  std::string nats;     // for the updater's notices ("" : etcd is polled only)
  std::string node_id, host, program, log_path;
  int64_t pid = 0;
};

class ClusterNode {
 public:
  virtual ~ClusterNode() = default;
  // The cluster version this node runs.
  virtual uint32_t version() const = 0;
  // Starts following the cluster with the running instance.
  virtual void attach(Instance& inst, RemoteRuntime* remote) = 0;
  // Leaves: stops its threads and gives its lease back (its record goes).
  virtual void leave() = 0;
  // The lease its record lives on now (0 before it has one); any thread.
  virtual int64_t lease() const = 0;
};

// Joins the cluster as a node of img->service: takes a lease, and runs the
// service's committed version: *img is replaced by it when the cluster has
// moved past the image given (the first node of a service stores its image
// as version 1).  While an update of the service is in progress it waits for
// it to finish.  Null with *error when etcd cannot be used.
std::unique_ptr<ClusterNode> join_cluster(const ClusterConfig& config, Image* img, RemoteLog log,
                                          std::string* error);

}  // namespace dvm
