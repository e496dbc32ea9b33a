// libFuzzer target: the text segmenter (tokens, sentences, paragraphs and
// quotations) on any valid UTF-8, checking that every span lies inside the text
// on code-point boundaries and that the index ranges are consistent.
#include <cstdint>
#include <string_view>

#include "common/utf8.h"
#include "fuzz_util.h"
#include "text/segment.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace chronicle;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (utf8::first_invalid(text)) return 0;  // the readers guarantee valid UTF-8
  const text::Analysis a = text::analyze(text);
  uint32_t last = 0;
  for (const text::Token& t : a.tokens) {
    fuzz::check_span(text, t.span, "token span");
    fuzz::expect(!t.span.empty() && t.span.begin >= last, "tokens are non-empty and in order");
    fuzz::expect(t.sentence < a.sentences.size(), "token sentence index");
    last = t.span.end;
  }
  for (const text::Sentence& s : a.sentences) {
    fuzz::check_span(text, s.span, "sentence span");
    fuzz::expect(s.first <= s.last && s.last <= a.tokens.size(), "sentence token range");
    fuzz::expect(s.paragraph < a.paragraphs.size(), "sentence paragraph index");
  }
  for (const text::Paragraph& p : a.paragraphs) {
    fuzz::check_span(text, p.span, "paragraph span");
    fuzz::expect(p.first_sentence <= p.last_sentence && p.last_sentence <= a.sentences.size(), "paragraph sentence range");
  }
  for (const text::Quotation& q : a.quotes) {
    fuzz::check_span(text, q.inner, "quote inner span");
    fuzz::check_span(text, q.outer, "quote outer span");
    fuzz::expect(q.outer.contains(q.inner), "quote outer contains inner");
    fuzz::expect(q.open_token < a.tokens.size() && q.close_token <= a.tokens.size(), "quote token indexes");
  }
  return 0;
}
