// UTF-8 helpers: validation, decoding, byte <-> code point offsets and the few
// Unicode properties the pipeline needs (from utf8proc). Everything here works on
// std::string_view and never allocates unless it returns a std::string.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::utf8 {

// Offset of the first byte that is not well-formed UTF-8 (overlong forms,
// surrogates and code points above U+10FFFF count as invalid), or nullopt.
std::optional<size_t> first_invalid(std::string_view s);

// 1-based line number of byte offset `at` in `s`.
size_t line_of(std::string_view s, size_t at);

// Decodes the code point starting at s[i] and advances i. requires: s is valid
// UTF-8 and i < s.size().
char32_t next(std::string_view s, size_t& i);

// Decodes the code point ending just before s[i] and moves i back to its start.
// requires: valid UTF-8 and i > 0.
char32_t prev(std::string_view s, size_t& i);

void append(std::string& out, char32_t c);

size_t count(std::string_view s);  // number of code points

// Maps byte offsets of one text to code-point offsets in O(1) after an O(n) build.
class CodePoints {
 public:
  explicit CodePoints(std::string_view text);
  // requires: byte is at a code point boundary, byte <= text.size().
  uint32_t at(uint32_t byte) const;
  // Byte offset of code point `cp`. requires: cp <= count.
  uint32_t byte_of(uint32_t cp) const;

 private:
  std::vector<uint32_t> cp_of_byte_;   // empty when the text is pure ASCII
  std::vector<uint32_t> byte_of_cp_;
  uint32_t size_ = 0;
};

bool is_letter(char32_t c);
bool is_upper(char32_t c);
bool is_lower(char32_t c);
bool is_digit(char32_t c);
bool is_space(char32_t c);   // Unicode White_Space, including NBSP
bool is_punct(char32_t c);   // P* and S* categories
bool is_control(char32_t c); // Cc, Cf (except ZWJ/ZWNJ/soft hyphen are Cf too)

// Lower-cased copy (simple case mapping).
std::string lower(std::string_view s);
// Lower case, diacritics removed, compatibility forms folded (NFKD minus marks):
// "Zelenskyy" -> "zelenskyy", "Kyïv" -> "kyiv", "Ａ" -> "a".
std::string fold(std::string_view s);

// Replaces each U+0000 with U+FFFD: one code point for one, so code-point
// offsets into `s` stay valid. (SQLite's text functions and C tools stop at NUL.)
void replace_nul(std::string& s);

// Replaces ill-formed sequences with U+FFFD.
std::string sanitize(std::string_view s);

}  // namespace chronicle::utf8
