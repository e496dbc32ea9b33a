// The text stage: tokens, sentences, paragraphs and quotation spans of one
// document, all as byte spans into the text (which must outlive the Analysis).
// Quotes and dashes are recognised in all their typographic forms but the text
// itself is never rewritten, so offsets stay exact.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/span.h"

namespace chronicle::text {

enum TokenFlag : uint16_t {
  kWord = 1 << 0,        // starts with a letter or digit
  kCapitalized = 1 << 1, // first letter upper case
  kAllCaps = 1 << 2,     // every letter upper case (and at least one)
  kNumber = 1 << 3,      // starts with a digit
  kPunct = 1 << 4,       // punctuation or symbol
  kOpenQuote = 1 << 5,   // opens a quotation
  kCloseQuote = 1 << 6,  // closes a quotation
  kQuoteMark = 1 << 7,   // any quotation mark
  kTerminal = 1 << 8,    // . ! ? (ends a sentence when followed by one)
  kLineStart = 1 << 9,   // first token on its line
  kParagraphStart = 1 << 10,
  kHasDot = 1 << 11,     // abbreviation-like: contains or ends with '.'
};

struct Token {
  Span span;
  uint16_t flags = 0;
  uint32_t sentence = 0;
  bool is(uint16_t f) const { return (flags & f) != 0; }
};

struct Sentence {
  Span span;
  uint32_t first = 0, last = 0;  // tokens [first, last)
  uint32_t paragraph = 0;
};

struct Paragraph {
  Span span;
  uint32_t first_sentence = 0, last_sentence = 0;  // [first, last)
};

struct Quotation {
  Span inner;            // between the marks (what was said)
  Span outer;            // including the marks
  uint32_t open_token = 0, close_token = 0;  // token indexes of the marks
  uint32_t paragraph = 0;
  bool closed = true;    // false when the paragraph ended first (quote continues)
};

class Analysis {
 public:
  std::string_view text;
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::vector<Paragraph> paragraphs;
  std::vector<Quotation> quotes;
  // Web addresses ("https://example.com/a-b.html", "www.example.com", and the
  // spaced form of tokenised corpora, "http : / / example . com / a - b", to
  // the end of its line), in text order. Their words belong to a link, not to
  // the prose: a name in a link's slug is written in lower case there.
  std::vector<Span> addresses;

  std::string_view str(uint32_t token) const { return tokens[token].span.of(text); }
  std::string_view str(Span s) const { return s.of(text); }
  // Whether `s` overlaps a web address.
  bool in_address(Span s) const;
  // Index of the first token whose span begins at or after `byte`.
  uint32_t token_at(uint32_t byte) const;
  // Index of the quotation whose outer span contains token `t`, or -1.
  int32_t quote_of(uint32_t t) const;
};

// requires: `text` is valid UTF-8 and outlives the result.
Analysis analyze(std::string_view text);

// Lower-cased ASCII copy of a token for lexicon lookups ("The" -> "the").
std::string lower_ascii(std::string_view s);

}  // namespace chronicle::text
