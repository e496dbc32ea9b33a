// Sentence evidence (see evidence.h).
#include "graph/evidence.h"

#include <algorithm>

#include "common/utf8.h"
#include "store/catalog.h"
#include "text/segment.h"

namespace chronicle::graph {

std::string collapse_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    const size_t at = i;
    const char32_t c = utf8::next(s, i);
    if (utf8::is_space(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out.append(s.substr(at, i - at));
  }
  return out;
}

EvidenceReader::Doc& EvidenceReader::doc(int64_t id) {
  auto it = docs_.find(id);
  if (it != docs_.end()) return *it->second;
  auto d = std::make_unique<Doc>();
  store::Stmt& s = store::cached_named(db_, "document_text");
  s.bind(":id", id);
  if (s.step()) {
    d->source = Source{id, s.str(2), s.str(3), s.str(4), s.str(5)};
    d->text = s.str(1);
  }
  s.reset();
  for (const text::Sentence& sentence : text::analyze(d->text).sentences) d->sentences.push_back(sentence.span);
  for (size_t i = 0; i < d->text.size();) {
    d->byte_of_cp.push_back(static_cast<uint32_t>(i));
    utf8::next(d->text, i);
  }
  d->byte_of_cp.push_back(static_cast<uint32_t>(d->text.size()));
  return *docs_.emplace(id, std::move(d)).first->second;
}

int64_t EvidenceReader::sentence_of(int64_t document_id, int64_t cp) {
  Doc& d = doc(document_id);
  if (cp < 0 || cp >= static_cast<int64_t>(d.byte_of_cp.size()) - 1) return -1;
  const uint32_t byte = d.byte_of_cp[static_cast<size_t>(cp)];
  const auto it = std::upper_bound(d.sentences.begin(), d.sentences.end(), byte, [](uint32_t b, const Span& s) { return b < s.end; });
  if (it == d.sentences.end() || it->begin > byte) return -1;
  return it - d.sentences.begin();
}

const Source& EvidenceReader::source(int64_t document_id) { return doc(document_id).source; }

Evidence EvidenceReader::at(int64_t document_id, int64_t start, int64_t end) {
  Doc& d = doc(document_id);
  Evidence out{d.source, {}, {}, start, end};
  const int64_t cps = static_cast<int64_t>(d.byte_of_cp.size()) - 1;
  if (start < 0 || end > cps || start >= end) return out;
  const Span span{d.byte_of_cp[static_cast<size_t>(start)], d.byte_of_cp[static_cast<size_t>(end)]};
  out.text = std::string(span.of(d.text));
  Span around = span;
  for (const Span& s : d.sentences) {
    if (s.end <= span.begin) continue;
    if (s.begin >= span.end) break;
    around.begin = std::min(around.begin, s.begin);
    around.end = std::max(around.end, s.end);
  }
  out.sentence = collapse_space(around.of(d.text));
  return out;
}

}  // namespace chronicle::graph
