#include "io/file.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

#include "model/error.hpp"
#include "support/temp_dir.hpp"

using namespace rehearse;

namespace {

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Bytes that differ along their whole length, so that a lost or repeated chunk shows.
std::string pattern(std::size_t size) {
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i < size; ++i)
    bytes[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
  return bytes;
}

}  // namespace

TEST_CASE("read_file gives back every byte of files smaller and larger than its read chunk") {
  const test::TempDir dir;
  for (const std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{65536},
                                 std::size_t{65537}, std::size_t{1'000'003}}) {
    const std::filesystem::path path = dir.path() / "f";
    write_bytes(path, pattern(size));
    CHECK(read_file(path) == pattern(size));
  }
}

TEST_CASE("read_file reads a pipe, whose length is not known beforehand, to its end") {
  const test::TempDir dir;
  const std::filesystem::path fifo = dir.path() / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string bytes = pattern(200'000);
  std::thread writer([&] { write_bytes(fifo, bytes); });
  const std::string read = read_file(fifo);
  writer.join();
  CHECK(read == bytes);
}

TEST_CASE("read_file names a folder and a missing file in its errors") {
  const test::TempDir dir;
  CHECK_THROWS_WITH(read_file(dir.path()),
                    "cannot read " + dir.path().string() + ": it is a folder, not a file");
  CHECK_THROWS_WITH(
      read_file(dir.path() / "absent"),
      "cannot read " + (dir.path() / "absent").string() + ": No such file or directory");
}
