#include "io/anki_template.hpp"

#include <catch2/catch.hpp>

#include "model/error.hpp"

using namespace rehearse;

namespace {

const NoteFields kFields{{"Front", "Capital of France?"},
                         {"Back", "Paris"},
                         {"Extra", ""},
                         {"Blank", " <br> <div></div>"},
                         {"Text", "{{c1::Paris}} is the capital of {{c2::France::country}}"}};

std::string question(std::string_view text, int cloze = 0) {
  TemplateContext context;
  context.cloze = cloze;
  return render_template(text, kFields, context);
}

std::string answer(std::string_view text, int cloze = 0) {
  TemplateContext context;
  context.cloze = cloze;
  context.answer = true;
  return render_template(text, kFields, context);
}

std::string template_error(std::string_view text) {
  try {
    question(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("a template's field references are replaced by the fields' HTML") {
  CHECK(question("Q: {{Front}}") == "Q: Capital of France?");
  CHECK(question("{{ Back }}!") == "Paris!");
  CHECK(question("plain text, no tags") == "plain text, no tags");
}

TEST_CASE("a reference to a field the note lacks is kept as written") {
  CHECK(question("{{Missing}} and {{text:Gone}}") == "{{Missing}} and {{text:Gone}}");
}

TEST_CASE("sections keep their text when the field is filled, inverted ones when it is empty") {
  CHECK(question("{{#Back}}has {{Back}}{{/Back}}") == "has Paris");
  CHECK(question("a{{#Extra}}hidden{{/Extra}}b") == "ab");
  CHECK(question("{{^Extra}}no extra{{/Extra}}") == "no extra");
  CHECK(question("{{^Back}}x{{/Back}}") == "");
  CHECK(question("{{#Blank}}only white space counts as empty{{/Blank}}") == "");
  CHECK(question("{{#Missing}}x{{/Missing}}{{^Missing}}y{{/Missing}}") == "y");
  CHECK(question("{{#Front}}{{#Extra}}in{{/Extra}}out{{/Front}}") == "out");
}

TEST_CASE("sections that do not close are refused") {
  CHECK(template_error("{{#Front}}x") == "template: {{#Front}} is never closed");
  CHECK(template_error("{{#Front}}x{{/Back}}") == "template: {{#Front}} is closed by {{/Back}}");
  CHECK(template_error("x{{/Back}}") == "template: {{/Back}} closes no section");
}

TEST_CASE("the answer side sees FrontSide, and special fields come from the context") {
  TemplateContext context;
  context.answer = true;
  context.front_side = "FRONT";
  context.tags = "geo europe";
  context.deck = "Geo::Capitals";
  context.card_name = "Card 1";
  context.note_type = "Basic";
  CHECK(render_template("{{FrontSide}}<hr id=answer>{{Back}}", kFields, context) ==
        "FRONT<hr id=answer>Paris");
  CHECK(render_template("{{Tags}}|{{Deck}}|{{Subdeck}}|{{Card}}|{{Type}}", kFields, context) ==
        "geo europe|Geo::Capitals|Capitals|Card 1|Basic");
}

TEST_CASE("type: shows nothing on the question and the field on the answer") {
  CHECK(question("{{Front}}{{type:Back}}") == "Capital of France?");
  CHECK(answer("{{type:Back}}") == "Paris");
}

TEST_CASE("unknown filters pass the field through and text: strips its HTML") {
  CHECK(question("{{hint:Back}} {{furigana:Back}} {{tts en_US:Back}} {{myaddon:Back}}") ==
        "Paris Paris Paris Paris");
  const NoteFields html{{"F", "<b>bold</b>"}};
  CHECK(render_template("{{text:F}}", html, {}) == "bold");
}

TEST_CASE("a cloze card hides its own deletion, with its hint, and shows the others") {
  CHECK(question("{{cloze:Text}}", 1) == "[...] is the capital of France");
  CHECK(question("{{cloze:Text}}", 2) == "Paris is the capital of [country]");
  CHECK(answer("{{cloze:Text}}", 2) == "Paris is the capital of France");
}

TEST_CASE("cloze numbers are found in order, nested ones included, each once") {
  CHECK(cloze_numbers("{{c2::a}} {{c1::b}} {{c2::c}}") == std::set<int>{1, 2});
  CHECK(cloze_numbers("{{c1::outer {{c3::inner}} text}}") == std::set<int>{1, 3});
  CHECK(cloze_numbers("no deletions {{c::x}} {{cx::y}}") == std::set<int>{});
}

TEST_CASE("nested deletions hide the whole outer deletion or only the inner one") {
  const std::string text = "{{c1::outer {{c2::inner}} text}}";
  CHECK(cloze_text(text, 1, false) == "[...]");
  CHECK(cloze_text(text, 2, false) == "outer [...] text");
  CHECK(cloze_text(text, 2, true) == "outer inner text");
}

TEST_CASE("an unclosed deletion is kept as written") {
  CHECK(cloze_text("a {{c1::never closed", 1, false) == "a {{c1::never closed");
  CHECK(cloze_text("}} stray ::", 1, false) == "}} stray ::");
}
