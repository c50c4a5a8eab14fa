// What every start of the binary loads: libzip and libxml2 (and libcrypto, ICU, ... behind
// them) only when a format needs them (io/shared_library.hpp, docs/performance.md).
#include <catch2/catch.hpp>

#include "support/run_cli.hpp"

namespace rehearse::test {

TEST_CASE("the binary starts without libzip, libxml2 and what they load") {
  // The dynamic loader lists what it would load and stops (what ldd does).
  const CliResult loaded = run_rehearse({"--version"}, "", {"LD_TRACE_LOADED_OBJECTS=1"});
  REQUIRE(loaded.out.find("libsqlite3") != std::string::npos);
  for (const char* library : {"libzip", "libxml2", "libcrypto", "libicu", "liblzma", "libbz2"}) {
    INFO(library);
    CHECK(loaded.out.find(library) == std::string::npos);
  }
}

}  // namespace rehearse::test
