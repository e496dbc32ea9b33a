// Features, model loading and tagging of the event-trigger tagger (see
// trigger_tagger.h).
#include "extract/trigger_tagger.h"

#include <fmt/core.h>
#include <xxhash.h>

#include <algorithm>
#include <cstring>

#include "common/embedded.h"
#include "common/hash_table.h"
#include "extract/model_file.h"
#include "extract/lemma.h"
#include "extract/ner_features.h"
#include "extract/token_types.h"
#include "extract/trigger_lexicon.h"

namespace chronicle::extract::triggers {

namespace {

constexpr std::string_view kModelFile = "trigger_model.bin";

enum Template : uint32_t {
  kBias = 1, kLower, kLemma, kSuffix2, kSuffix3, kSuffix4, kShape, kLowerM1, kLowerP1, kLowerM2, kLowerP2,
  kBigramM1, kBigramP1, kClass, kClassM1, kClassP1, kClassM1Suffix, kClassM1M2, kLex, kLexInside, kLexM1, kLexP1,
  kMention, kMentionM1, kMentionP1, kTimex, kTimexNear, kDictionary, kLemmaDictionary, kHeadline, kQuote, kShapeM1,
  kLemmaClassM1, kLexLemma, kLemmaM1, kLemmaP1,
};

uint32_t key(uint32_t tmpl, uint64_t a, uint64_t b = 0) {
  uint64_t h = (a ^ (0x9e3779b97f4a7c15ULL * (tmpl + 1))) * 0xbf58476d1ce4e5b9ULL;
  h = (h ^ (h >> 31) ^ b) * 0x94d049bb133111ebULL;
  h = (h ^ (h >> 29)) * 0xbf58476d1ce4e5b9ULL;
  const uint32_t k = static_cast<uint32_t>(h >> 32);
  return k == 0 ? 1 : k;
}

enum Shape : uint8_t { kPunctShape, kLowerShape, kCapShape, kAllCapsShape, kNumberShape, kBoundaryShape };

// What the features need to know about one token (and its neighbours).
struct Info {
  uint64_t lower = 0, lemma = 0, suffix[3] = {};
  uint16_t cls = 0;
  uint8_t shape = kPunctShape;
  uint8_t mention = 0;  // 1 + EntityKind of a name covering it, else 0
  uint8_t lex = 0;      // 1 + kind, + 32 for a verb, + 64 for a past form; 0 = no lexicon form starts here
  uint8_t lex_lemma = 0;  // 1 + kind of the lexicon entry whose lemma is this word's base form, + 32 for a verb
  uint8_t dictionary = 0, lemma_dictionary = 0;
  bool lex_inside = false, timex = false, quote = false, initial = false, inflected = false;
};

struct Scratch {
  std::vector<Info> info;  // tokens [first - 2, last + 2)
  std::vector<uint32_t> types;  // token types of the same tokens
  std::vector<std::pair<const TriggerForm*, uint32_t>> forms;
  std::string lexicon_key, type_key;
};

uint64_t boundary_hash() {
  static const uint64_t h = hash_bytes("<s>");
  return h;
}

// The keys a token type gives (token_types.h): its word, base form, suffixes,
// class and word-list classes to itself (a word's; punctuation and numbers get
// the first two), and its word, base form and class to the words around it.
void type_keys(const Info& t, TypeSlot slot, std::vector<uint32_t>& k) {
  switch (slot) {
    case kSelf:
      k.push_back(key(kBias, 0));
      k.push_back(key(kLower, t.lower));
      if (t.shape == kPunctShape || t.shape == kNumberShape) break;
      if (t.inflected) k.push_back(key(kLemma, t.lemma));
      for (size_t n = 0; n < 3; ++n)
        if (t.suffix[n]) k.push_back(key(kSuffix2 + static_cast<uint32_t>(n), t.suffix[n]));
      k.push_back(key(kClass, t.cls));
      if (t.lex_lemma) k.push_back(key(kLexLemma, t.lex_lemma));
      k.push_back(key(kDictionary, t.dictionary, t.shape));
      k.push_back(key(kLemmaDictionary, t.lemma_dictionary, t.inflected));
      break;
    default: {
      // A neighbour's word; the next one's base form and class too.
      struct Templates {
        uint32_t lower, lemma, cls;  // lemma and cls 0: none
      };
      static constexpr Templates kNeighbour[kTypeSlots] = {
          {}, {kLowerM1, kLemmaM1, kClassM1}, {kLowerM2, 0, 0}, {kLowerP1, kLemmaP1, kClassP1}, {kLowerP2, 0, 0}};
      const Templates& n = kNeighbour[slot];
      k.push_back(key(n.lower, t.lower));
      if (n.lemma) k.push_back(key(n.lemma, t.lemma));
      if (n.cls) k.push_back(key(n.cls, t.cls, t.shape));
    }
  }
}

// The calling thread's token types: a token's lower-cased text after a byte of
// its word, number and capitals flags; the Info of a type has the fields that
// depend on these alone (the others zero).
using Types = TokenTypes<Info>;

Types& types() {
  thread_local Types t(size_t{1} << 16, [] {
    Info none;  // beyond the sentence
    none.lower = none.lemma = boundary_hash();
    none.shape = kBoundaryShape;
    return none;
  }());
  return t;
}

// What a token alone says: `w` its lower-cased text, `cls` its word class.
void describe_type(const text::Token& tok, std::string_view w, uint16_t cls, Info& in) {
  static const uint64_t kNumberHash = hash_bytes("<num>");
  in.cls = cls;
  if (!tok.is(text::kWord)) {
    in.lower = in.lemma = hash_bytes(w);
    return;
  }
  if (tok.is(text::kNumber)) {
    in.shape = kNumberShape;
    in.lower = in.lemma = kNumberHash;
    return;
  }
  in.shape = tok.is(text::kAllCaps) && w.size() > 1 ? kAllCapsShape : tok.is(text::kCapitalized) ? kCapShape : kLowerShape;
  in.lower = hash_bytes(w);
  in.dictionary = ner::word_list_class(w);
  if (w.size() > 3 && (w.back() == 's' || w.back() == 'd' || w.back() == 'g' || w.back() == 'n' || w.back() == 't')) {
    const std::string base = base_form(w);
    in.inflected = base != w;
    if (const TriggerEntry* e = in.inflected ? TriggerLexicon::instance().by_lemma(base) : nullptr)
      in.lex_lemma = static_cast<uint8_t>(1 + static_cast<int>(e->kind) + (e->verb ? 32 : 0));
    in.lemma = in.inflected ? hash_bytes(base) : in.lower;
    in.lemma_dictionary = in.inflected ? ner::word_list_class(base) : in.dictionary;
  } else {
    in.lemma = in.lower;
    in.lemma_dictionary = in.dictionary;
  }
  for (size_t n = 2; n <= 4; ++n)
    if (w.size() > n) in.suffix[n - 2] = hash_bytes(w.substr(w.size() - n));
}

class SentenceFeaturizer {
 public:
  SentenceFeaturizer(const DocView& v, const std::vector<uint8_t>& timex, uint32_t first, uint32_t last, Scratch& s)
      : v_(v), timex_(timex), first_(first), last_(last), s_(s) {}

