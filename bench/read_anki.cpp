// rehearse-read-anki FILE.apkg: reads an Anki package as `import` does (read_anki_package:
// unzip, inflate, SQLite, render every card to text) and prints what it found and how long it
// took. bench/make_anki_package.py writes large packages for it.
#include <fmt/core.h>

#include <chrono>
#include <exception>

#include "io/anki_package.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "usage: rehearse-read-anki FILE.apkg\n");
    return 2;
  }
  try {
    const auto start = std::chrono::steady_clock::now();
    const rehearse::AnkiPackage package = rehearse::read_anki_package(argv[1]);
    const auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
    fmt::print("{}: {} decks, {} cards, {} reviews, {} skipped in {:.2f} s\n", argv[1],
               package.decks.size(), package.cards.size(), package.reviews.size(),
               package.skipped.size(), elapsed.count());
  } catch (const std::exception& e) {
    fmt::print(stderr, "rehearse-read-anki: {}\n", e.what());
    return 1;
  }
  return 0;
}
