// Dynamic updating: the interface between the control channel (vm/control.*,
// another thread) and the update engine (vm/update.cpp), which plans updates
// off the program's path and commits them on the interpreter thread at a safe
// point.  See docs/UPDATING.md for the rules.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace dvm {

class Instance;

// An update decided elsewhere (one update for a whole cluster, vm/cluster.h):
// it is verified, planned and linked at once (then `prepared` is set), but
// commits only once `decision` is Commit; Abort abandons it.  Until the
// decision, the update costs the program nothing (no safe point polls).
struct CommitGate {
  enum Decision { Pending = 0, Commit = 1, Abort = 2 };
  std::atomic<int> decision{Pending};
  std::atomic<bool> prepared{false};
  std::function<void()> on_prepared;  // called (on the control side) once prepared is set
};

struct UpdateRequest {
  std::vector<uint8_t> image;  // the new image (.dbc bytes); sources are compiled by the client
  std::string source;          // where NEW came from (shown by status)
  bool dry_run = false;        // plan only: report the plan and what it would wait for
  bool strict = false;         // every changed procedure is restricted
  double timeout_s = 30;       // from when the instance received it (gated: until the gate opens)
  std::shared_ptr<CommitGate> gate;  // null: commit as soon as possible
  // While the update waits: called (on the control side, without the
  // engine's lock) each time what it waits for changes, in words.
  std::function<void(const std::string&)> on_progress;
  bool progress = false;  // the client asks for those words (the channel sets on_progress)
};

// After a gate's decision: makes the program look at its pending updates.
void gate_decided(Instance& inst);

struct UpdateReply {
  // Unchanged: the new image changes nothing in the current version; no
  // version is made (a success, like Committed).
  enum class Status { Committed, Refused, Abandoned, Planned, Failed, Unchanged } status = Status::Failed;
  uint32_t version = 0;   // Committed: the new version number
  uint64_t pause_us = 0;  // Committed: how long the program was stopped for the commit
  bool would_accept = false;  // Planned: true when the update would be accepted
  std::string message;    // the reason (Refused/Abandoned/Failed), the plan (Planned), what stayed (Unchanged)
  // Committed: the active frames that keep running old code after the commit
  // and until when, e.g. "main keeps version 1 until the program ends: it has
  // no update point".
  std::vector<std::string> old_code = {};
};

// Called from the control thread.  Verifies, links and plans the image at once;
// a refused image never touches the program.  Otherwise the update is queued and
// the call blocks until it commits, is abandoned (timeout, `cancelled` set
// because the client went away, a mapper failed) or the program exits.
UpdateReply submit_update(Instance& inst, const UpdateRequest& req, const std::atomic<bool>& cancelled);

// The instance as `dvm status --json` shows one element of "instances":
// {"pid", "program", "versions": [{"number", "source", "loaded_at", "procedures",
// "frames"}], "pending": [{"id", "waits_for": [...]}]}.  Called from the control
// thread; it briefly stops the interpreter at a safe point to count frames.
std::string status_json(Instance& inst);

// Tells waiting control-thread calls that the program has ended.
void updates_program_exited(Instance& inst);

// The canonical path the instance was started from (PROG of `dvm update`).
void set_program_path(Instance& inst, const std::string& path);

}  // namespace dvm
