// Wires the extractors and in-document coreference into one per-document run.
#include "extract/pipeline.h"

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
}

Pipeline::~Pipeline() = default;

DocumentFacts Pipeline::run(const Document& doc) const {
  DocumentFacts facts;
  facts.anchor = doc.anchor;
  const text::Analysis analysis = text::analyze(doc.text);
  Context ctx{doc, analysis, facts};
  for (const auto& stage : stages_) stage->extract(ctx);
  return facts;
}

std::string_view Pipeline::fingerprint() { return "extract-0.2"; }

}  // namespace chronicle::extract
