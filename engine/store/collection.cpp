#include "store/collection.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <array>
#include <unordered_map>
#include <unordered_set>

#include "model/error.hpp"
#include "store/backup.hpp"
#include "store/schema.hpp"

namespace rehearse {
namespace {

constexpr int kBusyTimeoutMs = 10'000;
constexpr int kWriteAttempts = 5;

// Turns an SQLite failure into a message a user can act on.
Error storage_error(const std::filesystem::path& path, const SQLite::Exception& e) {
  const std::string file = path.string();
  switch (e.getErrorCode()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error(
          "{} is busy: another rehearse kept it locked for over {} s; nothing was "
          "changed, try again",
          file, kBusyTimeoutMs / 1000);
    case SQLITE_FULL:
      return Error("cannot write {}: the disk is full; nothing was changed", file);
    case SQLITE_IOERR:
      // Growing the shared-memory file beside the collection fails on a full disk.
      if (e.getExtendedErrorCode() == SQLITE_IOERR_SHMSIZE) {
        return Error("cannot write {}: the disk is full; nothing was changed", file);
      }
      return Error("{}: {}", file, e.what());
    case SQLITE_READONLY:
      return Error("cannot write {}: the file or its folder is read-only; nothing was changed",
                   file);
    case SQLITE_NOTADB:
      return Error(
          "{} is not a rehearse collection (not an SQLite database); choose another "
          "file with --db",
          file);
    case SQLITE_CORRUPT:
      return Error("{} is damaged ({}); restore it from a backup", file, e.what());
    case SQLITE_CANTOPEN:
      return Error("cannot open {}: {}", file, e.what());
    default:
      return Error("{}: {}", file, e.what());
  }
}

std::optional<Day> optional_day(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return day_from_number(column.getInt64());
}

void bind_day(SQLite::Statement& statement, const char* name, std::optional<Day> day) {
  if (day) {
    statement.bind(name, day_number(*day));
  } else {
    statement.bind(name);
  }
}

std::vector<std::string> split_tags(const SQLite::Column& column) {
  std::vector<std::string> tags;
  if (column.isNull()) return tags;
  const std::string joined = column.getString();
  std::size_t start = 0;
  while (start < joined.size()) {
    const std::size_t end = std::min(joined.find(' ', start), joined.size());
    tags.emplace_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return tags;
}

// The columns every card query selects, in the order read_card expects.
constexpr std::string_view kCardColumns =
    "SELECT c.slug, d.slug, x.front, x.back, c.suspended, c.repetitions, c.ease, "
    "c.interval_days, c.due, c.last_answered, c.reask, x.tags "
    "FROM cards c JOIN decks d ON d.id = c.deck JOIN card_texts x ON x.card = c.id ";

// A card's tags as card_texts keeps them, in the author's order: tags contain no white space,
// so a space joins them safely.
std::string join_tags(const std::vector<std::string>& tags) {
  std::string joined;
  for (const std::string& tag : tags)
    (joined.empty() ? joined : joined += ' ') += tag;
  return joined;
}

Card read_card(SQLite::Statement& row) {
  Card card;
  card.content.id = row.getColumn(0).getString();
  card.deck_id = row.getColumn(1).getString();
  card.content.front = row.getColumn(2).getString();
  card.content.back = row.getColumn(3).getString();
  card.suspended = row.getColumn(4).getInt() != 0;
  card.state.repetitions = row.getColumn(5).getInt();
  card.state.ease = Ease::from_hundredths(row.getColumn(6).getInt());
  card.state.interval_days = row.getColumn(7).getInt();
  card.state.due = optional_day(row.getColumn(8));
  card.state.last_answered = optional_day(row.getColumn(9));
  card.state.reask = row.getColumn(10).getInt() != 0;
  card.content.tags = split_tags(row.getColumn(11));
  return card;
}

// How a tag filter is evaluated. A query that stops at its first row walks an index in its
// own order and probes each card's tags; a query that reads every match is better served by
// the list of the tag's cards.
enum class TagMatch { probe, list };

// The WHERE conditions (after the first) for a filter, with :deck and :tag parameters.
std::string filter_sql(const CardFilter& filter, TagMatch match = TagMatch::probe) {
  std::string sql;
  if (filter.deck) sql += " AND d.slug = :deck";
  if (filter.tag) {
    sql += match == TagMatch::probe
               ? " AND EXISTS (SELECT 1 FROM card_tags t WHERE t.tag = :tag AND t.card = c.id)"
               : " AND c.id IN (SELECT card FROM card_tags WHERE tag = :tag)";
  }
  return sql;
}

void bind_filter(SQLite::Statement& statement, const CardFilter& filter) {
  if (filter.deck) statement.bind(":deck", *filter.deck);
  if (filter.tag) statement.bind(":tag", *filter.tag);
}

// A cached statement in use; resets it when the scope ends, so that no read lock outlives
// the query.
class Query {
 public:
  explicit Query(SQLite::Statement& statement) : statement_(statement) {}
  ~Query() { statement_.tryReset(); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  SQLite::Statement* operator->() { return &statement_; }
  SQLite::Statement& operator*() { return statement_; }

 private:
  SQLite::Statement& statement_;
};

}  // namespace

struct Collection::Impl {
  std::filesystem::path path;
  SQLite::Database db;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements;
  std::unordered_map<const char*, SQLite::Statement*> literals;

  Impl(std::filesystem::path file, int flags)
      : path(std::move(file)), db(path.string(), flags, kBusyTimeoutMs) {}
  // `name` is what SQLite opens (a URI with flags), `file` what messages name.
  Impl(std::filesystem::path file, const std::string& name, int flags)
      : path(std::move(file)), db(name, flags, kBusyTimeoutMs) {}

  // A prepared statement, compiled once per collection and reused.
  Query query(const std::string& sql) {
    auto& slot = statements[sql];
    if (!slot) slot = std::make_unique<SQLite::Statement>(db, sql);
    return Query(*slot);
  }
  // The same for SQL that is a string literal, found by its address: the hot paths (imports,
  // answers) skip building and hashing the text on every call.
  Query query(const char* literal) {
    SQLite::Statement*& slot = literals[literal];
    if (!slot) {
      auto& owned = statements[literal];
      if (!owned) owned = std::make_unique<SQLite::Statement>(db, literal);
      slot = owned.get();
    }
    return Query(*slot);
  }

  // Runs `work` in one IMMEDIATE transaction, retrying the whole of it when another process
  // holds the lock beyond the busy timeout.
  template <typename Work>
  auto write(Work&& work) {
    for (int attempt = 1;; ++attempt) {
      try {
        SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
        auto result = work();
        transaction.commit();
        return result;
      } catch (const SQLite::Exception& e) {
        const bool busy = e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED;
        if (!busy || attempt == kWriteAttempts) throw;
      }
    }
  }

  std::optional<Card> one_card(const std::string& sql, const CardFilter& filter,
                               std::optional<Day> today) {
    auto q = query(sql);
    bind_filter(*q, filter);
    if (today) q->bind(":today", day_number(*today));
    if (!q->executeStep()) return std::nullopt;
    return read_card(*q);
  }

  std::int64_t card_rowid(std::string_view card_id) {
    auto q = query("SELECT id FROM cards WHERE slug = ?");
    q->bind(1, std::string(card_id));
    if (!q->executeStep()) throw Error("no card '{}' in {}", card_id, path.string());
    return q->getColumn(0).getInt64();
  }

  // Where a card sits: its deck and its place in the deck file.
  struct Placed {
    std::int64_t deck;
    std::int64_t position;
    bool operator==(const Placed&) const = default;
  };
  // What the collection holds of a card, to compare with a deck file.
  struct Stored {
    std::int64_t rowid;
    Placed placed;
    CardContent content;
  };
  std::optional<Stored> stored_card(const std::string& card_id);
  void insert_card(const CardContent& content, const Placed& placed, const CardState& state);
  void update_card(const Stored& stored, const CardContent& content, const Placed& placed);
  // card_tags lists each (tag, card) pair, for filters and counts by tag.
  void index_tags(std::int64_t card, const std::vector<std::string>& tags);
  void unindex_tags(std::int64_t card, const std::vector<std::string>& tags);
  // What importing a file would do: the report, and per card whether to add, keep or update
  // it (with the stored card, for each update, in order).
  struct ImportPlan {
    enum class Step : std::uint8_t { add, keep, update };
    ImportReport report;
    std::vector<Step> steps;
    std::vector<Stored> updates;
  };
  std::optional<std::int64_t> deck_rowid(const std::string& deck_id);
  // Reads only. `known`, when given, holds every card id in the collection.
  ImportPlan plan_import(const DeckFile& file, const std::unordered_set<std::string>* known);
  void apply_import(const DeckFile& file, const ImportPlan& plan, const CardState& new_state,
                    const std::function<void()>& tick);
  // Plans every file: with big imports, one scan of the ids beats a lookup per card.
  std::vector<ImportPlan> plan_imports(std::span<const DeckFile> files);
  std::unordered_set<std::string> card_ids();
  LogEntry answer(const AnswerRecord& answer, const Transition& transition);

  static std::unique_ptr<Impl> open_writable(const std::filesystem::path& path,
                                             const OpenOptions& options);
  static std::unique_ptr<Impl> open_read_only(const std::filesystem::path& path);
};

namespace {

// Runs `work` and reports an SQLite failure as an Error naming the collection file.
template <typename Work>
auto guarded(const std::filesystem::path& path, Work&& work) {
  try {
    return work();
  } catch (const SQLite::Exception& e) {
    throw storage_error(path, e);
  }
}

}  // namespace

Collection::Collection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Collection::Collection(Collection&&) noexcept = default;
Collection& Collection::operator=(Collection&&) noexcept = default;
Collection::~Collection() = default;

const std::filesystem::path& Collection::path() const {
  return impl_->path;
}

namespace {

// `path` as an SQLite URI, with the characters URIs reserve escaped.
std::string file_uri(const std::filesystem::path& path) {
  std::string uri = "file:";
  for (const char c : path.string()) {
    if (c == '%' || c == '?' || c == '#') {
      uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    } else {
      uri += c;
    }
  }
  return uri;
}

// Whether SQLite failed because the file or its folder cannot be written.
bool read_only_medium(const SQLite::Exception& e) {
  return e.getErrorCode() == SQLITE_CANTOPEN || e.getErrorCode() == SQLITE_READONLY;
}

}  // namespace

std::unique_ptr<Collection::Impl> Collection::Impl::open_writable(const std::filesystem::path& path,
                                                                  const OpenOptions& options) {
  auto impl = std::make_unique<Impl>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  store::check_collection(impl->db, path);  // before anything may change the file
  impl->db.exec("PRAGMA foreign_keys = ON");
  impl->db.exec("PRAGMA cache_size = -262144");  // 256 MB at most, for large imports
  if (path != ":memory:") {
    impl->db.exec("PRAGMA journal_mode = WAL");
    impl->db.exec(options.durability == Durability::power_loss ? "PRAGMA synchronous = FULL"
                                                               : "PRAGMA synchronous = NORMAL");
  }
  store::migrate(impl->db, path);
  return impl;
}

// A collection whose file or folder cannot be written (a read-only mount, permissions) can
// still be read. In a read-only folder SQLite cannot create the files WAL mode keeps beside
// the collection; nothing can write there either, so the file is opened as immutable.
std::unique_ptr<Collection::Impl> Collection::Impl::open_read_only(
    const std::filesystem::path& path) {
  std::unique_ptr<Impl> impl;
  try {
    impl = std::make_unique<Impl>(path, SQLite::OPEN_READONLY);
    store::check_collection(impl->db, path);
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() != SQLITE_CANTOPEN) throw;
    impl = std::make_unique<Impl>(path, file_uri(path) + "?immutable=1",
                                  SQLite::OPEN_READONLY | SQLite::OPEN_URI);
    store::check_collection(impl->db, path);
  }
  if (store::schema_version(impl->db) < store::latest_schema_version()) {
    throw Error(
        "cannot write {}: the file or its folder is read-only, and this older collection must "
        "be brought up to date once; make it writable and run rehearse again",
        path.string());
  }
  return impl;
}

Collection Collection::open(const std::filesystem::path& path, const OpenOptions& options) {
  const bool in_memory = path == ":memory:";
  std::error_code error;
  if (!in_memory && std::filesystem::is_directory(path, error)) {
    throw Error("{} is a folder, not a collection file", path.string());
  }
  if (!in_memory && path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), error);
    if (error) {
      throw Error("cannot create the folder {}: {}", path.parent_path().string(), error.message());
    }
  }
  return guarded(path, [&] {
    try {
      return Collection(Impl::open_writable(path, options));
    } catch (const SQLite::Exception& e) {
      if (in_memory || !read_only_medium(e) || !std::filesystem::exists(path)) throw;
      return Collection(Impl::open_read_only(path));
    }
  });
}

