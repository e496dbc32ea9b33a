// `chronicle ingest` end to end: bad input in a batch, idempotency, replacement,
// independence from --jobs, and the code-point offset contract of the views.
#include <doctest/doctest.h>

#include "store/schema.h"
#include "support/util.h"

using namespace chronicle;
using test::quote;

namespace {

int64_t count(const std::string& db_path, const std::string& sql) {
  store::Db db(db_path, store::OpenMode::read_only);
  return db.scalar(sql, "test_count").value_or(-1);
}

// Every row of every table that holds spans, as text: a fingerprint of what an
// ingest stored, independent of row ids.
std::string dump(const std::string& db_path) {
  store::Db db(db_path, store::OpenMode::read_only);
  std::string out;
  for (const char* sql : {
           "SELECT d.uri, e.item_kind, e.span_start, e.span_end, e.text, e.form FROM evidence e JOIN documents d ON d.id = e.document_id ORDER BY 1, 2, 3, 4, 5",
           "SELECT d.uri, t.span_start, t.span_end, t.type, t.value FROM timexes t JOIN documents d ON d.id = t.document_id ORDER BY 1, 2, 3",
           "SELECT kind, name, aliases, mentions, documents FROM entities ORDER BY kind, name",
           "SELECT kind, label, date, place, participants, documents FROM events ORDER BY kind, label, date",
           "SELECT speaker, content, quoted, date, documents FROM claims ORDER BY speaker, content",
           "SELECT subject, predicate, object, documents FROM relationships ORDER BY 1, 2, 3"}) {
    store::Stmt s = db.prepare(sql, "dump");
    while (s.step()) {
      for (int c = 0; c < s.columns(); ++c) out.append(s.text(c)).push_back('|');
      out.push_back('\n');
    }
  }
  return out;
}

const char* kArticle =
    "---\ntitle: Harbour talks resume\npublished: 2026-03-04\n---\n"
    "Harbour talks resume\n\n"
    "Labour Minister Pieter De Wolf met union leader Marta Vinck in Brussels on Wednesday. "
    "\"We are here to listen,\" Vinck said.\n";

}  // namespace

TEST_CASE("ingest: bad files are reported by name and line, the rest is stored") {
  test::TempDir dir;
  test::write_file(dir / "in/good.txt", kArticle);
  test::write_file(dir / "in/latin1.txt", "Caf\xE9 talks ended.\n");
  test::write_file(dir / "in/empty.txt", "");
  test::write_file(dir / "in/blob.txt", std::string("\0\x01\x02\x03", 4));
  test::write_file(dir / "in/docs.jsonl",
                   "{\"id\": \"j1\", \"text\": \"Vinck spoke in Antwerp on Monday.\"}\n"
                   "{\"id\": \"j2\", \"text\": \"broken\n"
                   "{\"id\": \"j3\", \"text\": \"Meersman answered on Tuesday.\"}\n");
  const std::string db = (dir / "x.db").string();
  const auto r = test::chronicle("ingest --db " + quote(db) + " " + quote(dir / "in") + " " + quote(dir / "nowhere"));
  CHECK(r.status == 1);
  CHECK(r.err.find("latin1.txt:1: invalid UTF-8") != std::string::npos);
  CHECK(r.err.find("empty.txt: empty file") != std::string::npos);
  CHECK(r.err.find("blob.txt: binary file") != std::string::npos);
  CHECK(r.err.find("docs.jsonl:2: broken JSON") != std::string::npos);
  CHECK(r.err.find("nowhere: no such file or directory") != std::string::npos);
  CHECK(count(db, "SELECT count(*) FROM documents") == 3);  // good.txt, j1, j3
  CHECK(count(db, "SELECT count(*) FROM documents WHERE uri = 'j3'") == 1);
}

TEST_CASE("ingest: the same input twice changes nothing; a changed document replaces its facts") {
  test::TempDir dir;
  test::write_file(dir / "a.txt", kArticle);
  const std::string db = (dir / "x.db").string();
  REQUIRE(test::chronicle("ingest -q --db " + quote(db) + " " + quote(dir / "a.txt")).status == 0);
  const std::string first = dump(db);
  const auto again = test::chronicle("ingest --db " + quote(db) + " " + quote(dir / "a.txt"));
  CHECK(again.status == 0);
  CHECK(again.out.find("1 unchanged") != std::string::npos);
  CHECK(dump(db) == first);

  std::string changed = kArticle;
  changed.replace(changed.find("Brussels"), 8, "Antwerp");
  test::write_file(dir / "a.txt", changed);
  const auto third = test::chronicle("ingest --db " + quote(db) + " " + quote(dir / "a.txt"));
  CHECK(third.out.find("1 replaced") != std::string::npos);
  CHECK(count(db, "SELECT count(*) FROM documents") == 1);
  CHECK(count(db, "SELECT count(*) FROM entities WHERE name = 'Brussels'") == 0);
  CHECK(count(db, "SELECT count(*) FROM entities WHERE name = 'Antwerp'") == 1);
  CHECK(count(db, "PRAGMA foreign_key_check") == -1);  // no violations: no rows
}

