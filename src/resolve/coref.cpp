// In-document coreference (see coref.h).
//
// Names first: longest names first, so that a shortened form finds its full
// form wherever it is ("Merz" -> "Friedrich Merz", an acronym -> its
// expansion); names of different kinds never share a chain.
//
// Each person chain then learns its roles and gender from the words around its
// names: titles and roles in front ("Kremlin spokesman Dmitry Peskov", "German
// Chancellor Friedrich Merz") and appositions after ("Justin Logan, director of
// ..."), gendered titles ("Mrs.", "spokeswoman").
//
// Nominal and pronoun mentions are then resolved in text order:
//  - "he"/"she" etc.: the person chains mentioned in this or the two sentences
//    before, of a compatible gender; the nearest sentence wins, then a chain
//    whose gender is known to match, then the chain
//    that was the first name in its sentence (the likely subject), except that
//    a possessive takes the nearest name of its own sentence;
//  - "it"/"its": an organization, place or other non-person name (not a
//    nationality or "US-based") at most three tokens before it in the same
//    sentence, a place at most one ("Iran and its"); "they"/"their": likewise an organization, with no other name
//    in between;
//  - "the chancellor", "the spokesman": the latest person chain with that role;
//  - "the company", "the country": the latest chain of that kind within three
//    sentences, preferring one whose name contains the noun ("the institute");
//    organisation nouns may also take an untyped (`other`) name.
// A resolved pronoun sets the chain's gender when unknown. Unresolved nominal
// and pronoun mentions are dropped.
#include "resolve/coref.h"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "common/utf8.h"
#include "extract/gazetteer.h"
#include "extract/lexicon.h"
#include "extract/references.h"
#include "resolve/keys.h"

namespace chronicle::resolve {

namespace {

using extract::Gender;

struct Chain {
  EntityKind kind;
  std::vector<std::string> words;  // of the fullest name
  std::string name;
  std::vector<std::string> roles;  // lower-case role and title words
  Gender gender = Gender::unknown;
  bool country = false, city = false;
  // Updated while resolving in text order:
  int64_t last_sentence = -1;
  bool last_subject = false;  // its latest name mention was the first name in its sentence
  uint32_t last_end = 0;       // token after its latest mention of any form
  uint32_t last_name_end = 0;  // byte end of its latest name mention
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
// words are the longer one's last words (surname), or for organisations its
// first words when only one word is left out.
bool shortens(const std::vector<std::string>& shorter, const std::vector<std::string>& longer, EntityKind kind) {
  if (shorter.empty() || shorter.size() >= longer.size()) return false;
  if (kind == EntityKind::person) return std::equal(shorter.rbegin(), shorter.rend(), longer.rbegin());
  if (kind == EntityKind::organization || kind == EntityKind::other)
    return std::equal(shorter.begin(), shorter.end(), longer.begin()) && longer.size() <= shorter.size() + 1 &&
           shorter.front().size() > 3;
  return false;
}

bool same_words(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (skeleton(a[i]) != skeleton(b[i])) return false;
  return true;
}

class Linker {
 public:
  Linker(const text::Analysis& text, DocumentFacts& facts)
      : a_(text), facts_(facts), words_(extract::ReferenceWords::instance()), lex_(extract::Lexicons::instance()),
        gaz_(extract::Gazetteer::instance()) {}

  void run() {
    link_names();
    for (size_t i = 0; i < facts_.mentions.size(); ++i)
      if (facts_.mentions[i].form == MentionForm::name) describe(facts_.mentions[i]);
    resolve_references();
    link_demonyms();
    finish();
  }

