// libFuzzer target: the whole per-document path, read::parse then
// extract::Pipeline::run, as `chronicle ingest` runs it on a worker thread. The
// first byte picks the format (text, HTML, JSON Lines); the facts must satisfy
// the invariants the store relies on, and survive the facts JSON round trip.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "common/facts_json.h"
#include "extract/pipeline.h"
#include "fuzz_util.h"
#include "read/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace chronicle;
  if (size == 0) return 0;
  static const extract::Pipeline pipeline;
  static const Format kFormats[] = {Format::text, Format::html, Format::jsonl};
  read::Unit unit;
  unit.origin = unit.path = "fuzz";
  unit.format = kFormats[data[0] % 3];
  unit.bytes.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  read::Options options;
  options.published = "2025-12-14";
  Document doc;
  try {
    doc = read::parse(unit, options);
  } catch (const read::ReadError&) {
    return 0;
  }
  const DocumentFacts facts = pipeline.run(doc);
  fuzz::check_facts(doc.text, facts);
  const FactsLine back = facts_from_json(facts_to_json(doc, facts, extract::Pipeline::fingerprint()));
  fuzz::expect(back.doc.text == doc.text, "facts round trip keeps the text");
  fuzz::expect(back.facts.mentions.size() == facts.mentions.size(), "facts round trip keeps the mentions");
  return 0;
}
