// libFuzzer target: arbitrary bytes as C source.  Errors are fine;
// crashes, hangs and images that fail verification are findings.
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>

#include "frontend/c.h"
#include "vm/vm.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  dvm::SourceFile src("fuzz.c", std::string(reinterpret_cast<const char*>(data), size));
  dvm::Diagnostics diags;
  dvm::Image img;
  if (!dvm::compile_c(src, &img, &diags)) return 0;
  std::string problem = dvm::verify_image(img);
  if (!problem.empty()) {
    std::fprintf(stderr, "compiler produced an invalid image: %s\n", problem.c_str());
    std::abort();
  }
  std::vector<uint8_t> bytes = dvm::write_image(img);
  dvm::Image again;
  std::string error;
  if (!dvm::read_image(bytes, &again, &error)) {
    std::fprintf(stderr, "image does not read back: %s\n", error.c_str());
    std::abort();
  }
  return 0;
}
