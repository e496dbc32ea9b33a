// Labels and link evidence (see explain.h).
#include "graph/explain.h"

#include <fmt/format.h>

#include "common/facts.h"
#include "store/catalog.h"

namespace chronicle::graph {

namespace {

using Spans = std::vector<std::tuple<int64_t, int64_t, int64_t>>;

Spans spans_of(store::Stmt& s, size_t limit) {
  s.bind(":limit", static_cast<int64_t>(limit));
  Spans out;
  while (s.step()) out.emplace_back(s.int64(0), s.int64(1), s.int64(2));
  s.reset();
  return out;
}

// Sentences naming both entities, found from their mentions when no pairs were recorded.
Spans shared_sentences(store::Db& db, EvidenceReader& reader, int64_t a, int64_t b, size_t limit) {
  std::vector<std::tuple<int64_t, int64_t, int64_t, int64_t, int64_t>> pairs;
  store::Stmt& s = store::cached_named(db, "hop_comention");
  s.bind(":a", a).bind(":b", b);
  while (s.step()) pairs.emplace_back(s.int64(0), s.int64(1), s.int64(2), s.int64(3), s.int64(4));
  s.reset();
  Spans out;
  int64_t last_doc = -1, last_sentence = -1;
  for (const auto& [doc, a_start, a_end, b_start, b_end] : pairs) {
    const int64_t sa = reader.sentence_of(doc, a_start);
    if (sa < 0 || sa != reader.sentence_of(doc, b_start) || (doc == last_doc && sa == last_sentence)) continue;
    out.emplace_back(doc, std::min(a_start, b_start), std::max(a_end, b_end));
    last_doc = doc, last_sentence = sa;
    if (out.size() >= limit) break;
  }
  return out;
}

}  // namespace

NodeInfo describe(store::Db& db, const Graph& graph, Vertex v) {
  const Node& node = graph.g[v];
  NodeInfo out{node.kind, node.id, {}, std::string(node.label), std::string(node.date), {}};
  if (node.kind == NodeKind::entity) {
    out.type = to_string(static_cast<EntityKind>(node.type));
  } else if (node.kind == NodeKind::event) {
    store::Stmt& s = store::cached_named(db, "event_label");
    s.bind(":id", node.id);
    if (s.step()) out.type = s.str(0), out.label = s.str(1), out.date = s.str(2);
    s.reset();
  } else {
    store::Stmt& s = store::cached_named(db, "claim_label");
    s.bind(":id", node.id);
    if (s.step()) out.type = "claim", out.speaker = s.str(0), out.label = s.str(1), out.date = s.str(2);
    s.reset();
  }
  return out;
}

std::string short_label(const NodeInfo& n) {
  switch (n.kind) {
    case NodeKind::entity: return n.label;
    case NodeKind::event: return fmt::format("{} {}: {}", n.type, n.date.empty() ? "(undated)" : n.date, n.label);
    case NodeKind::claim:
      return fmt::format("claim{}: “{}”", n.speaker.empty() ? "" : " by " + n.speaker, n.label);
  }
  return n.label;
}

std::string link_phrase(const Link& link) {
  switch (link.kind) {
    case LinkKind::participant: return std::string(to_string(static_cast<Role>(link.detail)));
    case LinkKind::place: return "place";
    case LinkKind::relation: {
      const std::string p(to_string(static_cast<Predicate>(link.detail)));
      return link.forward ? p : "inverse " + p;
    }
    case LinkKind::speaker: return link.forward ? "said" : "said by";
    case LinkKind::about: return link.forward ? "names" : "named in";
    case LinkKind::cooccurrence: return "same sentence";
  }
  return "";
}

std::vector<Evidence> link_evidence(store::Db& db, EvidenceReader& reader, const Graph& graph, Vertex from, Vertex to,
                                    const Link& link, size_t limit) {
  // Read the link the way the fact is stated: a is its subject.
  const Vertex a = link.forward ? from : to, b = link.forward ? to : from;
  const int64_t a_id = graph.g[a].id, b_id = graph.g[b].id;
  Spans spans;
  switch (link.kind) {
    case LinkKind::participant:
    case LinkKind::place: {
      store::Stmt& s = store::cached_named(db, link.kind == LinkKind::place ? "hop_place" : "hop_participant");
      s.bind(":entity", a_id).bind(":event", b_id);
      spans = spans_of(s, limit);
      break;
    }
    case LinkKind::relation: {
      store::Stmt& s = store::cached_named(db, "hop_relation");
      s.bind(":subject", a_id).bind(":object", b_id).bind(":predicate", to_string(static_cast<Predicate>(link.detail)));
      spans = spans_of(s, limit);
      break;
    }
    case LinkKind::speaker: {
      store::Stmt& s = store::cached_named(db, "hop_speaker");
      s.bind(":entity", a_id).bind(":claim", b_id);
      spans = spans_of(s, limit);
      break;
    }
    case LinkKind::about: {
      store::Stmt& s = store::cached_named(db, "hop_about");
      s.bind(":claim", a_id).bind(":entity", b_id);
      spans = spans_of(s, limit);
      break;
    }
    case LinkKind::cooccurrence: {
      // Drive the lookup from the entity with fewer links (fewer documents).
      const auto [rare, common] = out_degree(a, graph.g) <= out_degree(b, graph.g) ? std::pair(a_id, b_id) : std::pair(b_id, a_id);
      if (store::has_table(db, "cooccurrence")) {
        store::Stmt& s = store::cached_named(db, "hop_cooccurrence");
        s.bind(":a", rare).bind(":b", common);
        spans = spans_of(s, limit);
      }
      if (spans.empty()) spans = shared_sentences(db, reader, rare, common, limit);
      break;
    }
  }
  std::vector<Evidence> out;
  for (const auto& [doc, start, end] : spans) out.push_back(reader.at(doc, start, end));
  return out;
}

}  // namespace chronicle::graph
