// Event mentions: trigger words and phrases from a lexicon (data/event_triggers.tsv)
// with their kind, participants from clause heuristics, a place and a date.
//
// Triggers are verbs ("met", "offered", "rejected") and nouns ("the talks",
// "the invasion", "a ceasefire"); a form that can be both is a verb only with
// verbal evidence before it (a subject name or pronoun, an auxiliary, "to").
// Participants, without a parser: the name just before a verbal trigger in the
// same clause is its agent (skipping auxiliaries, adverbs, a time expression,
// an apposition between commas, a relative "who"), and names joined to it by
// "and" are agents too; a passive verb's subject is its patient and "by X" its
// agent; the name after a verb is its patient; "with X" and "between X and Y"
// name participants, "to X" recipients (offers, aid), "X's invasion" and "US
// sanctions" agents, a light verb's subject ("Russia launched an attack") the
// noun's agent. A location after "in"/"at" is the place.
// Dates come from the time expression that governs the trigger: one in the
// same sentence, near it, with few clause boundaries and no other verbal
// trigger between them ("offered ... on Sunday", "the 2022 invasion"). A noun
// after "during" shares the date of its sentence's main event. Only a past-tense
// verb in the news lead, in a sentence with no time expression at all, takes the
// document's anchor day. Otherwise the date stays empty. Speech events
// (statement) are kept to one per sentence.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include <deque>
#include <optional>
#include <set>

#include "common/embedded.h"
#include "extract/doc_view.h"
#include "extract/gazetteer.h"
#include "extract/lemma.h"
#include "extract/lexicon.h"
#include "extract/timex.h"
#include "extract/trigger_lexicon.h"
#include "extract/trigger_tagger.h"

namespace chronicle::extract {

namespace {

// A time expression as a date source.
struct DateSource {
  uint32_t first = 0, last = 0;  // tokens [first, last)
  uint32_t sentence = 0;
  int32_t timex = -1;
  std::string date;  // YYYY-MM-DD, YYYY-MM or YYYY; empty when not a calendar date
};

// The calendar part of a TimeML value: "2025-12-14T10:00" -> "2025-12-14",
// "2025-12" -> "2025-12", "2025-W50" -> the month of that week's Thursday,
// "2025-SU" -> "2025"; "XXXX-12-14", "PAST_REF" and durations -> "".
std::string date_of(std::string_view v) {
  auto digits = [&](size_t b, size_t n) {
    if (v.size() < b + n) return false;
    for (size_t i = b; i < b + n; ++i)
      if (v[i] < '0' || v[i] > '9') return false;
    return true;
  };
  if (!digits(0, 4)) return {};
  if (v.size() >= 7 && v[4] == '-' && digits(5, 2)) {
    if (v.size() >= 10 && v[7] == '-' && digits(8, 2)) return std::string(v.substr(0, 10));
    return std::string(v.substr(0, 7));
  }
  if (v.size() >= 8 && v[4] == '-' && v[5] == 'W' && digits(6, 2)) {
    const int year = std::stoi(std::string(v.substr(0, 4))), week = std::stoi(std::string(v.substr(6, 2)));
    const Day jan4{year, 1, 4};
    const Day thursday = jan4.plus_days(-jan4.weekday() + 7 * (week - 1) + 3);
    return fmt::format("{:04d}-{:02d}", thursday.year, thursday.month);
  }
  return std::string(v.substr(0, 4));
}

bool is_year(std::string_view w) {
  if (w.size() != 4 || (w[0] != '1' && w[0] != '2')) return false;
  for (char c : w)
    if (c < '0' || c > '9') return false;
  return true;
}

struct Trigger {
  uint32_t first = 0, last = 0;  // tokens [first, last)
  const TriggerEntry* entry = nullptr;
  bool verb = false;
  bool past = false;
};

class EventFinder {
 public:
  explicit EventFinder(Context& ctx) : ctx_(ctx), v_(ctx), lex_(TriggerLexicon::instance()) {}

  void run() {
    collect_dates();
    uint32_t lead = 0;  // body sentences seen, for the news-lead rule
    for (uint32_t s = 0; s < v_.a().sentences.size(); ++s) {
      const text::Sentence& sen = v_.a().sentences[s];
      const bool headline = v_.title_case(s);
      const bool in_lead = !headline && lead < 3 && sen.last - sen.first >= 8;
      if (in_lead) ++lead;
      sentence(s, headline, in_lead);
    }
  }

 private:
  const text::Analysis& a() const { return v_.a(); }

  // ---- dates ----------------------------------------------------------------

  void collect_dates() {
    triggers::timex_tokens(a(), ctx_.facts, all_timex_);
    in_timex_.assign(v_.size(), -1);
    const auto& txs = ctx_.facts.timexes;
    for (size_t i = 0; i < txs.size(); ++i) {
      const Timex& tx = txs[i];
      if (tx.span.empty() || tx.type == "DURATION" || tx.type == "SET") continue;
      DateSource d;
      d.first = a().token_at(tx.span.begin);
      d.last = std::max(d.first + 1, a().token_at(tx.span.end));
      if (d.first >= v_.size()) continue;
      d.sentence = a().tokens[d.first].sentence;
      d.timex = static_cast<int32_t>(i);
      d.date = date_of(tx.value);
      for (uint32_t t = d.first; t < d.last && t < v_.size(); ++t) in_timex_[t] = static_cast<int32_t>(dates_.size());
      dates_.push_back(std::move(d));
    }
    for (uint32_t i = 0; i < dates_.size(); ++i) by_sentence_.emplace_back(dates_[i].sentence, i);
    std::sort(by_sentence_.begin(), by_sentence_.end());
  }