 private:
  // A demonym used as a name ("German" in "German Chancellor Friedrich Merz",
  // "Ukrainian officials", "European leaders") refers to its country or region: it becomes a nominal mention of
  // the country's chain (made when the document never names the country), so the
  // graph gets Germany rather than an entity called "German".
  void link_demonyms() {
    for (Mention& m : facts_.mentions) {
      if (m.form != MentionForm::name || m.kind == EntityKind::person) continue;
      const std::string_view text = m.span.of(a_.text);
      const std::string_view code = gaz_.demonym(text);
      const std::string place(code.empty() ? gaz_.region_demonym(text) : gaz_.country_name(code));
      if (place.empty()) continue;
      const std::vector<std::string> words = name_words(place);
      int32_t found = -1;
      for (size_t c = 0; c < chains_.size() && found < 0; ++c) {
        const Chain& ch = chains_[c];
        if (ch.kind == EntityKind::location && (code.empty() ? same_words(ch.words, words) : gaz_.country(ch.name) == code))
          found = static_cast<int32_t>(c);
      }
      if (found < 0) {
        Chain ch{EntityKind::location, words, place};
        ch.country = !code.empty();
        chains_.push_back(std::move(ch));
        found = static_cast<int32_t>(chains_.size() - 1);
      }
      m.entity = found;
      m.kind = EntityKind::location;
      m.form = MentionForm::nominal;
    }
  }

  uint32_t first_token(const Mention& m) const { return a_.token_at(m.span.begin); }
  uint32_t end_token(const Mention& m) const { return a_.token_at(m.span.end); }
  uint32_t sentence_of(const Mention& m) const {
    const uint32_t t = first_token(m);
    return t < a_.tokens.size() ? a_.tokens[t].sentence : 0;
  }

  void link_names() {
    std::vector<size_t> order;
    std::vector<std::vector<std::string>> words(facts_.mentions.size());
    for (size_t i = 0; i < facts_.mentions.size(); ++i) {
      if (facts_.mentions[i].form != MentionForm::name) continue;
      words[i] = name_words(facts_.mentions[i].span.of(a_.text));
      order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return words[x].size() > words[y].size(); });
    for (size_t i : order) {
      Mention& m = facts_.mentions[i];
      int32_t found = -1;
      for (size_t c = 0; c < chains_.size() && found < 0; ++c) {
        const Chain& ch = chains_[c];
        if (ch.kind != m.kind) continue;
        if (same_words(words[i], ch.words) || shortens(words[i], ch.words, ch.kind) ||
            (ch.kind == EntityKind::organization && is_acronym_of(m.span.of(a_.text), ch.words)))
          found = static_cast<int32_t>(c);
      }
      if (found < 0) {
        Chain ch{m.kind, words[i], std::string(m.span.of(a_.text))};
        if (m.kind == EntityKind::location) {
          ch.country = !gaz_.country(ch.name).empty();
          ch.city = gaz_.is_city(ch.name);
        }
        chains_.push_back(std::move(ch));
        found = static_cast<int32_t>(chains_.size() - 1);
      }
      m.entity = found;
    }
  }

  void add_role(Chain& ch, std::string_view word) {
    std::string r = text::lower_ascii(word);
    if (!r.empty() && r.back() == '.') r.pop_back();
    if (std::find(ch.roles.begin(), ch.roles.end(), r) == ch.roles.end()) ch.roles.push_back(std::move(r));
    if (ch.gender == Gender::unknown) ch.gender = words_.gender(word);
  }

  bool role_word(std::string_view w) const { return lex_.is_title(w) || lex_.is_role(w) || words_.gender(w) != Gender::unknown; }

