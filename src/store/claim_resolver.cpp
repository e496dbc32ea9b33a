// Claim resolution (see claim_resolver.h).
#include "store/claim_resolver.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <map>

#include "common/embedded.h"
#include "resolve/claims.h"
#include "resolve/keys.h"
#include "store/union_find.h"

namespace chronicle::store {

namespace {

std::string content_hash(std::string_view content) {
  std::string normal;
  for (const std::string& w : resolve::name_words(content)) normal += w + ' ';
  const XXH128_hash_t h = XXH3_128bits(normal.data(), normal.size());
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

// The words of data/claim_link_words.tsv of one class.
embedded::WordSet claim_link_words(std::string_view word_class) {
  embedded::WordSet out;
  embedded::for_each_row("claim_link_words.tsv", [&](const std::vector<std::string_view>& cols) {
    if (cols.size() >= 2 && cols[1] == word_class) out.emplace(cols[0]);
  });
  return out;
}

// Cue words that deny or reject what they answer (by their stems).
bool denial_cue(std::string_view cues) {
  static const embedded::WordSet stems = claim_link_words("denial");
  for (const std::string& w : resolve::name_words(cues))
    for (const std::string& stem : stems)
      if (w.starts_with(stem)) return true;
  return false;
}

// Content words two claims share: words of at least four letters outside a
// short list of function words, matched like resolve::claim_similarity does.
size_t shared_content_words(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  static const embedded::WordSet function_words = claim_link_words("function");
  std::set<std::string> seen;
  for (const std::string& x : a) {
    if (x.size() < 4 || function_words.count(x)) continue;
    for (const std::string& y : b)
      if (y.size() >= 4 && resolve::same_word(x, y)) seen.insert(x.substr(0, std::min<size_t>(x.size(), 5)));
  }
  return seen.size();
}

}  // namespace

namespace {

// The columns of a top-level claim mention that resolution reads (id, node,
// quoted, date, content with the pieces of a split quotation joined, speaker
// entity, whether it has more pieces), over `claim_mention cm LEFT JOIN
// local_entity l` on the speaker.
constexpr std::string_view kRowColumns = R"sql(
    SELECT cm.id, cm.claim_id, cm.quoted, cm.date,
           CASE WHEN EXISTS (SELECT 1 FROM claim_mention x WHERE x.part_of = cm.id)
                THEN (SELECT group_concat(p.text, ' ') FROM (SELECT text FROM claim_mention
                       WHERE id = cm.id OR part_of = cm.id ORDER BY span_start) p)
                ELSE cm.text END,
           l.entity_id, EXISTS (SELECT 1 FROM claim_mention x WHERE x.part_of = cm.id))sql";

}  // namespace

std::shared_ptr<const ClaimResolver::Content> ClaimResolver::describe(std::string_view content) {
  return std::make_shared<const Content>(Content{content_hash(content), resolve::claim_text(resolve::claim_words(content))});
}

std::shared_ptr<const ClaimResolver::Content> ClaimResolver::content_of(const std::string& content) const {
  if (described_)
    if (const auto known = described_->find(content); known != described_->end()) return known->second;
  return describe(content);
}

ClaimResolver::Row ClaimResolver::read_row(Stmt& q, int64_t& speaker) {
  Row r;
  r.id = q.int64(0), r.claim = q.is_null(1) ? 0 : q.int64(1), r.quoted = static_cast<int>(q.int64(2));
  r.date = q.str(3), r.content = q.str(4);
  speaker = q.is_null(5) ? 0 : q.int64(5);
  r.pieces = q.int64(6) != 0;
  return r;
}

ClaimResolver::Row ClaimResolver::row(int64_t id, int64_t& speaker) {
  static const std::string sql = std::string(kRowColumns) +
                                 " FROM claim_mention cm LEFT JOIN local_entity l ON l.id = cm.speaker_local_id"
                                 " WHERE cm.id = :id AND cm.part_of IS NULL";
  Stmt& q = db_.cached("claim_mention_row", sql);
  q.bind(":id", id);
  speaker = -1;
  return q.step() ? read_row(q, speaker) : Row{};
}

std::vector<ClaimResolver::Row> ClaimResolver::rows_of_speaker(int64_t speaker) {
  static const std::string sql = std::string(kRowColumns) +
                                 " FROM local_entity l JOIN claim_mention cm ON cm.speaker_local_id = l.id"
                                 " WHERE l.entity_id = :speaker AND +cm.part_of IS NULL"  // "+": look up by speaker, not by part_of
                                 " ORDER BY cm.id";
  Stmt& q = db_.cached("claim_mentions_of_speaker", sql);
  q.bind(":speaker", speaker);
  std::vector<Row> out;
  int64_t same = 0;
  while (q.step()) {
    out.push_back(read_row(q, same));
    out.back().described = content_of(out.back().content);
  }
  return out;
}

void ClaimResolver::assign(int64_t speaker, std::vector<const Row*> group) {
  // Named by the smallest hash; worded as its longest member; dated by its earliest.
  std::sort(group.begin(), group.end(), [](const Row* a, const Row* b) { return a->hash() < b->hash(); });
  const std::string key = fmt::format("{}|{}", speaker, group.front()->hash());
  const Row* longest = group.front();
  for (const Row* r : group)
    if (r->content.size() > longest->content.size()) longest = r;
  Stmt& find = db_.cached("find_claim", "SELECT id FROM claim WHERE key = :key");
  find.bind(":key", key);
  int64_t node = 0;
  bool changed = false;  // reworded, or a member came or went
  bool made = false;     // new
  if (find.step()) {
    node = find.int64(0);
    find.reset();
    db_.cached("reword_claim", "UPDATE claim SET content = :content WHERE id = :id AND content <> :content")
        .bind(":content", longest->content).bind(":id", node).run();
    changed = db_.changes() > 0;
  } else {
    find.reset();
    // Quoted if any member is, dated by the earliest: what Writer::refresh_nodes
    // would make of these members (the speaker is theirs).
    int quoted = 0;
    std::string date;
    for (const Row* r : group) {
      quoted = std::max(quoted, r->quoted);
      if (!r->date.empty() && (date.empty() || r->date < date)) date = r->date;
    }
    Stmt& ins = db_.cached("insert_claim", "INSERT INTO claim (key, speaker_entity_id, content, quoted, date) VALUES (:key, :speaker, :content, :quoted, :date)");
    ins.bind(":key", key).bind_or_null(":speaker", speaker ? std::optional<int64_t>(speaker) : std::nullopt).bind(":content", longest->content);
    ins.bind(":quoted", quoted).bind_or_null(":date", date).run();
    node = db_.last_insert_id();
    made_.insert(node);
    made = true;
  }
  for (const Row* r : group) {
    if (r->claim == node) continue;
    if (r->claim) changed_.insert(r->claim);
    // (Two statements: with an OR, SQLite looks both up and merges them.)
    db_.cached("link_claim_mention", "UPDATE claim_mention SET claim_id = :node WHERE id = :id").bind(":node", node).bind(":id", r->id).run();
    if (r->pieces)
      db_.cached("link_claim_pieces", "UPDATE claim_mention SET claim_id = :node WHERE part_of = :id").bind(":node", node).bind(":id", r->id).run();
    changed = true;
  }
  // A node made here is summarised; one made earlier in this run that gains
  // members here (an exact copy without a speaker) is summarised again.
  if (changed && !made) changed_.insert(node);
}

ClaimResolver::Changes ClaimResolver::resolve(const std::vector<int64_t>& mentions, const std::set<int64_t>& regroup) {
  changed_.clear();
  made_.clear();
  std::set<int64_t> speakers = regroup;
  for (const int64_t id : mentions) {
    // Its node and speaker first: a mention with a speaker is read again with
    // all of that speaker's below.
    Stmt& q = db_.cached("claim_mention_speaker",
                         "SELECT cm.claim_id, l.entity_id FROM claim_mention cm LEFT JOIN local_entity l ON l.id = cm.speaker_local_id "
                         "WHERE cm.id = :id AND cm.part_of IS NULL");
    q.bind(":id", id);
    if (!q.step()) continue;
    const int64_t claim = q.is_null(0) ? 0 : q.int64(0), speaker = q.is_null(1) ? 0 : q.int64(1);
    q.reset();
    if (claim) changed_.insert(claim);  // the node it may leave
    if (speaker > 0) {
      speakers.insert(speaker);
      continue;
    }
    int64_t none = 0;
    Row r = row(id, none);
    r.described = content_of(r.content);
    assign(0, {&r});
  }
  for (const int64_t speaker : speakers) {
    const std::vector<Row> rows = rows_of_speaker(speaker);
    UnionFind g;  // over row indices
    const bool fuzzy = rows.size() <= kMaxFuzzy;
    std::map<std::string, size_t> by_hash;
    for (size_t i = 0; i < rows.size(); ++i) {
      const auto at = static_cast<int64_t>(i);
      g.find(at);
      if (auto [it, fresh] = by_hash.try_emplace(rows[i].hash(), i); !fresh) g.join(at, static_cast<int64_t>(it->second));
      if (!fuzzy) continue;
      for (size_t j = 0; j < i; ++j)
        if (g.find(at) != g.find(static_cast<int64_t>(j)) && resolve::same_claim(rows[i].described->text, rows[j].described->text)) g.join(at, static_cast<int64_t>(j));
    }
    for (const auto& [root, members] : g.groups()) {
      std::vector<const Row*> group;
      for (const int64_t i : members) group.push_back(&rows[static_cast<size_t>(i)]);
      assign(speaker, std::move(group));
    }
  }
  // Nodes left without mentions go.
  Changes out;
  for (const int64_t node : changed_) {
    db_.cached("delete_empty_claim", "DELETE FROM claim WHERE id = :id AND NOT EXISTS (SELECT 1 FROM claim_mention WHERE claim_id = :id)")
        .bind(":id", node).run();
    if (db_.changes() == 0) out.stale.insert(node);
  }
  out.made = std::move(made_);
  return out;
}

void ClaimResolver::link(const std::set<int64_t>& stale, const std::set<int64_t>& made) {
  // The nodes, and the claims that name their speakers (who may answer them),
  // get their links again. Claims are numbered as they are made: when none is
  // older than the first made here, every stored claim is among the nodes
  // already (a first ingest), and the search for those naming them is skipped.
  std::set<int64_t> relink = stale;
  relink.insert(made.begin(), made.end());
  if (made.empty() || older_than(*made.begin())) add_claims_naming_speakers(relink);
  // A node made in this batch has no links yet: link_answers() gives a node its
  // links, once per batch.
  for (const int64_t node : relink) link_answers(node, !made.count(node));
}

bool ClaimResolver::older_than(int64_t claim) {
  Stmt& q = db_.cached("older_claims", "SELECT EXISTS (SELECT 1 FROM claim WHERE id < :id)");
  q.bind(":id", claim);
  const bool older = q.step() && q.int64(0) != 0;
  q.reset();
  return older;
}

void ClaimResolver::add_claims_naming_speakers(std::set<int64_t>& claims) {
  // Only people's claims are answered.
  std::set<int64_t> speakers;
  for (const int64_t node : claims) {
    Stmt& q = db_.cached("person_speaker_of_claim",
                         "SELECT c.speaker_entity_id FROM claim c JOIN entity e ON e.id = c.speaker_entity_id WHERE c.id = :node AND e.kind = 'person'");
    q.bind(":node", node);
    if (q.step()) speakers.insert(q.int64(0));
  }
  for (const int64_t speaker : speakers) {
    Stmt& q = db_.cached("claims_naming_speaker", R"sql(
      WITH voice(id) AS (
        SELECT :speaker
        UNION SELECT r.object_entity_id FROM relation r
         WHERE r.subject_entity_id = :speaker AND r.predicate IN ('leader_of', 'spokesperson_for'))
      SELECT DISTINCT cm.claim_id FROM local_entity l JOIN mention m ON m.local_entity_id = l.id
        JOIN claim_mention cm ON cm.document_id = m.document_id AND m.span_start >= cm.span_start AND m.span_end <= cm.span_end
       WHERE l.entity_id IN voice AND cm.claim_id IS NOT NULL
       LIMIT 200)sql");
    q.bind(":speaker", speaker);
    while (q.step()) claims.insert(q.int64(0));
  }
}

void ClaimResolver::link_answers(int64_t node, bool may_have_links) {
  if (may_have_links) db_.cached("unlink_claim", "DELETE FROM claim_link WHERE claim_id = :id").bind(":id", node).run();
  // Only a claim with a speaker and a date answers anything (below): most have
  // no date, and are settled by this cheap read.
  Stmt& dated = db_.cached("claim_speaker_date", "SELECT speaker_entity_id IS NOT NULL AND date IS NOT NULL FROM claim WHERE id = :id");
  dated.bind(":id", node);
  const bool answers = dated.step() && dated.int64(0) != 0;
  dated.reset();
  if (!answers) return;
  // What the claim says, when, by whom, with which cue.
  Stmt& me = db_.cached("claim_to_link", R"sql(
    SELECT c.speaker_entity_id, c.content, c.date,
           (SELECT group_concat(substr(d.text, cm.cue_start + 1, cm.cue_end - cm.cue_start), ' ')
              FROM claim_mention cm JOIN document d ON d.id = cm.document_id
             WHERE cm.claim_id = c.id AND cm.cue_start IS NOT NULL)
      FROM claim c WHERE c.id = :id)sql");
  me.bind(":id", node);
  if (!me.step() || me.is_null(0) || me.is_null(2)) return;
  const int64_t speaker = me.int64(0);
  const std::string date = me.str(2), cues = me.str(3);
  const std::vector<std::string> words = resolve::claim_words(me.text(1));
  me.reset();
  // Earlier claims of whoever its content names (or of who leads or speaks for them).
  Stmt& q = db_.cached("claims_it_may_answer", R"sql(
    WITH named(id) AS (
      SELECT DISTINCT l.entity_id FROM claim_mention cm
        JOIN mention m ON m.document_id = cm.document_id AND m.span_start >= cm.span_start AND m.span_end <= cm.span_end
        JOIN local_entity l ON l.id = m.local_entity_id
       WHERE cm.claim_id = :id AND l.entity_id IS NOT NULL),
    voices(id) AS (
      SELECT id FROM named
      UNION SELECT r.subject_entity_id FROM relation r
       WHERE r.object_entity_id IN named AND r.predicate IN ('leader_of', 'spokesperson_for'))
    SELECT c.id, c.content, c.date FROM claim c JOIN entity e ON e.id = c.speaker_entity_id
     WHERE c.speaker_entity_id IN voices AND c.speaker_entity_id <> :speaker AND e.kind = 'person'
       AND c.date IS NOT NULL AND c.date < :date AND substr(:date, 1, length(c.date)) <> c.date
     ORDER BY c.id LIMIT 200)sql");
  q.bind(":id", node).bind(":speaker", speaker).bind(":date", date);
  int64_t best = 0;
  size_t best_shared = 0;
  bool flipped = false;
  std::string best_date;
  while (q.step()) {
    const std::vector<std::string> theirs = resolve::claim_words(q.text(1));
    const size_t shared = shared_content_words(words, theirs);
    const std::string their_date = q.str(2);
    if (shared < 2 || shared < best_shared || (shared == best_shared && their_date <= best_date)) continue;
    best = q.int64(0), best_shared = shared, best_date = their_date;
    flipped = resolve::negated(words) != resolve::negated(theirs);
  }
  q.reset();
  if (!best) return;
  const bool contradicts = flipped || denial_cue(cues);
  db_.cached("link_claim", "INSERT OR IGNORE INTO claim_link (claim_id, target_id, relation) VALUES (:id, :target, :relation)")
      .bind(":id", node).bind(":target", best).bind(":relation", contradicts ? "contradicts" : "responds_to").run();
}

}  // namespace chronicle::store
