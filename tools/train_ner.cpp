// Trains the name tagger (src/extract/ner_model.h) on CoNLL-2003 and writes
// data/ner_model.bin. Reproducible: the same data and options give the same file.
//
//   build/train_ner [--train FILE] [--dev FILE] [--epochs N] [--keep N] [--out FILE]
//
// Each CoNLL document becomes the text the evaluation builds (tokens joined by
// spaces, sentences by newlines), which chronicle's own segmenter and feature
// code then read exactly as at run time; the gold names are mapped onto those
// tokens by byte offsets. Training is the averaged structured perceptron
// (Collins 2002) with Viterbi decoding over BILOU tags and a prediction history
// (each document's sentences in order, see ner::History); the averaged weights are
// pruned to the `--keep` features of largest weight and quantised to 16-bit
// integers of at most ner::kMaxWeight.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <unordered_map>

#include "extract/ner_features.h"
#include "extract/ner_model.h"
#include "text/segment.h"
#include "perceptron.h"

namespace ner = chronicle::extract::ner;
using chronicle::Span;
using chronicle::training::FeatureIndex;
using chronicle::training::kUnknown;

namespace {

struct GoldName {
  uint32_t begin, end;  // bytes
  int type;
};

struct Document {
  std::string text;
  std::vector<GoldName> names;
};

int type_index(std::string_view t) {
  if (t == "PER") return 0;
  if (t == "ORG") return 1;
  if (t == "LOC") return 2;
  return 3;
}

// Token spans [start, end) with types from IOB1 or IOB2 tags (as the scorer reads them).
std::vector<GoldName> spans_from_tags(const std::vector<std::string>& tags) {
  std::vector<GoldName> out;
  int start = -1;
  std::string kind;
  for (size_t i = 0; i <= tags.size(); ++i) {
    const std::string tag = i < tags.size() ? tags[i] : "O";
    const size_t dash = tag.find('-');
    const std::string prefix = tag.substr(0, dash), type = dash == std::string::npos ? "" : tag.substr(dash + 1);
    const bool begins = tag != "O" && (start < 0 || type != kind || prefix == "B");
    if (start >= 0 && (tag == "O" || begins)) {
      out.push_back(GoldName{static_cast<uint32_t>(start), static_cast<uint32_t>(i), type_index(kind)});
      start = -1;
    }
    if (begins) start = static_cast<int>(i), kind = type;
  }
  return out;
}

void add_sentence(Document& doc, const std::vector<std::string>& words, const std::vector<std::string>& tags) {
  if (words.empty()) return;
  if (!doc.text.empty()) doc.text.push_back('\n');
  std::vector<uint32_t> starts;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) doc.text.push_back(' ');
    starts.push_back(static_cast<uint32_t>(doc.text.size()));
    doc.text += words[i];
  }
  for (GoldName g : spans_from_tags(tags)) {
    const uint32_t b = starts[g.begin], e = starts[g.end - 1] + static_cast<uint32_t>(words[g.end - 1].size());
    doc.names.push_back(GoldName{b, e, g.type});
  }
}

std::vector<Document> read_conll(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Document> docs;
  std::vector<std::string> words, tags;
  std::string line;
  auto flush = [&] {
    if (!docs.empty()) add_sentence(docs.back(), words, tags);
    words.clear();
    tags.clear();
  };
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::vector<std::string> cols;
    for (std::string c; fields >> c;) cols.push_back(c);
    if (cols.empty()) {
      flush();
    } else if (cols[0] == "-DOCSTART-") {
      flush();
      docs.emplace_back();
    } else {
      if (docs.empty()) docs.emplace_back();
      words.push_back(cols[0]);
      tags.push_back(cols.back());
    }
  }
  flush();
  std::erase_if(docs, [](const Document& d) { return d.text.empty(); });
  return docs;
}

