// Event resolution over the database: groups event mentions into event nodes,
// first within each document (its mentions of one event: "the talks", "the
// negotiations", "the five-hour meeting"), then across documents (the same talks
// reported by several outlets), by the rules of resolve/events.h. Runs on the
// mentions a batch added or whose entities moved, with the candidates they can
// meet through shared entities or words.
#pragma once
#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <set>
#include <vector>

#include "resolve/events.h"
#include "resolve/labels.h"
#include "resolve/story.h"
#include "store/db.h"
#include "store/pending_events.h"

namespace chronicle::store {

class EventResolver {
 public:
  // `stories` holds the story words of every stored document, `neighbours`
  // the story neighbours of the batch's documents found as they were stored;
  // `pending` the event mentions of the batch not written yet, which resolution
  // gives their clusters and nodes (links and responses naming them wait there too).
  EventResolver(Db& db, const resolve::StoryIndex& stories, const resolve::StoryNeighbours& neighbours, PendingEvents& pending)
      : db_(db), pending_(pending), stories_(stories), neighbours_(neighbours) {}
  // Whether judging reads which entities each document has and which documents
  // each entity is in from the whole local entity table in one pass, instead of
  // a query for each (the same lists; see store::Reads).
  void read_whole_tables(bool on) { whole_tables_ = on; }
  struct Changes {
    // Stored nodes whose mentions changed, and those of the mentions in
    // `refresh` (whose own facts changed): their summaries are out of date.
    std::set<int64_t> stale;
    // New nodes of more than one mention, summarised when made (those of one
    // mention have nothing more to learn from their mentions: not listed).
    std::set<int64_t> made;
  };
  // Resolves the given event mentions. Once per resolver: what it reads is
  // cached for that one run (the "this run" members below).
  Changes resolve(const std::vector<int64_t>& mentions, const std::set<int64_t>& refresh) {
    prepare(mentions, refresh);
    judge();
    return finish();
  }
  // resolve() in three steps, so that the writer can do other work while the
  // second runs on another thread:
  // 1. Clusters the mentions within each document and reads everything judging
  //    them across documents needs (the database, in the writer's thread).
  void prepare(const std::vector<int64_t>& mentions, const std::set<int64_t>& refresh);
  // 2. Judges each new cluster against its candidates in other documents, from
  //    memory alone: it uses neither the database nor anything the writer
  //    changes meanwhile (the writer must not use this resolver until it returns).
  //    Clusters whose candidates were not all read are left to finish().
  //    Several threads may judge at once: they share the clusters out, and
  //    each call returns when no cluster is left to take.
  void judge();
  // 3. Links the judged clusters, and gives the region they reach its nodes
  //    (the database, in the writer's thread).
  Changes finish();

