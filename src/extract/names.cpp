// Name finding: the learned sequence tagger (extract/ner_model.h) marks names
// and their types on chronicle's tokens; a few rules then tidy the result for an
// entity list:
//  - titles and roles in front of a person's name are not part of it ("German
//    Chancellor Friedrich Merz" -> "Friedrich Merz"; the demonym "German" stays a
//    separate `other` name, as CoNLL annotates it);
//  - no name begins or ends with punctuation (a possessive "'s" stays only
//    where the tagger takes it as part of the name: "Lord's", "McDonald's");
//  - a country directly before an organisation belongs to it ("U.S." + "Air
//    Force" -> "U.S. Air Force");
//  - a place that is no gazetteer place and has a spokesman, official or aide is
//    an institution ("Kremlin spokesman" -> the Kremlin, an organization);
//  - a surname takes the type of the full name it shortens, and a type set by
//    a rule holds for every mention of that string in the document; a lone
//    gazetteer place tagged as a person is a place ("Kyiv's ambitions").
// It then adds the pronoun and nominal candidates (extract/references.h) that
// in-document coreference resolves or drops.
#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>

#include "common/utf8.h"
#include "extract/gazetteer.h"
#include "extract/lexicon.h"
#include "extract/ner_features.h"
#include "extract/ner_model.h"
#include "extract/pipeline.h"
#include "extract/references.h"

namespace chronicle::extract {

namespace {

constexpr EntityKind kKinds[] = {EntityKind::person, EntityKind::organization, EntityKind::location,
                                 EntityKind::other};

bool edge_junk(std::string_view w) {
  if (w.empty()) return true;
  const unsigned char c = static_cast<unsigned char>(w[0]);
  return w.size() == 1 ? !std::isalnum(c) : (c < 0x80 && !std::isalnum(c) && w.size() <= 3 && c != '$');
}

// Role nouns after which a place name stands for an institution.
bool institution_role(std::string_view w) {
  return w == "spokesman" || w == "spokeswoman" || w == "spokesperson" || w == "official" || w == "officials" ||
         w == "aide" || w == "aides" || w == "adviser" || w == "advisers" || w == "press";
}

struct Candidate {
  uint32_t first, last;  // tagger tokens
  EntityKind kind;
  bool fixed = false;    // kind set by a rule, not open to the document vote
};

class NameExtractor : public Extractor {
 public:
  NameExtractor() : model_(ner::Model::shipped()), lex_(Lexicons::instance()), gaz_(Gazetteer::instance()) {}
  std::string_view name() const override { return "names"; }

  void extract(Context& ctx) const override {
    thread_local ner::Features features;
    thread_local std::vector<uint8_t> tags;
    ner::featurize_by_type(ctx.text, features);
    model_.tag(features, tags);
    Names d{ctx.text.text, features, {}};
    for (const ner::Found& f : ner::names_of(tags))
      if (!ctx.text.in_address({features.tokens[f.first].begin, features.tokens[f.last - 1].end}))  // a link's words are not names
        trim(d, Candidate{f.first, f.last, kKinds[f.type]});
    join_country_organizations(d);
    institutions(d);
    harmonise(d);
    for (const Candidate& c : d.names) {
      const Span span{features.tokens[c.first].begin, features.tokens[c.last - 1].end};
      ctx.facts.mentions.push_back(Mention{span, c.kind, MentionForm::name, -1});
    }
    add_reference_mentions(ctx);
  }

 private:
  struct Names {
    std::string_view text;
    const ner::Features& f;
    std::vector<Candidate> names;
    std::string_view word(uint32_t i) const { return f.tokens[i].of(text); }
    std::string_view str(const Candidate& c) const {
      return Span{f.tokens[c.first].begin, f.tokens[c.last - 1].end}.of(text);
    }
  };

  // "I'm", "I've", "We'll": contractions are never names.
  static bool contraction(std::string_view w) {
    size_t apostrophe = w.find('\'');
    size_t width = 1;
    if (apostrophe == std::string_view::npos) apostrophe = w.find("\xE2\x80\x99"), width = 3;
    if (apostrophe == std::string_view::npos) return false;
    const std::string tail = text::lower_ascii(w.substr(apostrophe + width));
    return tail == "m" || tail == "ve" || tail == "d" || tail == "ll" || tail == "re" || tail == "t";
  }

  void trim(Names& d, Candidate c) const {
    if (c.last - c.first == 1 && contraction(d.word(c.first))) return;
    while (c.first < c.last && edge_junk(d.word(c.first))) ++c.first;
    while (c.last > c.first && edge_junk(d.word(c.last - 1))) --c.last;
    if (c.kind == EntityKind::person)
      while (c.last - c.first > 1 && lex_.is_title(d.word(c.first))) ++c.first;
    if (c.first < c.last) d.names.push_back(c);
  }

  void join_country_organizations(Names& d) const {
    for (size_t i = 0; i + 1 < d.names.size(); ++i) {
      Candidate& a = d.names[i];
      const Candidate& b = d.names[i + 1];
      if (a.kind != EntityKind::location || b.kind != EntityKind::organization || a.last != b.first) continue;
      if (gaz_.country(d.str(a)).empty()) continue;
      a.last = b.last;
      a.kind = EntityKind::organization;
      d.names.erase(d.names.begin() + static_cast<std::ptrdiff_t>(i + 1));
    }
  }

  void institutions(Names& d) const {
    std::vector<std::string> found;
    for (Candidate& c : d.names) {
      if (c.kind != EntityKind::location || c.last >= d.f.tokens.size()) continue;
      if (!institution_role(d.word(c.last)) || gaz_.is_place(d.str(c))) continue;
      found.emplace_back(d.str(c));
    }
    for (Candidate& c : d.names)
      if (std::find(found.begin(), found.end(), d.str(c)) != found.end()) c.kind = EntityKind::organization, c.fixed = true;
  }

  // Types a rule fixed hold for every mention of the same string in the
  // document, and a one-word name that is the last word of a person's name is
  // that person. (The tagger's prediction history already keeps the types of
  // one document consistent; a majority vote on top of it did not help.)
  void harmonise(Names& d) const {
    std::unordered_map<std::string, EntityKind> fixed;
    for (const Candidate& c : d.names) {
      if (c.fixed) fixed[utf8::fold(d.str(c))] = c.kind;
      if (c.kind == EntityKind::person && c.last - c.first >= 2) fixed.emplace(utf8::fold(d.word(c.last - 1)), c.kind);
    }
    for (Candidate& c : d.names) {
      const std::string k = utf8::fold(d.str(c));
      if (auto it = fixed.find(k); it != fixed.end()) c.kind = it->second;
      // A lone known place is not a person unless it is someone's surname here.
      else if (c.kind == EntityKind::person && c.last - c.first == 1 && gaz_.is_place(d.str(c))) c.kind = EntityKind::location;
    }
  }

  const ner::Model& model_;
  const Lexicons& lex_;
  const Gazetteer& gaz_;
};

}  // namespace

std::unique_ptr<Extractor> make_name_extractor() { return std::make_unique<NameExtractor>(); }

}  // namespace chronicle::extract
