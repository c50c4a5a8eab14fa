// parse_csv and parse_csv_deck on any bytes: either an Error or records that format_csv_record
// writes back to text parse_csv reads as the same fields.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "io/csv.hpp"
#include "model/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const char delimiter = size > 0 && data[0] % 2 == 0 ? '\t' : ',';
  try {
    const std::vector<rehearse::CsvRecord> records = rehearse::parse_csv(text, delimiter, "f");
    for (const rehearse::CsvRecord& record : records) {
      const std::string again = rehearse::format_csv_record(record.fields, delimiter);
      const std::vector<rehearse::CsvRecord> back = rehearse::parse_csv(again, delimiter, "g");
      if (back.size() != 1 || back[0].fields != record.fields) std::abort();
    }
  } catch (const rehearse::Error&) {
  }
  try {
    rehearse::CsvDeckOptions options;
    options.delimiter = delimiter;
    rehearse::parse_csv_deck(text, "f.csv", options);
  } catch (const rehearse::Error&) {
  }
  return 0;
}
