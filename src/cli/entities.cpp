// `chronicle entities`: the key actors of the story, ranked by PageRank (the
// default) or betweenness centrality over the whole graph; the output says
// which measure was used.
#include <fmt/format.h>

#include <algorithm>

#include "cli/commands.h"
#include "cli/graph_commands.h"
#include "cli/output.h"
#include "common/facts.h"
#include "graph/centrality.h"
#include "store/catalog.h"

namespace chronicle::cli {

namespace {

struct EntitiesOptions {
  QueryOptions query;
  std::string kind, by = "pagerank";
  size_t top = 20;
};

struct Ranked {
  graph::Vertex v;
  double score;
  int64_t mentions = 0, documents = 0;
};

void counts(store::Db& db, const graph::Graph& g, Ranked& r) {
  store::Stmt& s = store::cached_named(db, "entity_counts");
  s.bind(":id", g.g[r.v].id);
  if (s.step()) r.mentions = s.int64(0), r.documents = s.int64(1);
  s.reset();
}

std::vector<Ranked> rank(store::Db& db, const graph::Graph& g, const EntitiesOptions& o, graph::Measure m) {
  const std::vector<double> scores = graph::centrality(g, m);
  std::vector<Ranked> out;
  for (graph::Vertex v = 0; v < g.entities; ++v)
    if (o.kind.empty() || to_string(static_cast<EntityKind>(g.g[v].type)) == o.kind) out.push_back({v, scores[v]});
  const size_t n = std::min(o.top, out.size());
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n), out.end(), [&](const Ranked& a, const Ranked& b) {
    return a.score != b.score ? a.score > b.score : g.g[a.v].label < g.g[b.v].label;
  });
  out.resize(n);
  for (Ranked& r : out) counts(db, g, r);
  return out;
}

std::string measure_name(graph::Measure m) { return m == graph::Measure::pagerank ? "PageRank" : "betweenness centrality"; }

void print_table(const graph::Graph& g, graph::Measure m, const std::vector<Ranked>& list) {
  print_wrapped("", fmt::format("Key actors by {} over the story graph ({} vertices: {} entities, {} events, {} claims; {} links):",
                                measure_name(m), g.vertex_count(), g.entities, g.events, g.claims, g.link_count()));
  fmt::print("\n{}{}{}{}{}{}\n", pad("RANK", 6), pad("ENTITY", 34), pad("KIND", 14), pad_left("SCORE", 10), pad_left("DOCS", 7), pad_left("MENT", 7));
  for (size_t i = 0; i < list.size(); ++i) {
    const Ranked& r = list[i];
    fmt::print("{}{}{}{}{}{}\n", pad(std::to_string(i + 1), 6), pad(truncate(g.g[r.v].label, 32), 34),
               pad(to_string(static_cast<EntityKind>(g.g[r.v].type)), 14), pad_left(fmt::format("{:.4g}", r.score), 10),
               pad_left(std::to_string(r.documents), 7), pad_left(std::to_string(r.mentions), 7));
  }
}

void run(const EntitiesOptions& o) {
  const graph::Measure m = o.by == "betweenness" ? graph::Measure::betweenness : graph::Measure::pagerank;
  auto db = open_for_query(o.query.db);
  const graph::Graph g = graph::load(*db);
  if (m == graph::Measure::betweenness && g.vertex_count() > graph::kMaxBetweennessVertices)
    throw InputError(fmt::format("betweenness over {} vertices would take too long (limit {}); use --by pagerank",
                                 g.vertex_count(), graph::kMaxBetweennessVertices));
  const std::vector<Ranked> list = rank(*db, g, o, m);
  if (o.query.format == "json") {
    nlohmann::ordered_json out = {{"measure", graph::to_string(m)}, {"kind", or_null(o.kind)},
                                  {"graph", {{"vertices", g.vertex_count()}, {"entities", g.entities}, {"events", g.events},
                                             {"claims", g.claims}, {"links", g.link_count()}}},
                                  {"entities", nlohmann::ordered_json::array()}};
    for (size_t i = 0; i < list.size(); ++i)
      out["entities"].push_back({{"rank", i + 1}, {"id", g.g[list[i].v].id}, {"name", g.g[list[i].v].label},
                                 {"kind", to_string(static_cast<EntityKind>(g.g[list[i].v].type))}, {"score", list[i].score},
                                 {"documents", list[i].documents}, {"mentions", list[i].mentions}});
    fmt::print("{}\n", out.dump(2));
  } else if (o.query.format == "csv") {
    print_csv({"rank", "entity_id", "name", "kind", "measure", "score", "documents", "mentions"});
    for (size_t i = 0; i < list.size(); ++i)
      print_csv({std::to_string(i + 1), std::to_string(g.g[list[i].v].id), std::string(g.g[list[i].v].label),
                 std::string(to_string(static_cast<EntityKind>(g.g[list[i].v].type))), std::string(graph::to_string(m)),
                 fmt::format("{}", list[i].score), std::to_string(list[i].documents), std::to_string(list[i].mentions)});
  } else {
    print_table(g, m, list);
  }
}

}  // namespace

void add_entities(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("entities", "Key actors ranked by PageRank or betweenness over the graph");
  auto o = std::make_shared<EntitiesOptions>();
  add_query_options(*cmd, o->query);
  cmd->add_option("--kind", o->kind, "Only entities of this kind")->check(CLI::IsMember({"person", "organization", "location", "other"}));
  cmd->add_option("--top", o->top, "How many to list")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--by", o->by, "Ranking: pagerank or betweenness")->capture_default_str()->check(CLI::IsMember({"pagerank", "betweenness"}));
  cmd->footer("PageRank (damping 0.85, 30 iterations) and betweenness (Brandes, exact) run over the whole graph:\n"
              "entities, events and claims, links unweighted in both directions.");
  cmd->callback([o, &status] { run_command("entities", status, [&] { run(*o); }); });
}

}  // namespace chronicle::cli
