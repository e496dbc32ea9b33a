// Base forms for event lemmas (see lemma.h).
#include "extract/lemma.h"

#include <unordered_map>

#include "common/hash_table.h"
#include "extract/doc_view.h"
#include "extract/lexicon.h"
#include "extract/ner_features.h"

namespace chronicle::extract {

namespace {

class IrregularVerbs {
 public:
  static const IrregularVerbs& instance() {
    static const IrregularVerbs v;
    return v;
  }
  // Base of an irregular past or participle form, or empty (also for a form
  // that is a base itself). One lookup by the form's 64-bit hash.
  std::string_view base_of(std::string_view form) const {
    const uint32_t at = forms_.find(hash_bytes(form));
    return at < 2 ? std::string_view{} : std::string_view(bases_[at - 2]);
  }

 private:
  IrregularVerbs() {
    std::unordered_map<uint64_t, uint32_t> forms;  // form -> 1 for a base, 2 + its base's index for a past form
    std::vector<uint64_t> bases;
    for_each_row("irregular_verbs.tsv", [&](const auto& cols) {
      if (cols.size() < 3) return;
      bases.push_back(hash_bytes(cols[0]));
      bases_.emplace_back(cols[0]);
      for (size_t c = 1; c < 3; ++c) {
        std::string_view list = cols[c];
        while (!list.empty()) {
          const size_t comma = list.find(',');
          const std::string_view f = list.substr(0, comma);
          if (!f.empty()) forms.try_emplace(hash_bytes(f), static_cast<uint32_t>(bases_.size() + 1));  // the first row wins
          list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
        }
      }
    });
    for (const uint64_t b : bases) forms[b] = 1;  // a base is never read as a past form
    forms_ = FrozenHashTable<uint32_t>(forms);
  }
  std::vector<std::string> bases_;
  FrozenHashTable<uint32_t> forms_;
};

bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool consonant(char c) { return c >= 'a' && c <= 'z' && !vowel(c); }

// Consonant-vowel-consonant ending ("hop", "us"), where English spells a
// silent e before -ed / -ing: "hoped", "used".
bool cvc(std::string_view s) {
  const size_t n = s.size();
  if (n < 2 || !consonant(s[n - 1]) || s[n - 1] == 'w' || s[n - 1] == 'x' || s[n - 1] == 'y' || !vowel(s[n - 2])) return false;
  return n == 2 || consonant(s[n - 3]);
}

// The stem left by -ed or -ing: undoubled ("stopp" -> stop), with its silent
// e ("hop" -> hope) or as is ("kill"); empty when no form is a word.
std::string verb_stem(std::string_view stem) {
  const size_t n = stem.size();
  const bool stem_word = common_word(stem);
  if (n >= 3 && stem[n - 1] == stem[n - 2] && consonant(stem[n - 1]) && !stem_word) {
    if (common_word(stem.substr(0, n - 1))) return std::string(stem.substr(0, n - 1));
  }
  std::string with_e(stem);
  with_e.push_back('e');
  if (common_word(with_e) && (cvc(stem) || !stem_word)) return with_e;
  if (stem_word) return std::string(stem);
  return {};
}

}  // namespace

bool common_word(std::string_view lower) { return (ner::word_list_class(lower) & 1) != 0; }

std::string base_form(std::string_view w) {
  if (const std::string_view b = IrregularVerbs::instance().base_of(w); !b.empty()) return std::string(b);
  const size_t n = w.size();
  // "tied", "died", "lied": the verb keeps its e ("ti" is a word of the list too).
  if (n == 4 && w.ends_with("ied") && common_word(w.substr(0, 3))) return std::string(w.substr(0, 3));
  if (n > 4 && w.ends_with("ied")) {
    std::string y(w.substr(0, n - 3));
    y.push_back('y');
    if (common_word(y)) return y;
  }
  if (n > 4 && w.ends_with("eed")) {
    if (common_word(w.substr(0, n - 1))) return std::string(w.substr(0, n - 1));  // agreed, freed
    return std::string(w);
  }
  if (n > 3 && w.ends_with("ed")) {
    if (std::string s = verb_stem(w.substr(0, n - 2)); !s.empty()) return s;
    return std::string(w);
  }
  if (n > 4 && w.ends_with("ying")) {
    std::string ie(w.substr(0, n - 4));
    ie += "ie";
    if (common_word(ie)) return ie;  // dying, lying
  }
  if (n > 4 && w.ends_with("ing")) {
    if (std::string s = verb_stem(w.substr(0, n - 3)); !s.empty()) return s;
    return std::string(w);
  }
  if (n > 3 && w.back() == 's' && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")) {
    if (n > 4 && w.ends_with("ies")) {
      std::string y(w.substr(0, n - 3));
      y.push_back('y');
      if (common_word(y)) return y;
    }
    if (w.ends_with("shes") || w.ends_with("ches") || w.ends_with("sses") || w.ends_with("xes") || w.ends_with("zes") ||
        w.ends_with("oes"))
      if (common_word(w.substr(0, n - 2))) return std::string(w.substr(0, n - 2));
    if (common_word(w.substr(0, n - 1))) return std::string(w.substr(0, n - 1));
  }
  return std::string(w);
}

bool past_form(std::string_view w) {
  if (!IrregularVerbs::instance().base_of(w).empty()) return true;
  return w.size() > 3 && w.ends_with("ed") && base_form(w) != w;
}

}  // namespace chronicle::extract
