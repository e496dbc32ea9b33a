// The averaged structured perceptron the training programs share (train_ner,
// train_triggers): feature keys numbered as training meets them, weights per
// feature and tag plus tag-transition weights, Viterbi decoding, and the
// averaged weights (Collins 2002) that the shipped models store.
#pragma once
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace chronicle::training {

// A feature index for keys never seen in training.
inline constexpr uint32_t kUnknown = UINT32_MAX;

// Feature keys -> dense indexes, in the order training first meets them.
class FeatureIndex {
 public:
  // The index of `key`; a new one when `grow`, else kUnknown for an unseen key.
  uint32_t get(uint32_t key, bool grow) {
    auto it = index_.find(key);
    if (it != index_.end()) return it->second;
    if (!grow) return kUnknown;
    keys_.push_back(key);
    return index_[key] = static_cast<uint32_t>(keys_.size() - 1);
  }
  size_t size() const { return keys_.size(); }
  uint32_t key(size_t i) const { return keys_[i]; }

 private:
  std::unordered_map<uint32_t, uint32_t> index_;
  std::vector<uint32_t> keys_;
};

// T tags, kO the outside tag; Sentence has `offsets` (per token into
// `features`, plus the end), `features` (indexes or kUnknown) and `gold` tags;
// Viterbi is the tagger's decoder (n, emissions, transitions, out, scratch, back).
// Weights: features * T emission weights, then (T + 1) * T transitions (row T
// for the sentence start).
template <size_t T, uint8_t kO, typename Sentence, auto Viterbi>
class Perceptron {
 public:
  static constexpr size_t kTransitions = (T + 1) * T;

  explicit Perceptron(size_t features) : w_(features * T + kTransitions), acc_(w_.size()) {}

  // Best tags of `s` under weights `w`; `o_bias` is added to every outside score.
  void decode(const Sentence& s, std::vector<uint8_t>& out, const std::vector<float>& w, float o_bias = 0) const {
    const size_t n = s.gold.size();
    emissions_.assign(n * T, 0.f);
    for (size_t i = 0; i < n; ++i) {
      emissions_[i * T + kO] = o_bias;
      for (uint32_t k = s.offsets[i]; k < s.offsets[i + 1]; ++k) {
        if (s.features[k] == kUnknown) continue;
        const float* row = &w[s.features[k] * T];
        for (size_t t = 0; t < T; ++t) emissions_[i * T + t] += row[t];
      }
    }
    out.resize(n);
    Viterbi(n, emissions_.data(), &w[w.size() - kTransitions], out.data(), scratch_, back_);
  }

  // Learns from one sentence; returns the tags predicted before the update.
  const std::vector<uint8_t>& learn(const Sentence& s) {
    ++clock_;
    decode(s, pred_, w_);
    if (pred_ == s.gold) return pred_;
    for (size_t i = 0; i < s.gold.size(); ++i) {
      const uint8_t prev_g = i ? s.gold[i - 1] : T, prev_p = i ? pred_[i - 1] : T;
      if (s.gold[i] != pred_[i] || prev_g != prev_p) {
        update(w_.size() - kTransitions + prev_g * T + s.gold[i], 1);
        update(w_.size() - kTransitions + prev_p * T + pred_[i], -1);
      }
      if (s.gold[i] == pred_[i]) continue;
      for (uint32_t k = s.offsets[i]; k < s.offsets[i + 1]; ++k) {
        if (s.features[k] == kUnknown) continue;
        update(s.features[k] * T + s.gold[i], 1);
        update(s.features[k] * T + pred_[i], -1);
      }
    }
    return pred_;
  }

  // The weights averaged over every update so far.
  std::vector<float> averaged() const {
    std::vector<float> avg(w_.size());
    for (size_t i = 0; i < w_.size(); ++i) avg[i] = static_cast<float>(w_[i] - acc_[i] / static_cast<double>(clock_));
    return avg;
  }

 private:
  void update(size_t i, float delta) {
    w_[i] += delta;
    acc_[i] += static_cast<double>(clock_) * static_cast<double>(delta);
  }

  std::vector<float> w_;
  std::vector<double> acc_;
  uint64_t clock_ = 1;
  std::vector<uint8_t> pred_;
  mutable std::vector<float> emissions_, scratch_;
  mutable std::vector<uint8_t> back_;
};

}  // namespace chronicle::training
