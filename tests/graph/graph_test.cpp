// The story graph over the harbour story: loading, the cached adjacency,
// sentence co-occurrence, paths with evidence, neighbourhoods and centrality.
#include <doctest/doctest.h>

#include <algorithm>

#include "graph/centrality.h"
#include "graph/cooccurrence.h"
#include "graph/explain.h"
#include "graph/loader.h"
#include "graph/paths.h"
#include "story.h"

using namespace chronicle;

namespace {

graph::Vertex entity(const graph::Graph& g, const char* name) {
  const auto v = g.find_name(name);
  REQUIRE_MESSAGE(v.has_value(), name);
  return *v;
}

std::vector<std::string> labels(const graph::Graph& g, const std::vector<graph::Vertex>& vs) {
  std::vector<std::string> out;
  for (graph::Vertex v : vs) out.emplace_back(g.g[v].label);
  return out;
}

}  // namespace

TEST_CASE("graph: sentence co-occurrence pairs distinct entities within one sentence") {
  const std::string text = "Ortiz met Berg. Berg thanked Ortiz and Ortiz left. Reyes stayed home.";
  // local ids: Ortiz 1, Berg 2, Reyes 3 (code points = bytes here).
  const std::vector<graph::MentionSpan> mentions = {{1, 10, 0, 5}, {2, 20, 10, 14}, {2, 20, 16, 20}, {1, 10, 29, 34},
                                                    {1, 10, 39, 44}, {3, 30, 51, 56}};
  std::vector<std::pair<int64_t, int64_t>> pairs;
  graph::sentence_pairs(text, mentions, [&](const graph::SentencePair& p) { pairs.emplace_back(p.a->local, p.b->local); });
  CHECK(pairs == std::vector<std::pair<int64_t, int64_t>>{{1, 2}, {1, 2}});
}

TEST_CASE("graph: loading builds vertices, weighted links and the name map; the cache gives the same graph") {
  testing::TempDb tmp("graph-load");
  tmp.store(testing::harbour_story());
  auto db = store::open_database(tmp.path(), store::OpenMode::read_only);
  graph::LoadReport first, second;
  const graph::Graph g = graph::load(*db, {}, &first);
  CHECK_FALSE(first.from_cache);
  CHECK(first.cache_written);
  CHECK(first.documents_scanned == 2);
  CHECK(g.entities == 5);
  CHECK(g.events == 5);
  CHECK(g.claims == 3);
  const graph::Vertex ortiz = entity(g, "LENA ORTIZ"), berg = entity(g, "Tomas Berg");
  CHECK(g.g[ortiz].kind == graph::NodeKind::entity);
  // Ortiz and Berg are named together in two sentences.
  bool cooccur = false;
  for (auto e : boost::make_iterator_range(out_edges(ortiz, g.g)))
    if (target(e, g.g) == berg && g.g[e].kind == graph::LinkKind::cooccurrence) cooccur = g.g[e].weight == 2;
  CHECK(cooccur);

  const graph::Graph cached = graph::load(*db, {}, &second);
  CHECK(second.from_cache);
  CHECK(second.documents_scanned == 0);
  CHECK(cached.vertex_count() == g.vertex_count());
  CHECK(num_edges(cached.g) == num_edges(g.g));
  for (graph::Vertex v = 0; v < g.vertex_count(); ++v) {
    CHECK(cached.g[v].id == g.g[v].id);
    CHECK(out_degree(v, cached.g) == out_degree(v, g.g));
  }

  // New data makes the cache stale.
  testing::DocBuilder extra("https://third.example/a", "Reyes visits the port", "Third Post", "2025-03-06",
                            "Reyes visits the port\nAna Reyes toured the Carville docks on Thursday.");
  const int32_t reyes = extra.entity("Ana Reyes", EntityKind::person), carville = extra.entity("Carville", EntityKind::location);
  const int32_t r = extra.mention("Ana Reyes", reyes);
  const int32_t c = extra.mention("Carville", carville);
  extra.event("toured", EventKind::visit, "tour", {{r, Role::agent}}, c, "2025-03-06");
  tmp.store({extra});
  graph::LoadReport third;
  const graph::Graph fresh = graph::load(*db, {}, &third);
  CHECK_FALSE(third.from_cache);
  CHECK(third.documents_scanned == 1);
  CHECK(fresh.events == 6);
}

TEST_CASE("graph: without the 1.1 tables, co-occurrence is computed in memory") {
  testing::TempDb tmp("graph-old");
  tmp.store(testing::harbour_story());
  size_t links = 0;
  {
    auto db = store::open_database(tmp.path(), store::OpenMode::read_only);
    links = graph::load(*db, {.use_cache = false}).link_count();
  }
  {
    auto db = store::open_database(tmp.path(), store::OpenMode::read_write);
    db->exec("DROP TABLE graph_cache; DELETE FROM cooccurrence; DELETE FROM cooccurrence_scan;", "simulate_1_0");
  }
  auto db = store::open_database(tmp.path(), store::OpenMode::read_only);
  graph::LoadReport report;
  const graph::Graph g = graph::load(*db, {}, &report);
  CHECK(report.documents_scanned == 0);
  CHECK_FALSE(report.cache_written);
  CHECK(g.link_count() == links);
}

