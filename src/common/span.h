// Half-open ranges [begin, end) into a document's text. Inside the pipeline the
// unit is always bytes of UTF-8; the store converts to code points (CONTRACT.md).
#pragma once
#include <cstdint>
#include <string_view>

namespace chronicle {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool contains(Span o) const { return begin <= o.begin && o.end <= end; }
  bool overlaps(Span o) const { return begin < o.end && o.begin < end; }
  std::string_view of(std::string_view text) const { return text.substr(begin, end - begin); }
  friend bool operator==(Span, Span) = default;
  friend auto operator<=>(Span, Span) = default;
};

}  // namespace chronicle
