#include "json_output.hpp"

#include <fmt/format.h>

#include <cmath>

#include "io/json_writer.hpp"
#include "log_order.hpp"
#include "model/principle.hpp"
#include "model/settings.hpp"

namespace rehearse::cli {
namespace {

using Writer = JsonWriter;

void write(Writer& w, std::string_view text) {
  w.String(text);
}

void write_day(Writer& w, std::optional<Day> day) {
  if (day) {
    write(w, format_day(*day));
  } else {
    w.Null();
  }
}

void write_state(Writer& w, const CardState& state) {
  w.StartObject();
  w.Key("repetitions");
  w.Int(state.repetitions);
  w.Key("ease");
  const std::string ease = state.ease.to_string();  // exact decimal, not a double
  w.RawNumber(ease);
  w.Key("interval_days");
  w.Int(state.interval_days);
  w.Key("due");
  write_day(w, state.due);
  w.EndObject();
}

void write_tags(Writer& w, const std::vector<std::string>& tags) {
  w.StartArray();
  for (const std::string& tag : tags)
    write(w, tag);
  w.EndArray();
}

void write_card_fields(Writer& w, const Card& card, bool with_back, int leech_threshold) {
  w.Key("id");
  write(w, card.content.id);
  w.Key("deck");
  write(w, card.deck_id);
  w.Key("front");
  write(w, card.content.front);
  if (with_back) {
    w.Key("back");
    write(w, card.content.back);
  }
  w.Key("tags");
  write_tags(w, card.content.tags);
  if (!card.content.group.empty()) {  // as in deck files: only when the card has one
    w.Key("group");
    write(w, card.content.group);
  }
  w.Key("suspended");
  w.Bool(card.suspended);
  w.Key("leech");
  w.Bool(is_leech(card.state.lapses, leech_threshold));
  w.Key("lapses");
  w.Int(card.state.lapses);
  w.Key("changed");
  w.Bool(card.changed);
  w.Key("state");
  write_state(w, card.state);
}

template <typename Fill>
std::string render(Fill&& fill) {
  Writer w;
  fill(w);
  return w.text();
}

}  // namespace

std::string card_json(const Card& card, int leech_threshold) {
  return render([&](Writer& w) {
    w.StartObject();
    write_card_fields(w, card, true, leech_threshold);
    w.EndObject();
  });
}

std::string answered_json(const AnsweredCard& answered, int leech_threshold) {
  return render([&](Writer& w) {
    w.StartObject();
    write_card_fields(w, answered.card, true, leech_threshold);
    w.Key("answer");
    w.StartObject();
    w.Key("grade");
    w.Int(answered.entry.grade.value());
    w.Key("counted");
    write(w, answered.kind == sm2::AnswerKind::scheduled ? "scheduled" : "repeat");
    if (answered.suspended_as_leech) {  // only when this answer made the card a leech
      w.Key("suspended_as_leech");
      w.Bool(true);
    }
    w.EndObject();
    w.EndObject();
  });
}

std::string done_json(std::optional<Day> next_due) {
  return render([&](Writer& w) {
    w.StartObject();
    w.Key("done");
    w.Bool(true);
    w.Key("next_due");
    write_day(w, next_due);
    w.EndObject();
  });
}

std::string cards_json(const std::vector<Card>& cards, int leech_threshold) {
  return render([&](Writer& w) {
    w.StartArray();
    for (const Card& card : cards) {
      w.StartObject();
      write_card_fields(w, card, false, leech_threshold);
      w.EndObject();
    }
    w.EndArray();
  });
}

std::string decks_json(const std::vector<DeckCounts>& decks) {
  return render([&](Writer& w) {
    w.StartArray();
    for (const DeckCounts& d : decks) {
      w.StartObject();
      w.Key("id");
      write(w, d.deck.id);
      w.Key("name");
      write(w, d.deck.name);
      w.Key("description");
      write(w, d.deck.description);
      w.Key("new");
      w.Int(d.new_cards);
      w.Key("due");
      w.Int(d.due);
      w.Key("reask");
      w.Int(d.reask);
      w.Key("total");
      w.Int(d.total);
      w.Key("orphans");
      w.Int(d.orphans);
      w.Key("source");
      if (d.source.empty()) {
        w.Null();
      } else {
        write(w, d.source.string());
      }
      w.EndObject();
    }
    w.EndArray();
  });
}

namespace {

void write_log_entry(Writer& w, const LogEntry& entry) {
  w.StartObject();
  w.Key("sequence");
  w.Int64(entry.sequence);
  w.Key("at_ms");
  w.Int64(entry.moment.instant.time_since_epoch().count());
  w.Key("day");
  write(w, format_day(entry.moment.day));
  w.Key("grade");
  w.Int(entry.grade.value());
  w.Key("duration_ms");
  w.Int64(entry.duration.count());
  w.Key("before");
  write_state(w, entry.before);
  w.Key("after");
  write_state(w, entry.after);
  w.Key("interview");
  if (entry.interview) {
    write(w, format_day(*entry.interview));
  } else {
    w.Null();
  }
  if (entry.undone) {  // only for an answer taken back
    w.Key("undone");
    w.StartObject();
    w.Key("at_ms");
    w.Int64(entry.undone->moment.instant.time_since_epoch().count());
    w.Key("day");
    write(w, format_day(entry.undone->moment.day));
    w.Key("after_sequence");
    w.Int64(entry.undone->after_sequence);
    w.EndObject();
  }
  w.EndObject();
}

void write_state_record(Writer& w, const StateRecord& record) {
  w.StartObject();
  w.Key("record");
  write(w, record.kind == StateRecord::Kind::reset ? "reset" : "import");
  w.Key("at_ms");
  w.Int64(record.moment.instant.time_since_epoch().count());
  w.Key("day");
  write(w, format_day(record.moment.day));
  w.Key("after_sequence");
  w.Int64(record.after_sequence);
  w.Key("source");
  if (record.source.empty()) {
    w.Null();
  } else {
    write(w, record.source.string());
  }
  w.Key("state");
  write_state(w, record.state);
  w.Key("suspended");
  w.Bool(record.suspended);
  w.EndObject();
}

}  // namespace

std::string log_json(const std::vector<LogEntry>& log, const std::vector<StateRecord>& records) {
  return render([&](Writer& w) {
    w.StartArray();
    in_log_order(
        log, records, [&](const LogEntry& entry) { write_log_entry(w, entry); },
        [&](const StateRecord& record) { write_state_record(w, record); });
    w.EndArray();
  });
}

std::string undone_json(const UndoneAnswer& undone, int leech_threshold) {
  return render([&](Writer& w) {
    w.StartObject();
    w.Key("undone");
    w.StartObject();
    w.Key("card");
    write(w, undone.entry.card_id);
    w.Key("sequence");
    w.Int64(undone.entry.sequence);
    w.Key("grade");
    w.Int(undone.entry.grade.value());
    w.Key("day");
    write(w, format_day(undone.entry.moment.day));
    w.EndObject();
    w.Key("card");
    w.StartObject();
    write_card_fields(w, undone.card, true, leech_threshold);
    w.EndObject();
    w.EndObject();
  });
}

namespace {

void write_optional(Writer& w, std::optional<double> value) {
  if (value) {
    w.RawNumber(fmt::format("{}", std::round(*value * 10000) / 10000));
  } else {
    w.Null();
  }
}

void write_counts(Writer& w, const QueueCounts& counts) {
  w.StartObject();
  w.Key("due");
  w.Int(counts.due);
  w.Key("new");
  w.Int(counts.fresh);
  w.Key("reask");
  w.Int(counts.reask);
  w.EndObject();
}

void write_retention(Writer& w, const Retention& r) {
  w.StartObject();
  w.Key("passed");
  w.Int(r.passed);
  w.Key("reviews");
  w.Int(r.reviews);
  w.Key("share");
  write_optional(w, r.share());
  w.EndObject();
}

// The fields every deck and the whole collection have.
void write_figures(Writer& w, const DeckStatistics& f) {
  const auto field = [&](const char* name, std::int64_t value) {
    w.Key(name);
    w.Int64(value);
  };
  field("reviews_today", f.activity[0].reviews);
  field("cards_reviewed_today", f.cards_reviewed_today);
  field("due_tomorrow", f.due_tomorrow);
  w.Key("cards");
  w.StartObject();
  field("new", f.cards.fresh);
  field("learning", f.cards.learning);
  field("lapsed", f.cards.lapsed);
  field("young", f.cards.young);
  field("mature", f.cards.mature);
  field("suspended", f.cards.suspended);
  field("leech", f.cards.leech);
  field("total", f.cards.total());
  w.EndObject();
  field("total_reviews", f.total_reviews);
  w.Key("reviews");
  w.StartArray();
  for (const Activity& a : f.activity) {
    w.StartObject();
    field("days", a.days);
    field("reviews", a.reviews);
    field("time_ms", a.time.count());
    w.EndObject();
  }
  w.EndArray();
  w.Key("retention");
  w.StartObject();
  w.Key("young");
  write_retention(w, f.young);
  w.Key("mature");
  write_retention(w, f.mature);
  w.EndObject();
  w.Key("average_ease");
  write_optional(w, f.average_ease);
  w.Key("average_interval");
  write_optional(w, f.average_interval);
  w.Key("streak");
  w.StartObject();
  field("current", f.streaks.current);
  field("longest", f.streaks.longest);
  w.Key("today");
  w.Bool(f.streaks.today);
  w.EndObject();
}

}  // namespace

std::string statistics_json(const Statistics& s) {
  return render([&](Writer& w) {
    w.StartObject();
    w.Key("today");
    write(w, format_day(s.today));
    w.Key("deck");
    if (s.total.deck_id.empty()) {
      w.Null();
    } else {
      write(w, s.total.deck_id);
    }
    w.Key("due_today");
    w.Int(s.counts.waiting.due);
    w.Key("reask_today");
    w.Int(s.counts.waiting.reask);
    w.Key("new_today");
    w.Int(s.counts.waiting.fresh);
    w.Key("left_today");
    write_counts(w, s.counts.left);
    write_figures(w, s.total);
    w.Key("decks");
    w.StartArray();
    for (const DeckStatistics& deck : s.decks) {
      w.StartObject();
      w.Key("id");
      write(w, deck.deck_id);
      w.Key("name");
      write(w, deck.name);
      write_figures(w, deck);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  });
}

std::string principles_json() {
  return render([&](Writer& w) {
    w.StartArray();
    for (const Principle& p : principles()) {
      w.StartObject();
      w.Key("slug");
      write(w, p.slug);
      w.Key("tag");
      write(w, "lp:" + std::string(p.slug));
      w.Key("name");
      write(w, p.name);
      w.EndObject();
    }
    w.EndArray();
  });
}

std::string coverage_json(const StoryCoverage& coverage) {
  return render([&](Writer& w) {
    w.StartObject();
    w.Key("principles");
    w.StartArray();
    for (const PrincipleStories& p : coverage.principles) {
      w.StartObject();
      w.Key("slug");
      write(w, p.principle->slug);
      w.Key("name");
      write(w, p.principle->name);
      w.Key("stories");
      write_tags(w, p.stories);
      w.Key("strength");
      w.RawNumber(fmt::format("{}", std::round(p.strength * 100) / 100));
      w.Key("cards");
      w.Int(p.counts.cards);
      w.Key("seen");
      w.Int(p.counts.seen);
      w.Key("mature");
      w.Int(p.counts.mature);
      w.Key("due");
      w.Int(p.counts.due);
      w.EndObject();
    }
    w.EndArray();
    w.Key("gaps");
    write_tags(w, coverage.gaps);
    w.Key("rounds");
    w.StartObject();
    for (const auto& [round, count] : coverage.rounds) {
      w.Key(round);
      w.Int(count);
    }
    w.EndObject();
    w.EndObject();
  });
}

std::string questions_json(const std::vector<UnansweredQuestion>& questions) {
  return render([&](Writer& w) {
    w.StartArray();
    for (const UnansweredQuestion& q : questions) {
      w.StartObject();
      w.Key("id");
      write(w, q.card.content.id);
      w.Key("deck");
      write(w, q.card.deck_id);
      w.Key("round");
      write(w, q.round);
      w.Key("front");
      write(w, q.card.content.front);
      w.Key("principles");
      write_tags(w, q.principles);
      w.Key("fitting");
      write_tags(w, q.fitting);
      w.EndObject();
    }
    w.EndArray();
  });
}

}  // namespace rehearse::cli
