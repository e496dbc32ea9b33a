// Graph lookups (see graph.h).
#include "graph/graph.h"

#include <algorithm>

#include "common/utf8.h"

namespace chronicle::graph {

std::string_view to_string(NodeKind k) {
  switch (k) {
    case NodeKind::entity: return "entity";
    case NodeKind::event: return "event";
    case NodeKind::claim: return "claim";
  }
  return "entity";
}

std::string_view to_string(LinkKind k) {
  switch (k) {
    case LinkKind::participant: return "participant";
    case LinkKind::place: return "place";
    case LinkKind::relation: return "relation";
    case LinkKind::speaker: return "speaker";
    case LinkKind::about: return "about";
    case LinkKind::cooccurrence: return "cooccurrence";
  }
  return "participant";
}

std::optional<Vertex> Graph::find(NodeKind kind, int64_t id) const {
  Vertex first = 0, last = entities;
  if (kind == NodeKind::event) first = entities, last = entities + events;
  if (kind == NodeKind::claim) first = entities + events, last = vertex_count();
  // Binary search over the vertex range of that kind (sorted by id).
  while (first < last) {
    const Vertex mid = first + (last - first) / 2;
    if (g[mid].id < id) first = mid + 1;
    else last = mid;
  }
  const Vertex end = kind == NodeKind::entity ? entities : kind == NodeKind::event ? entities + events : vertex_count();
  if (first < end && g[first].id == id) return first;
  return std::nullopt;
}

std::optional<Vertex> Graph::find_name(std::string_view name) const {
  const std::string folded = utf8::fold(name);
  const auto it = std::lower_bound(by_name.begin(), by_name.end(), std::string_view(folded),
                                   [](const std::pair<std::string_view, Vertex>& e, std::string_view k) { return e.first < k; });
  if (it == by_name.end() || it->first != folded) return std::nullopt;
  return it->second;
}

}  // namespace chronicle::graph