std::vector<DeckCounts> Collection::deck_counts(Day today) const {
  return guarded(impl_->path, [&] {
    std::vector<DeckCounts> decks;
    std::unordered_map<std::int64_t, std::size_t> index_of;  // deck rowid -> place in `decks`
    {
      auto q = impl_->query("SELECT id, slug, name, description FROM decks ORDER BY id");
      while (q->executeStep()) {
        index_of[q->getColumn(0).getInt64()] = decks.size();
        decks.push_back({{q->getColumn(1).getString(), q->getColumn(2).getString(),
                          q->getColumn(3).getString()}});
      }
    }
    // Each count walks one index; `due` adds today's re-asks, which are due tomorrow.
    const auto add = [&](const std::string& where, int DeckCounts::*field) {
      auto q = impl_->query("SELECT deck, count(*) FROM cards " + where + " GROUP BY deck");
      if (where.find(":today") != std::string::npos) q->bind(":today", day_number(today));
      while (q->executeStep()) {
        decks[index_of.at(q->getColumn(0).getInt64())].*field += q->getColumn(1).getInt();
      }
    };
    add("", &DeckCounts::total);
    add("WHERE suspended = 0 AND due IS NULL", &DeckCounts::new_cards);
    add("WHERE suspended = 0 AND due IS NOT NULL AND due <= :today", &DeckCounts::due);
    add("WHERE reask = 1 AND last_answered = :today AND suspended = 0", &DeckCounts::due);
    return decks;
  });
}

