// Claim resolution over the database: groups claim mentions into claim nodes.
// A speaker's mentions that say the same thing (resolve/claims.h: the same
// words up to small differences) are one claim, whatever the order or the
// batches in which their documents arrived: each time a speaker's claims
// change, all of that speaker's mentions are grouped again, and a group's node
// is named by the smallest content hash among its members. Mentions without a
// speaker only meet their exact copies. Then links claims that answer earlier
// claims of other speakers (claim_link: responds_to, contradicts).
#pragma once
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "resolve/claims.h"
#include "store/db.h"

namespace chronicle::store {

class ClaimResolver {
 public:
  // What grouping needs of a claim's content: its hash (the node key's part)
  // and its words with their signatures.
  struct Content {
    std::string hash;
    resolve::ClaimText text;
  };
  static std::shared_ptr<const Content> describe(std::string_view content);
  // Contents described ahead of resolution, by their text (the writer
  // describes a batch's claims as it stores them, while extraction runs).
  using Contents = std::unordered_map<std::string, std::shared_ptr<const Content>>;

  explicit ClaimResolver(Db& db, const Contents* described = nullptr) : db_(db), described_(described) {}
  struct Changes {
    std::set<int64_t> stale;  // stored nodes that gained or lost mentions (nodes left empty are deleted)
    std::set<int64_t> made;   // new nodes, with their speaker, quoted flag and date set when made
  };
  // Resolves the given top-level claim mentions, and groups all the claims of
  // the speakers (entities) in `regroup` again.
  Changes resolve(const std::vector<int64_t>& mentions, const std::set<int64_t>& regroup = {});
  // Links each of the `stale` and `made` nodes (Changes), and each claim whose
  // content names their speakers, to the earlier claim it answers. Run after
  // the nodes' speakers and dates are up to date.
  void link(const std::set<int64_t>& stale, const std::set<int64_t>& made);

  // A speaker's mentions beyond this many are grouped by exact content only
  // (pairwise comparison is quadratic).
  static constexpr size_t kMaxFuzzy = 400;

 private:
  struct Row {
    int64_t id = 0, claim = 0;
    std::string content, date;
    int quoted = 0;
    bool pieces = false;                     // a split quotation: later pieces point at this one
    std::shared_ptr<const Content> described;  // of content, set by the caller
    const std::string& hash() const { return described->hash; }
  };
  // The description of `content`, from described_ when it is there.
  std::shared_ptr<const Content> content_of(const std::string& content) const;
  // One row of a query over kRowColumns, without its hash; sets `speaker` (0
  // when unknown).
  Row read_row(Stmt& q, int64_t& speaker);
  // The top-level mention `id`; `speaker` -1 when there is none.
  Row row(int64_t id, int64_t& speaker);
  std::vector<Row> rows_of_speaker(int64_t speaker);
  void assign(int64_t speaker, std::vector<const Row*> group);
  // Replaces the links of `node` (`may_have_links`: false for a node made in
  // this batch, which has none to remove).
  void link_answers(int64_t node, bool may_have_links);
  // Whether a stored claim has an id below `claim`.
  bool older_than(int64_t claim);
  // Adds the claims whose content names the (person) speakers of `claims`.
  void add_claims_naming_speakers(std::set<int64_t>& claims);

  Db& db_;
  const Contents* described_;
  std::set<int64_t> changed_, made_;
};

}  // namespace chronicle::store
