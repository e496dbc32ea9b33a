// Resolution of pronoun and role speakers to name mentions (see speakers.h).
#include "extract/speakers.h"

#include <string>
#include <unordered_map>

#include "extract/lexicon.h"

namespace chronicle::extract {

namespace {

constexpr uint32_t kLookBackSentences = 8;
constexpr uint32_t kSubjectWindow = 6;  // a sentence subject starts within its first tokens

const std::unordered_map<std::string, Gender>& first_names() {
  static const auto names = [] {
    std::unordered_map<std::string, Gender> out;
    for_each_row("first_names.tsv", [&](const auto& cols) {
      if (cols.size() >= 2) out.emplace(std::string(cols[0]), cols[1] == "f" ? Gender::female : Gender::male);
    });
    return out;
  }();
  return names;
}

// Lower-case role key without dots, abbreviations spelled out ("Sen." -> "senator").
std::string role_key(std::string_view w) {
  std::string k;
  for (char c : w)
    if (c != '.') k.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  static const std::unordered_map<std::string, std::string> kAbbrev = {
      {"sen", "senator"}, {"gov", "governor"}, {"rep", "representative"}, {"gen", "general"},
      {"spokesperson", "spokesman"}, {"spokeswoman", "spokesman"}, {"congresswoman", "congressman"},
      {"chairwoman", "chairman"}, {"chair", "chairman"}, {"advisor", "adviser"}, {"pres", "president"}};
  if (auto it = kAbbrev.find(k); it != kAbbrev.end()) return it->second;
  return k;
}

Gender gender_of_word(std::string_view w) {
  if (w == "Mr." || w == "Mr") return Gender::male;
  if (w == "Mrs." || w == "Mrs" || w == "Ms." || w == "Ms" || w == "Miss") return Gender::female;
  const std::string k = text::lower_ascii(w);
  if (k == "spokeswoman" || k == "chairwoman" || k == "congresswoman" || k == "businesswoman" || k == "actress" ||
      k == "queen" || k == "princess" || k == "first lady" || k == "wife" || k == "mother" || k == "daughter")
    return Gender::female;
  if (k == "spokesman" || k == "chairman" || k == "congressman" || k == "businessman" || k == "actor" || k == "king" ||
      k == "prince" || k == "husband" || k == "father" || k == "son")
    return Gender::male;
  return Gender::unknown;
}

}  // namespace

Gender gender_of_first_name(std::string_view word) {
  const auto& names = first_names();
  if (auto it = names.find(std::string(word)); it != names.end()) return it->second;
  return Gender::unknown;
}

SpeakerResolver::SpeakerResolver(const text::Analysis& text, const DocumentFacts& facts)
    : a_(text), f_(facts), mention_at_(text.tokens.size(), -1), quoted_(text.tokens.size(), 0) {
  for (const text::Quotation& q : text.quotes)
    for (uint32_t t = q.open_token; t < text.tokens.size() && text.tokens[t].span.begin < q.outer.end; ++t) quoted_[t] = 1;
  const size_t slots = facts.entities.empty() ? facts.mentions.size() : facts.entities.size();
  entity_gender_.assign(slots, Gender::unknown);
  for (size_t m = 0; m < facts.mentions.size(); ++m) {
    const Mention& mn = facts.mentions[m];
    if (mn.form != MentionForm::name) continue;
    const uint32_t first = a_.token_at(mn.span.begin);
    for (uint32_t t = first; t < a_.tokens.size() && a_.tokens[t].span.begin < mn.span.end; ++t) mention_at_[t] = static_cast<int32_t>(m);
    if (mn.kind != EntityKind::person || first >= a_.tokens.size()) continue;
    Gender g = gender_of_first_name(a_.str(first));
    for (uint32_t back = 1; g == Gender::unknown && back <= 2 && first >= back; ++back) g = gender_of_word(a_.str(first - back));
    const size_t slot = facts.entities.empty() ? m : static_cast<size_t>(std::max(mn.entity, 0));
    if (g != Gender::unknown && slot < entity_gender_.size() && entity_gender_[slot] == Gender::unknown) entity_gender_[slot] = g;
  }
}

Gender SpeakerResolver::gender(int32_t m) const {
  if (m < 0 || static_cast<size_t>(m) >= f_.mentions.size()) return Gender::unknown;
  const int32_t e = f_.mentions[static_cast<size_t>(m)].entity;
  const size_t slot = f_.entities.empty() ? static_cast<size_t>(m) : static_cast<size_t>(std::max(e, 0));
  if (!f_.entities.empty() && e < 0) return Gender::unknown;
  return slot < entity_gender_.size() ? entity_gender_[slot] : Gender::unknown;
}

bool SpeakerResolver::is_person(int32_t m) const {
  return m >= 0 && f_.mentions[static_cast<size_t>(m)].kind == EntityKind::person;
}

bool SpeakerResolver::compatible(int32_t m, Gender g, bool person) const {
  if (m < 0) return false;
  const EntityKind kind = f_.mentions[static_cast<size_t>(m)].kind;
  if (!person) return kind == EntityKind::organization;
  if (kind != EntityKind::person) return false;
  const Gender mg = gender(m);
  return g == Gender::unknown || mg == Gender::unknown || mg == g;
}

int32_t SpeakerResolver::subject_of(uint32_t sentence, uint32_t before, Gender g, bool person) const {
  const text::Sentence& s = a_.sentences[sentence];
  const uint32_t limit = std::min({s.last, before, s.first + kSubjectWindow});
  for (uint32_t t = s.first; t < limit; ++t) {
    const int32_t m = mention_at_[t];
    if (m >= 0 && !quoted_[t]) return compatible(m, g, person) ? m : -1;
  }
  return -1;
}

int32_t SpeakerResolver::pronoun(uint32_t at, Gender g, bool person) const {
  if (at >= a_.tokens.size()) return -1;
  const uint32_t here = a_.tokens[at].sentence;
  for (uint32_t back = 0; back <= kLookBackSentences && back <= here; ++back) {
    const uint32_t s = here - back;
    for (auto it = spoken_.rbegin(); it != spoken_.rend(); ++it)
      if (it->sentence == s && compatible(it->mention, g, person)) return it->mention;
    if (back == 0) continue;  // a name earlier in the same sentence is rarely who "he" is
    if (const int32_t m = subject_of(s, a_.sentences[s].last, g, person); m >= 0) return m;
    // Else the latest compatible name in the nearest sentence that has one.
    for (uint32_t t = a_.sentences[s].last; t-- > a_.sentences[s].first;) {
      const int32_t m = mention_at_[t];
      if (m >= 0 && compatible(m, g, person) && !quoted_[t]) return m;
    }
  }
  return -1;
}

int32_t SpeakerResolver::role(uint32_t at, std::string_view noun) const {
  const std::string key = role_key(noun);
  const Lexicons& lex = Lexicons::instance();
  if (!lex.is_role(text::lower_ascii(noun)) && !lex.is_title(noun) && key == text::lower_ascii(noun) &&
      !lex.is_role(key))
    return -1;
  for (uint32_t t = std::min<uint32_t>(at, static_cast<uint32_t>(a_.tokens.size())); t-- > 0;) {
    const int32_t m = mention_at_[t];
    if (m < 0 || !is_person(m) || (t > 0 && mention_at_[t - 1] == m)) continue;
    // Role words just before the name ("spokeswoman Haley Morris") ...
    for (uint32_t back = 1; back <= 3 && t >= back; ++back)
      if (role_key(a_.str(t - back)) == key) return m;
    // ... or in an apposition after it ("Haley Morris, a spokeswoman for ...").
    uint32_t e = t;
    while (e < a_.tokens.size() && mention_at_[e] == m) ++e;
    if (e < a_.tokens.size() && a_.str(e) == ",")
      for (uint32_t k = e + 1; k < a_.tokens.size() && k <= e + 6 && a_.str(k) != "," && a_.str(k) != "."; ++k)
        if (role_key(a_.str(k)) == key) return m;
  }
  return -1;
}

int32_t SpeakerResolver::central_person(uint32_t at, Gender g) const {
  if (at >= a_.tokens.size() || f_.entities.empty()) return -1;
  const uint32_t byte = a_.tokens[at].span.begin;
  std::vector<uint32_t> count(f_.entities.size(), 0);
  std::vector<int32_t> latest(f_.entities.size(), -1);
  for (size_t m = 0; m < f_.mentions.size(); ++m) {
    const Mention& mn = f_.mentions[m];
    if (mn.form != MentionForm::name || mn.kind != EntityKind::person || mn.entity < 0) continue;
    const size_t e = static_cast<size_t>(mn.entity);
    if (e >= count.size()) continue;
    ++count[e];
    if (mn.span.end <= byte && (latest[e] < 0 || f_.mentions[static_cast<size_t>(latest[e])].span.begin < mn.span.begin))
      latest[e] = static_cast<int32_t>(m);
  }
  int32_t best = -1;
  uint32_t best_count = 1;  // named at least twice
  for (size_t e = 0; e < count.size(); ++e)
    if (latest[e] >= 0 && count[e] > best_count && compatible(latest[e], g, true)) {
      best = latest[e];
      best_count = count[e];
    }
  return best;
}

int32_t SpeakerResolver::last_speaker(uint32_t at) const {
  if (spoken_.empty() || at >= a_.tokens.size()) return -1;
  const uint32_t here = a_.tokens[at].sentence;
  const Spoken& last = spoken_.back();
  return last.sentence <= here && here - last.sentence <= 3 ? last.mention : -1;
}

void SpeakerResolver::spoke(int32_t mention, uint32_t at) {
  if (mention < 0 || at >= a_.tokens.size()) return;
  spoken_.push_back(Spoken{mention, a_.tokens[at].sentence});
}

}  // namespace chronicle::extract