  // With `types`, leaves the keys of types out and lists them there instead.
  void run(std::vector<uint32_t>& offsets, std::vector<uint32_t>& keys, std::vector<uint32_t>* types) {
    describe();
    offsets.clear();
    keys.clear();
    if (types) types->clear();
    const bool headline = v_.title_case(v_.a().tokens[first_].sentence);
    for (uint32_t t = first_; t < last_; ++t) {
      offsets.push_back(static_cast<uint32_t>(keys.size()));
      emit(t, headline, keys, types);
    }
    offsets.push_back(static_cast<uint32_t>(keys.size()));
  }

 private:
  const Info& at(int64_t t) const { return s_.info[static_cast<size_t>(t - first_ + 2)]; }
  uint32_t type_at(int64_t t) const { return s_.types[static_cast<size_t>(t - first_ + 2)]; }

  void describe() {
    types().start_lookups();
    s_.info.assign(last_ - first_ + 4, types().info(Types::kNone));
    s_.types.assign(last_ - first_ + 4, Types::kNone);
    const TriggerLexicon& lex = TriggerLexicon::instance();
    const text::Analysis& a = v_.a();
    uint32_t lex_until = 0;
    for (uint32_t t = first_; t < last_; ++t) {
      const text::Token& tok = a.tokens[t];
      const std::string_view w = v_.lower(t);
      s_.type_key.assign(1, static_cast<char>('@' + (tok.is(text::kWord) ? 1 : 0) + (tok.is(text::kNumber) ? 2 : 0) +
                                              (tok.is(text::kAllCaps) ? 4 : 0) + (tok.is(text::kCapitalized) ? 8 : 0)));
      s_.type_key.append(w);
      const uint32_t id = types().id(s_.type_key, [&](Info& type) { describe_type(tok, w, v_.cls(t), type); });
      s_.types[t - first_ + 2] = id;
      Info& in = s_.info[t - first_ + 2];
      in = types().info(id);
      in.timex = timex_[t] != 0;
      in.quote = a.quote_of(t) >= 0;
      in.initial = t == first_ || a.tokens[t - 1].is(text::kOpenQuote) || v_.punct(t - 1, ':') || v_.punct(t - 1, '(');
      if (const int32_t m = v_.mention_at(t); m >= 0) in.mention = static_cast<uint8_t>(1 + static_cast<int>(v_.kind(m)));
      if (!tok.is(text::kWord) || tok.is(text::kNumber)) continue;
      in.lex_inside = t < lex_until;
      if (const uint32_t n = lex.match(v_, t, last_, s_.forms, s_.lexicon_key); n > 0) {
        const TriggerForm* f = s_.forms.front().first;
        const TriggerEntry& e = lex.entry(f->entry);
        in.lex = static_cast<uint8_t>(1 + static_cast<int>(e.kind) + (e.verb ? 32 : 0) + (f->past ? 64 : 0));
        lex_until = std::max(lex_until, t + n);
      }
    }
  }

