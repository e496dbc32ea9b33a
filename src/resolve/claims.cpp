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

bool same_claim(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a == b) return true;
  if (a.size() < kMinWords || b.size() < kMinWords) return false;
  // Cheap bound first: the Dice coefficient cannot pass 2*min/(sum).
  const double bound = 2.0 * static_cast<double>(std::min(a.size(), b.size())) / static_cast<double>(a.size() + b.size());
  if (bound < kSameClaim) return false;
  return negated(a) == negated(b) && claim_similarity(a, b) >= kSameClaim;
}

}  // namespace chronicle::resolve
