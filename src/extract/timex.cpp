// Time-expression recognition and normalisation (TimeML TIMEX3 type and value).
//
// A token-level grammar over the word classes of data/timex_words.tsv. Tokens of
// the text stage are split at hyphens ("third-quarter", "two-day", "mid-1990s")
// and lower-cased once per document. At each token the matcher reads optional
// prefixes (determiner "the", approximators "nearly", edges "early", shifts
// "last/this/next", "every", "fiscal", "that") and then tries every core pattern
// (clock times, calendar dates, weekdays, deictic words, shifted units, quarters,
// years and decades, durations, sets, vague references), keeping the longest.
// Relative expressions are resolved against the anchor day with a cheap tense
// guess from nearby words ("will", "said", "-ed"); anaphoric ones ("a year
// earlier", "the quarter", "the following year") against the last date the text
// mentioned. Spans follow the TimeBank habits learnt from the TempEval-3 data:
// modifiers ("last", "early", "nearly") are inside, prepositions outside, and
// "the" only when the expression is a noun phrase of its own ("the third
// quarter" but "the [third-quarter] loss", "the [1996] bombing").
#include "extract/timex.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "common/embedded.h"
#include "extract/pipeline.h"
#include "extract/timex_words.h"

namespace chronicle::extract {

namespace {

using C = WordClass;

// ---------------------------------------------------------------------------
// Tokens

bool is_any(std::string_view w, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set)
    if (w == s) return true;
  return false;
}

struct Tok {
  Span span;
  std::string_view low;  // lower case, without a trailing '.'
  const WordInfo* info = nullptr;
  int num = -1;          // value of an all-digit token of up to 9 digits, else -1
  bool cue = false;      // may start a time expression or its prefix (a cheap filter)
  uint16_t flags = 0;
  uint32_t sentence = 0;
  bool glued = false;    // joined to the previous token by a hyphen (one text token)
  bool dot = false;      // written with a trailing '.'
  bool link = false;     // part of a web address ("/2013/08/" in a link is no date of the text)

