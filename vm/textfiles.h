// Files a program opens by name (Pascal's assign/reset/rewrite/append, C's
// fopen) inside the sandbox: a name is a relative path below the directory the
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

  // The stream the text builtins use: a file's, or null for the console's;
  // kErrorHandle selects standard error (Pascal's stderr and erroutput).
  static constexpr int64_t kErrorHandle = -1;
  void set_error_output(Output* err) { error_ = err; }
  bool select_out(int64_t handle, RtError* err);
  bool select_in(int64_t handle, RtError* err);
  Output* selected_out() const { return out_; }
  Input* selected_in() const { return in_; }

  // At most this many handles exist (a C program's FILE * values must stay
  // inside the unmapped first page).
  static constexpr size_t kMaxStreams = 1024;

  // C's streams.  fopen: a handle opened at once (a closed one is reused);
  // 0 with *error set to the errno value when the file cannot be opened (the
  // sandbox refuses with EACCES).
  int64_t open_stream(const std::string& name, Mode mode, Waiter* waiter, Output* console, int* error);
  // The open file of a handle: its Input when opened for reading, its Output
  // when opened for writing; null otherwise.
  Input* input(int64_t handle);
  Output* output(int64_t handle);
  // fclose: flushes and closes the file and frees its handle; false when it
  // was not open.
  bool close_stream(int64_t handle);
  // fseek / ftell on an open file (buffered data accounted for); -1 on failure.
  int64_t seek(int64_t handle, int64_t offset, int whence);
  int64_t tell(int64_t handle);
  // fflush(NULL): every file opened for writing.
  void flush_all();

 private:
  struct File {
    std::string name;
    bool stream = false;  // a C stream: its handle is free again once closed
    int fd = -1;
    std::unique_ptr<Output> out;
    std::unique_ptr<Input> in;
  };
  File* find(int64_t handle);
  void shut(File& f);
  // Opens f's file; false with *error set to an errno value.
  bool open_file(File& f, Mode mode, Waiter* waiter, Output* console, int* error);

  std::vector<File> files_;  // handle k is files_[k - 1]
  Output* out_ = nullptr;
  Input* in_ = nullptr;
  Output* error_ = nullptr;
};

// Whether `name` may be opened under the sandbox rules above (before any
// file system access): relative, no `..` component, not empty.
bool text_file_name_allowed(const std::string& name);
// The whole sandbox check for a name about to be removed, renamed or
// created: allowed, and its directory lies below the working directory
// (symbolic links resolved).  0, or an errno value.
int sandbox_check(const std::string& name);

}  // namespace dvm
