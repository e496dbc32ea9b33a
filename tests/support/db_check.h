// Checks on a database after a crash or beside a running ingest: SQLite's own
// integrity and foreign-key checks, every contract view answering, resolution
// complete for every stored mention, and fingerprints of what was stored (whole
// database, or per document) to compare against an uninterrupted run.
#pragma once
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "store/db.h"
#include "support/util.h"

namespace chronicle::test {

inline int64_t db_count(const std::string& db_path, const std::string& sql) {
  store::Db db(db_path, store::OpenMode::read_only);
  return db.scalar(sql, "test_count").value_or(-1);
}

inline std::string rows(store::Db& db, const char* sql) {
  std::string out;
  store::Stmt s = db.prepare(sql, "rows");
  while (s.step()) {
    for (int c = 0; c < s.columns(); ++c) out.append(s.text(c)).push_back('|');
    out.push_back('\n');
  }
  return out;
}

// Everything an ingest stored, as text, independent of row ids.
inline std::string db_dump(const std::string& db_path) {
  store::Db db(db_path, store::OpenMode::read_only);
  std::string out;
  for (const char* sql : {
           "SELECT uri, title, source, published, text FROM documents ORDER BY uri",
           "SELECT d.uri, e.item_kind, e.span_start, e.span_end, e.text, e.form FROM evidence e JOIN documents d ON d.id = e.document_id ORDER BY 1, 2, 3, 4, 5",
           "SELECT d.uri, t.span_start, t.span_end, t.type, t.value FROM timexes t JOIN documents d ON d.id = t.document_id ORDER BY 1, 2, 3",
           "SELECT kind, name, aliases, mentions, documents FROM entities ORDER BY kind, name",
           "SELECT kind, label, date, place, participants, documents FROM events ORDER BY kind, label, date, participants",
           "SELECT speaker, content, quoted, date, documents FROM claims ORDER BY speaker, content",
           "SELECT subject, predicate, object, documents FROM relationships ORDER BY 1, 2, 3"})
    out += rows(db, sql);
  return out;
}

// The lines of `a` missing from `b` ("- ...") and of `b` missing from `a`
// ("+ ..."), at most `limit` of them: a readable CHECK(line_diff(x, y) == "").
inline std::string line_diff(const std::string& a, const std::string& b, size_t limit = 12) {
  auto lines = [](const std::string& s) {
    std::multiset<std::string> out;
    size_t start = 0;
    for (size_t nl; (nl = s.find('\n', start)) != std::string::npos; start = nl + 1) out.insert(s.substr(start, nl - start));
    return out;
  };
  const auto la = lines(a), lb = lines(b);
  std::vector<std::string> only_a, only_b;
  std::set_difference(la.begin(), la.end(), lb.begin(), lb.end(), std::back_inserter(only_a));
  std::set_difference(lb.begin(), lb.end(), la.begin(), la.end(), std::back_inserter(only_b));
  std::string out;
  for (size_t i = 0; i < only_a.size() && i < limit; ++i) out += "- " + only_a[i].substr(0, 300) + "\n";
  for (size_t i = 0; i < only_b.size() && i < limit; ++i) out += "+ " + only_b[i].substr(0, 300) + "\n";
  return out;
}

// uri -> the document's own rows (its text, evidence spans and timexes).
inline std::map<std::string, std::string> per_document(const std::string& db_path) {
  store::Db db(db_path, store::OpenMode::read_only);
  std::map<std::string, std::string> out;
  store::Stmt docs = db.prepare("SELECT id, uri, text FROM documents", "docs");
  while (docs.step()) {
    std::string& s = out[docs.str(1)];
    s = docs.str(2) + "\n";
    for (const char* sql : {"SELECT item_kind, span_start, span_end, text, form FROM evidence WHERE document_id = :id ORDER BY 1, 2, 3, 4",
                            "SELECT span_start, span_end, type, value FROM timexes WHERE document_id = :id ORDER BY 1, 2, 3"}) {
      store::Stmt q = db.prepare(sql, "doc_rows");
      q.bind(":id", docs.int64(0));
      while (q.step()) {
        for (int c = 0; c < q.columns(); ++c) s.append(q.text(c)).push_back('|');
        s.push_back('\n');
      }
    }
  }
  return out;
}

// Problems found in the database, one per line; empty when it is sound.
inline std::string db_problems(const std::string& db_path) {
  store::Db db(db_path, store::OpenMode::read_only);
  std::string out;
  const std::string integrity = rows(db, "PRAGMA integrity_check");
  if (integrity != "ok|\n") out += "integrity_check: " + integrity;
  const std::string fk = rows(db, "PRAGMA foreign_key_check");
  if (!fk.empty()) out += "foreign_key_check: " + fk;
  for (const char* view : {"documents", "entities", "events", "claims", "relationships", "evidence", "timexes"}) {
    try {
      db.scalar(std::string("SELECT count(*) FROM ") + view, "view");
    } catch (const std::exception& e) {
      out += std::string(view) + ": " + e.what() + "\n";
    }
  }
  // Resolution is committed with the documents: no mention waits for its node.
  for (const char* sql : {"SELECT count(*) FROM event_mention WHERE event_id IS NULL",
                          "SELECT count(*) FROM claim_mention WHERE claim_id IS NULL",
                          "SELECT count(*) FROM entity e WHERE NOT EXISTS (SELECT 1 FROM local_entity l WHERE l.entity_id = e.id)",
                          "SELECT count(*) FROM evidence e JOIN documents d ON d.id = e.document_id "
                          "WHERE substr(d.text, e.span_start + 1, e.span_end - e.span_start) <> e.text"}) {
    const int64_t n = db.scalar(sql, "check").value_or(-1);
    if (n != 0) out += fmt::format("{}: {}\n", sql, n);
  }
  return out;
}

}  // namespace chronicle::test
