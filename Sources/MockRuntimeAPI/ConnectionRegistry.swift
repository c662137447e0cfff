import NIOCore
import Synchronization

/// The open connections, so shutdown can close a runtime's parked `/next` instead of leaving it hanging.
final class ConnectionRegistry: Sendable {
    private let channels = Mutex<[Int: any Channel]>([:])
    private let nextID = Atomic<Int>(0)

    /// Registers a new connection and returns its number (1, 2, ...).
    func add(_ channel: any Channel) -> Int {
        let id = nextID.add(1, ordering: .relaxed).newValue
        channels.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [weak self] _ in
            self?.channels.withLock { _ = $0.removeValue(forKey: id) }
        }
        return id
    }

    var open: [any Channel] { channels.withLock { Array($0.values) } }
}
