// libFuzzer target for the editor template of `add` (engine/io/card_template.hpp).
//
// For any input, parse_card_template either returns a card or throws rehearse::Error; any other
// exception escapes and is reported by libFuzzer as a crash. For a card it returns that
// new_card_problem accepts (the cards `add` writes), it checks:
//   - the front and the back have no blank line or space around them, and the id is not empty;
//   - format_card_template(card) parses back to the same card, unless a line of the front
//     starts with "back:" (the template has no way to write one: it would start the back).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "io/card_template.hpp"
#include "model/error.hpp"

namespace {

[[noreturn]] void fail(const char* what, std::string_view input) {
  std::fprintf(stderr, "card_template_fuzz: %s for input '%.*s'\n", what,
               static_cast<int>(input.size()), input.data());
  std::abort();
}

bool trimmed(const std::string& text) {
  constexpr std::string_view kBlank = " \t\r\n";
  return text.empty() || (kBlank.find(text.front()) == std::string_view::npos &&
                          kBlank.find(text.back()) == std::string_view::npos);
}

bool has_back_line(const std::string& front) {
  for (std::size_t at = 0; at != std::string::npos;) {
    if (std::string_view(front).substr(at).starts_with("back:")) return true;
    at = front.find('\n', at);
    if (at != std::string::npos) ++at;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  rehearse::CardContent card;
  try {
    card = rehearse::parse_card_template(text, "fuzz");
  } catch (const rehearse::Error&) {
    return 0;
  }
  if (rehearse::new_card_problem(card)) return 0;
  if (!trimmed(card.front) || !trimmed(card.back)) fail("a side kept blanks around it", text);
  if (card.id.empty()) fail("an accepted card without an id", text);
  if (has_back_line(card.front)) return 0;
  const std::string again = rehearse::format_card_template("fuzz", "fuzz.json", card);
  rehearse::CardContent reread;
  try {
    reread = rehearse::parse_card_template(again, "fuzz");
  } catch (const rehearse::Error& e) {
    std::fprintf(stderr, "card_template_fuzz: %s\n", e.what());
    fail("the formatted template of an accepted card does not parse", text);
  }
  if (!(reread == card)) fail("the formatted template reads back to another card", text);
  return 0;
}
