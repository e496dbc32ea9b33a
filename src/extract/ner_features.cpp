// Feature extraction for the name tagger (see ner_features.h). Per token it
// hashes the word, its lower-cased form (digits as 0), shape, prefixes and
// suffixes, the neighbouring words and shapes, gazetteer and title-lexicon
// matches (multi-word, longest first), the position in the sentence, whether the
// sentence is an all-capitals headline, whether the word is a common word or a
// proper noun of the Debian word list, and two document-level facts: whether
// the same word appears capitalised mid-sentence elsewhere in the document, and
// whether it appears in lower case elsewhere.
#include "extract/ner_features.h"

#include <xxhash.h>

#include <algorithm>
#include <cassert>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "common/embedded.h"
#include "common/hash_table.h"
#include "common/utf8.h"
#include "extract/gazetteer.h"
#include "extract/lexicon.h"
#include "extract/token_types.h"

namespace chronicle::extract::ner {

namespace {

// Feature templates; the value is mixed into every key of the template.
enum Template : uint32_t {
  kBias = 1, kWord, kLower, kShape, kPrefix, kSuffix, kLowerM1, kLowerP1, kLowerM2, kLowerP2,
  kShapeM1, kShapeP1, kShapeM2, kShapeP2, kShape3, kBigramM1, kBigramP1, kInitialShape, kHeadlineShape,
  kGaz, kGazM1, kGazP1, kDocument, kCapRun, kLowerM1Shape, kShapeLowerP1, kLowerM1P1, kLexM1, kLexM2, kDictionary, kDictionaryM1, kDictionaryP1, kRunLex, kHistory,
};

// Gazetteer and lexicon categories (bits of Info::gaz_*).
enum GazBit : uint8_t {
  kCountry = 1 << 0, kSubdivision = 1 << 1, kCity = 1 << 2, kDemonym = 1 << 3,
  kTitle = 1 << 4, kRole = 1 << 5, kOrgWord = 1 << 6, kOrgName = 1 << 7,
};

// Per-token flags.
enum InfoFlag : uint16_t {
  kCap = 1 << 0,        // first letter upper case
  kAllCap = 1 << 1,     // all letters upper case, two or more letters
  kHasLetter = 1 << 2,
  kInitial = 1 << 3,    // first word of a sentence, line, or after an opening quote / bracket / colon / dash
  kHeadline = 1 << 4,   // the sentence is set in capitals
  kLowerFirst = 1 << 5, // first letter lower case
};

uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// Feature key of a template and up to three 64-bit values (hashes or small
// numbers); a few multiply-xorshift rounds, enough to keep keys apart.
uint32_t key(uint32_t tmpl, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
  uint64_t h = (a ^ (0x9e3779b97f4a7c15ULL * (tmpl + 1))) * 0xbf58476d1ce4e5b9ULL;
  h = (h ^ (h >> 31) ^ b) * 0x94d049bb133111ebULL;
  h = (h ^ (h >> 29) ^ c) * 0xbf58476d1ce4e5b9ULL;
  const uint32_t k = static_cast<uint32_t>(h >> 32);
  return k == 0 ? 1 : k;
}

// Multi-word gazetteer: phrase hash (words hashed one by one, then chained) -> bits.
class PhraseTable {
 public:
  static const PhraseTable& instance() {
    static const PhraseTable t;
    return t;
  }
  static uint64_t chain(uint64_t h, uint64_t word) { return mix(h * 31 + word); }
  uint8_t find(uint64_t phrase) const { return phrases_.find(phrase); }
  bool starts(uint64_t word) const { return first_.contains(word); }
  size_t longest() const { return longest_; }