  // Indexes into dates_ of the time expressions in sentence s, in order; a
  // binary search, so that a huge document does not cost triggers x dates.
  std::pair<std::vector<std::pair<uint32_t, uint32_t>>::const_iterator, std::vector<std::pair<uint32_t, uint32_t>>::const_iterator>
  dates_in(uint32_t s) const {
    return {std::lower_bound(by_sentence_.begin(), by_sentence_.end(), std::pair<uint32_t, uint32_t>{s, 0}),
            std::lower_bound(by_sentence_.begin(), by_sentence_.end(), std::pair<uint32_t, uint32_t>{s + 1, 0})};
  }

  bool in_timex(uint32_t t) const { return in_timex_[t] >= 0; }

  // Clause cost of linking tokens [from, to) of one sentence: boundaries and
  // other verbal triggers in between make a time expression less likely to
  // govern the trigger.
  int separation(uint32_t from, uint32_t to, const std::vector<Trigger>& triggers, const Trigger& self) const {
    int cost = static_cast<int>(to - from);
    for (uint32_t t = from; t < to; ++t) {
      if (v_.punct(t, ',')) cost += 3;
      else if (v_.punct(t, ';') || v_.punct(t, ':') || a().tokens[t].is(text::kQuoteMark) || v_.punct(t, '(') || v_.punct(t, ')'))
        cost += 8;
      else if (v_.is(t, kBoundary)) cost += 6;
    }
    for (const Trigger& o : triggers) {
      if (&o == &self || o.first < from || o.first >= to) continue;
      cost += o.verb ? 10 : 3;
    }
    return cost;
  }

  // The date source governing trigger tr, or -1.
  int32_t governing_date(const Trigger& tr, const std::vector<Trigger>& triggers, uint32_t s) const {
    int best = 13, found = -1;
    const auto [from, to] = dates_in(s);
    for (auto at = from; at != to; ++at) {
      const size_t i = at->second;
      const DateSource& d = dates_[i];
      int cost;
      if (d.last <= tr.first) cost = separation(d.last, tr.first, triggers, tr);
      else if (d.first >= tr.last) cost = separation(tr.last, d.first, triggers, tr);
      else continue;
      const std::string_view cue = d.first > 0 ? v_.lower(d.first - 1) : std::string_view{};
      if (cue == "on" || cue == "in" || cue == "since" || cue == "at" || cue == "during") cost -= 2;
      // Another trigger that this time expression governs more closely wins it.
      if (cost >= best) continue;
      bool taken = false;
      for (const Trigger& o : triggers) {
        if (&o == &tr) continue;
        int oc;
        if (d.last <= o.first) oc = separation(d.last, o.first, triggers, o);
        else if (d.first >= o.last) oc = separation(o.last, d.first, triggers, o);
        else continue;
        if (cue == "on" || cue == "in" || cue == "since" || cue == "at" || cue == "during") oc -= 2;
        if (oc + 4 < cost) taken = true;
      }
      if (taken) continue;
      best = cost;
      found = static_cast<int32_t>(i);
    }
    return found;
  }

  // "in Berlin, Germany, December 14, 2025", "talks in Berlin on Sunday": a
  // time expression right after the event's place dates the event.
  int32_t date_after_place(uint32_t s) const {
    if (place_end_ == 0) return -1;
    const uint32_t end = v_.a().sentences[s].last;
    uint32_t k = place_end_;
    for (int steps = 0; k < end && steps < 4; ++steps) {
      if (in_timex(k)) return in_timex_[k];
      if (v_.punct(k, ',') || v_.lower(k) == "on" || v_.lower(k) == "in") ++k;
      else if (const int32_t m = v_.mention_at(k); m >= 0 && v_.kind(m) == EntityKind::location) k = v_.last(m);
      else break;
    }
    return -1;
  }

  // "the 2022 invasion": a year right before a noun trigger (after a determiner).
  std::string premodifier_year(const Trigger& tr, uint32_t floor) const {
    uint32_t t = tr.first;
    for (int steps = 0; steps < 2 && t > floor; ++steps) {
      --t;
      if (is_year(a().str(t))) return std::string(a().str(t));
      if (a().tokens[t].is(text::kCapitalized) || !a().tokens[t].is(text::kWord)) break;
    }
    return {};
  }

  bool sentence_has_timex(uint32_t s) const {
    const auto [from, to] = dates_in(s);
    return from != to;
  }

  // A past-tense verb reported as news (not "had met", "would meet", a quote).
  bool reported_as_current(const Trigger& tr, uint32_t floor) const {
    if (!tr.verb || !tr.past || a().quote_of(tr.first) >= 0) return false;
    for (uint32_t t = tr.first; t > floor && tr.first - t < 3;) {
      --t;
      const std::string_view w = v_.lower(t);
      if (w == "had" || w == "would" || w == "could" || w == "should" || w == "might" || w == "may" || w == "will" ||
          w == "to" || w == "must" || w == "if")
        return false;
    }
    return true;
  }

  // ---- triggers -------------------------------------------------------------

  // Matches a lexicon trigger at token t; returns its length in tokens (0 for none).
  uint32_t match(uint32_t t, uint32_t end, std::vector<std::pair<const TriggerForm*, uint32_t>>& out) const {
    return lex_.match(v_, t, end, out, key_);
  }

  static bool adverb(std::string_view w) { return w.size() > 4 && w.ends_with("ly"); }

