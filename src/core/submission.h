/* The reporting cycle's record: a submission per form x period x unit
 * (draft -> submitted -> approved | returned; app/ holds the rules of who
 * acts), and the completeness rows built from them. */
#ifndef DV_SUBMISSION_H
#define DV_SUBMISSION_H

typedef struct submission {
  char status[16];        /* draft, submitted, approved, returned */
  int submitted_day;      /* 0 if never */
  char submitted_at[32], submitted_by[64], decided_at[32], decided_by[64];
  char comment[1024];
  int due_day;            /* the deadline */
  int on_time;            /* -1 not submitted yet, 0 late, 1 on time */
} submission;
typedef enum { SUB_SUBMIT, SUB_APPROVE, SUB_RETURN, SUB_REOPEN } sub_action;
/* a child unit and its submission */
typedef struct completeness_row {
  char unit[32], unit_name[160];
  submission s;
} completeness_row;
/* timeliness: "on_time", "late" (submitted after the deadline), "missing"
 * (not submitted, deadline passed) or "pending" (not yet due) */
const char *submission_state(const submission *s, int today);
/* units of a level counted by timeliness */
typedef struct level_tally {
  int units, on_time, late, missing, pending;
} level_tally;
#endif
