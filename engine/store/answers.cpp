// Collection: recording answers and reading the review log.
#include "store/collection_impl.hpp"

namespace rehearse {

using namespace store;

std::pair<std::int64_t, CardState> Connection::answering(const std::string& card_id) {
  static const std::string sql =
      fmt::format("SELECT id, {} FROM cards WHERE slug = ?", kStateColumnNames);
  auto q = query(sql.c_str());
  q->bind(1, card_id);
  if (!q->executeStep()) throw Error("no card '{}' in {}", card_id, path.string());
  return {q->getColumn(0).getInt64(), read_state(*q, 1)};
}

bool Connection::suspends_as_leech(const CardState& before, const CardState& after) {
  if (after.lapses <= before.lapses) return false;
  return rehearse::suspends_as_leech(after.lapses,
                                     settings_from(stored_settings()).leech_threshold);
}

void Connection::store_suspended(std::int64_t card, bool suspended) {
  auto q = query("UPDATE cards SET suspended = ? WHERE id = ?");
  q->bind(1, suspended ? 1 : 0);
  q->bind(2, card);
  q->exec();
}

void Connection::store_state(std::int64_t card, const CardState& state) {
  auto q = query(
      "UPDATE cards SET repetitions = ?1, ease = ?2, interval_days = ?3, due = ?4, "
      "last_answered = ?5, reask = ?6, lapses = ?7 WHERE id = ?8");
  bind_state(*q, 1, state);
  q->bind(8, card);
  q->exec();
}

LogEntry Connection::append_answer(const AnswerRecord& answer, std::int64_t card,
                                   const CardState& before, const CardState& after) {
  store_state(card, after);
  {
    // An answer to a card edited since its last answer was given to the new text.
    auto q = query("UPDATE cards SET changed = 0 WHERE id = ? AND changed = 1");
    q->bind(1, card);
    q->exec();
  }
  {
    auto q = query(
        "INSERT INTO reviews (card, at_ms, day, grade, duration_ms, repetitions_before, "
        "ease_before, interval_before, due_before, repetitions_after, ease_after, "
        "interval_after, due_after, interview_day) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
        "?10, ?11, ?12, ?13, ?14)");
    q->bind(1, card);
    q->bind(2, static_cast<std::int64_t>(answer.moment.instant.time_since_epoch().count()));
    q->bind(3, day_number(answer.moment.day));
    q->bind(4, answer.grade.value());
    q->bind(5, static_cast<std::int64_t>(answer.duration.count()));
    bind_state(*q, 6, before, kLoggedStateColumns);
    bind_state(*q, 10, after, kLoggedStateColumns);
    bind_day(*q, 14, answer.interview);
    q->exec();
  }
  return LogEntry{db.getLastInsertRowid(), answer.card_id, answer.moment, answer.grade,
                  answer.duration,         before,         after,         answer.interview};
}

AnsweredCard ReviewLog::record_answer(const AnswerRecord& answer, const Transition& transition) {
  return guarded(impl_->path, [&] {
    return impl_->write([&] {
      // The whole card, read once inside the transaction: the answer's result is this card
      // with its new state.
      Card card;
      std::int64_t rowid = 0;
      {
        static const std::string sql = card_query() + "WHERE c.slug = ?";
        auto q = impl_->query(sql.c_str());  // found by address: the hot path
        q->bind(1, answer.card_id);
        if (!q->executeStep()) {
          throw Error("no card '{}' in {}", answer.card_id, impl_->path.string());
        }
        card = read_card(*q);
        rowid = q->getColumn(kCardRowidColumn).getInt64();
      }
      const sm2::Outcome outcome =
          transition(card.state, answer.grade, answer.moment.day, answer.interview);
      LogEntry entry = impl_->append_answer(answer, rowid, card.state, outcome.state);
      const bool leech = !card.suspended && impl_->suspends_as_leech(card.state, outcome.state);
      if (leech) impl_->store_suspended(rowid, true);
      card.state = outcome.state;
      card.suspended = card.suspended || leech;
      return AnsweredCard{std::move(card), std::move(entry), outcome.kind, leech};
    });
  });
}

std::vector<LogEntry> ReviewLog::record_answers(std::span<const AnswerRecord> answers,
                                                const Transition& transition) {
  return guarded(impl_->path, [&] {
    return impl_->write([&] {
      std::vector<LogEntry> entries;
      entries.reserve(answers.size());
      for (const AnswerRecord& answer : answers) {
        const auto [card, before] = impl_->answering(answer.card_id);
        const CardState after =
            transition(before, answer.grade, answer.moment.day, answer.interview).state;
        entries.push_back(impl_->append_answer(answer, card, before, after));
        if (impl_->suspends_as_leech(before, after)) impl_->store_suspended(card, true);
      }
      return entries;
    });
  });
}

std::vector<LogEntry> ReviewLog::review_log(std::string_view card_id) const {
  return guarded(impl_->path, [&] {
    const std::int64_t card = impl_->card_rowid(card_id);
    auto q = impl_->query(
        "SELECT r.id, r.at_ms, r.day, r.grade, r.duration_ms, r.repetitions_before, "
        "r.ease_before, r.interval_before, r.due_before, r.repetitions_after, r.ease_after, "
        "r.interval_after, r.due_after, r.interview_day, u.at_ms, u.day, u.after_review "
        "FROM reviews r LEFT JOIN undos u ON u.review = r.id WHERE r.card = ? ORDER BY r.id");
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
      entry.before = read_state(*q, 5, kLoggedStateColumns);
      entry.after = read_state(*q, 9, kLoggedStateColumns);
      entry.interview = optional_day(q->getColumn(13));
      if (!q->getColumn(14).isNull()) {
        entry.undone = Undo{{std::chrono::sys_time<std::chrono::milliseconds>(
                                 std::chrono::milliseconds(q->getColumn(14).getInt64())),
                             day_from_number(q->getColumn(15).getInt64())},
                            q->getColumn(16).getInt64()};
      }
      log.push_back(std::move(entry));
    }
    return log;
  });
}