std::optional<Deck> Collection::find_deck(std::string_view deck_id) const {
  return guarded(impl_->path, [&]() -> std::optional<Deck> {
    auto q = impl_->query("SELECT slug, name, description FROM decks WHERE slug = ?");
    q->bind(1, std::string(deck_id));
    if (!q->executeStep()) return std::nullopt;
    return Deck{q->getColumn(0).getString(), q->getColumn(1).getString(),
                q->getColumn(2).getString()};
  });
}

std::unordered_set<std::string> Collection::Impl::card_ids() {
  std::unordered_set<std::string> ids;
  auto q = query("SELECT slug FROM cards");
  while (q->executeStep())
    ids.emplace(q->getColumn(0).getText());
  return ids;
}

void Collection::Impl::index_tags(std::int64_t card, const std::vector<std::string>& tags) {
  // One statement for up to kRows tags: a card's tags go in with one step, not one each.
  constexpr std::size_t kRows = 8;
  static const std::array<std::string, kRows + 1> kInsert = [] {
    std::array<std::string, kRows + 1> sql;
    for (std::size_t n = 1; n <= kRows; ++n) {
      sql[n] = "INSERT INTO card_tags (tag, card) VALUES (?, ?)";
      for (std::size_t i = 1; i < n; ++i)
        sql[n] += ", (?, ?)";
    }
    return sql;
  }();
  for (std::size_t start = 0; start < tags.size(); start += kRows) {
    const std::size_t n = std::min(kRows, tags.size() - start);
    auto insert = query(kInsert[n].c_str());
    for (std::size_t i = 0; i < n; ++i) {
      insert->bindNoCopy(static_cast<int>(2 * i + 1), tags[start + i]);
      insert->bind(static_cast<int>(2 * i + 2), card);
    }
    insert->exec();
  }
}

