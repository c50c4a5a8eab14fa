#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "model/import_batch.hpp"

namespace rehearse {

// Deck files read in order on a thread of their own, each card handed over as soon as it is
// read: an import writes the first cards on one core while the rest of the file is read on
// the other. A file is checked whole only once it is read (ImportBatch::settle).
class DeckStream final : public ImportBatch {
 public:
  explicit DeckStream(const std::vector<std::filesystem::path>& paths);
  ~DeckStream() override;  // stops the reading and waits for its thread
  DeckStream(const DeckStream&) = delete;
  DeckStream& operator=(const DeckStream&) = delete;

  std::size_t files() const override { return files_.size(); }
  const Deck& deck(std::size_t file) override;
  std::filesystem::path source(std::size_t file) const override { return files_[file].source; }
  const CardContent* card(std::size_t file, std::size_t index) override;
  void settle() override;
  // Whether a path is not a regular file (a FIFO, a device), which may take any time to give.
  bool may_stall() const override { return may_stall_; }
  std::size_t size() const override { return size_; }  // bytes
  std::size_t reached(std::size_t file, std::size_t index) override;

 private:
  struct File {
    std::filesystem::path path;
    std::filesystem::path source;  // deck_source_path(path)
    std::size_t bytes_before = 0;  // of the files before it, for progress
    std::optional<Deck> deck;
    std::deque<CardContent> cards;  // a deque: handing out a card never moves the earlier ones
    std::deque<std::size_t> ends;   // bytes read at the end of each card
    bool done = false;
    std::exception_ptr error;  // when the file is wrong, or one before it is
  };
  class Sink;

  void read_all();

  std::vector<File> files_;
  std::size_t size_ = 0;
  bool may_stall_ = false;
  std::mutex mutex_;  // guards files_'s content and stop_
  std::condition_variable changed_;
  bool stop_ = false;
  std::thread reader_;  // last: it starts once everything above is ready
};

}  // namespace rehearse