  // Evidence that token t is used as a verb: what stands before it.
  bool verbal_context(uint32_t t, uint32_t floor) const {
    uint32_t k = t;
    while (k > floor) {
      const uint32_t p = k - 1;
      if (in_timex(p) || adverb(v_.lower(p)) || ((v_.lower(p) == "on" || v_.lower(p) == "in") && in_timex(k))) {
        k = p;
        continue;
      }
      if (v_.is(p, kAux | kPron)) return true;
      // A name is a subject unless a determiner makes it a modifier ("the Berlin talks"),
      // or it is a city before the bare form of the word, which a city (one
      // subject, not a list of them) does not govern: "Antwerp strike ends",
      // "Paris attack suspect held" (but "Moscow strikes", "Kyiv and Warsaw sign").
      if (const int32_t m = v_.mention_at(p); m >= 0) {
        const uint32_t f = v_.first(m);
        if (f > floor && v_.is(f - 1, kDet)) return false;
        return !(lone_town(m, floor) && bare_form(t));
      }
      return false;
    }
    return false;
  }

  // A town's name standing alone: no list ("Kyiv and Warsaw") before it.
  bool lone_town(int32_t m, uint32_t floor) const {
    if (!town(m)) return false;
    const uint32_t f = v_.first(m);
    return f == floor || !(v_.is(f - 1, kConj) || v_.punct(f - 1, ','));
  }

  // Mention m names a place.
  bool place_name(int32_t m) const {
    return v_.kind(m) == EntityKind::location && ctx_.facts.mentions[static_cast<size_t>(m)].form == MentionForm::name;
  }

  // A place named by mention m that is no country and no capital (which stand
  // for their governments: "Russia offers", "Moscow rejects"): a town, port or region.
  bool town(int32_t m) const {
    if (!place_name(m)) return false;
    const std::string_view text = ctx_.facts.mentions[static_cast<size_t>(m)].span.of(ctx_.doc.text);
    const Gazetteer& gaz = Gazetteer::instance();
    return gaz.country(text).empty() && gaz.capital_of(text).empty();
  }

  // An uninflected word: no -s, -ed or -ing, no irregular past ("strike", not "strikes", "struck").
  bool bare_form(uint32_t t) const {
    const std::string_view w = v_.lower(t);
    return !w.ends_with("s") && !w.ends_with("ing") && !past_form(w);
  }

  // Evidence that token t heads a noun phrase: a determiner, possessive,
  // number or adjective-like word before it.
  bool nominal_context(uint32_t t, uint32_t floor) const {
    if (t == floor) return false;
    const uint32_t p = t - 1;
    const std::string_view w = v_.lower(p);
    return v_.is(p, kDet) || w == "'s" || w == "\xE2\x80\x99s" || a().tokens[p].is(text::kNumber);
  }

  // Whether token t may start a trigger at all: not part of a name or a time
  // expression, not a capitalised word inside a sentence.
  bool open_word(uint32_t t, const text::Sentence& sen, bool headline) const {
    return v_.mention_at(t) < 0 && !in_timex(t) &&
           (headline || !v_.capitalized(t) || t == sen.first || a().tokens[t - 1].is(text::kQuoteMark));
  }

  void find_triggers(uint32_t s, bool headline, std::vector<Trigger>& out) {
    const text::Sentence& sen = a().sentences[s];
    std::vector<std::pair<const TriggerForm*, uint32_t>> cands;
    for (uint32_t t = sen.first; t < sen.last;) {
      const uint32_t n = a().tokens[t].is(text::kWord) ? match(t, sen.last, cands) : 0;
      if (n == 0) {
        ++t;
        continue;
      }
      if (!open_word(t, sen, headline)) {
        t += n;
        continue;
      }
      if (const std::optional<Trigger> tr = lexicon_trigger(t, n, cands, sen.first, false)) out.push_back(*tr);
      t += n;
    }
    tagged_triggers(sen, headline, out);
    drop_light_verbs(out, sen.last);
  }

  // The trigger of lexicon forms `cands` of length n at token t, deciding
  // between a verb and a noun reading from the words before it. Without
  // `tagged`, a reading needs evidence; with it (the tagger saw an event
  // here) the likelier reading is taken.
  std::optional<Trigger> lexicon_trigger(uint32_t t, uint32_t n, const std::vector<std::pair<const TriggerForm*, uint32_t>>& cands,
                                         uint32_t floor, bool tagged) const {
    const TriggerForm* verb = nullptr;
    const TriggerForm* noun = nullptr;
    for (const auto& [f, len] : cands) {
      if (lex_.entry(f->entry).verb) { if (!verb || f->past) verb = f; }
      else if (!noun) noun = f;
    }
    const bool verbal = verbal_context(t, floor);
    const bool nominal = nominal_context(t, floor);
    const TriggerForm* chosen = nullptr;
    if (verb && noun) chosen = verbal ? verb : noun;
    else if (noun) chosen = tagged || nominal || !v_.is(t > floor ? t - 1 : t, kPron) ? noun : nullptr;
    else if (verb) {
      // Past and -ing forms are verbs unless a determiner makes them nouns;
      // base forms ("state", "report") need a subject or auxiliary.
      const bool inflected = verb->past || v_.lower(t + n - 1).ends_with("ing");
      if (!nominal && (verbal || inflected || tagged)) chosen = verb;
      // "the shooting", "his arrest": a verb's form used as a noun.
      else if (tagged) return Trigger{t, t + n, &lex_.entry(verb->entry), false, false};
    }
    // "Reporting by ...": a gerund used as a noun.
    if (chosen == verb && verb && t + n < v_.size() && v_.lower(t + n) == "by" && v_.lower(t + n - 1).ends_with("ing")) chosen = nullptr;
    if (!chosen) return std::nullopt;
    const TriggerEntry& e = lex_.entry(chosen->entry);
    return Trigger{t, t + n, &e, e.verb, chosen->past};
  }

