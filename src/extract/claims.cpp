// Claims: who said what. Finds direct quotations (a quotation that stands as
// what someone said, possibly interrupted by its cue or running over several
// sentences and paragraphs) and reported speech ("X said (that) ...", "...,
// X said.", "according to X, ...", "X told reporters ...", "..., said X"), the
// cue that attributes each, the speaker (a name mention; pronouns and role
// nouns are resolved by SpeakerResolver) and the date it was said. A quotation
// embedded in a reported clause ("called it a 'cornerstone'") stays part of that
// clause, which is stored as reported speech. Word lists: data/speech_verbs.tsv,
// data/claim_words.tsv.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/hash_table.h"
#include "extract/lexicon.h"
#include "extract/pipeline.h"
#include "extract/speakers.h"

namespace chronicle::extract {

namespace {

using text::Token;

enum CueFlag : uint8_t {
  kSpeech = 1, kAddressee = 2, kAfterQuote = 4, kThought = 8, kObject = 16, kAccording = 32, kEvidential = 64
};
enum WordClass : uint32_t {
  kAux = 1, kPronMale = 2, kPronFemale = 4, kPronPlural = 8, kPronIt = 16, kPronFirst = 32,
  kDet = 64, kPrep = 128, kAddr = 256, kStop = 512, kBe = 1024, kPerson = 2048, kPersonFemale = 4096,
  kPersonMale = 8192, kGroup = 16384, kText = 32768, kSource = 65536
};
constexpr uint32_t kPronoun = kPronMale | kPronFemale | kPronPlural | kPronIt | kPronFirst;
constexpr uint32_t kMaxContentGap = 12;  // tokens between a cue and the quotation it introduces
constexpr uint32_t kMaxAdjunct = 8;      // tokens of a phrase between a cue and a comma ("said in a statement,")

struct CueForm {
  std::string second;  // required next word, or empty
  uint8_t flags = 0;
};

class ClaimLexicon {
 public:
  static const ClaimLexicon& instance() {
    static const ClaimLexicon lex;
    return lex;
  }
  // Both are asked for most words of a text: looked up by the word's 64-bit
  // hash in open-addressed tables (as the name tagger's word lists are).
  const std::vector<CueForm>* cue(std::string_view lower) const {
    const uint32_t at = cue_at_.find(hash_bytes(lower));
    return at ? &cue_forms_[at - 1] : nullptr;
  }
  uint32_t word(std::string_view lower) const { return word_classes_.find(hash_bytes(lower)); }

 private:
  ClaimLexicon() {
    std::unordered_map<std::string, std::vector<CueForm>> cues;  // first word -> its forms
    std::unordered_map<uint64_t, uint32_t> words;               // word -> its classes
    for_each_row("speech_verbs.tsv", [&](const auto& cols) {
      if (cols.size() < 3) return;
      const std::string_view form = cols[0];
      const size_t space = form.find(' ');
      CueForm cf;
      if (space != std::string_view::npos) cf.second = std::string(form.substr(space + 1));
      for (char c : cols[2]) {
        if (c == 'q') cf.flags |= kSpeech;
        if (c == 'o') cf.flags |= kAddressee;
        if (c == 'r') cf.flags |= kAfterQuote;
        if (c == 'c') cf.flags |= kThought;
        if (c == 'n') cf.flags |= kObject;
        if (c == 'a') cf.flags |= kAccording;
        if (c == 'e') cf.flags |= kEvidential;
      }
      auto& v = cues[std::string(form.substr(0, space))];
      v.push_back(cf);
      std::stable_sort(v.begin(), v.end(), [](const CueForm& a, const CueForm& b) { return a.second.size() > b.second.size(); });
    });
    static const std::unordered_map<std::string_view, uint32_t> kClasses = {
        {"aux", kAux}, {"pron-m", kPronMale}, {"pron-f", kPronFemale}, {"pron-p", kPronPlural}, {"pron-n", kPronIt},
        {"pron-1", kPronFirst}, {"det", kDet}, {"prep", kPrep}, {"addr", kAddr}, {"stop", kStop}, {"be", kBe},
        {"person", kPerson}, {"person-f", kPersonFemale}, {"person-m", kPersonMale}, {"group", kGroup}, {"text", kText}, {"source", kSource}};
    for_each_row("claim_words.tsv", [&](const auto& cols) {
      if (cols.size() < 2) return;
      if (auto it = kClasses.find(cols[1]); it != kClasses.end()) words[hash_bytes(cols[0])] |= it->second;
    });
    word_classes_ = FrozenHashTable<uint32_t>(words);
    std::unordered_map<uint64_t, uint32_t> at;  // first word -> 1 + its index in cue_forms_
    for (auto& [first, forms] : cues) {
      cue_forms_.push_back(std::move(forms));
      at[hash_bytes(first)] = static_cast<uint32_t>(cue_forms_.size());
    }
    cue_at_ = FrozenHashTable<uint32_t>(at);
  }
  std::vector<std::vector<CueForm>> cue_forms_;
  FrozenHashTable<uint32_t> cue_at_, word_classes_;
};

// The source of a claim as the text gives it.
struct Subject {
  bool found = false;
  int32_t mention = -1;     // name mention (also the possessor in "Trump's campaign")
  uint32_t pronoun = 0;     // WordClass pronoun bit
  int32_t role = -1;        // token of a role noun head ("the spokeswoman")
  uint32_t first = 0, last = 0;  // tokens [first, last)
  uint32_t name_first = 0, name_last = 0;  // capitalised words no name mention covers ("Cuban said")
};

struct Cue {
  uint32_t first = 0, last = 0;  // tokens [first, last)
  uint8_t flags = 0;
  bool used = false;
};

struct Pending {
  std::vector<Span> parts;  // content pieces in text order
  int32_t cue = -1;         // index into cues
  Subject subject;
  bool quoted = false;
  uint32_t sentence = 0;
  int32_t speaker = -1;     // resolved
};

class DocumentClaims {
 public:
  DocumentClaims(Context& ctx)
      : ctx_(ctx), a_(ctx.text), lex_(ClaimLexicon::instance()), resolver_(ctx.text, ctx.facts) {}

  void run() {
    index_tokens();
    find_cues();
    find_unlisted_cues();
    sort_cues();
    find_direct_quotes();
    find_headline_quotes();
    find_reported();
    attach_follow_on_quotes();
    emit();
  }

 private:
  // ---------------------------------------------------------------- tokens
  void index_tokens() {
    const size_t n = a_.tokens.size();
    cls_.assign(n, kUnread);
    cue_at_.assign(n, -1);
    mention_.assign(n, -1);
    quote_.assign(n, -1);
    covered_.assign(n, 0);
    timex_.assign(n, 0);
    for (const Timex& tx : ctx_.facts.timexes)
      for (uint32_t t = a_.token_at(tx.span.begin); t < n && a_.tokens[t].span.begin < tx.span.end; ++t) timex_[t] = 1;
    dates_.clear();
    for (uint32_t i = 0; i < ctx_.facts.timexes.size(); ++i)
      if (ctx_.facts.timexes[i].type == "DATE") dates_.emplace_back(ctx_.facts.timexes[i].span.begin, i);
    std::sort(dates_.begin(), dates_.end());
    for (size_t m = 0; m < ctx_.facts.mentions.size(); ++m) {
      const Mention& mn = ctx_.facts.mentions[m];
      if (mn.form != MentionForm::name) {
        // Pronoun and nominal mentions that coreference resolved.
        if (mn.entity >= 0 && mn.span.begin < mn.span.end) {
          const uint32_t t = a_.token_at(mn.span.begin);
          if (t < n) referent_.emplace_back(t, static_cast<int32_t>(m));
        }
        continue;
      }
      for (uint32_t t = a_.token_at(mn.span.begin); t < n && a_.tokens[t].span.begin < mn.span.end; ++t)
        mention_[t] = static_cast<int32_t>(m);
    }
    std::sort(referent_.begin(), referent_.end());
    for (size_t q = 0; q < a_.quotes.size(); ++q) {
      const text::Quotation& qt = a_.quotes[q];
      for (uint32_t t = qt.open_token; t < n && a_.tokens[t].span.begin < qt.outer.end; ++t) quote_[t] = static_cast<int32_t>(q);
    }
  }

