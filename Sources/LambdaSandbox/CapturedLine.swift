/// One line of a runtime's stdout or stderr as read from its pipe.
public struct CapturedLine: Sendable, Hashable {
    /// The line without its newline and trailing CR, cut to `LineSplitter.maximumLineBytes` with a note.
    public var text: String
    /// Bytes the line took in the stream, newline included (also when `text` was cut), so totals stay exact.
    public var byteCount: Int

    public init(text: String, byteCount: Int) {
        self.text = text
        self.byteCount = byteCount
    }
}