  // Triggers the tagger finds that the lexicon pass did not: a lexicon form
  // whose reading needed more evidence ("state"), else an event of kind
  // `other` (or the kind of a lexicon lemma: "murdering" -> murder).
  void tagged_triggers(const text::Sentence& sen, bool headline, std::vector<Trigger>& out) {
    const triggers::Model& model = triggers::Model::shipped();
    if (model.empty() || sen.last - sen.first < 2) return;
    triggers::featurize_by_type(v_, all_timex_, sen.first, sen.last, offsets_, keys_, types_);
    model.tag(offsets_, keys_, tags_, 0, &types_);
    const size_t before = out.size();
    std::vector<std::pair<const TriggerForm*, uint32_t>> cands;
    for (uint32_t i = 0; i < tags_.size(); ++i) {
      if (tags_[i] != triggers::kB) continue;
      uint32_t b = sen.first + i, e = b + 1;
      while (e < sen.last && tags_[e - sen.first] == triggers::kI) ++e;
      bool taken = false;
      for (size_t k = 0; k < before; ++k) taken |= out[k].first < e && b < out[k].last;
      if (taken || !event_word(b, sen, headline)) continue;
      if (const uint32_t n = match(b, sen.last, cands); n > 0) {
        if (const std::optional<Trigger> tr = lexicon_trigger(b, n, cands, sen.first, true)) out.push_back(*tr);
        continue;
      }
      if (const std::optional<Trigger> tr = new_trigger(b, e, sen.first)) out.push_back(*tr);
    }
    std::sort(out.begin(), out.end(), [](const Trigger& x, const Trigger& y) { return x.first < y.first; });
  }

  // A tagged token that may name an event: an open word that is no
  // auxiliary ("was", "had", "did"), function word or contraction.
  bool event_word(uint32_t t, const text::Sentence& sen, bool headline) const {
    if (!a().tokens[t].is(text::kWord) || a().tokens[t].is(text::kNumber) || !open_word(t, sen, headline)) return false;
    if (v_.is(t, kAux | kDet | kPron | kPrep | kConj | kBoundary)) return false;
    const std::string_view w = v_.lower(t);
    return w.size() >= 3 && w.find('\'') == std::string_view::npos && w.find('\xE2') == std::string_view::npos;
  }

  // A trigger the lexicon does not list, tokens [b, e): kind `other` unless its
  // base form is a lexicon lemma; a verb when the context or its form says so.
  // None for a weak verb ("made", "thinks").
  std::optional<Trigger> new_trigger(uint32_t b, uint32_t e, uint32_t floor) {
    const std::string_view w = v_.lower(b);
    std::string lemma = base_form(w);
    if (e == b + 1 && lex_.weak(lemma)) return std::nullopt;
    const bool nominal = nominal_context(b, floor);
    const bool past = past_form(w);
    const bool verb = !nominal && (verbal_context(b, floor) || past || w.ends_with("ing"));
    if (const TriggerEntry* known = e == b + 1 ? lex_.by_lemma(lemma) : nullptr)
      return Trigger{b, e, known, verb, verb && past};
    for (uint32_t t = b + 1; t < e; ++t) {
      lemma.push_back(' ');
      lemma += v_.lower(t);
    }
    extra_.push_back(TriggerEntry{std::move(lemma), EventKind::other, verb});
    return Trigger{b, e, &extra_.back(), verb, verb && past};
  }

  // "launched an attack", "hosting the meetings": a light verb whose object is a
  // noun trigger is not an event of its own; the noun is.
  void drop_light_verbs(std::vector<Trigger>& triggers, uint32_t end) const {
    std::vector<Trigger> kept;
    for (const Trigger& tr : triggers) {
      bool drop = false;
      if (tr.verb && v_.is(tr.first, kLight)) {
        uint32_t q = tr.last;
        int skipped = 0;
        while (q < end && skipped < 4 && (v_.is(q, kDet) || a().tokens[q].is(text::kQuoteMark) || (v_.cls(q) == 0 && a().tokens[q].is(text::kWord)))) {
          for (const Trigger& o : triggers) drop |= !o.verb && o.first == q;
          if (drop) break;
          ++q;
          ++skipped;
        }
      }
      if (!drop) kept.push_back(tr);
    }
    triggers.swap(kept);
  }

  // ---- participants ---------------------------------------------------------

  // Any resolved name may fill a syntactic slot; names of kind `other` (often
  // products or unknown organisations) only where the syntax is clear.
  bool usable(int32_t m) const { return m >= 0; }
  bool typed(int32_t m) const { return m >= 0 && v_.kind(m) != EntityKind::other; }

  static void add_participant(EventMention& ev, int32_t m, Role r) {
    if (m < 0 || m == ev.place) return;
    for (const Participant& p : ev.participants)
      if (p.mention == m) return;
    ev.participants.push_back(Participant{m, r});
  }

  bool name_like(uint32_t t) const {
    return v_.capitalized(t) || v_.is(t, kDet) || v_.lower(t) == "'s" || v_.lower(t) == "\xE2\x80\x99s";
  }

  // Names joined by "and" or commas to the left of mention m: "Zelenskiy,
  // Umerov and Merz met".
  // A comma joins names only in a list that "and" closes.
  void conjuncts_before(int32_t m, uint32_t floor, EventMention& ev, Role r) const {
    uint32_t k = v_.first(m);
    bool closed = false;
    for (int n = 0; n < 4; ++n) {
      uint32_t p = k;
      int skipped = 0;
      while (p > floor && !name_at(p - 1) && skipped < 4 && modifier_word(p - 1)) {
        --p;
        ++skipped;
      }
      if (p <= floor + 1) return;
      if (v_.is(p - 1, kConj)) closed = true;
      else if (!v_.punct(p - 1, ',') || !closed) return;
      const int32_t prev = v_.mention_at(p - 2);
      if (!usable(prev)) return;
      add_participant(ev, prev, r);
      k = v_.first(prev);
    }
  }

