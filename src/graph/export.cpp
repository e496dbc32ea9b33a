// Graph exports (see export.h).
#include "graph/export.h"

#include <fmt/format.h>

#include <boost/range/iterator_range.hpp>
#include <nlohmann/json.hpp>

#include "common/facts.h"
#include "common/utf8.h"
#include "graph/explain.h"

namespace chronicle::graph {

namespace {

using Edge = boost::graph_traits<Csr>::edge_descriptor;

std::string type_name(const Node& n) {
  if (n.kind == NodeKind::entity) return std::string(to_string(static_cast<EntityKind>(n.type)));
  if (n.kind == NodeKind::event) return std::string(to_string(static_cast<EventKind>(n.type)));
  return "claim";
}

// Role of a participant link or predicate of a relation; empty for the others.
std::string role_name(const Link& l) {
  if (l.kind == LinkKind::participant) return std::string(to_string(static_cast<Role>(l.detail)));
  if (l.kind == LinkKind::relation) return std::string(to_string(static_cast<Predicate>(l.detail)));
  return "";
}

// Calls f(source, target, link) once per link, in the direction its fact reads.
template <typename F>
void for_each_link(const Graph& graph, F f) {
  for (Vertex v = 0; v < graph.vertex_count(); ++v)
    for (const Edge e : boost::make_iterator_range(out_edges(v, graph.g)))
      if (graph.g[e].forward) f(v, target(e, graph.g), graph.g[e]);
}

// Text safe inside XML: markup escaped, characters XML 1.0 forbids dropped.
std::string xml(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const size_t at = i;
    const char32_t c = utf8::next(s, i);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        if (c == 0xFFFE || c == 0xFFFF) break;
        out.append(s.substr(at, i - at));
    }
  }
  return out;
}

std::string dot_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out + "\"";
}

std::string csv(std::string_view field) {
  if (field.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// Relationship type for neo4j: PARTICIPANT, PLACE, LEADER_OF, SAID, NAMES, COOCCURS.
std::string neo4j_type(const Link& l) {
  std::string t;
  switch (l.kind) {
    case LinkKind::participant: t = "participant"; break;
    case LinkKind::place: t = "place"; break;
    case LinkKind::relation: t = role_name(l); break;
    case LinkKind::speaker: t = "said"; break;
    case LinkKind::about: t = "names"; break;
    case LinkKind::cooccurrence: t = "cooccurs"; break;
  }
  for (char& c : t) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return t;
}

}  // namespace

std::string export_id(const Graph& graph, Vertex v) {
  return fmt::format("{}:{}", to_string(graph.g[v].kind), graph.g[v].id);
}

void write_graphml(std::ostream& out, const Graph& graph) {
  out << R"(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="kind" for="node" attr.name="kind" attr.type="string"/>
  <key id="type" for="node" attr.name="type" attr.type="string"/>
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="date" for="node" attr.name="date" attr.type="string"/>
  <key id="db_id" for="node" attr.name="db_id" attr.type="long"/>
  <key id="link" for="edge" attr.name="kind" attr.type="string"/>
  <key id="role" for="edge" attr.name="role" attr.type="string"/>
  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
  <graph id="chronicle" edgedefault="directed">
)";
  for (Vertex v = 0; v < graph.vertex_count(); ++v) {
    const Node& n = graph.g[v];
    out << "    <node id=\"" << xml(export_id(graph, v)) << "\">"
        << "<data key=\"kind\">" << to_string(n.kind) << "</data>"
        << "<data key=\"type\">" << xml(type_name(n)) << "</data>"
        << "<data key=\"label\">" << xml(n.label) << "</data>";
    if (!n.date.empty()) out << "<data key=\"date\">" << xml(n.date) << "</data>";
    out << "<data key=\"db_id\">" << n.id << "</data></node>\n";
  }
  size_t i = 0;
  for_each_link(graph, [&](Vertex a, Vertex b, const Link& l) {
    out << "    <edge id=\"l" << i++ << "\" source=\"" << xml(export_id(graph, a)) << "\" target=\"" << xml(export_id(graph, b)) << "\"";
    if (l.kind == LinkKind::cooccurrence) out << " directed=\"false\"";
    out << "><data key=\"link\">" << to_string(l.kind) << "</data>";
    if (const std::string r = role_name(l); !r.empty()) out << "<data key=\"role\">" << r << "</data>";
    out << "<data key=\"weight\">" << l.weight << "</data></edge>\n";
  });
  out << "  </graph>\n</graphml>\n";
}

