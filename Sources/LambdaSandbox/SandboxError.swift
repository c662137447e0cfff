#if canImport(Glibc)
    import Glibc
#endif

/// Why lambdaspec could not build or start an execution environment: a harness error, never a verdict.
///
/// The message carries what a user needs to fix the cause (paths, limits, figures); `description` is one line.
public struct SandboxError: Error, Sendable, CustomStringConvertible {
    /// A stable category to branch on; the message is for humans.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Storage: String, Hashable, Sendable {
            case pathNotFound = "path-not-found"
            case notAZip = "not-a-zip"
            case unsafeEntry = "unsafe-entry"
            case unsafeSymlink = "unsafe-symlink"
            case tooManyLayers = "too-many-layers"
            case sizeLimitExceeded = "size-limit-exceeded"
            case bootstrapNotFound = "bootstrap-not-found"
            case bootstrapNotExecutable = "bootstrap-not-executable"
            case spawnFailed = "spawn-failed"
            case fileSystem = "file-system"
            case isolationUnavailable = "isolation-unavailable"
            case invalidLimit = "invalid-limit"
            case invalidRootFileSystem = "invalid-root-file-system"
        }

        private let storage: Storage
        private init(_ storage: Storage) { self.storage = storage }

        /// A function or layer path that does not exist.
        public static let pathNotFound = Code(.pathNotFound)
        /// A function or layer file that cannot be read as a zip archive.
        public static let notAZip = Code(.notAZip)
        /// A zip entry with an absolute path or a `..` component.
        public static let unsafeEntry = Code(.unsafeEntry)
        /// A symlink that is absolute or resolves outside the folder it was extracted into.
        public static let unsafeSymlink = Code(.unsafeSymlink)
        /// More layers than Lambda allows.
        public static let tooManyLayers = Code(.tooManyLayers)
        /// More unzipped bytes than Lambda allows for function code plus layers.
        public static let sizeLimitExceeded = Code(.sizeLimitExceeded)
        /// No `bootstrap` in any place Lambda looks.
        public static let bootstrapNotFound = Code(.bootstrapNotFound)
        /// A `bootstrap` exists but is not an executable regular file.
        public static let bootstrapNotExecutable = Code(.bootstrapNotExecutable)
        /// `posix_spawn` refused to start the executable.
        public static let spawnFailed = Code(.spawnFailed)
        /// Creating, writing or reading the layout failed.
        public static let fileSystem = Code(.fileSystem)
        /// `lambda` isolation was asked for, but bubblewrap, the namespaces or the cgroups it needs are missing.
        public static let isolationUnavailable = Code(.isolationUnavailable)
        /// A memory or `/tmp` size outside Lambda's range.
        public static let invalidLimit = Code(.invalidLimit)
        /// A `--rootfs` that is not a usable root file system (no shell, no loader, not a folder or tar).
        public static let invalidRootFileSystem = Code(.invalidRootFileSystem)

        public var description: String { storage.rawValue }
    }

    public let code: Code
    /// A complete sentence naming what failed, where, and the figures involved.
    public let message: String
    /// The file or folder concerned, if one.
    public let path: String?
    /// The lower-level cause (an errno or a ZIPFoundation error), if one.
    public let underlying: (any Error & Sendable)?
    public let fileID: String
    public let line: Int

    init(
        _ code: Code, _ message: String, path: String? = nil, underlying: (any Error & Sendable)? = nil,
        fileID: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.path = path
        self.underlying = underlying
        self.fileID = fileID
        self.line = line
    }

    public var description: String {
        let text = underlying.map { "\(message) (\($0))" } ?? message
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// An errno value with its `strerror` text, so messages read "Permission denied (errno 13)".
struct POSIXErrorNumber: Error, Sendable, CustomStringConvertible {
    let value: Int32

    static var current: POSIXErrorNumber { POSIXErrorNumber(value: errno) }

    var description: String { "\(String(cString: strerror(value))) (errno \(value))" }
}
