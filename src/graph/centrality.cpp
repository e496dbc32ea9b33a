// Centrality and components with the Boost Graph Library (see centrality.h).
#include "graph/centrality.h"

#include <algorithm>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/page_rank.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/property_map/property_map.hpp>

namespace chronicle::graph {

std::string_view to_string(Measure m) { return m == Measure::pagerank ? "pagerank" : "betweenness"; }

std::vector<double> centrality(const Graph& graph, Measure measure) {
  const auto index = get(boost::vertex_index, graph.g);
  std::vector<double> scores(graph.vertex_count(), 0.0);
  if (graph.vertex_count() == 0) return scores;
  auto map = boost::make_iterator_property_map(scores.begin(), index);
  if (measure == Measure::pagerank) {
    std::vector<double> scratch(graph.vertex_count(), 0.0);
    boost::graph::page_rank(graph.g, map, boost::graph::n_iterations(30), 0.85, graph.vertex_count(),
                            boost::make_iterator_property_map(scratch.begin(), index));
  } else {
    boost::brandes_betweenness_centrality(graph.g, boost::centrality_map(map).vertex_index_map(index));
  }
  return scores;
}

Components components(const Graph& graph) {
  Components out;
  const size_t n = graph.vertex_count();
  if (n == 0) return out;
  // Links are stored both ways, so strong components are the connected ones.
  std::vector<uint32_t> component(n);
  out.count = boost::strong_components(graph.g, boost::make_iterator_property_map(component.begin(), get(boost::vertex_index, graph.g)));
  out.sizes.assign(out.count, 0);
  std::vector<size_t> entities(out.count, 0);
  for (Vertex v = 0; v < n; ++v) {
    ++out.sizes[component[v]];
    if (graph.g[v].kind == NodeKind::entity) ++entities[component[v]];
    if (out_degree(v, graph.g) == 0) ++out.isolated;
  }
  const size_t biggest = static_cast<size_t>(std::max_element(out.sizes.begin(), out.sizes.end()) - out.sizes.begin());
  out.largest = out.sizes[biggest];
  out.largest_entities = entities[biggest];
  std::sort(out.sizes.begin(), out.sizes.end(), std::greater<>());
  return out;
}

}  // namespace chronicle::graph
