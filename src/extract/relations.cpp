// Relations stated by titles, appositions and affiliations, with the span that
// states them:
//   "Kremlin spokesman Dmitry Peskov"          spokesperson_for(Peskov, Kremlin)
//   "German Defence Minister Boris Pistorius"  member_of(Pistorius, Germany)
//   "Ukraine's President Volodymyr Zelenskiy"  leader_of(Zelenskiy, Ukraine)
//   "Justin Logan, director of ... at the Cato Institute"   employed_by(Logan, Cato Institute)
//   "Justin Logan of the Cato Institute"       employed_by
//   "Berlin, Germany"                          located_in(Berlin, Germany)
// Role words and their classes are data (data/relation_roles.tsv); the class
// and the kind of the other entity decide the predicate (docs/event-kinds.md).
#include <array>

#include "extract/doc_view.h"
#include "extract/gazetteer.h"
#include "extract/lexicon.h"

namespace chronicle::extract {

namespace {

enum class RoleClass : uint8_t { none, leader, official, spokes, employee, member, part, kin, modifier, demote, orgnoun };

RoleClass role_class_from(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, RoleClass>, 10> kNames{{
      {"leader", RoleClass::leader}, {"official", RoleClass::official}, {"spokes", RoleClass::spokes},
      {"employee", RoleClass::employee}, {"member", RoleClass::member}, {"part", RoleClass::part},
      {"kin", RoleClass::kin}, {"modifier", RoleClass::modifier}, {"demote", RoleClass::demote},
      {"orgnoun", RoleClass::orgnoun}}};
  for (const auto& [name, cls] : kNames)
    if (name == s) return cls;
  return RoleClass::none;
}

constexpr size_t kMaxPhrase = 3;  // words in the longest role phrase

class RoleLexicon {
 public:
  static const RoleLexicon& instance() {
    static const RoleLexicon r;
    return r;
  }
  // Longest role phrase starting at token t (at most `limit` tokens); sets
  // `len` to its length in tokens. RoleClass::none when there is none.
  RoleClass match(const DocView& v, uint32_t t, uint32_t limit, uint32_t& len) const {
    std::string key;
    RoleClass found = RoleClass::none;
    len = 0;
    for (uint32_t n = 1; n <= kMaxPhrase && t + n <= limit; ++n) {
      if (n > 1) key.push_back(' ');
      append_key(key, v.lower(t + n - 1));
      if (auto it = roles_.find(key); it != roles_.end()) {
        found = it->second;
        len = n;
      }
    }
    return found;
  }

 private:
  RoleLexicon() {
    for_each_row("relation_roles.tsv", [&](const auto& cols) {
      if (cols.size() >= 2) roles_.emplace(std::string(cols[0]), role_class_from(cols[1]));
    });
  }
  StringMap<RoleClass> roles_;
};

// The other entity of a relation as the text gives it.
struct Object {
  int32_t mention = -1;   // a mention, or
  int32_t demonym = -1;   // a demonym token (made a mention only when used)
  bool country = false;   // a country (by name or demonym)
  bool possessive = false;
  bool found() const { return mention >= 0 || demonym >= 0; }
};

class RelationFinder {
 public:
  RelationFinder(Context& ctx) : ctx_(ctx), v_(ctx), roles_(RoleLexicon::instance()), gaz_(Gazetteer::instance()) {}

  void run() {
    const size_t n = ctx_.facts.mentions.size();  // demonym mentions added on the way are objects only
    for (size_t i = 0; i < n; ++i) {
      const Mention& m = ctx_.facts.mentions[i];
      if (m.entity < 0 || m.form != MentionForm::name) continue;
      const int32_t mi = static_cast<int32_t>(i);
      if (m.kind == EntityKind::person) {
        before_name(mi);
        apposition(mi);
        of_affiliation(mi);
      } else if (m.kind == EntityKind::organization) {
        apposition(mi);
      } else if (m.kind == EntityKind::location) {
        located_in(mi);
      }
    }
  }