TEST_CASE("ingest: after a document changes, the graph is as if it had always read so") {
  // The talks of Wednesday in Brussels are one node of several articles; the
  // changed article no longer reports them, and their node must not keep what
  // only it said.
  test::TempDir dir;
  std::filesystem::copy(test::kSourceDir / "samples", dir / "in");
  const std::string changed_db = (dir / "changed.db").string(), fresh_db = (dir / "fresh.db").string();
  REQUIRE(test::chronicle("ingest -q --db " + quote(changed_db) + " " + quote(dir / "in")).status == 0);
  const std::filesystem::path article = dir / "in/03-flanders-daily-talks-fail.txt";
  std::string text = test::read_file(article);
  const size_t body = text.find("The Belgian Transport Workers' Union on Thursday");
  REQUIRE(body != std::string::npos);
  text = text.substr(0, body) + "Dockworkers at Antwerp stayed off work on Thursday, the union said.\n";
  test::write_file(article, text);
  const auto again = test::chronicle("ingest --db " + quote(changed_db) + " " + quote(dir / "in"));
  REQUIRE(again.status == 0);
  CHECK(again.out.find("1 replaced") != std::string::npos);
  REQUIRE(test::chronicle("ingest -q --db " + quote(fresh_db) + " " + quote(dir / "in")).status == 0);
  CHECK(dump(changed_db) == dump(fresh_db));
}

TEST_CASE("ingest: results do not depend on --jobs") {
  test::TempDir dir;
  const std::string one = (dir / "one.db").string(), two = (dir / "two.db").string();
  const std::string input = quote(test::kSourceDir / "samples");
  REQUIRE(test::chronicle("ingest -q --jobs 1 --db " + quote(one) + " " + input).status == 0);
  REQUIRE(test::chronicle("ingest -q --jobs 3 --db " + quote(two) + " " + input).status == 0);
  CHECK(dump(one) == dump(two));
  CHECK(count(one, "SELECT count(*) FROM documents") >= 6);
}

TEST_CASE("ingest: evidence and timex offsets are code points into documents.text") {
  test::TempDir dir;
  const std::string db = (dir / "x.db").string();
  test::write_file(dir / "in/utf8.jsonl",
                   "{\"id\": \"u1\", \"published\": \"2025-12-15\", \"text\": \"\\u201cWe\\u2019ll talk,\\u201d said Volodymyr Zelenskyy \\ud83d\\ude00 in Kyiv on Sunday.\"}\n");
  std::string inputs = quote(dir / "in") + " " + quote(test::kSourceDir / "samples");
  if (std::filesystem::exists(test::kSharedDir / "corpus/berlin")) inputs += " " + quote(test::kSharedDir / "corpus/berlin");
  REQUIRE(test::chronicle("ingest -q --db " + quote(db) + " " + inputs).status == 0);
  const char* mismatches =
      "SELECT count(*) FROM evidence e JOIN documents d ON d.id = e.document_id "
      "WHERE substr(d.text, e.span_start + 1, e.span_end - e.span_start) <> e.text";
  const char* timex_mismatches =
      "SELECT count(*) FROM timexes t JOIN documents d ON d.id = t.document_id "
      "WHERE substr(d.text, t.span_start + 1, t.span_end - t.span_start) <> t.text";
  CHECK(count(db, "SELECT count(*) FROM evidence") > 50);
  CHECK(count(db, "SELECT count(*) FROM timexes") > 10);
  CHECK(count(db, mismatches) == 0);
  CHECK(count(db, timex_mismatches) == 0);
  CHECK(count(db, "SELECT count(*) FROM evidence WHERE text = 'Zelenskyy' OR text = 'Volodymyr Zelenskyy'") >= 1);
}

TEST_CASE("ingest: usage errors exit 2, unusable databases exit 1 with a message") {
  test::TempDir dir;
  test::write_file(dir / "a.txt", kArticle);
  const auto unknown = test::chronicle("ingest --no-such-option " + quote(dir / "a.txt"));
  CHECK(unknown.status == 2);
  const auto no_paths = test::chronicle("ingest --db " + quote(dir / "x.db"));
  CHECK(no_paths.status == 2);
  test::write_file(dir / "notes.db", "not a database\n");
  const auto foreign = test::chronicle("ingest --db " + quote(dir / "notes.db") + " " + quote(dir / "a.txt"));
  CHECK(foreign.status == 1);
  CHECK(foreign.err.find("not a chronicle database") != std::string::npos);
  CHECK(test::read_file(dir / "notes.db") == "not a database\n");
  const auto unwritable = test::chronicle("ingest --db /proc/chronicle-test.db " + quote(dir / "a.txt"));
  CHECK(unwritable.status == 1);
  CHECK(unwritable.err.find("/proc/chronicle-test.db") != std::string::npos);
}

