// `chronicle claims`: who said what, filtered by speaker, by an entity the
// claim names, and by words; each claim with the sentences it occurs in.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/output.h"
#include "graph/claims.h"

namespace chronicle::cli {

namespace {

struct ClaimsOptions {
  QueryOptions query;
  std::string speaker, about, search;
  size_t limit = 200, evidence = 1;
};

std::string speaker_text(const graph::Claim& c) {
  return fmt::format("{} ({})", c.speaker.empty() ? "unknown speaker" : c.speaker, c.quoted ? "quoted" : "reported");
}

}  // namespace

nlohmann::ordered_json claim_json(const graph::Claim& c) {
  nlohmann::ordered_json out = {{"id", c.id}, {"speaker", or_null(c.speaker)}, {"content", c.content}, {"quoted", c.quoted},
                                {"date", or_null(c.date)}, {"sources", c.sources}, {"evidence", nlohmann::ordered_json::array()}};
  for (const graph::Evidence& e : c.evidence) out["evidence"].push_back(to_json(e));
  if (!c.links.empty()) {
    out["links"] = nlohmann::ordered_json::array();
    for (const graph::ClaimLink& l : c.links)
      out["links"].push_back({{"relation", l.relation}, {"direction", l.incoming ? "from" : "to"}, {"claim", l.id},
                              {"speaker", or_null(l.speaker)}, {"content", l.content}, {"date", or_null(l.date)}});
  }
  return out;
}

void print_claim(const graph::Claim& c, size_t indent) {
  const std::string date = c.date.empty() ? "undated" : c.date;
  const std::string margin(indent, ' ');
  print_wrapped(margin + pad(date, 12), fmt::format("{}, {} source{}:", speaker_text(c), c.sources, c.sources == 1 ? "" : "s"));
  print_wrapped(margin + std::string(12, ' ') + "“", c.content + "”");
  for (const graph::Evidence& e : c.evidence)
    if (graph::collapse_space(e.text) != e.sentence) print_evidence(e, indent + 12);
    else print_wrapped(margin + std::string(14, ' ') + "— ", describe_source(e.document));
  for (const graph::ClaimLink& l : c.links) {
    const std::string who = l.speaker.empty() ? "unknown speaker" : l.speaker;
    const std::string how = l.incoming ? (l.relation == "contradicts" ? "contradicted by " : "answered by ")
                                       : (l.relation == "contradicts" ? "contradicts " : "responds to ");
    print_wrapped(margin + std::string(12, ' ') + how, fmt::format("{} ({}): “{}”", who, l.date.empty() ? "undated" : l.date, truncate(l.content, 120)));
  }
}

namespace {

void run(const ClaimsOptions& o) {
  auto db = open_for_query(o.query.db);
  graph::ClaimQuery q;
  if (!o.speaker.empty()) q.by_speaker = true, q.speakers = require_entities(*db, o.speaker);
  if (!o.about.empty()) q.by_about = true, q.about = require_entities(*db, o.about);
  q.search = o.search, q.limit = o.limit, q.evidence_limit = o.evidence;
  const std::vector<graph::Claim> list = graph::claims(*db, q);
  if (o.query.format == "json") {
    nlohmann::ordered_json out = {{"query", {{"speaker", or_null(o.speaker)}, {"about", or_null(o.about)}, {"search", or_null(o.search)}}},
                                  {"claims", nlohmann::ordered_json::array()}};
    for (const graph::Claim& c : list) out["claims"].push_back(claim_json(c));
    fmt::print("{}\n", out.dump(2));
    return;
  }
  if (o.query.format == "csv") {
    print_csv({"claim_id", "date", "speaker", "quoted", "content", "sources", "evidence", "documents"});
    for (const graph::Claim& c : list) {
      std::string sentences, documents;
      for (const graph::Evidence& e : c.evidence) {
        sentences += (sentences.empty() ? "" : "\n") + e.sentence;
        documents += (documents.empty() ? "" : "\n") + describe_source(e.document);
      }
      print_csv({std::to_string(c.id), c.date, c.speaker, c.quoted ? "1" : "0", c.content, std::to_string(c.sources), sentences, documents});
    }
    return;
  }
  std::string filters;
  if (!o.speaker.empty()) filters += fmt::format(" by {}", q.speakers.front().name);
  if (!o.about.empty()) filters += fmt::format(" naming {}", q.about.front().name);
  if (!o.search.empty()) filters += fmt::format(" matching '{}'", o.search);
  print_wrapped("", fmt::format("{} claim{}{}{}", list.size(), list.size() == 1 ? "" : "s", filters,
                                list.size() >= o.limit ? fmt::format(" (first {})", o.limit) : ""));
  for (const graph::Claim& c : list) {
    fmt::print("\n");
    print_claim(c, 0);
  }
}

}  // namespace

void add_claims(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("claims", "Who said what, with the sentences it was said in");
  auto o = std::make_shared<ClaimsOptions>();
  add_query_options(*cmd, o->query);
  cmd->add_option("--speaker", o->speaker, "Only claims by this entity (name or alias)");
  cmd->add_option("--about", o->about, "Only claims whose content names this entity");
  cmd->add_option("--search", o->search, "Only claims containing all these words (word* for a prefix)");
  cmd->add_option("--limit", o->limit, "Show at most this many")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--evidence", o->evidence, "Sentences shown per claim")->capture_default_str()->check(CLI::Range(0, 20));
  cmd->callback([o, &status] { run_command("claims", status, [&] { run(*o); }); });
}

}  // namespace chronicle::cli
