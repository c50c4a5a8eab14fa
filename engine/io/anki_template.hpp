#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace rehearse {

// Anki's card templates and cloze deletions, rendered to HTML (html_to_text makes the text).

// A note's fields by name (names compare exactly, as in Anki), values HTML.
using NoteFields = std::map<std::string, std::string, std::less<>>;

// What a template may ask about the card besides its note's fields.
struct TemplateContext {
  // The cloze number this card shows, 1-based; 0 for a card of a standard note type.
  int cloze = 0;
  // Rendering the answer side. Default: the question side.
  bool answer = false;
  // The rendered question, for {{FrontSide}} on the answer side.
  std::string front_side;
  // {{Tags}} (space-separated), {{Deck}} (full name), {{Card}} (the card type's name),
  // {{Type}} (the note type's name). {{Subdeck}} is the last part of the deck name.
  std::string tags;
  std::string deck;
  std::string card_name;
  std::string note_type;
};

// Renders `text`, an Anki card template:
// - {{Field}} the field's HTML; {{ Field }} the same; a name the note does not have is kept
//   as written ("{{Missing}}"), so the card shows what its author must fix;
// - {{#Field}}...{{/Field}} kept when the field is not empty (white space, <br> and <div>
//   alone count as empty), {{^Field}}...{{/Field}} when it is; sections nest;
// - filters, applied from the one nearest the field outwards: cloze: the cloze deletions for
//   context.cloze (cloze_text), type: nothing on the question side and the field on the answer
//   side, text: the field without its tags; any other filter (hint, furigana, kana, kanji,
//   tts ..., and those of add-ons) passes the field through unchanged.
// Throws Error naming the problem for a section never closed or closed by another name.
std::string render_template(std::string_view text, const NoteFields& fields,
                            const TemplateContext& context);

// The numbers of the cloze deletions in `text` ({{c1::...}}, {{c2::...}}, nested ones too).
std::set<int> cloze_numbers(std::string_view text);

// `text` with its cloze deletions resolved for card `number`: on the question side
// (answer false) deletion `number` becomes "[HINT]" ({{c1::answer::HINT}}) or "[...]", other
// deletions show their content; on the answer side every deletion shows its content. An
// unclosed deletion is kept as written.
std::string cloze_text(std::string_view text, int number, bool answer);

}  // namespace rehearse
