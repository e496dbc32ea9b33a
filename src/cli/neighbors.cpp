// `chronicle neighbors NAME`: the entities around one entity, step by step
// (a shared event or claim, a relation or a shared sentence is one step), the
// best supported first, each with the strongest link that connects it.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/graph_commands.h"
#include "cli/output.h"
#include "graph/explain.h"
#include "graph/paths.h"

namespace chronicle::cli {

namespace {

struct NeighborOptions {
  QueryOptions query;
  std::string name;
  unsigned depth = 1;
  size_t limit = 50;
};

// "meeting 2025-03-03: … (agent → patient)" or "leader_of" or "same sentence".
std::string connection(store::Db& db, const graph::Graph& g, const graph::Neighbor& n) {
  if (!n.through) return graph::link_phrase(n.first);
  const graph::NodeInfo via = graph::describe(db, g, *n.through);
  return fmt::format("{} ({} → {})", graph::short_label(via), graph::link_phrase(n.first), graph::link_phrase(n.second));
}

void print_table(store::Db& db, const graph::Graph& g, const NeighborOptions& o, const graph::EntityRef& e,
                 const std::vector<graph::Neighbor>& list) {
  print_wrapped("", fmt::format("Neighbours of {} ({}) within {} step{}: {} entit{}{}", e.name, e.kind, o.depth,
                                o.depth == 1 ? "" : "s", list.size(), list.size() == 1 ? "y" : "ies",
                                list.size() > o.limit ? fmt::format(", first {} shown", o.limit) : ""));
  if (list.empty()) return;
  fmt::print("\n{}{}{}{}{}\n", pad("STEP", 6), pad("ENTITY", 32), pad("KIND", 14), pad_left("SUPPORT", 9), pad_left("LINKS", 7));
  for (size_t i = 0; i < list.size() && i < o.limit; ++i) {
    const graph::Neighbor& n = list[i];
    const graph::Node& node = g.g[n.entity];
    fmt::print("{}{}{}{}{}\n", pad(std::to_string(n.depth), 6), pad(truncate(node.label, 30), 32),
               pad(graph::describe(db, g, n.entity).type, 14), pad_left(std::to_string(n.support), 9), pad_left(std::to_string(n.routes), 7));
    const std::string via = n.depth > 1 ? fmt::format("via {}: ", g.g[n.previous].label) : std::string();
    print_wrapped("      ", via + connection(db, g, n));
  }
}

void print_json(store::Db& db, const graph::Graph& g, const NeighborOptions& o, const graph::EntityRef& e,
                const std::vector<graph::Neighbor>& list) {
  nlohmann::ordered_json out = {{"entity", to_json(e)}, {"depth", o.depth}, {"count", list.size()}, {"neighbors", nlohmann::ordered_json::array()}};
  for (size_t i = 0; i < list.size() && i < o.limit; ++i) {
    const graph::Neighbor& n = list[i];
    nlohmann::ordered_json item = {{"entity", node_json(db, g, n.entity)}, {"depth", n.depth}, {"previous", node_json(db, g, n.previous)},
                                   {"support", n.support}, {"links", n.routes}};
    item["strongest"] = {{"through", n.through ? node_json(db, g, *n.through) : nlohmann::ordered_json(nullptr)},
                         {"first", link_json(n.first)}, {"second", n.through ? link_json(n.second) : nlohmann::ordered_json(nullptr)}};
    out["neighbors"].push_back(item);
  }
  fmt::print("{}\n", out.dump(2));
}

void print_csv_rows(store::Db& db, const graph::Graph& g, const NeighborOptions& o, const std::vector<graph::Neighbor>& list) {
  print_csv({"depth", "entity_id", "name", "kind", "support", "links", "previous", "connection"});
  for (size_t i = 0; i < list.size() && i < o.limit; ++i) {
    const graph::Neighbor& n = list[i];
    print_csv({std::to_string(n.depth), std::to_string(g.g[n.entity].id), std::string(g.g[n.entity].label), graph::describe(db, g, n.entity).type,
               std::to_string(n.support), std::to_string(n.routes), std::string(g.g[n.previous].label), connection(db, g, n)});
  }
}

void run(const NeighborOptions& o) {
  auto db = open_for_query(o.query.db);
  const graph::Graph g = graph::load(*db);
  const auto [e, v] = entity_vertex(*db, g, o.name);
  const std::vector<graph::Neighbor> list = graph::neighbors(g, v, o.depth);
  if (o.query.format == "json") print_json(*db, g, o, e, list);
  else if (o.query.format == "csv") print_csv_rows(*db, g, o, list);
  else print_table(*db, g, o, e, list);
}

}  // namespace

void add_neighbors(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("neighbors", "Entities connected to one entity, nearest and best supported first");
  auto o = std::make_shared<NeighborOptions>();
  add_query_options(*cmd, o->query);
  cmd->add_option("name", o->name, "The entity (name or alias)")->required();
  cmd->add_option("--depth", o->depth, "Steps to go out; a shared event or claim is one step")->capture_default_str()->check(CLI::Range(1, 6));
  cmd->add_option("--limit", o->limit, "Show at most this many")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->callback([o, &status] { run_command("neighbors", status, [&] { run(*o); }); });
}

}  // namespace chronicle::cli
