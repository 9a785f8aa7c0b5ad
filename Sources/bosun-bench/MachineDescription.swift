import Foundation

/// What the figures were measured on, printed above them: benchmark numbers mean nothing
/// without the machine, its load, and whether fsync reached a disk.
enum MachineDescription {
    static func current(scratch: String) -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let memory = Format.mb(Double(ProcessInfo.processInfo.physicalMemory))
        return """
            machine: \(cores) cores (\(cpu ?? "unknown")), \(memory) RAM
            scratch: \(scratch) on \(filesystem(of: scratch))
            \(loadLine())
            """
    }

    static func loadLine() -> String {
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
        return "load average: \(load)"
    }

    /// The filesystem type of the mount holding `path` (tmpfs makes fsync free).
    static func filesystem(of path: String) -> String {
        guard let mounts = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8) else { return "unknown" }
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var best = ("", "unknown")
        for line in mounts.split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count > 2 else { continue }
            let mountPoint = String(f[1])
            let inside = resolved == mountPoint || resolved.hasPrefix(mountPoint == "/" ? "/" : mountPoint + "/")
            if inside && mountPoint.count > best.0.count { best = (mountPoint, String(f[2])) }
        }
        return "\(best.1) (mounted at \(best.0))"
    }
}