namespace {

// Why an undo cannot take back the answer to `card_id` on `day`: `record` came after it.
[[noreturn]] void refuse_undo(const std::string& card_id, Day day, const StateRecord& record) {
  if (record.kind == StateRecord::Kind::reset) {
    throw Error(
        "nothing was undone: the last answer, to {} on {}, came before the card started over "
        "as new (import --reset-changed); an undo cannot take back a reset",
        card_id, format_day(day));
  }
  throw Error(
      "nothing was undone: the last answer, to {} on {}, came with the card's progress "
      "imported from {}; an undo cannot take back an import",
      card_id, format_day(day),
      record.source.empty() ? std::string("another program") : record.source.filename().string());
}

}  // namespace

std::optional<UndoneAnswer> ReviewLog::undo_last_answer(const Moment& at, const Replay& replay) {
  return guarded(impl_->path, [&] {
    return impl_->write([&]() -> std::optional<UndoneAnswer> {
      // The newest answer still standing: undos walk back through the log one at a time.
      std::int64_t review = 0;
      std::string card_id;
      Day day;
      {
        auto q = impl_->query(
            "SELECT r.id, c.slug, r.day FROM reviews r JOIN cards c ON c.id = r.card WHERE NOT "
            "EXISTS (SELECT 1 FROM undos u WHERE u.review = r.id) AND c.orphaned < 2 "
            "ORDER BY r.id DESC LIMIT 1");
        if (!q->executeStep()) return std::nullopt;
        review = q->getColumn(0).getInt64();
        card_id = q->getColumn(1).getString();
        day = day_from_number(q->getColumn(2).getInt64());
      }
      const std::int64_t rowid = impl_->card_rowid(card_id);
      // Replay starts from the card's last state record: an answer before it is history.
      const std::vector<StateRecord> records = impl_->state_records(rowid, card_id);
      for (const StateRecord& record : records) {
        if (record.after_sequence >= review) refuse_undo(card_id, day, record);
      }
      {
        auto q = impl_->query(
            "INSERT INTO undos (review, at_ms, day, after_review) "
            "VALUES (?, ?, ?, (SELECT max(id) FROM reviews))");
        q->bind(1, review);
        q->bind(2, static_cast<std::int64_t>(at.instant.time_since_epoch().count()));
        q->bind(3, day_number(at.day));
        q->exec();
      }
      const std::int64_t since = records.empty() ? 0 : records.back().after_sequence;
      std::optional<LogEntry> undone;
      std::vector<sm2::LoggedAnswer> standing;
      for (LogEntry& entry : review_log(card_id)) {
        if (entry.sequence == review) {
          undone = std::move(entry);
        } else if (!entry.undone && entry.sequence > since) {
          standing.push_back({entry.grade, entry.moment.day, entry.interview});
        }
      }
      // The card as the answer left it: if that answer suspended it as a leech, the undo takes
      // the suspension back too.
      const std::optional<Card> answered = impl_->find_card(card_id);
      const CardState replayed =
          replay(records.empty() ? std::nullopt : std::optional(records.back().state), standing);
      impl_->store_state(rowid, replayed);
      const bool leech = answered->suspended && impl_->suspends_as_leech(replayed, answered->state);
      if (leech) impl_->store_suspended(rowid, false);
      std::optional<Card> card = impl_->find_card(card_id);
      return UndoneAnswer{std::move(*undone), std::move(*card), leech};
    });
  });
}

