// A document as the read stage hands it to the rest of the pipeline.
#pragma once
#include <cstdint>
#include <string>

namespace chronicle {

enum class Format : uint8_t { automatic, text, html, jsonl, facts };

struct Document {
  std::string uri;        // JSONL "url", else its "id", else the file path
  std::string title;      // may be empty
  std::string source;     // outlet name, may be empty
  std::string published;  // ISO 8601 date or datetime, or empty when unknown
  std::string dateline;   // dateline place as written ("NEW YORK"), may be empty
  std::string anchor;     // YYYY-MM-DD that relative dates ("on Sunday") resolve
                          // against: the dateline's day, else the publication day
  std::string text;       // valid UTF-8; every span of the pipeline points into it
  std::string origin;     // where it came from, for messages: "path" or "path:line"
  Format format = Format::text;
};

}  // namespace chronicle
