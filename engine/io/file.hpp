#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace rehearse {

// The whole content of a file, with room for `spare` more bytes after it (capacity() is at
// least size() + spare) for a reader that scans past the end. Throws Error naming the file and
// the reason.
std::string read_file(const std::filesystem::path& path, std::size_t spare = 0);

// Replaces the file's content through a temporary file in the same folder that is flushed and
// renamed into place: readers see the old content or the new, never a part.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace rehearse
