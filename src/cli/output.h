// What every query command shares: the --db and --format options, text laid out
// for an 80-column terminal (widths counted in code points; lines broken at
// spaces, over-long words cut), CSV quoting, entity-name resolution with "did
// you mean" suggestions, and the mapping of failures to exit statuses
// (0 success, 1 bad input, 2 bad usage).
#pragma once
#include <CLI/CLI.hpp>
#include <cstdio>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "graph/claims.h"
#include "graph/evidence.h"
#include "graph/lookup.h"
#include "store/db.h"

namespace chronicle::cli {

inline constexpr size_t kWidth = 80;

// Bad input (unknown entity, nothing to show where something was required): status 1.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Bad usage (malformed option value, contradictory options): status 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct QueryOptions {
  std::string db;
  std::string format = "table";
};

// Adds --db and --format (one of `formats`, the first being the default).
void add_query_options(CLI::App& cmd, QueryOptions& options, const std::vector<std::string>& formats = {"table", "json", "csv"});

// Runs `body` as the command `name`, printing failures to stderr as
// "chronicle NAME: message", and stores the exit status in `status`.
void run_command(const char* name, int& status, const std::function<void()>& body);

// Opens the database read-only. throws: store::StoreError.
std::unique_ptr<store::Db> open_for_query(const std::string& path);

// The entities called `name`; throws InputError naming close names when none.
std::vector<graph::EntityRef> require_entities(store::Db& db, std::string_view name);

size_t width_of(std::string_view text);                        // code points
std::string truncate(std::string_view text, size_t width);     // "…" marks a cut
std::string pad(std::string_view text, size_t width);          // left-aligned
std::string pad_left(std::string_view text, size_t width);     // right-aligned
std::vector<std::string> wrap(std::string_view text, size_t width);

// Prints `text` wrapped to kWidth: `first` precedes the first line, and the
// following lines are indented by width_of(first) spaces.
void print_wrapped(std::string_view first, std::string_view text);

// One evidence sentence as a quoted, wrapped block under `indent` spaces,
// followed by its source: title, outlet, date and uri.
void print_evidence(const graph::Evidence& e, size_t indent);
// "Title (Outlet, 2025-12-14) <uri>", leaving out what is unknown.
std::string describe_source(const graph::Source& s);

// The JSON shapes of docs/json-output.md.
nlohmann::ordered_json to_json(const graph::Source& s);
nlohmann::ordered_json to_json(const graph::Evidence& e);
nlohmann::ordered_json to_json(const graph::EntityRef& e);
// JSON null for an empty string.
nlohmann::ordered_json or_null(const std::string& s);

// A claim as JSON, and as a table block (date, speaker, content, sources).
nlohmann::ordered_json claim_json(const graph::Claim& c);
void print_claim(const graph::Claim& c, size_t indent);

std::string csv_field(std::string_view field);
void print_csv(const std::vector<std::string>& fields);

}  // namespace chronicle::cli
