// libFuzzer target: the HTML reader (charset decoding, gumbo parsing, article
// extraction) on arbitrary bytes. Bad pages may be refused with a ReadError;
// nothing else may escape, and the document text must be valid UTF-8.
#include <cstdint>
#include <string>

#include "common/utf8.h"
#include "fuzz_util.h"
#include "read/html.h"
#include "read/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace chronicle;
  read::Unit unit;
  unit.origin = unit.path = "fuzz.html";
  unit.format = Format::html;
  unit.bytes.assign(reinterpret_cast<const char*>(data), size);
  try {
    const Document doc = read::parse(unit, read::Options{});
    fuzz::expect(!utf8::first_invalid(doc.text), "html document text is valid UTF-8");
    fuzz::expect(!doc.text.empty(), "html document text is not empty");
  } catch (const read::ReadError&) {
  }
  return 0;
}
