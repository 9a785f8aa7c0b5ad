import Foundation

/// Command line of `bosun-bench`. Hand-parsed: the tool has five flags and should not pull in
/// a dependency the rest of the package does not need for it.
struct BenchOptions: Sendable {
    enum Suite: String, CaseIterable, Sendable {
        case store, api, list, watch, process, scheduler, controllers
    }

    /// Fewer operations per measurement, for a smoke run in well under a minute or two.
    var quick = false
    /// The `bosun` binary for the process suite.
    var bosunPath: String?
    var suites: Set<Suite> = Set(Suite.allCases)
    /// Where scratch stores go; each suite makes and removes its own directory beneath it.
    var scratchRoot = NSTemporaryDirectory()

    static let usage = """
        usage: bosun-bench [--quick] [--bosun PATH] [--only store,api,list,watch,process,scheduler,controllers] [--scratch DIR]

          --quick     fewer operations per measurement (a smoke run)
          --bosun     the release `bosun` binary for the process suite
                      (default: .build/release/bosun beside the working directory)
          --only      run only these suites
          --scratch   directory for scratch stores (default: $TMPDIR or /tmp); use a disk-backed
                      one: a tmpfs makes fsync free and the store figures meaningless
        """

    static func parse(_ arguments: [String]) throws -> BenchOptions {
        var options = BenchOptions()
        var it = arguments.makeIterator()
        while let arg = it.next() {
            switch arg {
            case "--quick":
                options.quick = true
            case "--bosun":
                guard let v = it.next() else { throw UsageError("--bosun needs a path") }
                options.bosunPath = v
            case "--only":
                guard let v = it.next() else { throw UsageError("--only needs a list of suites") }
                var chosen = Set<Suite>()
                for name in v.split(separator: ",") {
                    guard let s = Suite(rawValue: String(name)) else { throw UsageError("unknown suite \(name)") }
                    chosen.insert(s)
                }
                options.suites = chosen
            case "--scratch":
                guard let v = it.next() else { throw UsageError("--scratch needs a directory") }
                options.scratchRoot = v
            case "-h", "--help":
                throw UsageError(nil)
            default:
                throw UsageError("unknown argument \(arg)")
            }
        }
        return options
    }

    /// Picks the full or the quick figure.
    func count(_ full: Int, quick q: Int) -> Int { quick ? q : full }
}

struct UsageError: Error {
    var message: String?
    init(_ message: String?) { self.message = message }
}

/// A directory removed when the suite that made it is done with it.
struct ScratchDirectory {
    let path: String

    init(under root: String, name: String) throws {
        path = (root as NSString).appendingPathComponent("bosun-bench-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
