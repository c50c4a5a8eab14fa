// libFuzzer target for the deck file loader (engine/io/deck_file.hpp).
//
// For any input, parse_deck_file either returns a DeckFile or throws rehearse::Error; any
// other exception escapes and is reported by libFuzzer as a crash. The sanitizers report
// memory errors, undefined behaviour and leaks. For input that parses, it also checks:
//   - the message contract: every Error reads "SOURCE:LINE: ..." with LINE in the text;
//   - the round trip: format_deck_file(parsed) parses back to the same deck and cards, and
//     formatting that again gives the same bytes;
//   - reverse cards: the collection's cards (with_reverse_cards), folded back as export folds
//     them and imported again, are the same cards.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "io/deck_file.hpp"
#include "model/error.hpp"
#include "model/reverse_card.hpp"

namespace {

constexpr std::string_view kSource = "fuzz.json";

[[noreturn]] void fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "deck_file_fuzz: %s\n%.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

// An Error from parsing `text` (read from `source`) must start "SOURCE:LINE:" with LINE a
// line of the text (1 up to the number of newlines plus one).
void check_message(const rehearse::Error& error, std::string_view source, std::string_view text) {
  const std::string_view message = error.what();
  if (!message.starts_with(source) || message.size() <= source.size() ||
      message[source.size()] != ':') {
    fail("error message does not start with the source name", message);
  }
  std::size_t pos = source.size() + 1;
  long line = 0;
  while (pos < message.size() && message[pos] >= '0' && message[pos] <= '9' && line < 1000000000) {
    line = line * 10 + (message[pos] - '0');
    ++pos;
  }
  if (pos == source.size() + 1 || pos >= message.size() || message[pos] != ':') {
    fail("error message has no line number after the source name", message);
  }
  long lines = 1;
  for (const char c : text)
    lines += c == '\n' ? 1 : 0;
  if (line < 1 || line > lines) fail("error message names a line outside the text", message);
}

bool same(const rehearse::DeckFile& a, const rehearse::DeckFile& b) {
  return a.deck == b.deck && a.cards == b.cards;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  rehearse::DeckFile parsed;
  try {
    parsed = rehearse::parse_deck_file(text, kSource);
  } catch (const rehearse::Error& error) {
    check_message(error, kSource, text);
    return 0;
  }

  const std::string formatted = rehearse::format_deck_file(parsed);
  rehearse::DeckFile reparsed;
  try {
    reparsed = rehearse::parse_deck_file(formatted, "formatted.json");
  } catch (const rehearse::Error& error) {
    fail("format_deck_file wrote a file that parse_deck_file rejects", error.what());
  }
  if (!same(parsed, reparsed)) fail("parse(format(x)) differs from x", formatted);
  const std::string reformatted = rehearse::format_deck_file(reparsed);
  if (reformatted != formatted) fail("formatting twice gives different bytes", reformatted);
  const std::vector<rehearse::CardContent> imported = rehearse::with_reverse_cards(parsed.cards);
  if (rehearse::with_reverse_cards(rehearse::fold_reverse_cards(imported)) != imported) {
    fail("an exported deck does not import to the cards it was exported from", formatted);
  }
  return 0;
}