  void emit(uint32_t t, bool headline, std::vector<uint32_t>& k, std::vector<uint32_t>* types) const {
    const Info& in = at(t);
    const Info& m1 = at(int64_t{t} - 1);
    const Info& m2 = at(int64_t{t} - 2);
    const Info& p1 = at(int64_t{t} + 1);
    const Info& p2 = at(int64_t{t} + 2);
    const bool word = in.shape != kPunctShape && in.shape != kNumberShape;  // others never trigger: a few keys suffice
    if (types) {
      types->push_back(type_at(t));
      for (const int64_t d : {-1, -2, 1, 2}) types->push_back(word ? type_at(int64_t{t} + d) : kNoType);
    } else {
      type_keys(in, kSelf, k);
      if (word) {
        type_keys(m1, kBefore1, k);
        type_keys(m2, kBefore2, k);
        type_keys(p1, kAfter1, k);
        type_keys(p2, kAfter2, k);
      }
    }
    k.push_back(key(kShape, in.shape, in.initial));
    k.push_back(key(kMention, in.mention));
    if (!word) return;
    k.push_back(key(kBigramM1, m1.lower, in.lower));
    k.push_back(key(kBigramP1, in.lower, p1.lower));
    k.push_back(key(kClassM1Suffix, m1.cls, in.suffix[1]));
    k.push_back(key(kClassM1M2, m1.cls, m2.cls));
    k.push_back(key(kLemmaClassM1, in.lemma, m1.cls));
    k.push_back(key(kLex, in.lex));
    if (in.lex_inside) k.push_back(key(kLexInside, 1));
    k.push_back(key(kLexM1, m1.lex != 0, p1.lex != 0));
    k.push_back(key(kMentionM1, m1.mention, m2.mention));
    k.push_back(key(kMentionP1, p1.mention, p2.mention));
    k.push_back(key(kTimex, in.timex));
    bool near = false;
    for (int64_t d = -3; d <= 3; ++d)
      if (d != 0 && int64_t{t} + d >= first_ && int64_t{t} + d < last_) near |= at(int64_t{t} + d).timex;
    k.push_back(key(kTimexNear, near));
    k.push_back(key(kHeadline, headline, in.shape));
    k.push_back(key(kQuote, in.quote));
    k.push_back(key(kShapeM1, m1.shape, in.shape));
  }

