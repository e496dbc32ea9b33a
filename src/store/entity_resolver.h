// Cross-document entity resolution over the database (the store side of the
// resolve stage). Every local entity (an in-document chain) has a key
// (resolve::entity_key); the aliases recorded from documents that use a shorter
// form for a fuller one ("Zelenskyy" for "Volodymyr Zelenskyy", "NATO" for the
// alliance's full name) send a key to the one fuller key they agree on. A key
// whose aliases point at several entities (two people sharing a surname) stays
// apart. The assignment depends only on the set of documents stored, not on
// the order or the batches they came in: whenever a key's aliases change, the
// key and the keys aliased to it are resolved again.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/facts.h"
#include "store/db.h"

namespace chronicle::store {

class EntityResolver {
 public:
  explicit EntityResolver(Db& db) : db_(db) {}

  // The key `key` resolves to with the aliases stored so far.
  std::string resolve(const std::string& key);
  // Id of the entity node for a resolved key, created when missing.
  int64_t entity_for(const std::string& resolved_key, EntityKind kind, const std::string& name);
  // Remembers that the aliases or local entities of `key` changed.
  void touch(const std::string& key) { dirty_.insert(key); }
  struct Settled {
    std::set<int64_t> entities;  // entity nodes that gained or lost local entities
    std::set<int64_t> locals;    // local entities that moved to another node
  };
  // Re-resolves every touched key (and the keys aliased to them) and moves their
  // local entities to the node of the key they now resolve to. With
  // `whole_tables`, the alias and local entity tables are read in one pass
  // instead of a query per key (the same rows; see store::Reads).
  Settled settle(bool whole_tables = false);

 private:
  // The alias table and the local entities, by key, as settle() reads them.
  struct Tables {
    struct Targets {
      std::string first;  // the one distinct target, when there is one
      bool several = false;
    };
    std::unordered_map<std::string, Targets> targets;                    // source key -> its targets
    std::unordered_map<std::string, std::vector<std::string>> sources;  // target key -> its distinct sources
    struct Local {
      int64_t id, entity;
      std::string kind, name, entity_key;
    };
    std::unordered_map<std::string, std::vector<Local>> locals;  // key -> its local entities, in id order
  };
  static Tables read_tables(Db& db);
  // resolve(), from `tables` when given.
  std::string resolve(const std::string& key, const Tables* tables);

  Db& db_;
  std::set<std::string> dirty_;
};

}  // namespace chronicle::store
