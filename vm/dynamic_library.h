// A shared library loaded at its first use.  The cluster's libraries (libnats,
// libcurl and what they pull in: TLS, Kerberos, LDAP, ...) are many megabytes
// of relocations that a program run without --nats/--etcd would otherwise
// pay for at every start.
#pragma once
#include <dlfcn.h>

#include <initializer_list>
#include <mutex>
#include <string>

namespace dvm {

// Loads the first of `names` that exists and fills `api` with `fill(handle)`,
// once; false (with *error) when the library or a symbol is missing.
template <typename Api, typename Fill>
bool load_library_api(std::once_flag& once, Api& api, std::string& failure, std::initializer_list<const char*> names,
                      Fill fill, std::string* error) {
  std::call_once(once, [&] {
    void* handle = nullptr;
    std::string tried;
    for (const char* n : names) {
      handle = dlopen(n, RTLD_NOW | RTLD_LOCAL);
      if (handle) break;
      tried += std::string(tried.empty() ? "" : ", ") + n;
    }
    if (!handle) {
      failure = "cannot load " + tried + ": " + dlerror();
      return;
    }
    fill(handle, &failure);
  });
  if (!failure.empty()) {
    if (error) *error = failure;
    return false;
  }
  return true;
}

// The address of `name` in `handle` as a pointer of type T; records a
// missing symbol in *failure.
template <typename T>
void bind_symbol(void* handle, const char* name, T* out, std::string* failure) {
  *out = reinterpret_cast<T>(dlsym(handle, name));
  if (!*out && failure->empty()) *failure = std::string("missing symbol ") + name;
}

}  // namespace dvm
