// Name finding: the learned sequence tagger (extract/ner_model.h) marks names
// and their types on chronicle's tokens; a few rules then tidy the spans for an
// entity list. Titles and roles in front of a name are never part of it
// ("German Chancellor Friedrich Merz" -> "Friedrich Merz", a person; the
// demonym "German" stays a separate `other` name, as CoNLL annotates it), and
// no name begins or ends with punctuation or a possessive "'s".
#include <cctype>
#include <string>

#include "extract/lexicon.h"
#include "extract/ner_features.h"
#include "extract/ner_model.h"
#include "extract/pipeline.h"

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

class NameExtractor : public Extractor {
 public:
  NameExtractor() : model_(ner::Model::shipped()), lex_(Lexicons::instance()) {}
  std::string_view name() const override { return "names"; }

  void extract(Context& ctx) const override {
    thread_local ner::Features features;
    thread_local std::vector<uint8_t> tags;
    ner::featurize(ctx.text, features);
    model_.tag(features, tags);
    for (const ner::Found& f : ner::names_of(tags)) add(ctx, features, f);
  }

 private:
  void add(Context& ctx, const ner::Features& fs, ner::Found f) const {
    const std::string_view text = ctx.text.text;
    auto word = [&](uint32_t i) { return fs.tokens[i].of(text); };
    while (f.first < f.last && edge_junk(word(f.first))) ++f.first;
    while (f.last > f.first && edge_junk(word(f.last - 1))) --f.last;
    // A person's name does not include the titles before it.
    if (kKinds[f.type] == EntityKind::person)
      while (f.last - f.first > 1 && lex_.is_title(word(f.first))) ++f.first;
    if (f.first >= f.last) return;
    const Span span{fs.tokens[f.first].begin, fs.tokens[f.last - 1].end};
    ctx.facts.mentions.push_back(Mention{span, kKinds[f.type], MentionForm::name, -1});
  }

  const ner::Model& model_;
  const Lexicons& lex_;
};

}  // namespace

std::unique_ptr<Extractor> make_name_extractor() { return std::make_unique<NameExtractor>(); }

}  // namespace chronicle::extract
