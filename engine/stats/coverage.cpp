#include "stats/coverage.hpp"

#include <algorithm>

namespace rehearse {

std::vector<PrincipleCoverage> principle_coverage(const Collection& collection, Day today) {
  const std::vector<TagCounts> counts = collection.tag_counts("lp:", today);
  std::vector<PrincipleCoverage> coverage;
  for (const Principle& principle : principles()) {
    const std::string tag = "lp:" + std::string(principle.slug);
    const auto it = std::find_if(counts.begin(), counts.end(),
                                 [&](const TagCounts& c) { return c.tag == tag; });
    coverage.push_back({&principle, it == counts.end() ? TagCounts{tag, 0, 0, 0, 0} : *it});
  }
  return coverage;
}

}  // namespace rehearse
