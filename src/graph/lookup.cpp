// Entity lookup by name (see lookup.h).
#include "graph/lookup.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "common/utf8.h"
#include "graph/evidence.h"
#include "store/catalog.h"

namespace chronicle::graph {

namespace {

std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(utf8::next(s, i));
  return out;
}

EntityRef row_ref(const store::Stmt& s, int id_col, int kind_col, int name_col, int mentions_col) {
  return EntityRef{s.int64(id_col), s.str(kind_col), s.str(name_col), s.int64(mentions_col)};
}

// Words of the folded name, split at anything that is not a letter or digit.
std::vector<std::string> words(std::string_view folded) {
  std::vector<std::string> out(1);
  for (size_t i = 0; i < folded.size();) {
    const size_t at = i;
    const char32_t c = utf8::next(folded, i);
    if (utf8::is_letter(c) || utf8::is_digit(c)) out.back().append(folded.substr(at, i - at));
    else if (!out.back().empty()) out.emplace_back();
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

struct Candidate {
  size_t distance;
  int64_t mentions;
  std::string canonical;
};

// How far `name` is from what was typed: 0 for the same folded name, the edit
// distance otherwise, and 1 when the query is one whole word of the name.
size_t closeness(std::string_view query, const std::vector<std::string>& query_words, std::string_view name, size_t cap) {
  const std::string folded = utf8::fold(name);
  if (folded == query) return 0;
  const std::vector<std::string> name_words = words(folded);
  for (const std::string& w : name_words)
    if (std::find(query_words.begin(), query_words.end(), w) != query_words.end()) return 1;
  size_t best = edit_distance(query, folded, cap);
  for (const std::string& w : name_words) best = std::min(best, edit_distance(query, w, cap) + 1);
  return best;
}

}  // namespace

size_t edit_distance(std::string_view a_text, std::string_view b_text, size_t cap) {
  const std::u32string a = code_points(a_text), b = code_points(b_text);
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > cap) return cap + 1;
  std::vector<size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > cap) return cap + 1;
    prev2.swap(prev);
    prev.swap(cur);
  }
  return std::min(prev[m], cap + 1);
}

std::vector<std::string> distinct_aliases(std::string_view json_array, std::string_view canonical) {
  std::vector<std::string> out;
  const std::string name = collapse_space(canonical);
  const auto parsed = nlohmann::json::parse(json_array, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& a : parsed) {
    if (!a.is_string()) continue;
    std::string alias = collapse_space(a.get<std::string>());
    if (alias != name && std::find(out.begin(), out.end(), alias) == out.end()) out.push_back(std::move(alias));
  }
  return out;
}

std::string id_list(const std::vector<EntityRef>& entities) {
  nlohmann::json ids = nlohmann::json::array();
  for (const EntityRef& e : entities) ids.push_back(e.id);
  return ids.dump();
}

NameMatch find_entities(store::Db& db, std::string_view name) {
  NameMatch out;
  store::Stmt& exact = store::cached_named(db, "entity_by_name");
  exact.bind(":name", name);
  while (exact.step()) out.entities.push_back(row_ref(exact, 0, 1, 2, 3));
  exact.reset();
  if (!out.entities.empty()) return out;

  // Beyond ASCII case: fold both sides; collect close names on the way.
  const std::string query = utf8::fold(name);
  const std::vector<std::string> query_words = words(query);
  const size_t cap = std::max<size_t>(2, utf8::count(query) / 4);
  std::map<int64_t, EntityRef> same, by_surname;
  std::map<std::string, Candidate> close;
  store::Stmt all = store::prepare_named(db, "entity_names");
  while (all.step()) {
    const size_t d = closeness(query, query_words, all.text(1), cap);
    if (d == 0) same.emplace(all.int64(0), row_ref(all, 0, 3, 2, 4));
    // One word may be a person's surname: "Peskov" for "Dmitry Peskov".
    if (query_words.size() == 1 && all.text(3) == "person") {
      const std::vector<std::string> name_words = words(utf8::fold(all.text(1)));
      if (name_words.size() > 1 && name_words.back() == query_words[0]) by_surname.emplace(all.int64(0), row_ref(all, 0, 3, 2, 4));
    }
    if (d == 0 || d > cap) continue;
    Candidate c{d, all.int64(4), all.str(2)};
    auto [it, fresh] = close.emplace(c.canonical, c);
    if (!fresh && (d < it->second.distance || (d == it->second.distance && c.mentions > it->second.mentions))) it->second = c;
  }
  for (auto& [id, ref] : same.empty() ? by_surname : same) out.entities.push_back(std::move(ref));
  std::sort(out.entities.begin(), out.entities.end(), [](const EntityRef& a, const EntityRef& b) {
    return a.mentions != b.mentions ? a.mentions > b.mentions : a.id < b.id;
  });
  if (!out.entities.empty()) return out;
  std::vector<Candidate> ranked;
  for (auto& [canonical, c] : close) ranked.push_back(c);
  std::sort(ranked.begin(), ranked.end(), [](const Candidate& a, const Candidate& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.mentions > b.mentions;
  });
  for (size_t i = 0; i < ranked.size() && i < 5; ++i) out.suggestions.push_back(ranked[i].canonical);
  return out;
}

}  // namespace chronicle::graph
