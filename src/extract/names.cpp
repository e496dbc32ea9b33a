// Name finding: the learned sequence tagger (extract/ner_model.h) marks names
// and their types on chronicle's tokens; a few rules then tidy the result for an
// entity list:
//  - titles and roles in front of a person's name are not part of it ("German
//    Chancellor Friedrich Merz" -> "Friedrich Merz"; the demonym "German" stays a
//    separate `other` name, as CoNLL annotates it);
//  - no name begins or ends with punctuation or a possessive "'s";
//  - a country directly before an organisation belongs to it ("U.S." + "Air
//    Force" -> "U.S. Air Force");
//  - a place that is no gazetteer place and has a spokesman, official or aide is
//    an institution ("Kremlin spokesman" -> the Kremlin, an organization);
//  - one document gives one string one type: the type most of its mentions got,
//    and a surname the type of the full name it shortens.
// It then adds the pronoun and nominal candidates (extract/references.h) that
// in-document coreference resolves or drops.
#include <algorithm>
#include <array>
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
  if (w == "'s" || w == "\xE2\x80\x99s" || w == "'S") return true;
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
    ner::featurize(ctx.text, features);
    model_.tag(features, tags);
    Document d{ctx.text.text, features, {}};
    for (const ner::Found& f : ner::names_of(tags)) trim(d, Candidate{f.first, f.last, kKinds[f.type]});
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
  struct Document {
    std::string_view text;
    const ner::Features& f;
    std::vector<Candidate> names;
    std::string_view word(uint32_t i) const { return f.tokens[i].of(text); }
    std::string_view str(const Candidate& c) const {
      return Span{f.tokens[c.first].begin, f.tokens[c.last - 1].end}.of(text);
    }
  };

  void trim(Document& d, Candidate c) const {
    while (c.first < c.last && edge_junk(d.word(c.first))) ++c.first;
    while (c.last > c.first && edge_junk(d.word(c.last - 1))) --c.last;
    if (c.kind == EntityKind::person)
      while (c.last - c.first > 1 && lex_.is_title(d.word(c.first))) ++c.first;
    if (c.first < c.last) d.names.push_back(c);
  }

  void join_country_organizations(Document& d) const {
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

  void institutions(Document& d) const {
    std::vector<std::string> found;
    for (Candidate& c : d.names) {
      if (c.kind != EntityKind::location || c.last >= d.f.tokens.size()) continue;
      if (!institution_role(d.word(c.last)) || gaz_.is_place(d.str(c))) continue;
      found.emplace_back(d.str(c));
    }
    for (Candidate& c : d.names)
      if (std::find(found.begin(), found.end(), d.str(c)) != found.end()) c.kind = EntityKind::organization, c.fixed = true;
  }

  // One type per string in a document: the rule's, else the majority's; a
  // one-word name that is the last word of a person's name is that person.
  void harmonise(Document& d) const {
    std::unordered_map<std::string, std::array<int, 4>> votes;
    std::unordered_map<std::string, EntityKind> fixed;
    for (const Candidate& c : d.names) {
      const std::string k = utf8::fold(d.str(c));
      votes[k][static_cast<size_t>(c.kind)]++;
      if (c.fixed) fixed[k] = c.kind;
      if (c.kind == EntityKind::person && c.last - c.first >= 2) fixed.emplace(utf8::fold(d.word(c.last - 1)), c.kind);
    }
    for (Candidate& c : d.names) {
      const std::string k = utf8::fold(d.str(c));
      if (auto it = fixed.find(k); it != fixed.end()) {
        c.kind = it->second;
        continue;
      }
      const auto& v = votes[k];
      const size_t best = static_cast<size_t>(std::max_element(v.begin(), v.end()) - v.begin());
      if (v[best] > v[static_cast<size_t>(c.kind)]) c.kind = static_cast<EntityKind>(best);
    }
  }

  const ner::Model& model_;
  const Lexicons& lex_;
  const Gazetteer& gaz_;
};

}  // namespace

std::unique_ptr<Extractor> make_name_extractor() { return std::make_unique<NameExtractor>(); }

}  // namespace chronicle::extract