 private:
  PhraseTable() {
    Gazetteer::instance().for_each_key([&](std::string_view k, Gazetteer::KeyKind kind) {
      switch (kind) {
        case Gazetteer::KeyKind::country: add(k, kCountry); break;
        case Gazetteer::KeyKind::demonym: add(k, kDemonym); break;
        case Gazetteer::KeyKind::subdivision: add(k, kSubdivision); break;
        case Gazetteer::KeyKind::city: add(k, kCity); break;
      }
    });
    for_each_row("titles.tsv", [&](const auto& cols) {
      if (cols.size() >= 2) add(Gazetteer::key(cols[0]), cols[1] == "title" ? kTitle : kRole);
    });
    for_each_row("org_words.txt", [&](const auto& cols) { add(Gazetteer::key(cols[0]), kOrgWord); });
    for_each_row("organizations.txt", [&](const auto& cols) { add(Gazetteer::key(cols[0]), kOrgName); });
    phrases_ = FrozenHashTable<uint8_t>(building_phrases_);
    first_ = FrozenHashTable<uint8_t>(building_first_);
    building_phrases_.clear();
    building_first_.clear();
  }
  // `k` is a gazetteer key: folded, words separated by single spaces.
  void add(std::string_view k, uint8_t bit) {
    uint64_t h = 0;
    size_t words = 0;
    while (!k.empty()) {
      const size_t sp = k.find(' ');
      const std::string_view w = k.substr(0, sp);
      k = sp == std::string_view::npos ? std::string_view{} : k.substr(sp + 1);
      if (w.empty()) continue;
      const uint64_t wh = hash_bytes(w);
      if (words == 0) building_first_[wh] = 1;
      h = chain(h, wh);
      ++words;
    }
    if (words == 0) return;
    building_phrases_[h] |= bit;
    longest_ = std::max(longest_, words);
  }

  std::unordered_map<uint64_t, uint8_t> building_phrases_, building_first_;  // while loading
  FrozenHashTable<uint8_t> phrases_, first_;                               // first_: 1 for words that start a phrase
  size_t longest_ = 1;
};

// The Debian wamerican word list (/usr/share/dict/american-english): which
// lower-cased words are common words there, and which are listed capitalised
// (proper nouns: "Toyota", "Angela"). Possessive entries are skipped.
class WordList {
 public:
  static const WordList& instance() {
    static const WordList w;
    return w;
  }
  // Bit 1: a common (lower-case) word; bit 2: a proper noun. `lower` hashes the
  // word lower-cased as Info::lower does.
  uint8_t find(uint64_t lower) const { return words_.find(lower); }

 private:
  WordList() {
    std::string_view data = embedded::find(embedded::lexicon_files(), "american-english");
    std::string lower;
    std::unordered_map<uint64_t, uint8_t> words;
    while (!data.empty()) {
      const size_t nl = data.find('\n');
      const std::string_view w = data.substr(0, nl);
      data = nl == std::string_view::npos ? std::string_view{} : data.substr(nl + 1);
      if (w.empty() || w.ends_with("'s")) continue;
      const bool proper = w[0] >= 'A' && w[0] <= 'Z';
      lower.assign(w);
      for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      words[hash_bytes(lower)] |= proper ? 2 : 1;
    }
    words_ = FrozenHashTable<uint8_t>(words);
  }
  FrozenHashTable<uint8_t> words_;
};

struct Info {
  uint64_t word = 0, lower = 0, shape = 0, gaz_word = 0;
  uint64_t prefix[4] = {}, suffix[4] = {};
  uint16_t flags = 0;
  uint8_t gaz_begin = 0, gaz_inside = 0;  // phrase matches starting here / continuing here
  uint8_t lex = 0;                        // single-word categories of this token
  uint8_t dictionary = 0;                 // WordList::find of the lower-cased word
  uint8_t run_length = 0, run_position = 0;  // run of capitalised tokens
  uint8_t run_lex = 0;                       // lexicon categories of any word of the run
  bool is(uint16_t f) const { return (flags & f) != 0; }
};

// Open-addressing counter keyed by 64-bit hashes, reused across documents.
class Counter {
 public:
  void reset(size_t expected) {
    size_t cap = 16;
    while (cap < expected * 2) cap <<= 1;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
  }
  void add(uint64_t k) { slot(k).count++; }
  uint32_t get(uint64_t k) const {
    for (size_t i = k & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].count == 0) return 0;
      if (slots_[i].key == k) return slots_[i].count;
    }
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t count = 0;
  };
  Slot& slot(uint64_t k) {
    for (size_t i = k & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].count == 0) slots_[i].key = k;
      if (slots_[i].key == k) return slots_[i];
    }
  }
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

