// Alias-driven cross-document entity resolution (see entity_resolver.h).
#include "store/entity_resolver.h"

#include <vector>

namespace chronicle::store {

namespace {

EntityKind kind_of_key(const std::string& key, EntityKind fallback) {
  const auto colon = key.find(':');
  if (colon == std::string::npos) return fallback;
  return entity_kind_from(std::string_view(key).substr(0, colon)).value_or(fallback);
}

}  // namespace

std::string EntityResolver::resolve(const std::string& key) {
  std::string current = key;
  // Follow unique targets, a few steps at most ("Zelenskyy" -> "Volodymyr
  // Zelenskyy" -> "Volodymyr Oleksandrovych Zelenskyy").
  for (int step = 0; step < 3; ++step) {
    Stmt& s = db_.cached("alias_targets", "SELECT DISTINCT target_key FROM alias WHERE source_key = :key LIMIT 2");
    s.bind(":key", current);
    std::vector<std::string> targets;
    while (s.step()) targets.push_back(s.str(0));
    if (targets.size() != 1 || targets[0] == current || targets[0] == key) break;
    current = targets[0];
  }
  return current;
}

int64_t EntityResolver::entity_for(const std::string& resolved_key, EntityKind kind, const std::string& name) {
  Stmt& find = db_.cached("find_entity", "SELECT id FROM entity WHERE key = :key");
  find.bind(":key", resolved_key);
  if (find.step()) return find.int64(0);
  Stmt& insert = db_.cached("insert_entity", "INSERT INTO entity (kind, key, name) VALUES (:kind, :key, :name)");
  insert.bind(":kind", to_string(kind_of_key(resolved_key, kind))).bind(":key", resolved_key).bind(":name", name).run();
  return db_.last_insert_id();
}

EntityResolver::Settled EntityResolver::settle() {
  Settled out;
  // Keys whose aliases point at a dirty key may now resolve further.
  std::set<std::string> keys = dirty_;
  for (const std::string& k : dirty_) {
    Stmt& s = db_.cached("alias_sources", "SELECT DISTINCT source_key FROM alias WHERE target_key = :key");
    s.bind(":key", k);
    while (s.step()) keys.insert(s.str(0));
  }
  dirty_.clear();
  for (const std::string& key : keys) {
    const std::string target = resolve(key);
    // Move every local entity with this key whose node is not the target's.
    Stmt& locals = db_.cached("locals_of_key",
                              "SELECT l.id, l.entity_id, l.kind, l.name, e.key FROM local_entity l JOIN entity e ON e.id = l.entity_id "
                              "WHERE l.key = :key");
    locals.bind(":key", key);
    struct Move {
      int64_t local, from;
      EntityKind kind;
      std::string name;
    };
    std::vector<Move> moves;
    while (locals.step())
      if (locals.text(4) != target)
        moves.push_back(Move{locals.int64(0), locals.int64(1), entity_kind_from(locals.text(2)).value_or(EntityKind::other), locals.str(3)});
    for (const Move& m : moves) {
      const int64_t to = entity_for(target, m.kind, m.name);
      db_.cached("move_local_entity", "UPDATE local_entity SET entity_id = :to WHERE id = :id").bind(":to", to).bind(":id", m.local).run();
      out.entities.insert(m.from);
      out.entities.insert(to);
      out.locals.insert(m.local);
    }
  }
  return out;
}

}  // namespace chronicle::store