  // Whether a name (not a demonym's country mention) covers token t.
  bool name_at(uint32_t t) const {
    const int32_t m = v_.mention_at(t);
    return m >= 0 && ctx_.facts.mentions[static_cast<size_t>(m)].form == MentionForm::name;
  }

  // Words that may stand between names of a list: titles, roles, demonyms.
  bool modifier_word(uint32_t t) const {
    return !v_.punct(t, ',') && (name_like(t) || (a().tokens[t].is(text::kWord) && v_.cls(t) == 0));
  }

  // Names joined by "and" or commas to the right of mention m.
  uint32_t conjuncts_after(int32_t m, uint32_t end, EventMention& ev, Role r) const {
    uint32_t k = v_.last(m);
    for (int n = 0; n < 4 && k + 1 < end; ++n) {
      const bool comma = v_.punct(k, ',');
      if (!(comma || v_.is(k, kConj))) break;
      uint32_t q = k + 1;
      if (v_.is(q, kConj) && q + 1 < end) ++q;  // ", and"
      while (q < end && !name_at(q) && q - k < 5 && modifier_word(q)) ++q;
      const int32_t next = q < end ? v_.mention_at(q) : -1;
      if (!usable(next)) break;
      // "A, B and C": after a comma the list must go on.
      const uint32_t after = v_.last(next);
      if (comma && v_.first(next) == k + 1 && !(after < end && (v_.punct(after, ',') || v_.is(after, kConj)))) break;
      add_participant(ev, next, r);
      k = after;
    }
    return k;
  }

  // The subject name of a verb at token t: skips auxiliaries, adverbs, a time
  // expression, an apposition between commas and a relative "who".
  int32_t subject_before(uint32_t t, uint32_t floor) const {
    uint32_t k = t;
    int to_skips = 0;
    while (k > floor) {
      const uint32_t p = k - 1;
      const std::string_view w = v_.lower(p);
      if (in_timex(p) || adverb(w) || ((w == "on" || w == "in") && k < v_.size() && in_timex(k))) {
        k = p;
        continue;
      }
      if (w == "to" && to_skips == 0 && p > floor + 1 && !v_.capitalized(p - 1) && v_.mention_at(p - 1) < 0) {
        k = p - 1;  // "agreed to meet": the subject of the verb before "to"
        ++to_skips;
        continue;
      }
      if (v_.is(p, kAux) && w != "to") {
        k = p;
        continue;
      }
      if (w == "who" || w == "which") {
        k = p;
        if (k > floor && v_.punct(k - 1, ',')) --k;
        continue;
      }
      if (v_.punct(p, ',')) {
        // "Logan, director of ... at the Cato Institute, said"
        for (uint32_t c = p; c > floor + 1 && p - c < 25;) {
          --c;
          if (!v_.punct(c, ',')) continue;
          const int32_t m = v_.mention_at(c - 1);
          if (!usable(m)) return -1;
          // "the UK, France and Spain, said": a list, not an apposition.
          if (v_.mention_at(c + 1) >= 0) return -1;
          const uint32_t mf = v_.first(m);
          return mf > floor && v_.is(mf - 1, kPrep) ? -1 : m;
        }
        return -1;
      }
      return head_of_phrase(v_.mention_at(p), floor);
    }
    return -1;
  }

  // The name that heads a subject ending in mention m: "Omar Haddad of the
  // Carnegie Endowment agreed" -> Omar Haddad; a name after another
  // preposition ("the talks in Berlin ended") is no subject.
  int32_t head_of_phrase(int32_t m, uint32_t floor) const {
    for (int hops = 0; hops < 2 && usable(m); ++hops) {
      uint32_t b = v_.first(m);
      while (b > floor && v_.is(b - 1, kDet)) --b;
      if (b == floor || !v_.is(b - 1, kPrep)) return m;
      const std::string_view prep = v_.lower(b - 1);
      if (prep != "of" && prep != "at" && prep != "from" && prep != "for") return -1;
      m = b - 1 > floor ? v_.mention_at(b - 2) : -1;
    }
    return -1;
  }

  Role prep_role(std::string_view prep, const TriggerEntry& e, bool verb) const {
    using K = EventKind;
    const K k = e.kind;
    if (prep == "with" || prep == "between" || prep == "among") return Role::participant;
    if (prep == "by") return Role::agent;
    if (prep == "to" && (k == K::offer || k == K::aid || k == K::deal || k == K::statement || k == K::demand)) return Role::recipient;
    if ((prep == "against" || prep == "on" || prep == "into") &&
        (k == K::attack || k == K::sanction || k == K::accusation || k == K::threat || k == K::legal || k == K::protest))
      return Role::patient;
    if (prep == "of" && !verb) {
      if (k == K::meeting) return Role::participant;
      if (k == K::attack || k == K::legal || k == K::appointment || k == K::resignation || k == K::deal || k == K::refusal ||
          k == K::accusation || k == K::vote)
        return Role::patient;
    }
    if (prep == "from") {
      if (k == K::resignation) return Role::patient;
      if (!verb && (k == K::aid || k == K::offer || k == K::statement || k == K::demand)) return Role::agent;
    }
    return static_cast<Role>(255);
  }

  static bool valid(Role r) { return static_cast<uint8_t>(r) <= static_cast<uint8_t>(Role::participant); }