// Typographic quotes and dashes as ASCII; everything else unchanged.
char32_t plain(char32_t c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0xAB: case 0xBB: case 0x2033: return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return '-';
    default: return c;
  }
}

char shape_class(char32_t c) {
  if (c < 0x80) {
    if (c >= '0' && c <= '9') return 'd';
    if (c >= 'A' && c <= 'Z') return 'X';
    if (c >= 'a' && c <= 'z') return 'x';
    return static_cast<char>(c);
  }
  if (utf8::is_digit(c)) return 'd';
  if (utf8::is_upper(c)) return 'X';
  if (utf8::is_letter(c)) return 'x';
  if (c < 0x80) return static_cast<char>(c);
  return '*';
}

// Per-thread scratch buffers, so that featurizing allocates only as documents grow.
struct Scratch {
  std::vector<Info> info;
  std::string norm, lower, shape, gaz, type_key;
  Counter capitalised_mid, lower_case;
};

// What describe() makes of a token alone, as Info (the other fields zero).
void describe_word(std::string_view w, bool upper, Scratch& s, Info& in);

// The keys of a type as TypeTable::keys gives them.
void type_keys(const Info& t, TypeSlot slot, std::vector<uint32_t>& k) {
  switch (slot) {
    case kSelf:
      k.push_back(key(kBias, 0));
      k.push_back(key(kWord, t.word));
      k.push_back(key(kLower, t.lower));
      k.push_back(key(kShape, t.shape));
      for (uint64_t j = 0; j < 4; ++j) {
        if (t.prefix[j] != 0) k.push_back(key(kPrefix, t.prefix[j], j));
        if (t.suffix[j] != 0) k.push_back(key(kSuffix, t.suffix[j], j));
      }
      break;
    default: {
      // A neighbour's word and shape, and the word-list class of the next one.
      struct Templates {
        uint32_t lower, shape, dictionary;  // dictionary 0: none
      };
      static constexpr Templates kNeighbour[kTypeSlots] = {
          {}, {kLowerM1, kShapeM1, kDictionaryM1}, {kLowerM2, kShapeM2, 0}, {kLowerP1, kShapeP1, kDictionaryP1}, {kLowerP2, kShapeP2, 0}};
      const Templates& n = kNeighbour[slot];
      k.push_back(key(n.lower, t.lower));
      k.push_back(key(n.shape, t.shape));
      if (n.dictionary) k.push_back(key(n.dictionary, t.dictionary + 1, (t.is(kCap) ? 1 : 0) + 1));
    }
  }
}

// The calling thread's token types: the description of each, by its text
// after a mark for being read in capitals ('U') or not ('u').
using Types = TokenTypes<Info>;
// Large enough for a day of news in one language; started afresh beyond.
constexpr size_t kMaxTypes = size_t{1} << 16;

Types& types() {
  thread_local Types t(kMaxTypes, [] {
    Info none;  // a neighbour beyond the sentence
    none.word = none.lower = none.shape = hash_bytes("<none>");
    return none;
  }());
  return t;
}

class DocumentFeaturizer {
 public:
  DocumentFeaturizer(const text::Analysis& a, Features& out, Scratch& s, bool by_type) : a_(a), out_(out), s_(s), by_type_(by_type) {}

  void run() {
    out_.clear();
    out_.by_type = by_type_;
    types().start_lookups();
    group_tokens();
    describe_tokens();
    match_phrases();
    capital_runs();
    count_document();
    emit_all();
  }

