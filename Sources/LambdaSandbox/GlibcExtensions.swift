#if canImport(Glibc)
    import Glibc
#endif

/// GNU extensions that Swift's Glibc module hides (it is imported without `_GNU_SOURCE`), looked up in libc at run
/// time. `pipe2` exists since glibc 2.9.
enum GlibcExtensions {
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32

    static let pipe2: Pipe2? = symbol("pipe2")

    private static func symbol<Function>(_ name: String) -> Function? {
        // A nil handle is RTLD_DEFAULT: search every loaded object, libc included.
        guard let address = dlsym(nil, name) else { return nil }
        return unsafeBitCast(address, to: Function.self)
    }
}
