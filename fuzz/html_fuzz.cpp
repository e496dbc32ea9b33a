// libFuzzer target for the HTML reader: any bytes must give a document or a
// ReadError, never a crash, a hang or unbounded memory. Build with
// -DCHRONICLE_FUZZ=ON (clang), run: build-fuzz/html_fuzz -max_len=65536 CORPUS_DIR
#include <cstddef>
#include <cstdint>
#include <string>

#include "read/html.h"
#include "read/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  chronicle::read::Unit unit;
  unit.origin = unit.path = "fuzz.html";
  unit.format = chronicle::Format::html;
  unit.bytes.assign(reinterpret_cast<const char*>(data), size);
  try {
    const chronicle::Document doc = chronicle::read::parse_html(unit);
    (void)doc;
  } catch (const chronicle::read::ReadError&) {
  }
  return 0;
}
