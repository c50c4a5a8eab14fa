// The schema is Anki's schema 11 (rslib/src/storage/schema11.sql), the note type and deck JSON
// the fields Anki 2.1 writes for them; Anki upgrades such a collection when it imports it.
#include "io/anki_export.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <unordered_set>

#include "io/anki_schedule.hpp"
#include "io/file.hpp"
#include "io/interop_text.hpp"
#include "io/libzip.hpp"
#include "model/error.hpp"

namespace rehearse {
namespace {

constexpr const char* kSchema = R"(
create table col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
create table notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
create table cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
create table revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
create table graves (usn integer not null, oid integer not null, type integer not null);
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
create index ix_cards_nid on cards (nid);
create index ix_cards_sched on cards (did, queue, due);
create index ix_revlog_cid on revlog (cid);
create index ix_notes_csum on notes (csum);
)";

constexpr std::int64_t kNoteTypeId = 1342697561419;  // fixed, as Anki's stock Basic's own
constexpr std::int64_t kDeckId = 1700000000001;

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::string models_json(std::int64_t created) {
  return fmt::format(
      R"({{"{0}": {{"id": {0}, "name": "Basic", "type": 0, "mod": {1}, "usn": -1, "sortf": 0, )"
      R"("did": {2}, "flds": [{{"name": "Front", "ord": 0, "sticky": false, "rtl": false, )"
      R"("font": "Arial", "size": 20, "media": []}}, {{"name": "Back", "ord": 1, "sticky": false, )"
      R"("rtl": false, "font": "Arial", "size": 20, "media": []}}], "tmpls": [{{"name": "Card 1", )"
      R"("ord": 0, "qfmt": "{{{{Front}}}}", "afmt": "{{{{FrontSide}}}}\n\n<hr id=answer>\n\n)"
      R"({{{{Back}}}}", "did": null, "bqfmt": "", "bafmt": ""}}], "css": ".card {{ font-family: )"
      R"(arial; font-size: 20px; text-align: center; }}", "latexPre": "", "latexPost": "", )"
      R"("latexsvg": false, "req": [[0, "any", [0]]], "tags": [], "vers": []}}}})",
      kNoteTypeId, created, kDeckId);
}

std::string deck_json(std::int64_t id, const Deck& deck, std::int64_t created, bool ours) {
  std::string extra;
  if (ours) extra = fmt::format(", \"rehearseId\": {}", json_string(deck.id));
  return fmt::format(
      R"("{0}": {{"id": {0}, "name": {1}, "desc": {2}, "mod": {3}, "usn": -1, "dyn": 0, )"
      R"("conf": 1, "collapsed": false, "browserCollapsed": false, "extendNew": 0, )"
      R"("extendRev": 0, "newToday": [0, 0], "revToday": [0, 0], "lrnToday": [0, 0], )"
      R"("timeToday": [0, 0]{4}}})",
      id, json_string(ours ? deck.name : "Default"), json_string(ours ? deck.description : ""),
      created, extra);
}

constexpr const char* kDeckConfig =
    R"({"1": {"id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true, )"
    R"("timer": 0, "replayq": true, "dyn": false, "new": {"bury": false, "delays": [1.0, 10.0], )"
    R"("initialFactor": 2500, "ints": [1, 4, 0], "order": 1, "perDay": 20}, "rev": {"bury": )"
    R"(false, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500, "perDay": 200, "hardFactor": 1.2}, )"
    R"("lapse": {"delays": [10.0], "leechAction": 1, "leechFails": 8, "minInt": 1, "mult": 0.0}}})";

// Plain text as the HTML Anki shows.
std::string to_html(std::string_view text) {
  std::string out;
  bool after_space = true;  // a space at a line's start is kept too
  for (const char c : text) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '\n')
      out += "<br>";
    else if (c == ' ' && after_space)
      out += "&nbsp;";
    else
      out += c;
    after_space = c == ' ' || c == '\n';
  }
  return out;
}

