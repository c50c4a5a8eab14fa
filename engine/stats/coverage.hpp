#pragma once

#include <vector>

#include "model/principle.hpp"
#include "store/collection.hpp"

namespace rehearse {

// How well one Leadership Principle is covered by the cards that probe it (`lp:SLUG` tags).
struct PrincipleCoverage {
  const Principle* principle;
  TagCounts counts;  // zero counts when no card carries the tag
};

// One entry per principle, in canonical order.
std::vector<PrincipleCoverage> principle_coverage(const Collection& collection, Day today);

}  // namespace rehearse
