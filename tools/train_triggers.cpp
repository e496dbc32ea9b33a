// Trains the event-trigger tagger (src/extract/trigger_tagger.h) on the ECB+
// training topics and writes data/trigger_model.bin. Reproducible: the same data
// and options give the same file.
//
//   build/train_triggers [--ecb DIR] [--sentences CSV] [--epochs N] [--seed N] [--dev] [--out FILE]
//
// ECB+ split (Cybulska & Vossen 2015): dev topics 2 5 12 18 21 23 34 35, test
// topics 36-45 (never read here), train = the rest. Each document becomes the
// text the evaluation builds (tokens joined by spaces, sentences by newlines);
// names, in-document coreference, time expressions and relations run on it
// exactly as in chronicle, and the trigger features come from the same code as
// at run time. Gold triggers are the ACTION_* and NEG_ACTION_* markables (first
// to last anchored token); only the sentences of ECBplus_coreference_sentences.csv
// are fully annotated, so only chronicle sentences lying inside them are used.
// Training is the averaged structured perceptron (Collins 2002) over BIO tags
// with Viterbi decoding; the averaged weights are quantised to 8 bits.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <unordered_map>

#include "extract/doc_view.h"
#include "extract/pipeline.h"
#include "extract/trigger_tagger.h"
#include "resolve/coref.h"
#include "text/segment.h"
#include "perceptron.h"

namespace fs = std::filesystem;
namespace tr = chronicle::extract::triggers;
using chronicle::Span;
using chronicle::training::FeatureIndex;
using chronicle::training::kUnknown;

namespace {

const std::set<int> kDevTopics = {2, 5, 12, 18, 21, 23, 34, 35};
bool test_topic(int topic) { return topic >= 36 && topic <= 45; }

struct EcbDocument {
  std::string name;
  std::string text;
  std::vector<Span> triggers;     // bytes
  std::vector<Span> annotated;    // byte ranges of the validated sentences
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    const size_t semi = s.find(';', i);
    const std::string_view ent = semi == std::string_view::npos ? std::string_view{} : s.substr(i + 1, semi - i - 1);
    if (ent == "amp") out.push_back('&');
    else if (ent == "lt") out.push_back('<');
    else if (ent == "gt") out.push_back('>');
    else if (ent == "quot") out.push_back('"');
    else if (ent == "apos") out.push_back('\'');
    else {
      out.push_back('&');
      continue;
    }
    i = semi;
  }
  return out;
}

// Value of attribute `name` inside the tag text `tag`, or empty.
std::string_view attribute(std::string_view tag, std::string_view name) {
  const std::string pat = std::string(" ") + std::string(name) + "=\"";
  const size_t p = tag.find(pat);
  if (p == std::string_view::npos) return {};
  const size_t b = p + pat.size(), e = tag.find('"', b);
  return e == std::string_view::npos ? std::string_view{} : tag.substr(b, e - b);
}

// Map "topic_file" (e.g. "1_10ecbplus") -> validated sentence numbers.
std::map<std::string, std::set<int>> read_sentences(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::map<std::string, std::set<int>> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, ',');) {
      while (!c.empty() && (c.back() == '\r' || c.back() == ' ')) c.pop_back();
      while (!c.empty() && c.front() == ' ') c.erase(c.begin());
      cols.push_back(c);
    }
    if (cols.size() >= 3) out[cols[0] + "_" + cols[1]].insert(std::stoi(cols[2]));
  }
  return out;
}