  // Roles and gender of a person chain from the words around one of its names.
  void describe(const Mention& m) {
    Chain& ch = chains_[static_cast<size_t>(m.entity)];
    if (ch.kind != EntityKind::person) return;
    const uint32_t first = first_token(m), sentence_first = a_.sentences[sentence_of(m)].first;
    for (uint32_t t = first; t > sentence_first && first - t < 5;) {
      const std::string_view w = a_.str(--t);
      if (!role_word(w)) break;
      add_role(ch, w);
    }
    // Apposition: "Name, the Kremlin spokesman, ..." up to the next comma or stop.
    const uint32_t end = end_token(m), last = a_.sentences[sentence_of(m)].last;
    if (end + 1 >= last || a_.str(end) != ",") return;
    const std::string_view opener = a_.str(end + 1);
    if (!(opener == "the" || opener == "a" || opener == "an" || a_.tokens[end + 1].is(text::kCapitalized) ||
          role_word(opener)))
      return;
    for (uint32_t t = end + 1; t < last && t < end + 12; ++t) {
      const std::string_view w = a_.str(t);
      if (w == "," || w == "." || w == ";" || w == ")" || a_.tokens[t].is(text::kQuoteMark)) break;
      if (lex_.is_role(w)) add_role(ch, w);
    }
  }

  void resolve_references() {
    std::vector<size_t> order(facts_.mentions.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t x, size_t y) { return facts_.mentions[x].span.begin < facts_.mentions[y].span.begin; });
    int64_t subject_sentence = -1;  // sentence whose first name was seen
    for (size_t i : order) {
      Mention& m = facts_.mentions[i];
      const int64_t s = sentence_of(m);
      if (m.form == MentionForm::name) {
        Chain& ch = chains_[static_cast<size_t>(m.entity)];
        ch.last_sentence = s;
        ch.last_name_end = last_name_end_ = m.span.end;
        ch.last_end = end_token(m);
        ch.last_subject = subject_sentence != s;
        subject_sentence = s;
        continue;
      }
      m.entity = m.form == MentionForm::pronoun ? pronoun(m, s) : nominal(m, s);
      if (m.entity < 0) continue;
      Chain& ch = chains_[static_cast<size_t>(m.entity)];
      ch.last_sentence = s;
      ch.last_end = end_token(m);  // "the chancellor ... his": the nominal is the nearer mention
    }
  }

  int32_t pronoun(const Mention& m, int64_t s) {
    const std::string word = text::lower_ascii(m.span.of(a_.text));
    const extract::PronounInfo* p = words_.pronoun(word);
    if (p == nullptr) return -1;
    const bool personal = p->gender == Gender::male || p->gender == Gender::female;
    const bool possessive = word == "his" || word == "her" || word == "its" || word == "their";
    // Nearest sentence first; then, in the pronoun's own sentence, a possessive
    // takes the nearest name ("the United States and its allies") and a subject
    // the sentence's first name; in earlier sentences the subject is preferred.
    using Score = std::tuple<int64_t, int64_t, int64_t>;
    int32_t best = -1;
    Score best_score{INT64_MIN, 0, 0};
    for (size_t c = 0; c < chains_.size(); ++c) {
      const Chain& ch = chains_[c];
      if (ch.last_sentence < 0 || ch.last_sentence > s) continue;
      const int64_t distance = s - ch.last_sentence;
      if (personal) {
        if (ch.kind != EntityKind::person || distance > 2) continue;
        if (ch.gender != Gender::unknown && ch.gender != p->gender) continue;
      } else if (p->plural) {
        // "they"/"their": an organisation named earlier in the same sentence, nothing named in between.
        if (ch.kind != EntityKind::organization || distance > 0 || ch.last_name_end != last_name_end_) continue;
        if (!close(ch, m)) continue;
      } else {
        // "it"/"its": a name just before it in the same sentence ("Yukos said
        // in its filing", "Microsoft has said it will"); without a parse,
        // anything further is too often wrong.
        const bool fits = ch.kind == EntityKind::organization || ch.kind == EntityKind::location || thing(ch);
        if (!fits || distance > 0 || !close(ch, m)) continue;
        if (ch.kind == EntityKind::location && first_token(m) > ch.last_end + 1) continue;  // "Iran and its"
      }
      const int64_t nearest = ch.last_end, subject = ch.last_subject ? 1 : 0;
      const int64_t agrees = personal && ch.gender == p->gender ? 1 : 0;  // known gender beats unknown
      const Score score = distance == 0 && possessive ? Score{agrees, nearest, subject}
                                                      : Score{-distance * 2 + agrees, subject, nearest};
      if (score > best_score) best_score = score, best = static_cast<int32_t>(c);
    }
    if (best >= 0 && personal && chains_[static_cast<size_t>(best)].gender == Gender::unknown)
      chains_[static_cast<size_t>(best)].gender = p->gender;
    return best;
  }

