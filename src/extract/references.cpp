// Finding pronoun and nominal mention candidates (see references.h).
//
// Pronouns: any word of the pronoun list; "it" only before a verb such as
// "would" or "said" (not "it is clear", "behind it"). Nominals: "the" + up to three modifiers (lower-case title words such
// as "foreign" or "former", demonyms, capitalised names such as "Kremlin") + a
// head noun that is a role ("spokesman") or a nominal type ("company"), not
// followed by "of" or by a capitalised name (then the noun is a title of that
// name: "the spokesman Dmitry Peskov").
#include "extract/references.h"

#include <algorithm>

#include "extract/gazetteer.h"
#include "extract/lexicon.h"

namespace chronicle::extract {

namespace {

Gender gender_from(std::string_view s) {
  if (s == "male") return Gender::male;
  if (s == "female") return Gender::female;
  if (s == "neuter") return Gender::neuter;
  return Gender::unknown;
}

// "it" is kept only as the subject of a verb that an organisation or country
// does ("it would", "it said"); "it is clear", "behind it" are left out.
bool unlikely_it(const text::Analysis& a, uint32_t t, std::string_view lower) {
  if (lower != "it") return false;
  if (t + 1 >= a.tokens.size()) return true;
  static constexpr std::string_view kVerbs[] = {"would", "will", "could", "can", "may", "might", "should", "said",
                                                "says", "has", "had", "plans", "planned", "expects", "expected",
                                                "wants", "wanted", "did", "does", "reported", "announced"};
  const std::string next = text::lower_ascii(a.str(t + 1));
  return std::find(std::begin(kVerbs), std::end(kVerbs), next) == std::end(kVerbs);
}

// Token t is covered by one of the (sorted by start) name mentions.
class NameCover {
 public:
  explicit NameCover(const std::vector<Mention>& mentions) {
    for (const Mention& m : mentions) spans_.push_back(m.span);
    std::sort(spans_.begin(), spans_.end());
  }
  bool covers(Span s) const {
    auto it = std::upper_bound(spans_.begin(), spans_.end(), Span{s.begin, UINT32_MAX});
    return it != spans_.begin() && std::prev(it)->overlaps(s);
  }

 private:
  std::vector<Span> spans_;
};

class ReferenceFinder {
 public:
  explicit ReferenceFinder(Context& ctx)
      : ctx_(ctx), a_(ctx.text), words_(ReferenceWords::instance()), lex_(Lexicons::instance()),
        gaz_(Gazetteer::instance()), names_(ctx.facts.mentions) {}

  void run() {
    for (const text::Sentence& s : a_.sentences)
      for (uint32_t t = s.first; t < s.last; ++t) {
        if (!a_.tokens[t].is(text::kWord) || names_.covers(a_.tokens[t].span)) continue;
        const std::string lower = text::lower_ascii(a_.str(t));
        if (const PronounInfo* p = words_.pronoun(lower); p != nullptr && !unlikely_it(a_, t, lower))
          add(t, t + 1, p->gender == Gender::male || p->gender == Gender::female ? EntityKind::person : EntityKind::other,
              MentionForm::pronoun);
        else if (lower == "the")
          t = nominal(t, s.last);
      }
  }

 private:
  void add(uint32_t first, uint32_t last, EntityKind kind, MentionForm form) {
    const Span span{a_.tokens[first].span.begin, a_.tokens[last - 1].span.end};
    ctx_.facts.mentions.push_back(Mention{span, kind, form, -1});
  }

  // "the" at token `the`: adds a nominal mention if one follows; returns the last token consumed.
  uint32_t nominal(uint32_t the, uint32_t end) {
    bool named_modifier = false;
    for (uint32_t h = the + 1; h < end && h <= the + 4; ++h) {
      const std::string_view w = a_.str(h);
      const std::string lower = text::lower_ascii(w);
      if (const auto kind = words_.nominal(lower); kind && !a_.tokens[h].is(text::kCapitalized)) {
        if (h + 1 < end && (a_.str(h + 1) == "of" || a_.tokens[h + 1].is(text::kCapitalized))) return h;
        // "the Donetsk region" is a name, not a reference to an earlier one.
        if (*kind != EntityKind::person && named_modifier) return h;
        add(the, h + 1, *kind, MentionForm::nominal);
        return h;
      }
      if (!modifier(h, w)) break;
      named_modifier |= a_.tokens[h].is(text::kCapitalized);
    }
    return the;
  }

  bool modifier(uint32_t t, std::string_view w) const {
    if (!a_.tokens[t].is(text::kWord)) return false;
    if (a_.tokens[t].is(text::kCapitalized)) return true;  // "the Kremlin spokesman", "the German chancellor"
    std::string title(w);
    title[0] = static_cast<char>(title[0] >= 'a' && title[0] <= 'z' ? title[0] - 32 : title[0]);
    return lex_.is_title(title) || !gaz_.demonym(w).empty();  // "the former president", "the foreign minister"
  }

  Context& ctx_;
  const text::Analysis& a_;
  const ReferenceWords& words_;
  const Lexicons& lex_;
  const Gazetteer& gaz_;
  NameCover names_;
};

}  // namespace

ReferenceWords::ReferenceWords() {
  for_each_row("reference_words.tsv", [&](const auto& cols) {
    if (cols.size() < 3) return;
    const std::string word(cols[0]);
    const std::string_view value = cols[2];
    if (cols[1] == "pronoun") {
      const size_t sp = value.find(' ');
      pronouns_[word] = PronounInfo{gender_from(value.substr(0, sp)), value.ends_with("plural")};
    } else if (cols[1] == "nominal") {
      if (auto k = entity_kind_from(value)) nominals_[word] = *k;
    } else if (cols[1] == "gender") {
      genders_[word] = gender_from(value);
    }
  });
  for_each_row("titles.tsv", [&](const auto& cols) {
    if (cols.size() >= 2 && cols[1] == "role" && cols[0].find(' ') == std::string_view::npos)
      nominals_.emplace(text::lower_ascii(cols[0]), EntityKind::person);
  });
}

const ReferenceWords& ReferenceWords::instance() {
  static const ReferenceWords w;
  return w;
}

const PronounInfo* ReferenceWords::pronoun(std::string_view lower) const {
  auto it = pronouns_.find(lower);
  return it == pronouns_.end() ? nullptr : &it->second;
}

std::optional<EntityKind> ReferenceWords::nominal(std::string_view lower) const {
  auto it = nominals_.find(lower);
  if (it == nominals_.end()) return std::nullopt;
  return it->second;
}

Gender ReferenceWords::gender(std::string_view word) const {
  auto it = genders_.find(word);
  return it == genders_.end() ? Gender::unknown : it->second;
}

void add_reference_mentions(Context& ctx) { ReferenceFinder(ctx).run(); }

}  // namespace chronicle::extract
