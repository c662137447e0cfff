#if canImport(Glibc)
    import Glibc
#endif

/// GNU extensions that Swift's Glibc module hides (it is imported without `_GNU_SOURCE`), looked up in libc at run
/// time. They exist since glibc 2.34 (`closefrom_np`), 2.29 (`addchdir_np`), 2.26 (`SETSID`) and 2.9 (`pipe2`).
enum GlibcExtensions {
    typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>)
        -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32

    /// `<spawn.h>`: "# define POSIX_SPAWN_SETSID 0x80" (Linux ABI value, under `__USE_GNU`).
    static let spawnSetSession: Int32 = 0x80

    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")
    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    static let pipe2: Pipe2? = symbol("pipe2")

    /// Which of the above this libc lacks, for an error message.
    static var missing: [String] {
        [
            addChdir == nil ? "posix_spawn_file_actions_addchdir_np" : nil,
            addCloseFrom == nil ? "posix_spawn_file_actions_addclosefrom_np" : nil,
            pipe2 == nil ? "pipe2" : nil,
        ].compactMap { $0 }
    }

    private static func symbol<Function>(_ name: String) -> Function? {
        // A nil handle is RTLD_DEFAULT: search every loaded object, libc included.
        guard let address = dlsym(nil, name) else { return nil }
        return unsafeBitCast(address, to: Function.self)
    }
}
