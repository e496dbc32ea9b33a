// Who is speaking when an attribution names its source only by a pronoun or a
// role ("he said", "the spokeswoman said"): picks the name mention it refers to
// among the document's earlier mentions, by gender, recency, sentence-subject
// position and who spoke last. Self-contained: it reads name mentions (and any
// pronoun or nominal mentions other stages add) but needs no coreference stage.
// One SpeakerResolver serves one document; it is cheap to build.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/facts.h"
#include "text/segment.h"

namespace chronicle::extract {

enum class Gender : uint8_t { unknown, male, female };

// Gender a given name usually indicates ("Hillary" -> female), from data/first_names.tsv.
Gender gender_of_first_name(std::string_view word);

class SpeakerResolver {
 public:
  // requires: text and facts outlive the resolver; facts.mentions sorted by span.
  SpeakerResolver(const text::Analysis& text, const DocumentFacts& facts);

  // The name mention a pronoun before token `at` refers to, or -1. `gender`
  // unknown accepts anyone; organisations answer "it" (person == false).
  int32_t pronoun(uint32_t at, Gender gender, bool person) const;
  // The person mention a role noun ("spokeswoman", "senator") at token `at`
  // refers to: the latest person introduced with that role, or -1.
  int32_t role(uint32_t at, std::string_view noun) const;
  // When nothing nearer fits: the person the document names most often, of a
  // compatible gender and named before token `at` (its latest name mention
  // there), or -1. News stories centre on one or two people.
  int32_t central_person(uint32_t at, Gender gender) const;
  // The latest recorded speaker within a few sentences before token `at`, or -1.
  int32_t last_speaker(uint32_t at) const;
  // Records that `mention` spoke in the sentence of token `at`.
  void spoke(int32_t mention, uint32_t at);
  // Gender of the entity of a mention, from its given name or an honorific.
  Gender gender(int32_t mention) const;

 private:
  bool is_person(int32_t m) const;
  bool compatible(int32_t m, Gender g, bool person) const;
  int32_t subject_of(uint32_t sentence, uint32_t before, Gender g, bool person) const;

  const text::Analysis& a_;
  const DocumentFacts& f_;
  std::vector<int32_t> mention_at_;  // token -> name mention covering it, or -1
  std::vector<uint8_t> quoted_;       // token -> 1 inside a quotation
  std::vector<Gender> entity_gender_;  // by LocalEntity, or by mention when unresolved
  struct Spoken {
    int32_t mention;
    uint32_t sentence;
  };
  std::vector<Spoken> spoken_;
};

}  // namespace chronicle::extract
