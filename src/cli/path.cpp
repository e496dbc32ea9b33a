// `chronicle path A B`: how two entities are connected: the shortest
// well-supported chain of links (events they share, relations, claims, shared
// sentences), every hop with the sentence that supports it.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/graph_commands.h"
#include "cli/output.h"
#include "graph/explain.h"
#include "graph/paths.h"

namespace chronicle::cli {

namespace {

struct PathOptions {
  QueryOptions query;
  std::string from, to;
  unsigned max_hops = 6;
  unsigned min_support = 1;
  size_t evidence = 1;
};

struct HopView {
  graph::Vertex from, to;
  graph::Link link;
  std::vector<graph::Evidence> evidence;
};

void print_table(store::Db& db, const graph::Graph& g, const PathOptions& o, const graph::EntityRef& a,
                 const graph::EntityRef& b, const std::optional<graph::Path>& path, const std::vector<HopView>& hops) {
  if (!path) {
    print_wrapped("", fmt::format("No connection between {} and {} within {} hops{}.", a.name, b.name, o.max_hops,
                                  o.min_support > 1 ? fmt::format(" using links with at least {} sources", o.min_support) : ""));
    return;
  }
  print_wrapped("", fmt::format("{} → {}: {} hop{} (cost {:.2f}; each link costs 1 + 1/evidence)", a.name, b.name, path->hops(),
                                path->hops() == 1 ? "" : "s", path->cost));
  for (size_t i = 0; i < hops.size(); ++i) {
    const HopView& h = hops[i];
    const std::string number = fmt::format("{:>2}. ", i + 1);
    fmt::print("\n");
    print_wrapped(number, fmt::format("{} ─[{}, evidence {}]→ {}", graph::short_label(graph::describe(db, g, h.from)),
                                      graph::link_phrase(h.link), h.link.weight, graph::short_label(graph::describe(db, g, h.to))));
    for (const graph::Evidence& e : h.evidence) print_evidence(e, number.size());
  }
}

void print_json(store::Db& db, const graph::Graph& g, const PathOptions& o, const graph::EntityRef& a,
                const graph::EntityRef& b, const std::optional<graph::Path>& path, const std::vector<HopView>& hops) {
  nlohmann::ordered_json out = {{"from", to_json(a)}, {"to", to_json(b)}, {"max_hops", o.max_hops},
                                {"min_support", o.min_support}, {"found", path.has_value()}};
  out["cost"] = path ? nlohmann::ordered_json(path->cost) : nlohmann::ordered_json(nullptr);
  out["hops"] = nlohmann::ordered_json::array();
  for (const HopView& h : hops) {
    nlohmann::ordered_json hop = {{"from", node_json(db, g, h.from)}, {"to", node_json(db, g, h.to)}, {"link", link_json(h.link)},
                                  {"evidence", nlohmann::ordered_json::array()}};
    for (const graph::Evidence& e : h.evidence) hop["evidence"].push_back(to_json(e));
    out["hops"].push_back(hop);
  }
  fmt::print("{}\n", out.dump(2));
}

void run(const PathOptions& o) {
  auto db = open_for_query(o.query.db);
  const graph::Graph g = graph::load(*db);
  const auto [a, va] = entity_vertex(*db, g, o.from);
  const auto [b, vb] = entity_vertex(*db, g, o.to);
  if (va == vb) throw InputError(fmt::format("'{}' and '{}' are the same entity ({})", o.from, o.to, a.name));
  const std::optional<graph::Path> path = graph::best_path(g, va, vb, o.max_hops, o.min_support);
  std::vector<HopView> hops;
  graph::EvidenceReader reader(*db);
  if (path)
    for (size_t i = 0; i < path->links.size(); ++i) {
      const graph::Vertex from = path->vertices[i], to = path->vertices[i + 1];
      hops.push_back({from, to, path->links[i], graph::link_evidence(*db, reader, g, from, to, path->links[i], o.evidence)});
    }
  if (o.query.format == "json") print_json(*db, g, o, a, b, path, hops);
  else print_table(*db, g, o, a, b, path, hops);
}

}  // namespace

void add_path(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("path", "How two entities connect, each hop with its evidence");
  auto o = std::make_shared<PathOptions>();
  add_query_options(*cmd, o->query, {"table", "json"});
  cmd->add_option("from", o->from, "First entity (name or alias)")->required();
  cmd->add_option("to", o->to, "Second entity (name or alias)")->required();
  cmd->add_option("--max-hops", o->max_hops, "Longest path to consider, in links")->capture_default_str()->check(CLI::Range(1, 32));
  cmd->add_option("--min-support", o->min_support, "Use only links with at least this much evidence")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--evidence", o->evidence, "Sentences shown per hop")->capture_default_str()->check(CLI::Range(0, 20));
  cmd->footer("Links: event participation (role), event place, relations, speaker of a claim, entities a claim names,\n"
              "and two entities named in one sentence. Each link costs 1 + 1/(its evidence rows): the path with the\n"
              "fewest hops wins, and among similar ones the best supported.");
  cmd->callback([o, &status] { run_command("path", status, [&] { run(*o); }); });
}

}  // namespace chronicle::cli
