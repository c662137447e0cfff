/*
 * probe.h - the lambdaspec probe function (PROBE.md), written against handler.h.
 *
 * The probe does exactly what each event's "op" says, so that every behaviour of the runtime can be
 * exercised by the conformance suite. Its handler name is "probe".
 */
#ifndef LAMBDA_PROBE_H
#define LAMBDA_PROBE_H

#include "handler.h"

/* Reads PROBE_INIT_SLEEP_MS, PROBE_INIT_EXIT and PROBE_INIT_FAIL once, before the first /next. */
bool probe_init(handler_result *result);

/* Handles one event: a JSON object with an "op". */
void probe_invoke(const char *event, size_t len, const lambda_context *ctx, handler_result *result);

#endif
