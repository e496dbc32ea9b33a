// Writing the story graph for other tools: GraphML (Gephi, yEd, typed
// attributes), Graphviz DOT, node-link JSON (d3, networkx), CSV laid out for
// `neo4j-admin database import`, and one self-contained HTML page for people.
// Each link is written once, the way its fact reads (entity -> event, subject ->
// object, speaker -> claim, claim -> entity); co-occurrence is undirected.
// requires: the graph's labels are loaded (load_labels) for all but HTML.
#pragma once
#include <ostream>
#include <string>

#include "graph/graph.h"
#include "store/db.h"

namespace chronicle::graph {

void write_graphml(std::ostream& out, const Graph& graph);
void write_dot(std::ostream& out, const Graph& graph);
void write_json(std::ostream& out, const Graph& graph);
void write_neo4j_nodes(std::ostream& out, const Graph& graph);          // nodes.csv
void write_neo4j_relationships(std::ostream& out, const Graph& graph);  // relationships.csv

struct HtmlOptions {
  std::string title = "chronicle: the story";
  size_t events = 1000, actors = 30, claims = 500, sources = 500;  // caps per section
};

// One page: timeline, key actors (PageRank), claims and sources, with the
// sentences behind them; inline CSS, no scripts, nothing fetched from the network.
void write_html(std::ostream& out, store::Db& db, const Graph& graph, const HtmlOptions& options = {});

// The stable id of a vertex in every export: "entity:12", "event:3", "claim:5".
std::string export_id(const Graph& graph, Vertex v);

}  // namespace chronicle::graph
