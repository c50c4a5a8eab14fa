#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

// How much a package may inflate to: checked while inflating, so that a zip bomb is stopped
// after at most one chunk past the limit, whatever the archive's headers claim.
struct InflateLimits {
  // The bytes all members of one archive may inflate to, together. Default: 2 GiB.
  std::uint64_t max_total_bytes = std::uint64_t{2} << 30;
  // A member may inflate to at most this many times its compressed size... Default: 200.
  std::uint64_t max_ratio = 200;
  // ... once it is past this size (small files of zeros compress further). Default: 8 MiB.
  std::uint64_t ratio_free_bytes = std::uint64_t{8} << 20;
};

// Counts the bytes a member inflates to, through every stage (zip's deflate, then zstd), and
// throws once they pass the limits.
class InflateBudget {
 public:
  InflateBudget(const InflateLimits& limits, std::string_view source)
      : limits_(limits), source_(source) {}
  // Starts counting a member of `compressed` bytes named `name`.
  void start_member(std::string_view name, std::uint64_t compressed);
  // Adds `bytes` produced for the current member. Throws Error past a limit.
  void add(std::uint64_t bytes);

 private:
  InflateLimits limits_;
  std::string source_;
  std::string member_;
  std::uint64_t compressed_ = 0, member_bytes_ = 0, total_ = 0;
};

// A zip archive opened read-only with libzip. Member names are checked when it opens: a name
// that is absolute, holds a ".." component or a backslash is refused (zip-slip).
class ZipReader {
 public:
  // Throws Error "SOURCE: ..." when the file cannot be opened, is not a zip archive, or holds
  // an unsafe name.
  ZipReader(const std::filesystem::path& path, std::string_view source);
  ~ZipReader();
  ZipReader(ZipReader&&) noexcept;
  ZipReader& operator=(ZipReader&&) noexcept;

  // The members' names, in archive order.
  const std::vector<std::string>& names() const { return names_; }
  bool has(std::string_view name) const;

  // Reads member `name` whole through `budget`, calling `sink` with each inflated chunk.
  // Throws Error when the member is missing or corrupt, or past the budget.
  template <typename Sink>
  void read(std::string_view name, InflateBudget& budget, Sink&& sink) const {
    read_chunks(
        name, budget, [](void* s, std::string_view chunk) { (*static_cast<Sink*>(s))(chunk); },
        &sink);
  }
  // Reads member `name` whole into a string, through `budget`.
  std::string read_all(std::string_view name, InflateBudget& budget) const;

 private:
  void read_chunks(std::string_view name, InflateBudget& budget,
                   void (*call)(void*, std::string_view), void* sink) const;

  struct Archive;
  std::unique_ptr<Archive> archive_;
  std::string source_;
  std::vector<std::string> names_;
};

// Whether `name` is safe as one file name inside a folder: not empty, not "." or "..", no '/',
// '\\' or NUL. Media names in packages must be.
bool is_plain_file_name(std::string_view name);

}  // namespace rehearse
