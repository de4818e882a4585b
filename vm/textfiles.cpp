#include "vm/textfiles.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

namespace dvm {

bool text_file_name_allowed(const std::string& name) {
  if (name.empty() || name[0] == '/' || name.find('\0') != std::string::npos) return false;
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('/', start);
    if (end == std::string::npos) end = name.size();
    if (name.compare(start, end - start, "..") == 0 && end - start == 2) return false;
    start = end + 1;
  }
  return true;
}

namespace {

bool below(const std::string& path, const std::string& cwd) {
  std::string dir = cwd == "/" ? cwd : cwd + "/";
  return path == cwd || path.compare(0, dir.size(), dir) == 0;
}

// The directory a file would be created in must lie below the working
// directory, symbolic links resolved; checked before anything is created
// (the last component is then opened without following a link).
bool directory_inside(const std::string& name) {
  char cwd[PATH_MAX], real[PATH_MAX];
  size_t slash = name.rfind('/');
  std::string dir = slash == std::string::npos ? "." : name.substr(0, slash);
  if (!getcwd(cwd, sizeof cwd) || !realpath(dir.c_str(), real)) return false;
  return below(real, cwd);
}

// And the file opened is there (a second look, after the open).
bool inside_working_directory(int fd) {
  char cwd[PATH_MAX], real[PATH_MAX];
  std::string link = "/proc/self/fd/" + std::to_string(fd);
  ssize_t n = readlink(link.c_str(), real, sizeof real - 1);
  if (n <= 0 || !getcwd(cwd, sizeof cwd)) return false;
  real[n] = '\0';
  return below(real, cwd);
}

}  // namespace

int sandbox_check(const std::string& name) {
  if (!text_file_name_allowed(name)) return EACCES;
  if (!directory_inside(name)) return errno == ENOENT ? ENOENT : EACCES;
  return 0;
}

TextFiles::~TextFiles() {
  for (File& f : files_) shut(f);
}

TextFiles::File* TextFiles::find(int64_t handle) {
  if (handle < 1 || handle > static_cast<int64_t>(files_.size())) return nullptr;
  return &files_[static_cast<size_t>(handle - 1)];
}

void TextFiles::shut(File& f) {
  if (f.out) f.out->flush();
  if (f.fd >= 0) ::close(f.fd);
  if (out_ == f.out.get()) out_ = nullptr;
  if (in_ == f.in.get()) in_ = nullptr;
  f.fd = -1;
  f.out.reset();
  f.in.reset();
}

int64_t TextFiles::assign(int64_t handle, const std::string& name) {
  File* f = find(handle);
  if (!f) {
    files_.emplace_back();
    handle = static_cast<int64_t>(files_.size());
    f = &files_.back();
  }
  shut(*f);
  f->name = name;
  return handle;
}

bool TextFiles::open_file(File& f, Mode mode, Waiter* waiter, Output* console, int* error) {
  shut(f);
  if ((*error = sandbox_check(f.name)) != 0) return false;
  int flags = O_CLOEXEC | O_NOFOLLOW | (mode == Mode::Read ? O_RDONLY : O_WRONLY | O_CREAT);
  if (mode == Mode::Write) flags |= O_TRUNC;
  if (mode == Mode::Append) flags |= O_APPEND;
  int fd = ::open(f.name.c_str(), flags, 0666);
  if (fd < 0) return *error = errno == ELOOP ? EACCES : errno, false;
  if (!inside_working_directory(fd)) {
    ::close(fd);
    return *error = EACCES, false;
  }
  f.fd = fd;
  if (mode == Mode::Read) {
    f.in = std::make_unique<Input>();
    f.in->init(fd, waiter, console);
  } else {
    f.out = std::make_unique<Output>();
    f.out->init(fd, waiter);
  }
  return true;
}

bool TextFiles::open(int64_t handle, Mode mode, Waiter* waiter, Output* console, RtError* err) {
  File* f = find(handle);
  if (!f) return *err = RtError::FileNotAssigned, false;
  int error = 0;
  if (open_file(*f, mode, waiter, console, &error)) return true;
  *err = error == ENOENT ? RtError::FileNotFound : RtError::FileAccess;
  return false;
}

bool TextFiles::close(int64_t handle, RtError* err) {
  File* f = find(handle);
  if (!f || f->fd < 0) return *err = RtError::FileNotOpen, false;
  shut(*f);
  return true;
}

bool TextFiles::select_out(int64_t handle, RtError* err) {
  if (handle == 0) return out_ = nullptr, true;
  if (handle == kErrorHandle && error_) return out_ = error_, true;
  File* f = find(handle);
  if (!f || !f->out) return *err = RtError::FileNotOpenForWriting, false;
  out_ = f->out.get();
  return true;
}

bool TextFiles::select_in(int64_t handle, RtError* err) {
  if (handle == 0) return in_ = nullptr, true;
  File* f = find(handle);
  if (!f || !f->in) return *err = RtError::FileNotOpenForReading, false;
  in_ = f->in.get();
  return true;
}

int64_t TextFiles::open_stream(const std::string& name, Mode mode, Waiter* waiter, Output* console, int* error) {
  size_t k = 0;
  while (k < files_.size() && !(files_[k].stream && files_[k].fd < 0)) k++;
  if (k == files_.size()) {
    if (k >= kMaxStreams) {
      *error = EMFILE;
      return 0;
    }
    files_.emplace_back();
  }
  File& f = files_[k];
  f.stream = true;
  f.name = name;
  if (!open_file(f, mode, waiter, console, error)) return 0;
  return static_cast<int64_t>(k + 1);
}

Input* TextFiles::input(int64_t handle) {
  File* f = find(handle);
  return f ? f->in.get() : nullptr;
}

Output* TextFiles::output(int64_t handle) {
  File* f = find(handle);
  return f ? f->out.get() : nullptr;
}

bool TextFiles::close_stream(int64_t handle) {
  File* f = find(handle);
  if (!f || f->fd < 0) return false;
  bool flushed = !f->out || f->out->flush();
  shut(*f);
  return flushed;
}

int64_t TextFiles::tell(int64_t handle) {
  File* f = find(handle);
  if (!f || f->fd < 0) return -1;
  off_t at = ::lseek(f->fd, 0, SEEK_CUR);
  if (at < 0) return -1;
  if (f->in) return at - static_cast<off_t>(f->in->buffered());
  return at + static_cast<off_t>(f->out->pending());
}

int64_t TextFiles::seek(int64_t handle, int64_t offset, int whence) {
  File* f = find(handle);
  if (!f || f->fd < 0 || (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)) return -1;
  if (whence == SEEK_CUR) {  // from the program's position, not the descriptor's
    int64_t here = tell(handle);
    if (here < 0) return -1;
    offset += here;
    whence = SEEK_SET;
  }
  if (f->out && !f->out->flush()) return -1;
  if (::lseek(f->fd, offset, whence) < 0) return -1;
  if (f->in) f->in->discard();
  return 0;
}

void TextFiles::flush_all() {
  for (File& f : files_)
    if (f.out) f.out->flush();
}

}  // namespace dvm
