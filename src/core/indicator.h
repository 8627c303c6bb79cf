/* The rules behind the indicators that are not counts of a cube: which
 * heads a dialogue's chair stands for, a list of unit types, and an
 * establishment's land status on a day. No I/O. */
#ifndef DV_INDICATOR_H
#define DV_INDICATOR_H
#include <stddef.h>

/* the heads a dialogue's chair (registers/dialogues.reg) stands for */
enum { HEAD_PARTY = 1, HEAD_GOVERNMENT = 2, HEADS_BOTH = 3 };
/* cap_uy: the Party committee's head; chinh_quyen: the government's;
 * dong_chu_tri (co-chaired): both; anything else: none (0) */
unsigned dialogue_heads_of(const char *chair);

/* A list of unit types as written on the command line or in a plan:
 * "Xã", "Phường,Thị trấn" (commas, spaces around an item dropped).
 * unit_types_next copies the next item into out (truncated to n) and
 * advances *p past it and its comma (NULL after the last): 1, or 0 once *p
 * is NULL. Every item is returned, empty ones as "" ("Xã,,Phường", "Xã,"
 * and "" have an empty item), so a caller can refuse them. */
int unit_types_next(const char **p, char *out, size_t n);
/* 1 if type is one of the list's items (exact bytes); a NULL or empty list
 * holds every type */
int unit_types_hold(const char *list, const char *type);

/* An establishment's land status on a day. status is the record's stage
 * now (none, dossier, certificate); dossier_on and certificate_on its dates
 * ("YYYY-MM-DD", "" when not given). A stage counts from its date on, so a
 * dossier filed in 2025 is no dossier on 31/12/2024 (nor is a certificate
 * issued later a certificate); a stage reached without a date counts on
 * every day (the record does not say since when). */
typedef enum { LAND_NONE, LAND_DOSSIER, LAND_CERTIFICATE } land_stage;
land_stage land_stage_on(const char *status, const char *dossier_on, const char *certificate_on, int day);
#endif
