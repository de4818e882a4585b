// `dvm run` as a node of a cluster (docs/DISTRIBUTED.md): the options
// --nats, --etcd, --call-timeout and --node-log, the remote-procedure
// runtime, and cluster membership.  A program run without --nats and --etcd
// (and without DVM_NATS and DVM_ETCD) is not a node and none of this runs.
#pragma once
#include <boost/program_options.hpp>
#include <memory>
#include <string>
#include <vector>

#include "vm/image.h"

namespace dvm {
class Instance;
}

namespace dvm::node {

struct Options {
  std::string nats;          // comma-separated NATS URLs; "" for none
  std::string etcd;          // comma-separated etcd endpoints; "" for none
  double call_timeout_s = 5;
  int64_t busy_poll_us = 200;
  std::string log_path;      // where the node writes what it does and decides; "" for nowhere
  bool any() const { return !nats.empty() || !etcd.empty(); }
};

// --nats, --etcd (shared by run, update and status) and --call-timeout,
// --busy-poll, --node-log (run only).
void add_cluster_options(boost::program_options::options_description& opts);
void add_run_options(boost::program_options::options_description& opts);
// The options given, with DVM_NATS / DVM_ETCD / DVM_NODE_LOG for those
// absent (the flags win).  "" on success, else what is wrong.
std::string read_options(const boost::program_options::variables_map& vm, Options* out);

class Session;

// One `dvm run` as a node.  Before the instance exists, start() joins the
// cluster and may replace the image by the service's committed version;
// attach() connects the instance; the destructor leaves.
class Node {
 public:
  explicit Node(Options options);
  ~Node();
  // False, after printing why to stderr, when the node cannot start.
  bool start(const std::string& program_path, Image* img);
  bool attach(Instance& inst);
  // From now until detach(), a signal that ends the program
  // (driver/signals.h) first gives the node's lease back, so that its record
  // leaves the cluster at once, not when the lease runs out.
  void leave_on_signals();
  void detach();

 private:
  std::unique_ptr<Session> session_;
};

// dvm update --cluster and dvm status --cluster (driver/cluster_cmd.cpp).
// `load` gives the image bytes of NEW (an image, or a source compiled).
using ImageLoader = bool (*)(const std::string& path, std::vector<uint8_t>* bytes);
int cmd_update_cluster(const std::vector<std::string>& args, ImageLoader load);
int cmd_status_cluster(const std::vector<std::string>& args);
bool has_cluster_flag(const std::vector<std::string>& args);

}  // namespace dvm::node
