// libFuzzer target: time expressions. The first line of the input is an anchor
// or date string (normalised by the date helpers the readers use); the rest is
// text that the timex extractor finds and normalises against that anchor.
#include <cstdint>
#include <string_view>

#include "common/utf8.h"
#include "extract/pipeline.h"
#include "extract/timex.h"
#include "fuzz_util.h"
#include "read/dates.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace chronicle;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (utf8::first_invalid(input)) return 0;
  const size_t nl = input.find('\n');
  const std::string_view head = input.substr(0, nl), body = nl == std::string_view::npos ? std::string_view{} : input.substr(nl + 1);
  (void)read::date_line(head);
  (void)read::find_dateline(head);
  (void)extract::Day::parse(head);
  Document doc;
  doc.text = std::string(body);
  doc.anchor = read::normalize_date(head).value_or(std::string(head.substr(0, 32)));
  if (auto day = extract::Day::parse(doc.anchor)) {
    (void)day->weekday();
    (void)day->plus_days(-400);
  }
  DocumentFacts facts;
  facts.anchor = doc.anchor;
  const text::Analysis analysis = text::analyze(doc.text);
  extract::Context ctx{doc, analysis, facts};
  static const auto timex = extract::make_timex_extractor();
  timex->extract(ctx);
  fuzz::check_facts(doc.text, facts);
  return 0;
}
