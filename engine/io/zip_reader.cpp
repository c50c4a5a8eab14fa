#include "io/zip_reader.hpp"

#include <algorithm>
#include <array>

#include "io/libzip.hpp"
#include "model/error.hpp"

namespace rehearse {

struct ZipReader::Archive {
  zip_t* zip = nullptr;
  ~Archive() {
    if (zip != nullptr) libzip().zip_discard(zip);
  }
};

namespace {

// "2 GiB", "16 KiB", "1000 bytes".
std::string size_text(std::uint64_t bytes) {
  for (const auto& [unit, name] : {std::pair{std::uint64_t{1} << 30, "GiB"},
                                   {std::uint64_t{1} << 20, "MiB"},
                                   {std::uint64_t{1} << 10, "KiB"}}) {
    if (bytes >= unit && bytes % unit == 0) return fmt::format("{} {}", bytes / unit, name);
  }
  return fmt::format("{} bytes", bytes);
}

bool is_unsafe_path(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos ||
      name.find('\0') != std::string_view::npos || (name.size() > 1 && name[1] == ':')) {
    return true;
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find('/', start), name.size());
    if (name.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

struct FileCloser {
  void operator()(zip_file_t* file) const { libzip().zip_fclose(file); }
};

}  // namespace

void InflateBudget::start_member(std::string_view name, std::uint64_t compressed) {
  member_ = name;
  compressed_ = std::max<std::uint64_t>(compressed, 1);
  member_bytes_ = 0;
}

void InflateBudget::add(std::uint64_t bytes) {
  member_bytes_ += bytes;
  total_ += bytes;
  if (total_ > limits_.max_total_bytes) {
    throw Error("{}: refused: the package inflates to more than {} (a zip bomb?)", source_,
                size_text(limits_.max_total_bytes));
  }
  if (member_bytes_ > limits_.ratio_free_bytes && member_bytes_ / compressed_ > limits_.max_ratio) {
    throw Error(
        "{}: refused: \"{}\" inflates to more than {} times its compressed size (a zip "
        "bomb?)",
        source_, member_, limits_.max_ratio);
  }
}

ZipReader::ZipReader(const std::filesystem::path& path, std::string_view source)
    : archive_(std::make_unique<Archive>()), source_(source) {
  int code = 0;
  archive_->zip = libzip().zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (archive_->zip == nullptr) {
    if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS) {
      throw Error("{}: not an Anki package (not a zip archive)", source_);
    }
    zip_error_t error;
    libzip().zip_error_init_with_code(&error, code);
    const std::string reason = libzip().zip_error_strerror(&error);
    libzip().zip_error_fini(&error);
    throw Error("{}: cannot open: {}", source_, reason);
  }
  const zip_int64_t count = libzip().zip_get_num_entries(archive_->zip, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name =
        libzip().zip_get_name(archive_->zip, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS);
    const std::string member = name == nullptr ? std::string() : name;
    if (is_unsafe_path(member)) {
      throw Error(
          "{}: refused: it holds a path that leads outside the folder it is read into "
          "(\"{}\")",
          source_, member);
    }
    names_.push_back(member);
  }
}

ZipReader::~ZipReader() = default;
ZipReader::ZipReader(ZipReader&&) noexcept = default;
ZipReader& ZipReader::operator=(ZipReader&&) noexcept = default;

bool ZipReader::has(std::string_view name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

void ZipReader::read_chunks(std::string_view name, InflateBudget& budget,
                            void (*call)(void*, std::string_view), void* sink) const {
  const std::string member(name);
  zip_stat_t stat;
  libzip().zip_stat_init(&stat);
  if (libzip().zip_stat(archive_->zip, member.c_str(), 0, &stat) != 0) {
    throw Error("{}: \"{}\" is missing from the package", source_, member);
  }
  budget.start_member(member, (stat.valid & ZIP_STAT_COMP_SIZE) ? stat.comp_size : 0);
  const std::unique_ptr<zip_file_t, FileCloser> file(
      libzip().zip_fopen(archive_->zip, member.c_str(), 0));
  if (!file) {
    throw Error("{}: cannot read \"{}\": {}", source_, member,
                libzip().zip_strerror(archive_->zip));
  }
  std::array<char, 1 << 16> chunk;
  while (true) {
    const zip_int64_t got = libzip().zip_fread(file.get(), chunk.data(), chunk.size());
    if (got < 0) {
      throw Error("{}: \"{}\" is corrupt: {}", source_, member,
                  libzip().zip_file_strerror(file.get()));
    }
    if (got == 0) return;
    budget.add(static_cast<std::uint64_t>(got));
    call(sink, std::string_view(chunk.data(), static_cast<std::size_t>(got)));
  }
}

std::string ZipReader::read_all(std::string_view name, InflateBudget& budget) const {
  std::string out;
  read(name, budget, [&](std::string_view chunk) { out += chunk; });
  return out;
}

bool is_plain_file_name(std::string_view name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find_first_of(std::string_view("/\\\0", 3)) == std::string_view::npos;
}

}  // namespace rehearse