TEST_CASE("ingest: standard input, with --format and --published") {
  test::TempDir dir;
  const std::string db = (dir / "x.db").string();
  const auto r = test::run("printf 'Marta Vinck spoke in Antwerp on Monday.\\n' | " + test::kBinary +
                           " ingest -q --published 2026-03-04 --source Radio --db " + quote(db) + " -");
  CHECK(r.status == 0);
  CHECK(count(db, "SELECT count(*) FROM documents WHERE published = '2026-03-04' AND source = 'Radio'") == 1);
  CHECK(count(db, "SELECT count(*) FROM timexes WHERE value = '2026-03-02'") == 1);
  const auto jsonl = test::run("printf '{\"id\":\"s1\",\"text\":\"Talks ended.\"}\\n' | " + test::kBinary +
                               " ingest -q --format jsonl --db " + quote(db) + " -");
  CHECK(jsonl.status == 0);
  CHECK(count(db, "SELECT count(*) FROM documents WHERE uri = 's1'") == 1);
}

TEST_CASE("extract: facts printed by `chronicle extract` ingest to the same database as the articles") {
  test::TempDir dir;
  const std::string direct = (dir / "direct.db").string(), via = (dir / "via.db").string();
  const std::string input = quote(test::kSourceDir / "samples");
  REQUIRE(test::chronicle("ingest -q --db " + quote(direct) + " " + input).status == 0);
  const auto extracted = test::chronicle("extract --jobs 2 --out " + quote(dir / "facts.jsonl") + " " + input);
  REQUIRE(extracted.status == 0);
  REQUIRE(test::chronicle("ingest -q --format facts --db " + quote(via) + " " + quote(dir / "facts.jsonl")).status == 0);
  CHECK(dump(direct) == dump(via));

  test::write_file(dir / "bad.jsonl", "{\"version\": 1, \"uri\": \"x\", \"text\": \"abc\", \"mentions\": [{\"start\": 1, \"end\": 9, \"kind\": \"person\", \"form\": \"name\"}]}\n");
  const auto bad = test::chronicle("ingest -q --format facts --db " + quote(via) + " " + quote(dir / "bad.jsonl"));
  CHECK(bad.status == 1);
  CHECK(bad.err.find("bad.jsonl:1: span [1, 9) outside the text") != std::string::npos);
}

TEST_CASE("ingest: a file over the size limit is skipped with a message; no progress line when piped") {
  test::TempDir dir;
  std::string big;
  while (big.size() < (1u << 20) + 10) big += "The port stayed closed for another day. ";
  test::write_file(dir / "in/big.txt", big);
  test::write_file(dir / "in/small.txt", kArticle);
  const std::string db = (dir / "x.db").string();
  const auto r = test::chronicle("ingest --max-mb 1 --db " + quote(db) + " " + quote(dir / "in"));
  CHECK(r.status == 1);
  CHECK(r.err.find("big.txt: file is 1.0 MB, larger than the 1.0 MB limit") != std::string::npos);
  CHECK(r.err.find('\r') == std::string::npos);
  CHECK(r.out.find("1 new") != std::string::npos);
  CHECK(r.out.find("1 skipped") != std::string::npos);
}

TEST_CASE("ingest: CHRONICLE_PROFILE prints where the time went, and changes nothing else") {
  test::TempDir dir;
  const std::string plain = (dir / "plain.db").string(), profiled = (dir / "profiled.db").string();
  const std::string input = quote(test::kSourceDir / "samples");
  REQUIRE(test::chronicle("ingest -q --db " + quote(plain) + " " + input).status == 0);
  const auto r = test::run("CHRONICLE_PROFILE=1 " + test::kBinary + " ingest -q --db " + quote(profiled) + " " + input);
  REQUIRE(r.status == 0);
  for (const char* line : {"phase: resolve events", "phase: store", "calls  insert_document"}) {
    CAPTURE(line);
    CHECK(r.err.find(line) != std::string::npos);
  }
  CHECK(r.out.empty());
  CHECK(dump(plain) == dump(profiled));
}

TEST_CASE("ingest: on a terminal, the progress line counts documents and says when a batch is being resolved") {
  // script(1) (util-linux, in every Debian) gives the command a terminal, where
  // the machine has pseudo-terminals at all.
  if (test::run("script -qec true /dev/null").status != 0) return;
  test::TempDir dir;
  const std::string db = (dir / "x.db").string();
  const std::string command = test::kBinary + " ingest --jobs 1 --batch-size 3 --db " + quote(db) + " " + quote(test::kSourceDir / "samples");
  const auto r = test::run("script -qec \"" + command + "\" /dev/null");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("documents/s, ETA") != std::string::npos);
  CHECK(r.out.find("resolving 3 documents") != std::string::npos);
  CHECK(r.out.find("\r\x1b[K") != std::string::npos);  // redrawn in place, and cleared before the summary
  CHECK(r.out.find(" new, 0 replaced") != std::string::npos);
}
