// Paths and neighbourhoods (see paths.h). Both walk the CSR adjacency with
// bounds: a path search never looks further than max_hops from either end.
#include "graph/paths.h"

#include <algorithm>
#include <boost/range/iterator_range.hpp>
#include <limits>
#include <queue>
#include <unordered_map>
#include <utility>

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

// One way of reaching a vertex in exactly k hops: the layer's entry points to
// the entry of the previous layer it came from.
struct Step {
  Vertex v = 0;
  uint32_t parent = 0;  // index into the previous layer
  Edge edge;
  double cost = 0;
};

}  // namespace

double link_cost(const Link& link) { return 1.0 + 1.0 / std::max<uint16_t>(link.weight, 1); }

// Bidirectional Dijkstra without the hop bound: both searches grow from their
// end until the two cheapest frontier costs add up to the best meeting found.
// Links are stored both ways with the same cost, so the backward search walks
// the same adjacency.
std::optional<Path> meeting_path(const Graph& graph, Vertex from, Vertex to, uint32_t min_weight) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  using Item = std::pair<double, Vertex>;
  const size_t n = graph.vertex_count();
  std::vector<double> dist[2] = {std::vector<double>(n, kInf), std::vector<double>(n, kInf)};
  std::vector<Edge> parent[2] = {std::vector<Edge>(n), std::vector<Edge>(n)};
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap[2];
  dist[0][from] = 0, dist[1][to] = 0;
  heap[0].emplace(0.0, from), heap[1].emplace(0.0, to);
  double best = kInf;
  std::optional<Vertex> meet;
  while (!heap[0].empty() && !heap[1].empty()) {
    if (heap[0].top().first + heap[1].top().first >= best) break;
    const int side = heap[0].size() <= heap[1].size() ? 0 : 1;
    const auto [d, u] = heap[side].top();
    heap[side].pop();
    if (d > dist[side][u]) continue;
    for (const Edge e : boost::make_iterator_range(out_edges(u, graph.g))) {
      const Link& link = graph.g[e];
      if (link.weight < min_weight) continue;
      const Vertex v = target(e, graph.g);
      const double nd = d + link_cost(link);
      if (nd < dist[side][v]) {
        dist[side][v] = nd;
        parent[side][v] = e;
        heap[side].emplace(nd, v);
      }
      if (dist[1 - side][v] < kInf && dist[side][v] + dist[1 - side][v] < best) best = dist[side][v] + dist[1 - side][v], meet = v;
    }
  }
  if (!meet) return std::nullopt;
  Path path;
  path.cost = best;
  for (Vertex v = *meet; v != from;) {  // back to the start
    const Edge e = parent[0][v];
    path.vertices.push_back(v);
    path.links.push_back(graph.g[e]);
    v = source(e, graph.g);
  }
  path.vertices.push_back(from);
  std::reverse(path.vertices.begin(), path.vertices.end());
  std::reverse(path.links.begin(), path.links.end());
  for (Vertex v = *meet; v != to;) {  // on to the goal, reading each stored link backwards
    const Edge e = parent[1][v];
    Link link = graph.g[e];
    link.forward = !link.forward;
    path.links.push_back(link);
    v = source(e, graph.g);
    path.vertices.push_back(v);
  }
  return path;
}

// Exact search under the hop bound: the cheapest way to each vertex in exactly
// k hops, layer by layer. Used when the unbounded cheapest path is too long.
std::optional<Path> layered_path(const Graph& graph, Vertex from, Vertex to, unsigned max_hops, uint32_t min_weight) {
  const std::vector<uint8_t> to_goal = hops_to(graph, to, max_hops, min_weight);
  if (to_goal[from] == kFar) return std::nullopt;
  // layers[k]: the cheapest way to reach each vertex in exactly k hops, kept only
  // for vertices that can still reach the goal within the bound, and only while
  // they can still beat the best path found (every further hop costs more than 1).
  std::vector<std::vector<Step>> layers(1, std::vector<Step>{Step{from, 0, {}, 0.0}});
  std::vector<int32_t> slot(graph.vertex_count(), -1);
  std::optional<std::pair<unsigned, uint32_t>> best;  // layer, entry
  double best_cost = std::numeric_limits<double>::infinity();
  for (unsigned k = 1; k <= max_hops; ++k) {
    std::vector<Step> next;
    const std::vector<Step>& prev = layers[k - 1];
    for (uint32_t i = 0; i < prev.size(); ++i) {
      const Step& step = prev[i];
      if (step.v == to) continue;
      for (const Edge e : boost::make_iterator_range(out_edges(step.v, graph.g))) {
        const Vertex v = target(e, graph.g);
        const Link& link = graph.g[e];
        if (v == from || link.weight < min_weight || to_goal[v] == kFar || k + to_goal[v] > max_hops) continue;
        const double cost = step.cost + link_cost(link);
        if (cost + to_goal[v] >= best_cost) continue;
        if (slot[v] < 0) {
          slot[v] = static_cast<int32_t>(next.size());
          next.push_back(Step{v, i, e, cost});
        } else if (cost < next[static_cast<size_t>(slot[v])].cost) {
          next[static_cast<size_t>(slot[v])] = Step{v, i, e, cost};
        }
      }
    }
    for (const Step& s : next) slot[s.v] = -1;
    for (uint32_t i = 0; i < next.size(); ++i)
      if (next[i].v == to && next[i].cost < best_cost) best_cost = next[i].cost, best = {{k, i}};
    if (next.empty()) break;
    layers.push_back(std::move(next));
  }
  if (!best) return std::nullopt;
  Path path;
  path.cost = best_cost;
  uint32_t at = best->second;
  for (unsigned k = best->first; k > 0; --k) {
    const Step& s = layers[k][at];
    path.vertices.push_back(s.v);
    path.links.push_back(graph.g[s.edge]);
    at = s.parent;
  }
  path.vertices.push_back(from);
  std::reverse(path.vertices.begin(), path.vertices.end());
  std::reverse(path.links.begin(), path.links.end());
  return path;
}

std::optional<Path> best_path(const Graph& graph, Vertex from, Vertex to, unsigned max_hops, uint32_t min_weight) {
  if (from == to || max_hops == 0) return std::nullopt;
  max_hops = std::min(max_hops, 32u);
  std::optional<Path> path = meeting_path(graph, from, to, min_weight);
  if (!path || path->hops() <= max_hops) return path;
  return layered_path(graph, from, to, max_hops, min_weight);
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
