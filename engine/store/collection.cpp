// Collection: opening, and the queries that read.
#include "store/collection.hpp"

#include <sys/stat.h>

#include <atomic>

#include "store/collection_impl.hpp"
#include "store/schema.hpp"

namespace rehearse {
namespace store {

namespace {

std::atomic<int> busy_timeout{10'000};  // milliseconds

// "50 s", or "500 ms" under a second.
std::string describe_milliseconds(int ms) {
  return ms >= 1000 ? fmt::format("{} s", ms / 1000) : fmt::format("{} ms", ms);
}

// The message of an SQLite failure, for a user to act on.
Error storage_error(const std::filesystem::path& path, const SQLite::Exception& e) {
  const std::string file = path.string();
  switch (e.getErrorCode()) {
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

}  // namespace

int busy_timeout_ms() {
  return busy_timeout.load();
}

void throw_storage_error(const std::filesystem::path& path, const SQLite::Exception& e) {
  if (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED) {
    throw BusyError(
        "{} is busy: another rehearse kept it locked for over {}; nothing was changed, try "
        "again",
        path.string(), describe_milliseconds(busy_timeout_ms() * kWriteAttempts));
  }
  throw storage_error(path, e);
}

std::optional<Day> optional_day(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return day_from_number(column.getInt64());
}

void bind_day(SQLite::Statement& statement, int index, std::optional<Day> day) {
  if (day) {
    statement.bind(index, day_number(*day));
  } else {
    statement.bind(index);
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

std::string join_tags(const std::vector<std::string>& tags) {
  std::string joined;
  for (const std::string& tag : tags)
    (joined.empty() ? joined : joined += ' ') += tag;
  return joined;
}

CardState read_state(SQLite::Statement& row, int first, int count) {
  CardState state;
  state.repetitions = row.getColumn(first).getInt();
  state.ease = Ease::from_hundredths(row.getColumn(first + 1).getInt());
  state.interval_days = row.getColumn(first + 2).getInt();
  state.due = optional_day(row.getColumn(first + 3));
  if (count == kStateColumns) {
    state.last_answered = optional_day(row.getColumn(first + 4));
    state.reask = row.getColumn(first + 5).getInt() != 0;
    state.lapses = row.getColumn(first + 6).getInt();
  }
  return state;
}

void bind_state(SQLite::Statement& statement, int first, const CardState& state, int count) {
  statement.bind(first, state.repetitions);
  statement.bind(first + 1, state.ease.hundredths());
  statement.bind(first + 2, state.interval_days);
  bind_day(statement, first + 3, state.due);
  if (count == kStateColumns) {
    bind_day(statement, first + 4, state.last_answered);
    statement.bind(first + 5, state.reask ? 1 : 0);
    statement.bind(first + 6, state.lapses);
  }
}

const std::string& card_query() {
  static const std::string query = [] {
    std::string state;  // "c.repetitions, c.ease, ..."
    for (std::string_view names = kStateColumnNames; !names.empty();) {
      const std::size_t comma = names.find(',');
      state += "c." + std::string(names.substr(0, comma));
      if (comma == std::string_view::npos) break;
      state += ", ";
      names.remove_prefix(comma + 2);
    }
    return "SELECT c.slug, d.slug, x.front, x.back, c.suspended, " + state +
           ", x.tags, g.name, c.changed, c.orphaned, c.id FROM cards c JOIN decks d ON d.id = "
           "c.deck JOIN "
           "card_texts x "
           "ON x.card = c.id LEFT JOIN sibling_groups g ON g.id = c.sibling_group ";
  }();
  return query;
}

Card read_card(SQLite::Statement& row) {
  Card card;
  card.content.id = row.getColumn(0).getString();
  card.deck_id = row.getColumn(1).getString();
  card.content.front = row.getColumn(2).getString();
  card.content.back = row.getColumn(3).getString();
  card.suspended = row.getColumn(4).getInt() != 0;
  card.state = read_state(row, kCardStateColumn);
  constexpr int kTags = kCardStateColumn + kStateColumns;
  card.content.tags = split_tags(row.getColumn(kTags));
  if (!row.getColumn(kTags + 1).isNull()) card.content.group = row.getColumn(kTags + 1).getString();
  card.changed = row.getColumn(kTags + 2).getInt() != 0;
  card.orphaned = row.getColumn(kTags + 3).getInt() != 0;
  return card;
}

std::string filter_sql(const CardFilter& filter, TagMatch match) {
  std::string sql;
  if (filter.deck) sql += " AND d.slug = :deck";
  if (filter.tag) {
    sql += match == TagMatch::probe ? " AND EXISTS (SELECT 1 FROM card_tags t WHERE t.tag = "
                                      "(SELECT id FROM tags WHERE name = :tag) AND t.card = c.id)"
                                    : " AND c.id IN (SELECT card FROM card_tags WHERE tag = "
                                      "(SELECT id FROM tags WHERE name = :tag))";
  }
  if (filter.search) sql += search_sql(*filter.search);
  return sql;
}

void bind_filter(SQLite::Statement& statement, const CardFilter& filter) {
  if (filter.deck) statement.bind(":deck", *filter.deck);
  if (filter.tag) statement.bind(":tag", *filter.tag);
  if (filter.search) bind_search(statement, *filter.search);
}

int connection_flags(int flags) {
  static const bool configured = [] {
    // Refused (and harmless) if SQLite was already initialised by someone else.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
  return flags | SQLite::OPEN_NOMUTEX;
}

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

}  // namespace store

void set_busy_timeout(std::chrono::milliseconds timeout) {
  store::busy_timeout.store(static_cast<int>(timeout.count()));
}

using namespace store;

Collection::Collection(std::unique_ptr<Connection> connection)
    : DecksAndCards(connection.get()),
      ReviewLog(connection.get()),
      Queries(connection.get()),
      Maintenance(connection.get()),
      Stories(connection.get()),
      connection_(std::move(connection)) {}
Collection::Collection(Collection&&) noexcept = default;
Collection& Collection::operator=(Collection&&) noexcept = default;
Collection::~Collection() = default;

const std::filesystem::path& Collection::path() const {
  return connection_->path;
}

namespace {

// Whether SQLite failed because the file or its folder cannot be written.
bool read_only_medium(const SQLite::Exception& e) {
  return e.getErrorCode() == SQLITE_CANTOPEN || e.getErrorCode() == SQLITE_READONLY;
}

}  // namespace

std::unique_ptr<Connection> Connection::open_writable(const std::filesystem::path& path,
                                                      const OpenOptions& options) {
  auto impl = std::make_unique<Connection>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  store::check_collection(impl->db, path);  // before anything may change the file
  impl->db.exec("PRAGMA foreign_keys = ON");
  impl->db.exec(kCacheSizePragma);
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
std::unique_ptr<Connection> Connection::open_read_only(const std::filesystem::path& path) {
  std::unique_ptr<Connection> impl;
  try {
    impl = std::make_unique<Connection>(path, SQLite::OPEN_READONLY);
    store::check_collection(impl->db, path);
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() != SQLITE_CANTOPEN) throw;
    impl = std::make_unique<Connection>(path, file_uri(path) + "?immutable=1",
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
  // SQLite finds a collection's write-ahead log by the name it was opened under: under two
  // hard links, two logs would each hold answers the other name never sees.
  struct stat info {};
  if (!in_memory && ::stat(path.c_str(), &info) == 0 && info.st_nlink > 1) {
    throw Error(
        "{} has {} names (hard links): rehearse would keep a write-ahead log per name and lose "
        "answers; keep one name (remove the other links) or use a copy",
        path.string(), info.st_nlink);
  }
  if (!in_memory && path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), error);
    if (error) {
      throw Error("cannot create the folder {}: {}", path.parent_path().string(), error.message());
    }
  }
  return guarded(path, [&] {
    try {
      return Collection(Connection::open_writable(path, options));
    } catch (const SQLite::Exception& e) {
      if (in_memory || !read_only_medium(e) || !std::filesystem::exists(path)) throw;
      return Collection(Connection::open_read_only(path));
    }
  });
}

bool Collection::opens_unchanged(const std::filesystem::path& path) {
  if (path == ":memory:") return true;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return false;
  try {
    SQLite::Database db(path.string(), store::connection_flags(SQLite::OPEN_READONLY));
    store::check_collection(db, path);
    return store::schema_version(db) == store::latest_schema_version();
  } catch (const std::exception&) {
    return false;
  }
}

std::vector<DeckCounts> Queries::deck_counts(Day today) const {
  return guarded(impl_->path, [&] {
    std::vector<DeckCounts> decks;
    std::unordered_map<std::int64_t, std::size_t> index_of;  // deck rowid -> place in `decks`
    {
      auto q = impl_->query(
          "SELECT id, slug, name, description, coalesce(source, '') FROM decks ORDER BY id");
      while (q->executeStep()) {
        index_of[q->getColumn(0).getInt64()] = decks.size();
        DeckCounts& counts = decks.emplace_back();
        counts.deck = {q->getColumn(1).getString(), q->getColumn(2).getString(),
                       q->getColumn(3).getString()};
        counts.source = q->getColumn(4).getString();
      }
    }
    // Each count walks one index; re-asks (due tomorrow) are counted apart. `group` is what
    // the rows are grouped by: c.deck lets SQLite walk cards_by_deck in deck order.
    const auto add = [&](std::string_view condition, int DeckCounts::*field, int sign = 1,
                         std::string_view group = "c.deck") {
      auto q = impl_->query(fmt::format("SELECT c.deck, count(*) FROM cards c WHERE {} GROUP BY {}",
                                        condition, group));
      if (condition.find(":today") != std::string_view::npos) q->bind(":today", day_number(today));
      while (q->executeStep()) {
        decks[index_of.at(q->getColumn(0).getInt64())].*field += sign * q->getColumn(1).getInt();
      }
    };
    add("1", &DeckCounts::total);
    // The orphans are few and cards_orphaned finds them: grouped by +c.deck (an expression, not
    // the column), so that SQLite does not walk cards_by_deck and read every card to find them
    // (50 ms on 100,000 cards). The index's own condition, orphaned > 0, is written out for
    // SQLite to see that it applies.
    add(kOutsideDeckCondition, &DeckCounts::total, -1, "+c.deck");
    add(std::string(kOutsideDeckCondition) + " AND c.orphaned = 1", &DeckCounts::orphans, 1,
        "+c.deck");
    add(kNewCondition, &DeckCounts::new_cards);
    add(kDueCondition, &DeckCounts::due);
    add(kReaskCondition, &DeckCounts::reask);
    return decks;
  });
}

std::optional<Deck> DecksAndCards::find_deck(std::string_view deck_id) const {
  return guarded(impl_->path, [&]() -> std::optional<Deck> {
    auto q = impl_->query("SELECT slug, name, description FROM decks WHERE slug = ?");
    q->bind(1, std::string(deck_id));
    if (!q->executeStep()) return std::nullopt;
    return Deck{q->getColumn(0).getString(), q->getColumn(1).getString(),
                q->getColumn(2).getString()};
  });
}

std::filesystem::path DecksAndCards::deck_source(std::string_view deck_id) const {
  return guarded(impl_->path, [&] {
    auto q = impl_->query("SELECT coalesce(source, '') FROM decks WHERE slug = ?");
    q->bind(1, std::string(deck_id));
    return std::filesystem::path(q->executeStep() ? q->getColumn(0).getString() : "");
  });
}

DeckFile DecksAndCards::export_deck(std::string_view deck_id) const {
  return guarded(impl_->path, [&] {
    std::optional<Deck> deck = find_deck(deck_id);
    if (!deck)
      throw Error("no deck '{}' in {} ('rehearse decks' lists them)", deck_id,
                  impl_->path.string());
    DeckFile file{*deck, {}};
    for (Card& card : cards(CardFilter{.deck = deck->id, .tag = {}, .search = {}})) {
      if (!card.orphaned) file.cards.push_back(std::move(card.content));
    }
    return file;
  });
}

std::optional<Card> Connection::find_card(std::string_view card_id) {
  auto q = query(card_query() + "WHERE c.slug = ?");
  q->bind(1, std::string(card_id));
  if (!q->executeStep()) return std::nullopt;
  return read_card(*q);
}

std::optional<Card> DecksAndCards::find_card(std::string_view card_id) const {
  return guarded(impl_->path, [&] { return impl_->find_card(card_id); });
}

std::vector<Card> DecksAndCards::cards(const CardFilter& filter) const {
  return guarded(impl_->path, [&] {
    auto q = impl_->query(card_query() + "WHERE 1" + filter_sql(filter, TagMatch::list) +
                          " ORDER BY c.deck, c.position, c.slug");
    bind_filter(*q, filter);
    std::vector<Card> cards;
    while (q->executeStep())
      cards.push_back(read_card(*q));
    return cards;
  });
}

bool DecksAndCards::has_tag(std::string_view tag) const {
  return guarded(impl_->path, [&] {
    auto q = impl_->query(
        "SELECT 1 FROM tags t JOIN card_tags c ON c.tag = t.id WHERE t.name = ? LIMIT 1");
    q->bind(1, std::string(tag));
    return q->executeStep();
  });
}

namespace {

Candidate read_candidate(SQLite::Statement& row) {
  return {row.getColumn(0).getString(), optional_day(row.getColumn(1)),
          row.getColumn(2).getInt64(),  row.getColumn(3).getInt64(),
          row.getColumn(4).getInt(),    row.getColumn(5).getString()};
}

// " AND d.slug NOT IN ('a', 'b')" for the decks to skip. Deck ids hold only [A-Za-z0-9._:-]
// (checked when a deck file is read), so quoting them is safe.
std::string skip_decks_sql(std::span<const std::string> decks) {
  if (decks.empty()) return {};
  std::string sql = " AND d.slug NOT IN (";
  for (std::size_t i = 0; i < decks.size(); ++i)
    sql += fmt::format("{}'{}'", i == 0 ? "" : ", ", decks[i]);
  return sql + ")";
}

}  // namespace

std::vector<Candidate> Connection::candidates(std::string_view condition, std::string_view order,
                                              const CardFilter& filter, std::optional<Day> today,
                                              std::size_t limit,
                                              std::optional<std::int64_t> deck_row) {
  auto q =
      query(fmt::format("SELECT c.slug, c.due, c.deck, c.position, c.interval_days, d.slug "
                        "FROM cards c JOIN decks d ON d.id = c.deck "
                        "WHERE {}{} ORDER BY {} LIMIT :limit",
                        condition, filter_sql(filter), order));
  bind_filter(*q, filter);
  if (today) q->bind(":today", day_number(*today));
  if (deck_row) q->bind(":deck_row", *deck_row);
  q->bind(":limit", static_cast<std::int64_t>(limit));
  std::vector<Candidate> found;
  while (q->executeStep())
    found.push_back(read_candidate(*q));
  return found;
}

// The ORDER BY clauses follow the partial indexes cards_due and cards_new (store/schema.cpp),
// so that a small limit reads only the first entries.
// Most overdue relative to the interval reads every due card (a ratio follows no index); new
// cards are read deck by deck, each a short walk of cards_new.
std::vector<Candidate> Queries::due_candidates(const CardFilter& filter, Day today,
                                               std::size_t limit,
                                               std::span<const std::string> skip_decks) const {
  return guarded(impl_->path, [&] {
    // The order is found over cards_due alone (it covers every column the order and the
    // sibling check read); only the `limit` cards chosen are then read from the table.
    // This ORDER BY is the index-served form of the queue's rule, more_overdue in
    // session/queue.cpp: the same ratio (divided here, cross-multiplied there), then due day,
    // deck and position; C++ breaks a tie of positions by card id, SQL leaves it to the index.
    // tests/session/session_test.cpp checks that the two agree.
    constexpr std::string_view order =
        "(:today - c.due) * 1.0 / max(c.interval_days, 1) DESC, c.due, c.deck, c.position";
    return impl_->candidates(
        fmt::format("c.id IN (SELECT c.id FROM cards c JOIN decks d ON d.id = c.deck WHERE {} AND "
                    "{}{}{} ORDER BY {} LIMIT :limit)",
                    kDueCondition, kNotBuriedCondition, skip_decks_sql(skip_decks),
                    filter_sql(filter), order),
        order, filter, today, limit);
  });
}

std::vector<Candidate> Queries::new_candidates(const CardFilter& filter, Day today,
                                               std::size_t per_deck) const {
  return guarded(impl_->path, [&] {
    std::vector<std::int64_t> decks;
    {
      auto q = impl_->query(filter.deck ? "SELECT id FROM decks WHERE slug = :deck ORDER BY id"
                                        : "SELECT id FROM decks ORDER BY id");
      if (filter.deck) q->bind(":deck", *filter.deck);
      while (q->executeStep())
        decks.push_back(q->getColumn(0).getInt64());
    }
    std::vector<Candidate> found;
    const std::string condition =
        fmt::format("{} AND {} AND c.deck = :deck_row", kNewCondition, kNotBuriedCondition);
    for (const std::int64_t deck : decks) {
      for (Candidate& c :
           impl_->candidates(condition, "c.deck, c.position", filter, today, per_deck, deck)) {
        found.push_back(std::move(c));
      }
    }
    return found;
  });
}

std::optional<Card> Queries::first_due(const CardFilter& filter, Day today) const {
  const std::vector<Candidate> due = due_candidates(filter, today, 1);
  if (due.empty()) return std::nullopt;
  return guarded(impl_->path, [&] { return impl_->find_card(due.front().card_id); });
}

std::vector<Reask> Queries::reasks(const CardFilter& filter, Day today) const {
  return guarded(impl_->path, [&] {
    auto q =
        impl_->query(fmt::format("SELECT c.slug, (SELECT max(id) FROM reviews) - "
                                 "(SELECT max(r.id) FROM reviews r WHERE r.card = c.id) "
                                 "FROM cards c JOIN decks d ON d.id = c.deck WHERE {}{}",
                                 kReaskCondition, filter_sql(filter)));
    bind_filter(*q, filter);
    q->bind(":today", day_number(today));
    std::vector<Reask> reasks;
    while (q->executeStep()) {
      reasks.push_back({q->getColumn(0).getString(), q->getColumn(1).getInt64()});
    }
    return reasks;
  });
}

QueueCounts Queries::queue_counts(const CardFilter& filter, Day today) const {
  const std::string due = fmt::format("{} AND {}", kDueCondition, kNotBuriedCondition);
  const std::string fresh = fmt::format("{} AND {}", kNewCondition, kNotBuriedCondition);
  return impl_->counts(filter, today, due, fresh);
}

QueueCounts Queries::waiting_counts(const CardFilter& filter, Day today) const {
  return impl_->counts(filter, today, kDueCondition, kNewCondition);
}

int Queries::due_count(const CardFilter& filter, Day today, int at_most) const {
  return guarded(impl_->path, [&] {
    auto q = impl_->query(
        fmt::format("SELECT count(*) FROM (SELECT 1 FROM cards c JOIN decks d ON d.id = c.deck "
                    "WHERE {} AND {}{} LIMIT :at_most)",
                    kDueCondition, kNotBuriedCondition, filter_sql(filter)));
    bind_filter(*q, filter);
    q->bind(":today", day_number(today));
    q->bind(":at_most", at_most);
    q->executeStep();
    return q->getColumn(0).getInt();
  });
}

int Connection::count_cards(const CardFilter& filter, Day today, std::string_view condition) {
  auto q =
      query(fmt::format("SELECT count(*) FROM cards c JOIN decks d ON d.id = c.deck WHERE {}{}",
                        condition, filter_sql(filter)));
  bind_filter(*q, filter);
  if (condition.find(":today") != std::string_view::npos) q->bind(":today", day_number(today));
  q->executeStep();
  return q->getColumn(0).getInt();
}

QueueCounts Connection::counts(const CardFilter& filter, Day today, std::string_view due,
                               std::string_view fresh) {
  return guarded(path, [&] {
    return QueueCounts{count_cards(filter, today, due), count_cards(filter, today, fresh),
                       count_cards(filter, today, kReaskCondition)};
  });
}

DayProgress Queries::day_progress(Day today) const {
  return guarded(impl_->path, [&] {
    // A card's first answer is the one whose state before had no due day; an answer to a due
    // card is scheduled (young or mature), a same-day repeat is not (sm2: the card was not
    // due). From the day's sums (answer_days), a row per deck, not the day's answers: each
    // deck's (deck, day) row found by its key. CROSS JOIN keeps that order; SQLite would
    // otherwise read all of answer_days for the day's rows (10 ms more for `next` on 100,000
    // cards).
    auto q = impl_->query(
        "SELECT d.slug, a.new_answers, a.young_reviews + a.mature_reviews "
        "FROM decks d CROSS JOIN answer_days a ON a.deck = d.id AND a.day = ?");
    q->bind(1, day_number(today));
    DayProgress progress;
    while (q->executeStep()) {
      const std::string deck = q->getColumn(0).getString();
      const int fresh = q->getColumn(1).getInt();
      const int reviews = q->getColumn(2).getInt();
      if (fresh > 0) progress.new_by_deck[deck] = fresh;
      if (reviews > 0) progress.reviews_by_deck[deck] = reviews;
      progress.new_total += fresh;
      progress.reviews_total += reviews;
    }
    return progress;
  });
}

std::optional<Day> Queries::earliest_due(const CardFilter& filter) const {
  return guarded(impl_->path, [&] {
    auto q = impl_->query(
        "SELECT min(c.due) FROM cards c JOIN decks d ON d.id = c.deck "
        "WHERE c.suspended = 0 AND c.orphaned = 0 AND c.due IS NOT NULL" +
        filter_sql(filter));
    bind_filter(*q, filter);
    q->executeStep();
    return optional_day(q->getColumn(0));
  });
}

namespace {

// The rows (day number, count) of a query, as days and counts.
std::vector<std::pair<Day, int>> day_counts(SQLite::Statement& rows) {
  std::vector<std::pair<Day, int>> days;
  while (rows.executeStep()) {
    days.emplace_back(day_from_number(rows.getColumn(0).getInt64()), rows.getColumn(1).getInt());
  }
  return days;
}

}  // namespace

std::vector<std::string> Queries::cram_cards(const CardFilter& filter, const CramScope& scope,
                                             Day today) const {
  return guarded(impl_->path, [&] {
    std::string sql =
        "SELECT c.slug FROM cards c JOIN decks d ON d.id = c.deck WHERE c.suspended = 0 AND "
        "c.orphaned = 0" +
        filter_sql(filter, TagMatch::list);
    if (scope.due_within) sql += " AND c.due IS NOT NULL AND c.due <= :due_by";
    if (scope.failed_since) {
      // Failed: below the scheduler's passing grade (sm2::passed).
      sql += fmt::format(
          " AND c.id IN (SELECT r.card FROM reviews r WHERE r.grade < {} AND r.day > :failed_after "
          "AND NOT EXISTS (SELECT 1 FROM undos u WHERE u.review = r.id))",
          sm2::kPassingGrade);
    }
    auto q = impl_->query(sql + " ORDER BY c.due IS NULL, c.due, c.deck, c.position, c.slug");
    if (scope.due_within) q->bind(":due_by", day_number(today) + *scope.due_within);
    if (scope.failed_since) q->bind(":failed_after", day_number(today) - *scope.failed_since);
    bind_filter(*q, filter);
    std::vector<std::string> ids;
    while (q->executeStep())
      ids.push_back(q->getColumn(0).getString());
    return ids;
  });
}

std::vector<std::pair<Day, int>> Queries::due_per_day(const CardFilter& filter, Day today,
                                                      Day last) const {
  return guarded(impl_->path, [&] {
    // Due by the last day, counted on the day each comes due (today for the overdue).
    auto q = impl_->query(
        "SELECT max(c.due, :today), count(*) FROM cards c JOIN decks d ON d.id = c.deck WHERE " +
        due_on(":last") + filter_sql(filter, TagMatch::list) + " GROUP BY 1 ORDER BY 1");
    q->bind(":today", day_number(today));
    q->bind(":last", day_number(last));
    bind_filter(*q, filter);
    return day_counts(*q);
  });
}

std::vector<std::pair<Day, int>> Queries::answers_per_day(const CardFilter& filter, Day first,
                                                          Day last) const {
  return guarded(impl_->path, [&] {
    // All cards: the sums kept by deck and day (answer_days); a filter joins each answer's card.
    const bool all = !filter.deck && !filter.tag && !filter.search;
    auto q = impl_->query(
        all ? std::string("SELECT day, sum(answers) FROM answer_days WHERE day BETWEEN :first AND "
                          ":last GROUP BY day ORDER BY day")
            : "SELECT r.day, count(*) FROM reviews r JOIN cards c ON c.id = r.card JOIN decks d ON "
              "d.id = c.deck WHERE c.orphaned = 0" +
                  filter_sql(filter, TagMatch::list) +
                  " AND r.day BETWEEN :first AND :last AND NOT EXISTS (SELECT 1 FROM undos u "
                  "WHERE u.review = r.id) GROUP BY r.day ORDER BY r.day");
    q->bind(":first", day_number(first));
    q->bind(":last", day_number(last));
    bind_filter(*q, filter);
    return day_counts(*q);
  });
}

std::vector<WeekAnswers> Queries::answers_per_week(Day first, Day last) const {
  return guarded(impl_->path, [&] {
    // The sums kept by deck and day (answer_days), added up into weeks here.
    auto q = impl_->query(
        "SELECT day, sum(answers), sum(passed) FROM answer_days WHERE day BETWEEN :first AND "
        ":last GROUP BY day ORDER BY day");
    q->bind(":first", day_number(first));
    q->bind(":last", day_number(last));
    std::vector<WeekAnswers> weeks;
    while (q->executeStep()) {
      const Day day = day_from_number(q->getColumn(0).getInt64());
      const Day week = first + std::chrono::days{(day - first).count() / 7 * 7};
      if (weeks.empty() || weeks.back().first != week) weeks.push_back({week, 0, 0});
      weeks.back().answers += q->getColumn(1).getInt();
      weeks.back().passed += q->getColumn(2).getInt();
    }
    return weeks;
  });
}

Stats Queries::stats(Day today) const {
  return guarded(impl_->path, [&] {
    Stats stats;
    {
      auto q = impl_->query(
          "SELECT count(*), count(DISTINCT card) FROM reviews r WHERE day = ? AND NOT EXISTS "
          "(SELECT 1 FROM undos u WHERE u.review = r.id)");
      q->bind(1, day_number(today));
      q->executeStep();
      stats.reviews_today = q->getColumn(0).getInt();
      stats.cards_reviewed_today = q->getColumn(1).getInt();
    }
    // Every count below walks an index (store/schema.cpp), never the whole table; with no
    // condition, SQLite counts the smallest index's entries page by page (with any WHERE, even
    // "WHERE 1", it steps through them one by one).
    const auto count = [&](std::string_view condition) {
      auto q = impl_->query(condition.empty()
                                ? std::string("SELECT count(*) FROM cards")
                                : fmt::format("SELECT count(*) FROM cards c WHERE {}", condition));
      if (condition.find(":today") != std::string_view::npos) q->bind(":today", day_number(today));
      q->executeStep();
      return q->getColumn(0).getInt();
    };
    stats.total = count({}) - count(kOutsideDeckCondition);  // two index walks
    stats.suspended = count("c.suspended = 1 AND c.orphaned = 0");
    stats.new_cards = count(kNewCondition);
    // Young and mature as the scheduler counts them (sm2::is_mature).
    static const std::string young = fmt::format(
        "c.suspended = 0 AND c.orphaned = 0 AND c.repetitions > 0 AND c.interval_days < {}",
        sm2::kMatureIntervalDays);
    static const std::string mature = fmt::format(
        "c.suspended = 0 AND c.orphaned = 0 AND c.repetitions > 0 AND c.interval_days >= {}",
        sm2::kMatureIntervalDays);
    stats.young = count(young);
    stats.mature = count(mature);
    // What is left (answered, not suspended, n = 0) was either never recalled yet (learning)
    // or forgotten after being learned (lapsed: a lapse counted).
    stats.lapsed = count(
        "c.suspended = 0 AND c.orphaned = 0 AND c.due IS NOT NULL AND c.repetitions = 0 AND "
        "c.lapses > 0");
    stats.learning =
        stats.total - stats.suspended - stats.new_cards - stats.young - stats.mature - stats.lapsed;
    stats.due_today = count(kDueCondition);
    stats.due_tomorrow =
        count("c.suspended = 0 AND c.orphaned = 0 AND c.due IS NOT NULL AND c.due = :today + 1");
    stats.reask_today = count(kReaskCondition);
    {
      // The log and the undos are append-only and their ids are dense (rowid = max + 1,
      // nothing is ever deleted), so the largest id is the count, read in O(log n) instead of a
      // full scan. An answer taken back is not counted.
      auto q = impl_->query(
          "SELECT (SELECT coalesce(max(id), 0) FROM reviews) - "
          "(SELECT coalesce(max(id), 0) FROM undos)");
      q->executeStep();
      stats.total_reviews = q->getColumn(0).getInt64();
    }
    return stats;
  });
}

bool ReviewLog::has_reviews() const {
  return guarded(impl_->path, [&] {
    auto q = impl_->query("SELECT 1 FROM reviews LIMIT 1");
    return q->executeStep();
  });
}

std::vector<Day> ReviewLog::answer_days(Day since) const {
  return guarded(impl_->path, [&] {
    auto q = impl_->query(
        "SELECT DISTINCT day FROM reviews r WHERE day >= ? AND NOT EXISTS "
        "(SELECT 1 FROM undos u WHERE u.review = r.id) ORDER BY day DESC");
    q->bind(1, day_number(since));
    std::vector<Day> days;
    while (q->executeStep())
      days.push_back(day_from_number(q->getColumn(0).getInt64()));
    return days;
  });
}

std::vector<TagCounts> Queries::tag_counts(std::string_view prefix, Day today) const {
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
        CardState state;
        state.repetitions = q->getColumn(2).getInt();
        state.interval_days = q->getColumn(3).getInt();
        cards[rowid] = {
            seen, sm2::is_mature(state),
            seen && q->getColumn(4).getInt() == 0 && q->getColumn(1).getInt64() <= today_number};
      }
    }
    // Tags from `prefix` up to (not including) the prefix with its last byte raised.
    std::string end(prefix);
    if (!end.empty()) end.back() = static_cast<char>(end.back() + 1);
    auto q = impl_->query(
        prefix.empty() ? "SELECT t.name, c.card FROM tags t JOIN card_tags c ON c.tag = t.id "
                         "ORDER BY t.name"
                       : "SELECT t.name, c.card FROM tags t JOIN card_tags c ON c.tag = t.id "
                         "WHERE t.name >= ? AND t.name < ? ORDER BY t.name");
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

}  // namespace rehearse