// Reads one ECB+ file: its tokens rebuilt into text, the event markables and the validated sentences.
EcbDocument read_ecb(const fs::path& path, const std::set<int>& validated) {
  const std::string xml = read_file(path);
  EcbDocument doc;
  doc.name = path.filename().string();
  std::unordered_map<std::string, std::pair<uint32_t, uint32_t>> token_span;  // t_id -> bytes
  std::map<int, std::pair<uint32_t, uint32_t>> sentence_span;
  int previous_sentence = -1;
  for (size_t p = xml.find("<token "); p != std::string::npos; p = xml.find("<token ", p + 1)) {
    const size_t close = xml.find('>', p);
    const std::string_view tag(xml.data() + p, close - p);
    std::string word;
    if (tag.back() != '/') {
      const size_t end = xml.find("</token>", close);
      word = unescape(std::string_view(xml).substr(close + 1, end - close - 1));
    }
    const int sentence = std::stoi(std::string(attribute(tag, "sentence")));
    if (previous_sentence >= 0) doc.text.push_back(sentence == previous_sentence ? ' ' : '\n');
    previous_sentence = sentence;
    const uint32_t b = static_cast<uint32_t>(doc.text.size());
    doc.text += word;
    const uint32_t e = static_cast<uint32_t>(doc.text.size());
    token_span[std::string(attribute(tag, "t_id"))] = {b, e};
    auto [it, fresh] = sentence_span.try_emplace(sentence, b, e);
    if (!fresh) it->second.second = e;
  }
  for (const auto& [s, span] : sentence_span)
    if (validated.count(s)) doc.annotated.push_back(Span{span.first, span.second});
  const size_t marks = xml.find("<Markables>"), marks_end = xml.find("</Markables>");
  if (marks == std::string::npos) return doc;
  for (size_t p = xml.find('<', marks + 1); p != std::string::npos && p < marks_end; p = xml.find('<', p + 1)) {
    const std::string_view rest(xml.data() + p + 1, marks_end - p - 1);
    if (!rest.starts_with("ACTION_") && !rest.starts_with("NEG_ACTION_")) continue;
    const size_t tag_end = xml.find('>', p);
    if (tag_end == std::string::npos || tag_end > marks_end) break;
    if (xml[tag_end - 1] == '/') continue;  // an instance descriptor: no tokens
    const size_t name_end = rest.find_first_of(" >");
    const std::string closing = "</" + std::string(rest.substr(0, name_end)) + ">";
    const size_t end = xml.find(closing, p);
    if (end == std::string::npos || end > marks_end) break;
    uint32_t b = UINT32_MAX, e = 0;
    for (size_t a = xml.find("<token_anchor", p); a != std::string::npos && a < end; a = xml.find("<token_anchor", a + 1)) {
      const std::string_view atag(xml.data() + a, xml.find('>', a) - a);
      auto it = token_span.find(std::string(attribute(atag, "t_id")));
      if (it == token_span.end()) continue;
      b = std::min(b, it->second.first);
      e = std::max(e, it->second.second);
    }
    if (b < e) doc.triggers.push_back(Span{b, e});
    p = end;
  }
  return doc;
}

// The train or dev documents (never the test topics) with validated sentences.
std::vector<EcbDocument> read_split(const std::string& root, const std::string& csv, bool dev) {
  const auto validated = read_sentences(csv);
  std::vector<fs::path> files;
  for (const auto& dir : fs::directory_iterator(root)) {
    if (!dir.is_directory()) continue;
    const int topic = std::atoi(dir.path().filename().string().c_str());
    if (topic <= 0 || test_topic(topic) || kDevTopics.count(topic) != static_cast<size_t>(dev)) continue;
    for (const auto& f : fs::directory_iterator(dir.path()))
      if (f.path().extension() == ".xml") files.push_back(f.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<EcbDocument> docs;
  for (const fs::path& f : files) {
    auto it = validated.find(f.stem().string());
    if (it == validated.end()) continue;
    docs.push_back(read_ecb(f, it->second));
  }
  return docs;
}

// A sentence ready for the perceptron: feature indexes per token and gold tags.
struct Sentence {
  std::vector<uint32_t> offsets;
  std::vector<uint32_t> features;  // kUnknown when unseen in training
  std::vector<uint8_t> gold;
  std::vector<uint32_t> keys;      // raw keys, for checking the written model
};
// The extractors that run before events in chronicle's pipeline.
struct Extractors {
  std::unique_ptr<chronicle::extract::Extractor> names = chronicle::extract::make_name_extractor();
  std::unique_ptr<chronicle::extract::Extractor> timexes = chronicle::extract::make_timex_extractor();
  std::unique_ptr<chronicle::extract::Extractor> relations = chronicle::extract::make_relation_extractor();
};

std::vector<Sentence> prepare(const std::vector<EcbDocument>& docs, FeatureIndex& index, bool grow, size_t& skipped) {
  Extractors ex;
  std::vector<Sentence> out;
  std::vector<uint8_t> timex;
  for (const EcbDocument& d : docs) {
    chronicle::Document doc;
    doc.text = d.text;
    doc.uri = d.name;
    chronicle::DocumentFacts facts;
    const chronicle::text::Analysis a = chronicle::text::analyze(doc.text);
    chronicle::extract::Context ctx{doc, a, facts};
    ex.names->extract(ctx);
    chronicle::resolve::link_document(doc, a, facts);
    ex.timexes->extract(ctx);
    ex.relations->extract(ctx);
    const chronicle::extract::DocView v(ctx);
    tr::timex_tokens(a, facts, timex);
    for (const chronicle::text::Sentence& sen : a.sentences) {
      const bool inside = std::any_of(d.annotated.begin(), d.annotated.end(), [&](Span r) {
        return r.begin <= sen.span.begin && sen.span.end <= r.end;
      });
      const bool overlaps = std::any_of(d.annotated.begin(), d.annotated.end(), [&](Span r) {
        return r.begin < sen.span.end && sen.span.begin < r.end;
      });
      if (!inside) {
        skipped += overlaps;
        continue;
      }
      Sentence s;
      std::vector<uint32_t> offsets;
      tr::featurize(v, timex, sen.first, sen.last, offsets, s.keys);
      s.offsets = offsets;
      for (uint32_t k : s.keys) s.features.push_back(index.get(k, grow));
      s.gold.assign(sen.last - sen.first, tr::kO);
      for (const Span g : d.triggers) {
        bool first = true;
        for (uint32_t t = sen.first; t < sen.last; ++t) {
          const Span ts = a.tokens[t].span;
          if (ts.begin < g.begin || ts.end > g.end) continue;
          s.gold[t - sen.first] = first ? tr::kB : tr::kI;
          first = false;
        }
      }
      out.push_back(std::move(s));
    }
  }
  return out;
}

constexpr size_t T = tr::kTags;
using Perceptron = chronicle::training::Perceptron<T, tr::kO, Sentence, &tr::viterbi<float>>;
constexpr size_t kTransitions = Perceptron::kTransitions;

std::vector<std::pair<size_t, size_t>> spans_of(const std::vector<uint8_t>& tags) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 0; i < tags.size(); ++i) {
    if (tags[i] != tr::kB) continue;
    size_t j = i + 1;
    while (j < tags.size() && tags[j] == tr::kI) ++j;
    out.emplace_back(i, j);
  }
  return out;
}

