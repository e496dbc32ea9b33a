// Finding entities by the names people type: a canonical name or any alias,
// case-insensitively (ASCII case in SQL through the name indexes, then full
// Unicode case and diacritics by folding), and close names to suggest when
// nothing matches.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace chronicle::graph {

struct EntityRef {
  int64_t id = 0;
  std::string kind;  // person | organization | location | other
  std::string name;  // canonical name
  int64_t mentions = 0;
};

struct NameMatch {
  std::vector<EntityRef> entities;       // most mentioned first; empty when none
  std::vector<std::string> suggestions;  // canonical names close to the query, when none matched
};

// The entities called `name`. throws: store::StoreError.
NameMatch find_entities(store::Db& db, std::string_view name);

// Edit distance between two strings counted in code points (Levenshtein with
// adjacent transpositions), capped: returns `cap + 1` once it exceeds `cap`.
size_t edit_distance(std::string_view a, std::string_view b, size_t cap);

// The aliases of the entities view (a JSON array) as people read them: spacing
// normalised (a no-break space is a space), duplicates and the canonical name
// itself left out.
std::vector<std::string> distinct_aliases(std::string_view json_array, std::string_view canonical);

// JSON array of the ids, as bound to queries taking a list of entities.
std::string id_list(const std::vector<EntityRef>& entities);

}  // namespace chronicle::graph
