// Claim matching (see claims.h).
#include "resolve/claims.h"

#include <algorithm>

#include "resolve/keys.h"

namespace chronicle::resolve {

namespace {

// At most one insertion, deletion or substitution apart.
bool one_edit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) return a.substr(i + 1) == b.substr(i + 1);
  return a.substr(i) == b.substr(i + 1);
}

// The first or last two letters of a word, as a number.
uint32_t two(std::string_view w, bool last) {
  const std::string_view p = last ? w.substr(w.size() - 2) : w.substr(0, 2);
  return static_cast<uint32_t>(static_cast<unsigned char>(p[0])) << 8 | static_cast<unsigned char>(p[1]);
}

// A key's bit in ClaimText::keys: `kind` keeps the three kinds of keys apart.
uint16_t key_bit(uint32_t kind, uint64_t value) {
  return static_cast<uint16_t>(((value * 0x9E3779B97F4A7C15ULL) ^ (kind * 0xC2B2AE3D27D4EB4FULL)) * 0x9E3779B97F4A7C15ULL >> 55);
}

uint64_t short_value(std::string_view w) {
  uint64_t v = 0;
  for (const char c : w) v = v << 8 | static_cast<unsigned char>(c);  // under four letters: fits
  return v;
}

// A bound on possible_matches(a, b) (hash collisions only add to it).
size_t likely_matches(const ClaimText& a, const ClaimText& b) {
  const auto has = [&](uint16_t bit) { return (b.keys[bit >> 6] >> (bit & 63) & 1) != 0; };
  size_t n = 0;
  for (const auto& [first, last] : a.probes) n += has(first) || has(last);
  return n;
}

// How many words of `a` may be the same_word as some word of `b`: a bound on
// what claim_similarity can match, in linear time. Two words of four letters or
// more that are the same_word share their first two letters (same first five,
// or an edit after the second) or their last two (an edit in the first two).
size_t possible_matches(const ClaimText& a, const ClaimText& b) {
  size_t n = 0;
  for (const std::string& x : a.words) {
    if (x.size() < 4) n += std::binary_search(b.shorts.begin(), b.shorts.end(), x);
    else n += std::binary_search(b.firsts.begin(), b.firsts.end(), two(x, false)) || std::binary_search(b.lasts.begin(), b.lasts.end(), two(x, true));
  }
  return n;
}

}  // namespace

bool same_word(const std::string& a, const std::string& b) {
  if (a == b) return true;
  if (a.size() < 4 || b.size() < 4) return false;
  if (a.size() >= 5 && b.size() >= 5 && a.compare(0, 5, b, 0, 5) == 0) return true;
  return one_edit(a, b);
}

std::vector<std::string> claim_words(std::string_view content) {
  std::vector<std::string> out;
  for (std::string& w : name_words(content)) {
    // "doesn't" -> "does" + "n't", "it's" -> "it" + "'s": contractions and
    // their spelled-out forms share their stems.
    if (w.size() > 3 && w.ends_with("n't")) {
      out.push_back(w.substr(0, w.size() - 3));
      out.emplace_back("n't");
      continue;
    }
    if (const size_t q = w.find('\''); q != std::string::npos && q > 0) w.resize(q);
    if (!w.empty()) out.push_back(std::move(w));
  }
  return out;
}

double claim_similarity(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() && b.empty()) return 1;
  std::vector<bool> used(b.size(), false);
  size_t matched = 0;
  for (const std::string& x : a)
    for (size_t j = 0; j < b.size(); ++j)
      if (!used[j] && same_word(x, b[j])) {
        used[j] = true;
        ++matched;
        break;
      }
  return 2.0 * static_cast<double>(matched) / static_cast<double>(a.size() + b.size());
}

bool negated(const std::vector<std::string>& words) {
  static const std::vector<std::string_view> kNegations = {"not", "n't", "no", "never", "nothing", "none", "nor", "cannot"};
  return std::any_of(words.begin(), words.end(), [](const std::string& w) {
    return std::find(kNegations.begin(), kNegations.end(), w) != kNegations.end();
  });
}

ClaimText claim_text(std::vector<std::string> words) {
  ClaimText t;
  t.words = std::move(words);
  for (const std::string& w : t.words) {
    std::pair<uint16_t, uint16_t> probe;
    if (w.size() < 4) {
      t.shorts.push_back(w);
      probe.first = probe.second = key_bit(0, short_value(w));
    } else {
      t.firsts.push_back(two(w, false));
      t.lasts.push_back(two(w, true));
      probe = {key_bit(1, t.firsts.back()), key_bit(2, t.lasts.back())};
    }
    t.probes.push_back(probe);
    for (const uint16_t bit : {probe.first, probe.second}) t.keys[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
  for (auto* v : {&t.firsts, &t.lasts}) std::sort(v->begin(), v->end());
  std::sort(t.shorts.begin(), t.shorts.end());
  t.negated = negated(t.words);
  return t;
}

bool same_claim(const ClaimText& a, const ClaimText& b) {
  if (a.words == b.words) return true;
  const size_t na = a.words.size(), nb = b.words.size();
  if (na < kMinWords || nb < kMinWords) return false;
  // Cheap bound first: the Dice coefficient cannot pass 2*min/(sum).
  const double bound = 2.0 * static_cast<double>(std::min(na, nb)) / static_cast<double>(na + nb);
  if (bound < kSameClaim) return false;
  if (2.0 * static_cast<double>(std::min(likely_matches(a, b), nb)) / static_cast<double>(na + nb) < kSameClaim) return false;
  const size_t most = std::min(possible_matches(a, b), nb);
  if (2.0 * static_cast<double>(most) / static_cast<double>(na + nb) < kSameClaim) return false;
  return a.negated == b.negated && claim_similarity(a.words, b.words) >= kSameClaim;
}

bool same_claim(const std::vector<std::string>& a, const std::vector<std::string>& b) { return same_claim(claim_text(a), claim_text(b)); }

}  // namespace chronicle::resolve
