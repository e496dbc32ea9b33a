// Per-document token and mention view (see doc_view.h).
#include "extract/doc_view.h"

#include "extract/gazetteer.h"
#include "extract/lexicon.h"

namespace chronicle::extract {

namespace {

uint16_t class_bit(std::string_view name) {
  if (name == "det") return kDet;
  if (name == "aux") return kAux;
  if (name == "pron") return kPron;
  if (name == "prep") return kPrep;
  if (name == "conj") return kConj;
  if (name == "boundary") return kBoundary;
  if (name == "light") return kLight;
  return 0;
}

}  // namespace

void append_key(std::string& key, std::string_view word) {
  for (size_t i = 0; i < word.size(); ++i) {
    if (word[i] == '\xE2' && i + 2 < word.size() && word[i + 1] == '\x80' && (word[i + 2] == '\x90' || word[i + 2] == '\x91')) {
      key.push_back('-');
      i += 2;
    } else {
      key.push_back(word[i]);
    }
  }
}

WordClasses::WordClasses() {
  for_each_row("clause_words.tsv", [&](const auto& cols) {
    if (cols.size() >= 2) classes_[std::string(cols[0])] |= class_bit(cols[1]);
  });
}

const WordClasses& WordClasses::instance() {
  static const WordClasses w;
  return w;
}

uint16_t WordClasses::of(std::string_view w) const {
  auto it = classes_.find(w);
  return it == classes_.end() ? 0 : it->second;
}

DocView::DocView(Context& ctx) : ctx_(ctx), a_(ctx.text), lower_(ctx.text.text) {
  for (char& c : lower_)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  classes_.assign(a_.tokens.size(), kUnread);
  mention_of_.assign(a_.tokens.size(), -1);
  mention_tokens_.resize(ctx.facts.mentions.size());
  for (size_t m = 0; m < ctx.facts.mentions.size(); ++m) index_mention(static_cast<int32_t>(m));
  title_case_.assign(a_.sentences.size(), -1);
}

void DocView::index_mention(int32_t m) {
  const Mention& men = ctx_.facts.mentions[static_cast<size_t>(m)];
  const uint32_t b = a_.token_at(men.span.begin), e = a_.token_at(men.span.end);
  if (static_cast<size_t>(m) >= mention_tokens_.size()) mention_tokens_.resize(static_cast<size_t>(m) + 1);
  mention_tokens_[static_cast<size_t>(m)] = {b, e};
  if (men.entity < 0) return;
  for (uint32_t t = b; t < e && t < mention_of_.size(); ++t) mention_of_[t] = m;
}

uint16_t DocView::read_class(uint32_t t) const {
  return a_.tokens[t].span.size() <= 12 ? WordClasses::instance().of(lower(t)) : 0;
}

bool DocView::punct(uint32_t t, char c) const {
  const std::string_view s = a_.str(t);
  return s.size() == 1 && s[0] == c;
}

std::string_view DocView::demonym(uint32_t t) const {
  if (!capitalized(t) || mention_at(t) >= 0) return {};
  return Gazetteer::instance().demonym(a_.str(t));
}

int32_t DocView::country_mention(uint32_t t) {
  const std::string_view code = demonym(t);
  if (code.empty()) return -1;
  const Gazetteer& gaz = Gazetteer::instance();
  DocumentFacts& f = ctx_.facts;
  int32_t entity = -1;
  for (size_t e = 0; e < f.entities.size() && entity < 0; ++e)
    if (f.entities[e].kind == EntityKind::location && gaz.country(f.entities[e].name) == code) entity = static_cast<int32_t>(e);
  if (entity < 0) {
    f.entities.push_back(LocalEntity{EntityKind::location, std::string(gaz.country_name(code))});
    entity = static_cast<int32_t>(f.entities.size() - 1);
  }
  f.mentions.push_back(Mention{a_.tokens[t].span, EntityKind::location, MentionForm::nominal, entity});
  const int32_t m = static_cast<int32_t>(f.mentions.size() - 1);
  index_mention(m);
  return m;
}

bool DocView::title_case(uint32_t s) const {
  if (title_case_[s] < 0) {
    const text::Sentence& sen = a_.sentences[s];
    int words = 0, caps = 0;
    for (uint32_t t = sen.first; t < sen.last; ++t) {
      if (!a_.tokens[t].is(text::kWord) || a_.tokens[t].is(text::kNumber)) continue;
      ++words;
      if (capitalized(t)) ++caps;
    }
    title_case_[s] = words >= 3 && caps * 10 >= words * 7 ? 1 : 0;
  }
  return title_case_[s] == 1;
}

}  // namespace chronicle::extract
