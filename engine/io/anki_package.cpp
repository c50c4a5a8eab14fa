// Anki's package formats as Anki's own source (rslib/src/import_export/package) and manual
// describe them: a zip holding a collection (an SQLite file: schema 11 keeps note types and
// decks as JSON in `col`, schema 15 and later in tables of their own), a `media` map, and the
// media files named 0, 1, 2 ... Since Anki 2.1.50 the collection is collection.anki21b,
// compressed with zstd, and a `meta` member (protobuf PackageMetadata) says so; the media map
// is then a zstd-compressed protobuf MediaEntries and each media file is zstd-compressed.
#include "io/anki_package.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <rapidjson/document.h>

// rapidjson 1.1's member iterators predate C++20's reversed comparisons: clang warns that
// `it != object.MemberEnd()` is ambiguous although only one operator applies.
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wambiguous-reversed-operator"
#endif
#include <sqlite3.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <unordered_map>

#include "io/anki_template.hpp"
#include "io/file.hpp"
#include "io/html_text.hpp"
#include "io/interop_text.hpp"
#include "io/proto_wire.hpp"
#include "io/rapidjson.hpp"
#include "model/error.hpp"

namespace rehearse {
namespace {

constexpr std::string_view kZstdMagic = "\x28\xB5\x2F\xFD";

// ---- Files ------------------------------------------------------------------------------------

// A temporary file, removed when this goes out of scope.
class TempFile {
 public:
  explicit TempFile(const std::filesystem::path& dir) {
    std::string pattern = (dir / "rehearse-anki-XXXXXX").string();
    fd_ = ::mkstemp(pattern.data());
    if (fd_ < 0) throw Error("cannot create a temporary file in {}", dir.string());
    path_ = pattern;
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  void write(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t wrote = ::write(fd_, bytes.data(), bytes.size());
      if (wrote <= 0) throw Error("cannot write the temporary file {}", path_.string());
      bytes.remove_prefix(static_cast<std::size_t>(wrote));
    }
  }
  void close() {
    if (fd_ >= 0 && ::close(fd_) != 0) throw Error("cannot write {}", path_.string());
    fd_ = -1;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  int fd_ = -1;
  std::filesystem::path path_;
};

std::filesystem::path temp_dir(const AnkiReadOptions& options) {
  if (!options.temp_dir.empty()) return options.temp_dir;
  const char* env = std::getenv("TMPDIR");
  return env != nullptr && *env != '\0' ? env : "/tmp";
}

// ---- zstd -------------------------------------------------------------------------------------

// Decompresses a zstd stream fed in chunks, through the budget, handing out what it produces.
class ZstdDecoder {
 public:
  ZstdDecoder(InflateBudget& budget, std::string_view source, std::string_view member)
      : stream_(ZSTD_createDStream()), budget_(budget), source_(source), member_(member) {
    if (stream_ == nullptr) throw Error("{}: out of memory", source_);
  }
  ~ZstdDecoder() { ZSTD_freeDStream(stream_); }
  ZstdDecoder(const ZstdDecoder&) = delete;
  ZstdDecoder& operator=(const ZstdDecoder&) = delete;

  template <typename Sink>
  void feed(std::string_view chunk, Sink&& sink) {
    ZSTD_inBuffer in{chunk.data(), chunk.size(), 0};
    while (in.pos < in.size) {
      ZSTD_outBuffer out{buffer_.data(), buffer_.size(), 0};
      last_ = ZSTD_decompressStream(stream_, &out, &in);
      if (ZSTD_isError(last_)) {
        throw Error("{}: \"{}\" is corrupt (zstd: {})", source_, member_, ZSTD_getErrorName(last_));
      }
      budget_.add(out.pos);
      sink(std::string_view(buffer_.data(), out.pos));
    }
  }
  // Throws Error when the stream ended before its last frame did.
  void finish() const {
    if (last_ != 0) throw Error("{}: \"{}\" is cut short", source_, member_);
  }

