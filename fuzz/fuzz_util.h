// Shared checks for the libFuzzer targets in fuzz/: invariants every stage
// promises (spans inside the text, on code-point boundaries, indexes in range).
// A broken invariant aborts, so libFuzzer records the input as a crash.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "common/facts.h"
#include "common/span.h"

namespace chronicle::fuzz {

[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

inline void expect(bool ok, const char* what) {
  if (!ok) fail(what);
}

inline bool boundary(std::string_view text, uint32_t byte) {
  return byte == text.size() || (byte < text.size() && (static_cast<unsigned char>(text[byte]) & 0xC0) != 0x80);
}

inline void check_span(std::string_view text, Span s, const char* what) {
  expect(s.begin <= s.end && s.end <= text.size(), what);
  expect(boundary(text, s.begin) && boundary(text, s.end), what);
}

inline void check_facts(std::string_view text, const DocumentFacts& f) {
  const auto mention_ok = [&](int32_t m) { return m >= -1 && m < static_cast<int32_t>(f.mentions.size()); };
  for (const Mention& m : f.mentions) {
    check_span(text, m.span, "mention span");
    expect(m.entity >= -1 && m.entity < static_cast<int32_t>(f.entities.size()), "mention entity index");
  }
  for (const Timex& t : f.timexes) {
    check_span(text, t.span, "timex span");
    expect(!t.type.empty() && !t.value.empty(), "timex type and value");
  }
  for (const EventMention& e : f.events) {
    check_span(text, e.trigger, "event trigger span");
    expect(mention_ok(e.place), "event place index");
    for (const Participant& p : e.participants) expect(mention_ok(p.mention), "event participant index");
  }
  for (const ClaimMention& c : f.claims) {
    check_span(text, c.content, "claim content span");
    check_span(text, c.cue, "claim cue span");
    expect(mention_ok(c.speaker), "claim speaker index");
  }
  for (const RelationMention& r : f.relations) {
    check_span(text, r.evidence, "relation span");
    expect(mention_ok(r.subject) && mention_ok(r.object), "relation indexes");
  }
}

}  // namespace chronicle::fuzz