 private:
  // What a mention's node summary is made of, as stored.
  struct MentionFacts {
    std::string lemma;
    int64_t place = 0;                                   // entity
    std::vector<std::pair<int64_t, bool>> participants;  // entity, whether an agent
  };
  // The event mentions of a document as stored when first asked (this run).
  struct DocumentMentions {
    std::unordered_map<int64_t, MentionFacts> facts;
    std::vector<int64_t> order;  // in text order
    std::unordered_map<int64_t, resolve::EventFeatures> features;
    std::unordered_map<int64_t, std::vector<int64_t>> clusters;  // stored cluster -> members, by id
    std::unordered_map<int64_t, int64_t> cluster_of;             // mention -> stored cluster
  };
  const DocumentMentions& document_mentions(int64_t document);
  // One mention as document_mentions() reads it; 0 for a missing place
  // (entity), cluster or node.
  struct MentionRow {
    int64_t id, document;
    uint32_t position;
    std::string_view kind, lemma, date;
    int64_t place, cluster, event;
  };
  void add_mention(DocumentMentions& out, const MentionRow& m);
  void add_participant(DocumentMentions& out, int64_t mention, int64_t entity, bool agent);
  // Fill `out` from the written mentions of `document`, or from those not
  // written yet (`ids`).
  void stored_mentions(int64_t document, DocumentMentions& out);
  void kept_mentions(int64_t document, const std::vector<int64_t>& ids, DocumentMentions& out);
  // The summary of a node of the mentions of `clusters` (all read in this run).
  resolve::NodeSummary summary(const std::vector<int64_t>& clusters);
  const std::string& entity_name(int64_t entity);  // (this run)
  // Whom an agent acts for as well: what a spokesperson speaks for, a capital's country.
  const std::vector<int64_t>& principals(int64_t agent);
  const resolve::EventFeatures& cluster(int64_t id);
  std::vector<int64_t> cluster_document(int64_t document);
  // Links each response among a document's clusters to the event it answers.
  void link_responses(const std::vector<resolve::EventFeatures>& clusters);
  // Reads what candidates() needs for cluster `c` (this run).
  void prepare_candidates(const resolve::EventFeatures& c);
  // The clusters of other documents that may report the same event as `c`
  // (requires: prepare_candidates(c)); reads nothing and changes nothing.
  std::vector<int64_t> candidates(const resolve::EventFeatures& c) const;
  // The clusters `found` that report the same event as `a`; `overlap` gives
  // the story overlap of two documents.
  template <typename Overlap>
  static std::vector<int64_t> matches(const resolve::EventFeatures& a, const std::vector<const resolve::EventFeatures*>& found,
                                      Overlap&& overlap);
  // Whether any event mention, or any event node, was written before this run
  // (asked once): none on a first ingest.
  bool any_stored_mention();
  bool any_stored_event();
  std::optional<bool> any_stored_mention_, any_stored_event_;
  struct LemmaCluster {
    int64_t cluster;
    std::string lemma;
    const std::vector<uint32_t>* concepts;  // of the lemma (Concepts::ids)
    uint64_t head = 0;                      // prefix_key(lemma)
  };
  // The clusters of a document's mentions other than statements, with their
  // lemmas (this run).
  const std::vector<LemmaCluster>& document_clusters(int64_t document);
  // The concepts of a lemma (resolve::concepts_of), and the same as numbers
  // given in this run, sorted, for quick comparison.
  struct Concepts {
    std::vector<std::string> names;
    std::vector<uint32_t> ids;
    resolve::WordSet lemmas;  // the lemma and its concepts, marked, as EventFeatures::lemmas has them
  };
  const Concepts& concepts(const std::string& lemma);
  struct Stem {
    std::string stem;                       // of a word of a concept
    const std::vector<uint32_t>* concepts;  // of the word (Concepts::ids)
    uint64_t head = 0, mask = 0;            // prefix_key(stem); the bytes of it that are the stem's
  };
  // The stems of the words of the concepts among `lemmas` (this run), kept
  // under concepts_key(lemmas).
  const std::vector<Stem>& concept_stems(const resolve::WordSet& lemmas);
  static std::string concepts_key(const resolve::WordSet& lemmas);
  // How much two documents tell one story (entities and words); overlap_of()
  // computes it from the documents' entities and words as read (null when
  // either was not read).
  resolve::StoryOverlap story_overlap(int64_t a, int64_t b);
  std::optional<resolve::StoryOverlap> overlap_of(int64_t a, int64_t b) const;
  // The other documents of `document`'s story (resolve::one_story), found
  // through shared words and shared entities (this run).
  const std::unordered_set<int64_t>& story_documents(int64_t document);
  // The documents naming an entity (this run).
  const std::vector<int64_t>& entity_documents(int64_t entity);
  // Reads the entities of every stored document, and the documents of every
  // entity, in one pass; document_entities() and entity_documents() then read
  // nothing.
  void read_all_entities();
  bool all_entities_read_ = false;
  bool whole_tables_ = false;
  // The documents of `document`'s story by words, with their similarity (this run).
  const std::unordered_map<int64_t, double>& similar_documents(int64_t document);
  // Replaces the stored links of cluster `a` with links to `matches`.
  void link(int64_t a, const std::vector<int64_t>& matches);
  // Every cluster reachable from `start` through stored links, with the
  // clusters linked to it.
  std::map<int64_t, std::vector<int64_t>> region(const std::vector<int64_t>& start);
  // Gives the clusters `all` one node (the existing one not `claimed` by another
  // group that holds most of their mentions, else a new one), claims it, and
  // adds the nodes that changed to `changes`.
  void assign_node(const std::vector<int64_t>& all, std::set<int64_t>& claimed, Changes& changes);
  // New nodes wait to be written many rows a statement (write_nodes(), before
  // anything refers to them), with the ids SQLite would give them.
  struct NewNode {
    int64_t id = 0;
    std::string key, kind, label, date;
    int64_t place = 0;  // entity, 0 for none
  };
  std::vector<NewNode> new_nodes_;
  int64_t next_node_ = 0;  // id of the next new node; 0 until the first is made
  void write_nodes();
  // A document's distinct entities, sorted.
  const std::vector<int64_t>& document_entities(int64_t document);