void write_dot(std::ostream& out, const Graph& graph) {
  out << "digraph chronicle {\n  graph [overlap=false, splines=true];\n  node [fontname=\"Helvetica\", fontsize=10];\n"
         "  edge [fontname=\"Helvetica\", fontsize=8];\n";
  for (Vertex v = 0; v < graph.vertex_count(); ++v) {
    const Node& n = graph.g[v];
    std::string label(n.label);
    if (n.kind == NodeKind::event) label = fmt::format("{} {}\n{}", type_name(n), n.date, n.label);
    if (n.kind == NodeKind::claim) label = fmt::format("claim {}\n{}", n.date, utf8::count(n.label) > 80 ? std::string(n.label.substr(0, 77)) + "..." : std::string(n.label));
    const char* shape = n.kind == NodeKind::entity ? "ellipse" : n.kind == NodeKind::event ? "box" : "note";
    out << "  " << dot_string(export_id(graph, v)) << " [label=" << dot_string(utf8::sanitize(label)) << ", shape=" << shape
        << ", kind=" << dot_string(to_string(n.kind)) << ", type=" << dot_string(type_name(n)) << "];\n";
  }
  for_each_link(graph, [&](Vertex a, Vertex b, const Link& l) {
    std::string label = role_name(l).empty() ? std::string(to_string(l.kind)) : role_name(l);
    out << "  " << dot_string(export_id(graph, a)) << " -> " << dot_string(export_id(graph, b)) << " [label=" << dot_string(label)
        << ", kind=" << dot_string(to_string(l.kind)) << ", weight=" << l.weight
        << (l.kind == LinkKind::cooccurrence ? ", dir=none, style=dashed" : "") << "];\n";
  });
  out << "}\n";
}

void write_json(std::ostream& out, const Graph& graph) {
  nlohmann::ordered_json doc = {{"directed", true}, {"multigraph", true}, {"nodes", nlohmann::ordered_json::array()},
                                {"links", nlohmann::ordered_json::array()}};
  for (Vertex v = 0; v < graph.vertex_count(); ++v) {
    const Node& n = graph.g[v];
    doc["nodes"].push_back({{"id", export_id(graph, v)}, {"kind", to_string(n.kind)}, {"type", type_name(n)}, {"label", n.label},
                            {"date", n.date.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(n.date)}, {"db_id", n.id}});
  }
  for_each_link(graph, [&](Vertex a, Vertex b, const Link& l) {
    const std::string role = role_name(l);
    doc["links"].push_back({{"source", export_id(graph, a)}, {"target", export_id(graph, b)}, {"kind", to_string(l.kind)},
                            {"role", role.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(role)},
                            {"weight", l.weight}, {"directed", l.kind != LinkKind::cooccurrence}});
  });
  out << doc.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void write_neo4j_nodes(std::ostream& out, const Graph& graph) {
  out << "id:ID,name,kind,type,date,db_id:long,:LABEL\n";
  for (Vertex v = 0; v < graph.vertex_count(); ++v) {
    const Node& n = graph.g[v];
    const std::string labels = capitalized(std::string(to_string(n.kind))) + (n.kind == NodeKind::claim ? "" : ";" + capitalized(type_name(n)));
    out << csv(export_id(graph, v)) << ',' << csv(n.label) << ',' << to_string(n.kind) << ',' << csv(type_name(n)) << ','
        << csv(n.date) << ',' << n.id << ',' << labels << '\n';
  }
}

void write_neo4j_relationships(std::ostream& out, const Graph& graph) {
  out << ":START_ID,:END_ID,:TYPE,kind,role,weight:int\n";
  for_each_link(graph, [&](Vertex a, Vertex b, const Link& l) {
    out << csv(export_id(graph, a)) << ',' << csv(export_id(graph, b)) << ',' << neo4j_type(l) << ',' << to_string(l.kind) << ','
        << role_name(l) << ',' << l.weight << '\n';
  });
}

}  // namespace chronicle::graph
