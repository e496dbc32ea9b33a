// Event labels: verbs read with their subject, nouns with their agent before
// them and the other participants after a preposition that suits the kind.
#include <doctest/doctest.h>

#include "resolve/labels.h"

using chronicle::EventKind;
using chronicle::resolve::event_label;

TEST_CASE("labels: a verb takes its subject, in the third person for one agent") {
  CHECK(event_label(EventKind::attack, "attack", {"Nordland"}, {"Sudmark"}, "") == "Nordland attacks Sudmark");
  CHECK(event_label(EventKind::meeting, "meet", {"Anna Berg", "Omar Lind"}, {}, "Oslo") == "Anna Berg and Omar Lind meet in Oslo");
  CHECK(event_label(EventKind::statement, "say", {}, {}, "") == "statement");
}

TEST_CASE("labels: a noun puts its agent before it and the others after a preposition") {
  CHECK(event_label(EventKind::attack, "invasion", {"Nordland"}, {"Sudmark"}, "") == "Nordland's invasion of Sudmark");
  CHECK(event_label(EventKind::attack, "invasion", {}, {"Sudmark"}, "") == "invasion of Sudmark");
  CHECK(event_label(EventKind::sanction, "sanction", {"Canada", "Chile"}, {"Nordland"}, "") == "sanction by Canada and Chile against Nordland");
  CHECK(event_label(EventKind::offer, "proposal", {"Sudmark"}, {"the union"}, "") == "Sudmark's proposal to the union");
}

TEST_CASE("labels: joint events name everyone between") {
  CHECK(event_label(EventKind::meeting, "talks", {"Anna Berg"}, {"Omar Lind", "Ida Sand"}, "Ghent") ==
        "talks between Anna Berg, Omar Lind and Ida Sand in Ghent");
  CHECK(event_label(EventKind::meeting, "summit", {}, {}, "Ghent") == "summit in Ghent");
}
