// The `chronicle extract` output format: one JSON object per document holding the
// document and every fact extracted from it, with spans as 0-based, half-open
// code-point offsets into "text" (as in the database). `ingest --format facts`
// reads the same lines back, so extraction can run anywhere (a job array, Spark,
// Beam) and the facts be stored later. Documented in docs/extract-format.md.
#pragma once
#include <string>
#include <string_view>

#include "common/document.h"
#include "common/facts.h"

namespace chronicle {

inline constexpr int kFactsFormatVersion = 1;

// One line of JSON (no trailing newline).
std::string facts_to_json(const Document& doc, const DocumentFacts& facts, std::string_view extractor);

struct FactsLine {
  Document doc;
  DocumentFacts facts;
};

// throws: std::invalid_argument with a message naming the problem (bad JSON,
// missing field, span outside the text, index out of range).
FactsLine facts_from_json(std::string_view line);

}  // namespace chronicle