// A training or test sentence: feature indexes per token and gold tags.
struct Sentence {
  std::vector<uint32_t> offsets;  // per token into features, plus end
  std::vector<uint32_t> features; // indexes into the weight table; kUnknown if unseen
  std::vector<uint8_t> gold;
  std::vector<uint64_t> words;    // prediction-history words (ner::Features::words)
  bool document_start = false;
};
std::vector<uint8_t> gold_tags(const ner::Features& f, const std::vector<GoldName>& names) {
  std::vector<uint8_t> tags(f.tokens.size(), ner::kO);
  for (const GoldName& g : names) {
    std::vector<size_t> inside;
    for (size_t i = 0; i < f.tokens.size(); ++i)
      if (f.tokens[i].begin >= g.begin && f.tokens[i].end <= g.end) inside.push_back(i);
    for (size_t k = 0; k < inside.size(); ++k) {
      const ner::Part part = inside.size() == 1 ? ner::kUnit
                             : k == 0           ? ner::kBegin
                             : k + 1 == inside.size() ? ner::kLast
                                                      : ner::kInside;
      tags[inside[k]] = ner::make_tag(g.type, part);
    }
  }
  return tags;
}

std::vector<Sentence> prepare(const std::vector<Document>& docs, FeatureIndex& index, bool grow) {
  std::vector<Sentence> out;
  ner::Features f;
  for (const Document& d : docs) {
    const auto analysis = chronicle::text::analyze(d.text);
    ner::featurize(analysis, f);
    const std::vector<uint8_t> tags = gold_tags(f, d.names);
    bool first = true;
    for (size_t s = 0; s + 1 < f.sentences.size(); ++s) {
      Sentence sent;
      for (uint32_t i = f.sentences[s]; i < f.sentences[s + 1]; ++i) {
        sent.offsets.push_back(static_cast<uint32_t>(sent.features.size()));
        for (uint32_t k = f.offsets[i]; k < f.offsets[i + 1]; ++k) sent.features.push_back(index.get(f.keys[k], grow));
        sent.gold.push_back(tags[i]);
        sent.words.push_back(f.words[i]);
      }
      sent.offsets.push_back(static_cast<uint32_t>(sent.features.size()));
      sent.document_start = first;
      first = false;
      if (!sent.gold.empty()) out.push_back(std::move(sent));
    }
  }
  return out;
}

// The sentence with the prediction-history features of `history` added.
Sentence with_history(const Sentence& s, const ner::History& history, FeatureIndex& index) {
  Sentence out;
  out.gold = s.gold;
  std::vector<uint32_t> keys;
  for (size_t i = 0; i < s.gold.size(); ++i) {
    out.offsets.push_back(static_cast<uint32_t>(out.features.size()));
    out.features.insert(out.features.end(), s.features.begin() + s.offsets[i], s.features.begin() + s.offsets[i + 1]);
    keys.clear();
    history.keys(s.words[i], keys);
    for (uint32_t k : keys) out.features.push_back(index.get(k, false));
  }
  out.offsets.push_back(static_cast<uint32_t>(out.features.size()));
  return out;
}

// Document ranges [begin, end) of a list of sentences.
std::vector<std::pair<size_t, size_t>> documents_of(const std::vector<Sentence>& sentences) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 0; i < sentences.size(); ++i) {
    if (sentences[i].document_start || out.empty()) out.emplace_back(i, i);
    out.back().second = i + 1;
  }
  return out;
}

constexpr size_t T = ner::kTagCount;
using Perceptron = chronicle::training::Perceptron<T, ner::kO, Sentence, &ner::viterbi<float>>;
constexpr size_t kTransitions = Perceptron::kTransitions;

