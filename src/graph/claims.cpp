// Claims and search (see claims.h).
#include "graph/claims.h"

#include "common/utf8.h"
#include "store/catalog.h"

namespace chronicle::graph {

namespace {

bool has_fts(store::Db& db) { return store::has_table(db, "claim_fts") && store::has_table(db, "document_fts"); }

Claim claim_row(const store::Stmt& s) {
  return Claim{s.int64(0), s.str(1), s.str(2), s.int64(3) != 0, s.str(4), s.int64(5), {}, {}};
}

void add_evidence(store::Db& db, EvidenceReader& reader, Claim& c, size_t limit) {
  std::vector<std::tuple<int64_t, int64_t, int64_t>> spans;
  store::Stmt& s = store::cached_named(db, "claim_evidence");
  s.bind(":claim", c.id).bind(":limit", static_cast<int64_t>(limit));
  while (s.step()) spans.emplace_back(s.int64(0), s.int64(1), s.int64(2));
  s.reset();
  for (const auto& [doc, start, end] : spans) c.evidence.push_back(reader.at(doc, start, end));
}

}  // namespace

std::string fts_query(std::string_view text) {
  std::string out, word;
  auto flush = [&](bool prefix) {
    if (word.empty()) return;
    out += (out.empty() ? "\"" : " \"") + word + "\"" + (prefix ? "*" : "");
    word.clear();
  };
  for (size_t i = 0; i < text.size();) {
    const size_t at = i;
    const char32_t c = utf8::next(text, i);
    if (utf8::is_letter(c) || utf8::is_digit(c)) word.append(text.substr(at, i - at));
    else flush(c == '*');
  }
  flush(false);
  return out;
}

std::vector<Claim> claims(store::Db& db, const ClaimQuery& q) {
  std::vector<Claim> out;
  if ((q.by_speaker && q.speakers.empty()) || (q.by_about && q.about.empty())) return out;
  const bool fts = has_fts(db);
  store::Stmt& s = store::cached_named(db, fts ? "claims" : "claims_without_fts");
  if (q.by_speaker) s.bind(":speakers", id_list(q.speakers));
  else s.bind_null(":speakers");
  if (q.by_about) s.bind(":about", id_list(q.about));
  else s.bind_null(":about");
  const std::string search = fts ? fts_query(q.search) : q.search;
  if (search.empty()) s.bind_null(":search");
  else s.bind(":search", search);
  s.bind(":limit", static_cast<int64_t>(q.limit));
  while (s.step()) out.push_back(claim_row(s));
  s.reset();
  EvidenceReader reader(db);
  for (Claim& c : out) {
    add_evidence(db, reader, c, q.evidence_limit);
    store::Stmt& l = store::cached_named(db, "claim_links");
    l.bind(":id", c.id);
    while (l.step()) c.links.push_back({l.str(0), l.int64(1) != 0, l.int64(2), l.str(3), l.str(4), l.str(5)});
    l.reset();
  }
  return out;
}

SearchResult search(store::Db& db, std::string_view text, size_t limit) {
  SearchResult out;
  const bool fts = has_fts(db);
  const std::string query = fts ? fts_query(text) : std::string(text);
  if (query.empty()) return out;
  store::Stmt& e = store::cached_named(db, "search_entities");
  e.bind(":text", text).bind(":limit", static_cast<int64_t>(limit));
  while (e.step()) out.entities.push_back({e.int64(0), e.str(1), e.str(2), e.int64(3)});
  e.reset();
  store::Stmt& d = store::cached_named(db, fts ? "search_documents" : "search_documents_without_fts");
  d.bind(fts ? ":query" : ":text", query).bind(":limit", static_cast<int64_t>(limit));
  while (d.step()) out.documents.push_back({Source{d.int64(0), d.str(1), d.str(2), d.str(3), d.str(4)}, d.str(5)});
  d.reset();
  store::Stmt& c = store::cached_named(db, fts ? "search_claims" : "search_claims_without_fts");
  c.bind(fts ? ":query" : ":text", query).bind(":limit", static_cast<int64_t>(limit));
  while (c.step()) {
    out.claims.push_back(claim_row(c));
    out.claims.back().snippet = c.str(6);
  }
  c.reset();
  return out;
}

}  // namespace chronicle::graph
