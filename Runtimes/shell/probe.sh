# probe.sh: the lambdaspec probe function for the shell runtime (the "op" events of PROBE.md).
# bootstrap sources this file for _HANDLER=probe.handler and calls `handler < event` in its own shell; see the
# calling convention at the top of bootstrap: RESPONSE on success, ERROR_TYPE/ERROR_MESSAGE plus a non-zero
# status on failure.

# ---- init: runs once, while the runtime sources this file --------------------------------------------------------
if [[ -n ${PROBE_INIT_SLEEP_MS-} ]]; then
    sleep "$(( PROBE_INIT_SLEEP_MS / 1000 )).$(printf '%03d' $(( PROBE_INIT_SLEEP_MS % 1000 )))"
fi
if [[ -n ${PROBE_INIT_EXIT-} ]]; then
    exit "$PROBE_INIT_EXIT"                     # ends the runtime without reporting anything
fi
if [[ -n ${PROBE_INIT_FAIL-} ]]; then
    ERROR_TYPE=Probe.InitFailed ERROR_MESSAGE=$PROBE_INIT_FAIL
    return 1                                    # the runtime posts /runtime/init/error and exits 1
fi

PROBE_COUNT=0                                   # process-global: a fresh runtime process counts from 1 again

# jq 1.6 costs ~20 ms to start, so one jq call decodes the whole event. It prints the op and then the fields that
# op needs, each ended by a NUL byte; for ops without side effects (echo, context, env, large) the one field is
# the finished response. Strings holding U+0000 cannot survive this (bash strings cannot hold NUL).
PROBE_DECODE='
    def seconds: (. // 0) / 1000 | tostring;
    (.op | tostring) as $op
    | [$op] + (
        if   $op == "echo"      then [.payload | tojson]
        elif $op == "context"   then [{requestId: $requestId, deadlineMs: ($deadlineMs | tonumber? // null),
                                       invokedFunctionArn: $invokedFunctionArn, traceId: $ENV._X_AMZN_TRACE_ID,
                                       clientContext: $clientContext, cognitoIdentity: $cognitoIdentity,
                                       tenantId: $tenantId, remainingMs: $remainingMs} | tojson]
        elif $op == "env"       then [[.names[]? | {(.): $ENV[.]}] | add // {} | tojson]
        elif $op == "large"     then ["\"" + (if .bytes > 0 then "x" * .bytes else "" end) + "\""]
        elif $op == "error"     then [.errorType, .errorMessage]
        elif $op == "sleep"     then [(.ms | seconds), (.ms | tojson)]
        elif $op == "tmp-write" then [.name, .data]
        elif $op == "tmp-read"  then [.name]
        elif $op == "tmp-fill"  then [.name, (.mb | tojson)]
        elif $op == "allocate"  then [(.mb | tojson)]
        elif $op == "cwd"       then []
        elif $op == "log"       then [.message, .stream]
        elif $op == "exit"      then [.code]
        elif $op == "stream"    then [(.delayMs | seconds), (.fail != null)] + [.chunks[]?]
        else [] end)
    | map(tostring + "\u0000") | add'

# The context headers as jq variables: --arg with the raw header, or null when the header was absent.
probe_context_args() {
    local pair name var
    PROBE_CONTEXT_ARGS=(--argjson remainingMs "$(lambda_remaining_ms)")
    for pair in requestId:LAMBDA_REQUEST_ID deadlineMs:LAMBDA_DEADLINE_MS \
        invokedFunctionArn:LAMBDA_INVOKED_FUNCTION_ARN clientContext:LAMBDA_CLIENT_CONTEXT \
        cognitoIdentity:LAMBDA_COGNITO_IDENTITY tenantId:LAMBDA_TENANT_ID; do
        name=${pair%%:*} var=${pair#*:}
        if [[ -n ${!var+set} ]]; then
            PROBE_CONTEXT_ARGS+=(--arg "$name" "${!var}")
        else
            PROBE_CONTEXT_ARGS+=(--argjson "$name" null)
        fi
    done
}

# Writes the stream chunks $2... to stdout, sleeping $1 seconds between two chunks.
probe_chunks() {
    local delay=$1 chunk first=1
    shift
    for chunk; do
        [[ -n $first || $delay == 0 ]] || sleep "$delay"
        first=
        printf '%s' "$chunk"
    done
}

handler() {
    local fields=$RUNTIME_SCRATCH/probe-fields path
    local -a field
    probe_context_args
    if ! jq -j "${PROBE_CONTEXT_ARGS[@]}" "$PROBE_DECODE" > "$fields"; then      # jq reads the event on stdin
        ERROR_TYPE=Probe.BadEvent ERROR_MESSAGE="the event is not a JSON object"
        return 1
    fi
    mapfile -d '' -t field < "$fields"
    case ${field[0]} in
        echo | context | env | large)
            RESPONSE=${field[1]}
            ;;
        error)
            ERROR_TYPE=${field[1]} ERROR_MESSAGE=${field[2]}
            return 1
            ;;
        sleep)
            sleep "${field[1]}"
            RESPONSE="{\"slept\":${field[2]}}"
            ;;
        counter)
            (( PROBE_COUNT += 1 ))
            RESPONSE="{\"count\":$PROBE_COUNT}"
            ;;
        tmp-write)
            if ! printf '%s' "${field[2]}" > "${TMPDIR:-/tmp}/${field[1]}"; then
                ERROR_TYPE=Probe.TmpWriteFailed ERROR_MESSAGE="cannot write ${TMPDIR:-/tmp}/${field[1]}"
                return 1
            fi
            RESPONSE='{"written":true}'
            ;;
        tmp-fill)
            path=${TMPDIR:-/tmp}/${field[1]}
            if ! failure=$(head -c $((field[2] * 1048576)) /dev/zero 2>&1 > "$path"); then
                rm -f "$path"
                ERROR_TYPE=Probe.TmpFull ERROR_MESSAGE="cannot write ${field[2]} MB to $path: ${failure:-write failed}"
                return 1
            fi
            RESPONSE="{\"filled\":${field[2]}}"
            ;;
        cwd)
            RESPONSE=$(jq -cn --arg cwd "$PWD" '{cwd: $cwd}')
            ;;
        allocate)
            # The bytes live in this shell's own memory, touched page by page as bash copies them in.
            PROBE_BLOCK=$(head -c $((field[1] * 1048576)) /dev/zero | tr '\0' x)
            RESPONSE="{\"allocated\":${field[1]}}"
            PROBE_BLOCK=
            ;;
        tmp-read)
            path=${TMPDIR:-/tmp}/${field[1]}
            if [[ -f $path ]]; then
                RESPONSE=$(jq -cjn --rawfile data "$path" '{data: $data}')
            else
                RESPONSE='{"data":null}'
            fi
            ;;
        log)
            if [[ ${field[2]} == stderr ]]; then
                printf '%s\n' "${field[1]}" >&2
            else
                printf '%s\n' "${field[1]}"
            fi
            RESPONSE='{"logged":true}'
            ;;
        exit)
            exit "${field[1]}"                  # this shell is the runtime process
            ;;
        crash)
            kill -SEGV $$                       # $$ is the runtime process, even in a subshell
            ;;
        stream)
            # field: op, delay in seconds, whether a mid-stream failure was asked for, the chunks...
            if [[ ${field[2]} == true ]]; then
                ERROR_TYPE=Probe.Unsupported
                ERROR_MESSAGE="failing mid-stream needs HTTP trailers, which curl's command line cannot send"
                return 1
            fi
            lambda_stream_response < <(probe_chunks "${field[1]}" "${field[@]:3}")
            ;;
        *)
            ERROR_TYPE=Probe.UnknownOp ERROR_MESSAGE="unknown op: ${field[0]}"
            return 1
            ;;
    esac
}
