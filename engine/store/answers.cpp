// Collection: recording answers and reading the review log.
#include "store/collection_impl.hpp"

namespace rehearse {

using namespace store;

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

}  // namespace rehearse
