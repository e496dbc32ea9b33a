// `chronicle timeline`: the story's events in date order, optionally only those
// of one entity, a period or a kind, with their participants, place and number
// of sources, and with --evidence the sentences that report them.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/output.h"
#include "common/facts.h"
#include "graph/timeline.h"

namespace chronicle::cli {

namespace {

struct TimelineOptions {
  QueryOptions query;
  std::string entity, from, to, kind;
  bool evidence = false;
  size_t evidence_limit = 3;
  bool all = false;
};

// Column layout of the table: date, kind, then the event text; sources at the right.
constexpr size_t kDateWidth = 12, kKindWidth = 13, kSourcesWidth = 7;
constexpr size_t kTextIndent = kDateWidth + kKindWidth;
constexpr size_t kTextWidth = kWidth - kTextIndent - kSourcesWidth;

std::string participants_text(const graph::TimelineEvent& e) {
  std::string out;
  for (const graph::EventParticipant& p : e.participants) {
    if (!out.empty()) out += ", ";
    out += p.role.empty() || p.role == "participant" ? p.entity : fmt::format("{} ({})", p.entity, p.role);
  }
  return out;
}

void print_row(const graph::TimelineEvent& e, bool evidence) {
  const std::vector<std::string> label = wrap(e.label, kTextWidth);
  const std::string date = e.date.empty() ? "undated" : e.date;
  fmt::print("{}{}{}{}\n", pad(date, kDateWidth), pad(truncate(e.kind, kKindWidth - 2), kKindWidth), pad(label[0], kTextWidth),
             pad_left(fmt::format("{}", e.sources), kSourcesWidth));
  for (size_t i = 1; i < label.size(); ++i) fmt::print("{}{}\n", std::string(kTextIndent, ' '), label[i]);
  const std::string margin(kTextIndent, ' ');
  if (!e.participants.empty()) print_wrapped(margin + "who:   ", participants_text(e));
  if (!e.place.empty()) print_wrapped(margin + "where: ", e.place);
  if (!e.via.empty()) print_wrapped(margin + "why:   ", e.via);
  if (evidence)
    for (const graph::Evidence& ev : e.evidence) print_evidence(ev, kTextIndent);
}

void print_table(const TimelineOptions& o, const graph::TimelineQuery& q, const graph::Timeline& t) {
  std::string subject = "all entities";
  if (q.by_entity) {
    subject.clear();
    for (const graph::EntityRef& e : q.entities) subject += (subject.empty() ? "" : "; ") + fmt::format("{} ({})", e.name, e.kind);
  }
  std::string filters;
  if (!o.from.empty() || !o.to.empty()) filters += fmt::format(", {} to {}", o.from.empty() ? "start" : o.from, o.to.empty() ? "end" : o.to);
  if (!o.kind.empty()) filters += ", kind " + o.kind;
  const std::string hidden = t.hidden ? fmt::format(" (and {} unclassified naming no one: --all lists them)", t.hidden) : "";
  print_wrapped("Timeline of ", fmt::format("{}{}: {} dated event{}, {} undated{}", subject, filters, t.dated.size(),
                                              t.dated.size() == 1 ? "" : "s", t.undated.size(), hidden));
  if (t.dated.empty() && t.undated.empty()) return;
  fmt::print("\n{}{}{}{}\n", pad("DATE", kDateWidth), pad("KIND", kKindWidth), pad("EVENT", kTextWidth), pad_left("SOURCES", kSourcesWidth));
  for (const graph::TimelineEvent& e : t.dated) print_row(e, o.evidence);
  if (t.undated.empty()) return;
  fmt::print("\nUndated events ({}):\n", t.undated.size());
  for (const graph::TimelineEvent& e : t.undated) print_row(e, o.evidence);
}

nlohmann::ordered_json event_json(const graph::TimelineEvent& e, bool evidence) {
  nlohmann::ordered_json participants = nlohmann::ordered_json::array();
  for (const graph::EventParticipant& p : e.participants) participants.push_back({{"entity", p.entity}, {"role", p.role}});
  nlohmann::ordered_json out = {{"id", e.id}, {"date", or_null(e.date)}, {"precision", or_null(std::string(graph::date_precision(e.date)))},
                                {"kind", e.kind}, {"label", e.label}, {"participants", participants}, {"place", or_null(e.place)},
                                {"sources", e.sources}, {"via", or_null(e.via)}};
  if (evidence) {
    out["evidence"] = nlohmann::ordered_json::array();
    for (const graph::Evidence& ev : e.evidence) out["evidence"].push_back(to_json(ev));
  }
  return out;
}

void print_json(const TimelineOptions& o, const graph::TimelineQuery& q, const graph::Timeline& t) {
  nlohmann::ordered_json entities = nullptr;
  if (q.by_entity) {
    entities = nlohmann::ordered_json::array();
    for (const graph::EntityRef& e : q.entities) entities.push_back(to_json(e));
  }
  nlohmann::ordered_json out = {{"query", {{"entity", or_null(o.entity)}, {"from", or_null(o.from)}, {"to", or_null(o.to)}, {"kind", or_null(o.kind)}}},
                                {"entities", entities}, {"events", nlohmann::ordered_json::array()}, {"undated", nlohmann::ordered_json::array()},
                                {"hidden", t.hidden}};
  for (const graph::TimelineEvent& e : t.dated) out["events"].push_back(event_json(e, o.evidence));
  for (const graph::TimelineEvent& e : t.undated) out["undated"].push_back(event_json(e, o.evidence));
  fmt::print("{}\n", out.dump(2));
}

void print_csv_rows(const TimelineOptions& o, const graph::Timeline& t) {
  std::vector<std::string> header = {"event_id", "date", "precision", "kind", "label", "participants", "place", "sources", "via"};
  if (o.evidence) header.insert(header.end(), {"evidence", "documents"});
  print_csv(header);
  for (const auto* list : {&t.dated, &t.undated})
    for (const graph::TimelineEvent& e : *list) {
      std::vector<std::string> row = {std::to_string(e.id), e.date, std::string(graph::date_precision(e.date)), e.kind, e.label,
                                      participants_text(e), e.place, std::to_string(e.sources), e.via};
      if (o.evidence) {
        std::string sentences, documents;
        for (const graph::Evidence& ev : e.evidence) {
          sentences += (sentences.empty() ? "" : "\n") + ev.sentence;
          documents += (documents.empty() ? "" : "\n") + describe_source(ev.document);
        }
        row.insert(row.end(), {sentences, documents});
      }
      print_csv(row);
    }
}

void run(const TimelineOptions& o) {
  for (const std::string* d : {&o.from, &o.to})
    if (!d->empty() && !graph::valid_date(*d)) throw UsageError(fmt::format("'{}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", *d));
  if (!o.from.empty() && !o.to.empty() && o.to.substr(0, std::min(o.to.size(), o.from.size())) < o.from.substr(0, std::min(o.to.size(), o.from.size())))
    throw UsageError(fmt::format("--from {} is after --to {}", o.from, o.to));
  auto db = open_for_query(o.query.db);
  graph::TimelineQuery q;
  q.from = o.from, q.to = o.to, q.kind = o.kind, q.evidence = o.evidence, q.evidence_limit = o.evidence_limit, q.all = o.all;
  if (!o.entity.empty()) {
    q.by_entity = true;
    q.entities = require_entities(*db, o.entity);
  }
  const graph::Timeline t = graph::timeline(*db, q);
  if (o.query.format == "json") print_json(o, q, t);
  else if (o.query.format == "csv") print_csv_rows(o, t);
  else print_table(o, q, t);
}

std::vector<std::string> event_kinds() {
  std::vector<std::string> out;
  for (int k = 0; k <= static_cast<int>(EventKind::other); ++k) out.emplace_back(to_string(static_cast<EventKind>(k)));
  return out;
}

}  // namespace

void add_timeline(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("timeline", "Events in date order, by entity, period and kind");
  auto o = std::make_shared<TimelineOptions>();
  add_query_options(*cmd, o->query);
  cmd->add_option("--entity", o->entity, "Only events this entity took part in or that happened there (name or alias)");
  cmd->add_option("--from", o->from, "Start of the period: YYYY, YYYY-MM or YYYY-MM-DD");
  cmd->add_option("--to", o->to, "End of the period: YYYY, YYYY-MM or YYYY-MM-DD");
  cmd->add_option("--kind", o->kind, "Only events of this kind")->check(CLI::IsMember(event_kinds()));
  cmd->add_flag("--evidence", o->evidence, "Show the sentences that report each event, with their documents");
  cmd->add_flag("--all", o->all, "Also list undated unclassified events that name no participant or place");
  cmd->add_option("--evidence-limit", o->evidence_limit, "Sentences per event with --evidence")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->footer("Dates show their precision: 2025-12-14 (day), 2025-12 (month), 2025 (year).\n"
              "A partial date overlaps a period by its prefix. Undated events are listed apart.");
  cmd->callback([o, &status] { run_command("timeline", status, [&] { run(*o); }); });
}

}  // namespace chronicle::cli
