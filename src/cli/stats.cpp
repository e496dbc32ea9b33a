// `chronicle stats`: what the database holds: counts of documents, entities by
// kind, events, claims, relationships, time expressions and evidence rows, and
// the shape of the story graph (vertices, links, connected components).
#include <fmt/format.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "extract/pipeline.h"
#include "graph/centrality.h"
#include "graph/loader.h"
#include "store/schema.h"

namespace chronicle::cli {

std::string default_db() {
  const char* env = std::getenv("CHRONICLE_DB");
  return env && *env ? env : "chronicle.db";
}

namespace {

struct Count {
  const char* label;
  const char* sql;
};

constexpr Count kCounts[] = {
    {"documents", "SELECT count(*) FROM documents"},
    {"entities", "SELECT count(*) FROM entities"},
    {"  people", "SELECT count(*) FROM entities WHERE kind = 'person'"},
    {"  organizations", "SELECT count(*) FROM entities WHERE kind = 'organization'"},
    {"  locations", "SELECT count(*) FROM entities WHERE kind = 'location'"},
    {"  other", "SELECT count(*) FROM entities WHERE kind = 'other'"},
    {"events", "SELECT count(*) FROM events"},
    {"  dated", "SELECT count(*) FROM events WHERE date IS NOT NULL"},
    {"claims", "SELECT count(*) FROM claims"},
    {"relationships", "SELECT count(*) FROM relationships"},
    {"time expressions", "SELECT count(*) FROM timexes"},
    {"evidence rows", "SELECT count(*) FROM evidence"},
};

// The graph part: vertices, links and connected components.
std::vector<std::pair<std::string, int64_t>> graph_counts(store::Db& db) {
  const graph::Graph g = graph::load(db);
  const graph::Components c = graph::components(g);
  return {{"graph vertices", g.vertex_count()},
          {"graph links", static_cast<int64_t>(g.link_count())},
          {"components", static_cast<int64_t>(c.count)},
          {"  largest", static_cast<int64_t>(c.largest)},
          {"  entities in largest", static_cast<int64_t>(c.largest_entities)},
          {"  isolated vertices", static_cast<int64_t>(c.isolated)}};
}

}  // namespace

void add_stats(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("stats", "Counts of what the database holds");
  auto db_path = std::make_shared<std::string>(default_db());
  auto format = std::make_shared<std::string>("table");
  cmd->add_option("--db", *db_path, "Database file")->capture_default_str();
  cmd->add_option("--format", *format, "table or json")->capture_default_str()->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->callback([db_path, format, &status] {
    try {
      auto db = store::open_database(*db_path, store::OpenMode::read_only);
      const store::ReadSnapshot snapshot(*db);  // all counts from one moment, even during an ingest
      nlohmann::ordered_json out;
      std::vector<std::pair<std::string, int64_t>> rows;
      for (const Count& c : kCounts) rows.emplace_back(c.label, db->scalar(c.sql, c.label).value_or(0));
      for (auto& row : graph_counts(*db)) rows.push_back(std::move(row));
      for (const auto& [label, n] : rows) {
        std::string key = label;
        key.erase(0, key.find_first_not_of(' '));
        for (char& ch : key) ch = ch == ' ' ? '_' : ch;
        if (*format == "table") fmt::print("{:<24}{:>10}\n", label, n);
        else if (*format == "csv") fmt::print("{},{}\n", key, n);
        else out[key] = n;
      }
      if (*format == "json") fmt::print("{}\n", out.dump(2));
      status = 0;
    } catch (const store::StoreError& e) {
      fmt::print(stderr, "chronicle stats: {}\n", e.what());
      status = 1;
    }
  });
}

void add_version(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("version", "Versions of the program, its database schema and its extraction rules");
  cmd->callback([&status] {
    fmt::print("chronicle {}\nschema {}.{} {}\nextraction {}\n", CHRONICLE_VERSION, store::kSchemaMajor, store::kSchemaMinor,
               store::schema_fingerprint(), extract::Pipeline::fingerprint());
    status = 0;
  });
}

}  // namespace chronicle::cli
