// Loading and matching of the event-trigger lexicon (see trigger_lexicon.h).
#include "extract/trigger_lexicon.h"

#include "extract/lexicon.h"

namespace chronicle::extract {

namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const size_t k = s.find(sep);
    if (k > 0) out.push_back(s.substr(0, k));
    if (k == std::string_view::npos) break;
    s.remove_prefix(k + 1);
  }
  return out;
}

}  // namespace

const TriggerLexicon& TriggerLexicon::instance() {
  static const TriggerLexicon l;
  return l;
}

TriggerLexicon::TriggerLexicon() {
  for_each_row("event_triggers.tsv", [&](const auto& cols) {
    if (cols.size() < 4) return;
    const std::optional<EventKind> kind = event_kind_from(cols[1]);
    if (!kind) return;
    entries_.push_back(TriggerEntry{std::string(cols[0]), *kind, cols[2] == "v"});
    const uint32_t e = static_cast<uint32_t>(entries_.size() - 1);
    for (std::string_view f : split(cols[3], ',')) add(f, e, false);
    if (cols.size() >= 5)
      for (std::string_view f : split(cols[4], ',')) add(f, e, true);
    auto [it, fresh] = by_lemma_.try_emplace(std::string(cols[0]), e);
    if (!fresh && entries_[it->second].verb && !entries_[e].verb) it->second = e;
    parts_[std::string(cols[0])] |= entries_[e].verb ? kVerb : kNoun;
  });
  for_each_row("weak_event_words.txt", [&](const auto& cols) { weak_.emplace(std::string(cols[0]), true); });
}

void TriggerLexicon::add(std::string_view phrase, uint32_t entry, bool past) {
  const std::vector<std::string_view> words = split(phrase, ' ');
  if (words.empty()) return;
  TriggerForm f;
  f.entry = entry;
  f.past = past;
  for (size_t i = 1; i < words.size(); ++i) f.rest.emplace_back(words[i]);
  by_first_[std::string(words[0])].push_back(std::move(f));
}

uint32_t TriggerLexicon::match(const DocView& v, uint32_t t, uint32_t end,
                               std::vector<std::pair<const TriggerForm*, uint32_t>>& out, std::string& key) const {
  out.clear();
  std::string_view first = v.lower(t);
  if (first.find('\xE2') != std::string_view::npos) {
    key.clear();
    append_key(key, first);
    first = key;
  }
  const std::vector<TriggerForm>* fs = forms(first);
  if (!fs) return 0;
  uint32_t best = 0;
  for (const TriggerForm& f : *fs) {
    const uint32_t n = static_cast<uint32_t>(f.rest.size()) + 1;
    if (t + n > end || n < best) continue;
    bool ok = true;
    for (uint32_t i = 1; i < n && ok; ++i) ok = v.lower(t + i) == f.rest[i - 1];
    if (!ok) continue;
    if (n > best) {
      out.clear();
      best = n;
    }
    out.emplace_back(&f, n);
  }
  return best;
}

}  // namespace chronicle::extract
