// Disjoint sets over ids (event clusters, claim mentions): the resolvers turn
// pairwise "same" judgements into groups with it. A group is named by its
// smallest member, so the groups do not depend on the order of the joins.
#pragma once
#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chronicle::store {

class UnionFind {
 public:
  // The group of x (x alone when it was never seen).
  int64_t find(int64_t x) {
    auto [it, fresh] = parent_.try_emplace(x, x);
    if (fresh || it->second == x) return x;
    int64_t root = it->second;
    for (auto up = parent_.find(root); up->second != root; up = parent_.find(root)) root = up->second;
    // Everything on the way now points at the root.
    for (int64_t y = x; y != root;) {
      int64_t& p = parent_.find(y)->second;
      y = std::exchange(p, root);
    }
    return root;
  }
  void join(int64_t a, int64_t b) {
    a = find(a), b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }
  // Every group seen, by its smallest member, in ascending order of that
  // member; members in ascending order.
  std::vector<std::pair<int64_t, std::vector<int64_t>>> groups() {
    std::vector<int64_t> seen;
    seen.reserve(parent_.size());
    for (const auto& [x, p] : parent_) seen.push_back(x);
    std::sort(seen.begin(), seen.end());
    std::vector<std::pair<int64_t, std::vector<int64_t>>> out;
    std::unordered_map<int64_t, size_t> slot;  // root -> its place in out
    for (const int64_t x : seen) {
      // A root is its group's smallest member: met before the others.
      const auto [it, fresh] = slot.try_emplace(find(x), out.size());
      if (fresh) out.emplace_back(it->first, std::vector<int64_t>{});
      out[it->second].second.push_back(x);
    }
    return out;
  }

 private:
  std::unordered_map<int64_t, int64_t> parent_;
};

}  // namespace chronicle::store