  void lower_into(uint32_t t, std::string& out) const {
    const std::string_view w = a_.str(t);
    out.assign(w);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  std::string_view str(uint32_t t) const { return a_.str(t); }
  bool is(uint32_t t, std::string_view w) const { return t < a_.tokens.size() && a_.str(t) == w; }
  bool word(uint32_t t) const { return t < a_.tokens.size() && a_.tokens[t].is(text::kWord); }
  bool quoted(uint32_t t) const { return quote_[t] >= 0; }
  // A quotation mark, not an apostrophe glued to the word before it
  // ("Sanders’ campaign", "the candidates' views").
  bool quote_mark(uint32_t t) const {
    return t < a_.tokens.size() && a_.tokens[t].is(text::kQuoteMark) && !is_possessive_apostrophe(t);
  }
  bool is_possessive_apostrophe(uint32_t t) const {
    if (t == 0 || t >= a_.tokens.size() || a_.tokens[t].is(text::kOpenQuote) || a_.tokens[t].is(text::kCloseQuote)) return false;
    const std::string_view w = str(t);
    return (w == "\xE2\x80\x99" || w == "'") && word(t - 1) && a_.tokens[t - 1].span.end == a_.tokens[t].span.begin;
  }
  bool terminal(uint32_t t) const { return a_.tokens[t].is(text::kTerminal); }
  const text::Sentence& sentence_of(uint32_t t) const { return a_.sentences[a_.tokens[t].sentence]; }
  bool participle(uint32_t t) const { return str(t).ends_with("ing"); }

  // ------------------------------------------------------------------ cues
  void find_cues() {
    std::string lower, next;
    for (const text::Sentence& s : a_.sentences) {
      for (uint32_t t = s.first; t < s.last; ++t) {
        if (!word(t) || quoted(t) || a_.tokens[t].is(text::kNumber)) continue;
        if (a_.tokens[t].is(text::kCapitalized) && t != s.first) continue;
        lower_into(t, lower);
        const std::vector<CueForm>* forms = lex_.cue(lower);
        if (!forms) continue;
        for (const CueForm& f : *forms) {
          uint32_t last = t + 1;
          if (!f.second.empty()) {
            if (last >= s.last) continue;
            lower_into(last, next);
            if (next != f.second) continue;
            ++last;
            // "she went on: “…”" but not "the Senate goes on recess"
            if (f.second == "on" && (f.flags & kAfterQuote) && last < s.last && !is(last, ",") && !is(last, ":") &&
                !is(last, "to") && !terminal(last) && !quote_mark(last))
              continue;
          }
          // "X reportedly said ...": the speech verb is the cue.
          if ((f.flags & kEvidential) && last < s.last) {
            lower_into(last, next);
            if (lex_.cue(next)) break;
          }
          // "is expected to": evidential only after a form of "be".
          if ((f.flags & kEvidential) && !f.second.empty() && !after_be(t, s)) continue;
          if (!(f.flags & (kAccording | kEvidential)) && !verb_position(t, s)) break;
          // "appeared on CNN" is no evidential "appeared to", "appeared tired".
          if ((f.flags & kEvidential) && f.second.empty() && str(t).starts_with("appear") &&
              (last >= s.last || !word(last) || (cls(last) & (kPrep | kDet)) || mention_[last] >= 0 || timex_[last]) &&
              !is(last, "to"))
            break;
          cue_at_[t] = static_cast<int32_t>(cues_.size());
          cues_.push_back(Cue{t, last, f.flags, false});
          t = last - 1;
          break;
        }
      }
    }
  }

  // Verbs the lexicon lacks, in the tight frames around a quotation: "…,”
  // Toomey fumed." and "Trump leaned in and boomed: “…”".
  void find_unlisted_cues() {
    for (const text::Quotation& q : a_.quotes) {
      if (q.closed) {
        uint32_t k = q.close_token + 1;
        if (k < a_.tokens.size() && is(k, ",")) ++k;
        if (k < a_.tokens.size() && (cls(k) & kPronoun) && !(cls(k) & kPronFirst)) ++k;
        else
          while (k < a_.tokens.size() && k > 0 && mention_[k] >= 0 && (mention_[k] == mention_[k - 1] || k == q.close_token + 1 || is(k - 1, ",")))
            ++k;
        if (k > q.close_token + 1 && k < a_.tokens.size() && !is(k - 1, ",") && verb_like(k) && frame_ends(k + 1)) add_cue(k);
        // "“This is fantastic!” beamed Donald Hartley"
        const uint32_t v = q.close_token + 1;
        if (v + 1 < a_.tokens.size() && q.close_token > 0 && (is(q.close_token - 1, ",") || terminal(q.close_token - 1)) &&
            verb_like(v) && str(v).ends_with("ed") && mention_[v + 1] >= 0 && person(mention_[v + 1]) &&
            a_.tokens[v].sentence == a_.tokens[v + 1].sentence)
          add_cue(v);
      }
      const uint32_t open = q.open_token;
      if (open >= 3 && (is(open - 1, ":") || is(open - 1, ",")) && verb_like(open - 2) &&
          (mention_[open - 3] >= 0 || ((cls(open - 3) & kPronoun) && !(cls(open - 3) & kPronFirst)) || is(open - 3, "and")))
        add_cue(open - 2);
    }
  }

  // A form of "be" before token t, perhaps with an adverb ("is widely expected").
  bool after_be(uint32_t t, const text::Sentence& s) const {
    uint32_t p = t;
    while (p > s.first && (cls(p - 1) & kAux) && !(cls(p - 1) & kBe) && p + 3 > t) --p;
    if (p > s.first && is(p - 1, "not")) --p;
    return p > s.first && (cls(p - 1) & kBe);
  }

  // A lower-case past or present verb form not known as a cue ("fumed", "mocks").
  bool verb_like(uint32_t t) const {
    if (!word(t) || cue_at_[t] >= 0 || quoted(t) || cls(t) || a_.tokens[t].is(text::kCapitalized) || a_.tokens[t].is(text::kNumber))
      return false;
    const std::string_view w = str(t);
    return w.size() > 3 && (w.ends_with("ed") || (w.ends_with("s") && !w.ends_with("ss")));
  }

  bool frame_ends(uint32_t t) const {
    return t >= a_.tokens.size() || a_.tokens[t].sentence != a_.tokens[t - 1].sentence || terminal(t) || is(t, ",") ||
           (cls(t) & kPrep);
  }

  void sort_cues() {
    std::sort(cues_.begin(), cues_.end(), [](const Cue& x, const Cue& y) { return x.first < y.first; });
    for (size_t i = 0; i < cues_.size(); ++i) cue_at_[cues_[i].first] = static_cast<int32_t>(i);
  }

  void add_cue(uint32_t t) {
    cue_at_[t] = static_cast<int32_t>(cues_.size());
    cues_.push_back(Cue{t, t + 1, kSpeech | kAfterQuote, false});
  }

  // False where the word reads as a noun or infinitive ("his claims", "to say",
  // "was told").
  bool verb_position(uint32_t t, const text::Sentence& s) const {
    if (t == s.first) return true;
    const uint32_t p = t - 1;
    // "went on to say", "continued to insist": the infinitive is what was said.
    if (is(p, "to") && p > s.first && (is(p - 1, "on") || is(p - 1, "continued") || is(p - 1, "continues"))) return true;
    if (is(p, "to") || (cls(p) & (kDet | kBe))) return false;
    if ((cls(p) & kPrep) && !(cls(p) & kAux) && !participle(t)) return false;
    return true;
  }

  // -------------------------------------------------------------- subjects
  // A noun phrase ending just before token `e` that can be a speaker.
  Subject phrase_ending_at(uint32_t e, const text::Sentence& s) const {
    Subject sub;
    if (e > s.first + 1 && is(e - 1, ")")) {  // "Sen. Richard J. Durbin (D-Ill.),"
      uint32_t k = e - 1;
      while (k > s.first && e - k < 10 && !is(k, "(")) --k;
      if (is(k, "(")) e = k;
    }
    if (e <= s.first) return sub;
    const uint32_t t = e - 1;
    if (quoted(t) || !word(t) || cue_at_[t] >= 0) return sub;
    // "Trump, who has said ...": the name the relative clause hangs on.
    if ((is(t, "who") || is(t, "which")) && t > s.first + 1 && is(t - 1, ",")) {
      Subject head = phrase_ending_at(t - 1, s);
      if (head.mention < 0) return sub;
      head.last = e;
      return head;
    }
    if (cls(t) & kPronoun) {
      if (t > s.first && word(t - 1) && !(cls(t - 1) & (kStop | kAux))) return sub;
      sub.found = true;
      sub.pronoun = cls(t) & kPronoun;
      sub.first = t;
      sub.last = e;
      return sub;
    }
    if (cls(t) & (kDet | kPrep | kAux | kStop | kBe | kAddr)) return sub;
    if (mention_[t] >= 0) {
      uint32_t f = t;
      while (f > s.first && mention_[f - 1] == mention_[t]) --f;
      sub.found = true;
      sub.mention = mention_[t];
      sub.first = f;
      sub.last = e;
      return sub;
    }
    // A nominal: "the spokeswoman", "Trump's campaign", "a spokesman for Clinton".
    uint32_t k = t + 1;
    int32_t name = -1;
    while (k > s.first && e - (k - 1) <= 7) {
      const uint32_t c = k - 1;
      const std::string_view w = str(c);
      if (quoted(c) || cue_at_[c] >= 0) break;
      if (!word(c) && w != "'s" && w != "\xE2\x80\x99s" && w != "-" && !is_possessive_apostrophe(c)) break;
      if ((cls(c) & (kStop | kBe | kPronoun)) || ((cls(c) & kPrep) && w != "for" && w != "of" && w != "to")) break;
      if (mention_[c] >= 0 && name < 0) name = mention_[c];
      k = c;
    }
    if (k > t) return sub;
    sub.found = true;
    sub.mention = name;
    sub.role = a_.tokens[t].is(text::kCapitalized) ? -1 : static_cast<int32_t>(t);
    sub.first = k;
    sub.last = e;
    if (name < 0 && sub.role < 0) {
      uint32_t f = t;
      while (f > k && a_.tokens[f - 1].is(text::kCapitalized)) --f;
      sub.name_first = f;
      sub.name_last = e;
    }
    return sub;
  }

  // The speaker before a cue: "Logan said", "he has also said", "Justin
  // Logan, director of ..., said", "Russia, through adviser Yuri Ushakov, said".
  Subject left_subject(const Cue& c) const {
    const text::Sentence& s = sentence_of(c.first);
    uint32_t i = skip_back_adjuncts(c.first, s);
    if (i <= s.first) return {};
    const uint32_t t = i - 1;
    // "X said ... but said ...": the first verb's subject.
    if (is(t, "and") || is(t, "but")) return earlier_subject(c);
    // "author of ''America's Unwritten Constitution,'' put it": the comma sits
    // inside a short title's closing mark.
    uint32_t from = t;
    if (quote_mark(t) && quoted(t) && t > s.first && is(t - 1, ",")) {
      const text::Quotation& q = a_.quotes[static_cast<size_t>(quote_[t])];
      if (q.close_token == t && t - q.open_token <= 8) from = q.open_token;
    }
    if (!is(t, ",") && from == t) return phrase_ending_at(i, s);
    // "the assailant, John McGraw, told": a person named between the commas.
    if (Subject named = phrase_ending_at(t, s);
        named.mention >= 0 && person(named.mention) && named.first > s.first + 1 && is(named.first - 1, ",")) {
      named.last = i;
      return named;
    }
    // An apposition between commas: the nearest person heading one ("Cory
    // James, 22, of Flint, Mich., said"), else the nearest named head.
    Subject best;
    uint32_t best_comma = 0;
    for (uint32_t k = from; k-- > s.first && t - k <= 30;) {
      // A title in the apposition: "author of ''America's Unwritten Constitution,''".
      if (quote_mark(k) && quoted(k) && k > s.first) {
        const text::Quotation& q = a_.quotes[static_cast<size_t>(quote_[k])];
        if (q.close_token == k && q.close_token - q.open_token <= 8) {
          k = q.open_token;
          continue;
        }
      }
      if (quote_mark(k) || is(k, ";")) break;
      if (!is(k, ",")) continue;
      Subject head = phrase_ending_at(k, s);
      if (!head.found || (head.mention < 0 && !head.pronoun)) continue;  // "Harry Bond, 30, of Raleigh, ..., said"
      if (head.pronoun) return {};
      if (person(head.mention)) {
        head.last = i;
        return head;
      }
      if (!best.found) {
        best = head;
        best_comma = k;
      }
    }
    if (!best.found) return {};
    // "Russia, through adviser Yuri Ushakov, said": the person speaks for the
    // country or organisation; a relative clause ("X, who met Y,") does not.
    const EntityKind kind = ctx_.facts.mentions[static_cast<size_t>(best.mention)].kind;
    if ((kind == EntityKind::location || kind == EntityKind::organization) && !(cls(best_comma + 1) & kStop)) {
      for (uint32_t j = t; j-- > best_comma + 1;)
        if (mention_[j] >= 0 && person(mention_[j])) {
          best.mention = mention_[j];
          best.role = -1;
          break;
        }
    }
    best.last = i;
    return best;
  }

  // Steps left from a cue over what may stand between it and its subject:
  // auxiliaries and adverbs ("has also"), a time ("on Thursday evening") and a
  // parenthesis ("Sen. Marco Rubio (R-Fla.) said").
  uint32_t skip_back_adjuncts(uint32_t i, const text::Sentence& s) const {
    // "he went on to say", "she continued to insist"
    if (i > s.first + 2 && is(i - 1, "to")) {
      if (is(i - 2, "on") && i > s.first + 3 && word(i - 3)) i -= 3;
      else if (is(i - 2, "continued") || is(i - 2, "continues")) i -= 2;
    }
    for (bool moved = true; moved && i > s.first;) {
      moved = false;
      while (i > s.first && (cls(i - 1) & kAux) && !quoted(i - 1) && !(cls(i - 1) & kPronoun)) --i, moved = true;
      // "at the time", "at the same time"
      if (i > s.first + 2 && is(i - 1, "time") && (is(i - 2, "the") || (is(i - 2, "same") && i > s.first + 3 && is(i - 3, "the")))) {
        uint32_t k = is(i - 2, "the") ? i - 2 : i - 3;
        if (k > s.first && (cls(k - 1) & kPrep)) {
          i = k - 1;
          moved = true;
        }
      }
      if (i > s.first && timex_[i - 1]) {
        while (i > s.first && timex_[i - 1]) --i;
        if (i > s.first && (cls(i - 1) & kPrep)) --i;
        moved = true;
      }
      if (i > s.first && is(i - 1, ")")) {
        uint32_t k = i - 1;
        while (k > s.first && i - k < 10 && !is(k, "(")) --k;
        if (is(k, "(") && k > s.first) {
          i = k;
          moved = true;
        }
      }
    }
    return i;
  }

  // The speaker after a cue: "..., said Justin Logan, director of ...",
  // "said Kremlin spokesman Dmitry Peskov on Monday", "said the spokesman".
  Subject right_subject(const Cue& c) const {
    const text::Sentence& s = sentence_of(c.first);
    Subject sub;
    const uint32_t j = c.last;
    if (j >= s.last) return sub;
    if ((cls(j) & kPronoun) && !(cls(j) & kPronFirst)) {
      sub.found = true;
      sub.pronoun = cls(j) & kPronoun;
      sub.first = j;
      sub.last = j + 1;
      return sub;
    }
    // The noun phrase up to a comma, parenthesis, preposition or the end; its
    // head is the last person named in it ("former Obama adviser David Axelrod").
    uint32_t k = j;
    int32_t name = -1;
    for (; k < s.last && k - j < 10; ++k) {
      const std::string_view w = str(k);
      const bool possessive = w == "'s" || w == "\xE2\x80\x99s";
      if ((!word(k) && !possessive) || quoted(k) || cue_at_[k] >= 0) break;
      if ((cls(k) & (kStop | kBe | kPronoun)) || ((cls(k) & kPrep) && k > j && !(cls(k) & kDet))) break;
      if ((cls(k) & kAux) && k > j && mention_[k] < 0) break;  // "said his group will ..."
      if (mention_[k] >= 0 && (name < 0 || person(mention_[k]) || !person(name))) name = mention_[k];
    }
    // "said a spokesman for Clinton", "said a longtime adviser to Trump": the
    // person or group the role speaks for.
    if (name < 0 && k > j && k + 1 < s.last && (is(k, "for") || is(k, "to") || is(k, "of")) &&
        (cls(k - 1) & (kPerson | kPersonFemale | kPersonMale))) {
      uint32_t n = k + 1;
      if (cls(n) & kDet) ++n;
      if (n < s.last && mention_[n] >= 0 && ctx_.facts.mentions[static_cast<size_t>(mention_[n])].kind != EntityKind::location) {
        name = mention_[n];
        k = n;
        while (k < s.last && mention_[k] == name) ++k;
      }
    }
    const bool boundary = k >= s.last || is(k, ",") || is(k, "(") || terminal(k) || (cls(k) & kPrep) || quote_mark(k);
    if (k == j || (!boundary && name < 0)) return sub;
    sub.found = true;
    sub.mention = name;
    sub.first = j;
    sub.last = k;
    if (name < 0 && !a_.tokens[k - 1].is(text::kCapitalized)) sub.role = static_cast<int32_t>(k - 1);
    if (name < 0 && sub.role < 0) {
      sub.name_first = j;
      sub.name_last = k;
    }
    return sub;
  }

  // Words like "plan", "shows" or "support" are verbs only after someone who
  // can plan or support: a name, a pronoun or a noun for people or groups.
  bool agent_like(const Subject& sub) const {
    if (sub.mention >= 0 || sub.pronoun || sub.name_last > sub.name_first) return true;
    return sub.role >= 0 && (cls(static_cast<uint32_t>(sub.role)) & (kPerson | kPersonFemale | kPersonMale | kGroup | kText));
  }

  // "…, adding that …": the subject of the clause's main cue.
  // A comma before the token, perhaps inside a closing quotation mark ("on
  // “Morning Joe,” adding").
  bool after_comma(uint32_t t) const {
    const uint32_t first = sentence_of(t).first;
    return (t > first && is(t - 1, ",")) || (t > first + 1 && quote_mark(t - 1) && is(t - 2, ","));
  }

  Subject participle_subject(const Cue& c) const {
    const text::Sentence& s = sentence_of(c.first);
    if (c.first == s.first || !participle(c.first)) return {};
    return earlier_subject(c);
  }

  // The subject of an earlier cue in the sentence, else the name the sentence
  // opens with ("Clinton seemed ready to riff on it, telling the crowd, ...").
  Subject earlier_subject(const Cue& c) const {
    const text::Sentence& s = sentence_of(c.first);
    int32_t k = cue_index(c);  // the sentence's first cue is its main verb
    while (k > 0 && cues_[static_cast<size_t>(k - 1)].first >= s.first) --k;
    for (; k < cue_index(c); ++k) {
      const Cue& main = cues_[static_cast<size_t>(k)];
      Subject sub = left_subject(main);
      if (!sub.found && (main.flags & kSpeech)) sub = right_subject(main);
      if (sub.found && agent_like(sub)) return sub;  // not "a class called ..."
    }
    // The sentence's subject: a name or pronoun at its start, else a person
    // named right after an opening phrase ("Days after X, Axelrod emailed ...").
    for (int pass = 0; pass < 2; ++pass) {
      for (uint32_t t = s.first; t < c.first && (pass == 1 || t < s.first + 8); ++t) {
        if (quoted(t)) continue;
        const bool place = mention_[t] >= 0 && ctx_.facts.mentions[static_cast<size_t>(mention_[t])].kind == EntityKind::location;
        if (t > s.first && mention_[t] >= 0 && (mention_[t - 1] == mention_[t] || (cls(t - 1) & kPrep) || place)) continue;
        if (pass == 1 && !(t > s.first && mention_[t] >= 0 && person(mention_[t]) &&
                           (is(t - 1, ",") || (t > s.first + 1 && is(t - 2, ",") && honorific(t - 1)))))
          continue;
        if (mention_[t] >= 0 || (cls(t) & kPronoun)) {
          uint32_t e = t + 1;
          while (e < c.first && mention_[t] >= 0 && mention_[e] == mention_[t]) ++e;
          // "throughout her speech" is no subject; read on.
          if (Subject sub = phrase_ending_at(e, s); sub.found) return sub;
          t = e - 1;
        }
      }
    }
    return {};
  }

  // "Trump said before adding:", "continued by saying,": the participle hangs
  // on the clause before it.
  bool after_linking_preposition(uint32_t t) const {
    if (t == 0 || t <= sentence_of(t).first || !participle(t)) return false;
    const uint32_t p = t - 1;
    return is(p, "by") || is(p, "before") || is(p, "after") || is(p, "upon") || is(p, "while") || is(p, "when");
  }

  Subject subject_of(const Cue& c) const {
    if (c.flags & kAccording) return according_source(c);
    if (after_linking_preposition(c.first)) return earlier_subject(c);
    if (after_comma(c.first) && participle(c.first)) return participle_subject(c);
    Subject sub = left_subject(c);
    if (!sub.found && (c.flags & (kSpeech | kAfterQuote))) sub = right_subject(c);
    return sub;
  }

  // The source after "according to": the whole phrase up to a comma or the
  // end ("a report in the Des Moines Register", "a count by The Associated
  // Press"); its first person named, else its first name, else its head noun.
  Subject according_source(const Cue& c) const {
    const text::Sentence& s = sentence_of(c.first);
    Subject sub;
    int32_t name = -1;
    uint32_t k = c.last, head = UINT32_MAX;
    for (; k < s.last && k - c.last < 16; ++k) {
      if (is(k, ",") || is(k, ";") || is(k, ")") || cue_at_[k] >= 0 || (terminal(k) && !is(k + 1, ","))) break;
      if (quote_mark(k) && k > c.last && !quoted(k - 1)) break;
      if (mention_[k] >= 0 && (name < 0 || (person(mention_[k]) && !person(name)))) name = mention_[k];
      if (head == UINT32_MAX && k > c.last && (cls(k) & kPrep) && !(cls(k) & kDet)) head = k - 1;
    }
    if (k == c.last) return sub;
    if (head == UINT32_MAX) head = k - 1;
    sub.found = true;
    sub.mention = name;
    sub.first = c.last;
    sub.last = k;
    if (name < 0 && word(head) && !a_.tokens[head].is(text::kCapitalized)) sub.role = static_cast<int32_t>(head);
    if (name < 0 && sub.role < 0) {
      sub.name_first = c.last;
      sub.name_last = head + 1;
    }
    return sub;
  }

  int32_t cue_index(const Cue& c) const { return cue_at_[c.first]; }
  bool person(int32_t m) const { return ctx_.facts.mentions[static_cast<size_t>(m)].kind == EntityKind::person; }

  // ---------------------------------------------------------- direct quotes
  struct Chain {
    std::vector<uint32_t> quotes;
    uint32_t open = 0, close = 0;  // tokens of the first opening and last closing mark
    bool closed = true;
  };

  std::vector<Chain> quote_chains() const {
    std::vector<Chain> chains;
    for (uint32_t q = 0; q < a_.quotes.size(); ++q) {
      const text::Quotation& qt = a_.quotes[q];
      if (!chains.empty() && !chains.back().closed) {
        const text::Quotation& prev = a_.quotes[chains.back().quotes.back()];
        const text::Paragraph& para = a_.paragraphs[qt.paragraph];
        if (qt.paragraph == prev.paragraph + 1 && qt.open_token == a_.sentences[para.first_sentence].first) {
          chains.back().quotes.push_back(q);
          chains.back().close = qt.close_token;
          chains.back().closed = qt.closed;
          continue;
        }
      }
      chains.push_back(Chain{{q}, qt.open_token, qt.close_token, qt.closed});
    }
    return chains;
  }

  // Index of a cue ending within a few tokens before `open` that introduces
  // what follows ("Logan said:", "he told reporters on Sunday,"), or -1.
  int32_t cue_before(uint32_t open) const {
    const text::Sentence& s = sentence_of(open);
    for (uint32_t k = open; k-- > s.first && open - k <= kMaxContentGap;) {
      if (quote_mark(k) || quoted(k)) return -1;
      if (is(k, "that") || is(k, ";") || terminal(k)) return -1;
      // A comma between cue and quotation starts a new clause, unless a colon
      // introduces the quotation ("responded, with a smile: “…”").
      if (is(k, ",") && k + 1 < open - 1 && !is(open - 1, ":")) return -1;
      if (cue_at_[k] >= 0) return cue_at_[k];
    }
    return -1;
  }

  // Index of a cue just after `close` ("…,” Logan said", "…,” said Logan",
  // "…?” Biden said." split off as a sentence of its own), or -1.
  int32_t cue_after(uint32_t close) const {
    const text::Sentence& s = sentence_of(close);
    uint32_t k = close + 1;
    if (k >= s.last) return cue_in_next_sentence(close);
    if (is(k, ",") || str(k) == "\xE2\x80\x94") ++k;
    for (uint32_t j = k; j < s.last && j - k <= 40; ++j) {
      if (quote_mark(j) || is(j, ";")) return -1;
      if (terminal(j) && !is(j + 1, ")") && !is(j + 1, ",")) return -1;  // "(R-Fla.)" and "R-Ky.,"
      if (cue_at_[j] < 0) continue;
      const Cue& c = cues_[static_cast<size_t>(cue_at_[j])];
      if (j == k) return cue_at_[j];
      return speaker_starts_at(c, k) ? cue_at_[j] : -1;
    }
    return -1;
  }

  // True when the cue's subject phrase starts at token `k` (titles and roles
  // before the name allowed: "campaign manager Robby Mook said").
  bool speaker_starts_at(const Cue& c, uint32_t k) const {
    const Subject sub = left_subject(c);
    if (!sub.found || sub.first < k) return false;
    // "the White House spokesman, Josh Earnest, said": a role set before the name.
    const bool role_first = sub.first > k + 1 && is(sub.first - 1, ",");
    for (uint32_t g = k; g < sub.first - (role_first ? 1 : 0); ++g) {
      if (str(g) == "'s" || str(g) == "\xE2\x80\x99s" || is_possessive_apostrophe(g)) continue;  // "Twitter's Adam Sharp said"
      if (!word(g) || cue_at_[g] >= 0 || (cls(g) & (kStop | kPrep | kBe))) return false;
    }
    return sub.first <= k + (role_first ? 8 : 5);
  }

  int32_t cue_in_next_sentence(uint32_t close) const {
    const uint32_t si = a_.tokens[close].sentence + 1;
    if (si >= a_.sentences.size() || a_.sentences[si].paragraph != sentence_of(close).paragraph) return -1;
    const text::Sentence& n = a_.sentences[si];
    for (uint32_t j = n.first; j < n.last && j - n.first <= 12; ++j) {
      if (quote_mark(j) || is(j, ",")) return -1;
      if (cue_at_[j] < 0) continue;
      const Cue& c = cues_[static_cast<size_t>(cue_at_[j])];
      if (!(c.flags & (kSpeech | kAfterQuote)) || parenthetical_tail(c) == UINT32_MAX) return -1;
      // "Noah quipped, “…”": the cue introduces a quotation of its own.
      const uint32_t after = c.last < n.last && (is(c.last, ",") || is(c.last, ":")) ? c.last + 1 : c.last;
      if (after < n.last && quote_mark(after)) return -1;
      return j == n.first || speaker_starts_at(c, n.first) ? cue_at_[j] : -1;
    }
    return -1;
  }

  // True when the quotation opening at `open` starts a statement of its own
  // rather than a phrase inside a clause ("called it a 'cornerstone'").
  bool stands_alone_before(uint32_t open, int32_t cue) const {
    const text::Sentence& s = sentence_of(open);
    if (open == s.first) return true;
    const uint32_t p = open - 1;
    if (is(p, ":") || quote_mark(p) || terminal(p)) return true;
    if (is(p, ",") || is_dash(p) || str(p) == "(") return cue >= 0 || (p > s.first && quote_mark(p - 1));
    // Right after the cue or its addressee: "said “...", "told reporters “..."
    if (cue < 0) return false;
    const Cue& c = cues_[static_cast<size_t>(cue)];
    return (c.flags & kSpeech) && (open == c.last || ((c.flags & kAddressee) && open == skip_addressee(c.last, s)));
  }

  // A title in quotation marks ("Meet the Press", ''An American Son''): every
  // word capitalised, few words.
  bool title_like(const std::vector<uint32_t>& quotes) const {
    if (quotes.size() != 1) return false;
    const text::Quotation& q = a_.quotes[quotes[0]];
    if (!q.closed) return false;  // runs to the paragraph's end
    uint32_t last = q.close_token;  // "“What a Super Tuesday!”" is an exclamation
    while (last > q.open_token + 1 && a_.tokens[last - 1].is(text::kPunct) && !is(last - 1, "!") && !is(last - 1, "?")) --last;
    if (is(last - 1, "!") || is(last - 1, "?")) return false;
    size_t words = 0;
    for (uint32_t t = q.open_token + 1; t < q.close_token; ++t) {
      if (!word(t)) continue;
      ++words;
      if (!a_.tokens[t].is(text::kCapitalized) && !a_.tokens[t].is(text::kNumber) && !(cls(t) & (kDet | kPrep | kStop))) return false;
    }
    return words <= 6;
  }

  bool stands_alone_after(uint32_t close, int32_t cue) const {
    const text::Sentence& s = sentence_of(close);
    const uint32_t n = close + 1;
    if (n >= s.last || terminal(n) || is(n, ")") || is(n, ";")) return true;
    if (cue >= 0) return true;
    // "…,” the man shouted" with no known cue: a comma or terminal inside the marks.
    const std::string_view inner = a_.str(close - 1);
    return inner == "," || a_.tokens[close - 1].is(text::kTerminal);
  }

  void find_direct_quotes() {
    int32_t last_cue = -1;  // cue after the previous quotation, while in its sentence
    uint32_t last_sentence = UINT32_MAX;
    for (const Chain& ch : quote_chains()) {
      const int32_t after = ch.closed ? cue_after(ch.close) : -1;
      int32_t before = cue_before(ch.open);
      // "“A,” said Sherman, speaking of politicians, “B.”": B continues A.
      if (before < 0 && last_cue >= 0 && a_.tokens[ch.open].sentence == last_sentence && ch.open > 0 && is(ch.open - 1, ","))
        before = last_cue;
      last_cue = after;
      last_sentence = a_.tokens[ch.close].sentence;
      // A quotation inside a clause ("called the plan “a disgrace”") stays
      // part of the reported claim around it.
      if (!stands_alone_before(ch.open, before) || (ch.closed && !stands_alone_after(ch.close, after))) continue;
      // A title ("the TLC show “Cake Boss.”") unless a speech verb frames it.
      if (title_like(ch.quotes) && (after < 0 || !(cues_[static_cast<size_t>(after)].flags & (kSpeech | kAfterQuote)))) continue;
      std::vector<Span> parts;
      for (uint32_t q : ch.quotes) {
        const Span inner = trim(a_.quotes[q].inner);
        if (!inner.empty()) parts.push_back(inner);
      }
      if (parts.empty() || words_in(parts) < ((after >= 0 || before >= 0) ? 1u : 2u)) continue;
      int32_t cue = after >= 0 ? after : before;
      // "Feinstein said “…,” she said.": the named speaker wins; a colon
      // binds the quotation to the cue before it ("Trump replied: “…”").
      if (after >= 0 && before >= 0 && !by_cue_.count(before)) {
        const Subject sa = subject_of(cues_[static_cast<size_t>(after)]);
        const Subject sb = subject_of(cues_[static_cast<size_t>(before)]);
        if ((sa.mention < 0 || is(ch.open - 1, ":")) && (sb.mention >= 0 || sa.mention < 0)) cue = before;
      }
      // "“A,” he said, “B.”": the second half joins the first.
      if (cue >= 0) {
        if (auto it = by_cue_.find(cue); it != by_cue_.end() && pending_[it->second].quoted) {
          append(pending_[it->second], parts);
          continue;
        }
      }
      Pending p;
      p.parts = std::move(parts);
      p.quoted = true;
      p.cue = cue;
      p.sentence = a_.tokens[ch.open].sentence;
      if (cue >= 0) {
        Cue& c = cues_[static_cast<size_t>(cue)];
        p.subject = subject_of(c);
        p.sentence = a_.tokens[c.first].sentence;
        c.used = true;
        by_cue_[cue] = pending_.size();
        // Reported speech before it ends where the quotation begins ("lamenting
        // the churn of his job: “…,” he said").
        if (p.subject.found)
          for (uint32_t t = ch.open; t <= ch.close && t < covered_.size(); ++t) covered_[t] = 1;
      }
      pending_.push_back(std::move(p));
    }
  }

  // Headline style, in single quotation marks the quotation finder leaves
  // alone: "Kasich: ‘We Are Going All The Way.’" and "Ryan on X: ‘…’".
  void find_headline_quotes() {
    for (const text::Sentence& s : a_.sentences) {
      if (!a_.tokens[s.first].is(text::kLineStart) || mention_[s.first] < 0 || quoted(s.first)) continue;
      uint32_t colon = s.first;
      while (colon < s.last && colon < s.first + 10 && !is(colon, ":")) ++colon;
      const uint32_t open = colon + 1;
      if (colon >= s.last || open + 1 >= s.last || !single_quote(open) || quoted(open)) continue;
      uint32_t close = 0;  // the last single mark before the line ends
      for (uint32_t t = open + 1; t < a_.tokens.size() && !a_.tokens[t].is(text::kLineStart); ++t)
        if (single_quote(t)) close = t;
      if (close <= open + 1) continue;
      Pending p;
      p.quoted = true;
      p.sentence = a_.tokens[s.first].sentence;
      p.subject.found = true;
      p.subject.mention = mention_[s.first];
      p.subject.first = s.first;
      p.subject.last = s.first + 1;
      if (!add_part(p, open + 1, close) || words_in(p.parts) < 2) continue;
      for (const Span& sp : p.parts) mark_covered(sp);
      pending_.push_back(std::move(p));
    }
  }

  bool single_quote(uint32_t t) const {
    const std::string_view w = str(t);
    return w == "\xE2\x80\x98" || w == "\xE2\x80\x99" || w == "'";
  }

  // ---------------------------------------------------------- reported speech
  void find_reported() {
    // "According to X, Y said ...": Y's claim first.
    for (int pass = 0; pass < 2; ++pass)
      for (size_t i = 0; i < cues_.size(); ++i)
        if (((cues_[i].flags & kAccording) != 0) == (pass == 1)) reported_claim(i);
    drop_embedded_quotes();
  }

  // A quotation inside reported speech ("Penwell said the world lost a voice
  // that said “love in spite of fear ...”") is part of that claim, not one of its own.
  void drop_embedded_quotes() {
    for (Pending& q : pending_) {
      if (!q.quoted || q.parts.size() != 1) continue;
      const Span inner = q.parts.front();
      Span cue = inner;
      if (q.cue >= 0) {
        const Cue& c = cues_[static_cast<size_t>(q.cue)];
        cue = Span{a_.tokens[c.first].span.begin, a_.tokens[c.last - 1].span.end};
      }
      for (const Pending& r : pending_)
        if (!r.quoted && &r != &q &&
            std::any_of(r.parts.begin(), r.parts.end(), [&](const Span& sp) { return sp.contains(inner) && sp.contains(cue); })) {
          q.parts.clear();
          break;
        }
    }
  }

  void reported_claim(size_t i) {
    Cue& c = cues_[i];
    if (c.used || (c.flags & kAfterQuote)) return;
    Pending p;
    p.cue = static_cast<int32_t>(i);
    p.sentence = a_.tokens[c.first].sentence;
    if (!reported(c, p) || words_in(p.parts) < 2) return;
    c.used = true;
    for (const Span& sp : p.parts) mark_covered(sp);
    by_cue_[p.cue] = pending_.size();
    pending_.push_back(std::move(p));
  }

  bool reported(const Cue& c, Pending& p) const {
    const text::Sentence& s = sentence_of(c.first);
    if (c.flags & kAccording) return according(c, p);
    if (passive_question(c, p)) return true;
    if (c.flags & kEvidential) return evidential(c, p);
    // "a statement released by the campaign", "released shortly after": a
    // participle, not a verb taking what was said as its object.
    if ((c.flags & kObject) && !(c.flags & kSpeech) && c.last < s.last &&
        (is(c.last, "by") || is(c.last, ",") || str(c.last).ends_with("ly")))
      return false;
    const bool after_comma = c.first > s.first && (is(c.first - 1, ",") || quote_mark(c.first - 1));
    if ((after_comma && participle(c.first)) || after_linking_preposition(c.first)) {
      p.subject = participle_subject(c);
      return add_part(p, complement_start(c), clause_end(c.last));
    }
    if (after_comma && (c.flags & kSpeech)) {
      // "..., said Logan." (else "Witkoff, who met X, reported that ..." or
      // "Lance Beebe, 49, a veteran, said Clinton should ...")
      p.subject = right_subject(c);
      // The phrase must end in the speaker: not "said Clinton's acceptance of ...".
      const uint32_t end = p.subject.last - 1;
      const bool ends_in_speaker = p.subject.mention < 0 || mention_[end] >= 0 ||
                                   (cls(end) & (kPerson | kPersonFemale | kPersonMale | kGroup | kText));
      if (p.subject.found && agent_like(p.subject) && ends_in_speaker && phrase_closes(p.subject.last, s))
        return add_part(p, clause_start(c.first - 1), c.first - 1);
      p.subject = {};
    }
    p.subject = left_subject(c);
    if (!p.subject.found || (!(c.flags & kSpeech) && !agent_like(p.subject))) return false;
    const uint32_t before = p.subject.first;
    if ((c.flags & kSpeech) && before > s.first && (is(before - 1, ",") || quote_mark(before - 1))) {
      // "..., Logan said." and "..., Logan said, ..."
      const uint32_t tail = parenthetical_tail(c);
      if (tail != UINT32_MAX) {
        const uint32_t comma = before - 1;  // the comma or closing quotation mark
        add_part(p, clause_start(comma), comma);
        if (tail < s.last) add_part(p, tail, clause_end(tail));
        return !p.parts.empty();
      }
    }
    return add_part(p, complement_start(c), clause_end(c.last));
  }

  // True when nothing but an adjunct follows a noun phrase ending before token
  // `k`: the sentence ends, or a comma, parenthesis, preposition or time follows.
  bool phrase_closes(uint32_t k, const text::Sentence& s) const {
    return k >= s.last || terminal(k) || is(k, ",") || is(k, "(") || is(k, ";") || is_dash(k) || (cls(k) & kPrep) ||
           timex_[k];
  }

  // "The decision is widely expected to be unfavorable", "Clinton seemed
  // irritated", "X reportedly left": the clause itself, with no source.
  bool evidential(const Cue& c, Pending& p) const {
    const text::Sentence& s = sentence_of(c.first);
    uint32_t b = c.first;
    while (b > s.first && !clause_boundary(b - 1)) --b;
    uint32_t e = c.last;
    while (e < s.last && !is(e, ",") && !is(e, ";") && !is(e, ":") && !terminal(e) && !is_dash(e) && !quote_mark(e) && !covered_[e])
      ++e;
    if (b >= c.first || e <= c.last) return false;  // a subject and a predicate
    // "it appears that ...", "It seems Trump's campaign ...": what follows.
    if (b + 1 == c.first && (is(b, "it") || is(b, "It"))) return add_part(p, c.last, clause_end(c.last));
    return add_part(p, b, e);
  }

  bool clause_boundary(uint32_t t) const {
    static constexpr std::string_view kWords[] = {"that", "but", "while", "because", "although", "though", "if",
                                                  "when", "as", "where", "whether", "since", "and", "or", "so"};
    if (is(t, ",") || is(t, ";") || is(t, ":") || is_dash(t) || quote_mark(t) || covered_[t] || terminal(t)) return true;
    if (cue_at_[t] >= 0) return true;
    const std::string_view w = str(t);
    return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
  }

  // "Asked whether X ..., Y said", "when asked about X": the question, whose
  // asker the text does not name.
  bool passive_question(const Cue& c, Pending& p) const {
    const text::Sentence& s = sentence_of(c.first);
    const std::string_view w = str(c.first);
    if (w != "asked" && w != "Asked") return false;
    if (c.first != s.first) {
      const uint32_t b = c.first - 1;
      if (!is(b, "when") && !is(b, "was") && !is(b, "were") && !is(b, "being") && !is(b, "been") && !is(b, "When")) return false;
    }
    uint32_t j = c.last;
    while (j < s.last && j < c.last + 6 && !question_word(j)) {
      if (quote_mark(j) || is(j, ",") || cue_at_[j] >= 0) return false;
      ++j;
    }
    if (j >= s.last || !question_word(j)) return false;
    if (is(j, "about")) ++j;
    uint32_t e = j;
    while (e < s.last && !is(e, ",") && !is(e, ";") && !terminal(e) && !covered_[e]) ++e;
    return add_part(p, j, e);
  }

  bool question_word(uint32_t t) const {
    static constexpr std::string_view kWords[] = {"whether", "if", "about", "what", "why", "how", "which", "who", "where"};
    const std::string_view w = str(t);
    return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
  }

  // "According to X, ...", "..., according to X." and "... according to X, ...".
  bool according(const Cue& c, Pending& p) const {
    const text::Sentence& s = sentence_of(c.first);
    p.subject = according_source(c);
    if (!p.subject.found) return false;
    uint32_t after = p.subject.last;
    while (after < s.last && !is(after, ",") && !terminal(after) && after - p.subject.last < 8) ++after;
    const uint32_t before_end = c.first > s.first && is(c.first - 1, ",") ? c.first - 1 : c.first;
    if (before_end > s.first) add_part(p, clause_start(before_end), before_end);
    if (after < s.last && is(after, ",")) {
      const uint32_t end = clause_end(after + 1);
      bool attributed = false;  // "According to Reuters, aide X said that ..." is X's claim
      for (uint32_t k = after + 1; k < end && !attributed; ++k) attributed = cue_at_[k] >= 0 || covered_[k];
      if (!attributed) add_part(p, after + 1, end);
    }
    return !p.parts.empty();
  }

  // First token of a parenthetical claim that ends before `end`.
  uint32_t clause_start(uint32_t end) const {
    const text::Sentence& s = sentence_of(end > 0 ? end - 1 : 0);
    uint32_t k = end;
    while (k > s.first && !covered_[k - 1] && !is(k - 1, ";") && !(cue_at_[k - 1] >= 0 && cues_[static_cast<size_t>(cue_at_[k - 1])].used))
      --k;
    // A dateline is no part of the claim: "NEW YORK, Dec 14 (Reuters) - ..."
    if (k == s.first)
      for (uint32_t t = s.first + 1; t + 1 < end && t < s.first + 12; ++t)
        if (is(t, ")") && is_dash(t + 1)) return t + 2;
    return k;
  }

  bool honorific(uint32_t t) const {
    const std::string_view w = str(t);
    return w == "Mr." || w == "Ms." || w == "Mrs." || w == "Dr." || Lexicons::instance().is_title(w);
  }

  bool is_dash(uint32_t t) const {
    const std::string_view w = str(t);
    return w == "-" || w == "\xE2\x80\x94" || w == "\xE2\x80\x93";
  }

  // End of the content that starts at `from`: the sentence end, or a following
  // ", according to", ", adding ..." or ";".
  uint32_t clause_end(uint32_t from) const {
    if (from >= a_.tokens.size()) return from;
    const text::Sentence& s = sentence_of(from);
    // "While Comey said his investigators had no evidence, experts understood
    // ...": a claim in a leading subordinate clause ends at its comma.
    const bool subordinate = leading_subordinate(s, from);
    for (uint32_t k = from; k < s.last; ++k) {
      if (is(k, ";") || covered_[k]) return k;
      if (subordinate && k > from && is(k, ",") && !quoted(k)) return k;
      // "..., according to X" and "..., adding ..." (also after a closing mark: "…,” adding")
      if (k > from && cue_at_[k] >= 0 && after_comma(k)) {
        const Cue& next = cues_[static_cast<size_t>(cue_at_[k])];
        if ((next.flags & kAccording) || participle(next.first)) return is(k - 1, ",") ? k - 1 : k - 2;
      }
      if (k == from) continue;
      // "..., but they would not advocate ...", "..., although he tweeted ...",
      // "..., which includes ...": a clause of the writer's, not the speaker's.
      if (is(k, ",") && k + 1 < s.last && !quoted(k) && writer_clause(k + 1)) return k;
      // "said A and added B", "says A but argues B": the speaker's next verb;
      // "asked for a photo and Clinton said": another speaker's.
      if (is(k, "and") || is(k, "but")) {
        uint32_t j = k + 1;
        while (j < s.last && (cls(j) & kAux) && !(cls(j) & kPronoun)) ++j;
        if (j < s.last && cue_at_[j] >= 0 && !quoted(j)) return k;
        if (parenthetical_cue_after(k, s)) return k;
      }
      // "A — no different, he said, from B" and "A, he said, B": a cue of its own.
      if ((is_dash(k) || is(k, ",")) && parenthetical_cue_after(k, s)) return k;
    }
    return s.last;
  }

  // True when sentence s opens with a subordinating word ("While", "If",
  // "Although") and no comma closes that clause before token `from`.
  bool leading_subordinate(const text::Sentence& s, uint32_t from) const {
    static constexpr std::string_view kWords[] = {"While", "If", "Although", "Though", "Because", "Since", "Whereas", "Even", "Unless"};
    uint32_t f = s.first;
    if (f < s.last && quote_mark(f)) ++f;
    if (f >= s.last) return false;
    const std::string_view w = str(f);
    if (std::find(std::begin(kWords), std::end(kWords), w) == std::end(kWords)) return false;
    for (uint32_t k = f; k < from; ++k)
      if (is(k, ",")) return false;
    return true;
  }

  bool writer_clause(uint32_t t) const {
    static constexpr std::string_view kWords[] = {"but", "although", "though", "while", "which", "whereas"};
    const std::string_view w = str(t);
    return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
  }

  // True when a short subject and a speech cue follow token `k` ("— the
  // actress also pointed out", ", he said,").
  bool parenthetical_cue_after(uint32_t k, const text::Sentence& s) const {
    uint32_t j = k + 1;
    if (is_dash(k))  // "— no different, he said, ..."
      for (uint32_t g = j; g < s.last && g < k + 8; ++g)
        if (is(g, ",") && g + 1 < s.last && (cls(g + 1) & kPronoun)) {
          j = g + 1;
          break;
        }
    if (j >= s.last || quoted(j)) return false;
    uint32_t e = j;
    if ((cls(j) & kPronoun) && !(cls(j) & kPronFirst)) e = j + 1;
    else if (mention_[j] >= 0 && person(mention_[j])) {
      while (e < s.last && mention_[e] == mention_[j]) ++e;
    } else if (is_dash(k) && (cls(j) & kDet)) {
      e = j + 1;
      while (e < s.last && e < j + 4 && word(e) && !cls(e) && cue_at_[e] < 0) ++e;
    } else {
      return false;
    }
    while (e < s.last && (cls(e) & kAux) && !(cls(e) & kPronoun)) ++e;
    if (e >= s.last || cue_at_[e] < 0 || quoted(e)) return false;
    const Cue& c = cues_[static_cast<size_t>(cue_at_[e])];
    if (!(c.flags & kSpeech)) return false;
    return true;
  }

  // Where what was said starts after the cue: past an addressee ("told
  // reporters"), a time or place ("said on Monday in Berlin") and "that".
  uint32_t complement_start(const Cue& c) const {
    const text::Sentence& s = sentence_of(c.first);
    uint32_t j = c.last;
    if (c.flags & kAddressee) j = skip_addressee(j, s);
    if (j < s.last && (is(j, ":") || is(j, ","))) ++j;
    if (j < s.last && (cls(j) & kPrep) && !is(j, "that")) {
      // "said on Monday that ...", "told CNN in an interview, ..." (but "said
      // in politics it takes time ..." starts at "in").
      for (uint32_t k = j; k < s.last && k - j <= kMaxContentGap; ++k) {
        if (is(k, "that")) return k + 1;
        if ((is(k, ",") || is(k, ":")) && k - j <= kMaxAdjunct) return k + 1;
        if (quote_mark(k) || terminal(k) || (k > j && cue_at_[k] >= 0)) break;
      }
    }
    if (j < s.last && is(j, "that")) ++j;
    return j;
  }

  uint32_t skip_addressee(uint32_t j, const text::Sentence& s) const {
    if (j >= s.last) return j;
    if (mention_[j] >= 0) {
      const int32_t m = mention_[j];
      while (j < s.last && mention_[j] == m) ++j;
      return j;
    }
    if ((cls(j) & kDet) && j + 1 < s.last && (cls(j + 1) & kAddr)) return j + 2;
    if (cls(j) & kAddr) return j + 1;
    return j;
  }

  // After "Logan said" in "..., Logan said[ on Monday][, ...]": the first token
  // of a second content part, s.last when the sentence just ends, or
  // UINT32_MAX when a clause follows (so this is no parenthetical).
  uint32_t parenthetical_tail(const Cue& c) const {
    const text::Sentence& s = sentence_of(c.first);
    uint32_t j = c.last;
    if (c.flags & kAddressee) j = skip_addressee(j, s);
    for (uint32_t k = j; k < s.last; ++k) {
      if (terminal(k)) return s.last;
      if (is(k, ",")) return k + 1 < s.last && !terminal(k + 1) ? k + 1 : s.last;
      if (is(k, "that") || quote_mark(k) || (k == j && !(cls(k) & kPrep) && mention_[k] < 0)) return UINT32_MAX;
      // "Cameron has said Trump deserves respect": a name and then a verb.
      if (k == j && mention_[k] >= 0) {
        uint32_t e = k;
        while (e < s.last && mention_[e] == mention_[k]) ++e;
        if (e < s.last && word(e) && !(cls(e) & kPrep) && !timex_[e] && !a_.tokens[e].is(text::kCapitalized)) return UINT32_MAX;
        k = e - 1;
      }
    }
    return s.last;
  }

  // ------------------------------------------------------ follow-on quotations
  // Quotations with no cue of their own continue the claim before them in the
  // same or the previous paragraph ("“It’s an attempt,” he said. “And …”").
  void attach_follow_on_quotes() {
    std::vector<size_t> order = sorted_pending();
    std::vector<uint8_t> dropped(pending_.size(), 0);
    for (size_t oi = 0; oi < order.size(); ++oi) {
      Pending& p = pending_[order[oi]];
      if (p.cue >= 0 || !p.quoted || p.subject.found) continue;
      const uint32_t open = a_.token_at(p.parts.front().begin) - 1;
      if (attribute_nearby(p, open)) continue;
      const uint32_t para = paragraph_of(p.parts.front());
      int32_t prev = -1;
      for (size_t k = oi; k-- > 0;) {
        if (dropped[order[k]]) continue;
        const Pending& q = pending_[order[k]];
        if (paragraph_of(q.parts.back()) + 1 >= para && (q.cue >= 0 || q.subject.found))
          prev = static_cast<int32_t>(order[k]);
        // "“A,” he said, adding that B. “C.”": C continues the quotation A.
        if (prev >= 0 && !q.quoted && k > 0 && !dropped[order[k - 1]]) {
          const Pending& r = pending_[order[k - 1]];
          if (r.quoted && r.cue >= 0 && r.sentence == q.sentence) prev = static_cast<int32_t>(order[k - 1]);
        }
        break;
      }
      if (prev < 0) continue;
      Pending& q = pending_[static_cast<size_t>(prev)];
      // "“A,” he said. “B.”": one quotation continued; after reported speech
      // ("Kerry said that 100,000 would be accepted. “That adds up to …”")
      // the claim becomes partly quoted.
      append(q, p.parts);
      dropped[order[oi]] = 1;
    }
    for (size_t i = 0; i < pending_.size(); ++i)
      if (dropped[i]) pending_[i].parts.clear();
  }

  // Attributions of a quotation without a cue of its own: "Rep. Trey Gowdy:
  // “…”", "Trump said:" ending the paragraph before, "Bystrom agreed." just
  // before, or a "- Sanders." line after it.
  bool attribute_nearby(Pending& p, uint32_t open) {
    if (const int32_t cue = colon_cue(p.parts.front()); cue >= 0) {
      p.cue = cue;
      p.subject = subject_of(cues_[static_cast<size_t>(cue)]);
      cues_[static_cast<size_t>(cue)].used = true;
      return true;
    }
    const text::Sentence& s = sentence_of(open);
    if (open > s.first && is(open - 1, ":")) {
      p.subject = phrase_ending_at(open - 1, s);
      if (is(open - 2, ")") || p.subject.mention >= 0) {
        if (!p.subject.found || p.subject.mention < 0) p.subject = left_subject(Cue{open - 1, open, kSpeech, false});
        return p.subject.found;
      }
      p.subject = {};
    }
    // "Clinton has since apologized for what happened: “…”", "Trump issued
    // the following statement:" ending the paragraph before: the subject of
    // the clause the colon ends.
    if (open > 0) {
      uint32_t colon = open - 1;
      if (quote_mark(colon) && colon > 0) --colon;
      if (is(colon, ":") && colon + 1 >= open - 1) {
        if (Subject sub = clause_subject(colon); sub.found) {
          p.subject = sub;
          return true;
        }
      }
    }
    const uint32_t si = a_.tokens[open].sentence;
    if (open == s.first && si > 0 && a_.sentences[si - 1].paragraph == s.paragraph) {
      const text::Sentence& prev = a_.sentences[si - 1];
      for (uint32_t k = prev.first; k < prev.last; ++k) {
        if (cue_at_[k] < 0 || quoted(k)) continue;
        Cue& c = cues_[static_cast<size_t>(cue_at_[k])];
        if (c.used || !(c.flags & kSpeech) || parenthetical_tail(c) != prev.last) continue;
        const Subject sub = left_subject(c);
        if (!sub.found) continue;
        p.cue = cue_at_[k];
        p.subject = sub;
        c.used = true;
        return true;
      }
    }
    return dash_signature(p);
  }

  // The subject a sentence opens with, up to token `end`: a name (not a
  // place) or a pronoun followed by a lower-case word ("Trump issued ...").
  Subject clause_subject(uint32_t end) const {
    const text::Sentence& s = sentence_of(end);
    for (uint32_t f = s.first; f < end && f < s.first + 8; ++f) {
      if (quoted(f)) return {};
      uint32_t e = f;
      if (mention_[f] >= 0 && (f == s.first || !(cls(f - 1) & kPrep))) {
        if (ctx_.facts.mentions[static_cast<size_t>(mention_[f])].kind == EntityKind::location) return {};
        e = f + mention_len(f);
      } else if ((cls(f) & kPronoun) && !(cls(f) & kPronFirst) && !(cls(f) & kDet)) {
        e = f + 1;
      } else {
        continue;
      }
      uint32_t v = e;
      while (v < end && (cls(v) & kAux) && !(cls(v) & kPronoun)) ++v;
      if (v + 1 < end && word(v) && !a_.tokens[v].is(text::kCapitalized) && !(cls(v) & (kDet | kPrep | kStop))) return phrase_ending_at(e, s);
      return {};
    }
    return {};
  }

  uint32_t mention_len(uint32_t t) const {
    uint32_t e = t;
    while (e < a_.tokens.size() && mention_[e] == mention_[t]) ++e;
    return e - t;
  }

  // "- Sanders." as the paragraph after a quotation (fact-check layout).
  bool dash_signature(Pending& p) const {
    const uint32_t last = a_.token_at(p.parts.back().end);
    if (last >= a_.tokens.size()) return false;
    const uint32_t para = sentence_of(last).paragraph + 1;
    const uint32_t close_para = sentence_of(last > 0 ? last - 1 : 0).paragraph;
    if (para >= a_.paragraphs.size() || close_para + 1 != para) return false;
    const text::Sentence& s = a_.sentences[a_.paragraphs[para].first_sentence];
    const std::string_view dash = str(s.first);
    if (dash != "-" && dash != "\xE2\x80\x94" && dash != "\xE2\x80\x93") return false;
    const uint32_t t = s.first + 1;
    if (t >= s.last || mention_[t] < 0) return false;
    uint32_t e = t;
    while (e < s.last && mention_[e] == mention_[t]) ++e;
    if (e < s.last && !terminal(e) && !is(e, ",")) return false;
    Subject sub;
    sub.found = true;
    sub.mention = mention_[t];
    sub.first = t;
    sub.last = e;
    p.subject = sub;
    return true;
  }

  // A cue in a paragraph that ends with a colon just before the quotation.
  int32_t colon_cue(Span content) const {
    const uint32_t open = a_.token_at(content.begin);
    if (open < 2) return -1;
    uint32_t p = open - 1;
    if (quote_mark(p)) --p;
    if (!is(p, ":")) return -1;
    const text::Sentence& s = sentence_of(p);
    for (uint32_t k = p; k-- > s.first;)
      if (cue_at_[k] >= 0 && !cues_[static_cast<size_t>(cue_at_[k])].used) return cue_at_[k];
    return -1;
  }

  // ------------------------------------------------------------------- emit
  void emit() {
    for (size_t i : sorted_pending()) {
      Pending& p = pending_[i];
      if (p.parts.empty()) continue;
      // A quotation nothing attributes (a title, an excerpt, a slogan) is no claim.
      if (p.quoted && p.cue < 0 && !p.subject.found) continue;
      if (!p.quoted) whole_quotation(p);
      if (p.parts.empty()) continue;
      p.speaker = resolve(p);
      ClaimMention cm;
      cm.content = p.parts.front();
      cm.more.assign(p.parts.begin() + 1, p.parts.end());
      cm.quoted = p.quoted;
      cm.speaker = p.speaker;
      cm.sentence = p.sentence;
      if (p.cue >= 0) {
        const Cue& c = cues_[static_cast<size_t>(p.cue)];
        cm.cue = Span{a_.tokens[c.first].span.begin, a_.tokens[c.last - 1].span.end};
        cm.date = date_of(c, &cm.timex);
      }
      if (cm.date.empty()) cm.date = ctx_.facts.anchor;
      ctx_.facts.claims.push_back(std::move(cm));
    }
  }

  int32_t resolve(const Pending& p) {
    const Subject& s = p.subject;
    if (!s.found) return -1;
    const uint32_t at = s.first;
    int32_t m = -1;
    if (s.mention >= 0) m = s.mention;
    else if (s.pronoun & kPronMale) m = resolver_.pronoun(at, Gender::male, true);
    else if (s.pronoun & kPronFemale) m = resolver_.pronoun(at, Gender::female, true);
    else if (s.pronoun & (kPronIt | kPronPlural)) m = resolver_.pronoun(at, Gender::unknown, false);
    else if (s.role >= 0) m = nominal_speaker(s);
    // "a new Associated Press-GfK poll", "a CNN tally": who published it.
    if (m < 0 && s.role >= 0 && (cls(static_cast<uint32_t>(s.role)) & kSource)) m = publisher(s.first, s.last);
    else if (s.name_last > s.name_first) m = add_name_mention(s.name_first, s.name_last);
    // Else the chain coreference put a pronoun or nominal of the subject in.
    if (m < 0 && (s.pronoun || s.role >= 0)) m = coreferent(s.first, s.last);
    if (m < 0 && (s.pronoun & (kPronMale | kPronFemale)))
      m = resolver_.central_person(at, (s.pronoun & kPronMale) ? Gender::male : Gender::female);
    if (m >= 0) resolver_.spoke(m, at);
    return m;
  }

  // A resolved pronoun or nominal mention starting in tokens [first, last), or -1.
  int32_t coreferent(uint32_t first, uint32_t last) const {
    auto it = std::lower_bound(referent_.begin(), referent_.end(), std::pair<uint32_t, int32_t>{first, -1});
    return it != referent_.end() && it->first < last ? it->second : -1;
  }

  // A speaker the name finder missed ("…,” Cuban said", "Mr. English said"):
  // capitalised words, none of them used in lower case elsewhere in the text,
  // become a person mention, joined to a person of the same surname if any.
  int32_t add_name_mention(uint32_t first, uint32_t last) {
    // A sentence's first word is capitalised anyway ("Fielding questions ..."):
    // trust it only when the word is capitalised mid-sentence elsewhere too.
    if (first == sentence_of(first).first && !capitalised_elsewhere(first)) return -1;
    while (first < last && (str(first) == "Mr." || str(first) == "Ms." || str(first) == "Mrs." || str(first) == "Dr." ||
                            Lexicons::instance().is_title(str(first))))
      ++first;
    if (first >= last || last - first > 4) return -1;
    for (uint32_t t = first; t < last; ++t)
      if (!word(t) || cls(t) || cue_at_[t] >= 0 || a_.tokens[t].is(text::kAllCaps) || used_in_lower_case(t)) return -1;
    const Span span{a_.tokens[first].span.begin, a_.tokens[last - 1].span.end};
    DocumentFacts& f = ctx_.facts;
    int32_t entity = -1;
    const std::string_view surname = str(last - 1);
    for (size_t e = 0; e < f.entities.size() && entity < 0; ++e) {
      const std::string& n = f.entities[e].name;
      if (f.entities[e].kind == EntityKind::person && n.size() >= surname.size() && n.ends_with(surname) &&
          (n.size() == surname.size() || n[n.size() - surname.size() - 1] == ' '))
        entity = static_cast<int32_t>(e);
    }
    if (entity < 0) {
      f.entities.push_back(LocalEntity{EntityKind::person, std::string(span.of(a_.text))});
      entity = static_cast<int32_t>(f.entities.size() - 1);
    }
    f.mentions.push_back(Mention{span, EntityKind::person, MentionForm::name, entity});
    const int32_t m = static_cast<int32_t>(f.mentions.size() - 1);
    for (uint32_t t = first; t < last; ++t) mention_[t] = m;
    return m;
  }

  // The organisation named by the capitalised words of a source phrase ("a
  // new Associated Press-GfK poll" -> Associated Press-GfK), reusing the
  // document's entity of that name; -1 when the phrase names none.
  int32_t publisher(uint32_t first, uint32_t last) {
    uint32_t b = first;
    while (b < last && !(word(b) && a_.tokens[b].is(text::kCapitalized) && !cls(b) && cue_at_[b] < 0)) ++b;
    if (b >= last || (b == sentence_of(b).first && !capitalised_elsewhere(b))) return -1;
    if (mention_[b] >= 0) return mention_[b];
    uint32_t e = b;
    while (e < last && e < b + 5 && word(e) && a_.tokens[e].is(text::kCapitalized) && !cls(e) && mention_[e] < 0) ++e;
    const Span span{a_.tokens[b].span.begin, a_.tokens[e - 1].span.end};
    const std::string_view name = span.of(a_.text);
    DocumentFacts& f = ctx_.facts;
    int32_t entity = -1;
    for (size_t i = 0; i < f.entities.size() && entity < 0; ++i)
      if (f.entities[i].kind == EntityKind::organization && f.entities[i].name == name) entity = static_cast<int32_t>(i);
    if (entity < 0) {
      f.entities.push_back(LocalEntity{EntityKind::organization, std::string(name)});
      entity = static_cast<int32_t>(f.entities.size() - 1);
    }
    f.mentions.push_back(Mention{span, EntityKind::organization, MentionForm::name, entity});
    const int32_t m = static_cast<int32_t>(f.mentions.size() - 1);
    for (uint32_t t = b; t < e; ++t) mention_[t] = m;
    return m;
  }

  bool capitalised_elsewhere(uint32_t t) const {
    const std::string_view w = str(t);
    for (uint32_t u = 0; u < a_.tokens.size(); ++u)
      if (u != t && str(u) == w && u != sentence_of(u).first && !quote_mark(u - 1)) return true;
    return false;
  }

  bool used_in_lower_case(uint32_t t) const {
    const std::string_view w = str(t);
    for (uint32_t u = 0; u < a_.tokens.size(); ++u) {
      const std::string_view v = str(u);
      if (v.size() == w.size() && v[0] != w[0] && v[0] == static_cast<char>(w[0] + 32) && v.substr(1) == w.substr(1)) return true;
    }
    return false;
  }

  // "the spokeswoman said": the person introduced with that role; "the
  // candidate", "the woman", "the company": the latest such entity in focus.
  // Indefinite ones ("one official", "a source") stay unknown.
  int32_t nominal_speaker(const Subject& s) const {
    const uint32_t r = static_cast<uint32_t>(s.role);
    const int32_t m = resolver_.role(r, str(r));
    if (m >= 0) return m;
    const std::string det = text::lower_ascii(str(s.first));
    const uint32_t noun = cls(r) | (str(r).ends_with("-year-old") ? static_cast<uint32_t>(kPerson) : 0u);
    // "her campaign", "his spokesman": whoever the possessive points to.
    if ((noun & (kGroup | kPerson | kPersonMale | kPersonFemale)) && (det == "his" || det == "her"))
      return resolver_.pronoun(s.first, det == "his" ? Gender::male : Gender::female, true);
    if (det != "the" && det != "this") return -1;
    // "the real estate tycoon": the person in focus, else the one the story is about.
    const Gender g = (noun & kPersonFemale) ? Gender::female : (noun & kPersonMale) ? Gender::male : Gender::unknown;
    if (noun & (kPerson | kPersonFemale | kPersonMale)) {
      const int32_t p = resolver_.pronoun(s.first, g, true);
      return p >= 0 ? p : resolver_.central_person(s.first, g);
    }
    // "the campaign" speaks for its candidate.
    if (str(r) == "campaign") return resolver_.central_person(s.first, Gender::unknown);
    if (noun & kGroup) return resolver_.pronoun(s.first, Gender::unknown, false);
    // "the statement said": who issued it, the speaker just before.
    if (noun & kText) return resolver_.last_speaker(s.first);
    return -1;
  }

  // The date of the time expression governing the cue ("said on Monday"), or
  // empty; *timex is set to that expression's index (also when its value has no
  // date yet, as "Monday" in an undated article).
  std::string date_of(const Cue& c, int32_t* timex) const {
    const Span cue{a_.tokens[c.first].span.begin, a_.tokens[c.last - 1].span.end};
    const text::Sentence& s = sentence_of(c.first);
    // Only the sentence's own time expressions (a binary search, so that a huge
    // document does not cost cues x timexes).
    auto it = std::lower_bound(dates_.begin(), dates_.end(), std::pair<uint32_t, uint32_t>{s.span.begin, 0});
    for (; it != dates_.end() && it->first < s.span.end; ++it) {
      const Timex& tx = ctx_.facts.timexes[it->second];
      if (!s.span.contains(tx.span)) continue;
      const uint32_t tb = a_.token_at(tx.span.begin);
      const bool after = tx.span.begin >= cue.end && tb - c.last <= 7;  // "said Kremlin spokesman Dmitry Peskov on Monday"
      const bool before = tx.span.end <= cue.begin && c.first - a_.token_at(tx.span.end) <= 3;
      if (!after && !before) continue;
      if (*timex < 0) *timex = static_cast<int32_t>(&tx - ctx_.facts.timexes.data());
      const std::string d = date_part(tx.value);
      if (!d.empty()) {
        *timex = static_cast<int32_t>(&tx - ctx_.facts.timexes.data());
        return d;
      }
    }
    return {};
  }

  static std::string date_part(std::string_view v) {
    auto digits = [&](size_t from, size_t n) {
      if (v.size() < from + n) return false;
      for (size_t i = from; i < from + n; ++i)
        if (v[i] < '0' || v[i] > '9') return false;
      return true;
    };
    if (!digits(0, 4)) return {};
    if (v.size() >= 10 && v[4] == '-' && digits(5, 2) && v[7] == '-' && digits(8, 2)) return std::string(v.substr(0, 10));
    if (v.size() >= 7 && v[4] == '-' && digits(5, 2) && (v.size() == 7 || v[7] != 'W')) return std::string(v.substr(0, 7));
    if (v.size() == 4) return std::string(v);
    return {};
  }

  // ----------------------------------------------------------------- helpers
  Span trim(Span sp) const {
    const std::string_view t = a_.text;
    while (sp.begin < sp.end && (t[sp.begin] == ' ' || t[sp.begin] == '\n' || t[sp.begin] == '\t')) ++sp.begin;
    while (sp.end > sp.begin && (t[sp.end - 1] == ' ' || t[sp.end - 1] == '\n' || t[sp.end - 1] == ',' || t[sp.end - 1] == '\t' ||
                                 t[sp.end - 1] == '\r'))
      --sp.end;
    return sp;
  }

  // Reported speech that is one quotation and nothing else ("declared “What a
  // Super Tuesday!”") is a direct quotation.
  void whole_quotation(Pending& p) const {
    if (p.parts.size() != 1) return;
    const Span part = p.parts.front();
    const uint32_t t = a_.token_at(part.begin);
    // "says that “…”" stays reported speech quoting its words.
    if (t >= a_.tokens.size() || !quote_mark(t) || quote_[t] < 0 || (t > 0 && is(t - 1, "that"))) return;
    const text::Quotation& q = a_.quotes[static_cast<size_t>(quote_[t])];
    if (q.open_token != t || !q.closed || q.outer.end != part.end) return;
    const Span inner = trim(q.inner);
    if (inner.empty()) return;
    // "the TLC show “Cake Boss.”": a title, not something said.
    if (title_like({static_cast<uint32_t>(quote_[t])})) {
      p.parts.clear();
      return;
    }
    p.parts.front() = inner;
    p.quoted = true;
  }

  // Adds tokens [first, end) without trailing punctuation as a content part.
  bool add_part(Pending& p, uint32_t first, uint32_t end) const {
    while (end > first && a_.tokens[end - 1].is(text::kPunct) && !a_.tokens[end - 1].is(text::kQuoteMark)) --end;
    while (first < end && (is(first, ",") || is(first, ":"))) ++first;
    if (end <= first) return false;
    p.parts.push_back(Span{a_.tokens[first].span.begin, a_.tokens[end - 1].span.end});
    return true;
  }

  void append(Pending& p, const std::vector<Span>& parts) const { p.parts.insert(p.parts.end(), parts.begin(), parts.end()); }

  size_t words_in(const std::vector<Span>& parts) const {
    size_t n = 0;
    for (const Span& sp : parts)
      for (uint32_t t = a_.token_at(sp.begin); t < a_.tokens.size() && a_.tokens[t].span.begin < sp.end && n < 8; ++t)
        n += word(t);
    return n;
  }

  void mark_covered(Span sp) {
    for (uint32_t t = a_.token_at(sp.begin); t < a_.tokens.size() && a_.tokens[t].span.begin < sp.end; ++t) covered_[t] = 1;
  }

  uint32_t paragraph_of(Span sp) const {
    const uint32_t t = std::min<uint32_t>(a_.token_at(sp.begin), static_cast<uint32_t>(a_.tokens.size() - 1));
    return sentence_of(t).paragraph;
  }

  std::vector<size_t> sorted_pending() const {
    std::vector<size_t> order;
    for (size_t i = 0; i < pending_.size(); ++i)
      if (!pending_[i].parts.empty()) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](size_t x, size_t y) { return pending_[x].parts.front().begin < pending_[y].parts.front().begin; });
    return order;
  }

