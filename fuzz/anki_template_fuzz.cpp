// render_template on any template text over fixed fields, cloze_text and cloze_numbers on any
// text, and html_to_text on what they give: an Error or text, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/anki_template.hpp"
#include "io/html_text.hpp"
#include "model/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const rehearse::NoteFields fields{
      {"Front", "F <b>x</b>"}, {"Back", ""}, {"Text", std::string(text)}};
  rehearse::TemplateContext context;
  context.cloze = size > 0 ? data[0] % 4 : 1;
  context.answer = size > 1 && data[1] % 2 == 0;
  try {
    rehearse::html_to_text(rehearse::render_template(text, fields, context));
  } catch (const rehearse::Error&) {
  }
  for (const int number : rehearse::cloze_numbers(text)) {
    rehearse::html_to_text(rehearse::cloze_text(text, number, false));
  }
  return 0;
}
