#include "driver/node.h"

#include <unistd.h>

#include <chrono>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>

#include "driver/signals.h"
#include "vm/cluster.h"
#include "vm/etcd.h"
#include "vm/instance.h"
#include "vm/remote.h"

namespace po = boost::program_options;

namespace dvm::node {

void add_cluster_options(po::options_description& opts) {
  opts.add_options()
      ("nats", po::value<std::string>(), "NATS server(s) carrying remote calls, e.g. nats://127.0.0.1:4222 (default: $DVM_NATS)")
      ("etcd", po::value<std::string>(), "etcd endpoint(s) of the cluster, e.g. http://127.0.0.1:2379 (default: $DVM_ETCD)");
}

void add_run_options(po::options_description& opts) {
  add_cluster_options(opts);
  opts.add_options()
      ("call-timeout", po::value<double>(), "seconds a remote call may take (default 5)")
      ("busy-poll", po::value<std::string>(), "microseconds a node keeps polling for the next call after serving one, awake (default 200; 0: sleep at once)")
      ("node-log", po::value<std::string>(), "file where a node logs what it does and decides (default: $DVM_NODE_LOG)");
}

namespace {

std::string flag_or_env(const po::variables_map& vm, const char* flag, const char* env) {
  if (vm.count(flag)) return vm[flag].as<std::string>();
  const char* v = std::getenv(env);
  return v ? v : "";
}

// host-pid-random: unique per process, and a NATS subject token.
std::string make_node_id() {
  char host[256] = "host";
  gethostname(host, sizeof host - 1);
  std::string id;
  for (const char* p = host; *p; p++) id += std::isalnum(static_cast<unsigned char>(*p)) || *p == '-' ? *p : '_';
  std::random_device rd;
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "%04x", static_cast<unsigned>(rd()) & 0xffff);
  return id + "-" + std::to_string(getpid()) + "-" + suffix;
}

std::string timestamp() {
  using namespace std::chrono;
  auto now = system_clock::now();
  std::time_t t = system_clock::to_time_t(now);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms));
  return out;
}

}  // namespace

bool has_cluster_flag(const std::vector<std::string>& args) {
  for (const std::string& a : args)
    if (a == "--") break;
    else if (a == "--cluster") return true;
  return false;
}

std::string read_options(const po::variables_map& vm, Options* out) {
  out->nats = flag_or_env(vm, "nats", "DVM_NATS");
  out->etcd = flag_or_env(vm, "etcd", "DVM_ETCD");
  out->log_path = flag_or_env(vm, "node-log", "DVM_NODE_LOG");
  if (vm.count("call-timeout")) {
    out->call_timeout_s = vm["call-timeout"].as<double>();
    if (!std::isfinite(out->call_timeout_s) || out->call_timeout_s <= 0 || out->call_timeout_s > 86400)
      return "--call-timeout must be a number of seconds above 0 and at most a day (86400)";
  }
  if (vm.count("busy-poll")) {
    const std::string& text = vm["busy-poll"].as<std::string>();
    char* end = nullptr;
    errno = 0;
    long long us = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno != 0 || us < 0 || us > 1000000)
      return "--busy-poll must be a number of microseconds from 0 to 1000000, not '" + text + "'";
    out->busy_poll_us = us;
  }
  return "";
}

// The node's state across start, attach and detach.
class Session {
 public:
  explicit Session(Options options) : options_(std::move(options)), node_id_(make_node_id()) {
    if (!options_.log_path.empty()) log_.open(options_.log_path, std::ios::app);
  }

  void log(const std::string& line) {
    std::lock_guard<std::mutex> lock(log_mu_);
    if (log_) log_ << timestamp() << " " << node_id_ << " " << line << std::endl;
  }

  bool start(const std::string& program_path, Image* img) {
    service_ = img->service;
    program_path_ = program_path;
    log("node of service " + service_ + " starting (" + program_path + ")");
    if (options_.etcd.empty()) return true;
    ClusterConfig config;
    config.etcd = options_.etcd;
    config.nats = options_.nats;
    config.node_id = node_id_;
    char host[256] = "";
    gethostname(host, sizeof host - 1);
    config.host = host;
    config.pid = getpid();
    config.program = program_path;
    config.log_path = options_.log_path;
    std::string error;
    cluster_ = join_cluster(config, img, [this](const std::string& line) { log(line); }, &error);
    if (!cluster_) {
      std::cerr << "dvm: error: cannot join the cluster: " << error << '\n';
      return false;
    }
    return true;
  }

  bool attach(Instance& inst) {
    RemoteConfig config;
    config.nats_urls = options_.nats;
    config.node_id = node_id_;
    config.service = service_;
    config.call_timeout_s = options_.call_timeout_s;
    config.busy_poll_us = options_.busy_poll_us;
    std::string error;
    remote_ = start_remote(inst, config, [this](const std::string& line) { log(line); }, &error);
    if (!remote_) {
      std::cerr << "dvm: error: " << error << '\n';
      return false;
    }
    log("serving service " + service_ + (options_.nats.empty() ? " (no NATS)" : " on " + options_.nats));
    if (cluster_) cluster_->attach(inst, remote_.get());
    return true;
  }

  // On SIGINT, SIGTERM or SIGHUP (the thread of leave_on_signals): the
  // lease goes back at once, so that the node is no participant of an update
  // started in the seconds its lease would still have run.
  void leave_for_signal(int sig) {
    log("node stopping on signal " + std::to_string(sig) + "; giving its lease back");
    int64_t lease = cluster_ ? cluster_->lease() : 0;
    if (lease == 0) return;
    etcd::Client etcd(options_.etcd, 1000);  // its own: the cluster's may be busy on another thread
    std::string error;
    if (!etcd.revoke(lease, &error)) log("the lease could not be given back: " + error);
  }

  void detach() {
    if (remote_ || cluster_) log("node stopping");
    if (cluster_) cluster_->leave();
    cluster_.reset();
    remote_.reset();
  }

 private:
  Options options_;
  std::string node_id_;
  std::string service_, program_path_;
  std::mutex log_mu_;
  std::ofstream log_;
  std::unique_ptr<RemoteRuntime> remote_;
  std::unique_ptr<ClusterNode> cluster_;
};

Node::Node(Options options) : session_(std::make_unique<Session>(std::move(options))) {}
Node::~Node() { detach(); }
bool Node::start(const std::string& program_path, Image* img) { return session_->start(program_path, img); }
bool Node::attach(Instance& inst) { return session_->attach(inst); }

void Node::leave_on_signals() {
  if (Session* s = session_.get()) signals::farewell_on_exit([s](int sig) { s->leave_for_signal(sig); });
}

void Node::detach() {
  signals::farewell_on_exit(nullptr);  // a farewell in progress ends the program first
  if (session_) session_->detach();
}

}  // namespace dvm::node
