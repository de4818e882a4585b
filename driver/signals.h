// What SIGINT, SIGTERM and SIGHUP do to `dvm run`: they end the program as
// they would have (status 130, 143, 129), but first remove the control
// channel's socket and, for a node of a cluster, run its farewell (it gives
// its lease back).  A signal the program was started with ignored (a
// background job's SIGINT) stays ignored; a second signal ends it at once.
#pragma once
#include <functional>
#include <string>

namespace dvm::signals {

// The socket to remove before a signal ends the program.
void remove_socket_on_exit(const std::string& path);
// What to do first when a signal ends the program, on a thread of its own
// (a handler may do almost nothing); nullptr clears it, waiting for one
// in progress (which then ends the program).
void farewell_on_exit(std::function<void(int sig)> farewell);

}  // namespace dvm::signals
