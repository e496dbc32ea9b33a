// Inputs that fuzzing (tools/fuzz, fuzz/*.cpp) found to crash a stage, each kept
// as a regression case with its bytes. The stages may refuse bad input with their
// documented error (read::ReadError, std::invalid_argument for facts lines);
// nothing else may escape, and what they accept must hold together.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "common/facts_json.h"
#include "common/utf8.h"
#include "extract/pipeline.h"
#include "read/reader.h"

using namespace chronicle;

namespace {

struct Case {
  const char* name;
  Format format;
  std::string bytes;
};

// read::parse then extract::Pipeline::run, as an ingest worker does; true when
// the document was accepted.
bool run_document(const Case& c) {
  read::Unit unit;
  unit.origin = unit.path = c.name;
  unit.format = c.format;
  unit.bytes = c.bytes;
  read::Options options;
  options.published = "2025-12-14";
  Document doc;
  try {
    doc = read::parse(unit, options);
  } catch (const read::ReadError&) {
    return false;
  }
  static const extract::Pipeline pipeline;
  CHECK(!utf8::first_invalid(doc.text));
  CHECK(doc.text.find('\0') == std::string::npos);
  const DocumentFacts facts = pipeline.run(doc);
  for (const Mention& m : facts.mentions) CHECK(m.span.end <= doc.text.size());
  return true;
}

}  // namespace

TEST_CASE("fuzz regressions: documents that once crashed the reader or the extractors") {
  const Case cases[] = {
      // fuzz_extract: a front-matter date that is not a date reached std::stoi in
      // anchor_date (std::invalid_argument escaped read::parse).
      {"front-matter-bad-date", Format::text, "---\ntitle: Port talks\npublished: 2\x01<!doctype html>\n---\nUnion leaders met on Sunday.\n"},
      {"front-matter-word-date", Format::text, "---\npublished: 2025-xx-14\n---\nUnion leaders met on Sunday.\n"},
      // fuzz_jsonl: a number too large for a double is nlohmann's out_of_range,
      // not parse_error, and escaped the JSON Lines reader.
      {"jsonl-number-overflow", Format::jsonl, "44444444444444e444 \\xck"},
      {"jsonl-number-overflow-in-object", Format::jsonl, "{\"text\": \"Talks ended.\", \"n\": 1e999}"},
      // fuzz_html: a numeric character reference beyond U+10FFFF ("&#x1F600AAAA...")
      // came out of gumbo as ill-formed UTF-8 in the document text.
      {"html-huge-char-ref", Format::html, std::string("\xEF""\xBB""\xBF""<!d1>Antwerp strike ends with pay deal</h1>\n<p class=\"byline\">By a stworkers at thl return tolf, gives workers a raise of six percent ovof<div><div><div><div><p><b><i>Deep<&#x1F600AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA;/i></b> text \"quotSS\xDE""te1,\" she said.</p>v><strike that lasted sis a strike,\"\x01""\x1F""e said.</p>\n<p>The European Commission welcomed the agreement.<div><div><div><div><p><b><i>Deep<&#x1F600;/i></b> text \"quotSSSSt \"quo sh= said.</p><div><div><div><p><b><i>Deep<&#x1F600;/i></b> text \"quotSSSSt \"quote1,\" she said.</p>v></di>Caf\xE9"" talks\x94"" ended><Caf\xE9"" \x93""tf\xE9"" \x93""tayy.</p></article></body></Etml>", 651)},
      {"html-char-ref-short", Format::html, "<html><body><p>Anna Berg met Omar Lind in Oslo &#x1F600AAAAAAAAAAAA; on Monday.</p></body></html>"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK_NOTHROW(run_document(c));
  }
  // The date that is not a date is dropped, and the dateline or --published decides.
  CHECK(run_document(cases[1]));
}

TEST_CASE("fuzz regressions: facts lines that once crashed `ingest --format facts`") {
  const char* lines[] = {
      "44444444444444e444",
      "{\"version\": 1, \"uri\": \"x\", \"text\": \"abc\", \"n\": -1e400}",
      // fuzz_jsonl (UBSan float-cast-overflow): a version, span or sentence number
      // too large for an integer was converted anyway.
      "{\"version\":2222222222222222222222222222222221,\"uri\":\"x\",\"text\":\"AnnBerg spoke.\",\"mentions\":[]}",
      "{\"version\": 1, \"uri\": \"x\", \"text\": \"abc\", \"mentions\": [{\"start\": 0, \"end\": 1e300, \"kind\": \"person\", \"form\": \"name\"}]}",
      "{\"version\": 1, \"uri\": \"x\", \"text\": \"abc\", \"claims\": [{\"start\": 0, \"end\": 1, \"sentence\": -5}]}",
  };
  for (const char* line : lines) {
    CAPTURE(line);
    CHECK_THROWS_AS(facts_from_json(line), std::invalid_argument);
  }
}

TEST_CASE("reader: U+0000 in a JSON line becomes U+FFFD, one code point for one") {
  read::Unit unit;
  unit.origin = unit.path = "nul.jsonl";
  unit.format = Format::jsonl;
  unit.bytes = R"({"id": "n\u0000", "title": "A\u0000B", "text": "Anna\u0000Berg spoke in Oslo."})";
  const Document doc = read::parse(unit, read::Options{});
  CHECK(doc.text == "Anna\xEF\xBF\xBD" "Berg spoke in Oslo.");
  CHECK(doc.title == "A\xEF\xBF\xBD" "B");
  CHECK(doc.uri == "n\xEF\xBF\xBD");
}