void Collection::Impl::unindex_tags(std::int64_t card, const std::vector<std::string>& tags) {
  for (const std::string& tag : tags) {
    auto remove = query("DELETE FROM card_tags WHERE tag = ? AND card = ?");
    remove->bind(1, tag);
    remove->bind(2, card);
    remove->exec();
  }
}

std::optional<Collection::Impl::Stored> Collection::Impl::stored_card(const std::string& card_id) {
  auto q = query(
      "SELECT c.id, c.deck, c.position, x.front, x.back, x.tags "
      "FROM cards c JOIN card_texts x ON x.card = c.id WHERE c.slug = ?");
  q->bind(1, card_id);
  if (!q->executeStep()) return std::nullopt;
  return Stored{q->getColumn(0).getInt64(),
                {q->getColumn(1).getInt64(), q->getColumn(2).getInt64()},
                {card_id, q->getColumn(3).getString(), q->getColumn(4).getString(),
                 split_tags(q->getColumn(5))}};
}

void Collection::Impl::insert_card(const CardContent& content, const Placed& placed,
                                   const CardState& state) {
  {
    auto insert = query(
        "INSERT INTO cards (slug, deck, position, repetitions, ease, interval_days) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    insert->bind(1, content.id);
    insert->bind(2, placed.deck);
    insert->bind(3, placed.position);
    insert->bind(4, state.repetitions);
    insert->bind(5, state.ease.hundredths());
    insert->bind(6, state.interval_days);
    insert->exec();
  }
  const std::int64_t rowid = db.getLastInsertRowid();
  const std::string tags = join_tags(content.tags);
  auto texts = query("INSERT INTO card_texts (card, front, back, tags) VALUES (?, ?, ?, ?)");
  texts->bind(1, rowid);
  texts->bindNoCopy(2, content.front);  // the strings outlive the statement's execution
  texts->bindNoCopy(3, content.back);
  texts->bindNoCopy(4, tags);
  texts->exec();
  index_tags(rowid, content.tags);
}

void Collection::Impl::update_card(const Stored& stored, const CardContent& content,
                                   const Placed& placed) {
  {
    auto update = query("UPDATE cards SET deck = ?, position = ? WHERE id = ?");
    update->bind(1, placed.deck);
    update->bind(2, placed.position);
    update->bind(3, stored.rowid);
    update->exec();
  }
  auto texts = query("UPDATE card_texts SET front = ?, back = ?, tags = ? WHERE card = ?");
  texts->bind(1, content.front);
  texts->bind(2, content.back);
  texts->bind(3, join_tags(content.tags));
  texts->bind(4, stored.rowid);
  texts->exec();
  if (stored.content.tags != content.tags) {
    unindex_tags(stored.rowid, stored.content.tags);
    index_tags(stored.rowid, content.tags);
  }
}

std::optional<std::int64_t> Collection::Impl::deck_rowid(const std::string& deck_id) {
  auto q = query("SELECT id FROM decks WHERE slug = ?");
  q->bind(1, deck_id);
  if (!q->executeStep()) return std::nullopt;
  return q->getColumn(0).getInt64();
}

Collection::Impl::ImportPlan Collection::Impl::plan_import(
    const DeckFile& file, const std::unordered_set<std::string>* known) {
  ImportPlan plan;
  plan.report.deck_id = file.deck.id;
  const std::optional<std::int64_t> deck = deck_rowid(file.deck.id);
  plan.report.deck_added = !deck;
  plan.steps.reserve(file.cards.size());
  std::unordered_set<std::string_view> listed;
  for (std::size_t position = 0; position < file.cards.size(); ++position) {
    const CardContent& content = file.cards[position];
    listed.insert(content.id);
    // A card id the collection does not know needs no lookup (`known` is set for big imports).
    std::optional<Stored> stored;
    if (!known || known->contains(content.id)) stored = stored_card(content.id);
    if (!stored) {
      plan.steps.push_back(ImportPlan::Step::add);
      ++plan.report.added;
    } else if (deck && stored->placed == Placed{*deck, static_cast<std::int64_t>(position)} &&
               stored->content == content) {
      plan.steps.push_back(ImportPlan::Step::keep);
      ++plan.report.unchanged;
    } else {
      plan.steps.push_back(ImportPlan::Step::update);
      if (stored->placed.deck != deck) plan.report.moved.push_back(content.id);
      plan.updates.push_back(std::move(*stored));
      ++plan.report.updated;
    }
  }
  if (deck) {
    auto in_deck = query("SELECT slug FROM cards WHERE deck = ? ORDER BY position, slug");
    in_deck->bind(1, *deck);
    while (in_deck->executeStep()) {
      std::string slug = in_deck->getColumn(0).getString();
      if (!listed.contains(slug)) plan.report.missing.push_back(std::move(slug));
    }
  }
  return plan;
}

void Collection::Impl::apply_import(const DeckFile& file, const ImportPlan& plan,
                                    const CardState& new_state, const std::function<void()>& tick) {
  {
    auto upsert = query(
        "INSERT INTO decks (slug, name, description) VALUES (?, ?, ?) ON CONFLICT (slug) DO "
        "UPDATE SET name = excluded.name, description = excluded.description");
    upsert->bind(1, file.deck.id);
    upsert->bind(2, file.deck.name);
    upsert->bind(3, file.deck.description);
    upsert->exec();
  }
  const std::int64_t deck = *deck_rowid(file.deck.id);
  auto update = plan.updates.begin();
  for (std::size_t position = 0; position < file.cards.size(); ++position) {
    const Placed placed{deck, static_cast<std::int64_t>(position)};
    switch (plan.steps[position]) {
      case ImportPlan::Step::add:
        insert_card(file.cards[position], placed, new_state);
        break;
      case ImportPlan::Step::update:
        update_card(*update++, file.cards[position], placed);
        break;
      case ImportPlan::Step::keep:
        break;
    }
    tick();
  }
}

std::vector<Collection::Impl::ImportPlan> Collection::Impl::plan_imports(
    std::span<const DeckFile> files) {
  std::size_t total = 0;
  for (const DeckFile& file : files)
    total += file.cards.size();
  std::optional<std::unordered_set<std::string>> known;
  if (total >= 4096) known = card_ids();
  std::vector<ImportPlan> plans;
  for (const DeckFile& file : files)
    plans.push_back(plan_import(file, known ? &*known : nullptr));
  return plans;
}

std::vector<ImportReport> Collection::preview_imports(std::span<const DeckFile> files) const {
  return guarded(impl_->path, [&] {
    std::vector<ImportReport> reports;
    for (Impl::ImportPlan& plan : impl_->plan_imports(files))
      reports.push_back(std::move(plan.report));
    return reports;
  });
}

std::vector<ImportReport> Collection::import_decks(std::span<const DeckFile> files,
                                                   const CardState& new_state,
                                                   const Progress& progress) {
  std::size_t total = 0;
  for (const DeckFile& file : files)
    total += file.cards.size();
  return guarded(impl_->path, [&] {
    return impl_->write([&] {
      std::size_t done = 0;
      const auto tick = [&] {
        if (progress && ++done % 1024 == 0) progress(done, total);
      };
      std::vector<Impl::ImportPlan> plans = impl_->plan_imports(files);
      std::vector<ImportReport> reports;
      for (std::size_t i = 0; i < files.size(); ++i) {
        impl_->apply_import(files[i], plans[i], new_state, tick);
        reports.push_back(std::move(plans[i].report));
      }
      if (progress) progress(total, total);
      return reports;
    });
  });
}

DeckFile Collection::export_deck(std::string_view deck_id) const {
  return guarded(impl_->path, [&] {
    std::optional<Deck> deck = find_deck(deck_id);
    if (!deck)
      throw Error("no deck '{}' in {} ('rehearse decks' lists them)", deck_id,
                  impl_->path.string());
    DeckFile file{*deck, {}};
    for (Card& card : cards(CardFilter{.deck = deck->id, .tag = {}})) {
      file.cards.push_back(std::move(card.content));
    }
    return file;
  });
}

std::optional<Card> Collection::find_card(std::string_view card_id) const {
  return guarded(impl_->path, [&]() -> std::optional<Card> {
    auto q = impl_->query(std::string(kCardColumns) + "WHERE c.slug = ?");
    q->bind(1, std::string(card_id));
    if (!q->executeStep()) return std::nullopt;
    return read_card(*q);
  });
}

std::vector<Card> Collection::cards(const CardFilter& filter) const {
  return guarded(impl_->path, [&] {
    auto q =
        impl_->query(std::string(kCardColumns) + "WHERE 1" + filter_sql(filter, TagMatch::list) +
                     " ORDER BY c.deck, c.position, c.slug");
    bind_filter(*q, filter);
    std::vector<Card> cards;
    while (q->executeStep())
      cards.push_back(read_card(*q));
    return cards;
  });
}

bool Collection::has_tag(std::string_view tag) const {
  return guarded(impl_->path, [&] {
    auto q = impl_->query("SELECT 1 FROM card_tags WHERE tag = ? LIMIT 1");
    q->bind(1, std::string(tag));
    return q->executeStep();
  });
}

std::optional<Card> Collection::first_due(const CardFilter& filter, Day today) const {
  return guarded(impl_->path, [&] {
    return impl_->one_card(std::string(kCardColumns) +
                               "WHERE c.suspended = 0 AND c.due IS NOT NULL AND c.due <= :today" +
                               filter_sql(filter) + " ORDER BY c.due, c.deck, c.position LIMIT 1",
                           filter, today);
  });
}

std::optional<Card> Collection::first_new(const CardFilter& filter) const {
  return guarded(impl_->path, [&] {
    return impl_->one_card(std::string(kCardColumns) + "WHERE c.suspended = 0 AND c.due IS NULL" +
                               filter_sql(filter) + " ORDER BY c.deck, c.position LIMIT 1",
                           filter, std::nullopt);
  });
}

std::vector<Reask> Collection::reasks(const CardFilter& filter, Day today) const {
  return guarded(impl_->path, [&] {
    auto q = impl_->query(
        "SELECT c.slug, (SELECT max(id) FROM reviews) - "
        "(SELECT max(r.id) FROM reviews r WHERE r.card = c.id) AS since "
        "FROM cards c JOIN decks d ON d.id = c.deck "
        "WHERE c.reask = 1 AND c.last_answered = :today AND c.suspended = 0" +
        filter_sql(filter) + " ORDER BY since DESC, c.slug");
    bind_filter(*q, filter);
    q->bind(":today", day_number(today));
    std::vector<Reask> reasks;
    while (q->executeStep()) {
      reasks.push_back({q->getColumn(0).getString(), q->getColumn(1).getInt64()});
    }
    return reasks;
  });
}

QueueCounts Collection::queue_counts(const CardFilter& filter, Day today) const {
  return guarded(impl_->path, [&] {
    const auto count = [&](const char* where) {
      auto q =
          impl_->query(std::string("SELECT count(*) FROM cards c JOIN decks d ON d.id = c.deck ") +
                       where + filter_sql(filter));
      bind_filter(*q, filter);
      if (std::string_view(where).find(":today") != std::string_view::npos) {
        q->bind(":today", day_number(today));
      }
      q->executeStep();
      return q->getColumn(0).getInt();
    };
    return QueueCounts{count("WHERE c.suspended = 0 AND c.due IS NOT NULL AND c.due <= :today"),
                       count("WHERE c.suspended = 0 AND c.due IS NULL"),
                       count("WHERE c.reask = 1 AND c.last_answered = :today AND c.suspended = 0")};
  });
}

std::optional<Day> Collection::earliest_due(const CardFilter& filter) const {
  return guarded(impl_->path, [&] {
    auto q = impl_->query(
        "SELECT min(c.due) FROM cards c JOIN decks d ON d.id = c.deck "
        "WHERE c.suspended = 0 AND c.due IS NOT NULL" +
        filter_sql(filter));
    bind_filter(*q, filter);
    q->executeStep();
    return optional_day(q->getColumn(0));
  });
}

LogEntry Collection::Impl::answer(const AnswerRecord& answer, const Transition& transition) {
  LogEntry entry;
  entry.card_id = answer.card_id;
  entry.moment = answer.moment;
  entry.grade = answer.grade;
  entry.duration = answer.duration;
  std::int64_t card = 0;
  {
    auto q = query(
        "SELECT id, repetitions, ease, interval_days, due, last_answered, reask FROM cards "
        "WHERE slug = ?");
    q->bind(1, answer.card_id);
    if (!q->executeStep()) throw Error("no card '{}' in {}", answer.card_id, path.string());
    card = q->getColumn(0).getInt64();
    entry.before.repetitions = q->getColumn(1).getInt();
    entry.before.ease = Ease::from_hundredths(q->getColumn(2).getInt());
    entry.before.interval_days = q->getColumn(3).getInt();
    entry.before.due = optional_day(q->getColumn(4));
    entry.before.last_answered = optional_day(q->getColumn(5));
    entry.before.reask = q->getColumn(6).getInt() != 0;
  }
  entry.after = transition(entry.before, answer.grade, answer.moment.day);
  {
    auto q = query(
        "UPDATE cards SET repetitions = :n, ease = :ease, interval_days = :interval, due = :due, "
        "last_answered = :last, reask = :reask WHERE id = :card");
    q->bind(":n", entry.after.repetitions);
    q->bind(":ease", entry.after.ease.hundredths());
    q->bind(":interval", entry.after.interval_days);
    bind_day(*q, ":due", entry.after.due);
    bind_day(*q, ":last", entry.after.last_answered);
    q->bind(":reask", entry.after.reask ? 1 : 0);
    q->bind(":card", card);
    q->exec();
  }
  {
    auto q = query(
        "INSERT INTO reviews (card, at_ms, day, grade, duration_ms, repetitions_before, "
        "ease_before, interval_before, due_before, repetitions_after, ease_after, "
        "interval_after, due_after) VALUES (:card, :at, :day, :grade, :duration, :n0, :e0, :i0, "
        ":d0, :n1, :e1, :i1, :d1)");
    q->bind(":card", card);
    q->bind(":at", static_cast<std::int64_t>(answer.moment.instant.time_since_epoch().count()));
    q->bind(":day", day_number(answer.moment.day));
    q->bind(":grade", answer.grade.value());
    q->bind(":duration", static_cast<std::int64_t>(answer.duration.count()));
    q->bind(":n0", entry.before.repetitions);
    q->bind(":e0", entry.before.ease.hundredths());
    q->bind(":i0", entry.before.interval_days);
    bind_day(*q, ":d0", entry.before.due);
    q->bind(":n1", entry.after.repetitions);
    q->bind(":e1", entry.after.ease.hundredths());
    q->bind(":i1", entry.after.interval_days);
    bind_day(*q, ":d1", entry.after.due);
    q->exec();
  }
  entry.sequence = db.getLastInsertRowid();
  return entry;
}

LogEntry Collection::record_answer(const AnswerRecord& answer, const Transition& transition) {
  return record_answers(std::span<const AnswerRecord>(&answer, 1), transition).front();
}

std::vector<LogEntry> Collection::record_answers(std::span<const AnswerRecord> answers,
                                                 const Transition& transition) {
  return guarded(impl_->path, [&] {
    return impl_->write([&] {
      std::vector<LogEntry> entries;
      entries.reserve(answers.size());
      for (const AnswerRecord& answer : answers)
        entries.push_back(impl_->answer(answer, transition));
      return entries;
    });
  });
}

std::vector<LogEntry> Collection::review_log(std::string_view card_id) const {
  return guarded(impl_->path, [&] {
    const std::int64_t card = impl_->card_rowid(card_id);
    auto q = impl_->query(
        "SELECT id, at_ms, day, grade, duration_ms, repetitions_before, ease_before, "
        "interval_before, due_before, repetitions_after, ease_after, interval_after, due_after "
        "FROM reviews WHERE card = ? ORDER BY id");
    q->bind(1, card);
    std::vector<LogEntry> log;
    while (q->executeStep()) {
      LogEntry entry;
      entry.sequence = q->getColumn(0).getInt64();
      entry.card_id = card_id;
      entry.moment.instant = std::chrono::sys_time<std::chrono::milliseconds>(
          std::chrono::milliseconds(q->getColumn(1).getInt64()));
      entry.moment.day = day_from_number(q->getColumn(2).getInt64());
      entry.grade = Grade::from_int(q->getColumn(3).getInt());
      entry.duration = std::chrono::milliseconds(q->getColumn(4).getInt64());
      entry.before.repetitions = q->getColumn(5).getInt();
      entry.before.ease = Ease::from_hundredths(q->getColumn(6).getInt());
      entry.before.interval_days = q->getColumn(7).getInt();
      entry.before.due = optional_day(q->getColumn(8));
      entry.after.repetitions = q->getColumn(9).getInt();
      entry.after.ease = Ease::from_hundredths(q->getColumn(10).getInt());
      entry.after.interval_days = q->getColumn(11).getInt();
      entry.after.due = optional_day(q->getColumn(12));
      log.push_back(std::move(entry));
    }
    return log;
  });
}

Stats Collection::stats(Day today) const {
  return guarded(impl_->path, [&] {
    Stats stats;
    {
      auto q = impl_->query("SELECT count(*), count(DISTINCT card) FROM reviews WHERE day = ?");
      q->bind(1, day_number(today));
      q->executeStep();
      stats.reviews_today = q->getColumn(0).getInt();
      stats.cards_reviewed_today = q->getColumn(1).getInt();
    }
    // Every count below walks an index (store/schema.cpp), never the whole table.
    const auto count = [&](const char* where) {
      auto q = impl_->query(std::string("SELECT count(*) FROM cards ") + where);
      if (std::string_view(where).find(":today") != std::string_view::npos) {
        q->bind(":today", day_number(today));
      }
      q->executeStep();
      return q->getColumn(0).getInt();
    };
    stats.total = count("");
    stats.suspended = count("WHERE suspended = 1");
    stats.new_cards = count("WHERE suspended = 0 AND due IS NULL");
    stats.young = count("WHERE suspended = 0 AND repetitions > 0 AND interval_days < 21");
    stats.mature = count("WHERE suspended = 0 AND repetitions > 0 AND interval_days >= 21");
    // What is left: answered, not suspended, n = 0.
    stats.lapsed = stats.total - stats.suspended - stats.new_cards - stats.young - stats.mature;
    stats.due_today = count("WHERE suspended = 0 AND due IS NOT NULL AND due <= :today");
    stats.due_tomorrow = count("WHERE suspended = 0 AND due IS NOT NULL AND due = :today + 1");
    stats.reask_today = count("WHERE reask = 1 AND last_answered = :today AND suspended = 0");
    {
      // The log is append-only and its ids are dense (rowid = max + 1, nothing is ever
      // deleted), so the largest id is the count, read in O(log n) instead of a full scan.
      auto q = impl_->query("SELECT coalesce(max(id), 0) FROM reviews");
      q->executeStep();
      stats.total_reviews = q->getColumn(0).getInt64();
    }
    return stats;
  });
}

bool Collection::has_reviews() const {
  return guarded(impl_->path, [&] {
    auto q = impl_->query("SELECT 1 FROM reviews LIMIT 1");
    return q->executeStep();
  });
}

std::vector<TagCounts> Collection::tag_counts(std::string_view prefix, Day today) const {
  return guarded(impl_->path, [&] {
    // Two sequential reads aggregated here: SQLite's per-row join would cost a B-tree lookup
    // per tag (200,000 of them for the lp: tags of a 100,000-card collection).
    struct Brief {
      bool seen = false;
      bool mature = false;
      bool due = false;
    };
    std::vector<Brief> cards;  // by card rowid
    {
      auto q = impl_->query("SELECT id, due, repetitions, interval_days, suspended FROM cards");
      const std::int64_t today_number = day_number(today);
      while (q->executeStep()) {
        const auto rowid = static_cast<std::size_t>(q->getColumn(0).getInt64());
        if (rowid >= cards.size()) cards.resize(rowid + 1);
        const bool seen = !q->getColumn(1).isNull();
        cards[rowid] = {
            seen, q->getColumn(2).getInt() > 0 && q->getColumn(3).getInt() >= 21,
            seen && q->getColumn(4).getInt() == 0 && q->getColumn(1).getInt64() <= today_number};
      }
    }
    // Tags from `prefix` up to (not including) the prefix with its last byte raised.
    std::string end(prefix);
    if (!end.empty()) end.back() = static_cast<char>(end.back() + 1);
    auto q = impl_->query(
        prefix.empty() ? "SELECT tag, card FROM card_tags ORDER BY tag"
                       : "SELECT tag, card FROM card_tags WHERE tag >= ? AND tag < ? ORDER BY tag");
    if (!prefix.empty()) {
      q->bind(1, std::string(prefix));
      q->bind(2, end);
    }
    std::vector<TagCounts> counts;
    while (q->executeStep()) {
      const char* tag = q->getColumn(0).getText();
      if (counts.empty() || counts.back().tag != tag) counts.push_back({tag, 0, 0, 0, 0});
      const Brief& card = cards.at(static_cast<std::size_t>(q->getColumn(1).getInt64()));
      TagCounts& c = counts.back();
      ++c.cards;
      c.seen += card.seen;
      c.mature += card.mature;
      c.due += card.due;
    }
    return counts;
  });
}

void Collection::backup_to(const std::filesystem::path& destination) const {
  guarded(impl_->path, [&] {
    store::copy_database(impl_->db, destination);
    return 0;
  });
}

namespace {

// Opens `source` for reading and checks that it is a sound rehearse collection. A file with no
// WAL beside it (a backup) is opened immutable, so that nothing is created next to it.
std::unique_ptr<SQLite::Database> open_restore_source(const std::filesystem::path& source) {
  if (!std::filesystem::is_regular_file(source)) {
    throw Error("cannot restore from {}: no such file", source.string());
  }
  const bool has_wal = std::filesystem::exists(source.string() + "-wal");
  auto from = has_wal
                  ? std::make_unique<SQLite::Database>(source.string(), SQLite::OPEN_READONLY)
                  : std::make_unique<SQLite::Database>(file_uri(source) + "?immutable=1",
                                                       SQLite::OPEN_READONLY | SQLite::OPEN_URI);
  store::check_collection(*from, source);
  if (from->execAndGet("SELECT count(*) FROM sqlite_master").getInt() == 0) {
    throw Error("cannot restore from {}: it is empty", source.string());
  }
  const std::string verdict = from->execAndGet("PRAGMA integrity_check").getString();
  if (verdict != "ok") {
    throw Error("cannot restore from {}: it is damaged ({})", source.string(), verdict);
  }
  return from;
}

// Copies a file byte for byte, as it is: for a collection too damaged to open.
void copy_raw(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::filesystem::create_directories(to.parent_path());
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
}

}  // namespace

void Collection::restore(const std::filesystem::path& path, const std::filesystem::path& source,
                         const std::filesystem::path& safety) {
  std::unique_ptr<SQLite::Database> from =
      guarded(source, [&] { return open_restore_source(source); });
  std::unique_ptr<Impl> current;
  try {
    current = Impl::open_writable(path, {});
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() != SQLITE_CORRUPT) throw storage_error(path, e);
  }
  if (current) {
    // A sound collection: copy it aside, then overwrite it in place through SQLite, which
    // other processes see as one more transaction.
    guarded(path, [&] {
      store::copy_database(current->db, safety);
      SQLite::Backup backup(current->db, *from);
      backup.executeStep();
      store::migrate(current->db, path);
      return 0;
    });
    return;
  }
  // Too damaged to open: keep its bytes (and its WAL) as they are, then put a fresh copy of the
  // backup in its place and drop the WAL and shared memory that belonged to the damaged file.
  guarded(path, [&] {
    copy_raw(path, safety);
    if (std::filesystem::exists(path.string() + "-wal"))
      copy_raw(path.string() + "-wal", safety.string() + "-wal");
    const std::filesystem::path fresh = path.string() + ".restoring";
    store::copy_database(*from, fresh);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
    std::filesystem::rename(fresh, path);
    return 0;
  });
}

std::vector<std::string> Collection::integrity_problems() const {
  return guarded(impl_->path, [&] {
    SQLite::Statement check(impl_->db, "PRAGMA integrity_check");
    std::vector<std::string> problems;
    while (check.executeStep())
      problems.push_back(check.getColumn(0).getString());
    if (problems == std::vector<std::string>{"ok"}) problems.clear();
    return problems;
  });
}

}  // namespace rehearse