  // Prepositional phrases to the right of the trigger, within its clause.
  void phrases_after(const Trigger& tr, uint32_t end, const std::vector<Trigger>& triggers, EventMention& ev) const {
    const TriggerEntry& e = *tr.entry;
    uint32_t k = tr.last;
    for (int steps = 0; k < end && steps < (tr.verb ? 40 : 14); ++steps) {
      // A trigger in scare quotes ("its 'special military operation' against
      // Ukraine") goes on after its closing mark.
      if (k == tr.last && !tr.verb && a().tokens[k].is(text::kQuoteMark) && opened_before(tr.first, 0)) {
        ++k;
        continue;
      }
      if (v_.punct(k, '.') || v_.punct(k, ';') || v_.punct(k, ':') || (!tr.verb && v_.punct(k, ',')) || v_.is(k, kBoundary) ||
          a().tokens[k].is(text::kQuoteMark))
        break;
      // Another verb ends the clause; a phrase around another noun trigger
      // ("amid Russia's attack on Ukraine,") is skipped to its comma.
      const Trigger* other = nullptr;
      for (const Trigger& o : triggers)
        if (&o != &tr && o.first == k) other = &o;
      if (other && (other->verb || !tr.verb)) break;
      if (other) {
        while (k < end && !v_.punct(k, ',') && !v_.punct(k, '.')) ++k;
        if (k >= end || !v_.punct(k, ',')) break;
        ++k;
        continue;
      }
      if (!v_.is(k, kPrep) || k + 1 >= end) {
        ++k;
        continue;
      }
      const std::string_view prep = v_.lower(k);
      const uint32_t q = skip_titles(k + 1, end);
      int32_t m = q < end ? v_.mention_at(q) : -1;
      if (!usable(m) || v_.first(m) != q) {
        ++k;
        continue;
      }
      m = possessed(m, end);
      if (m < 0) {
        ++k;
        continue;
      }
      if ((prep == "in" || prep == "at" || (prep == "to" && e.kind == EventKind::visit)) && v_.kind(m) == EntityKind::location) {
        if (ev.place < 0) {
          ev.place = m;
          place_end_ = v_.last(m);
        }
      } else if (const Role r = prep_role(prep, e, tr.verb); valid(r)) {
        add_participant(ev, m, r);
        if (prep == "between" || prep == "with" || r == Role::agent || r == Role::patient) conjuncts_after(m, end, ev, r);
      }
      k = v_.last(m);
    }
  }

  // Whether a quotation mark opens at most two words before token t.
  bool opened_before(uint32_t t, uint32_t floor) const {
    for (uint32_t k = t; k > floor && t - k < 3; --k)
      if (a().tokens[k - 1].is(text::kQuoteMark)) return true;
    return false;
  }

  // Determiners and capitalised titles before a name ("the", "Prime
  // Minister", "Governor"): the token where the name would start.
  uint32_t skip_titles(uint32_t q, uint32_t end) const {
    while (q < end && v_.is(q, kDet)) ++q;
    for (uint32_t k = q; k < end && k - q < 3; ++k) {
      if (v_.mention_at(k) >= 0) return k;
      if (!v_.capitalized(k) || !a().tokens[k].is(text::kWord) || v_.cls(k) != 0) break;
    }
    return q;
  }

  // "with Trump's son-in-law Jared Kushner", "with U.S. officials Steve
  // Witkoff": the person a name introduces, when there is one, else the name.
  int32_t possessed(int32_t m, uint32_t end) const {
    uint32_t after = v_.last(m);
    if (after < end && (v_.lower(after) == "'s" || v_.lower(after) == "\xE2\x80\x99s")) ++after;
    for (uint32_t q = after; q < end && q - after <= 4; ++q) {
      if (const int32_t n = v_.mention_at(q); n >= 0) return usable(n) && v_.kind(n) == EntityKind::person ? n : m;
      if (!modifier_word(q) || v_.capitalized(q) != v_.capitalized(after)) break;
    }
    return m;
  }

  // The direct object of a verb: a name right after it (after determiners).
  void direct_object(const Trigger& tr, uint32_t end, EventMention& ev, bool passive) const {
    const TriggerEntry& e = *tr.entry;
    uint32_t q = tr.last;
    while (q < end && (v_.lower(q) == "up" || v_.lower(q) == "off" || v_.lower(q) == "down")) ++q;
    q = skip_titles(q, end);
    if (q >= end) return;
    int32_t m = v_.mention_at(q);
    if (e.kind == EventKind::statement) {
      if (e.lemma == "tell") {
        if (usable(m)) add_participant(ev, m, Role::recipient);
        return;
      }
      // "said Kremlin spokesman Dmitry Peskov": the speaker after the verb.
      if (!ev.participants.empty() || q != tr.last) return;
      int32_t person = -1, any = -1;
      for (uint32_t k = q; k < end && k - q < 6; ++k) {
        const int32_t mk = v_.mention_at(k);
        if (mk < 0 && !(v_.capitalized(k) || a().tokens[k].is(text::kWord))) break;
        if (mk >= 0 && usable(mk)) {
          if (any < 0) any = mk;
          if (v_.kind(mk) == EntityKind::person) { person = mk; break; }
          k = v_.last(mk) - 1;
        } else if (mk < 0 && v_.cls(k) != 0) {
          break;
        }
      }
      if (person >= 0 || any >= 0) add_participant(ev, person >= 0 ? person : any, Role::agent);
      return;
    }
    if (passive || !usable(m) || v_.first(m) != q) return;
    // "rejected a U.S. proposal": the name modifies a noun, it is not the object.
    const uint32_t after = v_.last(m);
    if (after < end && a().tokens[after].is(text::kWord) && !v_.capitalized(after) && v_.cls(after) == 0) return;
    Role r = Role::patient;
    if (e.kind == EventKind::meeting) r = Role::participant;
    if (e.kind == EventKind::visit && v_.kind(m) == EntityKind::location) {
      if (ev.place < 0) ev.place = m;
      return;
    }
    add_participant(ev, m, r);
    conjuncts_after(m, end, ev, r);
  }

