#include "io/shared_library.hpp"

#include <dlfcn.h>

#include "model/error.hpp"

namespace rehearse {

SharedLibrary::SharedLibrary(const char* soname, const char* package, const char* purpose)
    : handle_(dlopen(soname, RTLD_NOW | RTLD_LOCAL)), soname_(soname), package_(package) {
  if (handle_ == nullptr) {
    const char* reason = dlerror();
    throw Error("{} needs {}, which cannot be loaded ({}); install Debian's package {}", purpose,
                soname, reason ? reason : "not found", package);
  }
}

SharedLibrary::~SharedLibrary() {
  dlclose(handle_);
}

void* SharedLibrary::symbol(const char* name) const {
  dlerror();
  void* address = dlsym(handle_, name);
  if (address == nullptr) {
    throw Error("{} has no {}: reinstall Debian's package {}", soname_, name, package_);
  }
  return address;
}

}  // namespace rehearse
