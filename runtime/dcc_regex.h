/* dcc_regex.h - table-driven DFA matcher for contract patterns (docs/patterns.md).
 *
 * The compiler turns each `pattern "..."` into a deterministic automaton over the bytes of
 * UTF-8 text and emits it as static tables of this form; the runtime only walks the tables,
 * so a search takes one table lookup per input byte whatever the pattern is. */
#ifndef DCC_REGEX_RT_H
#define DCC_REGEX_RT_H

#include <stddef.h>
#include <stdint.h>

#include "dcc_rt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bits of dcc_dfa.accept[state]. */
#define DCC_DFA_ACCEPT 1u        /* a match has been seen: the search succeeds now */
#define DCC_DFA_ACCEPT_AT_END 2u /* the search succeeds if the input ends here (patterns with `$`) */

/* State 0 of every table is the dead state: no continuation can match, so a search stops. */
#define DCC_DFA_DEAD 0u

/* dcc_dfa (defined in dcc_rt.h, since descriptors point to it) is a compiled pattern, searched
 * unanchored over UTF-8 bytes.
 *  - Bytes are first mapped to equivalence classes (bytes no pattern distinguishes share a
 *    class), which keeps the transition table nstates * nclasses instead of nstates * 256.
 *  - trans[state * nclasses + byte_class[b]] is the next state after byte b.
 *  - Accepting states (DCC_DFA_ACCEPT) loop to themselves on every class: since a search only
 *    asks whether a match exists, the first match decides it ("accept and stay").
 *  - DCC_DFA_ACCEPT_AT_END marks states where `$` (end of input) would complete a match.
 * Every state index in trans and start is < nstates; DCC_DFA_DEAD (0) always exists.
 * The functions below read only the members libdccrt 0.1 had, so they also take its tables. */

/* Does the pattern match somewhere in s[0..n)? Returns 1 for a match, 0 otherwise.
 * s should be valid UTF-8 (validators check that first); invalid bytes are safe but simply
 * never match `.` or a class. Runs in O(n) time and O(1) space. NULL d or s (with n > 0)
 * never match. */
DCC_API int dcc_dfa_search(const dcc_dfa *d, const char *s, size_t n);

/* dcc_dfa_search, also storing in *steps the number of transitions taken (<= n): a way for
 * tests and benchmarks to show the work is linear by counting rather than timing. */
DCC_API int dcc_dfa_search_steps(const dcc_dfa *d, const char *s, size_t n, size_t *steps);

/* Checks that the tables are well formed (indices in range, accepting states absorbing).
 * Returns 1 when they are, 0 otherwise (also for NULL); for tests and for tables loaded from
 * elsewhere. */
DCC_API int dcc_dfa_check(const dcc_dfa *d);

#ifdef __cplusplus
}
#endif

#endif
