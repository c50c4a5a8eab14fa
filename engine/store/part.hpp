#pragma once

// What the collection's parts share: the one connection they work through. A part is a base
// of Collection (store/collection.hpp) and is used only as one.

namespace rehearse::store {

struct Connection;  // store/collection_impl.hpp

class Part {
 protected:
  explicit Part(Connection* connection) : impl_(connection) {}
  ~Part() = default;
  Part(Part&&) noexcept = default;
  Part& operator=(Part&&) noexcept = default;

  Connection* impl_;  // owned by the Collection
};

}  // namespace rehearse::store
