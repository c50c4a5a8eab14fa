#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace rehearse {

// A JSON text written value by value, for the scripting interface's output (docs/cli.md). It
// forwards to rapidjson's Writer, whose member names it keeps, so that rapidjson itself (and
// io/rapidjson.hpp, which configures it) stays inside the engine.
class JsonWriter {
 public:
  JsonWriter();
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void StartObject();
  void EndObject();
  void StartArray();
  void EndArray();
  void Key(std::string_view name);
  void String(std::string_view text);
  void Int(int value);
  void Int64(std::int64_t value);
  void Bool(bool value);
  void Null();
  // A number written exactly as `text`. REQUIRES: `text` is a JSON number ("2.36").
  void RawNumber(std::string_view text);

  // What has been written, every control character escaped (safe to print on a terminal).
  // REQUIRES: every object and array is closed.
  std::string text() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rehearse
