import Foundation
import KubeControllers

/// How `bosun server` runs: where its state lives and where it listens.
public struct ServerConfig: Sendable {
    /// Holds the database (`db/state.db`), certificates (`tls/`) and the admin kubeconfig.
    public var dataDir: URL
    public var bindAddress: String
    public var securePort: Int
    /// Where else to write the admin kubeconfig; nil means `~/.kube/config` only when no file is there.
    public var kubeconfigPath: String?
    /// Write `~/.kube/config` even when one exists.
    public var forceWriteKubeconfig: Bool
    public var serviceCIDR: String = "10.43.0.0/16"
    /// Revisions of history kept behind the newest one when compacting.
    public var compactionRetainRevisions: Int64 = 10_000
    public var compactionInterval: Duration = .seconds(300)
    /// Events kept per resource for watch resume.
    public var watchCacheSize: Int = 10_000
    /// A KubeSchedulerConfiguration file for the in-process scheduler; nil = upstream's default profile.
    public var schedulerConfigPath: String?
    /// Components of the control plane not to run in-process (`scheduler`, `controller-manager`),
    /// e.g. to run them as separate processes with `bosun scheduler`.
    public var disabledComponents: Set<String> = []
    /// Timeouts and sizes of the in-process controllers (node grace period, pod GC threshold, cluster CIDR...).
    public var controllerOptions = ControllerOptions()
    /// Seconds pods tolerate a not-ready / unreachable node (DefaultTolerationSeconds admission).
    public var defaultNotReadyTolerationSeconds: Int64 = 300
    public var defaultUnreachableTolerationSeconds: Int64 = 300

    public init(dataDir: URL, bindAddress: String = "127.0.0.1", securePort: Int = 6443,
                kubeconfigPath: String? = nil, forceWriteKubeconfig: Bool = false) {
        self.dataDir = dataDir
        self.bindAddress = bindAddress
        self.securePort = securePort
        self.kubeconfigPath = kubeconfigPath
        self.forceWriteKubeconfig = forceWriteKubeconfig
    }

    public static var defaultDataDir: URL {
        if getuid() == 0 { return URL(fileURLWithPath: "/var/lib/bosun/server") }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".bosun/server")
    }

    /// The address clients use: loopback when listening on all addresses.
    var clientHost: String {
        switch bindAddress {
        case "0.0.0.0", "", "::": return "127.0.0.1"
        default: return bindAddress.contains(":") ? "[\(bindAddress)]" : bindAddress
        }
    }
}