struct Counts {
  size_t tp[ner::kTypeCount] = {}, fp[ner::kTypeCount] = {}, fn[ner::kTypeCount] = {};
  void add(const std::vector<uint8_t>& gold, const std::vector<uint8_t>& pred) {
    auto g = ner::names_of(gold), p = ner::names_of(pred);
    for (const auto& x : p) {
      const bool hit = std::any_of(g.begin(), g.end(), [&](const auto& y) {
        return y.first == x.first && y.last == x.last && y.type == x.type;
      });
      (hit ? tp : fp)[x.type]++;
    }
    for (const auto& y : g) {
      const bool hit = std::any_of(p.begin(), p.end(), [&](const auto& x) {
        return y.first == x.first && y.last == x.last && y.type == x.type;
      });
      if (!hit) fn[y.type]++;
    }
  }
  static double f1(size_t tp, size_t fp, size_t fn) { return tp ? 2.0 * tp / (2.0 * tp + fp + fn) : 0.0; }
  std::string summary() const {
    size_t a = 0, b = 0, c = 0;
    std::string per;
    const char* names[] = {"PER", "ORG", "LOC", "MISC"};
    for (int t = 0; t < ner::kTypeCount; ++t) {
      a += tp[t], b += fp[t], c += fn[t];
      per += fmt::format(" {} {:.4f}", names[t], f1(tp[t], fp[t], fn[t]));
    }
    return fmt::format("F1 {:.4f} (P {:.4f} R {:.4f};{})", f1(a, b, c), a ? double(a) / (a + b) : 0.0,
                       a ? double(a) / (a + c) : 0.0, per);
  }
};

std::string evaluate(const Perceptron& p, const std::vector<float>& w, const std::vector<Sentence>& dev,
                     FeatureIndex& index) {
  Counts counts;
  std::vector<uint8_t> pred;
  ner::History history;
  for (const Sentence& s : dev) {
    if (s.document_start) history.clear();
    p.decode(with_history(s, history, index), pred, w);
    history.record(s.words.data(), pred.data(), pred.size());
    counts.add(s.gold, pred);
  }
  return counts.summary();
}

