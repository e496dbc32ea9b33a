// Loading of the name tagger's weights and Viterbi tagging (see ner_model.h).
#include "extract/ner_model.h"

#include <fmt/core.h>

#include <bit>
#include <cstring>

#include "common/embedded.h"

namespace chronicle::extract::ner {

namespace {

constexpr std::string_view kModelFile = "ner_model.bin";

// Sequential little-endian reader over the binary part of a model file.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}
  template <typename T>
  bool read(T& v) {
    if (rest_.size() < sizeof(T)) return false;
    std::memcpy(&v, rest_.data(), sizeof(T));
    rest_.remove_prefix(sizeof(T));
    return true;
  }
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

size_t slot_of(uint32_t key, size_t mask) { return (key * 0x9E3779B1u) & mask; }

}  // namespace

std::vector<Found> names_of(const std::vector<uint8_t>& tags) {
  std::vector<Found> out;
  for (uint32_t i = 0; i < tags.size(); ++i) {
    if (tags[i] == kO) continue;
    const int type = type_of(tags[i]);
    uint32_t j = i + 1;
    while (j < tags.size() && tags[j] == inside_tag(type)) ++j;
    out.push_back(Found{i, j, type});
    i = j - 1;
  }
  return out;
}

Model Model::parse(std::string_view bytes, std::string* error) {
  Model m;
  auto fail = [&](const char* why) {
    if (error) *error = why;
    return Model{};
  };
  const size_t nul = bytes.find('\0');
  if (nul == std::string_view::npos) return fail("no header end");
  Reader r(bytes.substr(nul + 1));
  char magic[4];
  uint32_t format = 0, version = 0, tags = 0, count = 0;
  float scale = 0;
  if (!r.read(magic) || std::memcmp(magic, "CNER", 4) != 0) return fail("not a chronicle name model");
  if (!r.read(format) || format != 1) return fail("unknown format");
  if (!r.read(version) || version != kFeatureVersion) return fail("trained with other features; retrain (docs/ner.md)");
  if (!r.read(tags) || tags != kTagCount || !r.read(count) || !r.read(scale) || scale <= 0) return fail("bad header");
  for (int32_t& t : m.transitions_) {
    int16_t v = 0;
    if (!r.read(v)) return fail("truncated transitions");
    t = v;
  }
  std::vector<uint32_t> keys(count);
  std::vector<uint16_t> masks(count);
  for (uint32_t i = 0; i < count; ++i)
    if (!r.read(keys[i]) || !r.read(masks[i])) return fail("truncated feature table");
  size_t cap = 16;
  while (cap < count * 2) cap <<= 1;
  m.slots_.assign(cap, Slot{});
  m.mask_ = cap - 1;
  for (uint32_t i = 0; i < count; ++i) {
    if (keys[i] == 0) return fail("zero feature key");
    size_t s = slot_of(keys[i], m.mask_);
    while (m.slots_[s].key != 0) s = (s + 1) & m.mask_;
    m.slots_[s].key = keys[i];
    for (uint8_t t = 0; t < kTagCount; ++t) {
      if (!(masks[i] & (1u << t))) continue;
      if (!r.read(m.slots_[s].w[t])) return fail("truncated weights");
    }
  }
  if (!r.done()) return fail("trailing bytes");
  m.count_ = count;
  return m;
}

const Model& Model::shipped() {
  static const Model model = [] {
    std::string error;
    const std::string_view bytes = embedded::find(embedded::lexicon_files(), kModelFile);
    Model m = parse(bytes, &error);
    if (m.empty()) fmt::print(stderr, "chronicle: name model {}: {}; names will not be found\n", kModelFile, error);
    return m;
  }();
  return model;
}

const Model::Slot* Model::find(uint32_t key) const {
  for (size_t s = slot_of(key, mask_);; s = (s + 1) & mask_) {
    if (slots_[s].key == key) return &slots_[s];
    if (slots_[s].key == 0) return nullptr;
  }
}

void Model::tag(const Features& f, std::vector<uint8_t>& tags) const {
  tags.assign(f.tokens.size(), kO);
  if (empty()) return;
  thread_local std::vector<int32_t> emissions, scratch;
  thread_local std::vector<uint8_t> back;
  emissions.assign(f.tokens.size() * kTagCount, 0);
  for (size_t i = 0; i < f.tokens.size(); ++i) {
    for (uint32_t k = f.offsets[i]; k < f.offsets[i + 1]; ++k)
      __builtin_prefetch(&slots_[slot_of(f.keys[k], mask_)]);
    int32_t* e = &emissions[i * kTagCount];
    for (uint32_t k = f.offsets[i]; k < f.offsets[i + 1]; ++k) {
      const Slot* s = find(f.keys[k]);
      if (s == nullptr) continue;
      for (uint8_t t = 0; t < kTagCount; ++t) e[t] += s->w[t];
    }
  }
  for (size_t s = 0; s + 1 < f.sentences.size(); ++s) {
    const uint32_t b = f.sentences[s], n = f.sentences[s + 1] - b;
    viterbi<int32_t>(
        n, [&](size_t i, uint8_t t) { return emissions[(b + i) * kTagCount + t]; },
        [&](uint8_t p, uint8_t t) { return transitions_[p * kTagCount + t]; }, tags.data() + b, scratch, back);
  }
}

}  // namespace chronicle::extract::ner
