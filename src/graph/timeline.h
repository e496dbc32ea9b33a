// Timelines: the events of the story in date order, filtered by entity, period
// and kind, each with its participants, place, number of sources and, on
// request, the sentences that report it. Dates keep their precision (day,
// month or year); undated events are returned apart, never dropped.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "graph/evidence.h"
#include "graph/lookup.h"
#include "store/db.h"

namespace chronicle::graph {

struct EventParticipant {
  std::string entity;  // canonical name
  std::string role;    // agent | patient | recipient | participant
};

struct TimelineEvent {
  int64_t id = 0;
  std::string kind, label, date, place;  // date and place may be empty
  std::vector<EventParticipant> participants;
  int64_t sources = 0;                   // distinct documents
  std::string via;                       // empty, "for NAME", "responds to: LABEL" or "answered by: LABEL"
  std::vector<Evidence> evidence;        // filled when asked for
};

struct TimelineQuery {
  bool by_entity = false;          // restrict to `entities` (empty then means no event)
  std::vector<EntityRef> entities;
  std::string from, to, kind;      // empty: no bound / any kind
  bool evidence = false;
  size_t evidence_limit = 3;       // sentences per event
  // Also list events of kind `other` that name no participant or place ("the
  // talks ended", "percent"): counted in Timeline::hidden otherwise.
  bool all = false;
};

struct Timeline {
  std::vector<TimelineEvent> dated;
  std::vector<TimelineEvent> undated;
  size_t hidden = 0;  // unclassified events naming no one, left out without `all`
};

// throws: store::StoreError.
Timeline timeline(store::Db& db, const TimelineQuery& query);

// The evidence rows of one event, earliest source first, at most `limit`.
std::vector<Evidence> event_evidence(store::Db& db, EvidenceReader& reader, int64_t event_id, size_t limit);

// "day", "month" or "year" for YYYY-MM-DD, YYYY-MM and YYYY; "" otherwise.
std::string_view date_precision(std::string_view date);

// True for a real calendar date in one of the three forms above.
bool valid_date(std::string_view date);

}  // namespace chronicle::graph
