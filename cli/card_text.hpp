#pragma once

#include <string>

#include "model/card.hpp"

namespace rehearse::cli {

// "new" or "n=2, ease 2.5, interval 6 days, due 2026-12-01" for people to read.
std::string describe_state(const CardState& state);

// When the card comes back, relative to today: "again today", "tomorrow", "in 6 days (2026-12-01)".
std::string describe_due(const CardState& state, Day today);

// What to tell the user when an answer made `card_id` a leech and suspended it: why, and what
// to do. One line.
std::string leech_notice(const std::string& card_id, int lapses);

// What an import report says of the `count` cards its file no longer lists, which are now
// orphans: "2 cards no longer in the file are orphans (rehearse orphans)". REQUIRES: count > 0.
std::string orphans_notice(std::size_t count);

}  // namespace rehearse::cli
