// Fault injection for the crash-safety tests: named points in the code where a
// test can make the process die as if killed (SIGKILL: no destructors, no
// rollback, nothing flushed) or stall. Off unless the environment variable
// CHRONICLE_FAULT is set, e.g.
//   CHRONICLE_FAULT=ingest.stored:7            die at the 7th "ingest.stored"
//   CHRONICLE_FAULT=ingest.stored:1:sleep3000  sleep 3 s at the 1st, then go on
// Each time the fault fires it first prints "chronicle: fault POINT N" on stderr,
// so a test can tell that the process reached the point.
// Points: ingest.stored (a document was written, its transaction still open),
// writer.resolving (mid-resolution of a batch), ingest.resolved (batch resolved,
// not yet committed), ingest.committed (just after a commit),
// schema.migrating (a migration file applied, its transaction still open).
#pragma once

namespace chronicle::fault {

// Counts a pass through `point` and fires when CHRONICLE_FAULT names it and the
// count matches. Costs one predictable branch when CHRONICLE_FAULT is unset.
void point(const char* name);

}  // namespace chronicle::fault
