// What extraction finds in one document: the per-document facts that resolve and
// store consume and that `chronicle extract` prints. Spans are bytes into
// Document::text. Indexes (mention, entity, timex) point into the vectors of the
// same DocumentFacts; -1 means "none". Extractors refer to entities through
// mentions; in-document coreference (resolve/coref.h) then groups mentions into
// LocalEntity chains and sets Mention::entity.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/span.h"

namespace chronicle {

enum class EntityKind : uint8_t { person, organization, location, other };
enum class MentionForm : uint8_t { name, nominal, pronoun };
enum class Role : uint8_t { agent, patient, recipient, participant };
enum class EventKind : uint8_t {
  meeting, statement, offer, demand, agreement, refusal, accusation, threat, attack,
  protest, vote, appointment, resignation, legal, sanction, aid, visit, deal, disaster, other
};
enum class Predicate : uint8_t {
  member_of, leader_of, spokesperson_for, employed_by, citizen_of, located_in, part_of, related_to
};

std::string_view to_string(EntityKind);
std::string_view to_string(MentionForm);
std::string_view to_string(Role);
std::string_view to_string(EventKind);
std::string_view to_string(Predicate);
std::optional<EntityKind> entity_kind_from(std::string_view);
std::optional<MentionForm> mention_form_from(std::string_view);
std::optional<Role> role_from(std::string_view);
std::optional<EventKind> event_kind_from(std::string_view);
std::optional<Predicate> predicate_from(std::string_view);

struct Mention {
  Span span;
  EntityKind kind = EntityKind::other;
  MentionForm form = MentionForm::name;
  int32_t entity = -1;  // LocalEntity index, set by in-document coreference
};

// One real-world entity as one document sees it (an in-document coreference chain).
struct LocalEntity {
  EntityKind kind = EntityKind::other;
  std::string name;  // the fullest name form this document uses
};

struct Timex {
  Span span;
  std::string type;   // DATE | TIME | DURATION | SET
  std::string value;  // TimeML value
};

struct Participant {
  int32_t mention = -1;  // Mention index
  Role role = Role::participant;
};

struct EventMention {
  Span trigger;
  EventKind kind = EventKind::other;
  std::string lemma;                      // normalised trigger, e.g. "meet"
  std::vector<Participant> participants;
  int32_t place = -1;                     // Mention index of a location
  int32_t timex = -1;                     // Timex that dates it
  std::string date;                       // YYYY-MM-DD, YYYY-MM, YYYY or empty
  uint32_t sentence = 0;
};

struct ClaimMention {
  Span content;                // what was said, without quotation marks
  std::vector<Span> more;      // further pieces of the same content, in text order: a
                               // quotation interrupted by its cue or continued in the
                               // next sentences or paragraphs
  Span cue;                    // "said", "according to", may be empty
  int32_t speaker = -1;        // Mention index of who said it, -1 when unknown
  bool quoted = false;         // direct quotation
  std::string date;
  int32_t timex = -1;          // Timex that dates the cue ("said on Monday")
  uint32_t sentence = 0;
};

struct RelationMention {
  int32_t subject = -1;  // Mention index
  Predicate predicate = Predicate::related_to;
  int32_t object = -1;   // Mention index
  Span evidence;
};

struct DocumentFacts {
  // LocalEntity index of a mention, or -1 (unresolved or no mention).
  int32_t entity_of(int32_t mention) const {
    return mention >= 0 && static_cast<size_t>(mention) < mentions.size() ? mentions[static_cast<size_t>(mention)].entity : -1;
  }

  std::string anchor;  // date relative expressions were resolved against, or empty
  std::vector<Mention> mentions;
  std::vector<LocalEntity> entities;
  std::vector<Timex> timexes;
  std::vector<EventMention> events;
  std::vector<ClaimMention> claims;
  std::vector<RelationMention> relations;
};

}  // namespace chronicle
