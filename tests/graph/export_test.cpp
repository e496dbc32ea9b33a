// Exports of the harbour story, checked with real parsers: GraphML with
// python3's xml.etree and xmllint, DOT with Graphviz when installed, JSON with
// nlohmann, CSV by counting columns, HTML for being self-contained.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "../cli/run.h"
#include "graph/export.h"
#include "graph/loader.h"
#include "story.h"

using namespace chronicle;

namespace {

struct Exported {
  testing::TempDb tmp{"export"};
  std::unique_ptr<store::Db> db;
  graph::Graph g;
  Exported() {
    tmp.store(testing::harbour_story());
    db = store::open_database(tmp.path(), store::OpenMode::read_only);
    g = graph::load(*db, {.labels = true});
  }
  std::string file(const char* name, const std::string& text) const {
    const std::string path = (std::filesystem::temp_directory_path() / name).string();
    std::ofstream(path) << text;
    return path;
  }
};

bool have(const char* tool) { return testing::run_shell(std::string("command -v ") + tool + " >/dev/null").status == 0; }

// Fields of one CSV line (RFC 4180 quoting, no embedded newlines).
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
    else if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

}  // namespace

TEST_CASE("export: GraphML parses as XML with typed keys, every node and link") {
  Exported x;
  std::ostringstream out;
  graph::write_graphml(out, x.g);
  const std::string path = x.file("chronicle-test.graphml", out.str());
  const std::string script =
      "import sys, xml.etree.ElementTree as ET\n"
      "ns = {'g': 'http://graphml.graphdrawing.org/xmlns'}\n"
      "root = ET.parse(sys.argv[1]).getroot()\n"
      "keys = {k.get('attr.name') + '/' + k.get('for'): k.get('attr.type') for k in root.findall('g:key', ns)}\n"
      "assert keys['weight/edge'] == 'double' and keys['label/node'] == 'string' and keys['kind/node'] == 'string', keys\n"
      "g = root.find('g:graph', ns)\n"
      "ids = {n.get('id') for n in g.findall('g:node', ns)}\n"
      "edges = g.findall('g:edge', ns)\n"
      "assert all(e.get('source') in ids and e.get('target') in ids for e in edges)\n"
      "print(len(ids), len(edges))\n";
  const std::string script_path = x.file("chronicle-test-graphml.py", script);
  const auto r = testing::run_shell("python3 " + testing::shell_quote(script_path) + " " + testing::shell_quote(path));
  CHECK_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == fmt::format("{} {}\n", x.g.vertex_count(), x.g.link_count()));
  if (have("xmllint")) CHECK(testing::run_shell("xmllint --noout " + testing::shell_quote(path)).status == 0);
  CHECK(out.str().find("<data key=\"label\">Lena Ortiz</data>") != std::string::npos);
}

TEST_CASE("export: DOT is accepted by Graphviz") {
  Exported x;
  std::ostringstream out;
  graph::write_dot(out, x.g);
  CHECK(out.str().find("\"entity:1\"") != std::string::npos);
  if (!have("dot")) {
    MESSAGE("graphviz not installed; DOT checked by content only");
    return;
  }
  const std::string path = x.file("chronicle-test.dot", out.str());
  const auto r = testing::run_shell("dot -Tplain " + testing::shell_quote(path));
  CHECK_MESSAGE(r.status == 0, r.err);
  size_t nodes = 0, edges = 0;
  std::istringstream in(r.out);
  for (std::string w, line; std::getline(in, line);) {
    std::istringstream(line) >> w;
    nodes += w == "node", edges += w == "edge";
  }
  CHECK(nodes == x.g.vertex_count());
  CHECK(edges == x.g.link_count());
}

TEST_CASE("export: node-link JSON") {
  Exported x;
  std::ostringstream out;
  graph::write_json(out, x.g);
  const auto doc = nlohmann::json::parse(out.str());
  REQUIRE(doc["nodes"].size() == x.g.vertex_count());
  REQUIRE(doc["links"].size() == x.g.link_count());
  std::set<std::string> ids;
  for (const auto& n : doc["nodes"]) ids.insert(n["id"].get<std::string>());
  for (const auto& l : doc["links"]) {
    CHECK(ids.count(l["source"].get<std::string>()) == 1);
    CHECK(ids.count(l["target"].get<std::string>()) == 1);
    CHECK(l["weight"].get<int>() >= 1);
  }
  const auto event = std::find_if(doc["nodes"].begin(), doc["nodes"].end(), [](const auto& n) { return n["kind"] == "event"; });
  REQUIRE(event != doc["nodes"].end());
  CHECK((*event)["label"].get<std::string>().size() > 0);
}

TEST_CASE("export: neo4j-admin CSV headers and column counts") {
  Exported x;
  std::ostringstream nodes, rels;
  graph::write_neo4j_nodes(nodes, x.g);
  graph::write_neo4j_relationships(rels, x.g);
  const struct {
    std::string text;
    const char* header;
    size_t rows;
  } files[] = {{nodes.str(), "id:ID,name,kind,type,date,db_id:long,:LABEL", x.g.vertex_count()},
               {rels.str(), ":START_ID,:END_ID,:TYPE,kind,role,weight:int", x.g.link_count()}};
  for (const auto& f : files) {
    std::istringstream in(f.text);
    std::string line;
    REQUIRE(std::getline(in, line));
    CHECK(line == f.header);
    const size_t columns = csv_fields(line).size();
    size_t rows = 0;
    while (std::getline(in, line)) {
      CAPTURE(line);
      CHECK(csv_fields(line).size() == columns);
      ++rows;
    }
    CHECK(rows == f.rows);
  }
  CHECK(rels.str().find(",LEADER_OF,") != std::string::npos);
  CHECK(nodes.str().find("Entity;Person") != std::string::npos);
}

TEST_CASE("export: the HTML page is self-contained and shows timeline, actors and claims with sources") {
  Exported x;
  std::ostringstream out;
  graph::write_html(out, *x.db, x.g);
  const std::string html = out.str();
  for (const char* absent : {"<script", "<link", "src=", "@import", "url("}) {
    CAPTURE(absent);
    CHECK(html.find(absent) == std::string::npos);
  }
  for (const char* present : {"id=\"timeline\"", "id=\"actors\"", "id=\"claims\"", "Lena Ortiz meets Tomas Berg in Carville",
                              "Mayor Lena Ortiz met union leader Tomas Berg in Carville on Monday.", "Harbour Gazette",
                              "https://valleypost.example/2025/03/05/carville", "the port strike must end this week", "Undated events"}) {
    CAPTURE(present);
    CHECK(html.find(present) != std::string::npos);
  }
  if (testing::run_shell("command -v xmllint >/dev/null").status == 0) {
    const std::string path = x.file("chronicle-test.html", html);
    CHECK(testing::run_shell("xmllint --html --noout " + testing::shell_quote(path)).status == 0);
  }
}