 private:
  // Tagger tokens: chronicle's tokens, with "'" + "s" written together joined
  // and a word's own full stop kept on it inside a sentence when no capital or
  // quote follows ("Fla." in "Tampa, Fla., said"). Tagger sentences are chronicle's, also broken at line starts.
  void group_tokens() {
    for (const text::Sentence& sent : a_.sentences) {
      out_.sentences.push_back(static_cast<uint32_t>(out_.tokens.size()));
      for (uint32_t t = sent.first; t < sent.last; ++t) {
        Span sp = a_.tokens[t].span;
        const bool line = t > sent.first && a_.tokens[t].is(text::kLineStart);
        if (line) out_.sentences.push_back(static_cast<uint32_t>(out_.tokens.size()));
        const std::string_view w = a_.str(t);
        const bool glued = t + 1 < sent.last && a_.tokens[t + 1].span.begin == sp.end;
        if ((w == "'" || w == "\xE2\x80\x99") && glued) {
          const std::string_view n = a_.str(t + 1);
          if (n == "s" || n == "S") sp.end = a_.tokens[++t].span.end;
        } else if (glued && a_.tokens[t].is(text::kWord) && a_.str(t + 1) == "." && t + 2 < sent.last &&
                   !a_.tokens[t + 2].is(text::kLineStart) && !a_.tokens[t + 2].is(text::kCapitalized) &&
                   !a_.tokens[t + 2].is(text::kQuoteMark)) {
          sp.end = a_.tokens[++t].span.end;
        }
        out_.tokens.push_back(sp);
      }
    }
    out_.sentences.push_back(static_cast<uint32_t>(out_.tokens.size()));
  }

  void describe_tokens() {
    const size_t n = out_.tokens.size();
    s_.info.assign(n, Info{});
    out_.types.assign(n, TypeTable::kNone);
    for (size_t i = 0; i < n; ++i) describe(i, false);
    // Sentence-level flags: initial positions and capitals headlines. A headline
    // in title case is read as if it were in capitals, as the training data sets them.
    for (size_t s = 0; s + 1 < out_.sentences.size(); ++s) {
      const uint32_t b = out_.sentences[s], e = out_.sentences[s + 1];
      if (title_case(b, e))
        for (uint32_t i = b; i < e; ++i) describe(i, true);
      size_t letters = 0, caps = 0;
      for (uint32_t i = b; i < e; ++i) {
        if (!s_.info[i].is(kHasLetter)) continue;
        ++letters;
        if (s_.info[i].is(kAllCap)) ++caps;
      }
      const bool headline = letters >= 2 && caps * 5 >= letters * 4;
      for (uint32_t i = b; i < e; ++i) {
        if (headline) s_.info[i].flags |= kHeadline;
        if (i == b || opener(i - 1)) s_.info[i].flags |= kInitial;
      }
    }
  }

  // Three or more capitalised words and no lower-case word but short function words.
  bool title_case(uint32_t b, uint32_t e) const {
    static constexpr std::string_view kFunctionWords[] = {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with", "from",
        "as", "vs", "via", "into", "over", "after", "amid", "is", "are", "be", "it", "its", "up", "off", "out"};
    size_t capitalised = 0;
    for (uint32_t i = b; i < e; ++i) {
      const Info& in = s_.info[i];
      if (in.is(kCap) && !in.is(kAllCap)) ++capitalised;
      if (!in.is(kLowerFirst)) continue;
      const std::string_view w = out_.tokens[i].of(a_.text);
      if (std::find(std::begin(kFunctionWords), std::end(kFunctionWords), w) == std::end(kFunctionWords)) return false;
    }
    return capitalised >= 3;
  }

  bool opener(size_t i) const {
    const std::string_view w = out_.tokens[i].of(a_.text);
    return w == "\"" || w == "(" || w == ":" || w == "-" || w == "--" || w == "``" || w == "\xE2\x80\x9C" ||
           w == "\xE2\x80\x94" || w == "\xE2\x80\x93" || w == "[";
  }

