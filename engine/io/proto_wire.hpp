#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace rehearse {

// Reads protocol buffers' wire format (varints and length-delimited fields) from a message
// whose schema the caller knows: the few messages of Anki's packages (the `meta` file, the
// media list, note type and template configs). Unknown fields are skipped; a message cut
// short or malformed makes next() return false with failed() true.
class ProtoReader {
 public:
  // REQUIRES: `data` outlives the reader (it is not copied).
  explicit ProtoReader(std::string_view data) : data_(data) {}

  struct Field {
    std::uint32_t number = 0;
    std::uint64_t varint = 0;  // wire type 0
    std::string_view bytes;    // wire type 2
    bool is_bytes = false;
  };

  // The next field of type 0 or 2 (fixed 32- and 64-bit fields are skipped). False at the end
  // or on a malformed message.
  bool next(Field& field) {
    while (pos_ < data_.size()) {
      const std::optional<std::uint64_t> key = varint();
      if (!key) return fail();
      field = Field{static_cast<std::uint32_t>(*key >> 3), 0, {}, false};
      switch (*key & 7) {
        case 0:
          if (const auto value = varint()) {
            field.varint = *value;
            return true;
          }
          return fail();
        case 1:
          if (!skip(8)) return fail();
          continue;
        case 2: {
          const std::optional<std::uint64_t> length = varint();
          if (!length || *length > data_.size() - pos_) return fail();
          field.bytes = data_.substr(pos_, *length);
          field.is_bytes = true;
          pos_ += *length;
          return true;
        }
        case 5:
          if (!skip(4)) return fail();
          continue;
        default:
          return fail();
      }
    }
    return false;
  }

  bool failed() const { return failed_; }

 private:
  std::optional<std::uint64_t> varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64 && pos_ < data_.size(); shift += 7) {
      const auto byte = static_cast<unsigned char>(data_[pos_++]);
      value |= std::uint64_t{byte & 0x7Fu} << shift;
      if ((byte & 0x80) == 0) return value;
    }
    return std::nullopt;
  }
  bool skip(std::size_t bytes) {
    if (bytes > data_.size() - pos_) return false;
    pos_ += bytes;
    return true;
  }
  bool fail() {
    failed_ = true;
    pos_ = data_.size();
    return false;
  }

  std::string_view data_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

}  // namespace rehearse
