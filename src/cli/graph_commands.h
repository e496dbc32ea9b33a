// Helpers for the commands that work on the in-memory story graph (path,
// neighbors, entities, export, stats): loading it and finding an entity's vertex.
#pragma once
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "graph/graph.h"
#include "graph/loader.h"
#include "graph/lookup.h"
#include "store/db.h"

namespace chronicle::cli {

// The best match for `name` and its vertex. throws: InputError when no entity
// has that name (with suggestions).
std::pair<graph::EntityRef, graph::Vertex> entity_vertex(store::Db& db, const graph::Graph& g, std::string_view name);

// JSON of a vertex as docs/json-output.md describes nodes.
nlohmann::ordered_json node_json(store::Db& db, const graph::Graph& g, graph::Vertex v);
nlohmann::ordered_json link_json(const graph::Link& link);

}  // namespace chronicle::cli