 private:
  uint32_t sentence_first(uint32_t t) const { return v_.a().sentences[v_.a().tokens[t].sentence].first; }
  uint32_t sentence_last(uint32_t t) const { return v_.a().sentences[v_.a().tokens[t].sentence].last; }

  bool is_country(int32_t m) const {
    if (v_.kind(m) != EntityKind::location) return false;
    if (ctx_.facts.mentions[static_cast<size_t>(m)].form == MentionForm::nominal) return true;
    return !gaz_.country(ctx_.facts.mentions[static_cast<size_t>(m)].span.of(v_.a().text)).empty();
  }

  // An object (mention or demonym) ending at token t, or none.
  Object object_ending_at(uint32_t t, uint32_t floor) {
    Object o;
    if (is_possessive(t)) {
      if (t == floor) return o;
      o.possessive = true;
      --t;
    }
    if (const int32_t m = v_.mention_at(t); m >= 0) {
      o.mention = m;
      o.country = is_country(m);
    } else if (!o.possessive && !v_.demonym(t).empty()) {
      o.demonym = static_cast<int32_t>(t);
      o.country = true;
    }
    if (!o.found()) o.possessive = false;
    return o;
  }

  // The object at token k (a mention starting there, or a demonym), or none.
  Object object_at(uint32_t k, uint32_t end) const {
    Object o;
    if (const int32_t m = v_.mention_at(k); m >= 0) {
      o.mention = m;
      o.country = is_country(m);
    } else if (!v_.demonym(k).empty()) {
      o.demonym = static_cast<int32_t>(k);
      o.country = true;
    }
    const uint32_t after = object_last(o, k);
    o.possessive = o.found() && after < end && is_possessive(after);
    return o;
  }
  uint32_t object_first(const Object& o) const { return o.mention >= 0 ? v_.first(o.mention) : static_cast<uint32_t>(o.demonym); }
  uint32_t object_last(const Object& o, uint32_t k) const {
    return o.mention >= 0 ? v_.last(o.mention) : o.demonym >= 0 ? static_cast<uint32_t>(o.demonym) + 1 : k + 1;
  }
  EntityKind object_kind(const Object& o) const { return o.mention >= 0 ? v_.kind(o.mention) : EntityKind::location; }
  bool is_possessive(uint32_t t) const { return v_.lower(t) == "'s" || v_.lower(t) == "\xE2\x80\x99s"; }

  // Parses a role phrase over tokens [b, e): the head role is the last role
  // phrase that is not a modifier; `unknown` counts other words.
  RoleClass head_role(uint32_t b, uint32_t e, bool& demoted, int& unknown) const {
    RoleClass head = RoleClass::none;
    demoted = false;
    unknown = 0;
    for (uint32_t t = b; t < e;) {
      uint32_t len = 0;
      const RoleClass c = roles_.match(v_, t, e, len);
      if (c == RoleClass::none || c == RoleClass::orgnoun) {
        if (!v_.a().tokens[t].is(text::kWord)) return RoleClass::none;
        ++unknown;
        ++t;
        continue;
      }
      if (c == RoleClass::demote) demoted = true;
      else if (c != RoleClass::modifier) head = c;
      t += len;
    }
    if (head == RoleClass::none && demoted) head = RoleClass::official;
    return head;
  }

