// Loading of the name tagger's weights and Viterbi tagging (see ner_model.h).
#include "extract/ner_model.h"

#include <fmt/core.h>

#include <cstring>

#include "common/embedded.h"
#include "extract/model_file.h"

namespace chronicle::extract::ner {

namespace {

constexpr std::string_view kModelFile = "ner_model.bin";


// Sums weight rows eight lanes at a time in 16 bits (GCC/Clang vector
// extensions); kMaxWeight keeps the sums in range.
class Sum {
 public:
  using Lanes = int16_t __attribute__((vector_size(16)));
  using Bytes = int8_t __attribute__((vector_size(8)));
  static constexpr size_t kVectors = (kTagCount + 7) / 8;

  void add(const int8_t* row) {
    for (size_t v = 0; v < kVectors; ++v) {
      Bytes b;
      std::memcpy(&b, row + 8 * v, sizeof b);
      acc_[v] += __builtin_convertvector(b, Lanes);
    }
  }
  void add(const Sum& o) {
    for (size_t v = 0; v < kVectors; ++v) acc_[v] += o.acc_[v];
  }
  void store(int32_t* out) const {
    int16_t all[kVectors * 8];
    std::memcpy(all, acc_, sizeof all);
    for (size_t t = 0; t < kTagCount; ++t) out[t] = all[t];
  }

 private:
  Lanes acc_[kVectors] = {};
};

}  // namespace

std::vector<Found> names_of(const std::vector<uint8_t>& tags) {
  std::vector<Found> out;
  for (uint32_t i = 0; i < tags.size(); ++i) {
    if (tags[i] == kO) continue;
    const int type = type_of(tags[i]);
    uint32_t j = i + 1;
    if (opens(tags[i])) {
      while (j < tags.size() && tags[j] == make_tag(type, kInside)) ++j;
      if (j < tags.size() && tags[j] == make_tag(type, kLast)) ++j;
    }
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
  std::optional<ByteReader> opened = open_model(bytes, kModelHeader, error);
  if (!opened) return Model{};
  ByteReader& r = *opened;
  uint32_t tags = 0, count = 0;
  float scale = 0;
  if (!r.read(tags) || tags != kTagCount || !r.read(count) || !r.read(scale) || scale <= 0) return fail("bad header");
  for (int32_t& t : m.transitions_) {
    int16_t v = 0;
    if (!r.read(v)) return fail("truncated transitions");
    t = v;
  }
  std::vector<uint32_t> keys(count);
  std::vector<uint32_t> masks(count);
  for (uint32_t i = 0; i < count; ++i)
    if (!r.read(keys[i]) || !r.read(masks[i])) return fail("truncated feature table");
  size_t cap = 16;
  while (cap < count + count / 2) cap <<= 1;  // load at most 2/3
  m.slots_.assign(cap, Slot{});
  m.rows_.assign(count, Row{});
  m.mask_ = cap - 1;
  for (uint32_t i = 0; i < count; ++i) {
    if (keys[i] == 0) return fail("zero feature key");
    size_t s = slot_of(keys[i], m.mask_);
    while (m.slots_[s].key != 0) s = (s + 1) & m.mask_;
    m.slots_[s] = Slot{keys[i], i};
    for (uint8_t t = 0; t < kTagCount; ++t) {
      if (!(masks[i] & (1u << t))) continue;
      int16_t w = 0;
      if (!r.read(w)) return fail("truncated weights");
      if (w > kMaxWeight || w < -kMaxWeight) return fail("weight out of range");
      m.rows_[i].w[t] = static_cast<int8_t>(w);
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

const Model::Row* Model::find(uint32_t key) const {
  for (size_t s = slot_of(key, mask_);; s = (s + 1) & mask_) {
    if (slots_[s].key == key) return &rows_[slots_[s].row];
    if (slots_[s].key == 0) return nullptr;
  }
}

void Model::tag(const Features& f, std::vector<uint8_t>& tags) const {
  tags.assign(f.tokens.size(), kO);
  if (empty()) return;
  thread_local std::vector<int32_t> emissions, scratch;
  thread_local std::vector<uint8_t> back;
  emissions.assign(f.tokens.size() * kTagCount, 0);
  // The table is larger than the cache: fetch the next token's slots while
  // summing this token's weights.
  auto prefetch = [&](size_t i) {
    if (i >= f.tokens.size()) return;
    for (uint32_t k = f.offsets[i]; k < f.offsets[i + 1]; ++k) __builtin_prefetch(&slots_[slot_of(f.keys[k], mask_)]);
  };
  // Keys of types (featurize_by_type), each type's summed once.
  thread_local TypeSums<Sum> types;
  thread_local std::vector<uint32_t> type_keys;
  if (f.by_type) types.use(this, TypeTable::generation());
  const size_t type_count = f.by_type ? TypeTable::size() : 0;
  const auto type_sums = [&](uint32_t id) -> const std::array<Sum, kTypeSlots>& {
    return types.of(id, type_count, [&](uint32_t type, TypeSlot slot, Sum& sum) {
      type_keys.clear();
      TypeTable::keys(type, slot, type_keys);
      for (const uint32_t k : type_keys)
        if (const Row* w = find(k)) sum.add(w->w);
    });
  };
  prefetch(0);
  for (size_t s = 0; s + 1 < f.sentences.size(); ++s) {
    const uint32_t b = f.sentences[s], e = f.sentences[s + 1];
    for (uint32_t i = b; i < e; ++i) {
      prefetch(i + 1);
      Sum sum;
      for (uint32_t k = f.offsets[i]; k < f.offsets[i + 1]; ++k)
        if (const Row* w = find(f.keys[k])) sum.add(w->w);
      if (f.by_type) {
        const auto near = [&](int64_t j) { return j >= b && j < e ? f.types[static_cast<size_t>(j)] : TypeTable::kNone; };
        sum.add(type_sums(f.types[i])[kSelf]);
        sum.add(type_sums(near(int64_t{i} - 1))[kBefore1]);
        sum.add(type_sums(near(int64_t{i} - 2))[kBefore2]);
        sum.add(type_sums(near(int64_t{i} + 1))[kAfter1]);
        sum.add(type_sums(near(int64_t{i} + 2))[kAfter2]);
      }
      sum.store(&emissions[i * kTagCount]);
    }
  }
  thread_local History history;
  thread_local std::vector<uint32_t> keys;
  history.clear();
  for (size_t s = 0; s + 1 < f.sentences.size(); ++s) {
    const uint32_t b = f.sentences[s], n = f.sentences[s + 1] - b;
    for (uint32_t i = b; i < b + n; ++i) {
      keys.clear();
      history.keys(f.words[i], keys);
      for (uint32_t k : keys)
        if (const Row* w = find(k))
          for (uint8_t t = 0; t < kTagCount; ++t) emissions[i * kTagCount + t] += w->w[t];
    }
    viterbi<int32_t>(n, &emissions[b * kTagCount], transitions_.data(), tags.data() + b, scratch, back);
    history.record(f.words.data() + b, tags.data() + b, n);
  }
}

}  // namespace chronicle::extract::ner
