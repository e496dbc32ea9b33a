// Pieces shared by the learned taggers' weight files (ner_model, trigger_tagger):
// a sequential little-endian reader over a file's bytes, the check of their
// common header and the hash slot of a feature key in their open-addressing
// tables.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
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

// Appends one trivially copyable value, as ByteReader::read reads it.
template <typename T>
void append(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof(v));
}

// What a weight file must start with, after its text header (which ends at the
// first NUL byte): four magic bytes, the file format and the feature version.
struct ModelHeader {
  const char* magic;    // 4 bytes
  uint32_t format;
  uint32_t version;     // the features it was trained with
  const char* what;     // "a trigger model", for messages
  const char* retrain;  // where retraining is explained, for messages
};

// A reader placed after the checked header of `bytes`; nullopt with *error set
// (when error is not null) if the file is not such a model.
inline std::optional<ByteReader> open_model(std::string_view bytes, const ModelHeader& h, std::string* error) {
  auto fail = [&](std::string why) -> std::optional<ByteReader> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  const size_t nul = bytes.find('\0');
  if (nul == std::string_view::npos) return fail("no header end");
  ByteReader r(bytes.substr(nul + 1));
  char magic[4];
  uint32_t format = 0, version = 0;
  if (!r.read(magic) || std::memcmp(magic, h.magic, 4) != 0) return fail(std::string("not ") + h.what);
  if (!r.read(format) || format != h.format) return fail("unknown format");
  if (!r.read(version) || version != h.version) return fail(std::string("trained with other features; retrain (") + h.retrain + ")");
  return r;
}

// The start of a weight file with header `h` (what open_model checks): the
// text header, a NUL byte, the magic, format and version. The trainers append
// the rest with append().
inline std::string begin_model(const std::string& text_header, const ModelHeader& h) {
  std::string out = text_header;
  out.push_back('\0');
  out.append(h.magic, 4);
  append(out, h.format);
  append(out, h.version);
  return out;
}

// First slot of `key` in a table of mask + 1 slots (a power of two).
inline size_t slot_of(uint32_t key, size_t mask) { return (key * 0x9E3779B1u) & mask; }

}  // namespace chronicle::extract
