// The RPC_* and SERVE builtins: thin adapters from argument blocks to the
// instance's remote runtime (vm/remote.h).
#include "vm/remote_builtins.h"

#include <string>

#include "vm/instance.h"
#include "vm/remote.h"
#include "vm/strings.h"

namespace dvm {
namespace {

// The result slot of a builtin with n arguments.
constexpr int kOne = 1;  // RPC_RESULT_* take one argument: the result goes to r[1]

uint32_t type_arg(const Value& v) { return static_cast<uint32_t>(v.i); }  // -1 is kNoType

bool no_runtime(Instance& vm) {
  vm.error_detail = "remote call: this program was started without NATS (--nats or DVM_NATS)";
  return vm.fail(RtError::RemoteCall);
}

std::string string_arg(Instance& vm, const Value& v) {
  str::View view;
  if (!str::view(vm.mem, v.u, &view)) return "";
  return std::string(view.p, static_cast<size_t>(view.len));
}

}  // namespace

bool bi_RPC_BEGIN(Instance& vm, Value* r) {
  if (!vm.remote) return no_runtime(vm);
  return vm.remote->begin_call(vm, string_arg(vm, r[0]), string_arg(vm, r[1]));
}

bool bi_RPC_PUT_I(Instance& vm, Value* r) { return vm.remote ? vm.remote->put_arg(vm, type_arg(r[1]), r[0].u) : no_runtime(vm); }
bool bi_RPC_PUT_F(Instance& vm, Value* r) { return vm.remote ? vm.remote->put_arg(vm, type_arg(r[1]), r[0].u) : no_runtime(vm); }
bool bi_RPC_PUT_S(Instance& vm, Value* r) { return vm.remote ? vm.remote->put_arg(vm, type_arg(r[1]), r[0].u) : no_runtime(vm); }
bool bi_RPC_PUT_MEM(Instance& vm, Value* r) { return vm.remote ? vm.remote->put_arg(vm, type_arg(r[1]), r[0].u) : no_runtime(vm); }

bool bi_RPC_CALL(Instance& vm, Value* r) { return vm.remote ? vm.remote->call(vm, type_arg(r[0])) : no_runtime(vm); }

bool bi_RPC_RESULT_I(Instance& vm, Value* r) {
  return vm.remote ? vm.remote->get_result(vm, type_arg(r[0]), &r[kOne]) : no_runtime(vm);
}
bool bi_RPC_RESULT_F(Instance& vm, Value* r) {
  return vm.remote ? vm.remote->get_result(vm, type_arg(r[0]), &r[kOne]) : no_runtime(vm);
}
bool bi_RPC_RESULT_S(Instance& vm, Value* r) {
  return vm.remote ? vm.remote->get_result(vm, type_arg(r[0]), &r[kOne]) : no_runtime(vm);
}
bool bi_RPC_RESULT_MEM(Instance& vm, Value* r) {
  return vm.remote ? vm.remote->get_result_into(vm, type_arg(r[1]), r[0].u) : no_runtime(vm);
}

// Without NATS there is nothing to serve: the program waits until it is
// stopped all the same (updates still commit while it waits).
bool bi_SERVE(Instance& vm, Value*) {
  if (vm.remote) return vm.remote->serve_forever(vm);
  if (!vm.out.flush()) return vm.output_failed();
  while (!vm.waiter.stop_requested()) vm.waiter.wait(-1, 0, -1, true);
  return false;  // quiet_stop: the program ends with the status a served call gave halt
}

}  // namespace dvm
