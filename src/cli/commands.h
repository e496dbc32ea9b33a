// Subcommands of the chronicle binary. Each registers itself on the CLI11 app
// with its options and a callback that sets `status` (0 ok, 1 bad input, 2 bad
// usage), so main() only wires them together.
#pragma once
#include <CLI/CLI.hpp>

namespace chronicle::cli {

void add_ingest(CLI::App& app, int& status);
void add_stats(CLI::App& app, int& status);
void add_extract(CLI::App& app, int& status);
void add_version(CLI::App& app, int& status);
void add_timeline(CLI::App& app, int& status);
void add_entity(CLI::App& app, int& status);
void add_entities(CLI::App& app, int& status);
void add_claims(CLI::App& app, int& status);
void add_path(CLI::App& app, int& status);
void add_neighbors(CLI::App& app, int& status);
void add_export(CLI::App& app, int& status);
void add_search(CLI::App& app, int& status);

// Default database path: $CHRONICLE_DB or chronicle.db.
std::string default_db();

}  // namespace chronicle::cli