TEST_CASE("graph: the best-supported path, hop by hop with evidence") {
  testing::TempDb tmp("graph-path");
  tmp.store(testing::harbour_story());
  auto db = store::open_database(tmp.path(), store::OpenMode::read_only);
  const graph::Graph g = graph::load(*db);
  const graph::Vertex ortiz = entity(g, "Lena Ortiz"), dock = entity(g, "Dockworkers Union"), reyes = entity(g, "Ana Reyes");

  const auto path = graph::best_path(g, ortiz, dock, 6);
  REQUIRE(path.has_value());
  CHECK(labels(g, path->vertices) == std::vector<std::string>{"Lena Ortiz", "Tomas Berg", "Dockworkers Union"});
  CHECK(path->cost == doctest::Approx(1.5 + 2.0));  // shared sentence (2 sources), then leader_of (1 source)
  graph::EvidenceReader reader(*db);
  for (size_t i = 0; i < path->hops(); ++i) {
    const auto ev = graph::link_evidence(*db, reader, g, path->vertices[i], path->vertices[i + 1], path->links[i], 3);
    REQUIRE_FALSE(ev.empty());
    const std::string name(g.g[path->vertices[i]].label);
    CHECK(ev[0].sentence.find(name.substr(name.rfind(' ') + 1)) != std::string::npos);
  }
  CHECK(path->links[1].kind == graph::LinkKind::relation);
  CHECK(graph::link_phrase(path->links[1]) == "leader_of");

  CHECK_FALSE(graph::best_path(g, ortiz, dock, 1).has_value());
  CHECK_FALSE(graph::best_path(g, ortiz, dock, 6, 2).has_value());  // the union is named once only
  const auto back = graph::best_path(g, dock, ortiz, 6);
  REQUIRE(back.has_value());
  CHECK(back->hops() == 2);
  graph::Link inverse;
  inverse.kind = graph::LinkKind::relation, inverse.detail = static_cast<uint8_t>(Predicate::leader_of), inverse.forward = false;
  CHECK(graph::link_phrase(inverse) == "inverse leader_of");
  // Reyes reaches Berg through his claim naming her or the sentence naming both.
  const auto r = graph::best_path(g, reyes, entity(g, "Tomas Berg"), 6);
  REQUIRE(r.has_value());
  CHECK(r->hops() == 1);
}

TEST_CASE("graph: neighbours in entity steps, centrality and components") {
  testing::TempDb tmp("graph-neighbors");
  tmp.store(testing::harbour_story());
  auto db = store::open_database(tmp.path(), store::OpenMode::read_only);
  const graph::Graph g = graph::load(*db);
  const graph::Vertex reyes = entity(g, "Ana Reyes"), berg = entity(g, "Tomas Berg");

  const auto one = graph::neighbors(g, reyes, 1);
  REQUIRE(one.size() == 1);
  CHECK(one[0].entity == berg);
  CHECK(one[0].through.has_value());  // Berg's claim naming her is preferred over the shared sentence
  const auto two = graph::neighbors(g, reyes, 2);
  CHECK(two.size() == 4);
  CHECK(std::all_of(two.begin() + 1, two.end(), [&](const graph::Neighbor& n) { return n.depth == 2 && n.previous == berg; }));
  // Berg and Ortiz share two meetings and two sentences.
  const auto of_berg = graph::neighbors(g, berg, 1);
  const auto ortiz = std::find_if(of_berg.begin(), of_berg.end(), [&](const graph::Neighbor& n) { return g.g[n.entity].label == "Lena Ortiz"; });
  REQUIRE(ortiz != of_berg.end());
  CHECK(ortiz->routes == 3);
  CHECK(ortiz->through.has_value());

  const std::vector<double> rank = graph::centrality(g, graph::Measure::pagerank);
  const graph::Vertex top = static_cast<graph::Vertex>(std::max_element(rank.begin(), rank.begin() + g.entities) - rank.begin());
  CHECK(g.g[top].label == "Tomas Berg");
  const std::vector<double> between = graph::centrality(g, graph::Measure::betweenness);
  CHECK(between[berg] > between[reyes]);

  const graph::Components c = graph::components(g);
  CHECK(c.count == 2);  // the undated "talks ended" event has no participant
  CHECK(c.isolated == 1);
  CHECK(c.largest == g.vertex_count() - 1);
  CHECK(c.largest_entities == 5);
}

TEST_CASE("graph: while another writer holds the file, the graph is built in memory all the same") {
  testing::TempDb tmp("graph-busy");
  tmp.store(testing::harbour_story());
  size_t links = 0;
  {
    auto fresh = store::open_database(tmp.path(), store::OpenMode::read_only);
    links = graph::load(*fresh, {.use_cache = false}).link_count();
  }
  auto writer = store::open_database(tmp.path(), store::OpenMode::read_write);
  writer->exec("DELETE FROM cooccurrence; DELETE FROM cooccurrence_scan; DELETE FROM graph_cache", "forget_scan");
  store::Transaction busy(*writer);  // an ingest in progress
  auto db = store::open_database(tmp.path(), store::OpenMode::read_only);
  graph::LoadReport report;
  const graph::Graph g = graph::load(*db, {}, &report);
  CHECK(report.documents_scanned == 0);
  CHECK_FALSE(report.cache_written);
  CHECK(g.link_count() == links);
  CHECK(g.find_name("Tomas Berg").has_value());
}
