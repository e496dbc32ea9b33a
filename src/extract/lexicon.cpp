// Loading of the shared word lists (see lexicon.h).
#include "extract/lexicon.h"

#include "common/embedded.h"

namespace chronicle::extract {

void for_each_row(std::string_view file, const std::function<void(const std::vector<std::string_view>&)>& fn) {
  embedded::for_each_row(file, fn);
}

Lexicons::Lexicons() {
  for_each_row("titles.tsv", [&](const auto& cols) {
    if (cols.size() < 2) return;
    (cols[1] == "title" ? titles_ : roles_).emplace(cols[0]);
  });
}

const Lexicons& Lexicons::instance() {
  static const Lexicons l;
  return l;
}

bool Lexicons::is_title(std::string_view w) const { return titles_.count(std::string(w)) > 0; }
bool Lexicons::is_role(std::string_view w) const { return roles_.count(std::string(w)) > 0; }

}  // namespace chronicle::extract