  // Hashes and flags of token i (those of its type); `upper` reads its letters as capitals.
  void describe(size_t i, bool upper) {
    const std::string_view w = out_.tokens[i].of(a_.text);
    s_.type_key.assign(1, upper ? 'U' : 'u');
    s_.type_key.append(w);
    const uint32_t id = types().id(s_.type_key, [&](Info& in) { describe_word(w, upper, s_, in); });
    out_.types[i] = id;
    s_.info[i] = types().info(id);
  }

  // Longest gazetteer phrase at each token, within the sentence.
  void match_phrases() {
    const PhraseTable& table = PhraseTable::instance();
    for (size_t s = 0; s + 1 < out_.sentences.size(); ++s) {
      const uint32_t b = out_.sentences[s], e = out_.sentences[s + 1];
      for (uint32_t i = b; i < e; ++i) {
        Info& in = s_.info[i];
        if (!in.is(kHasLetter) || !table.starts(in.gaz_word)) continue;
        uint64_t h = 0;
        for (uint32_t j = i; j < e && j - i < table.longest(); ++j) {
          h = PhraseTable::chain(h, s_.info[j].gaz_word);
          const uint8_t bits = table.find(h);
          if (bits == 0) continue;
          if (j == i) in.lex |= bits;
          in.gaz_begin |= bits;
          for (uint32_t k = i + 1; k <= j; ++k) s_.info[k].gaz_inside |= bits;
        }
      }
    }
  }

