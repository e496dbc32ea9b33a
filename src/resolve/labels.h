// Short readable labels for event nodes: "Zelenskyy meets Witkoff and Kushner in
// Berlin", "Russia attacks Ukraine", "talks in Berlin".
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/facts.h"

namespace chronicle::resolve {

// `agents` and `others` are canonical entity names in order of importance;
// `lemma` the normalised trigger ("meet", "talks"); `place` may be empty.
std::string event_label(EventKind kind, std::string_view lemma, const std::vector<std::string>& agents,
                        const std::vector<std::string>& others, std::string_view place);

// What an event node says, from its mentions: the kind, lemma, date and place
// most of them give (ties: the longer date, then the smaller value), and its
// participants, agents first, then the most often named, then by name.
struct NodeMention {
  std::string kind, lemma, date;  // date may be empty
  int64_t place = 0;              // entity, 0 for none
};
struct NodeParticipant {
  int64_t entity = 0;
  bool agent = false;
  std::string name;  // canonical name of the entity
};
struct NodeSummary {
  std::string kind, lemma, date;
  int64_t place = 0;
  std::vector<std::string> agents, others;  // names
};
NodeSummary summarise_node(const std::vector<NodeMention>& mentions, const std::vector<NodeParticipant>& participants);
// The label of a summarised node; `place` is the name of its place or empty.
std::string node_label(const NodeSummary& node, std::string_view place);

// "A", "A and B", "A, B and C" (at most `max` names, then "and others").
std::string join_names(const std::vector<std::string>& names, size_t max = 3);

}  // namespace chronicle::resolve
