// read_anki_package on any bytes written to a file (libzip, zstd, the meta and media
// protobufs, SQLite on whatever collection comes out, the templates): an Error or a package,
// never a crash. Small limits keep each run short.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "io/anki_package.hpp"
#include "model/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/rehearse-anki-fuzz-" + std::to_string(::getpid()) + ".apkg";
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return 0;
  std::fwrite(data, 1, size, file);
  std::fclose(file);
  rehearse::AnkiReadOptions options;
  options.limits.max_total_bytes = std::uint64_t{32} << 20;
  options.limits.ratio_free_bytes = std::uint64_t{1} << 20;
  options.read_media = true;
  try {
    rehearse::read_anki_package(path, options);
  } catch (const rehearse::Error&) {
  }
  std::remove(path.c_str());
  return 0;
}
