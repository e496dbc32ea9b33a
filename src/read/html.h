// The HTML reader: decodes the page to UTF-8 (declared or detected charset, via
// ICU), refuses markup that would make parsing slow or huge, parses it with
// gumbo into a flat tree and keeps the article: title, publication date and body
// paragraphs, without navigation, share bars, related-story lists or footers.
// The parts: html_tree (parsing), html_meta (title, date, JSON-LD), html_body
// (choosing and cleaning the article), furniture (text-level boilerplate).
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

#include "common/document.h"
#include "read/reader.h"

namespace chronicle::read {

// Bytes of a page in UTF-8: as they are when already valid UTF-8 (a UTF-16 page
// with a byte-order mark is converted), else converted from the charset the page
// declares, or the one ICU detects, windows-1252 when neither is sure. A page
// declaring UTF-8 with a few broken sequences gets U+FFFD for them.
std::string html_to_utf8(std::string_view bytes);

struct Article {
  std::string title;
  std::string published;  // ISO date/datetime or empty
  std::string body;       // paragraphs separated by blank lines
};

// A page the extractor refuses to parse (nested too deep, too many elements).
class PageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// requires: `html` is valid UTF-8.
// throws: PageError when the markup is beyond the parser's limits (elements
// nested more than 1,000 deep, or less for very big pages; more than 1,000,000
// elements; formatting elements left open to be rebuilt millions of times).
Article extract_article(std::string_view html);

// Document of an HTML unit: title on the first line, a blank line, then the body
// paragraphs separated by blank lines.
// throws: ReadError when the page is binary, empty, beyond the parser's limits or
// has no article text.
Document parse_html(const Unit& unit);

}  // namespace chronicle::read
