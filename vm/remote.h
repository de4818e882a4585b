// Remote procedures (docs/DISTRIBUTED.md): calls from this program to the
// exported procedures of other programs, and the serving of this program's
// own exports, carried by NATS.
//
// Calling: an imported procedure is an ordinary procedure whose code hands
// its arguments to the RPC_* builtins (stdlib/builtins.def); the last of
// them publishes the call and waits for the reply.  Waiting is idle, so the
// program serves calls meanwhile (also calls to itself).
//
// Serving: calls arrive on a NATS thread and are queued; the program runs
// them on its own thread, one at a time and each to completion, only when
// it is idle (blocked reading input, asleep, in `serve`, or waiting for a
// remote call of its own), through the Waiter's idle hook (vm/io.h).  A
// program that is not idle serves nothing and pays nothing.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "vm/remote_wire.h"

namespace dvm {

class Instance;
union Value;

struct RemoteConfig {
  std::string nats_urls;        // comma-separated; empty: no NATS (calls fail, nothing is served)
  std::string node_id;          // unique per process; a NATS subject token
  std::string service;          // what this program serves (Image::service)
  double call_timeout_s = 5;    // --call-timeout
  int64_t busy_poll_us = 200;   // --busy-poll: after serving a call, poll for the next without sleeping
  uint32_t version = 1;         // the version reported in calls and replies
};

// Where a node's activity is written for its operator (a log line per event).
using RemoteLog = std::function<void(const std::string& line)>;

class RemoteRuntime {
 public:
  virtual ~RemoteRuntime() = default;

  // The version calls and replies carry (the cluster version of this node's
  // service); changed by the cluster module at a commit.
  virtual void set_version(uint32_t version) = 0;
  virtual uint32_t version() const = 0;
  // Stops or resumes taking calls from the service's queue group (a node
  // that lost its cluster lease stops serving).  Calls already queued are served.
  virtual void set_serving(bool serving) = 0;
  // Consulted (on a NATS thread) for every arriving call: true holds the call
  // until it returns false (a caller at a version this node has prepared but
  // not yet committed).  hold_changed() asks again.
  virtual void set_hold(std::function<bool(const wire::CallHeader&)> hold) = 0;
  virtual void hold_changed() = 0;

  // ---- the builtins (on the program's thread)
  virtual bool begin_call(Instance& inst, const std::string& service, const std::string& proc) = 0;
  virtual bool put_arg(Instance& inst, uint32_t type, uint64_t value) = 0;
  virtual bool call(Instance& inst, uint32_t result_type) = 0;
  virtual bool get_result(Instance& inst, uint32_t type, Value* out) = 0;
  virtual bool get_result_into(Instance& inst, uint32_t type, uint64_t addr) = 0;
  virtual bool serve_forever(Instance& inst) = 0;
};

// Connects to NATS (when configured), subscribes to the service's queue
// group and installs the idle hook.  Null with *error when NATS cannot be
// reached.  The runtime must be destroyed before the instance.
std::unique_ptr<RemoteRuntime> start_remote(Instance& inst, const RemoteConfig& config, RemoteLog log,
                                            std::string* error);

}  // namespace dvm
