// Names of the enumerations in facts.h, exactly as CONTRACT.md spells them.
#include "common/facts.h"

#include <array>

namespace chronicle {

namespace {

constexpr std::array<std::string_view, 4> kEntityKinds{"person", "organization", "location", "other"};
constexpr std::array<std::string_view, 3> kForms{"name", "nominal", "pronoun"};
constexpr std::array<std::string_view, 4> kRoles{"agent", "patient", "recipient", "participant"};
constexpr std::array<std::string_view, 20> kEventKinds{
    "meeting", "statement", "offer", "demand", "agreement", "refusal", "accusation",
    "threat", "attack", "protest", "vote", "appointment", "resignation", "legal",
    "sanction", "aid", "visit", "deal", "disaster", "other"};
constexpr std::array<std::string_view, 8> kPredicates{
    "member_of", "leader_of", "spokesperson_for", "employed_by",
    "citizen_of", "located_in", "part_of", "related_to"};

template <typename E, size_t N>
std::optional<E> lookup(const std::array<std::string_view, N>& names, std::string_view s) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

}  // namespace

std::string_view to_string(EntityKind k) { return kEntityKinds[static_cast<size_t>(k)]; }
std::string_view to_string(MentionForm f) { return kForms[static_cast<size_t>(f)]; }
std::string_view to_string(Role r) { return kRoles[static_cast<size_t>(r)]; }
std::string_view to_string(EventKind k) { return kEventKinds[static_cast<size_t>(k)]; }
std::string_view to_string(Predicate p) { return kPredicates[static_cast<size_t>(p)]; }

std::optional<EntityKind> entity_kind_from(std::string_view s) { return lookup<EntityKind>(kEntityKinds, s); }
std::optional<MentionForm> mention_form_from(std::string_view s) { return lookup<MentionForm>(kForms, s); }
std::optional<Role> role_from(std::string_view s) { return lookup<Role>(kRoles, s); }
std::optional<EventKind> event_kind_from(std::string_view s) { return lookup<EventKind>(kEventKinds, s); }
std::optional<Predicate> predicate_from(std::string_view s) { return lookup<Predicate>(kPredicates, s); }

}  // namespace chronicle
