import ConformanceModel
import MockRuntimeAPI

/// The named whole-conversation checks (`WireCheck`), each a walk over the recorded exchanges.
struct WireCheckEvaluator {
    let exchanges: [RecordedExchange]

    func evaluate(_ check: WireCheck) -> CheckResult {
        let failure: (String, String)? =
            switch check {
            case .firstRequestIsNextOrInitError: firstRequestViolation()
            case .answersUseRequestId: requestIDViolation()
            case .oneAnswerPerInvocation: doubleAnswerViolation()
            case .pollsNextAfterAnswer: missingPollViolation()
            case .silentAfterInitError: chattyAfterInitErrorViolation()
            case .wellFormedRequests: malformedViolation()
            case .connectionUsage: nil
            case .closesConnectionAfterStream: streamConnectionReuse()
            }
        if check == .connectionUsage {
            let connections = Set(exchanges.map(\.connection)).count
            let usage = connections == exchanges.count ? "a new connection per request" : "keep-alive"
            return CheckResult(
                description: "wire: connection-usage",
                passed: true,
                expected: "any connection handling",
                actual: "\(exchanges.count) requests on \(connections) connections (\(usage))"
            )
        }
        return CheckResult(
            description: "wire: \(check.rawValue)",
            passed: failure == nil,
            expected: failure?.0 ?? Self.expectation(check),
            actual: failure?.1 ?? "as expected"
        )
    }

    static func expectation(_ check: WireCheck) -> String {
        switch check {
        case .firstRequestIsNextOrInitError: "each process starts with GET /next or POST /runtime/init/error"
        case .answersUseRequestId: "every answer names the invocation in flight"
        case .oneAnswerPerInvocation: "at most one answer per invocation"
        case .pollsNextAfterAnswer: "GET /next after every answer"
        case .silentAfterInitError: "no request after /runtime/init/error"
        case .wellFormedRequests: "well-formed requests to known paths"
        case .connectionUsage: "any connection handling"
        case .closesConnectionAfterStream: "no request on a streamed response's connection"
        }
    }

    private static func isAnswer(_ exchange: RecordedExchange) -> Bool {
        let path = exchange.request.path
        return exchange.request.method == "POST" && path.hasPrefix(RuntimeAPIPath.prefix + "/runtime/invocation/")
            && (path.hasSuffix("/response") || path.hasSuffix("/error"))
    }

    private static func isNext(_ exchange: RecordedExchange) -> Bool {
        exchange.request.path == RuntimeAPIPath.next
    }

    private static func line(_ exchange: RecordedExchange) -> String {
        "#\(exchange.sequence) \(exchange.request.method) \(exchange.request.path) → \(exchange.response.map { "\($0.status)" } ?? "no response")"
    }

    /// The exchanges of each bootstrap start, in start order, so the first violation reported is the earliest.
    private var byProcess: [(key: Int, value: [RecordedExchange])] {
        Dictionary(grouping: exchanges, by: \.processStart).sorted { $0.key < $1.key }
    }

    private func firstRequestViolation() -> (String, String)? {
        for (_, list) in byProcess {
            // Extension registration and telemetry subscriptions may come first (runtime-api.md §5.1).
            guard let first = list.first(where: { !CompanionAPI.contains($0.request.path) }) else { continue }
            if !(Self.isNext(first) || first.request.path == RuntimeAPIPath.initError) {
                return ("GET /next or POST /runtime/init/error first", Self.line(first))
            }
        }
        return nil
    }

    private func requestIDViolation() -> (String, String)? {
        var inFlight: String?
        var lastProcess = -1
        for exchange in exchanges {
            if exchange.processStart != lastProcess {
                inFlight = nil
                lastProcess = exchange.processStart
            }
            if Self.isNext(exchange), exchange.response?.status == 200 {
                inFlight = exchange.response?.headers.first(RuntimeAPIHeader.requestID)
            } else if Self.isAnswer(exchange) {
                let parts = exchange.request.path.split(separator: "/")
                let id = parts.count >= 2 ? String(parts[parts.count - 2]) : ""
                if id != inFlight {
                    return ("an answer for \(inFlight ?? "no invocation in flight")", Self.line(exchange))
                }
            }
        }
        return nil
    }

    private func doubleAnswerViolation() -> (String, String)? {
        for exchange in exchanges where Self.isAnswer(exchange) {
            if let response = exchange.response, response.status == 403, response.fault == nil {
                return ("one answer per invocation", Self.line(exchange) + " (already answered)")
            }
        }
        return nil
    }

    private func missingPollViolation() -> (String, String)? {
        for (_, list) in byProcess {
            for (index, exchange) in list.enumerated() where Self.isAnswer(exchange) {
                guard let status = exchange.response?.status, status == 202 else { continue }
                if !list[(index + 1)...].contains(where: Self.isNext) {
                    return ("GET /next after \(Self.line(exchange))", "no further /next from this process")
                }
            }
        }
        return nil
    }

    private func chattyAfterInitErrorViolation() -> (String, String)? {
        for (_, list) in byProcess {
            guard
                let index = list.firstIndex(where: {
                    $0.request.path == RuntimeAPIPath.initError && $0.response?.status == 202
                })
            else { continue }
            if let next = list[(index + 1)...].first {
                return ("nothing after /runtime/init/error", Self.line(next))
            }
        }
        return nil
    }

    private func streamConnectionReuse() -> (String, String)? {
        for (index, exchange) in exchanges.enumerated() where Self.isAnswer(exchange) {
            guard exchange.request.headers.first(RuntimeAPIHeader.responseMode) == "streaming" else { continue }
            if let reuse = exchanges[(index + 1)...].first(where: { $0.connection == exchange.connection }) {
                return (
                    "connection \(exchange.connection) closed after #\(exchange.sequence)", Self.line(reuse) + " on it"
                )
            }
        }
        return nil
    }

    private func malformedViolation() -> (String, String)? {
        for exchange in exchanges {
            if let reason = exchange.request.malformed {
                return ("well-formed HTTP/1.1", "#\(exchange.sequence) malformed: \(reason)")
            }
            if let status = exchange.response?.status, status == 404 || status == 405 {
                return ("a known Runtime API path", Self.line(exchange))
            }
        }
        return nil
    }
}