  // The predicate for a role of class c toward object o; false when none fits.
  bool predicate(RoleClass c, bool demoted, int unknown, const Object& o, Predicate& p) const {
    const EntityKind k = object_kind(o);
    if (c == RoleClass::leader && (demoted || (unknown > 0 && !o.country))) c = RoleClass::official;
    // A person is related to people through kinship and "X's adviser"; a
    // "person" that is led, employed or spoken for ("Villa chairman", "Lib Dem
    // leader") is a mistyped organisation.
    if (k == EntityKind::person && (o.possessive || c == RoleClass::kin)) {
      p = Predicate::related_to;
      return true;
    }
    if (o.country) {
      if (unknown > 0 && c != RoleClass::spokes) c = RoleClass::employee;
      switch (c) {
        case RoleClass::leader: p = Predicate::leader_of; return true;
        case RoleClass::official: p = Predicate::member_of; return true;
        case RoleClass::spokes: p = Predicate::spokesperson_for; return true;
        case RoleClass::employee: case RoleClass::member: p = Predicate::citizen_of; return true;
        default: return false;
      }
    }
    if (k == EntityKind::location) {
      if (c == RoleClass::leader) { p = Predicate::leader_of; return true; }
      if (c == RoleClass::official) { p = Predicate::member_of; return true; }
      return false;
    }
    switch (c) {
      case RoleClass::leader: p = Predicate::leader_of; return true;
      case RoleClass::official: case RoleClass::member: p = Predicate::member_of; return true;
      case RoleClass::spokes: p = Predicate::spokesperson_for; return true;
      case RoleClass::employee: p = Predicate::employed_by; return true;
      case RoleClass::part: p = Predicate::part_of; return true;
      default: return false;
    }
  }

  void add(int32_t subject, Predicate p, const Object& o, uint32_t first_token, uint32_t last_token) {
    const int32_t object = o.mention >= 0 ? o.mention : v_.country_mention(static_cast<uint32_t>(o.demonym));
    if (object < 0) return;
    add(subject, p, object, first_token, last_token);
  }

  void add(int32_t subject, Predicate p, int32_t object, uint32_t first_token, uint32_t last_token) {
    if (subject == object || ctx_.facts.entity_of(subject) == ctx_.facts.entity_of(object)) return;
    if (p == Predicate::part_of && v_.kind(subject) == EntityKind::person) return;
    const Span ev{v_.a().tokens[first_token].span.begin, v_.a().tokens[last_token - 1].span.end};
    for (const RelationMention& r : ctx_.facts.relations)
      if (r.subject == subject && r.object == object && r.predicate == p) return;
    ctx_.facts.relations.push_back(RelationMention{subject, p, object, ev});
  }

  // "Kremlin spokesman Dmitry Peskov", "Ukraine's President Volodymyr Zelenskiy".
  void before_name(int32_t m) {
    const uint32_t first = v_.first(m), floor = sentence_first(first);
    uint32_t t = first;
    int unknown_words = 0;  // a title has few words outside the role lexicon
    while (t > floor && first - t < 6) {
      const uint32_t p = t - 1;
      if (v_.mention_at(p) >= 0 || !v_.a().tokens[p].is(text::kWord) || !v_.demonym(p).empty()) break;
      // "chief of staff": "of" inside a role phrase.
      if (v_.lower(p) == "of" && p > floor) {
        uint32_t len = 0;
        const RoleClass c = roles_.match(v_, p - 1, first, len);
        if (c != RoleClass::none && len >= 3) {
          t = p - 1;
          continue;
        }
      }
      if (v_.is(p, kDet | kPrep | kConj | kAux | kPron | kBoundary)) break;
      uint32_t len = 0;
      if (roles_.match(v_, p, first, len) == RoleClass::none && ++unknown_words > 2) return;
      t = p;
    }
    if (t == first || t == floor) return;
    bool demoted = false;
    int unknown = 0;
    const RoleClass c = head_role(t, first, demoted, unknown);
    if (c == RoleClass::none || c == RoleClass::modifier) return;
    const Object o = object_ending_at(t - 1, floor);
    if (!o.found()) return;
    Predicate p;
    if (predicate(c, demoted, unknown, o, p)) add(m, p, o, object_first(o), v_.last(m));
  }

  // Whether the object mention is followed by a word that makes it a modifier of
  // another noun ("the Ukraine programme"); organisation nouns are allowed.
  bool modifies_noun(int32_t o, uint32_t limit) const {
    const uint32_t after = v_.last(o);
    if (after >= limit || !v_.a().tokens[after].is(text::kWord)) return false;
    if (v_.capitalized(after)) return true;  // "the UK CBI"
    if (v_.cls(after) != 0) return false;
    uint32_t len = 0;
    return roles_.match(v_, after, limit, len) != RoleClass::orgnoun;
  }

