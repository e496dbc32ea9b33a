// `chronicle export`: the story graph for other tools (GraphML for Gephi and
// yEd, DOT for Graphviz, node-link JSON, CSV for neo4j-admin import) or as one
// self-contained HTML page for readers.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "graph/export.h"
#include "graph/loader.h"

namespace chronicle::cli {

namespace {

struct ExportOptions {
  std::string db, format, out, title = "chronicle: the story";
};

std::ofstream open_out(const std::filesystem::path& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw InputError(fmt::format("cannot write {}", path.string()));
  return out;
}

void write_csv(const graph::Graph& g, const std::string& dir) {
  if (dir.empty()) throw UsageError("--format csv writes two files (nodes.csv, relationships.csv): give a folder with --out");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw InputError(fmt::format("cannot create folder {}: {}", dir, ec.message()));
  std::ofstream nodes = open_out(std::filesystem::path(dir) / "nodes.csv");
  graph::write_neo4j_nodes(nodes, g);
  std::ofstream rels = open_out(std::filesystem::path(dir) / "relationships.csv");
  graph::write_neo4j_relationships(rels, g);
  if (!nodes.flush() || !rels.flush()) throw InputError(fmt::format("cannot write into {}", dir));
}

void run(const ExportOptions& o) {
  auto db = open_for_query(o.db);
  graph::Graph g = graph::load(*db, {.labels = o.format != "html"});
  if (o.format == "csv") return write_csv(g, o.out);
  std::ofstream file;
  if (!o.out.empty()) file = open_out(o.out);
  std::ostream& out = o.out.empty() ? std::cout : file;
  if (o.format == "graphml") graph::write_graphml(out, g);
  else if (o.format == "dot") graph::write_dot(out, g);
  else if (o.format == "json") graph::write_json(out, g);
  else graph::write_html(out, *db, g, {.title = o.title});
  if (!out.flush()) throw InputError(fmt::format("cannot write {}", o.out.empty() ? "standard output" : o.out));
}

}  // namespace

void add_export(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("export", "The graph as GraphML, DOT, JSON, neo4j CSV, or an HTML page");
  auto o = std::make_shared<ExportOptions>();
  o->db = default_db();
  cmd->add_option("--db", o->db, "Database file (default: $CHRONICLE_DB or chronicle.db)");
  cmd->add_option("--format", o->format, "graphml, dot, json, csv (neo4j-admin import files) or html")
      ->required()->check(CLI::IsMember({"graphml", "dot", "json", "csv", "html"}));
  cmd->add_option("--out", o->out, "Output file (default: standard output); for csv, a folder");
  cmd->add_option("--title", o->title, "Title of the HTML page")->capture_default_str();
  cmd->footer("Vertices: entities, events, claims (ids entity:N, event:N, claim:N). Links, each once and with its\n"
              "evidence count as weight: participant (entity -> event, with role), place, relation (subject ->\n"
              "object, with predicate), speaker (entity -> claim), about (claim -> entity), cooccurrence (undirected).\n"
              "neo4j: neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv");
  cmd->callback([o, &status] { run_command("export", status, [&] { run(*o); }); });
}

}  // namespace chronicle::cli
