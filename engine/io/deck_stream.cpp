#include "io/deck_stream.hpp"

#include "io/deck_file.hpp"
#include "io/file.hpp"
#include "model/error.hpp"

namespace rehearse {
namespace {

// Thrown into the parser to stop it when the stream is destroyed before the end.
struct Stopped {};

}  // namespace

// Hands one file's parts to the stream, under its lock.
class DeckStream::Sink final : public DeckSink {
 public:
  Sink(DeckStream& stream, File& file) : stream_(stream), file_(file) {}

  void deck(const Deck& deck) override {
    {
      const std::lock_guard lock(stream_.mutex_);
      file_.deck = deck;
    }
    stream_.changed_.notify_all();
  }

  void card(CardContent&& card, std::size_t bytes_read) override {
    {
      const std::lock_guard lock(stream_.mutex_);
      if (stream_.stop_) throw Stopped{};
      file_.cards.push_back(std::move(card));
      file_.ends.push_back(bytes_read);
    }
    stream_.changed_.notify_all();
  }

 private:
  DeckStream& stream_;
  File& file_;
};

DeckStream::DeckStream(const std::vector<std::filesystem::path>& paths) {
  files_.resize(paths.size());
  for (std::size_t f = 0; f < paths.size(); ++f) {
    files_[f].path = paths[f];
    files_[f].source = deck_source_path(paths[f]);
    files_[f].bytes_before = size_;
    std::error_code error;  // a file that cannot be read says so when it is read
    const std::uintmax_t bytes = std::filesystem::file_size(paths[f], error);
    if (!error) size_ += static_cast<std::size_t>(bytes);
    if (!std::filesystem::is_regular_file(paths[f], error)) may_stall_ = true;
  }
  reader_ = std::thread([this] { read_all(); });
}

DeckStream::~DeckStream() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  reader_.join();
}

void DeckStream::read_all() {
  for (std::size_t f = 0; f < files_.size(); ++f) {
    std::exception_ptr error;
    try {
      Sink sink(*this, files_[f]);
      read_deck_file(files_[f].path, sink);
    } catch (const Stopped&) {
      return;
    } catch (...) {
      error = std::current_exception();
    }
    {
      const std::lock_guard lock(mutex_);
      // The first wrong file is the error: the files after it are not read.
      for (std::size_t g = f; g < (error ? files_.size() : f + 1); ++g) {
        files_[g].done = true;
        files_[g].error = error;
      }
    }
    changed_.notify_all();
    if (error) return;
  }
}

const Deck& DeckStream::deck(std::size_t f) {
  std::unique_lock lock(mutex_);
  File& file = files_.at(f);
  changed_.wait(lock, [&] { return file.deck || file.done; });
  if (file.deck) return *file.deck;  // even when the file turns out wrong later: settle() says
  if (file.error) std::rethrow_exception(file.error);
  throw Error("{}: no \"deck\" field", file.path.string());  // not reached: the reader throws
}

const CardContent* DeckStream::card(std::size_t f, std::size_t index) {
  std::unique_lock lock(mutex_);
  File& file = files_.at(f);
  changed_.wait(lock, [&] { return index < file.cards.size() || file.done; });
  if (index < file.cards.size()) return &file.cards[index];
  if (file.error) std::rethrow_exception(file.error);
  return nullptr;
}

void DeckStream::settle() {
  std::unique_lock lock(mutex_);
  for (File& file : files_) {
    changed_.wait(lock, [&] { return file.done; });
    if (file.error) std::rethrow_exception(file.error);
  }
}

std::size_t DeckStream::reached(std::size_t f, std::size_t index) {
  const std::lock_guard lock(mutex_);
  const File& file = files_.at(f);
  return file.bytes_before + (index < file.ends.size() ? file.ends[index] : 0);
}

}  // namespace rehearse