  // "Justin Logan, director of ... at the Cato Institute", "Boris Pistorius,
  // the German defence minister", "Dmitry Peskov, the Kremlin's spokesman".
  void apposition(int32_t m) {
    const uint32_t comma = v_.last(m), end_sentence = sentence_last(v_.first(m));
    if (comma + 1 >= end_sentence || !v_.punct(comma, ',')) return;
    uint32_t t = comma + 1;
    if (v_.is(t, kDet)) ++t;
    // A list ("Logan, Michta and ...") is not an apposition.
    if (t < end_sentence && v_.mention_at(t) >= 0 && v_.last(v_.mention_at(t)) < end_sentence) {
      const uint32_t after = v_.last(v_.mention_at(t));
      if (v_.punct(after, ',') || v_.is(after, kConj) || v_.punct(after, '.')) return;
    }
    uint32_t end = t;
    while (end < end_sentence && end - comma < 30 && !v_.is(end, kBoundary) &&
           (v_.a().tokens[end].is(text::kWord) || v_.lower(end) == "'s" || v_.lower(end) == "\xE2\x80\x99s" ||
            v_.punct(end, '-')))
      ++end;
    if (end == t) return;
    RoleClass current = RoleClass::none;
    bool demoted = false;
    Object pending;  // an object before its role: "the Kremlin's spokesman", "the German defence minister"
    for (uint32_t k = t; k < end;) {
      uint32_t len = 0;
      const RoleClass c = v_.mention_at(k) < 0 ? roles_.match(v_, k, end, len) : RoleClass::none;
      if (c != RoleClass::none && c != RoleClass::orgnoun) {
        // "Zelenskiy, senior negotiator Rustem Umerov and ...": a list of
        // titled names, not an apposition.
        if (c != RoleClass::modifier && current == RoleClass::none && k + len < end && v_.mention_at(k + len) >= 0 && v_.kind(v_.mention_at(k + len)) == EntityKind::person)
          return;
        if (c == RoleClass::demote) demoted = true;
        else if (c != RoleClass::modifier) current = c;
        if (pending.found() && c != RoleClass::modifier && c != RoleClass::demote) {
          Predicate p;
          if (predicate(current, demoted, 0, pending, p)) add(m, p, pending, v_.first(m), k + len);
          pending = Object{};
        }
        k += len;
        continue;
      }
      const Object o = object_at(k, end);
      if (!o.found()) {
        if (k == t) return;  // the apposition does not start with a role or a name
        ++k;
        continue;
      }
      const uint32_t after = object_last(o, k);
      const uint32_t p = preposition_before(k, t);
      if (current != RoleClass::none && p < k) {
        if (o.mention >= 0 && !modifies_noun(o.mention, end)) relate_via(m, v_.lower(p), current, demoted, o, end);
      } else if (current == RoleClass::none || k == t) {
        pending = o;
      }
      k = after;
    }
  }

  // The preposition that introduces the name at token k ("at the Cato
  // Institute", "of the consulting firm Global Situation Room", "in President
  // Barack Obama's administration"), or k when there is none.
  uint32_t preposition_before(uint32_t k, uint32_t floor) const {
    for (uint32_t p = k; p > floor && k - p < 4;) {
      --p;
      if (v_.is(p, kPrep)) return p;
      uint32_t len = 0;
      const bool role = roles_.match(v_, p, k, len) != RoleClass::none;
      if (!v_.is(p, kDet) && !(v_.a().tokens[p].is(text::kWord) && v_.cls(p) == 0 && (!v_.capitalized(p) || role))) break;
    }
    return k;
  }

