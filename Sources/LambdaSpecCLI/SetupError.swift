/// The run could not start (missing bootstrap, bad layer, unreadable catalogue): one line on stderr, exit status 2.
struct SetupError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