// Detection as the ECB+ scorer counts it: a predicted span matches a gold span
// that contains it or that it contains (one to one).
struct Counts {
  size_t tp = 0, predicted = 0, gold = 0;
  void add(const std::vector<uint8_t>& g, const std::vector<uint8_t>& p) {
    auto gs = spans_of(g), ps = spans_of(p);
    predicted += ps.size();
    gold += gs.size();
    std::vector<bool> used(gs.size());
    for (const auto& [b, e] : ps)
      for (size_t k = 0; k < gs.size(); ++k)
        if (!used[k] && ((b <= gs[k].first && gs[k].second <= e) || (gs[k].first <= b && e <= gs[k].second))) {
          used[k] = true;
          ++tp;
          break;
        }
  }
  std::string summary() const {
    const double p = predicted ? double(tp) / predicted : 0, r = gold ? double(tp) / gold : 0;
    return fmt::format("P {:.3f} R {:.3f} F1 {:.3f} (gold {}, predicted {}, matched {})", p, r, p + r > 0 ? 2 * p * r / (p + r) : 0,
                       gold, predicted, tp);
  }
};

std::string evaluate(const Perceptron& p, const std::vector<float>& w, const std::vector<Sentence>& dev, float o_bias = 0) {
  Counts c;
  std::vector<uint8_t> pred;
  for (const Sentence& s : dev) {
    p.decode(s, pred, w, o_bias);
    c.add(s.gold, pred);
  }
  return c.summary();
}

std::string write_model(const std::string& path, const std::vector<float>& w, const FeatureIndex& index, const std::string& header) {
  const size_t n = index.size();
  float largest = 0;
  for (float x : w) largest = std::max(largest, std::fabs(x));
  const float scale = 127.f / largest;
  auto q = [&](float v) { return static_cast<int8_t>(std::lround(v * scale)); };
  std::vector<std::pair<uint32_t, uint32_t>> kept;  // key, feature
  for (size_t i = 0; i < n; ++i) {
    bool any = false;
    for (size_t t = 0; t < T; ++t) any |= q(w[i * T + t]) != 0;
    if (any) kept.emplace_back(index.key(i), static_cast<uint32_t>(i));
  }
  std::sort(kept.begin(), kept.end());
  std::string out = chronicle::extract::begin_model(header, tr::kModelHeader);
  auto put = [&](const auto& v) { chronicle::extract::append(out, v); };
  put(static_cast<uint32_t>(kept.size()));
  put(scale);
  for (size_t i = 0; i < kTransitions; ++i) put(q(w[n * T + i]));
  for (const auto& [key, f] : kept) {
    put(key);
    for (size_t t = 0; t < T; ++t) put(q(w[f * T + t]));
  }
  std::ofstream(path, std::ios::binary) << out;
  fmt::print(stderr, "train_triggers: wrote {} ({} features of {}, {:.2f} MB, scale {:.2f})\n", path, kept.size(), n,
             out.size() / 1e6, scale);
  return out;
}

