#pragma once

#include <cstring>
#include <string>

// A shared library opened when a format first needs it (dlopen), so that commands that never
// read or write Anki packages or HTML do not load libzip and libxml2 and what they load in
// turn (libcrypto, ICU, ...) at every start (docs/performance.md, "Start-up").
namespace rehearse {

class SharedLibrary {
 public:
  // Opens the library `soname` of Debian package `package`. Throws Error saying what needs it
  // (`purpose`) and which package to install when it cannot be opened.
  SharedLibrary(const char* soname, const char* package, const char* purpose);
  ~SharedLibrary();
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  // The function `name` of the library, as a pointer of type F. Throws Error when it lacks it.
  template <typename F>
  F function(const char* name) const {
    static_assert(sizeof(F) == sizeof(void*));
    void* address = symbol(name);
    F f;
    std::memcpy(&f, &address, sizeof f);
    return f;
  }
  // The address of `name` (a function or a variable). Throws Error when the library lacks it.
  void* symbol(const char* name) const;

 private:
  void* handle_;
  std::string soname_;
  std::string package_;
};

}  // namespace rehearse
