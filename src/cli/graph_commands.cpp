// Shared helpers of the graph commands (see graph_commands.h).
#include "cli/graph_commands.h"

#include <fmt/format.h>

#include "cli/output.h"
#include "graph/explain.h"

namespace chronicle::cli {

std::pair<graph::EntityRef, graph::Vertex> entity_vertex(store::Db& db, const graph::Graph& g, std::string_view name) {
  const std::vector<graph::EntityRef> found = require_entities(db, name);
  for (const graph::EntityRef& e : found)
    if (const auto v = g.find(graph::NodeKind::entity, e.id)) return {e, *v};
  throw InputError(fmt::format("'{}' has no evidence left in the graph", name));
}

nlohmann::ordered_json node_json(store::Db& db, const graph::Graph& g, graph::Vertex v) {
  const graph::NodeInfo n = graph::describe(db, g, v);
  nlohmann::ordered_json out = {{"kind", graph::to_string(n.kind)}, {"id", n.id}, {"type", n.type}, {"label", n.label}};
  if (n.kind != graph::NodeKind::entity) out["date"] = or_null(n.date);
  if (n.kind == graph::NodeKind::claim) out["speaker"] = or_null(n.speaker);
  return out;
}

nlohmann::ordered_json link_json(const graph::Link& link) {
  return {{"kind", graph::to_string(link.kind)}, {"phrase", graph::link_phrase(link)}, {"weight", link.weight},
          {"forward", link.forward}};
}

}  // namespace chronicle::cli