// Tags dev sentences with the written model, exactly as chronicle will, at several O biases.
void check_model(const std::string& bytes, const std::vector<Sentence>& dev) {
  std::string error;
  const tr::Model model = tr::Model::parse(bytes, &error);
  if (model.empty()) {
    fmt::print(stderr, "unreadable model: {}\n", error);
    return;
  }
  std::vector<uint8_t> pred;
  for (int bias : {-20, -10, 0, 10, 20, 40, 60}) {
    Counts c;
    for (const Sentence& s : dev) {
      model.tag(s.offsets, s.keys, pred, bias);
      c.add(s.gold, pred);
    }
    fmt::print(stderr, "written model on dev, O bias {:3d}: {}\n", bias, c.summary());
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Trains chronicle's event-trigger tagger on the ECB+ training topics (see docs/event-kinds.md)"};
  std::string ecb = "../shared/eval/ecbplus/ECB+", csv, out_path = "data/trigger_model.bin";
  int epochs = 10;
  uint32_t seed = 1;
  bool dev_report = false;
  app.add_option("--ecb", ecb, "ECB+ corpus folder (topic sub-folders)");
  app.add_option("--sentences", csv, "ECBplus_coreference_sentences.csv (default: beside the corpus folder)");
  app.add_option("--epochs", epochs, "passes over the training data");
  app.add_option("--seed", seed, "shuffling seed");
  app.add_flag("--dev", dev_report, "report detection on the dev topics after each epoch");
  app.add_option("--out", out_path, "model file to write");
  CLI11_PARSE(app, argc, argv);
  if (csv.empty()) {
    fs::path root(ecb);
    if (root.filename().empty()) root = root.parent_path();
    csv = (root.parent_path() / "ECBplus_coreference_sentences.csv").string();
  }

  const auto start = std::chrono::steady_clock::now();
  const std::vector<EcbDocument> train_docs = read_split(ecb, csv, false);
  const std::vector<EcbDocument> dev_docs = dev_report ? read_split(ecb, csv, true) : std::vector<EcbDocument>{};
  FeatureIndex index;
  size_t skipped = 0, dev_skipped = 0;
  const std::vector<Sentence> train = prepare(train_docs, index, true, skipped);
  const std::vector<Sentence> dev = prepare(dev_docs, index, false, dev_skipped);
  size_t gold = 0;
  for (const Sentence& s : train) gold += static_cast<size_t>(std::count(s.gold.begin(), s.gold.end(), tr::kB));
  fmt::print(stderr, "train_triggers: {} documents, {} sentences ({} straddling a validated sentence skipped), {} triggers, {} features\n",
             train_docs.size(), train.size(), skipped, gold, index.size());

  Perceptron model(index.size());
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(seed);
  for (int e = 1; e <= epochs; ++e) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    for (size_t i : order) model.learn(train[i]);
    if (!dev.empty()) fmt::print(stderr, "epoch {:2d}: dev {}\n", e, evaluate(model, model.averaged(), dev));
  }
  const std::string header = fmt::format(
      "# chronicle event-trigger tagger: averaged structured perceptron weights over BIO tags,\n"
      "# features of src/extract/trigger_tagger.cpp version {}.\n"
      "# Derived from the ECB+ corpus (Cybulska & Vossen 2014), training topics only, which is\n"
      "# licensed CC BY 3.0 (https://creativecommons.org/licenses/by/3.0/); these weights are\n"
      "# a derived work under the same licence, attribution: ECB+, VU University Amsterdam.\n"
      "# Trained by: tools/train-triggers (epochs {}, seed {}). See docs/event-kinds.md.\n",
      tr::kFeatureVersion, epochs, seed);
  const std::string bytes = write_model(out_path, model.averaged(), index, header);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(stderr, "train_triggers: trained in {:.1f} s\n", secs);
  if (!dev.empty()) check_model(bytes, dev);
  return 0;
}