void write_collection(const AnkiExport& deck, const std::filesystem::path& file) {
  SQLite::Database db(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec(kSchema);
  SQLite::Transaction transaction(db);
  const std::int64_t created = deck.created;
  SQLite::Statement col(db, "INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')");
  col.bind(1, created);
  col.bind(2, created);
  col.bind(3, created * 1000);
  col.bind(4, fmt::format(R"({{"nextPos": {}, "estTimes": true, "activeDecks": [1], )"
                          R"("sortType": "noteFld", "timeLim": 0, "sortBackwards": false, )"
                          R"("addToCur": true, "curDeck": {}, "newSpread": 0, "dueCounts": true, )"
                          R"("curModel": "{}", "collapseTime": 1200}})",
                          deck.cards.size() + 1, kDeckId, kNoteTypeId));
  col.bind(5, models_json(created));
  col.bind(6, fmt::format("{{{}, {}}}", deck_json(1, deck.deck, created, false),
                          deck_json(kDeckId, deck.deck, created, true)));
  col.bind(7, kDeckConfig);
  col.exec();
  SQLite::Statement note(db, "INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, 0, 0, ?)");
  SQLite::Statement card(db,
                         "INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, ?, ?, ?, ?, ?, ?, ?, 0, 0, "
                         "0, 0, '')");
  SQLite::Statement review(db, "INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)");
  std::unordered_set<std::int64_t> used_times;
  const std::int64_t creation_day = day_number(utc_day(created));
  for (std::size_t i = 0; i < deck.cards.size(); ++i) {
    const AnkiExportCard& c = deck.cards[i];
    // Ids in deck order, in Anki's style (milliseconds): readers order notes by id.
    const std::int64_t note_id = created * 1000 + static_cast<std::int64_t>(i);
    const std::int64_t card_id = note_id;
    std::string tags;
    for (const std::string& tag : c.content.tags)
      tags += fmt::format(" {}", tag);
    note.bind(1, note_id);
    note.bind(2, fmt::format("rehearse:{}", c.content.id));
    note.bind(3, kNoteTypeId);
    note.bind(4, created);
    note.bind(5, tags.empty() ? std::string() : fmt::format("{} ", tags));
    note.bind(6, to_html(c.content.front) + '\x1f' + to_html(c.content.back));
    note.bind(7, to_html(c.content.front));
    note.bind(8, c.content.group.empty() ? std::string()
                                         : fmt::format("rehearse-group:{}", c.content.group));
    note.exec();
    note.reset();
    const bool fresh = c.state.is_new();
    int lapses = 0;
    for (const AnkiExportAnswer& a : c.answers)
      lapses += a.grade < 3 ? 1 : 0;
    card.bind(1, card_id);
    card.bind(2, note_id);
    card.bind(3, kDeckId);
    card.bind(4, created);
    card.bind(5, fresh ? 0 : 2);
    card.bind(6, c.suspended ? -1 : fresh ? 0 : 2);
    card.bind(7,
              fresh ? static_cast<std::int64_t>(i + 1) : day_number(*c.state.due) - creation_day);
    card.bind(8, fresh ? 0 : c.state.interval_days);
    card.bind(9, fresh ? 0 : c.state.ease.hundredths() * 10);
    card.bind(10, fresh ? 0 : c.state.repetitions);
    card.bind(11, lapses);
    card.exec();
    card.reset();
    for (std::size_t k = 0; k < c.answers.size(); ++k) {
      const AnkiExportAnswer& a = c.answers[k];
      std::int64_t time = a.time_ms;
      while (!used_times.insert(time).second)
        ++time;
      review.bind(1, time);
      review.bind(2, card_id);
      review.bind(3, button_of_grade(a.grade));
      review.bind(4, a.interval_after);
      review.bind(5, a.interval_before);
      review.bind(6, a.ease_after * 10);
      review.bind(7, a.duration_ms);
      review.bind(8, k == 0 ? 0 : 1);
      review.exec();
      review.reset();
    }
  }
  transaction.commit();
}

struct ZipDiscard {
  void operator()(zip_t* zip) const { libzip().zip_discard(zip); }
};

void add_member(zip_t* zip, const char* name, const std::string& data, std::string_view target) {
  void* copy = std::malloc(data.size() + 1);
  if (copy == nullptr) throw Error("{}: out of memory", target);
  std::memcpy(copy, data.data(), data.size());
  zip_source_t* source = libzip().zip_source_buffer(zip, copy, data.size(), 1);
  if (source == nullptr || libzip().zip_file_add(zip, name, source, ZIP_FL_OVERWRITE) < 0) {
    if (source != nullptr)
      libzip().zip_source_free(source);
    else
      std::free(copy);
    throw Error("{}: cannot write: {}", target, libzip().zip_strerror(zip));
  }
}

std::string read_whole(const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) throw Error("cannot read {}", path.string());
  std::string data;
  char buffer[1 << 16];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0)
    data.append(buffer, got);
  std::fclose(file);
  return data;
}

}  // namespace

int button_of_grade(int grade) {
  return grade <= 2 ? 1 : grade == 3 ? 2 : grade == 4 ? 3 : 4;
}

void write_anki_package(const AnkiExport& deck, const std::filesystem::path& path) {
  const std::string target = path.string();
  // Refused before any work when the target is a device, a FIFO or a folder.
  const std::filesystem::path destination = file_to_replace(path);
  const auto private_file = [&] {
    const TemporaryFile file = create_temporary_beside(destination);
    ::close(file.fd);
    return file.path;
  };
  struct Cleanup {
    std::filesystem::path a, b;
    ~Cleanup() {
      std::error_code ignored;
      std::filesystem::remove(a, ignored);
      std::filesystem::remove(b, ignored);
    }
  } cleanup{private_file(), private_file()};
  const std::filesystem::path& collection = cleanup.a;
  const std::filesystem::path& package = cleanup.b;
  try {
    write_collection(deck, collection);
  } catch (const SQLite::Exception& e) {
    throw Error("{}: cannot write the collection: {}", target, e.what());
  }
  int code = 0;
  std::unique_ptr<zip_t, ZipDiscard> zip(
      libzip().zip_open(package.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code));
  if (!zip) throw Error("{}: cannot create it", target);
  add_member(zip.get(), "collection.anki2", read_whole(collection), target);
  add_member(zip.get(), "media", "{}", target);
  if (libzip().zip_close(zip.get()) != 0)
    throw Error("{}: cannot write: {}", target, libzip().zip_strerror(zip.get()));
  zip.release();
  // Replaced like every file rehearse writes: through a link, atomically, keeping permissions.
  write_file_atomically(path, read_whole(package));
}

}  // namespace rehearse
