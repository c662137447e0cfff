"""The lambdaspec probe function for Python runtimes (docs/PROBE.md), run here by awslambdaric.

Everything the probe reports about an invocation comes from the context object the runtime hands the handler,
never from the Runtime API's headers, so a wrong value in the report is the runtime's and not the probe's.
Failures are raised as exceptions whose class name is the requested error type: that is how a Python handler
fails, and the runtime turns the class name into errorType.
"""

import json
import os
import sys
import time

MIB = 1024 * 1024


def _error(error_type, message):
    """An exception whose class is named `error_type` (dots included, e.g. Probe.Custom)."""
    return type(error_type, (Exception,), {})(message)


# ---- init: runs once, while the runtime imports this module ------------------------------------------------------
if os.environ.get("PROBE_INIT_SLEEP_MS"):
    time.sleep(int(os.environ["PROBE_INIT_SLEEP_MS"]) / 1000)
if os.environ.get("PROBE_INIT_EXIT"):
    os._exit(int(os.environ["PROBE_INIT_EXIT"]))  # ends the runtime at once, reporting nothing
if os.environ.get("PROBE_INIT_FAIL"):
    raise _error("Probe.InitFailed", os.environ["PROBE_INIT_FAIL"])  # the runtime posts /runtime/init/error

_count = 0  # process-global: a fresh runtime process counts from 1 again


def _tmp(name):
    # Under --isolation process the suite remaps /tmp through TMPDIR; Lambda sets no TMPDIR.
    return os.path.join(os.environ.get("TMPDIR", "/tmp"), name)


def _json_or_none(value):
    return None if value is None else json.dumps(value)


def _client_context(context):
    """The client context as awslambdaric parsed it (custom, env, client), re-encoded as the JSON text it was."""
    client_context = context.client_context
    if client_context is None:
        return None
    client = client_context.client
    if client is not None:
        client = {field: getattr(client, field) for field in type(client).__slots__}
    return json.dumps({"client": client, "custom": client_context.custom, "env": client_context.env})


def _cognito_identity(context):
    """The Cognito identity; awslambdaric gives every invocation an identity object, all None when none was sent."""
    identity = context.identity
    if identity is None or (identity.cognito_identity_id is None and identity.cognito_identity_pool_id is None):
        return None
    return json.dumps(
        {
            "cognitoIdentityId": identity.cognito_identity_id,
            "cognitoIdentityPoolId": identity.cognito_identity_pool_id,
        }
    )


def _context(context):
    # awslambdaric keeps the deadline it parsed in a private field; its public figure is the remaining time.
    deadline = getattr(context, "_epoch_deadline_time_in_ms", None)
    return {
        "requestId": context.aws_request_id,
        "deadlineMs": None if deadline is None else int(deadline),
        "invokedFunctionArn": context.invoked_function_arn,
        "traceId": os.environ.get("_X_AMZN_TRACE_ID"),
        "clientContext": _client_context(context),
        "cognitoIdentity": _cognito_identity(context),
        "tenantId": getattr(context, "tenant_id", None),
        "remainingMs": context.get_remaining_time_in_millis(),
    }


def _tmp_fill(name, mb):
    path = _tmp(name)
    block = b"\0" * MIB
    try:
        with open(path, "wb") as file:
            for _ in range(mb):
                file.write(block)
    except OSError as error:
        try:
            os.remove(path)
        except OSError:
            pass
        raise _error("Probe.TmpFull", "cannot write {} MB to {}: {}".format(mb, path, error.strerror))
    return {"filled": mb}


def _allocate(mb):
    block = b"x" * (mb * MIB)  # the repetition writes every byte, so every page is touched
    del block
    return {"allocated": mb}


def _tmp_read(name):
    try:
        with open(_tmp(name), encoding="utf-8") as file:
            return {"data": file.read()}
    except FileNotFoundError:
        return {"data": None}


def _tmp_write(name, data):
    with open(_tmp(name), "w", encoding="utf-8") as file:
        file.write(data)
    return {"written": True}


def _log(message, stream):
    print(message, file=sys.stderr if stream == "stderr" else sys.stdout, flush=True)
    return {"logged": True}


def _counter():
    global _count
    _count += 1
    return {"count": _count}


def _sleep(ms):
    time.sleep(ms / 1000)
    return {"slept": ms}


def handler(event, context):
    op = event.get("op") if isinstance(event, dict) else None
    if op == "echo":
        return event.get("payload")
    if op == "context":
        return _context(context)
    if op == "env":
        return {name: os.environ.get(name) for name in event.get("names", [])}
    if op == "error":
        raise _error(event.get("errorType"), event.get("errorMessage"))
    if op == "sleep":
        return _sleep(event["ms"])
    if op == "counter":
        return _counter()
    if op == "tmp-write":
        return _tmp_write(event["name"], event["data"])
    if op == "tmp-read":
        return _tmp_read(event["name"])
    if op == "tmp-fill":
        return _tmp_fill(event["name"], event["mb"])
    if op == "allocate":
        return _allocate(event["mb"])
    if op == "cwd":
        return {"cwd": os.getcwd()}
    if op == "log":
        return _log(event.get("message"), event.get("stream"))
    if op == "exit":
        os._exit(int(event["code"]))  # the whole runtime process, at once
    if op == "crash":
        os.abort()  # SIGABRT
    if op == "large":
        return "x" * event["bytes"]
    raise _error("Probe.UnknownOp", "unknown op: {}".format(op))