// Keeps the `keep` features of largest weight, quantises and writes the model file.
std::string write_model(const std::string& path, const std::vector<float>& w, const FeatureIndex& index, size_t keep,
                        const std::string& header) {
  const size_t n = index.size();
  std::vector<std::pair<float, uint32_t>> strength(n);
  float largest = 0;
  for (size_t i = 0; i < n; ++i) {
    float m = 0;
    for (size_t t = 0; t < T; ++t) m = std::max(m, std::fabs(w[i * T + t]));
    strength[i] = {m, static_cast<uint32_t>(i)};
    largest = std::max(largest, m);
  }
  for (size_t i = 0; i < kTransitions; ++i) largest = std::max(largest, std::fabs(w[n * T + i]));
  std::sort(strength.begin(), strength.end(), [](auto a, auto b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  const float scale = static_cast<float>(ner::kMaxWeight) / largest;
  auto q = [&](float v) { return static_cast<int16_t>(std::lround(v * scale)); };
  std::vector<std::pair<uint32_t, uint32_t>> kept;  // key, feature
  for (size_t i = 0; i < std::min(keep, n); ++i) {
    bool any = false;
    for (size_t t = 0; t < T; ++t) any |= q(w[strength[i].second * T + t]) != 0;
    if (any) kept.emplace_back(index.key(strength[i].second), strength[i].second);
  }
  std::sort(kept.begin(), kept.end());
  std::string out = chronicle::extract::begin_model(header, ner::kModelHeader);
  auto put = [&](const auto& v) { chronicle::extract::append(out, v); };
  put(static_cast<uint32_t>(T));
  put(static_cast<uint32_t>(kept.size()));
  put(scale);
  for (size_t i = 0; i < kTransitions; ++i) put(q(w[n * T + i]));
  for (const auto& [key, f] : kept) {
    uint32_t mask = 0;
    for (size_t t = 0; t < T; ++t)
      if (q(w[f * T + t]) != 0) mask |= 1u << t;
    put(key);
    put(mask);
  }
  for (const auto& [key, f] : kept)
    for (size_t t = 0; t < T; ++t)
      if (int16_t v = q(w[f * T + t]); v != 0) put(v);
  std::ofstream(path, std::ios::binary) << out;
  fmt::print(stderr, "train_ner: wrote {} ({} features of {}, {:.2f} MB)\n", path, kept.size(), n, out.size() / 1e6);
  return out;
}

// Tags dev documents with the written model, exactly as chronicle will.
std::string check_model(const std::string& bytes, const std::vector<Document>& docs) {
  std::string error;
  const ner::Model model = ner::Model::parse(bytes, &error);
  if (model.empty()) return "unreadable model: " + error;
  Counts counts;
  ner::Features f;
  std::vector<uint8_t> pred;
  for (const Document& d : docs) {
    const auto analysis = chronicle::text::analyze(d.text);
    ner::featurize(analysis, f);
    model.tag(f, pred);
    counts.add(gold_tags(f, d.names), pred);
  }
  return counts.summary();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Trains chronicle's name tagger on CoNLL-2003 (see docs/ner.md)"};
  std::string train_path = "../shared/eval/conll2003/eng.train", dev_path, out_path = "data/ner_model.bin";
  int epochs = 15;
  size_t keep = 200000;
  // The shipped model's: of seeds 1, 2 and 3, the best CoNLL dev F1 through the
  // whole pipeline (0.873, 0.874, 0.876; docs/ner.md).
  uint32_t seed = 3;
  app.add_option("--train", train_path, "CoNLL-2003 training file");
  app.add_option("--dev", dev_path, "CoNLL-2003 file to report F1 on after each epoch");
  app.add_option("--epochs", epochs, "passes over the training data");
  app.add_option("--keep", keep, "features kept in the model file");
  app.add_option("--seed", seed, "shuffling seed");
  app.add_option("--out", out_path, "model file to write");
  CLI11_PARSE(app, argc, argv);

  const auto start = std::chrono::steady_clock::now();
  const std::vector<Document> train_docs = read_conll(train_path);
  const std::vector<Document> dev_docs = dev_path.empty() ? std::vector<Document>{} : read_conll(dev_path);
  FeatureIndex index;
  for (uint32_t k : ner::History::all_keys()) index.get(k, true);
  const std::vector<Sentence> train = prepare(train_docs, index, true);
  const std::vector<Sentence> dev = prepare(dev_docs, index, false);
  fmt::print(stderr, "train_ner: {} documents, {} sentences, {} features\n", train_docs.size(), train.size(), index.size());

  // Documents in random order, each one's sentences in order: the prediction
  // history of a sentence comes from the current model's tags of those before it.
  Perceptron model(index.size());
  const auto documents = documents_of(train);
  std::vector<size_t> order(documents.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(seed);
  ner::History history;
  for (int e = 1; e <= epochs; ++e) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    for (size_t d : order) {
      history.clear();
      for (size_t i = documents[d].first; i < documents[d].second; ++i) {
        const std::vector<uint8_t>& pred = model.learn(with_history(train[i], history, index));
        history.record(train[i].words.data(), pred.data(), pred.size());
      }
    }
    if (!dev.empty()) fmt::print(stderr, "epoch {:2d}: dev {}\n", e, evaluate(model, model.averaged(), dev, index));
  }
  const std::string header = fmt::format(
      "# chronicle name tagger: averaged structured perceptron weights over BILOU tags\n"
      "# (PER ORG LOC MISC), features of src/extract/ner_features.cpp version {}.\n"
      "# Derived from the CoNLL-2003 English training data (eng.train), which comes from\n"
      "# the Reuters RCV1 corpus: research use only. These weights derive from it and carry\n"
      "# the same restriction. Trained by: tools/train-ner (epochs {}, seed {}, {} features kept).\n"
      "# See docs/ner.md.\n",
      ner::kFeatureVersion, epochs, seed, keep);
  const std::string bytes = write_model(out_path, model.averaged(), index, keep, header);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(stderr, "train_ner: trained in {:.1f} s\n", secs);
  if (!dev_docs.empty()) fmt::print(stderr, "written model on dev: {}\n", check_model(bytes, dev_docs));
  return 0;
}
