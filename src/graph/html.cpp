// The HTML overview page (see export.h, write_html): one file a reader can open
// offline: the timeline, the key actors and the claims, each with the sentences
// and documents behind it. Inline CSS only; no scripts, fonts or images.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/facts.h"
#include "common/utf8.h"
#include "graph/centrality.h"
#include "graph/claims.h"
#include "graph/export.h"
#include "graph/lookup.h"
#include "graph/timeline.h"
#include "store/catalog.h"

namespace chronicle::graph {

namespace {

std::string h(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

constexpr const char* kStyle = R"css(
:root { --ink:#1d232b; --muted:#5d6773; --line:#d9dee4; --accent:#8a3b12; --chip:#f1ede6; }
* { box-sizing:border-box; }
body { margin:0; font:15px/1.5 Georgia, 'Times New Roman', serif; color:var(--ink); background:#fbfaf7; }
header { padding:28px 40px 18px; border-bottom:3px double var(--line); background:#fff; }
header h1 { margin:0 0 4px; font-size:26px; letter-spacing:.3px; }
header p { margin:0; color:var(--muted); font:13px/1.4 system-ui, sans-serif; }
nav { font:13px system-ui, sans-serif; margin-top:10px; }
nav a { color:var(--accent); margin-right:16px; text-decoration:none; }
main { display:grid; grid-template-columns:minmax(0,2fr) minmax(0,1fr); gap:32px; padding:24px 40px; }
section h2 { font-size:18px; border-bottom:1px solid var(--line); padding-bottom:4px; margin:8px 0 14px; }
.event { display:grid; grid-template-columns:108px minmax(0,1fr); gap:12px; padding:10px 0; border-bottom:1px dotted var(--line); }
.date { font:600 13px/1.6 ui-monospace, 'DejaVu Sans Mono', monospace; color:var(--accent); }
.date small { display:block; font-weight:400; color:var(--muted); }
.kind { display:inline-block; font:11px system-ui, sans-serif; text-transform:uppercase; letter-spacing:.6px;
        background:var(--chip); border-radius:3px; padding:1px 6px; margin-right:6px; color:#5a4a33; }
.label { font-weight:600; }
.who, .where { font:13px system-ui, sans-serif; color:var(--muted); }
blockquote { margin:6px 0 0; padding:2px 0 2px 12px; border-left:3px solid var(--line); font-style:italic; }
.src { font:12px system-ui, sans-serif; color:var(--muted); }
.src a { color:var(--muted); }
td a { color:var(--accent); }
table { width:100%; border-collapse:collapse; font:13px system-ui, sans-serif; }
th, td { text-align:left; padding:5px 6px; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-weight:600; color:var(--muted); }
td.num { text-align:right; font-variant-numeric:tabular-nums; }
.claim { padding:10px 0; border-bottom:1px dotted var(--line); }
.speaker { font:600 13px system-ui, sans-serif; }
.content { margin:2px 0; }
.more { color:var(--muted); font:12px system-ui, sans-serif; }
footer { padding:16px 40px 32px; color:var(--muted); font:12px system-ui, sans-serif; }
@media (max-width: 900px) { main { grid-template-columns:1fr; } }
)css";

std::string source_html(const Source& s) {
  std::string text = h(s.title.empty() ? "(untitled)" : s.title);
  if (!s.uri.empty()) text = fmt::format("<a href=\"{}\">{}</a>", h(s.uri), text);
  std::string meta = h(s.source);
  if (!s.published.empty()) meta += (meta.empty() ? "" : ", ") + h(s.published.substr(0, 10));
  return meta.empty() ? text : fmt::format("{} · {}", text, meta);
}

void evidence_html(std::ostream& out, const std::vector<Evidence>& evidence) {
  for (const Evidence& e : evidence)
    out << "<blockquote>" << h(e.sentence.empty() ? e.text : e.sentence) << "<div class=\"src\">" << source_html(e.document)
        << "</div></blockquote>\n";
}

void event_html(std::ostream& out, const TimelineEvent& e) {
  const std::string_view precision = date_precision(e.date);
  out << "<div class=\"event\"><div class=\"date\">" << h(e.date.empty() ? "undated" : e.date);
  if (!precision.empty()) out << "<small>" << precision << "</small>";
  out << "</div><div><span class=\"kind\">" << h(e.kind) << "</span><span class=\"label\">" << h(e.label) << "</span>"
      << " <span class=\"src\">(" << e.sources << " source" << (e.sources == 1 ? "" : "s") << ")</span>";
  std::string who;
  for (const EventParticipant& p : e.participants) who += (who.empty() ? "" : ", ") + h(p.entity) + " <i>" + h(p.role) + "</i>";
  if (!who.empty()) out << "<div class=\"who\">Who: " << who << "</div>";
  if (!e.place.empty()) out << "<div class=\"where\">Where: " << h(e.place) << "</div>";
  evidence_html(out, e.evidence);
  out << "</div></div>\n";
}

void timeline_html(std::ostream& out, store::Db& db, const HtmlOptions& o) {
  TimelineQuery q;
  q.evidence = false;
  Timeline t = timeline(db, q);
  out << "<section id=\"timeline\"><h2>Timeline</h2>\n";
  if (t.dated.empty() && t.undated.empty()) out << "<p class=\"more\">No events were found.</p>\n";
  EvidenceReader reader(db);
  size_t shown = 0;
  for (auto* list : {&t.dated, &t.undated}) {
    if (list == &t.undated && !t.undated.empty()) out << "<h2>Undated events</h2>\n";
    for (size_t i = 0; i < list->size() && shown < o.events; ++i, ++shown) {
      TimelineEvent& e = (*list)[i];
      e.evidence = event_evidence(db, reader, e.id, 1);
      event_html(out, e);
    }
  }
  if (t.dated.size() + t.undated.size() > shown)
    out << "<p class=\"more\">… and " << t.dated.size() + t.undated.size() - shown << " more events (chronicle timeline).</p>\n";
  out << "</section>\n";
}

void actors_html(std::ostream& out, store::Db& db, const Graph& g, const HtmlOptions& o) {
  const std::vector<double> rank = centrality(g, Measure::pagerank);
  std::vector<Vertex> order;
  for (Vertex v = 0; v < g.entities; ++v) order.push_back(v);
  const size_t n = std::min(o.actors, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n), order.end(),
                    [&](Vertex a, Vertex b) { return rank[a] != rank[b] ? rank[a] > rank[b] : g.g[a].label < g.g[b].label; });
  out << "<section id=\"actors\"><h2>Key actors</h2><p class=\"more\">Ranked by PageRank over the graph of entities, events "
         "and claims.</p>\n<table><tr><th>#</th><th>Actor</th><th>Kind</th><th class=\"num\">Docs</th><th class=\"num\">Mentions</th></tr>\n";
  for (size_t i = 0; i < n; ++i) {
    const Node& node = g.g[order[i]];
    int64_t mentions = 0, documents = 0;
    std::string aliases;
    store::Stmt& s = store::cached_named(db, "entity_counts");
    s.bind(":id", node.id);
    if (s.step()) {
      mentions = s.int64(0), documents = s.int64(1);
      for (const std::string& a : distinct_aliases(s.text(2), node.label)) aliases += (aliases.empty() ? "" : ", ") + a;
    }
    s.reset();
    out << "<tr><td class=\"num\">" << i + 1 << "</td><td><b>" << h(node.label) << "</b>";
    if (!aliases.empty()) out << "<div class=\"src\">also " << h(aliases) << "</div>";
    out << "</td><td>" << to_string(static_cast<EntityKind>(node.type)) << "</td><td class=\"num\">" << documents
        << "</td><td class=\"num\">" << mentions << "</td></tr>\n";
  }
  out << "</table></section>\n";
}

void claims_html(std::ostream& out, store::Db& db, const HtmlOptions& o) {
  ClaimQuery q;
  q.limit = o.claims;
  q.evidence_limit = 1;
  const std::vector<Claim> list = claims(db, q);
  out << "<section id=\"claims\"><h2>Claims</h2>\n";
  if (list.empty()) out << "<p class=\"more\">No claims were found.</p>\n";
  for (const Claim& c : list) {
    out << "<div class=\"claim\"><div class=\"speaker\">" << h(c.speaker.empty() ? "Unknown speaker" : c.speaker)
        << " <span class=\"src\">" << (c.quoted ? "quoted" : "reported") << (c.date.empty() ? "" : ", " + h(c.date)) << "</span></div>"
        << "<div class=\"content\">“" << h(c.content) << "”</div>";
    for (const Evidence& e : c.evidence) out << "<div class=\"src\">" << source_html(e.document) << "</div>";
    out << "</div>\n";
  }
  if (list.size() >= o.claims) out << "<p class=\"more\">Showing the first " << o.claims << " claims (chronicle claims).</p>\n";
  out << "</section>\n";
}

void sources_html(std::ostream& out, store::Db& db, const HtmlOptions& o) {
  store::Stmt s = store::prepare_named(db, "html_documents");
  s.bind(":limit", static_cast<int64_t>(o.sources));
  out << "<section id=\"sources\"><h2>Sources</h2>\n<table><tr><th>Document</th><th>Published</th></tr>\n";
  while (s.step()) {
    const Source src{s.int64(0), s.str(1), s.str(2), s.str(3), s.str(4)};
    out << "<tr><td>" << source_html(Source{src.document_id, src.title, src.uri, src.source, {}}) << "</td><td>"
        << h(src.published.substr(0, std::min<size_t>(10, src.published.size()))) << "</td></tr>\n";
  }
  out << "</table></section>\n";
}

}  // namespace

void write_html(std::ostream& out, store::Db& db, const Graph& graph, const HtmlOptions& o) {
  const int64_t documents = db.scalar(store::named_query("html_document_count"), "html_document_count").value_or(0);
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << h(o.title) << "</title>\n<style>" << kStyle << "</style></head>\n<body>\n<header><h1>" << h(o.title) << "</h1>\n"
      << "<p>" << documents << " documents · " << graph.entities << " entities · " << graph.events << " events · " << graph.claims
      << " claims · " << graph.link_count() << " links</p>\n"
      << "<nav><a href=\"#timeline\">Timeline</a><a href=\"#actors\">Actors</a><a href=\"#claims\">Claims</a>"
      << "<a href=\"#sources\">Sources</a></nav></header>\n<main><div>\n";
  timeline_html(out, db, o);
  claims_html(out, db, o);
  out << "</div><div>\n";
  actors_html(out, db, graph, o);
  sources_html(out, db, o);
  out << "</div></main>\n<footer>Made by chronicle " << CHRONICLE_VERSION
      << " from the database views; every item links to the documents it came from.</footer>\n</body></html>\n";
}

}  // namespace chronicle::graph
