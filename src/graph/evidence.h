// Evidence for people: a span of a document widened to the sentence(s) that
// contain it (sentences as the text stage splits them), with the document's
// title, uri, source and publication date. Offsets are code points into
// documents.text, as everywhere in the database.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/span.h"
#include "store/db.h"

namespace chronicle::graph {

struct Source {
  int64_t document_id = 0;
  std::string title, uri, source, published;
};

struct Evidence {
  Source document;
  std::string text;      // the span itself (trigger, claim content, relation phrase)
  std::string sentence;  // the sentence(s) around it, whitespace collapsed
  int64_t span_start = 0, span_end = 0;
};

class EvidenceReader {
 public:
  explicit EvidenceReader(store::Db& db) : db_(db) {}
  // The evidence at [start, end) of document `document_id`; a span outside the
  // text gives an empty sentence. throws: store::StoreError.
  Evidence at(int64_t document_id, int64_t start, int64_t end);
  // Index of the sentence holding code point `cp` of the document, or -1.
  int64_t sentence_of(int64_t document_id, int64_t cp);
  // Metadata of a document (cached).
  const Source& source(int64_t document_id);

 private:
  struct Doc {
    Source source;
    std::string text;
    std::vector<Span> sentences;  // byte spans
    std::vector<uint32_t> byte_of_cp;
  };
  Doc& doc(int64_t id);

  store::Db& db_;
  std::unordered_map<int64_t, std::unique_ptr<Doc>> docs_;
};

// Whitespace runs (newlines included) become one space; ends trimmed.
std::string collapse_space(std::string_view s);

}  // namespace chronicle::graph