void Connection::append_state_record(std::int64_t card, StateRecord::Kind kind, const Moment& at,
                                     const std::filesystem::path& source, const CardState& state,
                                     bool suspended) {
  {
    auto q = query(
        "INSERT INTO state_records (card, kind, at_ms, day, after_review, source, repetitions, "
        "ease, interval_days, due, last_answered, reask, lapses, suspended) VALUES (?1, ?2, ?3, "
        "?4, (SELECT max(id) FROM reviews), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    q->bind(1, card);
    q->bind(2, kind == StateRecord::Kind::reset ? "reset" : "import");
    q->bind(3, static_cast<std::int64_t>(at.instant.time_since_epoch().count()));
    q->bind(4, day_number(at.day));
    if (source.empty()) {
      q->bind(5);
    } else {
      q->bind(5, source.string());
    }
    bind_state(*q, 6, state);
    q->bind(13, suspended ? 1 : 0);
    q->exec();
  }
  store_state(card, state);
  store_suspended(card, suspended);
}

std::vector<StateRecord> Connection::state_records(std::int64_t card, std::string_view card_id) {
  static const std::string sql = fmt::format(
      "SELECT id, kind, at_ms, day, coalesce(after_review, 0), coalesce(source, ''), suspended, "
      "{} FROM state_records WHERE card = ? ORDER BY id",
      kStateColumnNames);
  auto q = query(sql);
  q->bind(1, card);
  std::vector<StateRecord> records;
  while (q->executeStep()) {
    StateRecord& record = records.emplace_back();
    record.sequence = q->getColumn(0).getInt64();
    record.card_id = card_id;
    record.kind = q->getColumn(1).getString() == "reset" ? StateRecord::Kind::reset
                                                         : StateRecord::Kind::import;
    record.moment = {std::chrono::sys_time<std::chrono::milliseconds>(
                         std::chrono::milliseconds(q->getColumn(2).getInt64())),
                     day_from_number(q->getColumn(3).getInt64())};
    record.after_sequence = q->getColumn(4).getInt64();
    record.source = q->getColumn(5).getString();
    record.suspended = q->getColumn(6).getInt() != 0;
    record.state = read_state(*q, 7);
  }
  return records;
}

bool Connection::has_no_history(std::int64_t card) {
  auto q = query(
      "SELECT NOT EXISTS (SELECT 1 FROM reviews r WHERE r.card = ?1 AND NOT EXISTS "
      "(SELECT 1 FROM undos u WHERE u.review = r.id)) AND NOT EXISTS "
      "(SELECT 1 FROM state_records s WHERE s.card = ?1)");
  q->bind(1, card);
  q->executeStep();
  return q->getColumn(0).getInt() != 0;
}

std::vector<StateRecord> ReviewLog::state_records(std::string_view card_id) const {
  return guarded(impl_->path,
                 [&] { return impl_->state_records(impl_->card_rowid(card_id), card_id); });
}

CramAnswer ReviewLog::record_cram_answer(const AnswerRecord& answer) {
  return guarded(impl_->path, [&] {
    return impl_->write([&] {
      const std::int64_t card = impl_->card_rowid(answer.card_id);
      auto q = impl_->query(
          "INSERT INTO cram_answers (card, at_ms, day, grade, duration_ms) "
          "VALUES (?, ?, ?, ?, ?)");
      q->bind(1, card);
      q->bind(2, static_cast<std::int64_t>(answer.moment.instant.time_since_epoch().count()));
      q->bind(3, day_number(answer.moment.day));
      q->bind(4, answer.grade.value());
      q->bind(5, static_cast<std::int64_t>(answer.duration.count()));
      q->exec();
      return CramAnswer{impl_->db.getLastInsertRowid(), answer.card_id, answer.moment, answer.grade,
                        answer.duration};
    });
  });
}

std::vector<CramAnswer> ReviewLog::cram_answers(std::string_view card_id) const {
  return guarded(impl_->path, [&] {
    const std::int64_t card = impl_->card_rowid(card_id);
    auto q = impl_->query(
        "SELECT id, at_ms, day, grade, duration_ms FROM cram_answers WHERE card = ? ORDER BY id");
    q->bind(1, card);
    std::vector<CramAnswer> answers;
    while (q->executeStep()) {
      answers.push_back({q->getColumn(0).getInt64(),
                         std::string(card_id),
                         {std::chrono::sys_time<std::chrono::milliseconds>(
                              std::chrono::milliseconds(q->getColumn(1).getInt64())),
                          day_from_number(q->getColumn(2).getInt64())},
                         Grade::from_int(q->getColumn(3).getInt()),
                         std::chrono::milliseconds(q->getColumn(4).getInt64())});
    }
    return answers;
  });
}

}  // namespace rehearse
