import Foundation
import LambdaSandbox

/// The self-pipe a signal handler writes to; a global `let`, created before the handlers are installed, because a
/// C signal handler can capture nothing.
private let signalPipe: (read: Int32, write: Int32) = {
    var descriptors: [Int32] = [0, 0]
    _ = pipe(&descriptors)
    return (descriptors[0], descriptors[1])
}()

/// On SIGINT or SIGTERM, kills every bootstrap process group and removes every sandbox folder before exiting:
/// bootstraps run in their own sessions, so Ctrl-C would otherwise leave them running.
enum InterruptCleanup {
    static func install() {
        _ = signalPipe
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber) { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(signalPipe.write, &byte, 1)
            }
        }
        let watcher = Thread {
            var byte: UInt8 = 0
            while read(signalPipe.read, &byte, 1) != 1 {}
            FileHandleOutput.mute(lastWords: "\nlambdaspec: interrupted; stopping runtimes, removing sandboxes\n")
            LiveResources.releaseAll()
            exit(128 + Int32(byte))
        }
        watcher.name = "lambdaspec-signals"
        watcher.start()
    }
}
