import ConformanceModel
import Foundation
import MockRuntimeAPI
import ScenarioEngine
import Synchronization

/// The live view of `lambdaspec serve`: one line per Runtime API exchange, runtime output line, process event and
/// invocation, with the time since the session started.
final class ServeConsole: Sendable {
    private let useColor: Bool
    /// Events arrive from NIO, reader and waiter threads; one line is written at a time.
    private let writing = Mutex(())
    /// Longest body preview and output line shown; the rest is summarised.
    static let previewLimit = 100
    static let lineLimit = 2000

    init(useColor: Bool) {
        self.useColor = useColor
    }

    func show(_ event: InteractiveEvent) {
        let text = line(for: event) + "\n"
        writing.withLock { _ in FileHandleOutput.standardOutput(text) }
    }

    func line(for event: InteractiveEvent) -> String {
        switch event {
        case .exchange(let exchange):
            return row(exchange.respondedAtMs ?? exchange.receivedAtMs, "conn \(exchange.connection)", .cyan)
                + describe(exchange)
        case .output(let line):
            let text = line.text.count > Self.lineLimit ? String(line.text.prefix(Self.lineLimit)) + "…" : line.text
            return row(line.atMs, "[\(line.stream.rawValue)]", line.stream == .stderr ? .yellow : .plain) + text
        case .process(let event):
            return row(event.atMs, "process \(event.processStart)", .magenta) + describe(event)
        case .initEnded(let outcome, let durationMs, let atMs):
            let text =
                outcome == .ready
                ? paint("ready", .green) + " after \(Self.ms(durationMs)) (first GET /next)"
                : paint("failed: \(outcome.rawValue)", .red) + " after \(Self.ms(durationMs)); "
                    + "the first invocation runs init again"
            return row(atMs, "init", .bold) + text
        case .invocationStarted(let requestID, let eventBytes, let atMs):
            return row(atMs, "invoke", .bold) + "\(requestID) ← event \(Self.size(eventBytes))"
        case .invocationEnded(let summary):
            return row(summary.atMs, "invoke", .bold) + describe(summary)
        }
    }

    private func describe(_ exchange: RecordedExchange) -> String {
        let request = exchange.request
        let status = exchange.response?.status ?? 0
        let arrow = paint("→ \(status)", (200..<300).contains(status) ? .green : .red)
        if let malformed = request.malformed {
            return "malformed request (\(malformed)) " + arrow
        }
        var text = "\(request.method) \(request.path)"
        if request.method != "GET" || !request.body.isEmpty { text += " \(Self.size(request.body.count))" }
        var notes: [String] = []
        if let type = request.headers.first(RuntimeAPIHeader.functionErrorType) { notes.append("error type \(type)") }
        if let mode = request.headers.first(RuntimeAPIHeader.responseMode) { notes.append("mode \(mode)") }
        if request.chunked { notes.append("chunked") }
        if let type = request.trailers?.first(RuntimeAPIHeader.functionErrorType) {
            notes.append("trailer error type \(type)")
        }
        if !notes.isEmpty { text += " [" + notes.joined(separator: ", ") + "]" }
        text += " " + arrow
        if let response = exchange.response {
            if let fault = response.fault { text += " " + paint("(\(fault))", .red) }
            if request.path.hasPrefix(RuntimeAPIPath.next), status == 200 {
                let id = response.headers.first(RuntimeAPIHeader.requestID) ?? "?"
                let held = (exchange.respondedAtMs ?? exchange.receivedAtMs) - exchange.receivedAtMs
                text += " (id \(id), held \(Self.ms(held)))  " + paint(Self.preview(response.body), .dim)
            } else if !(200..<300).contains(status) {
                text += "  " + paint(Self.preview(response.body), .dim)
            } else if !request.body.isEmpty {
                text += "  " + paint(Self.preview(request.body), .dim)
            }
        }
        return text
    }

    private func describe(_ event: ProcessEvent) -> String {
        switch event.kind {
        case .started: "started \(event.detail)"
        case .exited: paint(event.detail, .magenta)
        case .initTimeout: paint("init timeout: \(event.detail)", .red)
        case .invokeTimeout: paint("invocation timeout: \(event.detail)", .red)
        case .outOfMemory: paint("out of memory: \(event.detail)", .red)
        case .killed, .signalled: paint("\(event.kind.rawValue): \(event.detail)", .red)
        }
    }

    private func describe(_ summary: InteractiveInvocationSummary) -> String {
        var text = "\(summary.requestID) "
        if let type = summary.errorType {
            text += paint("→ \(summary.status) Unhandled \(type)", .red)
        } else {
            text += paint("→ \(summary.status)", (200..<300).contains(summary.status) ? .green : .red)
        }
        var facts = ["\(Self.size(summary.responseBytes))", "duration \(Self.ms(summary.durationMs))"]
        if let initMs = summary.initDurationMs { facts.append("init \(Self.ms(initMs))") }
        if let peak = summary.peakResidentKilobytes {
            facts.append(String(format: "max memory %.1f MiB", Double(peak) / 1024))
        }
        return text + " (" + facts.joined(separator: ", ") + ")"
    }

    // MARK: - Formatting

    enum Color: String {
        case plain = ""
        case dim = "2"
        case bold = "1"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case magenta = "35"
        case cyan = "36"
    }

    private func paint(_ text: String, _ color: Color) -> String {
        guard useColor, color != .plain else { return text }
        return "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m"
    }

    /// `   12.345s  label       ` — a fixed-width time and label column.
    private func row(_ atMs: Double, _ label: String, _ color: Color) -> String {
        let time = String(format: "%9.3fs", atMs / 1000)
        let padded = label.count >= 11 ? label : label + String(repeating: " ", count: 11 - label.count)
        return paint(time, .dim) + "  " + paint(padded, color) + " "
    }

    static func ms(_ value: Double) -> String {
        value >= 10_000 ? String(format: "%.2f s", value / 1000) : String(format: "%.1f ms", value)
    }

    static func size(_ bytes: Int) -> String {
        if bytes < 10 * 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return String(format: "%.1f KiB", Double(bytes) / 1024) }
        return String(format: "%.1f MiB", Double(bytes) / 1024 / 1024)
    }

    /// A body on one line: control characters escaped, cut at `previewLimit` characters.
    static func preview(_ bytes: [UInt8]) -> String {
        var text = ""
        for character in String(decoding: bytes.prefix(previewLimit * 4), as: UTF8.self) {
            if text.count >= previewLimit {
                return text + "…"
            }
            switch character {
            case "\n": text += "\\n"
            case "\r\n": text += "\\r\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                text +=
                    character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F })
                    ? String(character) : "·"
            }
        }
        return bytes.count > previewLimit * 4 ? text + "…" : text
    }
}
