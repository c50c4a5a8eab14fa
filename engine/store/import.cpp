// Collection: importing deck files, planned (read-only) and then applied in one transaction.
#include "store/collection_impl.hpp"

namespace rehearse {

using namespace store;

std::unordered_set<std::string> Connection::card_ids() {
  std::unordered_set<std::string> ids;
  auto q = query("SELECT slug FROM cards");
  while (q->executeStep())
    ids.emplace(q->getColumn(0).getText());
  return ids;
}

std::int64_t Connection::tag_id(const std::string& name, TagIds& tag_ids) {
  if (const auto known = tag_ids.ids.find(name); known != tag_ids.ids.end()) return known->second;
  std::int64_t id = 0;
  auto find = query("SELECT id FROM tags WHERE name = ?");
  find->bind(1, name);
  if (find->executeStep()) {
    id = find->getColumn(0).getInt64();
  } else {
    auto insert = query("INSERT INTO tags (name) VALUES (?)");
    insert->bind(1, name);
    insert->exec();
    id = db.getLastInsertRowid();
  }
  tag_ids.ids.emplace(name, id);
  return id;
}

void Connection::index_tags(std::int64_t card, const std::vector<std::string>& tags,
                            TagIds& tag_ids) {
  // One row per statement: a multi-row INSERT would make SQLite keep a statement journal,
  // copying every page it touches (for a big import, gigabytes through a temporary file).
  for (const std::string& tag : tags) {
    const std::int64_t tag_row = tag_id(tag, tag_ids);
    auto insert = query("INSERT INTO card_tags (tag, card) VALUES (?, ?)");
    insert->bind(1, tag_row);
    insert->bind(2, card);
    insert->exec();
  }
}

void Connection::unindex_tags(std::int64_t card, const std::vector<std::string>& tags,
                              TagIds& tag_ids) {
  for (const std::string& tag : tags) {
    auto remove = query("DELETE FROM card_tags WHERE tag = ? AND card = ?");
    remove->bind(1, tag_id(tag, tag_ids));
    remove->bind(2, card);
    remove->exec();
  }
  tag_ids.unindexed = true;
}

void Connection::prune_tags() {
  query("DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM card_tags c WHERE c.tag = tags.id)")
      ->exec();
}

std::optional<std::int64_t> Connection::group_id(const std::string& name) {
  if (name.empty()) return std::nullopt;
  auto find = query("SELECT id FROM sibling_groups WHERE name = ?");
  find->bind(1, name);
  if (find->executeStep()) return find->getColumn(0).getInt64();
  auto insert = query("INSERT INTO sibling_groups (name) VALUES (?)");
  insert->bind(1, name);
  insert->exec();
  return db.getLastInsertRowid();
}

void Connection::prune_groups() {
  query(
      "DELETE FROM sibling_groups WHERE NOT EXISTS "
      "(SELECT 1 FROM cards c WHERE c.sibling_group = sibling_groups.id)")
      ->exec();
}

std::optional<Connection::Stored> Connection::stored_card(const std::string& card_id) {
  auto q = query(
      "SELECT c.id, c.deck, c.position, x.front, x.back, x.tags, g.name, d.slug, "
      "c.due IS NOT NULL, c.changed, c.suspended, c.orphaned "
      "FROM cards c JOIN card_texts x ON x.card = c.id JOIN decks d ON d.id = c.deck "
      "LEFT JOIN sibling_groups g ON g.id = c.sibling_group WHERE c.slug = ?");
  q->bind(1, card_id);
  if (!q->executeStep()) return std::nullopt;
  return Stored{q->getColumn(0).getInt64(),
                {q->getColumn(1).getInt64(), q->getColumn(2).getInt64()},
                {card_id, q->getColumn(3).getString(), q->getColumn(4).getString(),
                 split_tags(q->getColumn(5)), q->getColumn(6).getString()},
                q->getColumn(7).getString(),
                q->getColumn(8).getInt() != 0,
                q->getColumn(9).getInt() != 0,
                q->getColumn(10).getInt() != 0,
                q->getColumn(11).getInt() == 1};
}

namespace {

void bind_group(SQLite::Statement& statement, int index, std::optional<std::int64_t> group) {
  if (group) {
    statement.bind(index, *group);
  } else {
    statement.bind(index);
  }
}

}  // namespace

std::int64_t Connection::insert_card(const CardContent& content, const Placed& placed,
                                     const CardState& state, TagIds& tag_ids) {
  {
    auto insert = query(
        "INSERT INTO cards (slug, deck, position, sibling_group, repetitions, ease, "
        "interval_days, due, last_answered, reask, lapses) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert->bind(1, content.id);
    insert->bind(2, placed.deck);
    insert->bind(3, placed.position);
    bind_group(*insert, 4, group_id(content.group));
    bind_state(*insert, 5, state);
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
  index_tags(rowid, content.tags, tag_ids);
  return rowid;
}

bool Connection::edits_answered_text(const Stored& stored, const CardContent& content) {
  // A card is new until its first answer, and again after a reset: only then is its state new.
  return stored.answered &&
         (stored.content.front != content.front || stored.content.back != content.back);
}

bool Connection::update_card(const Stored& stored, const CardContent& content, const Placed& placed,
                             TagIds& tag_ids) {
  const bool edited_answered = edits_answered_text(stored, content);
  if (edited_answered) {
    auto flag = query("UPDATE cards SET changed = 1 WHERE id = ?");
    flag->bind(1, stored.rowid);
    flag->exec();
  }
  {
    auto update = query(
        "UPDATE cards SET deck = ?, position = ?, sibling_group = ?, orphaned = 0 WHERE id = ?");
    update->bind(1, placed.deck);
    update->bind(2, placed.position);
    bind_group(*update, 3, group_id(content.group));
    update->bind(4, stored.rowid);
    update->exec();
  }
  if (stored.content.group != content.group) tag_ids.regrouped = true;
  auto texts = query("UPDATE card_texts SET front = ?, back = ?, tags = ? WHERE card = ?");
  texts->bind(1, content.front);
  texts->bind(2, content.back);
  texts->bind(3, join_tags(content.tags));
  texts->bind(4, stored.rowid);
  texts->exec();
  if (stored.content.tags != content.tags) {
    unindex_tags(stored.rowid, stored.content.tags, tag_ids);
    index_tags(stored.rowid, content.tags, tag_ids);
  }
  return edited_answered;
}

std::optional<std::int64_t> Connection::deck_rowid(const std::string& deck_id) {
  auto q = query("SELECT id FROM decks WHERE slug = ?");
  q->bind(1, deck_id);
  if (!q->executeStep()) return std::nullopt;
  return q->getColumn(0).getInt64();
}

Connection::Step Connection::classify(const CardContent& content, std::size_t position,
                                      std::optional<std::int64_t> deck,
                                      const std::unordered_set<std::string>* known,
                                      std::optional<Stored>& stored) {
  // A card id the collection does not know needs no lookup (`known` is set for big imports).
  stored.reset();
  if (!known || known->contains(content.id)) stored = stored_card(content.id);
  if (!stored) return Step::add;
  if (deck && !stored->orphaned &&
      stored->placed == Placed{*deck, static_cast<std::int64_t>(position)} &&
      stored->content == content) {
    return Step::keep;
  }
  return Step::update;
}

std::vector<std::string> Connection::unlisted_cards(std::int64_t deck,
                                                    const std::unordered_set<std::string>& listed) {
  std::vector<std::string> unlisted;
  auto in_deck =
      query("SELECT slug FROM cards WHERE deck = ? AND orphaned < 2 ORDER BY position, slug");
  in_deck->bind(1, deck);
  while (in_deck->executeStep()) {
    std::string slug = in_deck->getColumn(0).getString();
    if (!listed.contains(slug)) unlisted.push_back(std::move(slug));
  }
  return unlisted;
}

void Connection::orphan_cards(const std::vector<std::string>& card_ids) {
  for (const std::string& id : card_ids) {
    auto orphan = query("UPDATE cards SET orphaned = 1 WHERE slug = ? AND orphaned = 0");
    orphan->bind(1, id);
    orphan->exec();
  }
}

namespace {

// Up to this many cards, an import looks each id up; past it, one scan of every id is cheaper.
constexpr std::size_t kLookupsBeforeScan = 4096;

}  // namespace

void Connection::tally(ImportReport& report, Step step, const std::optional<Stored>& stored,
                       std::optional<std::int64_t> deck, const std::string& card_id,
                       bool edited_answered) {
  switch (step) {
    case Step::add:
      ++report.added;
      break;
    case Step::keep:
      ++report.unchanged;
      break;
    case Step::update:
      if (stored->placed.deck != deck) {
        report.moved.push_back(card_id);
        report.moved_from.push_back(stored->deck_id);
      }
      ++report.updated;
      if (edited_answered) ++report.changed;
      if (stored->orphaned) ++report.returned;
      break;
  }
}

std::int64_t Connection::store_deck(const Deck& deck, const std::filesystem::path& file_source) {
  // A file from standard input leaves the file recorded before in place.
  auto upsert = query(
      "INSERT INTO decks (slug, name, description, source) VALUES (?, ?, ?, ?) ON CONFLICT "
      "(slug) DO UPDATE SET name = excluded.name, description = excluded.description, "
      "source = coalesce(excluded.source, decks.source)");
  upsert->bind(1, deck.id);
  upsert->bind(2, deck.name);
  upsert->bind(3, deck.description);
  if (file_source.empty()) {
    upsert->bind(4);
  } else {
    upsert->bind(4, file_source.string());
  }
  upsert->exec();
  return *deck_rowid(deck.id);
}

void Connection::keep_progress(std::int64_t card, const std::string& card_id,
                               const CardProgress& kept, const CardState& new_state,
                               const ImportRecords& records, const std::filesystem::path& source) {
  CardState state = new_state;
  for (const ImportedAnswer& answer : kept.answers) {
    const CardState after = records.transition(state, answer.grade, answer.moment.day);
    append_answer({card_id, answer.grade, answer.moment, answer.duration, std::nullopt}, card,
                  state, after);
    state = after;
  }
  append_state_record(card, StateRecord::Kind::import, records.at, source, kept.state,
                      kept.suspended);
}

void Connection::reset_changed(std::int64_t card, const CardState& new_state, const Moment& at,
                               const std::filesystem::path& source, bool suspended) {
  append_state_record(card, StateRecord::Kind::reset, at, source, new_state, suspended);
  auto q = query("UPDATE cards SET changed = 0 WHERE id = ?");
  q->bind(1, card);
  q->exec();
}

namespace {

// The progress `batch` carries for `card_id` with anything in it to keep, or nullptr.
const CardProgress* progress_of(const ImportBatch& batch, const std::string& card_id) {
  const CardProgress* kept = batch.progress(card_id);
  return kept && kept->any() ? kept : nullptr;
}

}  // namespace

std::vector<ImportReport> Connection::plan_imports(ImportBatch& source, const CardState& new_state,
                                                   const ImportRecords& records,
                                                   const Progress& progress, Planning planning) {
  const bool apply = planning == Planning::apply;
  std::vector<ImportReport> reports;
  TagIds tag_ids;
  std::optional<std::unordered_set<std::string>> known;
  std::size_t planned = 0;
  std::vector<std::optional<std::int64_t>> decks;  // as stored before the import
  // The cards that may be missing from a deck stored before: those the files list. Applied, a
  // card that moves to a new deck has left its old one already, so new decks' cards need not
  // be listed; previewed, it is still there.
  std::unordered_set<std::string> listed;
  for (std::size_t f = 0; f < source.files(); ++f) {
    const Deck& file_deck = source.deck(f);
    ImportReport& report = reports.emplace_back();
    report.deck_id = file_deck.id;
    const std::optional<std::int64_t> before = decks.emplace_back(deck_rowid(file_deck.id));
    report.deck_added = !before;
    const std::int64_t deck = apply ? store_deck(file_deck, source.source(f)) : before.value_or(0);
    std::optional<Stored> stored;
    for (std::size_t position = 0; const CardContent* content = source.card(f, position);
         ++position) {
      if (!known && planned == kLookupsBeforeScan) known = card_ids();
      const Step step = classify(*content, position, before, known ? &*known : nullptr, stored);
      const Placed placed{deck, static_cast<std::int64_t>(position)};
      std::int64_t rowid = stored ? stored->rowid : 0;
      if (apply && step == Step::add) rowid = insert_card(*content, placed, new_state, tag_ids);
      bool edited_answered = false;
      if (step == Step::update) {
        edited_answered = apply ? update_card(*stored, *content, placed, tag_ids)
                                : edits_answered_text(*stored, *content);
      }
      tally(report, step, stored, before, content->id, edited_answered);
      if (const CardProgress* kept = progress_of(source, content->id)) {
        if (step == Step::add || has_no_history(stored->rowid)) {
          ++report.progress_kept;
          report.answers_kept += static_cast<int>(kept->answers.size());
          if (apply) keep_progress(rowid, content->id, *kept, new_state, records, source.source(f));
        } else {
          ++report.progress_left;  // its history here stands
        }
      }
      if (records.reset_changed && stored && (stored->changed || edited_answered)) {
        ++report.reset;
        if (apply) reset_changed(rowid, new_state, records.at, source.source(f), stored->suspended);
      }
      if (before || !apply) listed.insert(content->id);
      if (++planned % 1024 == 0 && progress) progress(source.reached(f, position), source.size());
    }
  }
  // Once every file is planned: a deck's cards that no file lists, not those another took over.
  for (std::size_t f = 0; f < decks.size(); ++f) {
    if (decks[f]) reports[f].missing = unlisted_cards(*decks[f], listed);
    if (apply) orphan_cards(reports[f].missing);
  }
  if (tag_ids.unindexed) prune_tags();
  if (tag_ids.regrouped) prune_groups();
  return reports;
}

std::vector<ImportReport> DecksAndCards::preview_imports(ImportBatch& batch,
                                                         const ImportRecords& records) const {
  batch.settle();
  return guarded(impl_->path, [&] {
    return impl_->plan_imports(batch, CardState{}, records, {},
                               store::Connection::Planning::preview);
  });
}

std::vector<ImportReport> DecksAndCards::preview_imports(std::span<const DeckFile> files,
                                                         const ImportRecords& records) const {
  ReadBatch batch(files);
  return preview_imports(batch, records);
}

std::vector<ImportReport> DecksAndCards::import_decks(std::span<const DeckFile> files,
                                                      const CardState& new_state,
                                                      const Progress& progress,
                                                      const BeforeCommit& before_commit,
                                                      const ImportRecords& records) {
  ReadBatch batch(files);
  return import_decks(batch, new_state, progress, before_commit, records);
}

std::vector<ImportReport> DecksAndCards::import_decks(ImportBatch& batch,
                                                      const CardState& new_state,
                                                      const Progress& progress,
                                                      const BeforeCommit& before_commit,
                                                      const ImportRecords& records) {
  // The write lock is taken once there is something to write: while the first file is still
  // on its way (a slow disk, a network file), other writers go on.
  if (batch.files() > 0) batch.deck(0);
  return guarded(impl_->path, [&] {
    return impl_->write([&] {
      std::vector<ImportReport> reports = impl_->plan_imports(batch, new_state, records, progress,
                                                              store::Connection::Planning::apply);
      batch.settle();
      if (progress) progress(batch.size(), batch.size());
      if (before_commit) before_commit(reports);
      return reports;
    });
  });
}

}  // namespace rehearse