 private:
  ZSTD_DStream* stream_;
  InflateBudget& budget_;
  std::string source_;
  std::string member_;
  std::array<char, 1 << 17> buffer_{};
  std::size_t last_ = 1;
};

std::string zstd_decompress(std::string_view data, InflateBudget& budget, std::string_view source,
                            std::string_view member) {
  std::string out;
  ZstdDecoder decoder(budget, source, member);
  decoder.feed(data, [&](std::string_view chunk) { out += chunk; });
  decoder.finish();
  return out;
}

// ---- The package's members --------------------------------------------------------------------

// The collection member the package says is current.
std::string collection_member(const ZipReader& zip, InflateBudget& budget,
                              std::string_view source) {
  if (zip.has("meta")) {
    const std::string bytes = zip.read_all("meta", budget);
    ProtoReader meta(bytes);
    std::uint64_t version = 0;
    for (ProtoReader::Field field; meta.next(field);) {
      if (field.number == 1 && !field.is_bytes) version = field.varint;
    }
    if (meta.failed()) throw Error("{}: its \"meta\" member is corrupt", source);
    if (version == 1) return "collection.anki2";
    if (version == 2) return "collection.anki21";
    if (version == 3) return "collection.anki21b";
    throw Error(
        "{}: package version {} is not supported (expected 1 to 3); export it again with "
        "Anki's \"support older Anki versions\" option",
        source, version);
  }
  for (const char* name : {"collection.anki21b", "collection.anki21", "collection.anki2"}) {
    if (zip.has(name)) return name;
  }
  throw Error(
      "{}: no collection inside (expected collection.anki21b, collection.anki21 or "
      "collection.anki2): not an Anki package",
      source);
}

// Inflates the collection member into `file`; collection.anki21b through zstd.
void extract_collection(const ZipReader& zip, const std::string& member, InflateBudget& budget,
                        std::string_view source, TempFile& file) {
  if (!zip.has(member)) throw Error("{}: \"{}\" is missing from the package", source, member);
  if (member != "collection.anki21b") {
    zip.read(member, budget, [&](std::string_view chunk) { file.write(chunk); });
  } else {
    ZstdDecoder decoder(budget, source, member);
    zip.read(member, budget, [&](std::string_view chunk) {
      decoder.feed(chunk, [&](std::string_view out) { file.write(out); });
    });
    decoder.finish();
  }
  file.close();
}

// Zip member name -> media file name.
std::vector<std::pair<std::string, std::string>> media_map(const ZipReader& zip,
                                                           InflateBudget& budget,
                                                           std::string_view source, bool latest) {
  std::vector<std::pair<std::string, std::string>> map;
  if (!zip.has("media")) return map;
  std::string data = zip.read_all("media", budget);
  if (latest || std::string_view(data).starts_with(kZstdMagic)) {
    const std::string list = zstd_decompress(data, budget, source, "media");
    ProtoReader entries(list);
    for (ProtoReader::Field entry; entries.next(entry);) {
      if (entry.number != 1 || !entry.is_bytes) continue;
      std::string name, zip_name = std::to_string(map.size());
      ProtoReader fields(entry.bytes);
      for (ProtoReader::Field field; fields.next(field);) {
        if (field.number == 1 && field.is_bytes) name = field.bytes;
        if (field.number == 255 && !field.is_bytes) zip_name = std::to_string(field.varint);
      }
      if (fields.failed()) throw Error("{}: its media list is corrupt", source);
      map.emplace_back(zip_name, name);
    }
    if (entries.failed()) throw Error("{}: its media list is corrupt", source);
  } else {
    data.reserve(data.size() + 16);
    rapidjson::Document json;
    json.Parse(data.c_str(), data.size());
    if (json.HasParseError() || !json.IsObject()) {
      throw Error("{}: its media list is not a JSON object", source);
    }
    for (const auto& member : json.GetObject()) {
      if (!member.value.IsString()) throw Error("{}: its media list is corrupt", source);
      map.emplace_back(member.name.GetString(), member.value.GetString());
    }
  }
  for (const auto& [zip_name, name] : map) {
    if (!is_plain_file_name(name)) {
      throw Error("{}: refused: a media file name leads outside the media folder (\"{}\")", source,
                  name);
    }
  }
  return map;
}

std::vector<AnkiMedia> read_media(const ZipReader& zip, InflateBudget& budget,
                                  std::string_view source, bool latest) {
  std::vector<AnkiMedia> media;
  for (auto& [zip_name, name] : media_map(zip, budget, source, latest)) {
    if (!zip.has(zip_name)) continue;  // Anki lists files it then did not find
    std::string data = zip.read_all(zip_name, budget);
    if (latest) data = zstd_decompress(data, budget, source, zip_name);
    media.push_back({name, std::move(data)});
  }
  return media;
}

// ---- The collection ---------------------------------------------------------------------------

struct CardTemplate {
  std::string name;
  std::string question;
  std::string answer;
};

struct NoteType {
  std::string name;
  bool cloze = false;
  std::vector<std::string> fields;  // by ordinal
  std::vector<CardTemplate> templates;
};

using NoteTypes = std::unordered_map<std::int64_t, NoteType>;
// Anki's decks by id; `id` is empty unless the package was written by rehearse.
using DeckNames = std::unordered_map<std::int64_t, Deck>;

std::string json_string(const rapidjson::Value& object, const char* name) {
  const auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

rapidjson::Document parse_json(std::string text, std::string_view what, std::string_view source) {
  text.reserve(text.size() + 16);
  rapidjson::Document json;
  json.Parse(text.c_str(), text.size());
  if (json.HasParseError() || !json.IsObject()) {
    throw Error("{}: the collection's {} are corrupt (not a JSON object)", source, what);
  }
  return json;
}

// Schema 11: note types and decks are JSON objects in `col`.
void read_legacy_layout(SQLite::Database& db, std::string_view source, NoteTypes& types,
                        DeckNames& decks) {
  SQLite::Statement col(db, "SELECT models, decks FROM col");
  if (!col.executeStep()) throw Error("{}: the collection has no `col` row", source);
  const rapidjson::Document models = parse_json(col.getColumn(0).getString(), "note types", source);
  for (const auto& [id, model] : models.GetObject()) {
    if (!model.IsObject()) throw Error("{}: note type {} is corrupt", source, id.GetString());
    NoteType type{json_string(model, "name"), false, {}, {}};
    if (const auto kind = model.FindMember("type");
        kind != model.MemberEnd() && kind->value.IsInt())
      type.cloze = kind->value.GetInt() == 1;
    for (const char* list : {"flds", "tmpls"}) {
      const auto it = model.FindMember(list);
      if (it == model.MemberEnd() || !it->value.IsArray()) {
        throw Error("{}: note type \"{}\" has no \"{}\" list", source, type.name, list);
      }
      for (const auto& item : it->value.GetArray()) {
        if (!item.IsObject()) throw Error("{}: note type \"{}\" is corrupt", source, type.name);
        if (list[0] == 'f') {
          type.fields.push_back(json_string(item, "name"));
        } else {
          type.templates.push_back(
              {json_string(item, "name"), json_string(item, "qfmt"), json_string(item, "afmt")});
        }
      }
    }
    types[std::strtoll(id.GetString(), nullptr, 10)] = std::move(type);
  }
  const rapidjson::Document deck_json = parse_json(col.getColumn(1).getString(), "decks", source);
  for (const auto& [id, deck] : deck_json.GetObject()) {
    if (!deck.IsObject()) continue;
    // A deck rehearse exported keeps its id and description (write_anki_package).
    decks[std::strtoll(id.GetString(), nullptr, 10)] = {
        json_string(deck, "rehearseId"), json_string(deck, "name"), json_string(deck, "desc")};
  }
}

// Schema 15 and later: tables `notetypes`, `fields`, `templates`, `decks`, configs in protobuf.
void read_table_layout(SQLite::Database& db, std::string_view source, NoteTypes& types,
                       DeckNames& decks) {
  SQLite::Statement notetypes(db, "SELECT id, name, config FROM notetypes");
  while (notetypes.executeStep()) {
    NoteType type{notetypes.getColumn(1).getString(), false, {}, {}};
    const std::string bytes = notetypes.getColumn(2).getString();
    ProtoReader config(bytes);
    for (ProtoReader::Field field; config.next(field);) {
      if (field.number == 1 && !field.is_bytes) type.cloze = field.varint == 1;
    }
    types[notetypes.getColumn(0).getInt64()] = std::move(type);
  }
  SQLite::Statement fields(db, "SELECT ntid, name FROM fields ORDER BY ntid, ord");
  while (fields.executeStep()) {
    types[fields.getColumn(0).getInt64()].fields.push_back(fields.getColumn(1).getString());
  }
  SQLite::Statement templates(db, "SELECT ntid, name, config FROM templates ORDER BY ntid, ord");
  while (templates.executeStep()) {
    CardTemplate card{templates.getColumn(1).getString(), {}, {}};
    const std::string bytes = templates.getColumn(2).getString();
    ProtoReader config(bytes);
    for (ProtoReader::Field field; config.next(field);) {
      if (field.number == 1 && field.is_bytes) card.question = field.bytes;
      if (field.number == 2 && field.is_bytes) card.answer = field.bytes;
    }
    if (config.failed()) throw Error("{}: template \"{}\" is corrupt", source, card.name);
    types[templates.getColumn(0).getInt64()].templates.push_back(std::move(card));
  }
  SQLite::Statement deck_rows(db, "SELECT id, name FROM decks");
  while (deck_rows.executeStep()) {
    std::string name = deck_rows.getColumn(1).getString();
    for (std::size_t at = name.find('\x1f'); at != std::string::npos; at = name.find('\x1f', at))
      name.replace(at, 1, "::");
    decks[deck_rows.getColumn(0).getInt64()] = {"", std::move(name), ""};
  }
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::vector<std::string> split_tags(std::string_view text) {
  std::vector<std::string> tags;
  for (std::string& tag : split(text, ' ')) {
    tag = anki_tag(std::move(tag));
    if (!tag.empty() && std::find(tags.begin(), tags.end(), tag) == tags.end())
      tags.push_back(std::move(tag));
  }
  return tags;
}

std::string hex(std::string_view bytes) {
  std::string out;
  for (const char c : bytes)
    out += fmt::format("{:02x}", static_cast<unsigned char>(c));
  return out;
}

// The answer side without the question Anki repeats above it: what follows <hr id=answer>.
std::string_view answer_part(std::string_view html) {
  for (std::size_t at = html.find("<hr"); at != std::string_view::npos;
       at = html.find("<hr", at + 1)) {
    const std::size_t end = html.find('>', at);
    if (end == std::string_view::npos) break;
    if (html.substr(at, end - at).find("answer") != std::string_view::npos)
      return html.substr(end + 1);
  }
  return html;
}

struct Note {
  std::string guid;
  std::string data;  // notes.data; "rehearse-group:G" when rehearse wrote the note
  std::int64_t type_id = 0;
  std::string tags;
  NoteFields fields;
};

// Renders card `ord` of `note`; nullopt (and a line in `skipped`) when it shows nothing.
std::optional<CardContent> render_card(const Note& note, const NoteType& type, int ord,
                                       const std::string& deck_name,
                                       std::vector<std::string>& skipped) {
  const std::size_t index = type.cloze ? 0 : static_cast<std::size_t>(ord);
  const std::string label = fmt::format("note {} card {}", note.guid, ord + 1);
  if (index >= type.templates.size()) {
    skipped.push_back(
        fmt::format("{}: note type \"{}\" has no template {}", label, type.name, ord + 1));
    return std::nullopt;
  }
  const CardTemplate& card_template = type.templates[index];
  TemplateContext context;
  context.cloze = type.cloze ? ord + 1 : 0;
  context.tags = trim(note.tags);
  context.deck = deck_name;
  context.card_name = card_template.name;
  context.note_type = type.name;
  std::string question_html;
  std::string answer_html;
  try {
    question_html = render_template(card_template.question, note.fields, context);
    context.answer = true;
    answer_html = render_template(card_template.answer, note.fields, context);
  } catch (const Error& e) {
    throw Error("note type \"{}\", card type \"{}\": {}", type.name, card_template.name, e.what());
  }
  CardContent content;
  content.front = html_to_text(question_html);
  content.back = html_to_text(answer_part(answer_html));
  if (content.front.empty()) {
    skipped.push_back(label + ": its question is empty");
    return std::nullopt;
  }
  if (content.back.empty()) content.back = "(empty)";
  // A note rehearse exported carries the card's own id (write_anki_package).
  const std::string_view guid = note.guid;
  const bool ours = ord == 0 && guid.starts_with("rehearse:") && is_id_text(guid.substr(9));
  content.id = ours ? std::string(guid.substr(9)) : fmt::format("anki.{}.{}", hex(guid), ord + 1);
  if (ours && std::string_view(note.data).starts_with("rehearse-group:")) {
    content.group = note.data.substr(15);
  }
  content.tags = split_tags(note.tags);
  return content;
}

std::unordered_map<std::int64_t, Note> read_notes(SQLite::Database& db, const NoteTypes& types,
                                                  std::string_view source) {
  std::unordered_map<std::int64_t, Note> notes;
  SQLite::Statement rows(db, "SELECT id, guid, mid, tags, flds, data FROM notes");
  while (rows.executeStep()) {
    Note note{rows.getColumn(1).getString(),
              rows.getColumn(5).getString(),
              rows.getColumn(2).getInt64(),
              rows.getColumn(3).getString(),
              {}};
    const auto type = types.find(note.type_id);
    if (type == types.end()) {
      throw Error("{}: note {} uses note type {}, which the collection does not hold", source,
                  note.guid, note.type_id);
    }
    const std::vector<std::string> values = split(rows.getColumn(4).getString(), '\x1f');
    for (std::size_t i = 0; i < type->second.fields.size(); ++i) {
      note.fields.emplace(type->second.fields[i], i < values.size() ? values[i] : "");
    }
    notes.emplace(rows.getColumn(0).getInt64(), std::move(note));
  }
  return notes;
}

void read_cards(SQLite::Database& db, const NoteTypes& types, const DeckNames& deck_names,
                std::string_view source, AnkiPackage& package,
                std::unordered_map<std::int64_t, std::string>& card_ids) {
  const std::unordered_map<std::int64_t, Note> notes = read_notes(db, types, source);
  std::map<std::string, Deck> decks;  // by name: the cards' decks
  std::unordered_map<std::int64_t, std::vector<std::size_t>> cards_of_note;
  SQLite::Statement rows(db,
                         "SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END, ord, type, "
                         "queue, due, ivl, factor, reps, lapses FROM cards ORDER BY nid, ord");
  while (rows.executeStep()) {
    const auto note = notes.find(rows.getColumn(1).getInt64());
    if (note == notes.end()) continue;  // a card whose note is gone: Anki's "check" removes it
    const auto deck = deck_names.find(rows.getColumn(2).getInt64());
    Deck anki_deck = deck == deck_names.end() ? Deck{"", "Default", ""} : deck->second;
    const std::string deck_name = anki_deck.name;
    std::optional<CardContent> content =
        render_card(note->second, types.at(note->second.type_id), rows.getColumn(3).getInt(),
                    deck_name, package.skipped);
    if (!content) continue;
    if (!is_id_text(anki_deck.id)) anki_deck.id = "anki." + deck_id_from_name(deck_name);
    const auto [it, added] = decks.emplace(deck_name, std::move(anki_deck));
    card_ids[rows.getColumn(0).getInt64()] = content->id;
    cards_of_note[note->first].push_back(package.cards.size());
    package.cards.push_back({std::move(*content), it->second.id,
                             AnkiSchedule{rows.getColumn(4).getInt(), rows.getColumn(5).getInt(),
                                          rows.getColumn(6).getInt64(), rows.getColumn(7).getInt(),
                                          rows.getColumn(8).getInt(), rows.getColumn(9).getInt(),
                                          rows.getColumn(10).getInt()}});
  }
  // The cards of one note are siblings.
  for (const auto& [note_id, indices] : cards_of_note) {
    if (indices.size() < 2) continue;
    for (const std::size_t i : indices) {
      package.cards[i].content.group = "anki." + hex(notes.at(note_id).guid);
    }
  }
  for (const auto& [name, deck] : decks)
    package.decks.push_back(deck);
}

void read_reviews(SQLite::Database& db, const std::unordered_map<std::int64_t, std::string>& ids,
                  AnkiPackage& package) {
  SQLite::Statement rows(db,
                         "SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog "
                         "ORDER BY id");
  while (rows.executeStep()) {
    const auto card = ids.find(rows.getColumn(1).getInt64());
    if (card == ids.end()) continue;
    package.reviews.push_back({card->second, rows.getColumn(0).getInt64(),
                               rows.getColumn(2).getInt(), rows.getColumn(3).getInt(),
                               rows.getColumn(4).getInt(), rows.getColumn(5).getInt(),
                               rows.getColumn(6).getInt(), rows.getColumn(7).getInt()});
  }
}

// Anki's collation for tag names; its schema names it, so SQLite needs it to read some tables.
int unicase(void*, int a_size, const void* a, int b_size, const void* b) {
  const auto lower = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; };
  const auto* x = static_cast<const unsigned char*>(a);
  const auto* y = static_cast<const unsigned char*>(b);
  for (int i = 0; i < a_size && i < b_size; ++i) {
    if (lower(x[i]) != lower(y[i])) return lower(x[i]) < lower(y[i]) ? -1 : 1;
  }
  return a_size == b_size ? 0 : a_size < b_size ? -1 : 1;
}

void read_collection(const std::filesystem::path& file, std::string_view source,
                     AnkiPackage& package) {
  try {
    SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
    sqlite3_create_collation(db.getHandle(), "unicase", SQLITE_UTF8, nullptr, unicase);
    SQLite::Statement col(db, "SELECT ver, crt FROM col");
    if (!col.executeStep()) throw Error("{}: the collection has no `col` row", source);
    package.schema_version = col.getColumn(0).getInt();
    package.created = col.getColumn(1).getInt64();
    if (package.schema_version < 11 || package.schema_version > 18) {
      throw Error("{}: collection schema version {} is not supported (expected 11 to 18)", source,
                  package.schema_version);
    }
    NoteTypes types;
    DeckNames decks;
    if (db.tableExists("notetypes")) {
      read_table_layout(db, source, types, decks);
    } else {
      read_legacy_layout(db, source, types, decks);
    }
    std::unordered_map<std::int64_t, std::string> card_ids;
    read_cards(db, types, decks, source, package, card_ids);
    read_reviews(db, card_ids, package);
  } catch (const SQLite::Exception& e) {
    throw Error("{}: the collection inside ({}) cannot be read: {}", source,
                package.collection_member, e.what());
  }
}

}  // namespace

AnkiPackage read_anki_package(const std::filesystem::path& path, const AnkiReadOptions& options) {
  const std::string source = path.string();
  const ZipReader zip(path, source);
  InflateBudget budget(options.limits, source);
  AnkiPackage package;
  package.collection_member = collection_member(zip, budget, source);
  {
    TempFile file(temp_dir(options));
    extract_collection(zip, package.collection_member, budget, source, file);
    try {
      read_collection(file.path(), source, package);
    } catch (const Error& e) {
      if (std::string_view(e.what()).starts_with(source)) throw;
      throw Error("{}: {}", source, e.what());
    }
  }
  if (options.read_media) {
    package.media =
        read_media(zip, budget, source, package.collection_member == "collection.anki21b");
  }
  return package;
}

std::vector<std::string> save_media(const std::vector<AnkiMedia>& media,
                                    const std::filesystem::path& folder) {
  std::vector<std::string> written;
  if (media.empty()) return written;
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) throw Error("cannot create the folder {}: {}", folder.string(), error.message());
  for (const AnkiMedia& file : media) {
    const std::filesystem::path path = folder / file.name;
    if (std::filesystem::is_regular_file(path, error) &&
        std::filesystem::file_size(path, error) == file.data.size() &&
        read_file(path) == file.data) {
      continue;
    }
    write_file_atomically(path, file.data);
    written.push_back(file.name);
  }
  return written;
}

}  // namespace rehearse
