// Text files a program opens by name (Pascal's assign/reset/rewrite/append),
// inside the sandbox: a name is a relative path below the directory the
// program runs in, without `..`, and may not lead outside it through a
// symbolic link.  Each open file has its own buffered Input or Output, read
// and written by the same builtins as standard input and output once the
// program selects it (TEXT_IN / TEXT_OUT).  Files still open when the
// instance ends are flushed and closed.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vm/errors.h"
#include "vm/io.h"

namespace dvm {

class TextFiles {
 public:
  enum class Mode { Read, Write, Append };

  TextFiles() = default;
  TextFiles(const TextFiles&) = delete;
  TextFiles& operator=(const TextFiles&) = delete;
  ~TextFiles();

  // Names the file of `handle` (0: a new handle); returns the handle.
  int64_t assign(int64_t handle, const std::string& name);
  // Opens the named file; false with *err set when it cannot be.
  bool open(int64_t handle, Mode mode, Waiter* waiter, Output* console, RtError* err);
  bool close(int64_t handle, RtError* err);

  // The stream the text builtins use: a file's, or null for the console's.
  bool select_out(int64_t handle, RtError* err);
  bool select_in(int64_t handle, RtError* err);
  Output* selected_out() const { return out_; }
  Input* selected_in() const { return in_; }

 private:
  struct File {
    std::string name;
    int fd = -1;
    std::unique_ptr<Output> out;
    std::unique_ptr<Input> in;
  };
  File* find(int64_t handle);
  void shut(File& f);

  std::vector<File> files_;  // handle k is files_[k - 1]
  Output* out_ = nullptr;
  Input* in_ = nullptr;
};

// Whether `name` may be opened under the sandbox rules above (before any
// file system access): relative, no `..` component, not empty.
bool text_file_name_allowed(const std::string& name);

}  // namespace dvm
