// Fault injection points (see fault.h).
#include "common/fault.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

namespace chronicle::fault {

namespace {

struct Plan {
  bool on = false;
  std::string point;
  long hit = 0;         // fires at this pass (1-based)
  long sleep_ms = -1;   // -1: die
};

// "POINT:N[:sleepMS]"; anything unreadable turns injection off.
Plan read_plan() {
  Plan plan;
  const char* env = std::getenv("CHRONICLE_FAULT");
  if (!env || !*env) return plan;
  const std::string spec = env;
  const size_t a = spec.find(':');
  if (a == std::string::npos) return plan;
  const size_t b = spec.find(':', a + 1);
  plan.point = spec.substr(0, a);
  plan.hit = std::atol(spec.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1).c_str());
  if (b != std::string::npos) {
    const std::string action = spec.substr(b + 1);
    if (!action.starts_with("sleep")) return plan;
    plan.sleep_ms = std::atol(action.c_str() + 5);
  }
  plan.on = plan.hit > 0;
  return plan;
}

const Plan& plan() {
  static const Plan p = read_plan();
  return p;
}

}  // namespace

void point(const char* name) {
  const Plan& p = plan();
  if (!p.on || p.point != name) return;
  static std::atomic<long> passes{0};
  const long n = ++passes;
  if (n != p.hit) return;
  fmt::print(stderr, "chronicle: fault {} {}\n", name, n);
  std::fflush(stderr);
  if (p.sleep_ms >= 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(p.sleep_ms));
    return;
  }
  ::kill(::getpid(), SIGKILL);
}

}  // namespace chronicle::fault
