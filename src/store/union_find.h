// Disjoint sets over ids (event clusters, claim mentions): the resolvers turn
// pairwise "same" judgements into groups with it. A group is named by its
// smallest member, so the groups do not depend on the order of the joins.
#pragma once
#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

namespace chronicle::store {

class UnionFind {
 public:
  // The group of x (x alone when it was never seen).
  int64_t find(int64_t x) {
    auto it = parent_.find(x);
    if (it == parent_.end()) {
      parent_[x] = x;
      return x;
    }
    if (it->second == x) return x;
    const int64_t root = find(it->second);
    parent_[x] = root;
    return root;
  }
  void join(int64_t a, int64_t b) {
    a = find(a), b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }
  // Every group seen, by its smallest member, members in ascending order.
  std::map<int64_t, std::vector<int64_t>> groups() {
    std::map<int64_t, std::vector<int64_t>> out;
    for (const auto& [x, p] : parent_) out[find(x)].push_back(x);
    return out;
  }

 private:
  std::map<int64_t, int64_t> parent_;
};

}  // namespace chronicle::store
