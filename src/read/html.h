// The HTML reader: decodes the page to UTF-8 (its declared charset, via ICU),
// parses it with gumbo and keeps the article: title, publication date and body
// paragraphs, without navigation, share bars, related-story lists or footers.
#pragma once
#include <string>
#include <string_view>

#include "common/document.h"
#include "read/reader.h"

namespace chronicle::read {

// Bytes of a page in UTF-8: as they are when already valid UTF-8, else converted
// from the charset the page declares (windows-1252 when it declares none).
std::string html_to_utf8(std::string_view bytes);

struct Article {
  std::string title;
  std::string published;  // ISO date/datetime or empty
  std::string body;       // paragraphs separated by blank lines
};

// requires: `html` is valid UTF-8.
Article extract_article(std::string_view html);

// Document of an HTML unit: title on the first line, then the body.
// throws: ReadError when the page has no article text.
Document parse_html(const Unit& unit);

}  // namespace chronicle::read
