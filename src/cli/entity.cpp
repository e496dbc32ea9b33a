// `chronicle entity NAME`: everything the database knows about one entity:
// who or what it is (kind, aliases, how documents describe it, relations),
// the events it took part in (and their context, see
// queries/timeline_for_entities.sql), what it said and what was said naming
// it, and the documents it appears in.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/output.h"
#include "graph/claims.h"
#include "graph/timeline.h"
#include "store/catalog.h"

namespace chronicle::cli {

namespace {

struct EntityOptions {
  QueryOptions query;
  std::string name;
  size_t limit = 10;
};

struct Relation {
  std::string subject, predicate, object;
  int64_t sources = 0;
  graph::Evidence evidence;
};

struct Description {
  std::string text;
  int64_t mentions = 0, documents = 0;
};

struct DocumentRow {
  graph::Source source;
  int64_t mentions = 0;
};

struct Profile {
  graph::EntityRef entity;
  std::vector<graph::EntityRef> others;  // other entities answering to the same name
  std::vector<std::string> aliases;
  int64_t documents = 0;
  std::vector<Description> descriptions;
  std::vector<Relation> relations;
  graph::Timeline events;
  std::vector<graph::Claim> said, named_in;
  std::vector<DocumentRow> sources;
};

Profile read_profile(store::Db& db, const std::vector<graph::EntityRef>& found, size_t limit) {
  Profile p{found.front(), {found.begin() + 1, found.end()}, {}, 0, {}, {}, {}, {}, {}, {}};
  const int64_t id = p.entity.id;
  store::Stmt& c = store::cached_named(db, "entity_counts");
  c.bind(":id", id);
  if (c.step()) {
    p.documents = c.int64(1);
    p.aliases = graph::distinct_aliases(c.text(2), p.entity.name);
  }
  c.reset();
  store::Stmt& d = store::cached_named(db, "entity_descriptions");
  d.bind(":id", id).bind(":limit", static_cast<int64_t>(5));
  while (d.step()) p.descriptions.push_back({d.str(0), d.int64(1), d.int64(2)});
  d.reset();
  graph::EvidenceReader reader(db);
  store::Stmt& r = store::cached_named(db, "entity_relations");
  r.bind(":id", id);
  std::vector<std::tuple<Relation, int64_t, int64_t, int64_t>> rel;
  while (r.step()) rel.emplace_back(Relation{r.str(1), r.str(2), r.str(3), r.int64(4), {}}, r.int64(5), r.int64(6), r.int64(7));
  r.reset();
  for (auto& [relation, doc, start, end] : rel) {
    relation.evidence = reader.at(doc, start, end);
    p.relations.push_back(std::move(relation));
  }
  graph::TimelineQuery tq;
  tq.by_entity = true, tq.entities = {p.entity}, tq.evidence = true, tq.evidence_limit = 1;
  p.events = graph::timeline(db, tq);
  graph::ClaimQuery by;
  by.by_speaker = true, by.speakers = {p.entity}, by.limit = limit, by.evidence_limit = 1;
  p.said = graph::claims(db, by);
  graph::ClaimQuery about;
  about.by_about = true, about.about = {p.entity}, about.limit = limit, about.evidence_limit = 1;
  p.named_in = graph::claims(db, about);
  store::Stmt& s = store::cached_named(db, "entity_documents");
  s.bind(":id", id).bind(":limit", static_cast<int64_t>(limit));
  while (s.step()) p.sources.push_back({graph::Source{s.int64(0), s.str(1), s.str(2), s.str(3), s.str(4)}, s.int64(5)});
  s.reset();
  return p;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

void print_events(const std::vector<graph::TimelineEvent>& events, size_t limit) {
  for (size_t i = 0; i < events.size() && i < limit; ++i) {
    const graph::TimelineEvent& e = events[i];
    print_wrapped("  " + pad(e.date.empty() ? "undated" : e.date, 12), fmt::format("{}: {} [{} source{}{}]", e.kind, e.label, e.sources, e.sources == 1 ? "" : "s",
                                                                              e.via.empty() ? "" : "; " + e.via));
    for (const graph::Evidence& ev : e.evidence) print_evidence(ev, 14);
  }
  if (events.size() > limit) fmt::print("  … {} more (chronicle timeline --entity)\n", events.size() - limit);
}

void print_table(const Profile& p, size_t limit) {
  print_wrapped("", fmt::format("{} — {} (entity {}), {} mention{} in {} document{}", p.entity.name, p.entity.kind, p.entity.id,
                                p.entity.mentions, p.entity.mentions == 1 ? "" : "s", p.documents, p.documents == 1 ? "" : "s"));
  if (!p.aliases.empty()) print_wrapped("  also called: ", join(p.aliases, ", "));
  std::vector<std::string> described;
  for (const Description& d : p.descriptions) described.push_back(fmt::format("“{}” ({})", d.text, d.mentions));
  if (!described.empty()) print_wrapped("  described as: ", join(described, ", "));
  if (!p.others.empty()) {
    std::vector<std::string> names;
    for (const graph::EntityRef& e : p.others) names.push_back(fmt::format("{} ({}, entity {})", e.name, e.kind, e.id));
    print_wrapped("  the name also matches: ", join(names, "; "));
  }
  fmt::print("\nRelations ({}):\n", p.relations.size());
  for (const Relation& r : p.relations) {
    print_wrapped("  ", fmt::format("{} {} {} [{} source{}]", r.subject, r.predicate, r.object, r.sources, r.sources == 1 ? "" : "s"));
    print_evidence(r.evidence, 4);
  }
  fmt::print("\nEvents ({} dated, {} undated):\n", p.events.dated.size(), p.events.undated.size());
  print_events(p.events.dated, limit);
  print_events(p.events.undated, limit);
  fmt::print("\nClaims by {} ({}{}):\n", p.entity.name, p.said.size(), p.said.size() >= limit ? "+" : "");
  for (const graph::Claim& c : p.said) print_claim(c, 2);
  fmt::print("\nClaims naming {} ({}{}):\n", p.entity.name, p.named_in.size(), p.named_in.size() >= limit ? "+" : "");
  for (const graph::Claim& c : p.named_in) print_claim(c, 2);
  fmt::print("\nSources ({}{}):\n", p.sources.size(), p.sources.size() >= limit ? "+" : "");
  for (const DocumentRow& d : p.sources) print_wrapped("  " + pad(fmt::format("{}×", d.mentions), 5), describe_source(d.source));
}

nlohmann::ordered_json events_json(const std::vector<graph::TimelineEvent>& events) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const graph::TimelineEvent& e : events) {
    nlohmann::ordered_json item = {{"id", e.id}, {"date", or_null(e.date)}, {"precision", or_null(std::string(graph::date_precision(e.date)))},
                                   {"kind", e.kind}, {"label", e.label}, {"place", or_null(e.place)}, {"sources", e.sources},
                                   {"via", or_null(e.via)}, {"evidence", nlohmann::ordered_json::array()}};
    for (const graph::Evidence& ev : e.evidence) item["evidence"].push_back(to_json(ev));
    out.push_back(item);
  }
  return out;
}

void print_json(const Profile& p) {
  nlohmann::ordered_json out = {{"entity", to_json(p.entity)}, {"documents", p.documents}, {"aliases", p.aliases},
                                {"descriptions", nlohmann::ordered_json::array()}, {"also_matches", nlohmann::ordered_json::array()},
                                {"relations", nlohmann::ordered_json::array()}, {"events", events_json(p.events.dated)},
                                {"undated_events", events_json(p.events.undated)}, {"claims_by", nlohmann::ordered_json::array()},
                                {"claims_naming", nlohmann::ordered_json::array()}, {"sources", nlohmann::ordered_json::array()}};
  for (const Description& d : p.descriptions) out["descriptions"].push_back({{"text", d.text}, {"mentions", d.mentions}, {"documents", d.documents}});
  for (const graph::EntityRef& e : p.others) out["also_matches"].push_back(to_json(e));
  for (const Relation& r : p.relations)
    out["relations"].push_back({{"subject", r.subject}, {"predicate", r.predicate}, {"object", r.object}, {"sources", r.sources}, {"evidence", to_json(r.evidence)}});
  for (const graph::Claim& c : p.said) out["claims_by"].push_back(claim_json(c));
  for (const graph::Claim& c : p.named_in) out["claims_naming"].push_back(claim_json(c));
  for (const DocumentRow& d : p.sources) {
    nlohmann::ordered_json doc = to_json(d.source);
    doc["mentions"] = d.mentions;
    out["sources"].push_back(doc);
  }
  fmt::print("{}\n", out.dump(2));
}

void run(const EntityOptions& o) {
  auto db = open_for_query(o.query.db);
  const Profile p = read_profile(*db, require_entities(*db, o.name), o.limit);
  if (o.query.format == "json") print_json(p);
  else print_table(p, o.limit);
}

}  // namespace

void add_entity(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("entity", "Who or what an entity is: aliases, relations, events, claims, sources");
  auto o = std::make_shared<EntityOptions>();
  add_query_options(*cmd, o->query, {"table", "json"});
  cmd->add_option("name", o->name, "The entity (name or alias, any case)")->required();
  cmd->add_option("--limit", o->limit, "Events, claims and sources shown per section")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->callback([o, &status] { run_command("entity", status, [&] { run(*o); }); });
}

}  // namespace chronicle::cli
