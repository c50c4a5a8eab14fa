#pragma once

#include <cstddef>
#include <filesystem>
#include <span>

#include "model/card.hpp"

namespace rehearse {

// Deck files as an import reads them: each file's deck and its cards in order, possibly while
// the files are still being read (io/deck_stream.hpp). What a source hands out stays valid and
// unchanged as long as the source lives.
class DeckSource {
 public:
  virtual ~DeckSource() = default;

  virtual std::size_t files() const = 0;
  // File `file`'s deck, waiting until it is read. Throws Error when the file turns out wrong
  // before its deck is read.
  virtual const Deck& deck(std::size_t file) = 0;
  // The path file `file` was read from, absolute, for the collection to record with its deck;
  // empty when it has none on disk (standard input).
  virtual std::filesystem::path source(std::size_t file) const = 0;
  // Card `index` of file `file`, waiting until it is read; nullptr past the last card. Throws
  // Error when the file turns out wrong before that card is read.
  virtual const CardContent* card(std::size_t file, std::size_t index) = 0;
  // Waits until every file is read whole and checked. Throws Error for the first wrong file:
  // until then, what the source handed out may come from a file that turns out wrong.
  virtual void settle() = 0;
  // How far reading has to go and how far it is once `file` has given card `index`, in one
  // unit (cards, or bytes), for progress bars.
  virtual std::size_t size() const = 0;
  virtual std::size_t reached(std::size_t file, std::size_t index) = 0;
};

// Deck files already read.
class ReadDecks final : public DeckSource {
 public:
  explicit ReadDecks(std::span<const DeckFile> files) : files_(files) {
    for (const DeckFile& file : files)
      size_ += file.cards.size();
  }

  std::size_t files() const override { return files_.size(); }
  const Deck& deck(std::size_t file) override { return files_[file].deck; }
  std::filesystem::path source(std::size_t file) const override { return files_[file].source; }
  const CardContent* card(std::size_t file, std::size_t index) override {
    const std::vector<CardContent>& cards = files_[file].cards;
    return index < cards.size() ? &cards[index] : nullptr;
  }
  void settle() override {}
  std::size_t size() const override { return size_; }
  std::size_t reached(std::size_t file, std::size_t index) override {
    std::size_t before = 0;
    for (std::size_t f = 0; f < file; ++f)
      before += files_[f].cards.size();
    return before + index + 1;
  }

 private:
  std::span<const DeckFile> files_;
  std::size_t size_ = 0;
};

}  // namespace rehearse