  const DocView& v_;
  const std::vector<uint8_t>& timex_;
  uint32_t first_, last_;
  Scratch& s_;
};


}  // namespace

void timex_tokens(const text::Analysis& a, const DocumentFacts& facts, std::vector<uint8_t>& out) {
  out.assign(a.tokens.size(), 0);
  for (const Timex& tx : facts.timexes) {
    if (tx.span.empty()) continue;
    const uint32_t b = a.token_at(tx.span.begin), e = std::max(b + 1, a.token_at(tx.span.end));
    for (uint32_t t = b; t < e && t < out.size(); ++t) out[t] = 1;
  }
}

void featurize(const DocView& v, const std::vector<uint8_t>& timex, uint32_t first, uint32_t last,
               std::vector<uint32_t>& offsets, std::vector<uint32_t>& keys) {
  thread_local Scratch scratch;
  SentenceFeaturizer(v, timex, first, last, scratch).run(offsets, keys, nullptr);
}

void featurize_by_type(const DocView& v, const std::vector<uint8_t>& timex, uint32_t first, uint32_t last,
                       std::vector<uint32_t>& offsets, std::vector<uint32_t>& keys, std::vector<uint32_t>& types) {
  thread_local Scratch scratch;
  SentenceFeaturizer(v, timex, first, last, scratch).run(offsets, keys, &types);
}

void type_keys(uint32_t id, TypeSlot slot, std::vector<uint32_t>& out) { type_keys(types().info(id), slot, out); }

Model Model::parse(std::string_view bytes, std::string* error) {
  Model m;
  auto fail = [&](const char* why) {
    if (error) *error = why;
    return Model{};
  };
  std::optional<ByteReader> opened = open_model(bytes, kModelHeader, error);
  if (!opened) return Model{};
  ByteReader& r = *opened;
  uint32_t count = 0;
  float scale = 0;
  if (!r.read(count) || !r.read(scale) || scale <= 0) return fail("truncated header");
  for (int32_t& t : m.transitions_) {
    int8_t v;
    if (!r.read(v)) return fail("truncated transitions");
    t = v;
  }
  size_t cap = 16;
  while (cap < count * 2) cap <<= 1;
  m.slots_.assign(cap, Slot{});
  m.mask_ = cap - 1;
  for (uint32_t i = 0; i < count; ++i) {
    Slot s;
    if (!r.read(s.key) || s.key == 0) return fail("bad feature key");
    for (int8_t& w : s.w)
      if (!r.read(w)) return fail("truncated weights");
    size_t j = slot_of(s.key, m.mask_);
    while (m.slots_[j].key != 0) j = (j + 1) & m.mask_;
    m.slots_[j] = s;
  }
  if (!r.done()) return fail("trailing bytes");
  m.count_ = count;
  return m;
}

const Model& Model::shipped() {
  static const Model m = [] {
    std::string error;
    const std::string_view bytes = embedded::find(embedded::lexicon_files(), kModelFile);
    if (bytes.empty()) {
      fmt::print(stderr, "chronicle: {} is missing; the trigger tagger finds nothing\n", kModelFile);
      return Model{};
    }
    Model parsed = parse(bytes, &error);
    if (parsed.empty()) fmt::print(stderr, "chronicle: {}: {}; the trigger tagger finds nothing\n", kModelFile, error);
    return parsed;
  }();
  return m;
}

const Model::Slot* Model::find(uint32_t key) const {
  for (size_t j = slot_of(key, mask_); slots_[j].key != 0; j = (j + 1) & mask_)
    if (slots_[j].key == key) return &slots_[j];
  return nullptr;
}

void Model::tag(const std::vector<uint32_t>& offsets, const std::vector<uint32_t>& keys, std::vector<uint8_t>& tags,
                int32_t o_bias, const std::vector<uint32_t>* types) const {
  const size_t n = offsets.empty() ? 0 : offsets.size() - 1;
  tags.assign(n, kO);
  if (n == 0 || empty()) return;
  thread_local std::vector<int32_t> emissions, scratch;
  thread_local std::vector<uint8_t> back;
  using Sum = std::array<int32_t, kTags>;
  thread_local TypeSums<Sum> sums;
  thread_local std::vector<uint32_t> type_keys_of;
  if (types) sums.use(this, triggers::types().generation());
  const size_t type_count = types ? triggers::types().size() : 0;
  emissions.assign(n * kTags, 0);
  for (size_t i = 0; i < n; ++i) {
    int32_t* row = &emissions[i * kTags];
    row[kO] = o_bias;
    for (uint32_t k = offsets[i]; k < offsets[i + 1]; ++k)
      if (const Slot* s = find(keys[k]))
        for (uint8_t t = 0; t < kTags; ++t) row[t] += s->w[t];
    if (!types) continue;
    for (uint8_t slot = 0; slot < kTypeSlots; ++slot) {
      const uint32_t id = (*types)[i * kTypeSlots + slot];
      if (id == kNoType) continue;
      const Sum& sum = sums.of(id, type_count, [&](uint32_t type, TypeSlot at, Sum& out) {
        type_keys_of.clear();
        type_keys(type, at, type_keys_of);
        for (const uint32_t k : type_keys_of)
          if (const Slot* s = find(k))
            for (uint8_t t = 0; t < kTags; ++t) out[t] += s->w[t];
      })[slot];
      for (uint8_t t = 0; t < kTags; ++t) row[t] += sum[t];
    }
  }
  viterbi<int32_t>(n, emissions.data(), transitions_.data(), tags.data(), scratch, back);
}

}  // namespace chronicle::extract::triggers
