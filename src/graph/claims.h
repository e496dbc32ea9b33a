// Claims and full-text search: who said what (by speaker, about an entity,
// containing words), each claim with the sentences it occurs in; and search
// over documents, claims and entity names with SQLite FTS5. User text reaches
// FTS5 as a bound parameter, turned into a query of quoted words (so its
// punctuation is never FTS5 syntax).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "graph/evidence.h"
#include "graph/lookup.h"
#include "store/db.h"

namespace chronicle::graph {

// A claim that answers, or is answered by, another (table claim_link).
struct ClaimLink {
  std::string relation;  // responds_to | contradicts
  bool incoming = false; // true: `speaker` answers this claim; false: this claim answers `speaker`
  int64_t id = 0;
  std::string speaker, content, date;
};

struct Claim {
  int64_t id = 0;
  std::string speaker;  // canonical name, empty when unknown
  std::string content;
  bool quoted = false;
  std::string date;     // may be empty
  int64_t sources = 0;
  std::vector<Evidence> evidence;
  std::string snippet;  // search only: content with matches in [ ]
  std::vector<ClaimLink> links;  // claims(): what it answers and what answers it
};

struct ClaimQuery {
  bool by_speaker = false, by_about = false;
  std::vector<EntityRef> speakers, about;
  std::string search;        // words, all of which must occur; empty: any
  size_t limit = 200;
  size_t evidence_limit = 2;
};

// throws: store::StoreError.
std::vector<Claim> claims(store::Db& db, const ClaimQuery& q);

// An FTS5 query matching documents containing every word of `text` (prefixes
// for a word ending in '*'); empty when `text` has no words.
std::string fts_query(std::string_view text);

struct DocumentHit {
  Source document;
  std::string snippet;
};

struct SearchResult {
  std::vector<EntityRef> entities;
  std::vector<DocumentHit> documents;
  std::vector<Claim> claims;
};

// Entities whose name contains `text`, and documents and claims matching its words.
SearchResult search(store::Db& db, std::string_view text, size_t limit);

}  // namespace chronicle::graph