  Context& ctx_;
  const text::Analysis& a_;
  const ClaimLexicon& lex_;
  SpeakerResolver resolver_;
  // Word classes (ClaimLexicon) of the tokens, looked up when first asked.
  static constexpr uint32_t kUnread = 1u << 31;
  uint32_t cls(uint32_t t) const {
    if (cls_[t] == kUnread) {
      cls_[t] = 0;
      if (a_.tokens[t].is(text::kWord)) {
        lower_into(t, class_scratch_);
        cls_[t] = lex_.word(class_scratch_);
      }
    }
    return cls_[t];
  }
  mutable std::vector<uint32_t> cls_;
  mutable std::string class_scratch_;
  std::vector<int32_t> cue_at_, mention_, quote_;
  std::vector<uint8_t> covered_, timex_;
  std::vector<std::pair<uint32_t, uint32_t>> dates_;  // (start byte, index) of DATE timexes, sorted
  std::vector<std::pair<uint32_t, int32_t>> referent_;  // (first token, mention) of resolved pronouns and nominals
  std::vector<Cue> cues_;
  std::vector<Pending> pending_;
  std::unordered_map<int32_t, size_t> by_cue_;
};

class ClaimExtractor : public Extractor {
 public:
  ClaimExtractor() { (void)ClaimLexicon::instance(); }
  std::string_view name() const override { return "claims"; }
  void extract(Context& ctx) const override {
    if (ctx.text.tokens.empty()) return;
    DocumentClaims(ctx).run();
  }
};

}  // namespace

std::unique_ptr<Extractor> make_claim_extractor() { return std::make_unique<ClaimExtractor>(); }

}  // namespace chronicle::extract