  // Agent of a noun trigger: "Russia's invasion", "US sanctions", "Russian
  // attacks", or the subject of a light verb ("held talks", "launched an attack").
  void noun_agent(const Trigger& tr, uint32_t floor, const std::vector<Trigger>& triggers, EventMention& ev) {
    const TriggerEntry& e = *tr.entry;
    uint32_t k = tr.first;
    int adjectives = 0;
    while (k > floor && adjectives < 3) {
      const uint32_t p = k - 1;
      if (a().tokens[p].is(text::kQuoteMark) && p > floor) {  // its "special operation"
        k = p;
        continue;
      }
      if (v_.mention_at(p) >= 0 || !a().tokens[p].is(text::kWord) || v_.cls(p) != 0 || v_.capitalized(p)) break;
      bool trig = false;
      for (const Trigger& o : triggers) trig |= o.first <= p && p < o.last;
      if (trig) break;
      k = p;
      ++adjectives;
    }
    if (k > floor) {
      const uint32_t p = k - 1;
      const std::string_view w = v_.lower(p);
      if ((w == "'s" || w == "\xE2\x80\x99s") && p > floor) {
        const int32_t m = v_.mention_at(p - 1);
        if (usable(m)) add_participant(ev, m, Role::agent);
        return;
      }
      if (const int32_t m = v_.mention_at(p); typed(m)) {
        // Where the event happens: a place before a meeting, visit or protest
        // ("the Berlin talks", "the Antwerp strike"), or a town before any event
        // ("the Leeds attack").
        const bool gathering = ev.kind == EventKind::meeting || ev.kind == EventKind::visit || ev.kind == EventKind::protest;
        if ((gathering && place_name(m)) || town(m)) {
          if (ev.place < 0) ev.place = m;
        } else {
          const bool joint = e.kind == EventKind::meeting || e.kind == EventKind::agreement || e.kind == EventKind::deal;
          add_participant(ev, m, joint ? Role::participant : Role::agent);
        }
        return;
      }
      if (!v_.demonym(p).empty() && (e.kind == EventKind::attack || e.kind == EventKind::sanction || e.kind == EventKind::aid ||
                                     e.kind == EventKind::threat || e.kind == EventKind::offer || e.kind == EventKind::demand)) {
        add_participant(ev, v_.country_mention(p), Role::agent);
        return;
      }
    }
    // Light verb or a verb of the same kind before the noun phrase.
    uint32_t d = k;
    while (d > floor && v_.is(d - 1, kDet)) --d;
    if (d == floor) return;
    const uint32_t verb = d - 1;
    bool light = v_.is(verb, kLight);
    for (const Trigger& o : triggers)
      if (o.verb && o.last == d && o.entry->kind == e.kind) light = true;
    if (!light) return;
    if (const int32_t m = subject_before(verb, floor); m >= 0) {
      add_participant(ev, m, Role::agent);
      conjuncts_before(m, floor, ev, Role::agent);
    }
  }

  // "Airbus built and delivered", "unveiled the plane, saying": a verb after
  // "and" or a comma shares the subject of the verb before it.
  bool shares_subject(const Trigger& tr, uint32_t previous_end, uint32_t floor) const {
    if (previous_end == 0 || tr.first < previous_end || tr.first - previous_end > 15) return false;
    uint32_t k = tr.first;
    while (k > floor && (v_.is(k - 1, kAux) || adverb(v_.lower(k - 1))) && v_.lower(k - 1) != "to") --k;
    if (k == floor) return false;
    const bool gerund = v_.lower(tr.last - 1).ends_with("ing");
    return v_.lower(k - 1) == "and" || v_.lower(k - 1) == "but" || (gerund && v_.punct(k - 1, ','));
  }

  // '..., said the report', '"...," said Peskov': the speaker follows the verb.
  bool inverted_speech(const Trigger& tr, const TriggerEntry& e, const text::Sentence& sen) const {
    if (e.kind != EventKind::statement || tr.first == sen.first || tr.last >= sen.last) return false;
    const uint32_t p = tr.first - 1;
    if (!v_.punct(p, ',') && !a().tokens[p].is(text::kQuoteMark)) return false;
    return v_.is(tr.last, kDet) || v_.mention_at(tr.last) >= 0 || v_.capitalized(tr.last);
  }

  bool passive_voice(const Trigger& tr, uint32_t floor) const {
    if (!tr.verb || !tr.past) return false;
    for (uint32_t t = tr.first; t > floor && tr.first - t < 3;) {
      --t;
      const std::string_view w = v_.lower(t);
      if (w == "was" || w == "were" || w == "been" || w == "being" || w == "is" || w == "are" || w == "be") return true;
      if (!adverb(w)) return false;
    }
    return false;
  }

  // Whether the document is about work (data/labour_words.txt): a bare
  // "strike" there stops work.
  bool labour_story() {
    static const embedded::WordSet words = embedded::word_set("labour_words.txt");
    if (!labour_) {
      labour_ = false;
      for (uint32_t t = 0; t < v_.size() && !*labour_; ++t) *labour_ = words.count(v_.lower(t)) > 0;
    }
    return *labour_;
  }

  // Whether an object follows a verb ending before token t: a determiner or a name.
  bool has_object(uint32_t t, uint32_t s) const { return t < a().sentences[s].last && (v_.is(t, kDet) || v_.mention_at(t) >= 0); }

  // "missile strike", "air strike", "drone strikes": a weapon names an attack
  // (data/weapon_words.txt).
  bool weapon_before(uint32_t t) const {
    static const embedded::WordSet weapons = embedded::word_set("weapon_words.txt");
    return t > 0 && weapons.count(v_.lower(t - 1)) > 0;
  }

  // ---- one sentence -----------------------------------------------------------

