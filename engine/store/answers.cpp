// Collection: recording answers and reading the review log.
#include "store/collection_impl.hpp"

namespace rehearse {

using namespace store;

std::pair<std::int64_t, CardState> Collection::Impl::answering(const std::string& card_id) {
  auto q = query(
      "SELECT id, repetitions, ease, interval_days, due, last_answered, reask FROM cards "
      "WHERE slug = ?");
  q->bind(1, card_id);
  if (!q->executeStep()) throw Error("no card '{}' in {}", card_id, path.string());
  CardState state;
  state.repetitions = q->getColumn(1).getInt();
  state.ease = Ease::from_hundredths(q->getColumn(2).getInt());
  state.interval_days = q->getColumn(3).getInt();
  state.due = optional_day(q->getColumn(4));
  state.last_answered = optional_day(q->getColumn(5));
  state.reask = q->getColumn(6).getInt() != 0;
  return {q->getColumn(0).getInt64(), state};
}

LogEntry Collection::Impl::append_answer(const AnswerRecord& answer, std::int64_t card,
                                         const CardState& before, const CardState& after) {
  {
    auto q = query(
        "UPDATE cards SET repetitions = :n, ease = :ease, interval_days = :interval, due = :due, "
        "last_answered = :last, reask = :reask WHERE id = :card");
    q->bind(":n", after.repetitions);
    q->bind(":ease", after.ease.hundredths());
    q->bind(":interval", after.interval_days);
    bind_day(*q, ":due", after.due);
    bind_day(*q, ":last", after.last_answered);
    q->bind(":reask", after.reask ? 1 : 0);
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
    q->bind(":n0", before.repetitions);
    q->bind(":e0", before.ease.hundredths());
    q->bind(":i0", before.interval_days);
    bind_day(*q, ":d0", before.due);
    q->bind(":n1", after.repetitions);
    q->bind(":e1", after.ease.hundredths());
    q->bind(":i1", after.interval_days);
    bind_day(*q, ":d1", after.due);
    q->exec();
  }
  return LogEntry{db.getLastInsertRowid(), answer.card_id, answer.moment, answer.grade,
                  answer.duration,         before,         after};
}

AnsweredCard Collection::record_answer(const AnswerRecord& answer, const Transition& transition) {
  return guarded(impl_->path, [&] {
    return impl_->write([&] {
      // The whole card, read once inside the transaction: the answer's result is this card
      // with its new state.
      Card card;
      std::int64_t rowid = 0;
      {
        static const std::string sql = std::string(kCardColumns) + "WHERE c.slug = ?";
        auto q = impl_->query(sql.c_str());  // found by address: the hot path
        q->bind(1, answer.card_id);
        if (!q->executeStep()) {
          throw Error("no card '{}' in {}", answer.card_id, impl_->path.string());
        }
        card = read_card(*q);
        rowid = q->getColumn(kCardRowidColumn).getInt64();
      }
      const sm2::Outcome outcome = transition(card.state, answer.grade, answer.moment.day);
      LogEntry entry = impl_->append_answer(answer, rowid, card.state, outcome.state);
      card.state = outcome.state;
      return AnsweredCard{std::move(card), std::move(entry), outcome.kind};
    });
  });
}

std::vector<LogEntry> Collection::record_answers(std::span<const AnswerRecord> answers,
                                                 const Transition& transition) {
  return guarded(impl_->path, [&] {
    return impl_->write([&] {
      std::vector<LogEntry> entries;
      entries.reserve(answers.size());
      for (const AnswerRecord& answer : answers) {
        const auto [card, before] = impl_->answering(answer.card_id);
        const CardState after = transition(before, answer.grade, answer.moment.day).state;
        entries.push_back(impl_->append_answer(answer, card, before, after));
      }
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

}  // namespace rehearse
