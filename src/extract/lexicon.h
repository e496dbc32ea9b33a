// Word lists the extractors share, loaded once from the embedded data/ files:
// titles and roles before names (titles.tsv). (The organisation words of
// org_words.txt are a feature of the name tagger, ner_features.cpp.)
// Immutable; safe to read from any thread.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace chronicle::extract {

class Lexicons {
 public:
  static const Lexicons& instance();
  bool is_title(std::string_view word) const;  // "President", "Gen.", "Chancellor"
  bool is_role(std::string_view word) const;   // "spokesman", "adviser" (lower case nouns)

 private:
  Lexicons();
  std::unordered_set<std::string> titles_, roles_;
};

// embedded::for_each_row, under the name the extractors use.
void for_each_row(std::string_view file, const std::function<void(const std::vector<std::string_view>&)>& fn);

}  // namespace chronicle::extract
