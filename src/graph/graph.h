// The story graph in memory: entities, events and claims as vertices; links for
// participation in an event, an event's place, typed relations, speaker-of and
// about (a claim naming an entity) and co-occurrence in a sentence, each
// weighted by the number of evidence rows behind it. A read-only Boost
// compressed sparse row graph with bundled properties; every link is stored in
// both directions so that traversals see an undirected graph.
#pragma once
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <memory>
#include <utility>
#include <vector>

namespace chronicle::graph {

enum class NodeKind : uint8_t { entity, event, claim };
enum class LinkKind : uint8_t { participant, place, relation, speaker, about, cooccurrence };

std::string_view to_string(NodeKind k);
std::string_view to_string(LinkKind k);

struct Node {
  NodeKind kind = NodeKind::entity;
  uint8_t type = 0;         // EntityKind for entities, EventKind for events, 0 for claims
  int64_t id = 0;           // id in the entities / events / claims view
  std::string_view label;   // entities: canonical name; events and claims: set by load_labels()
  std::string_view date;    // events and claims: set by load_labels(); may stay empty
};                          // (the text lives in the Graph that holds the node)

struct Link {
  LinkKind kind : 3 = LinkKind::participant;
  uint8_t detail : 4 = 0;  // Role for participant links, Predicate for relations, else 0
  bool forward : 1 = true; // this copy runs the way the fact reads: entity -> event,
                           // subject -> object, speaker -> claim, claim -> entity
  uint16_t weight = 1;     // evidence rows, capped at 65535
};
static_assert(sizeof(Link) == 4, "a link is four bytes: millions of them are loaded at once");

using Csr = boost::compressed_sparse_row_graph<boost::directedS, Node, Link, boost::no_property, uint32_t, uint32_t>;
using Vertex = uint32_t;

struct Graph {
  Csr g;
  // Vertices are laid out as entities, then events, then claims, each sorted by id.
  uint32_t entities = 0, events = 0, claims = 0;
  // The single map from names to vertices: folded canonical entity names, sorted.
  std::vector<std::pair<std::string_view, Vertex>> by_name;
  // Storage of the labels, dates and names the nodes and by_name point into.
  std::vector<std::shared_ptr<const std::string>> text;
  bool labels = false;  // load_labels() has run

  uint32_t vertex_count() const { return entities + events + claims; }
  // The vertex of a node of the database, if it is in the graph.
  std::optional<Vertex> find(NodeKind kind, int64_t id) const;
  // The entity vertex whose canonical name folds like `name`.
  std::optional<Vertex> find_name(std::string_view name) const;
  size_t link_count() const { return num_edges(g) / 2; }
};

}  // namespace chronicle::graph
