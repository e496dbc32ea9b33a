// `chronicle search TEXT`: full-text search (SQLite FTS5) over the documents
// and the claims, plus the entities whose name contains the text.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/output.h"
#include "graph/claims.h"

namespace chronicle::cli {

namespace {

struct SearchOptions {
  QueryOptions query;
  std::string text;
  size_t limit = 20;
};

void print_table(const SearchOptions& o, const graph::SearchResult& r) {
  print_wrapped("", fmt::format("Search '{}': {} entit{}, {} document{}, {} claim{}", o.text, r.entities.size(),
                                r.entities.size() == 1 ? "y" : "ies", r.documents.size(), r.documents.size() == 1 ? "" : "s",
                                r.claims.size(), r.claims.size() == 1 ? "" : "s"));
  if (!r.entities.empty()) fmt::print("\nEntities:\n");
  for (const graph::EntityRef& e : r.entities)
    fmt::print("  {}{}{}\n", pad(truncate(e.name, 44), 46), pad(e.kind, 14), pad_left(fmt::format("{} mentions", e.mentions), 16));
  if (!r.documents.empty()) fmt::print("\nDocuments:\n");
  for (const graph::DocumentHit& d : r.documents) {
    print_wrapped("  ", describe_source(d.document));
    print_wrapped("      ", graph::collapse_space(d.snippet));
  }
  if (!r.claims.empty()) fmt::print("\nClaims:\n");
  for (const graph::Claim& c : r.claims) {
    print_wrapped("  ", fmt::format("{}{}:", c.speaker.empty() ? "unknown speaker" : c.speaker, c.date.empty() ? "" : ", " + c.date));
    print_wrapped("      “", graph::collapse_space(c.snippet) + "”");
  }
}

void run(const SearchOptions& o) {
  if (graph::fts_query(o.text).empty()) throw UsageError("give at least one word to search for");
  auto db = open_for_query(o.query.db);
  const graph::SearchResult r = graph::search(*db, o.text, o.limit);
  if (o.query.format == "json") {
    nlohmann::ordered_json out = {{"query", o.text}, {"entities", nlohmann::ordered_json::array()},
                                  {"documents", nlohmann::ordered_json::array()}, {"claims", nlohmann::ordered_json::array()}};
    for (const graph::EntityRef& e : r.entities) out["entities"].push_back(to_json(e));
    for (const graph::DocumentHit& d : r.documents) {
      nlohmann::ordered_json hit = to_json(d.document);
      hit["snippet"] = graph::collapse_space(d.snippet);
      out["documents"].push_back(hit);
    }
    for (const graph::Claim& c : r.claims) {
      nlohmann::ordered_json claim = claim_json(c);
      claim.erase("evidence");
      claim["snippet"] = graph::collapse_space(c.snippet);
      out["claims"].push_back(claim);
    }
    fmt::print("{}\n", out.dump(2));
  } else if (o.query.format == "csv") {
    print_csv({"type", "id", "title_or_name", "detail", "snippet"});
    for (const graph::EntityRef& e : r.entities) print_csv({"entity", std::to_string(e.id), e.name, e.kind, ""});
    for (const graph::DocumentHit& d : r.documents)
      print_csv({"document", std::to_string(d.document.document_id), d.document.title, d.document.uri, graph::collapse_space(d.snippet)});
    for (const graph::Claim& c : r.claims) print_csv({"claim", std::to_string(c.id), c.speaker, c.date, graph::collapse_space(c.snippet)});
  } else {
    print_table(o, r);
  }
}

}  // namespace

void add_search(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("search", "Full-text search over documents, claims and entity names");
  auto o = std::make_shared<SearchOptions>();
  add_query_options(*cmd, o->query);
  cmd->add_option("text", o->text, "Words that must all occur (word* for a prefix)")->required();
  cmd->add_option("--limit", o->limit, "At most this many of each")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->callback([o, &status] { run_command("search", status, [&] { run(*o); }); });
}

}  // namespace chronicle::cli
