// The one loader of the story graph: reads the vertices and weighted links from
// the database (or from the cached adjacency when it is current), builds the
// compressed sparse row graph and the name -> vertex map. When the database file
// is writable it also records sentence co-occurrence for new documents and
// refreshes the cache, so the next load is a single blob read.
#pragma once
#include <string>

#include "graph/graph.h"
#include "store/db.h"

namespace chronicle::graph {

struct LoadOptions {
  bool labels = false;     // also read event labels and dates, claim contents and dates
  bool use_cache = true;   // read, and when possible refresh, graph_cache
};

struct LoadReport {
  bool from_cache = false;
  bool cache_written = false;
  size_t documents_scanned = 0;  // for co-occurrence, in this load
};

// throws: store::StoreError.
Graph load(store::Db& db, const LoadOptions& options = {}, LoadReport* report = nullptr);

// Fills Node::label and Node::date of events and claims. throws: store::StoreError.
void load_labels(store::Db& db, Graph& graph);

}  // namespace chronicle::graph
