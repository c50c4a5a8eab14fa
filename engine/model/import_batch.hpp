#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <string_view>

#include "model/card.hpp"

namespace rehearse {

// What one import brings into the collection, from any source: each file's deck and its cards
// in order, possibly while the files are still being read (io/deck_stream.hpp), and for cards
// that come from another program their scheduling state and review history there. Deck files,
// other tools' formats and Anki packages are batches alike, read by the one import pipeline
// (import/import.hpp). What a batch hands out stays valid and unchanged as long as it lives.
// Stories come in through `story import` (stories/bank.hpp) for now; when a source brings both,
// they join the batch here.
class ImportBatch {
 public:
  virtual ~ImportBatch() = default;

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
  // The progress card `card_id` has in another program (its state, suspension and answers),
  // or nullptr when the batch carries none for it. Default: none, as deck files carry none.
  virtual const CardProgress* progress(std::string_view card_id) const {
    (void)card_id;
    return nullptr;
  }
  // Waits until every file is read whole and checked. Throws Error for the first wrong file:
  // until then, what the batch handed out may come from a file that turns out wrong.
  virtual void settle() = 0;
  // Whether reading the rest may wait on something other than a disk (a FIFO, a device): such
  // a batch is settled before the collection is opened, so that no other rehearse waits for
  // its write lock. Default: false.
  virtual bool may_stall() const { return false; }
  // How far reading has to go and how far it is once `file` has given card `index`, in one
  // unit (cards, or bytes), for progress bars.
  virtual std::size_t size() const = 0;
  virtual std::size_t reached(std::size_t file, std::size_t index) = 0;
};

// Deck files already read, with the progress of their cards in another program, if any
// (`progress`, by card id; not owned).
class ReadBatch final : public ImportBatch {
 public:
  explicit ReadBatch(std::span<const DeckFile> files, const ProgressByCard* progress = nullptr)
      : files_(files), progress_(progress) {
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
  const CardProgress* progress(std::string_view card_id) const override {
    if (!progress_) return nullptr;
    const auto it = progress_->find(std::string(card_id));
    return it == progress_->end() ? nullptr : &it->second;
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
  const ProgressByCard* progress_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace rehearse
