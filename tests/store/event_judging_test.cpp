// Events are judged across documents on a second thread while the writer
// resolves claims (EventResolver::judge, from what prepare() read); the graph
// must be the one the writer makes judging everything itself from the
// database (Writer::judge_apart(false)), in one batch and over several; and
// the same whether judging reads the entities of documents one by one or all
// at once.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "extract/pipeline.h"
#include "read/reader.h"
#include "store/schema.h"
#include "store/writer.h"
#include "support/util.h"

using namespace chronicle;

namespace {

struct Article {
  Document doc;
  DocumentFacts facts;
};

// The team's samples, and the Berlin corpus when ../shared is there.
std::vector<Article> articles() {
  std::vector<std::string> paths = {(test::kSourceDir / "samples").string()};
  if (!test::no_berlin()) paths.push_back((test::kSharedDir / "corpus" / "berlin").string());
  read::Walker walker(paths, read::Options{});
  const extract::Pipeline pipeline;
  std::vector<Article> out;
  read::Unit unit;
  std::vector<read::Problem> problems;
  while (walker.next(unit, problems)) {
    Article a;
    a.doc = read::parse(unit, read::Options{});
    a.facts = pipeline.run(a.doc);
    out.push_back(std::move(a));
  }
  return out;
}

// The event graph: nodes with their mentions' documents and triggers, links
// and responses between mentions, in id order.
std::vector<std::string> event_graph(store::Db& db) {
  std::vector<std::string> out;
  for (const char* sql : {"SELECT e.id || ' ' || e.kind || ' ' || e.label || ' ' || coalesce(e.date, '') || ': ' || "
                          "group_concat(m.id || '@' || m.document_id || '=' || m.text || '/' || m.cluster, ' ') "
                          "FROM event e JOIN event_mention m ON m.event_id = e.id GROUP BY e.id ORDER BY e.id",
                          "SELECT 'link ' || a || ' ' || b FROM event_link ORDER BY a, b",
                          "SELECT 'response ' || source || ' ' || target FROM event_response ORDER BY source, target"}) {
    store::Stmt s = db.prepare(sql, "graph");
    while (s.step()) out.push_back(s.str(0));
  }
  return out;
}

std::vector<std::string> ingest(const std::vector<Article>& docs, size_t batch, bool judge_apart,
                                store::EventResolver::EntityReads reads = store::EventResolver::EntityReads::by_size) {
  test::TempDir dir;
  auto db = store::open_database((dir / "j.db").string(), store::OpenMode::read_write);
  store::Writer writer(*db);
  writer.judge_apart(judge_apart);
  writer.entity_reads(reads);
  for (size_t i = 0; i < docs.size(); i += batch) {
    store::Transaction tx(*db);
    for (size_t j = i; j < std::min(docs.size(), i + batch); ++j) writer.store(docs[j].doc, docs[j].facts);
    writer.finish_batch();
    tx.commit();
  }
  return event_graph(*db);
}

}  // namespace

TEST_CASE("event judging on a second thread makes the graph the writer makes alone") {
  const std::vector<Article> docs = articles();
  REQUIRE(docs.size() >= 6);
  for (const size_t batch : {docs.size(), size_t{2}}) {
    CAPTURE(batch);
    const std::vector<std::string> alone = ingest(docs, batch, false);
    CHECK(ingest(docs, batch, true) == alone);
    // Events reported by several articles were linked (the test judges something).
    size_t links = 0;
    for (const std::string& row : alone) links += row.starts_with("link ");
    CHECK(links >= 3);
  }
}

TEST_CASE("event judging reads documents' entities at once or one by one, to the same graph") {
  const std::vector<Article> docs = articles();
  REQUIRE(docs.size() >= 6);
  using Reads = store::EventResolver::EntityReads;
  for (const size_t batch : {docs.size(), size_t{3}, size_t{1}}) {
    CAPTURE(batch);
    const std::vector<std::string> each = ingest(docs, batch, true, Reads::each);
    CHECK(ingest(docs, batch, true, Reads::all) == each);
    CHECK(ingest(docs, batch, true, Reads::by_size) == each);
    size_t links = 0;
    for (const std::string& row : each) links += row.starts_with("link ");
    CHECK(links >= 3);
  }
}
