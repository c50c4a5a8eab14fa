#include "io/json_writer.hpp"

#include "io/json_escape.hpp"
#include "io/rapidjson.hpp"

namespace rehearse {

struct JsonWriter::Impl {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer{buffer};
};

namespace {

rapidjson::SizeType json_size(std::string_view text) {
  return static_cast<rapidjson::SizeType>(text.size());
}

}  // namespace

JsonWriter::JsonWriter() : impl_(std::make_unique<Impl>()) {}
JsonWriter::~JsonWriter() = default;

void JsonWriter::StartObject() {
  impl_->writer.StartObject();
}
void JsonWriter::EndObject() {
  impl_->writer.EndObject();
}
void JsonWriter::StartArray() {
  impl_->writer.StartArray();
}
void JsonWriter::EndArray() {
  impl_->writer.EndArray();
}
void JsonWriter::Key(std::string_view name) {
  impl_->writer.Key(name.data(), json_size(name));
}
void JsonWriter::String(std::string_view text) {
  impl_->writer.String(text.data(), json_size(text));
}
void JsonWriter::Int(int value) {
  impl_->writer.Int(value);
}
void JsonWriter::Int64(std::int64_t value) {
  impl_->writer.Int64(value);
}
void JsonWriter::Bool(bool value) {
  impl_->writer.Bool(value);
}
void JsonWriter::Null() {
  impl_->writer.Null();
}
void JsonWriter::RawNumber(std::string_view text) {
  impl_->writer.RawValue(text.data(), text.size(), rapidjson::kNumberType);
}

std::string JsonWriter::text() const {
  // rapidjson leaves some control characters raw (io/json_escape.hpp says which and why).
  return escape_control_characters({impl_->buffer.GetString(), impl_->buffer.GetSize()});
}

}  // namespace rehearse
