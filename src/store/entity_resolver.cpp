// Alias-driven cross-document entity resolution (see entity_resolver.h).
#include "store/entity_resolver.h"

#include <optional>
#include <vector>

namespace chronicle::store {

namespace {

EntityKind kind_of_key(const std::string& key, EntityKind fallback) {
  const auto colon = key.find(':');
  if (colon == std::string::npos) return fallback;
  return entity_kind_from(std::string_view(key).substr(0, colon)).value_or(fallback);
}

}  // namespace

std::string EntityResolver::resolve(const std::string& key) { return resolve(key, nullptr); }

std::string EntityResolver::resolve(const std::string& key, const Tables* tables) {
  std::string current = key;
  // Follow unique targets, a few steps at most ("Zelenskyy" -> "Volodymyr
  // Zelenskyy" -> "Volodymyr Oleksandrovych Zelenskyy").
  for (int step = 0; step < 3; ++step) {
    std::vector<std::string> targets;
    if (tables) {
      if (const auto found = tables->targets.find(current); found != tables->targets.end()) {
        targets.push_back(found->second.first);
        if (found->second.several) targets.push_back({});
      }
    } else {
      Stmt& s = db_.cached("alias_targets", "SELECT DISTINCT target_key FROM alias WHERE source_key = :key LIMIT 2");
      s.bind(":key", current);
      while (s.step()) targets.push_back(s.str(0));
    }
    if (targets.size() != 1 || targets[0] == current || targets[0] == key) break;
    current = targets[0];
  }
  return current;
}

EntityResolver::Tables EntityResolver::read_tables(Db& db) {
  Tables t;
  Stmt& a = db.cached("all_aliases", "SELECT DISTINCT source_key, target_key FROM alias");
  while (a.step()) {
    std::string source = a.str(0), target = a.str(1);
    auto [it, fresh] = t.targets.try_emplace(source, Tables::Targets{target, false});
    if (!fresh && it->second.first != target) it->second.several = true;
    t.sources[std::move(target)].push_back(std::move(source));
  }
  Stmt& l = db.cached("all_locals", "SELECT l.key, l.id, l.entity_id, l.kind, l.name, e.key FROM local_entity l JOIN entity e ON e.id = l.entity_id "
                                    "ORDER BY l.id");
  while (l.step()) t.locals[l.str(0)].push_back({l.int64(1), l.int64(2), l.str(3), l.str(4), l.str(5)});
  return t;
}

int64_t EntityResolver::entity_for(const std::string& resolved_key, EntityKind kind, const std::string& name) {
  Stmt& find = db_.cached("find_entity", "SELECT id FROM entity WHERE key = :key");
  find.bind(":key", resolved_key);
  if (find.step()) return find.int64(0);
  Stmt& insert = db_.cached("insert_entity", "INSERT INTO entity (kind, key, name) VALUES (:kind, :key, :name)");
  insert.bind(":kind", to_string(kind_of_key(resolved_key, kind))).bind(":key", resolved_key).bind(":name", name).run();
  return db_.last_insert_id();
}

EntityResolver::Settled EntityResolver::settle(bool whole_tables) {
  Settled out;
  std::optional<Tables> tables;
  if (whole_tables && !dirty_.empty()) tables = read_tables(db_);
  // Keys whose aliases point at a dirty key may now resolve further.
  std::set<std::string> keys = dirty_;
  for (const std::string& k : dirty_) {
    if (tables) {
      if (const auto found = tables->sources.find(k); found != tables->sources.end()) keys.insert(found->second.begin(), found->second.end());
      continue;
    }
    Stmt& s = db_.cached("alias_sources", "SELECT DISTINCT source_key FROM alias WHERE target_key = :key");
    s.bind(":key", k);
    while (s.step()) keys.insert(s.str(0));
  }
  dirty_.clear();
  struct Move {
    int64_t local, from;
    EntityKind kind;
    std::string name;
  };
  std::vector<Move> moves;
  for (const std::string& key : keys) {
    const std::string target = resolve(key, tables ? &*tables : nullptr);
    // Move every local entity with this key whose node is not the target's.
    moves.clear();
    const auto add = [&](int64_t local, int64_t from, std::string_view kind, std::string_view name, std::string_view entity_key) {
      if (entity_key != target) moves.push_back(Move{local, from, entity_kind_from(kind).value_or(EntityKind::other), std::string(name)});
    };
    if (tables) {
      if (const auto found = tables->locals.find(key); found != tables->locals.end())
        for (const Tables::Local& l : found->second) add(l.id, l.entity, l.kind, l.name, l.entity_key);
    } else {
      Stmt& locals = db_.cached("locals_of_key",
                                "SELECT l.id, l.entity_id, l.kind, l.name, e.key FROM local_entity l JOIN entity e ON e.id = l.entity_id "
                                "WHERE l.key = :key ORDER BY l.id");
      locals.bind(":key", key);
      while (locals.step()) add(locals.int64(0), locals.int64(1), locals.text(2), locals.text(3), locals.text(4));
    }
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