  void capital_runs() {
    const size_t n = out_.tokens.size();
    for (size_t i = 0; i < n;) {
      if (!s_.info[i].is(kCap)) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < n && s_.info[j].is(kCap) && !(j > i && s_.info[j].is(kInitial))) ++j;
      uint8_t lex = 0;
      for (size_t k = i; k < j; ++k) lex |= s_.info[k].lex;
      for (size_t k = i; k < j; ++k) {
        s_.info[k].run_length = static_cast<uint8_t>(std::min<size_t>(j - i, 5));
        s_.info[k].run_position = static_cast<uint8_t>(std::min<size_t>(k - i, 4));
        s_.info[k].run_lex = lex;
      }
      i = j;
    }
  }

  // Document-level counts: capitalised mid-sentence, and written in lower case.
  // Words of web addresses are not counted ("ellen-degeneres" in a link's slug
  // says nothing about "Ellen DeGeneres" in the text).
  void count_document() {
    const size_t n = out_.tokens.size();
    s_.capitalised_mid.reset(n);
    s_.lower_case.reset(n);
    for (size_t i = 0; i < n; ++i) {
      if (a_.in_address(out_.tokens[i])) continue;
      const Info& in = s_.info[i];
      if (in.is(kCap) && !in.is(kAllCap) && !in.is(kInitial) && !in.is(kHeadline)) s_.capitalised_mid.add(in.lower);
      if (in.is(kLowerFirst)) s_.lower_case.add(in.lower);
    }
  }

  void emit_all() {
    const size_t n = out_.tokens.size();
    out_.offsets.reserve(n + 1);
    out_.keys.reserve(n * 40);
    for (size_t s = 0; s + 1 < out_.sentences.size(); ++s) {
      const uint32_t b = out_.sentences[s], e = out_.sentences[s + 1];
      for (uint32_t i = b; i < e; ++i) {
        out_.offsets.push_back(static_cast<uint32_t>(out_.keys.size()));
        emit(i, b, e);
        assert(out_.keys.size() - out_.offsets.back() <= kMaxKeysPerToken);
        const Info& in = s_.info[i];
        out_.words.push_back(in.is(kCap) && in.is(kHasLetter) ? in.lower : 0);
      }
    }
    out_.offsets.push_back(static_cast<uint32_t>(out_.keys.size()));
  }

  void emit(uint32_t i, uint32_t b, uint32_t e) {
    const Info& none = types().info(Types::kNone);
    const Info& in = s_.info[i];
    const Info& m1 = i > b ? s_.info[i - 1] : none;
    const Info& m2 = i > b + 1 ? s_.info[i - 2] : none;
    const Info& p1 = i + 1 < e ? s_.info[i + 1] : none;
    const Info& p2 = i + 2 < e ? s_.info[i + 2] : none;
    auto& k = out_.keys;
    if (!by_type_) {
      type_keys(in, kSelf, k);
      type_keys(m1, kBefore1, k);
      type_keys(m2, kBefore2, k);
      type_keys(p1, kAfter1, k);
      type_keys(p2, kAfter2, k);
    }
    k.push_back(key(kShape3, m1.shape, in.shape, p1.shape));
    k.push_back(key(kBigramM1, m1.lower, in.lower));
    k.push_back(key(kBigramP1, in.lower, p1.lower));
    k.push_back(key(kLowerM1Shape, m1.lower, in.shape));
    k.push_back(key(kShapeLowerP1, in.shape, p1.lower));
    k.push_back(key(kLowerM1P1, m1.lower, p1.lower));
    k.push_back(key(kInitialShape, in.shape, in.is(kInitial)));
    if (in.is(kHeadline)) k.push_back(key(kHeadlineShape, in.shape));
    gazetteer(kGaz, in.gaz_begin, in.gaz_inside);
    gazetteer(kGazM1, m1.gaz_begin | m1.gaz_inside, 0);
    gazetteer(kGazP1, p1.gaz_begin | p1.gaz_inside, 0);
    if (m1.lex != 0) k.push_back(key(kLexM1, m1.lex, in.is(kCap)));
    if (m2.lex != 0) k.push_back(key(kLexM2, m2.lex, in.is(kCap)));
    if (in.run_length > 0) {
      k.push_back(key(kCapRun, in.run_length, in.run_position, in.is(kInitial) + 1));
      const uint64_t last = in.run_position + 1 == in.run_length ? 1 : 2;
      for (uint64_t bit = 0; bit < 8; ++bit)
        if (in.run_lex & (1u << bit)) k.push_back(key(kRunLex, bit, last));
    }
    document(in);
    const uint64_t caps = (in.is(kCap) ? 1 : 0) | (in.is(kAllCap) ? 2 : 0) | (in.is(kInitial) ? 4 : 0);
    k.push_back(key(kDictionary, in.dictionary + 1, caps + 1));
  }

  void gazetteer(uint32_t tmpl, uint8_t begin, uint8_t inside) {
    for (uint64_t bit = 0; bit < 8; ++bit) {
      if (begin & (1u << bit)) out_.keys.push_back(key(tmpl, bit, 1));
      if (inside & (1u << bit)) out_.keys.push_back(key(tmpl, bit, 2));
    }
  }

  void document(const Info& in) {
    if (!in.is(kHasLetter)) return;
    const bool self_mid = in.is(kCap) && !in.is(kAllCap) && !in.is(kInitial) && !in.is(kHeadline);
    const uint32_t mid = s_.capitalised_mid.get(in.lower) - (self_mid ? 1 : 0);
    const uint32_t low = s_.lower_case.get(in.lower) - (in.is(kLowerFirst) ? 1 : 0);
    const uint64_t state = (in.is(kCap) ? 1 : 0) | (in.is(kAllCap) ? 2 : 0) | (in.is(kInitial) ? 4 : 0) |
                           (in.is(kHeadline) ? 8 : 0);
    const uint64_t seen = (mid > 0 ? 1 : 0) | (low > 0 ? 2 : 0);
    out_.keys.push_back(key(kDocument, state, seen + 1));
  }

  const text::Analysis& a_;
  Features& out_;
  Scratch& s_;
  const bool by_type_;
};

