// Pieces shared by the learned taggers' weight files (ner_model, trigger_tagger):
// a sequential little-endian reader over a file's bytes and the hash slot of a
// feature key in their open-addressing tables.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace chronicle::extract {

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : rest_(bytes) {}
  // Reads one trivially copyable value; false (and nothing read) at the end.
  template <typename T>
  bool read(T& v) {
    if (rest_.size() < sizeof(T)) return false;
    std::memcpy(&v, rest_.data(), sizeof(T));
    rest_.remove_prefix(sizeof(T));
    return true;
  }
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

// First slot of `key` in a table of mask + 1 slots (a power of two).
inline size_t slot_of(uint32_t key, size_t mask) { return (key * 0x9E3779B1u) & mask; }

}  // namespace chronicle::extract
