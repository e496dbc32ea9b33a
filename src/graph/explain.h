// Saying what graph vertices and links are, in words and with evidence: the
// label of an entity, event or claim, and the sentences that support one link
// (the event mention naming a participant, the span stating a relation, the
// claim attributed to a speaker, the sentence naming two entities together).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "graph/evidence.h"
#include "graph/graph.h"
#include "store/db.h"

namespace chronicle::graph {

struct NodeInfo {
  NodeKind kind = NodeKind::entity;
  int64_t id = 0;
  std::string type;     // entity kind or event kind; "claim" for claims
  std::string label;    // name, event label, or claim content
  std::string date;     // events and claims, may be empty
  std::string speaker;  // claims, may be empty
};

NodeInfo describe(store::Db& db, const Graph& graph, Vertex v);

// "Lena Ortiz", "meeting 2025-03-03: Ortiz and Berg meet", "claim by X: “...”".
std::string short_label(const NodeInfo& n);

// The role or predicate of a link read from `from` to `to`: "agent",
// "leader_of", "said", "about", "place", "same sentence".
std::string link_phrase(const Link& link);

// Up to `limit` pieces of evidence for the link from `from` to `to`.
std::vector<Evidence> link_evidence(store::Db& db, EvidenceReader& reader, const Graph& graph, Vertex from, Vertex to,
                                    const Link& link, size_t limit);

}  // namespace chronicle::graph