// Hashes and flags of a token alone: `upper` reads its letters as capitals.
void describe_word(std::string_view w, bool upper, Scratch& s, Info& in) {
    s.norm.clear();
  s.lower.clear();
  s.shape.clear();
  bool ascii = true, first_letter = true;
  size_t letters = 0, uppers = 0;
  for (size_t k = 0; k < w.size();) {
    char32_t c = static_cast<unsigned char>(w[k]);
    if (c < 0x80) ++k;
    else c = plain(utf8::next(w, k));
    if (upper && c >= 'a' && c <= 'z') c -= 32;
    if (c >= 0x80) ascii = false;
    utf8::append(s.norm, c);
    if (c >= '0' && c <= '9') s.lower.push_back('0');
    else if (c >= 'A' && c <= 'Z') s.lower.push_back(static_cast<char>(c + 32));
    else utf8::append(s.lower, c);
    const char sc = shape_class(c);
    if (s.shape.empty() || s.shape.back() != sc) s.shape.push_back(sc);
    if (sc == 'X' || sc == 'x') {
      ++letters;
      if (sc == 'X') ++uppers;
      if (first_letter) in.flags |= sc == 'X' ? kCap : kLowerFirst;
      first_letter = false;
    }
  }
  if (letters > 0) in.flags |= kHasLetter;
  if (letters >= 2 && uppers == letters) in.flags |= kAllCap;
  if (s.shape.size() > 8) s.shape.resize(8);
  in.word = hash_bytes(s.norm);
  in.lower = hash_bytes(s.lower);
  if (letters > 0) in.dictionary = WordList::instance().find(in.lower);
  in.shape = hash_bytes(s.shape);
  const std::string_view low = s.lower;
  for (size_t k = 1; k <= 4; ++k) {
    if (low.size() < k) break;
    in.prefix[k - 1] = hash_bytes(low.substr(0, k));
    in.suffix[k - 1] = hash_bytes(low.substr(low.size() - k));
  }
  // Gazetteer form: as Gazetteer::key, folded and without dots.
  s.gaz.clear();
  if (ascii) {
    for (char c : s.norm)
      if (c != '.') s.gaz.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  } else {
    for (char c : utf8::fold(s.norm))
      if (c != '.') s.gaz.push_back(c);
  }
  in.gaz_word = hash_bytes(s.gaz);
}

}  // namespace

void History::keys(uint64_t word, std::vector<uint32_t>& out) const {
  if (word == 0) return;
  for (const Seen& s : seen_) {
    if (s.word != word) continue;
    int total = 0, best = kTypeCount;
    for (int t = 0; t < kTypeCount; ++t) {
      total += s.count[t];
      if (s.count[t] > 0 && (best == kTypeCount || s.count[t] > s.count[best])) best = t;
    }
    if (total == 0) {
      out.push_back(key(kHistory, kTypeCount, 1));
      return;
    }
    out.push_back(key(kHistory, static_cast<uint64_t>(best), s.count[kTypeCount] == 0 && s.count[best] == total ? 2 : 3));
    return;
  }
}

std::vector<uint32_t> History::all_keys() {
  std::vector<uint32_t> out{key(kHistory, kTypeCount, 1)};
  for (uint64_t t = 0; t < kTypeCount; ++t)
    for (uint64_t agree = 2; agree <= 3; ++agree) out.push_back(key(kHistory, t, agree));
  return out;
}

void History::record(const uint64_t* words, const uint8_t* tags, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const uint64_t word = words[i];
    if (word == 0) continue;
    auto it = std::find_if(seen_.begin(), seen_.end(), [&](const Seen& s) { return s.word == word; });
    if (it == seen_.end()) it = seen_.insert(seen_.end(), Seen{word, {}});
    const int type = type_of(tags[i]);
    it->count[type < 0 ? kTypeCount : type]++;
  }
}

void featurize(const text::Analysis& text, Features& out) {
  thread_local Scratch scratch;
  DocumentFeaturizer(text, out, scratch, false).run();
}

void featurize_by_type(const text::Analysis& text, Features& out) {
  thread_local Scratch scratch;
  DocumentFeaturizer(text, out, scratch, true).run();
}

void TypeTable::keys(uint32_t id, TypeSlot slot, std::vector<uint32_t>& out) { type_keys(types().info(id), slot, out); }

uint64_t TypeTable::generation() { return types().generation(); }

size_t TypeTable::size() { return types().size(); }

uint8_t word_list_class(std::string_view lower) { return WordList::instance().find(hash_bytes(lower)); }

}  // namespace chronicle::extract::ner
