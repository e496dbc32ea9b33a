// Event labels: verbs read with their subject, nouns with their agent before
// them and the other participants after a preposition that suits the kind.
#include <doctest/doctest.h>

#include "resolve/labels.h"

using chronicle::EventKind;
using chronicle::resolve::event_label;
namespace resolve = chronicle::resolve;

TEST_CASE("labels: a verb takes its subject, in the third person for one agent") {
  CHECK(event_label(EventKind::attack, "attack", {"Nordland"}, {"Sudmark"}, "") == "Nordland attacks Sudmark");
  CHECK(event_label(EventKind::meeting, "meet", {"Anna Berg", "Omar Lind"}, {}, "Oslo") == "Anna Berg and Omar Lind meet in Oslo");
  CHECK(event_label(EventKind::statement, "say", {}, {}, "") == "statement");
}

TEST_CASE("labels: a noun puts its agent before it and the others after a preposition") {
  CHECK(event_label(EventKind::attack, "invasion", {"Nordland"}, {"Sudmark"}, "") == "Nordland's invasion of Sudmark");
  CHECK(event_label(EventKind::attack, "invasion", {}, {"Sudmark"}, "") == "invasion of Sudmark");
  CHECK(event_label(EventKind::sanction, "tariff", {"Canada", "Chile"}, {"Nordland"}, "") == "tariff by Canada and Chile against Nordland");
  CHECK(event_label(EventKind::offer, "proposal", {"Sudmark"}, {"the union"}, "") == "Sudmark's proposal to the union");
}

TEST_CASE("labels: the trigger lexicon tells verbs from nouns that look like verbs") {
  // Listed as nouns only: no "Marta Vinck walkouts", no "Nordland and Sudmark ceasefire".
  CHECK(event_label(EventKind::protest, "walkout", {"Marta Vinck"}, {}, "") == "Marta Vinck's walkout");
  CHECK(event_label(EventKind::agreement, "ceasefire", {"Nordland", "Sudmark"}, {}, "") == "ceasefire between Nordland and Sudmark");
  // Listed as both, or not listed ("tie up" came from the tagger): the word decides.
  CHECK(event_label(EventKind::sanction, "sanction", {"Canada", "Chile"}, {"Nordland"}, "") == "sanction by Canada and Chile against Nordland");
  CHECK(event_label(EventKind::other, "tie up", {"Scheldt Terminals"}, {}, "") == "Scheldt Terminals tie up");
}

TEST_CASE("labels: joint events name everyone between") {
  CHECK(event_label(EventKind::meeting, "talks", {"Anna Berg"}, {"Omar Lind", "Ida Sand"}, "Ghent") ==
        "talks between Anna Berg, Omar Lind and Ida Sand in Ghent");
  CHECK(event_label(EventKind::meeting, "summit", {}, {}, "Ghent") == "summit in Ghent");
}

TEST_CASE("labels: a node's summary is what most of its mentions say, agents first") {
  using resolve::NodeMention, resolve::NodeParticipant;
  const std::vector<NodeMention> mentions = {
      {"meeting", "talks", "2025-12-14", 7}, {"meeting", "meet", "2025-12", 7}, {"meeting", "talks", "", 0},
      {"other", "meet", "2025-12-14", 9},    {"meeting", "talks", "2025-12", 0}};
  const std::vector<NodeParticipant> participants = {
      {1, false, "Steve Witkoff"}, {2, true, "Volodymyr Zelenskyy"}, {1, true, "Steve Witkoff"},
      {3, false, "Jared Kushner"}, {4, false, "Friedrich Merz"},     {4, false, "Friedrich Merz"}};
  const resolve::NodeSummary s = resolve::summarise_node(mentions, participants);
  CHECK(s.kind == "meeting");
  CHECK(s.lemma == "talks");
  CHECK(s.date == "2025-12-14");  // two each: the longer date wins
  CHECK(s.place == 7);
  // Witkoff is an agent once; Merz is named twice, Kushner once.
  CHECK(s.agents == std::vector<std::string>{"Steve Witkoff", "Volodymyr Zelenskyy"});
  CHECK(s.others == std::vector<std::string>{"Friedrich Merz", "Jared Kushner"});
  const resolve::NodeSummary none = resolve::summarise_node({{"other", "strike", "", 0}}, {});
  CHECK(none.date.empty());
  CHECK(none.place == 0);
  CHECK(none.agents.empty());
}
