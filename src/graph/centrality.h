// Who matters in the story: PageRank or betweenness centrality over the whole
// graph (entities, events and claims; links in both directions, unweighted),
// and the graph's connected components.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include "graph/graph.h"

namespace chronicle::graph {

enum class Measure { pagerank, betweenness };

std::string_view to_string(Measure m);

// Betweenness is exact (Brandes, O(V·E)); above this many vertices it is refused.
inline constexpr size_t kMaxBetweennessVertices = 50000;

// One score per vertex. requires: betweenness only when vertex_count() <=
// kMaxBetweennessVertices.
std::vector<double> centrality(const Graph& graph, Measure measure);

struct Components {
  size_t count = 0;              // connected components, isolated vertices included
  size_t isolated = 0;           // vertices without any link
  size_t largest = 0;            // vertices in the largest component
  size_t largest_entities = 0;   // entities in the largest component
  std::vector<size_t> sizes;     // every component's size, largest first
};

Components components(const Graph& graph);

}  // namespace chronicle::graph
