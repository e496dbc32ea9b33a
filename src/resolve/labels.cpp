// Event labels (see labels.h).
#include "resolve/labels.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "extract/trigger_lexicon.h"

namespace chronicle::resolve {

namespace {

// Third person singular of a verb lemma: "meet" -> "meets", "push" -> "pushes",
// "deny" -> "denies". Nominal lemmas ("talks") are used as they are.
std::string third_person(std::string_view lemma) {
  std::string v(lemma);
  if (v.empty() || v.find(' ') != std::string::npos) return v;
  const char last = v.back();
  if (v.ends_with("s") || v.ends_with("sh") || v.ends_with("ch") || v.ends_with("x") || v.ends_with("z") || v.ends_with("o")) return v + "es";
  if (last == 'y' && v.size() > 1 && std::string_view("aeiou").find(v[v.size() - 2]) == std::string_view::npos) return v.substr(0, v.size() - 1) + "ies";
  return v + "s";
}

bool verbal(std::string_view lemma) {
  // The trigger lexicon knows most lemmas: a noun when it lists it only as
  // one ("walkout", "ceasefire"), a verb when only as a verb.
  if (const std::optional<bool> verb = extract::TriggerLexicon::instance().verb_lemma(lemma)) return *verb;
  // Other nominal triggers are stored as nouns ("talks", "invasion", "summit").
  for (std::string_view suffix : {"tion", "sion", "ment", "ks", "ence", "ance", "ure", "al", "ship", "ity", "summit", "deal", "war"})
    if (lemma.ends_with(suffix)) return false;
  return !lemma.empty();
}

// Kinds whose participants act together: "talks between A and B".
bool joint(EventKind kind) { return kind == EventKind::meeting || kind == EventKind::agreement || kind == EventKind::deal; }

// The preposition before the other participants of a nominal event.
std::string_view preposition(EventKind kind, std::string_view noun) {
  for (std::string_view n : {"invasion", "occupation", "annexation", "siege", "blockade", "arrest", "bombing", "shelling"})
    if (noun.ends_with(n)) return " of ";
  switch (kind) {
    case EventKind::attack:
    case EventKind::sanction:
    case EventKind::threat:
    case EventKind::accusation:
    case EventKind::legal: return " against ";
    case EventKind::offer:
    case EventKind::aid:
    case EventKind::demand:
    case EventKind::statement: return " to ";
    default: return " with ";
  }
}

}  // namespace

std::string join_names(const std::vector<std::string>& names, size_t max) {
  std::string out;
  const size_t n = std::min(names.size(), max);
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out += (i + 1 == n && names.size() <= max) ? " and " : ", ";
    out += names[i];
  }
  if (names.size() > max) out += " and others";
  return out;
}

std::string event_label(EventKind kind, std::string_view lemma, const std::vector<std::string>& agents,
                        const std::vector<std::string>& others, std::string_view place) {
  std::string label;
  const std::string what = lemma.empty() ? std::string(to_string(kind)) : std::string(lemma);
  if (!agents.empty() && verbal(what)) {
    label = join_names(agents, 2) + " " + (agents.size() == 1 ? third_person(what) : what);
    if (!others.empty()) label += " " + join_names(others, 2);
  } else if (!verbal(what) && !joint(kind)) {
    // A noun reads with its agent before it and the rest after a preposition:
    // "Russia's invasion of Ukraine", "sanctions by the EU and Canada on Iran".
    label = agents.size() == 1 ? agents[0] + "'s " + what : what;
    if (agents.size() > 1) label += " by " + join_names(agents, 2);
    if (!others.empty()) label += std::string(preposition(kind, what)) + join_names(others, 2);
  } else {
    // A verb without its subject reads better as the kind of event: "statement".
    label = verbal(what) && agents.empty() && kind != EventKind::other ? std::string(to_string(kind)) : what;
    std::vector<std::string> all = agents;
    all.insert(all.end(), others.begin(), others.end());
    if (!all.empty()) label += (joint(kind) && all.size() >= 2 ? " between " : " with ") + join_names(all, 3);
  }
  if (!place.empty()) label += " in " + std::string(place);
  return label;
}

namespace {

// The value most often seen; ties go to the first in `before` order.
template <typename T, typename Before>
T most_common(const std::map<T, int>& counts, Before before) {
  const std::pair<const T, int>* best = nullptr;
  for (const auto& entry : counts)
    if (!best || entry.second > best->second || (entry.second == best->second && before(entry.first, best->first))) best = &entry;
  return best ? best->first : T{};
}

}  // namespace

NodeSummary summarise_node(const std::vector<NodeMention>& mentions, const std::vector<NodeParticipant>& participants) {
  NodeSummary out;
  if (mentions.size() == 1) {  // most nodes: its mention's own (no counting)
    out.kind = mentions[0].kind, out.lemma = mentions[0].lemma, out.date = mentions[0].date, out.place = mentions[0].place;
  } else {
    std::map<std::string, int> kinds, lemmas, dates;
    std::map<int64_t, int> places;
    for (const NodeMention& m : mentions) {
      ++kinds[m.kind];
      ++lemmas[m.lemma];
      if (!m.date.empty()) ++dates[m.date];
      if (m.place) ++places[m.place];
    }
    const auto less = [](const auto& a, const auto& b) { return a < b; };
    out.kind = most_common(kinds, less);
    out.lemma = most_common(lemmas, less);
    out.date = most_common(dates, [](const std::string& a, const std::string& b) {
      return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
    out.place = most_common(places, less);
  }
  struct Named {
    int rank = 1, count = 0;
    std::string name;
  };
  std::map<int64_t, Named> by_entity;
  for (const NodeParticipant& p : participants) {
    Named& n = by_entity[p.entity];
    n.rank = std::min(n.rank, p.agent ? 0 : 1);
    ++n.count;
    n.name = p.name;
  }
  std::vector<Named> named;
  for (auto& [entity, n] : by_entity) named.push_back(std::move(n));
  std::stable_sort(named.begin(), named.end(), [](const Named& a, const Named& b) {
    return std::tie(a.rank, b.count, a.name) < std::tie(b.rank, a.count, b.name);
  });
  for (Named& n : named) (n.rank == 0 ? out.agents : out.others).push_back(std::move(n.name));
  return out;
}

std::string node_label(const NodeSummary& node, std::string_view place) {
  return event_label(event_kind_from(node.kind).value_or(EventKind::other), node.lemma, node.agents, node.others, place);
}

}  // namespace chronicle::resolve
