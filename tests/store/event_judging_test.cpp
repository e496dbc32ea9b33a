// Events are judged across documents on a second thread while the writer
// resolves claims (EventResolver::judge, from what prepare() read); the graph
// must be the one the writer makes judging everything itself from the
// database (Writer::judge_apart(false)), in one batch and over several; and
// the same whether resolution reads the aliases, local entities and entities
// of documents one by one or all at once.
#include <doctest/doctest.h>

#include <map>
#include <set>
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
// and responses between mentions, in id order; the entity node each local
// entity was given; and the dates undated documents were given.
std::vector<std::string> event_graph(store::Db& db) {
  std::vector<std::string> out;
  for (const char* sql : {"SELECT 'entity ' || l.id || ' ' || l.name || ' -> ' || e.id || ' ' || e.name || ' ' || e.kind "
                          "FROM local_entity l JOIN entity e ON e.id = l.entity_id ORDER BY l.id",
                          "SELECT e.id || ' ' || e.kind || ' ' || e.label || ' ' || coalesce(e.date, '') || ': ' || "
                          "group_concat(m.id || '@' || m.document_id || '=' || m.text || '/' || m.cluster, ' ') "
                          "FROM event e JOIN event_mention m ON m.event_id = e.id GROUP BY e.id ORDER BY e.id",
                          "SELECT 'link ' || a || ' ' || b FROM event_link ORDER BY a, b",
                          "SELECT 'anchor ' || id || ' ' || inferred_anchor FROM document WHERE inferred_anchor IS NOT NULL ORDER BY id",
                          "SELECT 'response ' || source || ' ' || target FROM event_response ORDER BY source, target"}) {
    store::Stmt s = db.prepare(sql, "graph");
    while (s.step()) out.push_back(s.str(0));
  }
  return out;
}

std::vector<std::string> ingest(const std::vector<Article>& docs, size_t batch, bool judge_apart,
                                store::Reads reads = store::Reads::by_size) {
  test::TempDir dir;
  auto db = store::open_database((dir / "j.db").string(), store::OpenMode::read_write);
  store::Writer writer(*db);
  writer.judge_apart(judge_apart);
  writer.reads(reads);
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

TEST_CASE("resolution reads aliases, local entities and documents' entities at once or one by one, to the same graph") {
  const std::vector<Article> docs = articles();
  REQUIRE(docs.size() >= 6);
  using store::Reads;
  for (const size_t batch : {docs.size(), size_t{3}, size_t{1}}) {
    CAPTURE(batch);
    const std::vector<std::string> each = ingest(docs, batch, true, Reads::each);
    CHECK(ingest(docs, batch, true, Reads::all) == each);
    CHECK(ingest(docs, batch, true, Reads::by_size) == each);
    size_t links = 0, merged = 0;
    for (const std::string& row : each) links += row.starts_with("link ");
    CHECK(links >= 3);
    // Local entities of several documents were given one node (aliases were followed).
    std::map<std::string, std::set<std::string>> names;  // entity node -> local names
    for (const std::string& row : each)
      if (row.starts_with("entity ")) {
        const size_t arrow = row.find(" -> ");
        const std::string local = row.substr(row.find(' ', 7) + 1, arrow - row.find(' ', 7) - 1);
        names[row.substr(arrow + 4, row.find(' ', arrow + 4) - arrow - 4)].insert(local);
      }
    for (const auto& [node, locals] : names) merged += locals.size() > 1;
    CHECK(merged >= 3);
  }
}
