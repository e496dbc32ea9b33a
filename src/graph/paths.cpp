// Paths and neighbourhoods (see paths.h). Both walk the CSR adjacency with
// bounds: a path search never looks further than max_hops from either end.
#include "graph/paths.h"

#include <algorithm>
#include <boost/range/iterator_range.hpp>
#include <limits>
#include <unordered_map>

namespace chronicle::graph {

namespace {

using Edge = boost::graph_traits<Csr>::edge_descriptor;
constexpr uint8_t kFar = std::numeric_limits<uint8_t>::max();

// Hop distance to `goal` of every vertex within `max_hops` of it (kFar beyond).
std::vector<uint8_t> hops_to(const Graph& graph, Vertex goal, unsigned max_hops, uint32_t min_weight) {
  std::vector<uint8_t> dist(graph.vertex_count(), kFar);
  std::vector<Vertex> frontier{goal}, next;
  dist[goal] = 0;
  for (unsigned d = 1; d <= max_hops && !frontier.empty(); ++d) {
    next.clear();
    for (Vertex u : frontier)
      for (const Edge e : boost::make_iterator_range(out_edges(u, graph.g))) {
        const Vertex v = target(e, graph.g);
        if (dist[v] != kFar || graph.g[e].weight < min_weight) continue;
        dist[v] = static_cast<uint8_t>(d);
        next.push_back(v);
      }
    frontier.swap(next);
  }
  return dist;
}

struct Step {
  double cost = 0;
  Vertex parent = 0;
  Edge edge;
};

}  // namespace

double link_cost(const Link& link) { return 1.0 + 1.0 / std::max<uint32_t>(link.weight, 1); }

std::optional<Path> best_path(const Graph& graph, Vertex from, Vertex to, unsigned max_hops, uint32_t min_weight) {
  if (from == to || max_hops == 0) return std::nullopt;
  max_hops = std::min(max_hops, 32u);
  const std::vector<uint8_t> to_goal = hops_to(graph, to, max_hops, min_weight);
  if (to_goal[from] == kFar) return std::nullopt;
  // layers[k]: the cheapest way to reach each vertex in exactly k hops.
  std::vector<std::unordered_map<Vertex, Step>> layers(1);
  layers[0][from] = Step{};
  std::optional<std::pair<double, unsigned>> best;  // cost, layer
  for (unsigned k = 1; k <= max_hops; ++k) {
    std::unordered_map<Vertex, Step> next;
    for (const auto& [u, step] : layers[k - 1]) {
      if (u == to) continue;
      for (const Edge e : boost::make_iterator_range(out_edges(u, graph.g))) {
        const Vertex v = target(e, graph.g);
        const Link& link = graph.g[e];
        if (v == from || link.weight < min_weight || to_goal[v] == kFar || k + to_goal[v] > max_hops) continue;
        const double cost = step.cost + link_cost(link);
        auto [it, fresh] = next.try_emplace(v, Step{cost, u, e});
        if (!fresh && cost < it->second.cost) it->second = Step{cost, u, e};
      }
    }
    if (const auto hit = next.find(to); hit != next.end() && (!best || hit->second.cost < best->first)) best = {{hit->second.cost, k}};
    layers.push_back(std::move(next));
  }
  if (!best) return std::nullopt;
  Path path;
  path.cost = best->first;
  Vertex v = to;
  for (unsigned k = best->second; k > 0; --k) {
    const Step& s = layers[k].at(v);
    path.vertices.push_back(v);
    path.links.push_back(graph.g[s.edge]);
    v = s.parent;
  }
  path.vertices.push_back(from);
  std::reverse(path.vertices.begin(), path.vertices.end());
  std::reverse(path.links.begin(), path.links.end());
  return path;
}

std::vector<Neighbor> neighbors(const Graph& graph, Vertex start, unsigned depth) {
  std::unordered_map<Vertex, Neighbor> found;
  std::vector<Vertex> frontier{start}, next;
  auto record = [&](Vertex prev, Vertex v, std::optional<Vertex> through, const Link& first, const Link& second, unsigned d) {
    if (v == start) return;
    const uint32_t support = through ? std::min(first.weight, second.weight) : first.weight;
    auto [it, fresh] = found.try_emplace(v, Neighbor{v, d, prev, through, first, second, 0, 0});
    Neighbor& n = it->second;
    if (n.depth != d || n.previous != prev) return;  // reached earlier, or through another entity
    if (fresh) next.push_back(v);
    // The step shown is the best supported, preferring what a fact states
    // (an event, a claim, a relation) over a shared sentence.
    const bool typed = through || first.kind != LinkKind::cooccurrence;
    const bool shown_typed = n.through || n.first.kind != LinkKind::cooccurrence;
    const uint32_t shown = n.through ? std::min(n.first.weight, n.second.weight) : n.first.weight;
    if (!fresh && std::pair(typed, support) > std::pair(shown_typed, shown)) n.through = through, n.first = first, n.second = second;
    n.support += support;
    ++n.routes;
  };
  for (unsigned d = 1; d <= depth && !frontier.empty(); ++d) {
    next.clear();
    for (const Vertex u : frontier)
      for (const Edge e : boost::make_iterator_range(out_edges(u, graph.g))) {
        const Vertex x = target(e, graph.g);
        if (graph.g[x].kind == NodeKind::entity) {
          record(u, x, std::nullopt, graph.g[e], graph.g[e], d);
          continue;
        }
        for (const Edge f : boost::make_iterator_range(out_edges(x, graph.g))) {
          const Vertex y = target(f, graph.g);
          if (y != u && graph.g[y].kind == NodeKind::entity) record(u, y, x, graph.g[e], graph.g[f], d);
        }
      }
    frontier = next;
  }
  std::vector<Neighbor> out;
  out.reserve(found.size());
  for (auto& [v, n] : found) out.push_back(n);
  std::sort(out.begin(), out.end(), [&](const Neighbor& a, const Neighbor& b) {
    if (a.depth != b.depth) return a.depth < b.depth;
    if (a.support != b.support) return a.support > b.support;
    return graph.g[a.entity].label < graph.g[b.entity].label;
  });
  return out;
}

}  // namespace chronicle::graph
