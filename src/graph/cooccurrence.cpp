// Sentence co-occurrence (see cooccurrence.h).
#include "graph/cooccurrence.h"

#include <algorithm>

#include "common/utf8.h"
#include "store/catalog.h"
#include "text/segment.h"

namespace chronicle::graph {

void sentence_pairs(std::string_view text, const std::vector<MentionSpan>& mentions,
                    const std::function<void(const SentencePair&)>& out) {
  if (mentions.size() < 2) return;
  const utf8::CodePoints cp(text);
  const uint32_t cps = static_cast<uint32_t>(utf8::count(text));
  const text::Analysis a = text::analyze(text);
  size_t next = 0;
  std::vector<const MentionSpan*> here;
  for (const text::Sentence& s : a.sentences) {
    const int64_t begin = cp.at(s.span.begin), end = cp.at(s.span.end);
    here.clear();
    while (next < mentions.size() && mentions[next].start < begin) ++next;
    for (size_t i = next; i < mentions.size() && mentions[i].start < end; ++i) {
      const MentionSpan& m = mentions[i];
      if (m.end > static_cast<int64_t>(cps)) continue;
      const bool seen = std::any_of(here.begin(), here.end(), [&](const MentionSpan* h) { return h->local == m.local; });
      if (!seen && here.size() < kMaxEntitiesPerSentence) here.push_back(&m);
    }
    for (size_t i = 0; i < here.size(); ++i)
      for (size_t j = i + 1; j < here.size(); ++j) {
        const bool ordered = here[i]->local < here[j]->local;
        out(SentencePair{ordered ? here[i] : here[j], ordered ? here[j] : here[i], begin, end});
      }
  }
}

std::vector<MentionSpan> cooccurrence_mentions(store::Db& db, int64_t document_id) {
  std::vector<MentionSpan> out;
  store::Stmt& s = store::cached_named(db, "cooccurrence_mentions");
  s.bind(":document", document_id);
  while (s.step()) out.push_back({s.int64(0), s.int64(1), s.int64(2), s.int64(3)});
  s.reset();
  return out;
}

size_t scan_cooccurrence(store::Db& db) {
  store::Transaction tx(db);
  store::Stmt pending = store::prepare_named(db, "cooccurrence_pending");
  store::Stmt& insert = store::cached_named(db, "cooccurrence_insert");
  store::Stmt& mark = store::cached_named(db, "cooccurrence_mark");
  size_t scanned = 0;
  while (pending.step()) {
    const int64_t id = pending.int64(0);
    sentence_pairs(pending.text(1), cooccurrence_mentions(db, id), [&](const SentencePair& p) {
      insert.reset();
      insert.bind(":document", id).bind(":local_a", p.a->local).bind(":local_b", p.b->local)
          .bind(":span_start", p.start).bind(":span_end", p.end).run();
    });
    mark.reset();
    mark.bind(":document", id).run();
    ++scanned;
  }
  tx.commit();
  return scanned;
}

}  // namespace chronicle::graph
