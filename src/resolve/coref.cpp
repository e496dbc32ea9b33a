// In-document coreference of name mentions (see coref.h).
#include "resolve/coref.h"

#include <algorithm>

#include "common/utf8.h"
#include "resolve/keys.h"

namespace chronicle::resolve {

namespace {

struct Chain {
  EntityKind kind;
  std::vector<std::string> words;  // of the fullest name
  std::string name;
};

bool is_acronym_of(std::string_view acronym, const std::vector<std::string>& words) {
  if (acronym.size() < 2 || words.size() < 2) return false;
  std::string initials;
  for (const std::string& w : words)
    if (w != "of" && w != "the" && w != "and" && w != "for") initials.push_back(w[0]);
  std::string a;
  for (char c : acronym)
    if (c != '.') a.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return a == initials;
}

// True when the shorter word list names the same entity as the longer one: its
// words are the longer one's last words (surname), or first words ("Cato" for
// "Cato Institute" is not enough: organisations need the full tail).
bool shortens(const std::vector<std::string>& shorter, const std::vector<std::string>& longer, EntityKind kind) {
  if (shorter.empty() || shorter.size() >= longer.size()) return false;
  if (kind == EntityKind::person) {
    return std::equal(shorter.rbegin(), shorter.rend(), longer.rbegin());
  }
  if (kind == EntityKind::organization || kind == EntityKind::other) {
    return std::equal(shorter.begin(), shorter.end(), longer.begin()) && shorter.size() >= 1 && longer.size() <= shorter.size() + 1 &&
           shorter.front().size() > 3;
  }
  return false;
}

bool same_words(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (skeleton(a[i]) != skeleton(b[i])) return false;
  return true;
}

}  // namespace

std::string normalize_space(std::string_view s) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    size_t j = i;
    const char32_t c = utf8::next(s, j);
    if (utf8::is_space(c)) {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.append(s.substr(i, j - i));
    }
    i = j;
  }
  return out;
}

void link_document(const Document&, const text::Analysis& text, DocumentFacts& facts) {
  std::vector<Chain> chains;
  // Longest names first, so shortened forms find their full form wherever it is.
  std::vector<size_t> order(facts.mentions.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<std::vector<std::string>> words(facts.mentions.size());
  for (size_t i = 0; i < facts.mentions.size(); ++i) words[i] = name_words(facts.mentions[i].span.of(text.text));
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return words[a].size() > words[b].size(); });
  for (size_t i : order) {
    Mention& m = facts.mentions[i];
    if (m.form != MentionForm::name) continue;
    int32_t found = -1;
    for (size_t c = 0; c < chains.size() && found < 0; ++c) {
      const Chain& ch = chains[c];
      const bool kinds_agree = ch.kind == m.kind || m.kind == EntityKind::other || ch.kind == EntityKind::other;
      if (same_words(words[i], ch.words) && kinds_agree) found = static_cast<int32_t>(c);
      else if (kinds_agree && shortens(words[i], ch.words, ch.kind)) found = static_cast<int32_t>(c);
      else if (ch.kind == EntityKind::organization && is_acronym_of(m.span.of(text.text), ch.words)) found = static_cast<int32_t>(c);
    }
    if (found < 0) {
      chains.push_back(Chain{m.kind, words[i], std::string(m.span.of(text.text))});
      found = static_cast<int32_t>(chains.size() - 1);
    }
    m.entity = found;
    if (m.kind != EntityKind::other && chains[static_cast<size_t>(found)].kind == EntityKind::other) chains[static_cast<size_t>(found)].kind = m.kind;
  }
  facts.entities.clear();
  for (const Chain& ch : chains) facts.entities.push_back(LocalEntity{ch.kind, normalize_space(ch.name)});
  // Mentions take their chain's kind.
  for (Mention& m : facts.mentions)
    if (m.entity >= 0) m.kind = facts.entities[static_cast<size_t>(m.entity)].kind;
}

}  // namespace chronicle::resolve