  Db& db_;
  PendingEvents& pending_;
  bool used_ = false;
  Changes changes_;                 // (this run)
  std::vector<int64_t> affected_;   // the clusters of the run's documents, judged across documents
  // Per affected cluster, its matches as judge() found them, when it could.
  std::vector<std::optional<std::vector<int64_t>>> judged_matches_;
  std::atomic<size_t> next_judged_{0};  // the first of affected_ no judge() has taken
  // Clusters of documents resolved for the first time (no stored links,
  // responses or nodes), and clusters given links (this run).
  std::unordered_set<int64_t> fresh_, linked_;
  // The stored links of the clusters judged in this run (all of them, as
  // link() wrote them), and the links other clusters' judgements gave to
  // clusters not judged yet (this run).
  std::unordered_map<int64_t, std::vector<int64_t>> judged_;
  std::unordered_map<int64_t, std::set<int64_t>> added_;
  const resolve::StoryIndex& stories_;
  const resolve::StoryNeighbours& neighbours_;
  // cluster id -> features (this run); references stay valid as clusters are added
  std::unordered_map<int64_t, resolve::EventFeatures> clusters_;
  std::unordered_map<int64_t, DocumentMentions> documents_;  // (this run)
  std::unordered_set<int64_t> resolved_documents_;           // documents clustered again in this run
  std::unordered_map<int64_t, std::vector<int64_t>> members_;  // cluster -> its mentions (this run)
  std::unordered_map<int64_t, std::string> entity_names_;    // (this run)
  std::unordered_map<int64_t, int64_t> document_of_;          // mention -> its document (this run)
  std::unordered_map<int64_t, int64_t> event_of_;              // mention -> its node as read, 0 for none
  std::unordered_map<int64_t, std::vector<int64_t>> principals_;  // (this run)
  std::unordered_map<uint64_t, resolve::StoryOverlap> overlaps_;  // document pair -> overlap (this run)
  std::unordered_map<int64_t, std::vector<int64_t>> entities_;  // document -> its entities (this run)
  std::unordered_map<int64_t, std::unordered_set<int64_t>> story_documents_;  // (this run)
  std::unordered_set<int64_t> stories_read_;  // documents whose story documents prepare_candidates() read (this run)
  std::unordered_map<int64_t, std::vector<int64_t>> entity_documents_;         // (this run)
  std::vector<int> shared_;  // scratch of story_documents(): document id -> entities shared
  std::unordered_map<int64_t, std::unordered_map<int64_t, double>> similar_;  // document -> similar_documents (this run)
  std::unordered_map<int64_t, std::vector<LemmaCluster>> document_clusters_;  // (this run)
  std::unordered_map<std::string, std::vector<Stem>> stems_;                  // concepts -> concept_stems (this run)
  std::unordered_map<std::string, Concepts> concepts_;         // lemma -> its concepts (this run)
  std::unordered_map<std::string, uint32_t> concept_numbers_;  // concept -> its number in Concepts::ids (this run)
  // (entity, kind) -> (cluster, document) of the stored mentions it takes part in (this run).
  struct EntityKindHash {
    size_t operator()(const std::pair<int64_t, std::string>& k) const {
      return std::hash<int64_t>()(k.first) * 31 + std::hash<std::string>()(k.second);
    }
  };
  std::unordered_map<std::pair<int64_t, std::string>, std::vector<std::pair<int64_t, int64_t>>, EntityKindHash> entity_clusters_;
  // The same for the mentions not written yet, (cluster, document) sorted,
  // built once every document of the run has its clusters.
  const std::map<std::pair<int64_t, std::string>, std::set<std::pair<int64_t, int64_t>>>& kept_clusters();
  std::map<std::pair<int64_t, std::string>, std::set<std::pair<int64_t, int64_t>>> kept_clusters_;
  bool kept_clusters_built_ = false;
};

}  // namespace chronicle::store