  bool is(C c) const { return info && info->is(c); }
  int n(C c) const { return info ? info->num(c) : 0; }
  std::string_view text(C c) const { return info ? info->text(c) : std::string_view{}; }
  bool cap() const { return (flags & text::kCapitalized) != 0; }
  bool word() const { return (flags & text::kWord) != 0; }
};

int all_digits(std::string_view s) {
  if (s.empty() || s.size() > 9) return -1;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

bool iso_day_token(std::string_view s) {
  return s.size() == 10 && s[4] == '-' && s[7] == '-' && all_digits(s.substr(0, 4)) >= 0 &&
         all_digits(s.substr(5, 2)) >= 0 && all_digits(s.substr(8, 2)) >= 0;
}

void push_tok(std::vector<Tok>& out, std::string_view text, std::string_view lower, Span span, const text::Token& src,
              bool glued) {
  static constexpr std::string_view kPossessive = "'s";
  Tok t;
  t.span = span;
  t.low = span.of(lower);
  if (t.low.size() > 1 && t.low.back() == '.') {
    t.low.remove_suffix(1);
    t.dot = true;
  }
  if (t.low == "\xE2\x80\x99s") t.low = kPossessive;
  t.flags = glued ? static_cast<uint16_t>(src.flags & ~(text::kCapitalized | text::kLineStart)) : src.flags;
  if (glued && text[span.begin] >= 'A' && text[span.begin] <= 'Z') t.flags |= text::kCapitalized;
  if (glued && !t.low.empty() && t.low[0] >= '0' && t.low[0] <= '9') t.flags |= text::kNumber;
  t.sentence = src.sentence;
  t.glued = glued;
  t.num = all_digits(t.low);
  if (t.flags & text::kWord) t.info = TimexWords::instance().find(t.low);
  t.cue = t.info || (!t.low.empty() && t.low[0] >= '0' && t.low[0] <= '9') || t.low.ends_with("ties");
  out.push_back(t);
}

// The matcher's tokens: text tokens, hyphenated words split into their parts.
std::vector<Tok> make_tokens(const text::Analysis& a, std::string_view lower) {
  const std::string_view text = a.text;
  std::vector<Tok> out;
  out.reserve(a.tokens.size() + a.tokens.size() / 8);
  for (const text::Token& tok : a.tokens) {
    const std::string_view w = tok.span.of(lower);
    if (!tok.is(text::kWord) || w.find('-') == std::string_view::npos || iso_day_token(w)) {
      push_tok(out, text, lower, tok.span, tok, false);
      continue;
    }
    uint32_t b = tok.span.begin;
    bool glued = false;
    for (uint32_t i = tok.span.begin; i <= tok.span.end; ++i) {
      if (i < tok.span.end && lower[i] != '-') continue;
      if (i > b) {
        push_tok(out, text, lower, Span{b, i}, tok, glued);
        glued = true;
      }
      b = i + 1;
    }
  }
  if (!a.addresses.empty())
    for (Tok& t : out) t.link = a.in_address(t.span);
  return out;
}

// ---------------------------------------------------------------------------
// Values

std::string y4(int y) { return fmt::format("{:04d}", y); }
std::string ym(int y, int m) { return fmt::format("{:04d}-{:02d}", y, m); }
std::string quarter_value(int y, int q) { return fmt::format("{:04d}-Q{}", y, q); }

// The day of an n-th (or, with n = -1, last) weekday wd (1 = Monday) of a month.
Day nth_weekday(int y, int m, int n, int wd) {
  if (n < 0) {
    const Day last = Day{y, m, 1}.plus_months(1).plus_days(-1);
    return last.plus_days(-((last.weekday() + 1 - wd + 7) % 7));
  }
  const Day first{y, m, 1};
  return first.plus_days((wd - 1 - first.weekday() + 7) % 7 + 7 * (n - 1));
}

// A date `n` units away from `base` at that unit's granularity (TimeML value).
std::string shifted(const Day& base, std::string_view unit, int n) {
  if (unit == "Y") return y4(base.year + n);
  if (unit == "M") {
    const Day d = Day{base.year, base.month, 1}.plus_months(n);
    return ym(d.year, d.month);
  }
  if (unit == "W") return base.plus_days(7 * n).iso_week();
  if (unit == "WE") return base.plus_days(7 * n).iso_week() + "-WE";
  if (unit == "D") return base.plus_days(n).iso();
  if (unit == "Q") {
    const int q = base.year * 4 + (base.month - 1) / 3 + n;
    return quarter_value(q / 4, q % 4 + 1);
  }
  if (unit == "HALF") {
    const int h = base.year * 2 + (base.month - 1) / 6 + n;
    return fmt::format("{:04d}-H{}", h / 2, h % 2 + 1);
  }
  if (unit == "DE") return fmt::format("{:03d}", base.year / 10 + n);
  if (unit == "CE") return fmt::format("{:02d}", base.year / 100 + n);
  return {};
}

// The underspecified value of a unit when there is no anchor.
std::string unknown_of(std::string_view unit) {
  if (unit == "Y") return "XXXX";
  if (unit == "M") return "XXXX-XX";
  if (unit == "W") return "XXXX-WXX";
  if (unit == "WE") return "XXXX-WXX-WE";
  if (unit == "Q") return "XXXX-QX";
  if (unit == "HALF") return "XXXX-HX";
  if (unit == "DE") return "XXX";
  if (unit == "CE") return "XX";
  return "XXXX-XX-XX";
}

std::string number_text(double n) {
  if (n == std::floor(n)) return fmt::format("{}", static_cast<long long>(n));
  return fmt::format("{:g}", n);
}

// TimeML duration value for n units (n < 0: unknown number, "several years").
std::string duration_value(double n, std::string_view unit) {
  struct U { std::string_view code; double scale; bool time; std::string_view smaller; double per; };
  static constexpr U kUnits[] = {
      {"Y", 1, false, "M", 12}, {"M", 1, false, "D", 30}, {"W", 1, false, "D", 7}, {"D", 1, false, "H", 24},
      {"H", 1, true, "M", 60},  {"MIN", 1, true, "S", 60}, {"S", 1, true, "", 0},   {"Q", 3, false, "", 0},
      {"DE", 10, false, "", 0}, {"CE", 100, false, "", 0}, {"ML", 1000, false, "", 0}, {"2W", 2, false, "", 0},
      {"WE", 1, false, "", 0}};
  for (const U& u : kUnits) {
    if (u.code != unit) continue;
    std::string_view code = u.code == "MIN" ? "M" : u.code == "2W" ? "W" : u.code;
    if (n < 0) {
      if (u.code == "DE" || u.code == "CE" || u.code == "ML") return fmt::format("PX{}", u.code);
      return fmt::format("{}X{}", u.time ? "PT" : "P", code);
    }
    if (u.scale != 1) code = u.code == "2W" ? "W" : u.code == "Q" ? "M" : "Y";
    double whole = std::floor(n);
    const double frac = n - whole;
    std::string out = fmt::format("{}{}{}", u.time ? "PT" : "P", number_text(whole * u.scale), code);
    if (frac > 0 && u.per > 0) {
      const bool smaller_time = u.time || u.code == "D";
      if (whole == 0) out = u.time ? "PT" : "P";
      if (smaller_time && !u.time) out += "T";
      out += number_text(std::round(frac * u.per)) + std::string(u.smaller);
    } else if (frac > 0) {
      out = fmt::format("{}{}{}", u.time ? "PT" : "P", number_text(n * u.scale), code);
    }
    return out;
  }
  return {};
}

// ---------------------------------------------------------------------------
// The matcher

enum class Tense : uint8_t { unknown, past, future };

struct Prefix {
  bool the = false, approx = false, edge = false, every = false, fiscal = false, that = false;
  int shift = 0;
  bool shifted = false;
  std::string_view shift_word, edge_word;
  uint32_t the_at = 0;
};

struct Match {
  uint32_t begin = 0, end = 0;  // tokens [begin, end)
  std::string_view type = "DATE";
  std::string value;
  bool nominal = false;   // a noun phrase of its own: a leading "the" belongs to it
  bool absolute = false;  // names a date by itself: a reference for anaphoric expressions
  bool named = false;     // ... written out as a calendar date, year or quarter
  bool used_that = false; // read the "that" / "the same" prefix
  bool the_first = false; // begins with the determiner "the"
  bool ok() const { return end > begin && !value.empty(); }
};

// The last date the text mentioned, for anaphoric expressions.
struct Reference {
  int year = 0, month = 0, day = 0, quarter = 0;
  bool mentioned = false;
  bool quarter_named = false;  // the text named the quarter itself ("the third quarter")
  bool named = false;          // a calendar date or year the text wrote out (not a weekday)
};

class Matcher {
 public:
  Matcher(const std::vector<Tok>& toks, std::optional<Day> anchor) : t_(toks), anchor_(anchor) {
    if (anchor_) ref_ = Reference{anchor_->year, anchor_->month, anchor_->day, (anchor_->month - 1) / 3 + 1, false};
  }

  std::vector<Match> run() {
    std::vector<Match> out;
    for (uint32_t i = 0; i < n();) {
      Match m = longest_at(i);
      if (!m.ok() || !finish(m)) {
        ++i;
        continue;
      }
      if (t_[m.begin].link) {  // a date in a link: neither a timex nor a reference
        i = m.end;
        continue;
      }
      remember(m);
      i = m.end;
      out.push_back(std::move(m));
    }
    return out;
  }

 private:
  uint32_t n() const { return static_cast<uint32_t>(t_.size()); }
  const Tok& at(uint32_t i) const {
    static const Tok kEnd;
    return i < n() ? t_[i] : kEnd;
  }
  std::string_view low(uint32_t i) const { return i < n() ? t_[i].low : std::string_view{}; }
  bool same_sentence(uint32_t a, uint32_t b) const { return a < n() && b < n() && t_[a].sentence == t_[b].sentence; }

  // Length of the longest phrase of class c at token i (0 if none); *value gets its value.
  uint32_t phrase_at(uint32_t i, C c, std::string_view* value = nullptr) const {
    if (i >= n()) return 0;
    if (const WordInfo* info = t_[i].info) {
      for (const Phrase& p : info->phrases) {
        if (p.cls != c || i + p.words.size() > n()) continue;
        bool ok = true;
        for (size_t k = 1; k < p.words.size() && ok; ++k) ok = low(i + static_cast<uint32_t>(k)) == p.words[k];
        if (!ok) continue;
        if (value) *value = p.value;
        return static_cast<uint32_t>(p.words.size());
      }
    }
    if (at(i).is(c)) {
      if (value) *value = at(i).text(c);
      return 1;
    }
    return 0;
  }

  // ---- the longest match at a token, over prefix choices and core patterns

  Match longest_at(uint32_t i) const {
    Match best;
    if (!at(i).cue) return best;
    Prefix pre;
    consider(best, core_at(i, pre), i, pre);
    uint32_t j = i;
    for (int steps = 0; steps < 5; ++steps) {
      const uint32_t len = prefix_at(j, pre);
      if (!len) break;
      j += len;
      consider(best, core_at(j, pre), i, pre);
    }
    return best;
  }

  static void consider(Match& best, Match m, uint32_t begin, const Prefix& pre) {
    if (!m.ok() || (pre.that && !m.used_that) || (pre.approx && m.type == "SET")) return;
    m.begin = begin;
    m.the_first = pre.the && pre.the_at == begin;
    if (m.end > best.end || !best.ok()) best = std::move(m);
  }

  // Reads one prefix at j into pre; returns its length in tokens, 0 if none.
  uint32_t prefix_at(uint32_t j, Prefix& pre) const {
    const std::string_view w = low(j);
    uint32_t len = 0;
    if ((len = phrase_at(j, C::edge))) {
      if (pre.edge) return 0;
      pre.edge_word = w;
      return pre.edge = true, len;
    }
    if (w == "the" && !pre.the && !pre.shifted) {
      pre.the = true;
      pre.the_at = j;
      return 1;
    }
    if ((len = phrase_at(j, C::approx))) return pre.approx = true, len;
    if (w == "every" || w == "each" || w == "per") return pre.every = true, 1;
    if (w == "fiscal" || w == "financial") return pre.fiscal = true, 1;
    if ((w == "that" || (w == "same" && pre.the)) && !pre.shifted && !pre.that) return pre.that = true, 1;
    if (at(j).is(C::shift)) {
      if (pre.shifted && !(pre.shift == 0 && w == "past")) return 0;
      if (!pre.shifted) pre.shift = at(j).n(C::shift);
      pre.shifted = true;
      if (pre.shift_word.empty()) pre.shift_word = w;
      return 1;
    }
    return 0;
  }

  Match core_at(uint32_t j, const Prefix& pre) const {
    Match best;
    auto take = [&](Match m) {
      if (m.ok() && (m.end > best.end || !best.ok())) best = std::move(m);
    };
    if (j >= n() || !t_[j].cue) return best;
    take(clock_time(j, pre));
    take(calendar_date(j, pre));
    take(weekday(j, pre));
    take(deixis(j, pre));
    take(shifted_unit(j, pre));
    take(quantity(j, pre));
    take(ordinal_period(j, pre));
    take(year_like(j, pre));
    take(reference_word(j, pre));
    take(set_word(j, pre));
    take(holiday(j, pre));
    return best;
  }

  // ---- tense

  // 2 for a word that points to the future, 1 for one that points to the past, else 0.
  static int marker(std::string_view w) {
    if (is_any(w, {"will", "shall", "wo", "won't", "going", "expected", "expects", "expect", "scheduled", "plans",
                   "planned", "plan", "intends", "due", "would", "upcoming", "next", "hopes", "tomorrow", "'ll",
                   "aims", "soon", "payable", "effective", "planning", "expecting", "scheduling"}))
      return 2;
    if (w.size() > 3 && w.substr(w.size() - 3) == "'ll") return 2;
    if (is_any(w, {"was", "were", "had", "did", "ago", "last", "earlier", "yesterday", "came", "became", "went",
                   "began", "took", "met", "made", "gave", "won", "lost", "left", "saw", "fell", "rose", "held",
                   "led", "spent", "got", "sold", "paid", "found", "struck", "shot", "brought", "bought", "fought",
                   "thought", "taught", "caught", "ran", "sent", "built", "kept", "felt", "heard", "stood",
                   "understood", "wrote", "spoke", "broke", "chose", "drove", "flew", "grew", "knew", "threw",
                   "drew", "hit", "quit", "fled", "slid", "sank", "swore", "tore", "wore", "woke", "ate", "forgot",
                   "hid", "bit", "dug", "hung", "lay", "lit", "meant", "rang", "sang", "shook", "sought", "stole",
                   "stuck", "swept", "swung", "told", "withdrew", "overtook", "undertook", "arose"}))
      return 1;
    if (w.size() > 4 && w.substr(w.size() - 2) == "ed" && !is_any(w, {"need", "indeed", "speed", "proceed", "succeed", "exceed", "feed", "seed", "breed"}))
      return 1;
    return 0;
  }

  // The marker at k: "had been due" or "was expected" point nowhere; "said" only next to the expression.
  int marker_at(uint32_t k, uint32_t b) const {
    const std::string_view w = low(k);
    if (at(k).cap() && w.ends_with("ed")) return 0;  // "United States"
    if (w == "set") return low(k + 1) == "to" ? 2 : 0;
    if (w == "to" && k > 0 && is_any(low(k - 1), {"is", "are"})) return 2;        // "is to resume"
    if (w == "to" && directed_infinitive(k)) return 2;                              // "urged both sides to meet"
    if (w == "as" && k > 0 && is_any(low(k - 1), {"early", "soon"})) return 2;    // "as early as Tuesday"
    if (is_any(w, {"said", "says", "told", "announced", "reported"})) return k + 3 >= b && k < b ? 1 : 0;
    const int m = marker(w);
    if (m == 1 && k > 0 && is_any(low(k - 1), {"be", "being", "to"})) return 0;  // "will be held": read on
    if (m != 2 || k == 0) return m;
    for (uint32_t i = k; i > 0 && i + 3 > k; --i)
      if (is_any(low(i - 1), {"was", "were", "had", "been"})) return 0;
    return 2;
  }

  // "to" + a lowercase word after a verb that sends someone to act later
  // ("urged both sides to meet", "asked them to return", "promised to pay";
  // data/directive_verbs.txt).
  bool directed_infinitive(uint32_t k) const {
    static const embedded::WordSet verbs = embedded::word_set("directive_verbs.txt");
    if (k + 1 >= n() || at(k + 1).cap() || !same_sentence(k + 1, k)) return false;
    for (uint32_t i = k; i > 0 && k - i < 4 && same_sentence(i - 1, k); --i)
      if (verbs.count(low(i - 1))) return true;
    return false;
  }

  // The tense around tokens [b, e): the nearest marker before, else just after, in the clause.
  Tense tense_at(uint32_t b, uint32_t e) const {
    for (uint32_t k = b, steps = 0; k > 0 && steps < 10 && same_sentence(k - 1, b); --k, ++steps)
      if (const int m = marker_at(k - 1, b)) return m == 2 ? Tense::future : Tense::past;
    for (uint32_t k = e, steps = 0; k < n() && steps < 5 && same_sentence(k, b); ++k, ++steps) {
      if (is_any(low(k), {"that", ",", ";", "and", "but", "when", "while", "after", "before"})) break;
      if (const int m = marker_at(k, b)) return m == 2 ? Tense::future : Tense::past;
    }
    return Tense::unknown;
  }

  // ---- small readers

  // Day of month written as "14", "14th", "1st".
  int day_number(uint32_t i) const {
    std::string_view w = low(i);
    if (w.size() > 2 && is_any(w.substr(w.size() - 2), {"st", "nd", "rd", "th"})) w.remove_suffix(2);
    const int d = all_digits(w);
    return w.size() <= 2 && d >= 1 && d <= 31 ? d : 0;
  }

  // Day of month as a digit form or an ordinal word ("eighth").
  int day_any(uint32_t i) const {
    if (const int d = day_number(i)) return d;
    const int o = at(i).n(C::ordinal);
    return at(i).is(C::ordinal) && o >= 1 && o <= 31 ? o : 0;
  }

  static bool year_number(int v) { return v >= 1000 && v <= 2999; }
  int year_at(uint32_t i) const {
    const Tok& t = at(i);
    return t.low.size() == 4 && year_number(t.num) ? t.num : 0;
  }

  // A month name at i: capitalised, and "May" or abbreviations only where a day or year follows.
  int month_at(uint32_t i, bool strict) const {
    const Tok& t = at(i);
    if (!t.is(C::month) || !t.cap()) return 0;
    const bool full = t.low.size() >= 5 || t.low == "june" || t.low == "july" || t.dot;
    if (strict && (!full || t.low == "may" || t.low == "march")) return 0;
    return t.n(C::month);
  }

  bool anchored() const { return anchor_.has_value(); }

  // Year for a month (and day) written without one: the occurrence the shift
  // points to; else the one the tense points to (unless under a month away);
  // else the one in a window from nine months before the anchor to three after
  // (news mostly reports what has happened).
  int year_for(int month, int day, uint32_t b, uint32_t e, int shift, bool shifted) const {
    const Day& a = *anchor_;
    const int here = a.month * 31 + a.day, there = month * 31 + (day ? day : 15);  // ~days into the year
    const bool before = month < a.month || (day && month == a.month && day < a.day);
    const bool after = month > a.month || (day && month == a.month && day > a.day);
    if (shifted && shift < 0) return before ? a.year : a.year - 1;
    if (shifted && shift > 0) return after ? a.year : a.year + 1;
    if (shifted) return a.year;
    const int gap = there - here;
    const Tense tense = tense_at(b, e);
    if (tense == Tense::future) return before && -gap > 31 ? a.year + 1 : a.year;
    if (tense == Tense::past) return after && gap > 31 ? a.year - 1 : a.year;
    if (after && gap > 93) return a.year - 1;
    if (before && -gap > 279) return a.year + 1;
    return a.year;
  }

  std::string day_value(int y, int m, int d) const {
    if (!y) return fmt::format("XXXX-{:02d}-{:02d}", m, d);
    const auto day = Day::parse(fmt::format("{:04d}-{:02d}-{:02d}", y, m, d));
    return day ? day->iso() : std::string{};
  }

  // ---- clock times: "9:30 a.m.", "10 p.m. Wednesday", "noon Saturday", "4 in the morning"

  Match clock_time(uint32_t j, const Prefix& pre) const {
    Match m;
    int hour = -1, minute = 0;
    uint32_t e = j;
    if (at(j).is(C::time)) {
      const std::string_view v = at(j).text(C::time);
      hour = all_digits(v.substr(0, 2));
      minute = all_digits(v.substr(3, 2));
      e = j + 1;
    } else if (!clock_digits(j, hour, minute, e)) {
      return m;
    }
    if (e < n() && at(e).is(C::tz)) ++e;
    std::string date;
    e = date_after_time(e, date);
    if (pre.shifted || pre.every) return m;
    if (at(j).is(C::time) && ((at(j).cap() && !(at(j).flags & text::kLineStart) && !(at(j).flags & text::kAllCaps)) || (j > 0 && low(j - 1) == "high")))
      return m;
    m.end = e;
    m.type = "TIME";
    m.absolute = true;
    m.value = fmt::format("{}T{:02d}:{:02d}", date, hour, minute);
    return m;
  }

  // Reads "9", "9:30", "9.30" with "a.m."/"pm"/"o'clock"/"in the morning"; false if no clock time.
  bool clock_digits(uint32_t j, int& hour, int& minute, uint32_t& e) const {
    std::string_view w = low(j);
    int meridiem = 0;  // 1 am, 2 pm
    auto suffix = [&](std::string_view s) {
      if (s == "a.m" || s == "am") return 1;
      if (s == "p.m" || s == "pm") return 2;
      return 0;
    };
    for (std::string_view s : {"a.m", "p.m", "am", "pm"})
      if (w.size() > s.size() && w.substr(w.size() - s.size()) == s && all_digits(w.substr(0, w.size() - s.size())) >= 0) {
        meridiem = suffix(s);
        w.remove_suffix(s.size());
        break;
      }
    const size_t dot = w.find('.');
    hour = all_digits(dot == std::string_view::npos ? w : w.substr(0, dot));
    if (hour < 0 || hour > 24 || w.size() > 5) return false;
    bool minutes = false;
    e = j + 1;
    if (dot != std::string_view::npos) {
      minute = all_digits(w.substr(dot + 1));
      if (w.size() - dot - 1 != 2 || minute < 0 || minute > 59 || !meridiem) return false;
      minutes = true;
    } else if (low(e) == ":" && low(e + 1).size() >= 2 && same_sentence(j, e + 1)) {
      std::string_view mm = low(e + 1);
      for (std::string_view s : {"a.m", "p.m", "am", "pm"})
        if (mm.size() > s.size() && mm.substr(mm.size() - s.size()) == s) {
          meridiem = suffix(s);
          mm.remove_suffix(s.size());
          break;
        }
      minute = all_digits(mm);
      if (mm.size() != 2 || minute < 0 || minute > 59) return false;
      minutes = true;
      e += 2;
    }
    if (!meridiem && (meridiem = suffix(low(e)))) ++e;
    if (!meridiem && low(e) == "o'clock") ++e, meridiem = 3;
    if (!meridiem && low(e) == "in" && low(e + 1) == "the" && at(e + 2).is(C::daypart)) {
      const std::string_view part = at(e + 2).text(C::daypart);
      meridiem = part == "MO" ? 1 : 2;
      e += 3;
    }
    if (!meridiem && !minutes) return false;
    if (meridiem == 2 && hour < 12) hour += 12;
    if (meridiem == 1 && hour == 12) hour = 0;
    return hour <= 24;
  }

  // After a clock time: an optional day ("Wednesday", "yesterday", ", Nov. 6"); *date gets it.
  uint32_t date_after_time(uint32_t e, std::string& date) const {
    uint32_t k = e;
    if (low(k) == ",") ++k;
    if (at(k).is(C::weekday) && at(k).cap()) {
      date = weekday_value(at(k).n(C::weekday), 0, false, k, k + 1);
      return k + 1;
    }
    if (at(k).is(C::deixis) && low(k) != "tonight") {
      date = anchored() ? anchor_->plus_days(at(k).n(C::deixis)).iso() : "XXXX-XX-XX";
      return k + 1;
    }
    if (const int mo = month_at(k, false); mo && day_number(k + 1)) {
      const int d = day_number(k + 1);
      date = day_value(anchored() ? year_for(mo, d, k, k + 2, 0, false) : 0, mo, d);
      if (!date.empty()) return k + 2;
    }
    date = anchored() ? anchor_->iso() : "XXXX-XX-XX";
    return e;
  }

  // ---- calendar dates

  Match calendar_date(uint32_t j, const Prefix& pre) const {
    Match m;
    uint32_t k = j;
    bool weekday_first = false;
    if (at(k).is(C::weekday) && (at(k).cap())) {
      k += low(k + 1) == "," ? 2 : 1;
      weekday_first = true;
    }
    if (const Match d = month_first(k, pre); d.ok()) m = d;
    else if (const Match d2 = day_first(k, pre); d2.ok()) m = d2;
    else if (!weekday_first) m = numeric_date(k);
    if (!m.ok() && weekday_first) return Match{};
    m.absolute = m.named = m.type == "DATE";
    return m;
  }

  // "December 14, 2025", "Dec. 14", "December 2025", "December", "March eighth".
  Match month_first(uint32_t k, const Prefix& pre) const {
    Match m;
    const int mo = month_at(k, false);
    if (!mo) return m;
    uint32_t e = k + 1;
    int d = day_any(e);
    if (d && year_at(e) == 0 && !(at(e).num >= 0 && low(e + 1) == ":" && low(e + 2).size() == 2 && at(e + 2).num >= 0)) ++e;
    else d = 0;
    uint32_t ye = e;
    if (low(ye) == "," || (!d && low(ye) == "of")) ++ye;
    int y = year_at(ye);
    if (y && !at(ye).glued) e = ye + 1;
    else if ((y = spoken_year(ye, &e))) {}
    else if (anchored() && at(ye).is(C::shift) && low(ye + 1) == "year" && low(ye) != "past") {
      y = anchor_->year + at(ye).n(C::shift);  // "January this year", "June last year"
      e = ye + 2;
    } else y = 0;
    if (pre.every && !d && !y) {
      m.end = k + 1;
      m.type = "SET";
      m.value = fmt::format("XXXX-{:02d}", mo);
      return m;
    }
    if (!d && !y) {
      if (!month_at(k, true) && !strong_month_context(k, pre)) return m;
      if (at(k + 1).cap() && at(k + 1).word() && !at(k + 1).is(C::month) && !(at(k + 1).flags & text::kLineStart)) return m;
      m.end = k + 1;
      m.value = anchored() ? ym(year_for(mo, 0, k, k + 1, pre.shift, pre.shifted), mo) : fmt::format("XXXX-{:02d}", mo);
      return m;
    }
    if (!y && anchored()) y = year_for(mo, d, k, e, pre.shift, pre.shifted);
    m.end = e;
    m.value = d ? day_value(y, mo, d) : (y ? ym(y, mo) : fmt::format("XXXX-{:02d}", mo));
    return m;
  }

  // "May" and abbreviations stand alone only after words that announce a date.
  bool strong_month_context(uint32_t k, const Prefix& pre) const {
    if (pre.shifted || pre.edge) return at(k).low != "may" || at(k).cap();
    if (k == 0) return false;
    return is_any(low(k - 1), {"in", "since", "until", "till", "by", "during", "through", "from", "before", "after",
                               "of", "to", "between", "early", "late", "mid"}) &&
           at(k).low != "mar";
  }

  // "14 December 2025", "14th of December".
  Match day_first(uint32_t k, const Prefix& pre) const {
    Match m;
    const int d = day_number(k);
    if (!d || pre.every) return m;
    uint32_t e = k + 1;
    if (low(e) == "of") ++e;
    const int mo = month_at(e, false);
    if (!mo) return m;
    ++e;
    int y = year_at(low(e) == "," ? e + 1 : e);
    if (y) e = low(e) == "," ? e + 2 : e + 1;
    if (!y && anchored()) y = year_for(mo, d, k, e, pre.shift, pre.shifted);
    m.end = e;
    m.value = day_value(y, mo, d);
    return m;
  }

  // "2025-12-14", "12/14/2025", "14.12.2025".
  Match numeric_date(uint32_t k) const {
    Match m;
    const std::string_view w = low(k);
    if (iso_day_token(w)) {
      if (auto d = Day::parse(w)) m.value = d->iso();
      m.end = k + 1;
      return m;
    }
    if (at(k).num > 0 && low(k + 1) == "/" && at(k + 2).num > 0 && low(k + 3) == "/" && year_at(k + 4)) {
      int a = at(k).num, b = at(k + 2).num;
      if (a > 12) std::swap(a, b);  // 14/12/2025 is day first
      m.value = day_value(year_at(k + 4), a, b);
      m.end = k + 5;
      return m;
    }
    if (w.size() == 10 && w[2] == '.' && w[5] == '.') {
      const int d = all_digits(w.substr(0, 2)), mo = all_digits(w.substr(3, 2)), y = all_digits(w.substr(6, 4));
      if (d > 0 && mo > 0 && year_number(y)) m.value = day_value(y, mo, d), m.end = k + 1;
    }
    return m;
  }

  // ---- weekdays: "Sunday", "last Friday", "Monday morning"

  std::string weekday_value(int wd, int shift, bool shifted, uint32_t b, uint32_t e) const {
    if (!anchored()) return fmt::format("XXXX-WXX-{}", wd);
    int delta = wd - 1 - anchor_->weekday();
    if (shifted && shift < 0) {
      if (delta >= 0) delta -= 7;
    } else if (shifted && shift > 0) {
      if (delta <= 0) delta += 7;
    } else if (tense_at(b, e) == Tense::future) {
      if (delta < 0) delta += 7;
    } else if (delta > 0) {
      delta -= 7;
    }
    return anchor_->plus_days(delta).iso();
  }

  Match weekday(uint32_t j, const Prefix& pre) const {
    Match m;
    const Tok& t = at(j);
    if (!t.is(C::weekday) || (t.low.size() <= 4 && !t.dot) || (!t.cap() && !t.glued)) return m;
    const int wd = t.n(C::weekday);
    if (pre.every) {
      m.end = j + 1;
      m.type = "SET";
      m.value = fmt::format("XXXX-WXX-{}", wd);
      return m;
    }
    if (pre.edge && (pre.edge_word == "earlier" || pre.edge_word == "later")) return m;
    m.end = j + 1;
    m.value = weekday_value(wd, pre.shift, pre.shifted, j, j + 1);
    m.absolute = true;
    add_daypart(m);
    return m;
  }

  // "Monday morning", "yesterday afternoon": adds the part of the day to a day value.
  void add_daypart(Match& m) const {
    if (m.end < n() && at(m.end).is(C::daypart) && low(m.end) != "overnight") {
      m.value += "T" + std::string(at(m.end).text(C::daypart));
      m.type = "TIME";
      ++m.end;
    }
  }

  // ---- today, yesterday, tomorrow, tonight

  Match deixis(uint32_t j, const Prefix& pre) const {
    Match m;
    std::string_view v;
    const uint32_t len = phrase_at(j, C::deixis, &v);
    if (!len || pre.shifted || pre.every || name_part(j)) return m;
    int days = 0;
    std::from_chars(v.data() + (v[0] == '+' ? 1 : 0), v.data() + v.size(), days);
    m.end = j + len;
    m.absolute = true;
    m.value = anchored() ? anchor_->plus_days(days).iso() : "XXXX-XX-XX";
    if (low(j) == "tonight") {
      m.value += "TNI";
      m.type = "TIME";
    } else {
      add_daypart(m);
    }
    return m;
  }

  // ---- last/this/next + unit, month, season or part of day; that/the same + unit

  Match shifted_unit(uint32_t j, const Prefix& pre) const {
    Match m;
    const Tok& t = at(j);
    if (titled(j) || (pre.that && pre.shifted)) return m;  // "This Week", the name of a programme
    m.end = j + 1;
    m.nominal = true;
    m.used_that = pre.that;
    if (!pre.shifted && !pre.that) return bare_period(m, j, pre);
    if (t.is(C::units) && !pre.that && !t.is(C::unit)) return shifted_plural(m, t.text(C::units), pre);
    if (t.is(C::unit) && !t.is(C::ordinal)) return shifted_period(m, j, pre);
    if (t.is(C::season) && !pre.that) return shifted_season(m, t.text(C::season), pre);
    if (t.is(C::daypart) && !pre.that && pre.shift <= 0) return daypart_of(m, pre.shift < 0 ? -1 : 0, t.text(C::daypart));
    return Match{};
  }

  // A capitalised word after a word of the same sentence: part of a name ("the
  // Daily Mail", "Radio 4's Today programme").
  bool name_part(uint32_t j) const {
    const Tok& t = at(j);
    if (!t.cap() || (t.flags & text::kAllCaps) || j == 0 || !same_sentence(j - 1, j)) return false;
    return at(j - 1).word() || low(j - 1) == "'s";
  }

  // A capitalised word inside a sentence of ordinary case: part of a name or title.
  bool titled(uint32_t j) const {
    const Tok& t = at(j);
    return t.cap() && !(t.flags & (text::kLineStart | text::kAllCaps)) && j > 0 && at(j - 1).cap();
  }

  // A capitalised unit after a number inside a sentence: a name ("60 Minutes").
  bool capital_unit(uint32_t unit) const {
    const Tok& u = at(unit);
    return u.cap() && !(u.flags & (text::kAllCaps | text::kLineStart)) && !u.glued;
  }

  // With "the" or an edge but no shift: "the weekend", "the summer", "the morning",
  // "the end of the year", "the year ended June 30".
  Match bare_period(Match& m, uint32_t j, const Prefix& pre) const {
    const Tok& t = at(j);
    if (!pre.the && !pre.edge) return Match{};
    if (pre.the && t.text(C::unit) == "WE") return m.value = anchored() ? weekend(0, j) : "XXXX-WXX-WE", m;
    if (pre.the && t.is(C::season)) {
      uint32_t e = j + 2;  // "the winter of 1994"
      const int y = low(j + 1) != "of" ? 0 : year_at(j + 2) ? (++e, year_at(j + 2)) : spoken_year(j + 2, &e);
      if (y) return m.end = e, m.value = y4(y) + "-" + std::string(t.text(C::season)), m;
      return shifted_season(m, t.text(C::season), pre);
    }
    if (pre.the && t.is(C::units) && low(j + 1) == "ahead") return m.end = j + 2, m.type = "DURATION", m.value = duration_value(-1, t.text(C::units)), m;
    if (t.is(C::daypart) && t.low != "overnight" && t.low != "mornings" && low(j + 1) != "of" &&
        (pre.edge || is_any(low(pre.the_at - 1), {"in", "during", "by"}))) {
      if (at(j + 1).is(C::deixis) && low(j + 1) != "tonight") {  // "mid-afternoon yesterday"
        ++m.end;
        return daypart_of(m, at(j + 1).n(C::deixis), t.text(C::daypart));
      }
      return daypart_of(m, 0, t.text(C::daypart));
    }
    uint32_t k = j;
    if (t.low == "full" || t.low == "calendar") ++k;
    if (!pre.the || low(k) != "year") {
      if (pre.the && pre.edge && is_any(low(k), {"month", "week"}) && anchored()) return m.value = shifted(*anchor_, at(k).text(C::unit), 0), m;
      return Match{};
    }
    m.end = k + 1;
    if (const auto num = number_at(k + 1); num && year_number(static_cast<int>(num->value)))  // "the year two thousand"
      return m.end = num->end, m.value = y4(static_cast<int>(num->value)), m.absolute = m.named = true, m;
    if (is_any(low(k + 1), {"ended", "ending", "ends", "to"})) return m.type = "DURATION", m.value = "P1Y", m;
    if (is_any(low(k + 1), {"before", "after", "earlier", "later", "of"})) return Match{};
    m.value = anchored() ? y4(anchor_->year) : "XXXX";
    return m;
  }

  Match daypart_of(Match& m, int days, std::string_view part) const {
    m.type = "TIME";
    m.value = (anchored() ? anchor_->plus_days(days).iso() : std::string("XXXX-XX-XX")) + "T" + std::string(part);
    return m;
  }

  // "the coming weeks" (an unknown duration), "past years" (the past).
  Match shifted_plural(Match& m, std::string_view unit, const Prefix& pre) const {
    if (pre.shift < 0) return m.value = "PAST_REF", m;
    if (pre.shift == 0) return Match{};
    m.type = "DURATION";
    m.value = duration_value(-1, unit);
    return m;
  }

  Match shifted_period(Match& m, uint32_t j, const Prefix& pre) const {
    std::string_view unit = at(j).text(C::unit);
    if (unit == "HALF" || unit == "MIN" || unit == "H" || unit == "S" || unit == "2W") return Match{};
    if (unit == "D" && !(pre.the || pre.that)) return Match{};
    if (pre.shift_word == "past" && pre.shift == -1 && (unit == "DE" || unit == "CE")) {
      m.type = "DURATION";
      m.value = duration_value(1, unit);
      return m;
    }
    const bool anaphoric = pre.that || (pre.the && is_any(pre.shift_word, {"following", "next", "previous", "preceding"}));
    if (anaphoric && ref_.mentioned) {
      m.value = from_reference(unit, pre.that ? 0 : pre.shift);
      return m;
    }
    if (!anchored()) return m.value = unknown_of(unit), m;
    int shift = pre.that ? 0 : pre.shift;
    if (unit == "WE") return m.value = weekend(shift, j), m;
    m.value = shifted(*anchor_, unit, shift);
    return m;
  }

  // The weekend before the anchor day (or the coming one, with future tense or "next").
  std::string weekend(int shift, uint32_t j) const {
    const Day& a = *anchor_;
    const bool weekend_day = a.weekday() >= 5;
    Day base = a;  // a day of the week whose weekend is meant
    if (shift < 0) base = a.plus_days(-7);
    else if (shift > 0) base = weekend_day ? a.plus_days(7) : a;
    else if (!weekend_day && tense_at(j, j + 1) != Tense::future) base = a.plus_days(-7);
    return base.iso_week() + "-WE";
  }

  Match shifted_season(Match& m, std::string_view season, const Prefix& pre) const {
    if (!anchored()) return m.value = "XXXX-" + std::string(season), m;
    const int y = anchor_->year + (pre.shift_word == "this" ? 0 : pre.shift);
    m.value = y4(y) + "-" + std::string(season);
    return m;
  }

  // A date `shift` units from the reference time, at the unit's granularity.
  std::string from_reference(std::string_view unit, int shift) const {
    const Reference& r = ref_;
    if (unit == "Y") return y4(r.year + shift);
    if (unit == "Q" && r.quarter) {
      const int q = r.year * 4 + r.quarter - 1 + shift;
      return quarter_value(q / 4, q % 4 + 1);
    }
    if (unit == "M" && r.month) {
      const Day d = Day{r.year, r.month, 1}.plus_months(shift);
      return ym(d.year, d.month);
    }
    if ((unit == "D" || unit == "W" || unit == "WE") && r.day) return shifted(Day{r.year, r.month, r.day}, unit, shift);
    return {};
  }

  // ---- durations, sets and "N units ago / earlier / later"

  struct Number {
    double value = 0;  // < 0: unknown ("several")
    uint32_t end = 0;
    bool article = false;  // "a" / "an"
  };

  // A cardinal at j: "5", "2 1/2", "five", "twenty-four", "a couple of", "several".
  std::optional<Number> number_at(uint32_t j) const {
    Number num;
    const Tok& t = at(j);
    if (t.num >= 0 && t.low.size() <= 6 && !t.dot) {
      num.value = t.num;
      num.end = j + 1;
      if (at(j + 1).num > 0 && low(j + 2) == "/" && at(j + 3).num > 0 && at(j + 3).num > at(j + 1).num) {
        num.value += static_cast<double>(at(j + 1).num) / at(j + 3).num;
        num.end = j + 4;
      }
      return num;
    }
    if (t.is(C::tens)) {
      num.value = t.n(C::tens);
      num.end = j + 1;
      if (at(j + 1).is(C::number) && at(j + 1).n(C::number) >= 1 && at(j + 1).n(C::number) <= 9) {
        num.value += at(j + 1).n(C::number);
        ++num.end;
      }
      return num;
    }
    if (!t.is(C::number)) return std::nullopt;
    num.value = t.n(C::number);
    num.end = j + 1;
    num.article = t.low == "a" || t.low == "an";
    const std::string_view next = low(j + 1);
    if (num.article && (next == "few" || next == "couple" || next == "dozen" || next == "hundred" || next == "thousand")) {
      num.value = next == "few" ? -1 : at(j + 1).n(C::number);
      num.end = j + 2;
      num.article = false;
    }
    if (num.value > 0 && (low(num.end) == "hundred" || low(num.end) == "thousand") && !num.article) {
      num.value *= at(num.end).n(C::number);
      ++num.end;
    }
    if (low(num.end) == "of" && low(num.end - 1) == "couple") ++num.end;
    if (low(num.end) == "and" && low(num.end + 1) == "a" && low(num.end + 2) == "half") {
      num.value += 0.5;
      num.end += 3;
    }
    return num;
  }

  // A unit at j, after optional fillers ("more", "trading", "full"): its code and end.
  std::optional<std::pair<std::string_view, uint32_t>> unit_at(uint32_t j, bool plural_ok, bool singular_ok) const {
    for (int k = 0; k < 2 && is_any(low(j), {"more", "additional", "full", "straight", "consecutive", "trading",
                                               "business", "working", "calendar", "long", "extra", "further"});
         ++k)
      ++j;
    const Tok& t = at(j);
    if (t.is(C::units) && plural_ok) return std::make_pair(t.text(C::units), j + 1);
    if (t.is(C::unit) && singular_ok && t.text(C::unit) != "HALF") return std::make_pair(t.text(C::unit), j + 1);
    return std::nullopt;
  }

  Match quantity(uint32_t j, const Prefix& pre) const {
    Match m;
    if (pre.every) return every_unit(j);
    if (low(j) == "half" && (low(j + 1) == "a" || low(j + 1) == "an")) {
      if (auto u = unit_at(j + 2, false, true)) return duration_match(u->second, 0.5, u->first, pre);
    }
    auto num = number_at(j);
    if (!num) return plural_alone(j, pre);
    if (year_at(j) && !at(j + 1).glued && at(j + 1).is(C::unit)) return m;  // "the 1988 quarter"
    uint32_t e = num->end;
    // "two to three weeks": the first number stands for the range
    if ((low(e) == "to" || low(e) == "or") && number_at(e + 1) && !num->article) e = number_at(e + 1)->end;
    auto unit = unit_at(e, num->value != 1 || !num->article, true);
    if (!unit || not_a_period(unit->second - 1, num->article)) return m;
    e = unit->second;
    if (at(e).glued && (low(e) == "earlier" || low(e) == "ago")) return m;  // "year-earlier": a quarter reference
    if (capital_unit(e - 1)) return m;                                    // "60 Minutes"
    double value = num->value;
    if (low(e) == "and" && low(e + 1) == "a" && low(e + 2) == "half") value += 0.5, e += 3;
    if (const Match rel = relative_quantity(e, value, unit->first, pre); rel.ok()) return rel;
    if (num->article && value == 1 && !pre.approx && !pre.the && per_unit(j)) return set_match(e, 1, unit->first);
    return duration_match(e, value, unit->first, pre);
  }

  // "three-quarters" and "a quarter of" are fractions; "a second time" is an ordinal.
  bool not_a_period(uint32_t u, bool article) const {
    const Tok& t = at(u);
    if (t.is(C::unit) && t.text(C::unit) == "Q" && (t.glued || low(u + 1) == "of")) return true;
    if (t.is(C::units) && t.text(C::units) == "Q" && t.glued) return true;
    if (t.is(C::ordinal) && article && at(u + 1).word() && !is_any(low(u + 1), {"ago", "later", "earlier", "and", "or"}))
      return true;
    return false;
  }

  // "every day", "each year", "every other week", "every two years".
  Match every_unit(uint32_t j) const {
    double value = 1;
    uint32_t k = j;
    if (low(k) == "other") value = 2, ++k;
    else if (auto num = number_at(k); num && !num->article) value = num->value, k = num->end;
    auto u = unit_at(k, value != 1, value == 1);
    if (!u) return Match{};
    return set_match(u->second, value, u->first);
  }

  // "$1 billion a year", "twice a day": an article after a quantity means "per".
  bool per_unit(uint32_t j) const {
    if (j == 0) return false;
    const Tok& p = at(j - 1);
    if (p.num >= 0 || is_any(p.low, {"million", "billion", "trillion", "percent", "%", "twice", "thrice", "times",
                                      "once", "hundred", "thousand"}))
      return true;
    // a plural noun: "interviews a day", "flights a week"
    return p.word() && !p.cap() && p.low.size() > 3 && p.low.back() == 's' && p.low[p.low.size() - 2] != 's' &&
           !is_any(p.low, {"this", "its", "his", "hers", "ours", "yours", "theirs", "perhaps", "always", "towards",
                           "afterwards"});
  }

  static Match set_match(uint32_t e, double value, std::string_view unit) {
    Match m;
    m.end = e;
    m.type = "SET";
    m.nominal = true;
    m.value = duration_value(value < 0 ? 1 : value, unit);
    return m;
  }

  Match duration_match(uint32_t e, double value, std::string_view unit, const Prefix& pre) const {
    Match m;
    if (low(e) == "old") return m;  // ages ("52 years old", "6-year-old") are not annotated
    if (unit == "WE" || (pre.edge && !pre.approx)) return m;
    m.end = e;
    m.type = "DURATION";
    m.nominal = true;
    m.value = duration_value(value, unit);
    if (at(e).glued && low(e) == "long") ++m.end;
    return m;
  }

  // "years", "weeks" without a number, after "for", "within", "over": an unknown duration.
  Match plural_alone(uint32_t j, const Prefix& pre) const {
    Match m;
    const Tok& t = at(j);
    if (pre.shifted || pre.the || j == 0) return m;
    const bool long_ = !t.glued && at(j + 1).glued && low(j + 1) == "long";  // "decades-long", "day-long"
    if (t.is(C::unit) && long_ && !t.is(C::ordinal)) return duration_match(j + 1, 1, t.text(C::unit), pre);
    if (t.is(C::units) && low(j + 1) == "ago" && !pre.approx) return m.end = j + 2, m.value = "PAST_REF", m;  // "months ago"
    if (!t.is(C::units) || (!is_any(low(j - 1), {"for", "within", "after", "in"}) && !long_)) return m;
    if (low(j - 1) == "in" && !(j > 1 && low(j - 2) == "time")) return m;  // "for the first time in years"
    return duration_match(j + 1, -1, t.text(C::units), pre);
  }

  // "two days ago", "a year earlier", "three weeks later", "two years from now".
  Match relative_quantity(uint32_t e, double value, std::string_view unit, const Prefix& pre) const {
    Match m;
    if (low(e) == "or" && low(e + 1) == "so") e += 2;
    const std::string_view w = low(e);
    const bool ago = w == "ago" || (w == "from" && low(e + 1) == "now");
    const bool earlier = w == "earlier" || w == "later";
    if (!ago && !earlier) return m;
    if (at(e).glued) return m;
    m.end = e + (w == "from" ? 2 : 1);
    if (value < 0) {
      m.value = w == "later" || w == "from" ? "FUTURE_REF" : "PAST_REF";
      return m;
    }
    const int sign = w == "ago" || w == "earlier" ? -1 : 1;
    const int count = static_cast<int>(std::lround(value));
    const bool quarter_year = unit == "Y" && count == 1 && ref_.quarter_named;  // "a year ago" in results news
    if ((earlier || quarter_year) && ref_.named && !pre.the) {
      m.value = relative_to_reference(unit, sign * count);
      if (!m.value.empty()) return m;
    }
    if (!anchored()) return m.value = unknown_of(unit == "W" ? "D" : unit), m;
    m.value = relative_to(*anchor_, unit, sign * count);
    if (m.value.empty()) return Match{};
    return m;
  }

  // n units from a day, at the granularity news uses for "N units ago".
  static std::string relative_to(const Day& a, std::string_view unit, int n) {
    if (unit == "W") return a.plus_days(7 * n).iso();
    if (unit == "2W") return a.plus_days(14 * n).iso();
    if (unit == "DE") return y4(a.year + 10 * n);
    if (unit == "CE") return y4(a.year + 100 * n);
    if (unit == "Y" || unit == "M" || unit == "D" || unit == "Q") return shifted(a, unit, n);
    return {};
  }

  // n units from the reference time, keeping its granularity when it is as coarse as the unit.
  std::string relative_to_reference(std::string_view unit, int n) const {
    const Reference& r = ref_;
    if (unit == "Y") {
      if (r.day) return fmt::format("{:04d}-{:02d}-{:02d}", r.year + n, r.month, r.day);
      if (r.month) return ym(r.year + n, r.month);
      if (r.quarter) return quarter_value(r.year + n, r.quarter);
      return y4(r.year + n);
    }
    if (unit == "Q" && r.quarter) {
      const int q = r.year * 4 + r.quarter - 1 + n;
      return quarter_value(q / 4, q % 4 + 1);
    }
    if (r.day) return relative_to(Day{r.year, r.month, r.day}, unit, n);
    if (r.month && unit == "M") {
      const Day d = Day{r.year, r.month, 1}.plus_months(n);
      return ym(d.year, d.month);
    }
    return {};
  }

  // ---- quarters and halves: "the third quarter", "first-half", "the first nine months"

  Match ordinal_period(uint32_t j, const Prefix& pre) const {
    Match m;
    uint32_t k = j;
    int year = year_at(k);
    if (year && !at(k + 1).glued) ++k;
    else year = 0;
    if (pre.shifted && anchored() && low(k) == "year" && low(k + 1) == "'s" && ordinal_at(k + 2)) {
      year = anchor_->year + (pre.shift_word == "this" ? 0 : pre.shift);  // "next year's first quarter"
      k += 2;
    }
    const int ord = ordinal_at(k);
    if (!ord || pre.every) return quarter_reference(j, pre);
    if (ord == 1 && at(k + 1).is(C::units) && !at(k + 1).is(C::unit)) return duration_match(k + 2, -1, at(k + 1).text(C::units), pre);
    if (auto num = number_at(k + 1); num && ord == 1) {
      if (auto u = unit_at(num->end, true, false)) return duration_match(u->second, num->value, u->first, pre);
    }
    const std::string_view unit = at(k + 1).text(C::unit);
    if ((unit != "Q" || ord > 4) && (unit != "HALF" || ord > 2)) return century(k, pre);
    uint32_t e = k + 2;
    if (!year) year = explicit_year_after(e);
    if (!year && anchored()) year = period_year(ord, unit, j, e);
    m.end = e;
    m.nominal = true;
    m.absolute = m.named = true;
    const std::string y = year ? y4(year) : "XXXX";
    m.value = fmt::format("{}-{}{}", y, unit == "Q" ? "Q" : "H", ord);
    return m;
  }

  // "of 1990" or "1990" after a quarter; advances e past it.
  int explicit_year_after(uint32_t& e) const {
    if (low(e) == "of" && year_at(e + 1)) return e += 2, year_at(e - 1);
    if (year_at(e) && !at(e).glued) return e += 1, year_at(e - 1);
    return 0;
  }

  // The year of "the third quarter": the anchor's, or the one before for a quarter still to come.
  int period_year(int ord, std::string_view unit, uint32_t b, uint32_t e) const {
    const int current = unit == "Q" ? (anchor_->month - 1) / 3 + 1 : (anchor_->month - 1) / 6 + 1;
    if (ord > current && tense_at(b, e) != Tense::future) return anchor_->year - 1;
    return anchor_->year;
  }

  // An ordinal: "third", "20th"; 0 if none.
  int ordinal_at(uint32_t k) const {
    if (at(k).is(C::ordinal)) return std::max(0, at(k).n(C::ordinal));
    const std::string_view w = low(k);
    if (w.size() < 3 || !is_any(w.substr(w.size() - 2), {"st", "nd", "rd", "th"})) return 0;
    return std::max(0, all_digits(w.substr(0, w.size() - 2)));
  }

  // "the 20th century", "the twentieth century".
  Match century(uint32_t k, const Prefix& pre) const {
    Match m;
    if (at(k + 1).text(C::unit) != "CE" || pre.every) return m;
    const int ord = ordinal_at(k);
    m.end = k + 2;
    m.nominal = true;
    m.value = fmt::format("{:02d}", ord - 1);
    return m;
  }

  // "the quarter", "the latest quarter", "the year-earlier quarter", "year-ago".
  Match quarter_reference(uint32_t j, const Prefix& pre) const {
    Match m;
    if (!anchored() || pre.shifted) return m;
    uint32_t k = j;
    if (low(k) == "year" && (low(k + 1) == "end" || (low(k + 1) == "'s" && low(k + 2) == "end"))) {
      m.end = k + (low(k + 1) == "end" ? 2 : 3);  // "by year end", "year-end", "year's end"
      m.value = y4(anchor_->year);
      return m;
    }
    bool latest = false;
    int back = 0;
    if (low(k) == "latest") latest = true, ++k;
    else if (low(k) == "most" && low(k + 1) == "recent") latest = true, k += 2;
    if (low(k) == "year" && at(k + 1).glued && (low(k + 1) == "earlier" || low(k + 1) == "ago")) back = -4, k += 2;
    int year = 0, q = 0;
    const int ord = ordinal_at(k);
    if (ord >= 1 && ord <= 4 && at(k + 1).text(C::unit) == "Q" && (back || latest)) {
      q = ord;
      year = period_year(ord, "Q", j, k + 2);
      k += 2;
    } else if (low(k) == "quarter" || (low(k) == "period" && (back || latest))) {
      if (k == j && !pre.the && !pre.that) return m;
      reference_quarter(year, q);
      ++k;
    } else if (back) {
      if (!ref_quarter_known()) return m.end = k, m.value = y4(ref_.year - 1), m;
      reference_quarter(year, q);
    } else {
      return m;
    }
    const int total = year * 4 + q - 1 + back;
    m.end = k;
    m.nominal = true;
    m.value = quarter_value(total / 4, total % 4 + 1);
    return m;
  }

  bool ref_quarter_known() const { return ref_.mentioned && ref_.quarter_named; }

  // The quarter a text about results means by "the quarter": the last one it named,
  // else the one before the anchor's.
  void reference_quarter(int& year, int& q) const {
    if (ref_quarter_known()) {
      year = ref_.year;
      q = ref_.quarter;
      return;
    }
    const int total = anchor_->year * 4 + (anchor_->month - 1) / 3 - 1;
    year = total / 4;
    q = total % 4 + 1;
  }

  // ---- years, decades, spoken years

  // "nineteen ninety-six" at k: the year, with *end after it; 0 if none.
  int spoken_year(uint32_t k, uint32_t* end) const {
    if (low(k) != "nineteen" || !at(k + 1).is(C::tens)) return 0;
    const auto num = number_at(k + 1);
    *end = num->end;
    return 1900 + static_cast<int>(num->value);
  }

  // "the 1988 quarter", "the 1989 period": that year's quarter the text is about.
  void year_period(Match& m) const {
    const std::string_view w = low(m.end);
    if ((w == "quarter" && anchored()) || (w == "period" && ref_.quarter_named)) {
      int year = 0, q = 0;
      reference_quarter(year, q);
      m.value = quarter_value(all_digits(m.value), q);
      m.nominal = true;
      ++m.end;
    }
  }

  Match year_like(uint32_t j, const Prefix& pre) const {
    Match m;
    if (pre.every || pre.shifted) return m;
    if (const int y = year_at(j)) {
      if (!plausible_year(j, pre)) return m;
      m.end = j + 1;
      m.value = y4(y);
      m.absolute = m.named = true;
      year_period(m);
      return m;
    }
    if (const int d = decade_at(j)) {
      m.end = j + 1;
      m.nominal = true;
      m.value = fmt::format("{:03d}", d);
      return m;
    }
    if (const int y = spoken_year(j, &m.end)) {
      m.value = y4(y);
      m.absolute = true;
      return m;
    }
    return m;
  }

  // A four-digit number is a year unless it counts something ("2000 troops", "$1500").
  bool plausible_year(uint32_t j, const Prefix& pre) const {
    const int y = year_at(j);
    if (j > 0 && is_any(low(j - 1), {"$", "#", "£", "€", "no", "number", "flight", "route", "room", "page", "model", "+", "-"}))
      return false;
    if (j > 0 && at(j - 1).num >= 0 && !at(j).glued) return false;
    const std::string_view next = low(j + 1);
    if (is_any(next, {"%", "percent", "people", "men", "women", "troops", "soldiers", "feet", "meters", "metres",
                      "miles", "kilometers", "km", "tons", "tonnes", "points", "shares", "acres", "pounds",
                      "dollars", "yuan", "euros", "hours", "pages", "words", "members", "votes", "cases",
                      "jobs", "students", "children", "units", "cars", "homes", "workers", "employees"}))
      return false;
    if (pre.fiscal || pre.edge || pre.the) return true;
    return y >= 1900 && y <= 2099 ? true : j > 0 && is_any(low(j - 1), {"in", "since", "of", "until", "by", "from", "to", "before", "after", "during", "through"});
  }

  // "1990s" -> 199, "80s" after an apostrophe -> 198, "nineties" -> 199.
  int decade_at(uint32_t j) const {
    const std::string_view w = low(j);
    if (w.size() == 5 && w.back() == 's' && w[3] == '0') {
      const int y = all_digits(w.substr(0, 4));
      return year_number(y) ? y / 10 : 0;
    }
    if (w.size() == 3 && w.back() == 's' && w[1] == '0' && j > 0 && (low(j - 1) == "'" || low(j - 1) == "\xE2\x80\x99")) {
      const int d = all_digits(w.substr(0, 2));
      return d >= 0 ? (d >= 30 ? 190 : 200) + d / 10 : 0;
    }
    if (w.size() > 5 && w.substr(w.size() - 3) == "ies" && (j == 0 || low(j - 1) == "the" || low(j - 1) == "mid" || at(j - 1).is(C::edge))) {
      const std::string tens = std::string(w.substr(0, w.size() - 3)) + "y";
      const WordInfo* info = TimexWords::instance().find(tens);
      if (info && info->is(C::tens)) return 190 + info->num(C::tens) / 10;
    }
    return 0;
  }

  // ---- now, recently, the future, current; daily, weekly; holidays

  Match reference_word(uint32_t j, const Prefix& pre) const {
    Match m;
    std::string_view v;
    uint32_t len = phrase_at(j, C::ref, &v);
    if (!len || pre.every || pre.shifted) return m;
    const Tok& t = at(j);
    if (t.low == "future" && t.cap() && !(t.flags & text::kLineStart)) return m;
    if (t.low == "soon" && (low(j - 1) == "as" || low(j + 1) == "as" || low(j + 1) == "after")) return m;
    if (t.low == "current" && (low(j + 1) == "account" || low(j + 1) == "accounts" || at(j + 1).is(C::unit))) return m;
    if (t.low == "recent" && at(j + 1).is(C::units)) {  // "recent years": the past; "recent weeks": a while
      ++len;
      if (at(j + 1).text(C::units) != "Y") {
        m.end = j + len;
        m.type = "DURATION";
        m.value = duration_value(-1, at(j + 1).text(C::units));
        return m;
      }
    }
    if (t.low == "once" || (t.low == "now" && at(j + 1).glued)) return m;
    m.end = j + len;
    m.value = std::string(v);
    if (v.size() > 1 && v[0] == 'P' && (v[1] == 'X' || v[1] == 'T' || (v[1] >= '0' && v[1] <= '9'))) m.type = "DURATION";  // "a while"
    return m;
  }

  Match set_word(uint32_t j, const Prefix& pre) const {
    Match m;
    const Tok& t = at(j);
    if (!t.is(C::set) || pre.shifted || name_part(j)) return m;
    m.end = j + 1;
    m.type = "SET";
    m.value = std::string(t.text(C::set));
    return m;
  }

  Match holiday(uint32_t j, const Prefix& pre) const {
    Match m;
    std::string_view v;
    const uint32_t len = phrase_at(j, C::holiday, &v);
    if (!len || !at(j).cap() || pre.every) return m;
    m.end = j + len;
    int year = explicit_year_after(m.end);
    m.absolute = m.named = true;
    if (year || !anchored()) return m.value = holiday_value(v, year), m;
    year = anchor_->year + (pre.shifted ? pre.shift : 0);
    m.value = holiday_value(v, year);
    if (!pre.shifted) {  // the nearest one the tense allows
      const Tense tense = tense_at(j, m.end);
      if (tense != Tense::future && m.value > anchor_->iso()) m.value = holiday_value(v, year - 1);
      else if (tense == Tense::future && m.value < anchor_->iso()) m.value = holiday_value(v, year + 1);
    }
    return m;
  }

  // "12-25" (month-day), "4-4-11" (4th Thursday of November), "L-1-05" (last Monday of May), "election".
  static std::string holiday_value(std::string_view rule, int year) {
    if (rule == "election") rule = "1-2-11";  // US: the Tuesday after the first Monday of November
    if (rule.size() == 5) return year ? y4(year) + "-" + std::string(rule) : "XXXX-" + std::string(rule);
    if (!year) return "XXXX-XX-XX";
    const int nth = rule[0] == 'L' ? -1 : rule[0] - '0';
    const int wd = rule[2] - '0';
    const int month = all_digits(rule.substr(4, 2));
    Day d = nth_weekday(year, month, nth, wd);
    if (rule == "1-2-11") d = nth_weekday(year, 11, 1, 1).plus_days(1);
    return d.iso();
  }

  // ---- finishing a match: span habits, hyphenated words

  // Applies the span habits; false if the match is to be dropped.
  bool finish(Match& m) const {
    // "the" belongs to noun phrases of their own, not to modifiers ("the [1996] bombing").
    if (m.the_first) {
      const bool modifier = at(m.end - 1).glued && at(m.end).word();  // "the [third-quarter] loss"
      if (!m.nominal || modifier) ++m.begin;
    }
    if (m.begin >= m.end) return false;
    if (low(m.end) == "or" && low(m.end + 1) == "so" && m.type != "TIME") m.end += 2;
    // a part of a hyphenated word takes the whole word ("post-1959", "8-month-old")
    while (m.begin > 0 && at(m.begin).glued) --m.begin;
    while (m.end < n() && at(m.end).glued) {
      if (low(m.end) == "old") return false;
      ++m.end;
    }
    const bool calendar = (m.value[0] >= '0' && m.value[0] <= '9') || m.value[0] == 'X';
    if (m.type == "DATE" && calendar && m.value.find('T') != std::string::npos) m.type = "TIME";
    return true;
  }

  // Makes a date the text names the reference for later anaphoric expressions.
  void remember(const Match& m) {
    if (!m.absolute || (m.type != "DATE" && m.type != "TIME")) return;
    const std::string_view v = m.value;
    if (v.size() < 4 || all_digits(v.substr(0, 4)) < 0) return;
    Reference r;
    r.year = all_digits(v.substr(0, 4));
    r.mentioned = true;
    r.named = m.named;
    if (v.size() >= 7 && v[4] == '-' && v[5] == 'Q') r.quarter = v[6] - '0', r.quarter_named = true;
    else if (v.size() >= 7 && v[4] == '-' && all_digits(v.substr(5, 2)) > 0) {
      r.month = all_digits(v.substr(5, 2));
      r.quarter = (r.month - 1) / 3 + 1;
      if (v.size() >= 10 && v[7] == '-') r.day = all_digits(v.substr(8, 2));
      if (r.day < 0) r.day = 0;
    } else if (v.size() > 4) {
      return;  // weeks, seasons, halves: keep the previous reference
    }
    ref_ = r;
  }

  const std::vector<Tok>& t_;
  std::optional<Day> anchor_;
  Reference ref_;
};

class TimexExtractor : public Extractor {
 public:
  std::string_view name() const override { return "timex"; }
  void extract(Context& ctx) const override {
    std::vector<Timex> found = find_timexes(ctx.text, ctx.facts.anchor);
    for (Timex& t : found) ctx.facts.timexes.push_back(std::move(t));
  }
};

}  // namespace

std::vector<Timex> find_timexes(const text::Analysis& a, std::string_view anchor) {
  std::string lower(a.text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  const std::vector<Tok> toks = make_tokens(a, lower);
  Matcher matcher(toks, Day::parse(anchor));
  std::vector<Timex> out;
  for (Match& m : matcher.run())
    out.push_back(Timex{Span{toks[m.begin].span.begin, toks[m.end - 1].span.end}, std::string(m.type), std::move(m.value)});
  return out;
}

std::unique_ptr<Extractor> make_timex_extractor() { return std::make_unique<TimexExtractor>(); }

}  // namespace chronicle::extract
