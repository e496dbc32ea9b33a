// Short readable labels for event nodes: "Zelenskyy meets Witkoff and Kushner in
// Berlin", "Russia attacks Ukraine", "talks in Berlin".
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "common/facts.h"

namespace chronicle::resolve {

// `agents` and `others` are canonical entity names in order of importance;
// `lemma` the normalised trigger ("meet", "talks"); `place` may be empty.
std::string event_label(EventKind kind, std::string_view lemma, const std::vector<std::string>& agents,
                        const std::vector<std::string>& others, std::string_view place);

// "A", "A and B", "A, B and C" (at most `max` names, then "and others").
std::string join_names(const std::vector<std::string>& names, size_t max = 3);

}  // namespace chronicle::resolve