  // The chain's latest mention ends at most three tokens before `m`.
  bool close(const Chain& ch, const Mention& m) const { return first_token(m) <= ch.last_end + 3; }

  // An `other` name that is not a nationality: a product, event or an
  // organisation the tagger could not type ("it", "the company" may refer to it).
  bool thing(const Chain& ch) const {
    return ch.kind == EntityKind::other && gaz_.demonym(ch.name).empty() && ch.name.find('-') == std::string::npos;
  }

  int32_t nominal(const Mention& m, int64_t s) {
    const std::string_view text = m.span.of(a_.text);
    const std::string head = text::lower_ascii(text.substr(text.rfind(' ') + 1));
    int32_t best = -1;
    int64_t best_score = INT64_MIN;
    for (size_t c = 0; c < chains_.size(); ++c) {
      const Chain& ch = chains_[c];
      if (ch.last_sentence < 0 || ch.last_sentence > s) continue;
      if (ch.kind != m.kind && !(m.kind == EntityKind::organization && thing(ch))) continue;
      const int64_t distance = s - ch.last_sentence;
      int64_t score = -distance;
      if (m.kind == EntityKind::person) {
        if (std::find(ch.roles.begin(), ch.roles.end(), head) == ch.roles.end()) continue;
      } else {
        if (distance > 3) continue;
        const bool named = std::find(ch.words.begin(), ch.words.end(), head) != ch.words.end();
        if (m.kind == EntityKind::location && !named && (head == "country" || head == "nation") && !ch.country) continue;
        if (m.kind == EntityKind::location && !named && (head == "city" || head == "town") && !ch.city) continue;
        if (named) score += 10;
      }
      if (score > best_score) best_score = score, best = static_cast<int32_t>(c);
    }
    return best;
  }

  // Drops unresolved mentions, keeps text order, fills facts.entities.
  void finish() {
    std::vector<Mention> kept;
    kept.reserve(facts_.mentions.size());
    for (const Mention& m : facts_.mentions)
      if (m.entity >= 0) kept.push_back(m);
    std::stable_sort(kept.begin(), kept.end(), [](const Mention& x, const Mention& y) { return x.span < y.span; });
    // Chains left without mentions (a demonym's) are dropped; indexes are renumbered.
    std::vector<int32_t> renumber(chains_.size(), -1);
    for (const Mention& m : kept) renumber[static_cast<size_t>(m.entity)] = 0;
    facts_.entities.clear();
    for (size_t c = 0; c < chains_.size(); ++c) {
      if (renumber[c] < 0) continue;
      renumber[c] = static_cast<int32_t>(facts_.entities.size());
      facts_.entities.push_back(LocalEntity{chains_[c].kind, normalize_space(chains_[c].name)});
    }
    for (Mention& m : kept) {
      m.kind = chains_[static_cast<size_t>(m.entity)].kind;
      m.entity = renumber[static_cast<size_t>(m.entity)];
    }
    facts_.mentions = std::move(kept);
  }

  const text::Analysis& a_;
  DocumentFacts& facts_;
  const extract::ReferenceWords& words_;
  const extract::Lexicons& lex_;
  const extract::Gazetteer& gaz_;
  std::vector<Chain> chains_;
  uint32_t last_name_end_ = 0;  // end of the latest name mention seen in text order
};

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

void link_document(const Document&, const text::Analysis& text, DocumentFacts& facts) { Linker(text, facts).run(); }

}  // namespace chronicle::resolve
