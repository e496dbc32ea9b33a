// Connections between entities: the best-supported short path between two
// vertices, and an entity's neighbourhood counted in entity steps (a shared
// event or claim is one step, like a direct relation or a shared sentence).
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "graph/graph.h"

namespace chronicle::graph {

// The cost of crossing a link: 1 + 1/weight, so fewer hops win, and among paths
// of similar length the better supported one; a link stated once costs 2, one
// stated five times 1.2. Two weak hops (4.0) lose to three well-supported ones.
double link_cost(const Link& link);

struct Path {
  std::vector<Vertex> vertices;  // from the start to the goal
  std::vector<Link> links;       // links[i] joins vertices[i] and vertices[i + 1], as stored that way
  double cost = 0;
  size_t hops() const { return links.size(); }
};

// The cheapest path of at most `max_hops` links from `from` to `to` using only
// links with weight >= min_weight, or nullopt when there is none.
std::optional<Path> best_path(const Graph& graph, Vertex from, Vertex to, unsigned max_hops, uint32_t min_weight = 1);

struct Neighbor {
  Vertex entity = 0;
  unsigned depth = 0;                // entity steps from the start
  Vertex previous = 0;               // the entity one step closer to the start
  std::optional<Vertex> through;     // the event or claim of the strongest step, if any
  Link first, second;                // the strongest step: previous -> (through ->) entity
  uint32_t support = 0;              // evidence summed over every step from `previous`
  uint32_t routes = 0;               // number of distinct steps (events, claims, links)
};

// Entities within `depth` steps of entity `start`, nearest and best supported first.
std::vector<Neighbor> neighbors(const Graph& graph, Vertex start, unsigned depth);

}  // namespace chronicle::graph
