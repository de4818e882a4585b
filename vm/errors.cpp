#include "vm/errors.h"

namespace dvm {

const char* rt_error_message(RtError e) {
  static const char* const kMessages[] = {
#define X(name, msg) msg,
      DVM_RUNTIME_ERRORS(X)
#undef X
  };
  int i = static_cast<int>(e);
  if (i < 0 || i >= static_cast<int>(RtError::COUNT_)) return "unknown runtime error";
  return kMessages[i];
}

}  // namespace dvm
