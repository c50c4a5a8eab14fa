#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace rehearse {

// The most read_file reads: a deck file of a million cards is about 200 MB; /dev/zero or a
// FIFO that never ends must not take all memory.
inline constexpr std::size_t kMaxFileBytes = std::size_t{256} << 20;

// The whole content of a file, with room for `spare` more bytes after it (capacity() is at
// least size() + spare) for a reader that scans past the end. Throws Error naming the file and
// the reason, also when it holds more than kMaxFileBytes.
std::string read_file(const std::filesystem::path& path, std::size_t spare = 0);

// Replaces the file's content through a temporary file in the same folder that is flushed and
// renamed into place: readers see the old content or the new, never a part. A symbolic link is
// written through (see file_to_replace); a replaced file keeps its permissions.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// What an import records as the file a deck came from: `path` made absolute (not following
// symbolic links), or empty when it is no regular file on disk (standard input, a pipe, a
// device): such a deck has no file to edit.
std::filesystem::path deck_source_path(const std::filesystem::path& path);

// The file that writing "to `path`" replaces: `path` itself, or the end of the chain of
// symbolic links it starts (which may not exist yet), so that a link keeps pointing where it
// did. Throws Error when that is not a regular file: a folder, a device, a FIFO or a socket is
// never replaced.
std::filesystem::path file_to_replace(const std::filesystem::path& path);

// A new, empty file with a name no other process uses, beside `target`:
// <target>.rehearse-tmp-XXXXXX (mkstemp), open for writing with permissions 0600.
struct TemporaryFile {
  int fd = -1;
  std::filesystem::path path;
};
TemporaryFile create_temporary_beside(const std::filesystem::path& target);

}  // namespace rehearse
