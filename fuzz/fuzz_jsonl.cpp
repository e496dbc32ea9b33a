// libFuzzer target: one JSON Lines unit, read both as an article line (the
// jsonl reader) and as a line of `chronicle extract` facts (--format facts).
// Bad lines may be refused with ReadError / std::invalid_argument only.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "common/facts_json.h"
#include "common/utf8.h"
#include "fuzz_util.h"
#include "read/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace chronicle;
  read::Unit unit;
  unit.origin = unit.path = "fuzz.jsonl";
  unit.line = 1;
  unit.format = Format::jsonl;
  unit.bytes.assign(reinterpret_cast<const char*>(data), size);
  try {
    const Document doc = read::parse(unit, read::Options{});
    fuzz::expect(!doc.text.empty(), "jsonl document text is not empty");
  } catch (const read::ReadError&) {
  }
  try {
    const FactsLine line = facts_from_json(unit.bytes);
    fuzz::expect(!utf8::first_invalid(line.doc.text), "facts text is valid UTF-8");
    fuzz::check_facts(line.doc.text, line.facts);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
