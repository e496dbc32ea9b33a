// Normalisation of names into cross-document keys (see keys.h).
#include "resolve/keys.h"

#include <algorithm>
#include <iterator>

#include "common/utf8.h"
#include "extract/gazetteer.h"

namespace chronicle::resolve {

std::vector<std::string> name_words(std::string_view name) {
  const std::string folded = utf8::fold(name);
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (cur.size() > 2 && (cur.ends_with("'s"))) cur.resize(cur.size() - 2);
    if (!cur.empty()) words.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < folded.size();) {
    size_t j = i;
    const char32_t c = utf8::next(folded, j);
    if (utf8::is_letter(c) || utf8::is_digit(c)) cur.append(folded, i, j - i);
    else if (c == '\'' || c == 0x2019) cur.push_back('\'');
    else if (c != '.') flush();
    i = j;
  }
  flush();
  return words;
}

std::string skeleton(std::string_view w) {
  std::string s(w);
  // Word-final transliteration variants of -ий / -ій: -iy, -yy, -ij, -yi, -y, -i.
  for (std::string_view end : {"iy", "yy", "ij", "yj", "ii"}) {
    if (s.size() > end.size() + 2 && s.ends_with(end)) {
      s.resize(s.size() - end.size());
      s += 'y';
      break;
    }
  }
  // Inner variants: "kyiv"/"kiev" (yi/ie/i), "kh"/"h", doubled letters.
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (!out.empty() && out.back() == c) continue;
    if ((c == 'y' || c == 'i' || c == 'e') && i > 0 && i + 1 < s.size()) {
      // a vowel cluster of y/i/e inside a word collapses to 'i'
      if (!out.empty() && (out.back() == 'i')) continue;
      out.push_back('i');
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string entity_key(EntityKind kind, std::string_view name) {
  const extract::Gazetteer& gaz = extract::Gazetteer::instance();
  if (kind != EntityKind::person) {
    if (const std::string_view code = gaz.country(name); !code.empty()) return "location:country:" + std::string(code);
  }
  // The kind is not part of the key: a name typed person in one article and
  // organisation in another ("Boeing") is one entity, whose kind is the one
  // most of its documents give it.
  std::vector<std::string> words = name_words(name);
  // A company's legal form does not tell it apart: "Apple Inc." is "Apple".
  static constexpr std::string_view kLegalForms[] = {"inc", "incorporated", "corp", "ltd", "llc", "plc", "nv", "ag", "gmbh", "sa", "spa"};
  while (kind != EntityKind::person && words.size() > 1 &&
         std::find(std::begin(kLegalForms), std::end(kLegalForms), words.back()) != std::end(kLegalForms))
    words.pop_back();
  std::string key = "name:";
  bool first = true;
  for (const std::string& w : words) {
    // Initials and generational suffixes do not tell people apart:
    // "Donald J. Trump" is "Donald Trump".
    if (kind == EntityKind::person && (w.size() == 1 || w == "jr" || w == "sr")) continue;
    if (!first) key += ' ';
    key += skeleton(w);
    first = false;
  }
  return key;
}

}  // namespace chronicle::resolve
