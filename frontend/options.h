// What a compilation is for, beyond the source: shared by both front ends.
#pragma once

namespace dvm {

struct CompileOptions {
  // Lay out every frame with a guard after each slot (FrameGuard), so that
  // `dvm run --check-memory` catches overruns of local arrays.  The program
  // behaves the same; its frames are larger.
  bool check_memory = false;
};

}  // namespace dvm
