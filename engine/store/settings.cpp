// Collection: the settings the user set, and suspending cards.
#include "store/collection_impl.hpp"

namespace rehearse::store {

std::vector<StoredSetting> Connection::stored_settings() {
  std::vector<StoredSetting> stored;
  auto q = query("SELECT key, value FROM settings ORDER BY key");
  while (q->executeStep())
    stored.push_back({q->getColumn(0).getString(), q->getColumn(1).getString()});
  return stored;
}

std::vector<StoredSetting> DecksAndCards::stored_settings() const {
  return guarded(impl_->path, [&] { return impl_->stored_settings(); });
}

Settings DecksAndCards::settings() const {
  return settings_from(stored_settings());
}

void DecksAndCards::set_setting(std::string_view key, std::string_view value) {
  const std::string checked = check_setting(key, value);
  guarded(impl_->path, [&] {
    return impl_->write([&] {
      auto q = impl_->query(
          "INSERT INTO settings (key, value) VALUES (?, ?) "
          "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
      q->bind(1, std::string(key));
      q->bind(2, checked);
      q->exec();
      return 0;
    });
  });
}

bool DecksAndCards::unset_setting(std::string_view key) {
  return guarded(impl_->path, [&] {
    return impl_->write([&] {
      auto q = impl_->query("DELETE FROM settings WHERE key = ?");
      q->bind(1, std::string(key));
      return q->exec() > 0;
    });
  });
}

std::vector<std::string> DecksAndCards::set_suspended(std::span<const std::string> card_ids,
                                                      bool suspended) {
  return guarded(impl_->path, [&] {
    return impl_->write([&] {
      std::vector<std::string> changed;
      for (const std::string& card_id : card_ids) {
        const std::int64_t card = impl_->card_rowid(card_id);
        auto q = impl_->query("UPDATE cards SET suspended = ? WHERE id = ? AND suspended = ?");
        q->bind(1, suspended ? 1 : 0);
        q->bind(2, card);
        q->bind(3, suspended ? 0 : 1);
        if (q->exec() > 0) changed.push_back(card_id);
      }
      return changed;
    });
  });
}

}  // namespace rehearse::store
