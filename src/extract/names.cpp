// Name finding: capitalised token runs, typed by gazetteers, organisation words
// and the titles in front of them. Leading titles and demonyms are not part of a
// name ("German Chancellor Friedrich Merz" -> "Friedrich Merz", a person).
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "common/embedded.h"
#include "extract/gazetteer.h"
#include "extract/lexicon.h"
#include "extract/pipeline.h"

namespace chronicle::extract {

namespace {

using text::kAllCaps;
using text::kCapitalized;
using text::kWord;

// Capitalised words that start sentences but are not names.
const std::unordered_set<std::string> kCommonStarters = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "or", "in", "on", "at",
    "as", "after", "before", "while", "however", "this", "that", "these", "those", "there", "his", "her",
    "their", "its", "our", "my", "if", "when", "what", "why", "how", "who", "where", "not", "no", "yes",
    "despite", "during", "for", "from", "with", "without", "by", "of", "to", "so", "yet", "since", "until",
    "although", "though", "because", "meanwhile", "also", "still", "even", "both", "all", "some", "many",
    "most", "more", "other", "others", "several", "one", "two", "three", "each", "every", "any", "such",
    "than", "then", "now", "today", "yesterday", "tomorrow", "last", "next", "first", "later", "earlier",
    "under", "over", "about", "among", "between", "through", "against", "instead", "only", "just",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "according", "asked",
    "did", "do", "does", "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could",
    "should", "may", "might", "must", "expert", "experts", "analysts", "officials", "here", "well",
    "frequently", "possible", "background", "reporting", "editing", "image", "photo", "should", "further",
    "territory", "diplomacy", "european", "talks", "questions", "mr", "mrs", "ms", "new", "old", "top"};

const std::unordered_set<std::string> kConnectors = {"of", "de", "van", "von", "al", "bin", "du", "da", "der", "la", "le", "del", "for", "and", "&"};

const std::unordered_set<std::string> kMonthsAndDays = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

bool capital_word(const text::Analysis& a, uint32_t t) {
  const text::Token& tok = a.tokens[t];
  if (!tok.is(kWord) || tok.is(text::kNumber)) return false;
  return tok.is(kCapitalized) || (tok.is(kAllCaps) && tok.span.size() >= 2);
}

class NameExtractor : public Extractor {
 public:
  NameExtractor() : lex_(Lexicons::instance()), gaz_(Gazetteer::instance()) {}
  std::string_view name() const override { return "names"; }

  void extract(Context& ctx) const override {
    const text::Analysis& a = ctx.text;
    std::unordered_map<std::string, EntityKind> seen;  // surname / name -> kind, in this document
    for (const text::Sentence& s : a.sentences) {
      for (uint32_t t = s.first; t < s.last;) {
        if (!capital_word(a, t)) {
          ++t;
          continue;
        }
        uint32_t end = t + 1;
        while (end < s.last) {
          if (capital_word(a, end)) {
            ++end;
          } else if (end + 1 < s.last && kConnectors.count(text::lower_ascii(a.str(end))) && capital_word(a, end + 1) &&
                     a.str(end) != "and") {
            end += 2;
          } else {
            break;
          }
        }
        add_candidate(ctx, t, end, t == s.first || a.tokens[t - 1].is(text::kQuoteMark), seen);
        t = end;
      }
    }
  }

 private:
  void add_candidate(Context& ctx, uint32_t b, uint32_t e, bool sentence_start,
                     std::unordered_map<std::string, EntityKind>& seen) const {
    const text::Analysis& a = ctx.text;
    bool titled = false;
    // Leading common words, demonyms and titles are not part of the name.
    while (b < e) {
      const std::string w = text::lower_ascii(a.str(b));
      if ((sentence_start || b > 0) && kCommonStarters.count(w) && (sentence_start || w == "the")) {
        ++b;
        sentence_start = false;
        continue;
      }
      if (lex_.is_title(a.str(b)) && b + 1 < e) {
        titled = true;
        ++b;
        continue;
      }
      if (!gaz_.demonym(a.str(b)).empty() && b + 1 < e) {
        ++b;
        continue;
      }
      break;
    }
    if (b >= e) return;
    const std::string first = text::lower_ascii(a.str(b));
    if (e - b == 1 && (kMonthsAndDays.count(first) || (sentence_start && kCommonStarters.count(first)))) return;
    if (e - b == 1 && lex_.is_title(a.str(b))) return;
    if (!gaz_.demonym(a.str(b)).empty() && e - b == 1) return;
    const Span span{a.tokens[b].span.begin, a.tokens[e - 1].span.end};
    const std::string_view text = span.of(a.text);
    EntityKind kind = classify(a, b, e, titled, seen);
    if (kind == EntityKind::person) {
      seen[std::string(a.str(e - 1))] = kind;
    }
    seen[std::string(text)] = kind;
    ctx.facts.mentions.push_back(Mention{span, kind, MentionForm::name, -1});
  }

  EntityKind classify(const text::Analysis& a, uint32_t b, uint32_t e, bool titled,
                      const std::unordered_map<std::string, EntityKind>& seen) const {
    const std::string_view whole = Span{a.tokens[b].span.begin, a.tokens[e - 1].span.end}.of(a.text);
    if (auto it = seen.find(std::string(whole)); it != seen.end()) return it->second;
    if (!gaz_.country(whole).empty() || gaz_.is_place(whole)) return EntityKind::location;
    if (lex_.is_org_word(a.str(e - 1)) || lex_.is_org_word(a.str(b))) return EntityKind::organization;
    if (e - b == 1 && a.tokens[b].is(kAllCaps) && a.str(b).size() <= 6) return EntityKind::organization;
    if (titled) return EntityKind::person;
    if (e - b >= 2 && e - b <= 4) return EntityKind::person;
    // "Ukraine's" possessive after a name does not tell; default by shape.
    return EntityKind::other;
  }

  const Lexicons& lex_;
  const Gazetteer& gaz_;
};

}  // namespace

std::unique_ptr<Extractor> make_name_extractor() { return std::make_unique<NameExtractor>(); }

}  // namespace chronicle::extract