  void sentence(uint32_t s, bool headline, bool in_lead) {
    const text::Sentence& sen = a().sentences[s];
    std::vector<Trigger> triggers;
    find_triggers(s, headline, triggers);
    if (triggers.empty()) return;
    const size_t first_event = ctx_.facts.events.size();
    bool statement_seen = false;
    int64_t previous_verb = -1;  // index of the sentence's last verbal event
    uint32_t previous_end = 0;
    for (const Trigger& tr : triggers) {
      const TriggerEntry& e = *tr.entry;
      if (e.kind == EventKind::statement) {
        if (statement_seen) continue;
        statement_seen = true;
      }
      EventMention ev;
      place_end_ = 0;
      ev.trigger = Span{a().tokens[tr.first].span.begin, a().tokens[tr.last - 1].span.end};
      ev.kind = e.kind;
      if (ev.kind == EventKind::attack && e.lemma == "strike" && labour_story() && !weapon_before(tr.first) && !(tr.verb && has_object(tr.last, s)))
        ev.kind = EventKind::protest;  // "the dock strike", "dockworkers strike." (not "struck a deal", "struck the port")
      ev.lemma = e.lemma;
      ev.sentence = s;
      if (tr.verb) {
        const bool passive = passive_voice(tr, sen.first);
        if (const int32_t m = inverted_speech(tr, e, sen) ? -1 : subject_before(tr.first, sen.first); m >= 0) {
          add_participant(ev, m, passive ? Role::patient : Role::agent);
          conjuncts_before(m, sen.first, ev, passive ? Role::patient : Role::agent);
        }
        if (ev.participants.empty() && previous_verb >= 0 && shares_subject(tr, previous_end, sen.first))
          for (const Participant& p : ctx_.facts.events[static_cast<size_t>(previous_verb)].participants)
            if (p.role == Role::agent) add_participant(ev, p.mention, Role::agent);
        direct_object(tr, sen.last, ev, passive);
      } else {
        noun_agent(tr, sen.first, triggers, ev);
      }
      phrases_after(tr, sen.last, triggers, ev);
      date(tr, triggers, s, in_lead, ev);
      ctx_.facts.events.push_back(std::move(ev));
      if (tr.verb) {
        previous_verb = static_cast<int64_t>(ctx_.facts.events.size() - 1);
        previous_end = tr.last;
      }
    }
    during_dates(first_event, triggers);
  }

  void date(const Trigger& tr, const std::vector<Trigger>& triggers, uint32_t s, bool in_lead, EventMention& ev) const {
    const uint32_t floor = a().sentences[s].first;
    if (const int32_t d = date_after_place(s); d >= 0) {
      ev.timex = dates_[static_cast<size_t>(d)].timex;
      ev.date = dates_[static_cast<size_t>(d)].date;
      return;
    }
    if (const int32_t d = governing_date(tr, triggers, s); d >= 0) {
      ev.timex = dates_[static_cast<size_t>(d)].timex;
      ev.date = dates_[static_cast<size_t>(d)].date;
      return;
    }
    if (!tr.verb) {
      if (std::string y = premodifier_year(tr, floor); !y.empty()) {
        ev.date = std::move(y);
        return;
      }
    }
    if (in_lead && !ctx_.facts.anchor.empty() && !sentence_has_timex(s) && reported_as_current(tr, floor))
      ev.date = ctx_.facts.anchor.substr(0, 10);
  }

  // "During talks with ..., Zelenskiy on Sunday offered": a noun after "during"
  // takes the date of the sentence's dated verbal event.
  void during_dates(size_t first_event, const std::vector<Trigger>& triggers) {
    auto& events = ctx_.facts.events;
    for (size_t i = first_event; i < events.size(); ++i) {
      EventMention& ev = events[i];
      if (!ev.date.empty()) continue;
      uint32_t t = a().token_at(ev.trigger.begin);
      const uint32_t floor = a().sentences[ev.sentence].first;
      while (t > floor && (v_.is(t - 1, kDet) || (a().tokens[t - 1].is(text::kWord) && v_.cls(t - 1) == 0 && !v_.capitalized(t - 1)))) --t;
      if (t == floor || v_.lower(t - 1) != "during") continue;
      for (size_t j = first_event; j < events.size(); ++j) {
        if (j == i || events[j].date.empty()) continue;
        const uint32_t tj = a().token_at(events[j].trigger.begin);
        bool verbal = false;
        for (const Trigger& o : triggers) verbal |= o.first == tj && o.verb;
        if (!verbal) continue;
        ev.date = events[j].date;
        ev.timex = events[j].timex;
        break;
      }
    }
  }

  Context& ctx_;
  DocView v_;
  const TriggerLexicon& lex_;
  std::deque<TriggerEntry> extra_;  // entries of triggers the lexicon does not list
  std::vector<uint8_t> all_timex_;  // tokens in any time expression (tagger features)
  std::optional<bool> labour_;      // labour_story(), once per document
  std::vector<uint32_t> offsets_, keys_, types_;
  std::vector<uint8_t> tags_;
  mutable std::string key_;
  std::vector<DateSource> dates_;
  std::vector<std::pair<uint32_t, uint32_t>> by_sentence_;  // (sentence, index into dates_), sorted
  std::vector<int32_t> in_timex_;
  mutable uint32_t place_end_ = 0;  // token after the current event's place, 0 for none
};

class EventExtractor : public Extractor {
 public:
  EventExtractor() {
    (void)TriggerLexicon::instance();
    (void)WordClasses::instance();
    (void)triggers::Model::shipped();
  }
  std::string_view name() const override { return "events"; }
  void extract(Context& ctx) const override { EventFinder(ctx).run(); }
};

}  // namespace

std::unique_ptr<Extractor> make_event_extractor() { return std::make_unique<EventExtractor>(); }

}  // namespace chronicle::extract
