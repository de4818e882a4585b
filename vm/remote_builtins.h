// The builtins of remote procedures (stdlib/builtins.def, "remote
// procedures"), defined in vm/remote_builtins.cpp for the builtin table.
#pragma once

namespace dvm {

class Instance;
union Value;

#define DVM_REMOTE_BUILTINS(X)                                                                      \
  X(RPC_BEGIN) X(RPC_PUT_I) X(RPC_PUT_F) X(RPC_PUT_S) X(RPC_PUT_MEM) X(RPC_CALL) X(RPC_RESULT_I) \
  X(RPC_RESULT_F) X(RPC_RESULT_S) X(RPC_RESULT_MEM) X(SERVE)
#define DVM_DECLARE_BUILTIN(name) bool bi_##name(Instance& vm, Value* r);
DVM_REMOTE_BUILTINS(DVM_DECLARE_BUILTIN)
#undef DVM_DECLARE_BUILTIN

}  // namespace dvm