  void relate_via(int32_t m, std::string_view prep, RoleClass c, bool demoted, const Object& o, uint32_t end) {
    const EntityKind kind = v_.kind(o.mention);
    const uint32_t ev_end = std::min(end, v_.last(o.mention));
    const bool org = kind == EntityKind::organization || kind == EntityKind::other;
    uint32_t next = v_.last(o.mention);
    if (next + 1 < end && is_possessive(next)) ++next;
    const bool government_of = kind != EntityKind::organization && next < end && [&] {
      const std::string_view w = v_.lower(next);
      return w == "administration" || w == "government" || w == "cabinet" || w == "campaign";
    }();
    if (c == RoleClass::kin) return;
    if (government_of) {
      add(m, Predicate::related_to, o.mention, v_.first(m), next + 1);
      return;
    }
    Predicate p;
    if (v_.kind(m) != EntityKind::person) {
      if (c == RoleClass::part && prep == "of" && org) add(m, Predicate::part_of, o.mention, v_.first(m), ev_end);
      return;
    }
    if (prep == "at" || prep == "with") {
      if (org) add(m, Predicate::employed_by, o.mention, v_.first(m), ev_end);
      return;
    }
    if (prep == "to") {
      if (kind == EntityKind::person) add(m, Predicate::related_to, o.mention, v_.first(m), ev_end);
      return;
    }
    if (prep == "for") {
      if (c == RoleClass::spokes) add(m, Predicate::spokesperson_for, o.mention, v_.first(m), ev_end);
      else if (org) add(m, Predicate::employed_by, o.mention, v_.first(m), ev_end);
      return;
    }
    if (prep == "in") {
      if (kind == EntityKind::organization) add(m, Predicate::member_of, o.mention, v_.first(m), ev_end);
      return;
    }
    if (prep == "of" && predicate(c, demoted, 0, o, p)) add(m, p, o.mention, v_.first(m), ev_end);
  }

  // "Justin Logan of the Cato Institute".
  void of_affiliation(int32_t m) {
    uint32_t t = v_.last(m);
    const uint32_t end = sentence_last(v_.first(m));
    if (t + 1 >= end || v_.lower(t) != "of") return;
    ++t;
    if (v_.lower(t) == "the") ++t;
    if (t >= end) return;
    const int32_t o = v_.mention_at(t);
    if (o < 0 || v_.first(o) != t || v_.kind(o) != EntityKind::organization) return;
    add(m, Predicate::employed_by, o, v_.first(m), v_.last(o));
  }

  // "Berlin, Germany": a place that is not a country, then a country or region.
  void located_in(int32_t m) {
    const uint32_t comma = v_.last(m), end = sentence_last(v_.first(m));
    if (comma + 1 >= end || !v_.punct(comma, ',')) return;
    const int32_t o = v_.mention_at(comma + 1);
    if (o < 0 || v_.first(o) != comma + 1 || v_.kind(o) != EntityKind::location) return;
    const uint32_t after = v_.last(o);
    if (after < end && (v_.is(after, kConj) || (v_.mention_at(after + 1 < end ? after + 1 : after) >= 0 &&
                                                 v_.kind(v_.mention_at(after + 1 < end ? after + 1 : after)) == EntityKind::location)))
      return;  // a list of places
    const uint32_t first = v_.first(m);
    if (first >= 2 && v_.punct(first - 1, ',') && v_.mention_at(first - 2) >= 0 && v_.kind(v_.mention_at(first - 2)) == EntityKind::location)
      return;
    const std::string_view inner = ctx_.facts.mentions[static_cast<size_t>(m)].span.of(v_.a().text);
    const std::string_view outer = ctx_.facts.mentions[static_cast<size_t>(o)].span.of(v_.a().text);
    if (!gaz_.country(inner).empty()) return;
    if (gaz_.country(outer).empty() && (!gaz_.is_place(outer) || gaz_.is_city(outer))) return;
    add(m, Predicate::located_in, o, first, after);
  }

  Context& ctx_;
  DocView v_;
  const RoleLexicon& roles_;
  const Gazetteer& gaz_;
};

class RelationExtractor : public Extractor {
 public:
  RelationExtractor() {
    (void)RoleLexicon::instance();
    (void)WordClasses::instance();
  }
  std::string_view name() const override { return "relations"; }
  void extract(Context& ctx) const override { RelationFinder(ctx).run(); }
};

}  // namespace

std::unique_ptr<Extractor> make_relation_extractor() { return std::make_unique<RelationExtractor>(); }

}  // namespace chronicle::extract
