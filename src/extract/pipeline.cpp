// Wires the extractors and in-document coreference into one per-document run.
#include "extract/pipeline.h"

#include <chrono>
#include <thread>

#include "extract/ner_features.h"
#include "extract/trigger_tagger.h"
#include "resolve/coref.h"

namespace chronicle::extract {

namespace {

// In-document coreference runs between name finding and the extractors that
// refer to entities; it is the resolve stage's, wrapped as a step here.
class CorefStep : public Extractor {
 public:
  std::string_view name() const override { return "coref"; }
  void extract(Context& ctx) const override { resolve::link_document(ctx.doc, ctx.text, ctx.facts); }
};

}  // namespace

Pipeline::Pipeline() {
  stages_.push_back(make_name_extractor());
  stages_.push_back(std::make_unique<CorefStep>());
  stages_.push_back(make_timex_extractor());
  stages_.push_back(make_relation_extractor());
  stages_.push_back(make_event_extractor());
  stages_.push_back(make_claim_extractor());
}

Pipeline::~Pipeline() = default;

void Pipeline::preload() {
  const auto quietly = [](auto&& load) {
    try {
      load();
    } catch (...) {  // the first document that needs it reports it
    }
  };
  // The common-word list and the trigger model are the largest to load and
  // need nothing else; the rest loads as a short text is extracted.
  std::thread words([&] {
    quietly([] {
      (void)ner::word_list_class("the");
      (void)triggers::Model::shipped();
    });
  });
  quietly([] {
    const Pipeline pipeline;
    Document d;
    d.title = "Port talks";
    d.anchor = "2025-03-05";
    d.text = "Port talks\nMayor Lena Voss met union leaders from Antwerp in Harbourg on Monday, 3 March 2025. "
             "\"We will not give up,\" said Piet Claes, a spokesman for the dockers' union. The strike ended a day later.";
    (void)pipeline.run(d);
  });
  words.join();
}

void StageTimes::add(std::string_view stage, double s) {
  for (auto& [name, total] : seconds)
    if (name == stage) {
      total += s;
      return;
    }
  seconds.emplace_back(stage, s);
}

DocumentFacts Pipeline::run(const Document& doc, StageTimes* times) const {
  using Clock = std::chrono::steady_clock;
  DocumentFacts facts;
  facts.anchor = doc.anchor;
  auto t0 = Clock::now();
  const text::Analysis analysis = text::analyze(doc.text);
  Context ctx{doc, analysis, facts};
  if (!times) {
    for (const auto& stage : stages_) stage->extract(ctx);
    return facts;
  }
  auto lap = [&](std::string_view name) {
    const auto t1 = Clock::now();
    times->add(name, std::chrono::duration<double>(t1 - t0).count());
    t0 = t1;
  };
  lap("text");
  for (const auto& stage : stages_) {
    stage->extract(ctx);
    lap(stage->name());
  }
  return facts;
}

std::string_view Pipeline::fingerprint() { return "extract-0.4"; }

}  // namespace chronicle::extract
