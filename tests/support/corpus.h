// Generated news articles for tests that need many documents (crash safety,
// concurrent readers, memory): a deterministic mix of people, organisations,
// places, dates, quotations and surname-only mentions, so that entity
// resolution has aliases to merge across documents and batches.
#pragma once
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "support/util.h"

namespace chronicle::test {

// One JSON Lines document per line, `n` lines, the same for the same `n` and `seed`.
inline std::string generated_jsonl(int n, unsigned seed = 1) {
  static const char* kFirst[] = {"Anna", "Omar", "Lena", "Pieter", "Marta", "Jonas", "Sofia", "Idris", "Elif", "Tomas", "Noor", "Karel"};
  static const char* kLast[] = {"Berg", "Lindqvist", "Okafor", "De Wolf", "Vinck", "Haddad", "Moreau", "Novak", "Sato", "Keller", "Adeyemi", "Rossi"};
  static const char* kOrgs[] = {"Harbour Workers Union", "Ministry of Transport", "Port Authority of Antwerp", "National Rail Company",
                                "Federation of Shippers", "Green Party"};
  static const char* kPlaces[] = {"Antwerp", "Brussels", "Ghent", "Rotterdam", "Oslo", "Lyon", "Porto", "Gdansk"};
  static const char* kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  static const char* kVerbs[] = {"met", "criticised", "called", "thanked", "visited", "warned"};
  std::minstd_rand rng(seed);
  auto pick = [&](auto& list) { return list[rng() % (sizeof(list) / sizeof(list[0]))]; };
  std::string out;
  for (int i = 0; i < n; ++i) {
    const std::string a = fmt::format("{} {}", pick(kFirst), pick(kLast)), b = fmt::format("{} {}", pick(kFirst), pick(kLast));
    const std::string a_last = a.substr(a.find(' ') + 1);
    const std::string text = fmt::format(
        "{} {} {} of the {} in {} on {}. \\\"We will not accept talks without a date,\\\" {} said after the meeting. "
        "The {} said on {} {} 2026 that {} would return to {} next week. {} later told reporters that the strike had cost {} million euros.",
        a, pick(kVerbs), b, pick(kOrgs), pick(kPlaces), pick(kDays), a_last, pick(kOrgs), 1 + rng() % 28, "March", b, pick(kPlaces),
        a_last, 2 + rng() % 90);
    out += fmt::format("{{\"id\": \"gen-{}-{}\", \"published\": \"2026-03-{:02d}\", \"source\": \"Test Wire\", \"title\": \"Story {}\", \"text\": \"{}\"}}\n",
                       seed, i, 1 + i % 28, i, text);
  }
  return out;
}

}  // namespace chronicle::test
