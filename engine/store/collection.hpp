#pragma once

#include <chrono>
#include <filesystem>
#include <memory>

#include "store/decks_and_cards.hpp"
#include "store/maintenance.hpp"
#include "store/queries.hpp"
#include "store/reports.hpp"
#include "store/review_log.hpp"
#include "store/stories.hpp"

namespace rehearse {

// How far a committed write is guaranteed to survive.
enum class Durability {
  // Every commit reaches the disk before it returns (WAL, synchronous=FULL): a power cut loses
  // nothing committed. Costs one fsync per commit.
  power_loss,
  // A commit survives any crash of the process (WAL, synchronous=NORMAL); a power cut or an
  // OS crash may roll back the commits since the last checkpoint, never corrupting the file.
  // Closing the collection checkpoints, making everything durable. For bulk work.
  process_crash,
};

struct OpenOptions {
  // Default: power_loss.
  Durability durability = Durability::power_loss;
};

// How long a write waits for a lock another process holds before it tries again; a write tries
// five times, then throws BusyError. Process-wide, for the connections opened after the call.
// Default: 10 s (so 50 s in all). REQUIRES: timeout > 0.
void set_busy_timeout(std::chrono::milliseconds timeout);

// The collection: one SQLite file holding decks, cards with their scheduling state, and the
// append-only review log. Every write is one transaction. Errors are thrown as Error, naming
// the file. Not thread-safe; several processes may share one file (they wait for each other).
//
// Its members come in five narrow parts over one connection, each declared in its own header:
// decks and cards (store/decks_and_cards.hpp), the review log (store/review_log.hpp), the
// queue's candidates, counts and statistics (store/queries.hpp), backups, restore and the
// integrity check (store/maintenance.hpp), and the story bank (store/stories.hpp).
class Collection : public store::DecksAndCards,
                   public store::ReviewLog,
                   public store::Queries,
                   public store::Maintenance,
                   public store::Stories {
 public:
  // Opens the collection at `path`, creating it and its folder when missing, and brings an
  // older schema up to date. ":memory:" opens a private, temporary collection. A collection
  // whose file or folder cannot be written opens read-only: reading works, writing throws.
  // Throws Error when the file is not a rehearse collection, or is from a newer rehearse.
  static Collection open(const std::filesystem::path& path, const OpenOptions& options = {});
  // Whether `open` would leave the file as it is: it holds a collection at the latest schema
  // version (opening creates a missing file and brings an older one up to date). False when
  // in doubt.
  static bool opens_unchanged(const std::filesystem::path& path);

  Collection(Collection&&) noexcept;
  Collection& operator=(Collection&&) noexcept;
  ~Collection();

  const std::filesystem::path& path() const;

 private:
  explicit Collection(std::unique_ptr<store::Connection> connection);
  std::unique_ptr<store::Connection> connection_;
};

}  // namespace rehearse
