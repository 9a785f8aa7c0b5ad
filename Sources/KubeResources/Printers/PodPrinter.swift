import Foundation
import KubeMachinery

extension BuiltinPrinters {
    /// `kubectl get pods`: NAME READY STATUS RESTARTS AGE, and with -o wide IP NODE
    /// NOMINATED NODE READINESS GATES.
    public static let pod = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Ready", description: "Ready containers out of all containers (sidecar init containers included)."),
            TableColumn("Status", description: "A one-word summary of the pod's state, from its phase and container states."),
            TableColumn("Restarts", description: "Container restarts, with the time since the most recent one."),
            CommonColumns.age,
            TableColumn("IP", description: "The pod's primary IP address.", priority: 1),
            TableColumn("Node", description: "The node the pod is bound to.", priority: 1),
            TableColumn("Nominated Node", description: "The node the scheduler nominated after preempting pods there.", priority: 1),
            TableColumn("Readiness Gates", description: "Readiness gates whose condition is true, out of all gates.", priority: 1),
        ],
        cells: { object, now in PodRow(PrinterFields(object)).cells(now: now) }
    )
}

/// The derived view of a pod that kubectl prints. The STATUS logic follows upstream closely
/// because users script against it: init container progress (`Init:1/3`), container waiting
/// and terminated reasons (`CrashLoopBackOff`, `Completed`), signals and exit codes, and
/// `Terminating` for a pod being deleted.
struct PodRow {
    let pod: PrinterFields

    init(_ pod: PrinterFields) { self.pod = pod }

    func cells(now: Date) -> [JSONValue] {
        let summary = summarize()
        var restarts = String(summary.restarts)
        if summary.restarts != 0, let last = summary.lastRestart {
            restarts = "\(summary.restarts) (\(HumanDuration.format(now.timeIntervalSince(last))) ago)"
        }
        let ip = pod.array("status", "podIPs").first?.string("ip") ?? ""
        let node = pod.string("spec", "nodeName")
        let nominated = pod.string("status", "nominatedNodeName")
        return [
            .string(pod.name),
            .string("\(summary.ready)/\(summary.total)"),
            .string(summary.reason),
            .string(restarts),
            .string(pod.age(now)),
            .string(ip.isEmpty ? "<none>" : ip),
            .string(node.isEmpty ? "<none>" : node),
            .string(nominated.isEmpty ? "<none>" : nominated),
            .string(readinessGates()),
        ]
    }

    struct Summary {
        var ready = 0
        var total = 0
        var restarts: Int64 = 0
        var lastRestart: Date?
        var reason = ""
    }

    func summarize() -> Summary {
        var s = Summary()
        s.total = pod.array("spec", "containers").count
        let phase = pod.string("status", "phase")
        s.reason = phase
        let statusReason = pod.string("status", "reason")
        if !statusReason.isEmpty { s.reason = statusReason }
        let conditions = pod.array("status", "conditions")
        if conditions.contains(where: { $0.string("type") == "PodScheduled" && $0.string("reason") == "SchedulingGated" }) {
            s.reason = "SchedulingGated"
        }

        // Sidecars (init containers with restartPolicy Always) count as regular containers.
        let initSpecs = pod.array("spec", "initContainers")
        var sidecars = Set<String>()
        for c in initSpecs where c.string("restartPolicy") == "Always" {
            sidecars.insert(c.string("name"))
            s.total += 1
        }

        var sidecarRestarts: Int64 = 0
        var lastSidecarRestart: Date?
        var initializing = false
        for (index, c) in pod.array("status", "initContainerStatuses").enumerated() {
            let restartCount = c.int("restartCount")
            let finished = c.timestamp("lastState", "terminated", "finishedAt")?.date
            s.restarts += restartCount
            s.lastRestart = later(s.lastRestart, finished)
            let isSidecar = sidecars.contains(c.string("name"))
            if isSidecar {
                sidecarRestarts += restartCount
                lastSidecarRestart = later(lastSidecarRestart, finished)
            }
            let terminated = c["state", "terminated"]
            let waitingReason = c.string("state", "waiting", "reason")
            if terminated.exists(), terminated.int("exitCode") == 0 {
                continue
            }
            if isSidecar, c.bool("started") {
                if c.bool("ready") { s.ready += 1 }
                continue
            }
            if terminated.exists() {
                let reason = terminated.string("reason")
                if !reason.isEmpty {
                    s.reason = "Init:" + reason
                } else if terminated.int("signal") != 0 {
                    s.reason = "Init:Signal:\(terminated.int("signal"))"
                } else {
                    s.reason = "Init:ExitCode:\(terminated.int("exitCode"))"
                }
            } else if !waitingReason.isEmpty, waitingReason != "PodInitializing" {
                s.reason = "Init:" + waitingReason
            } else {
                s.reason = "Init:\(index)/\(initSpecs.count)"
            }
            initializing = true
            break
        }

        let initialized = conditions.contains { $0.string("type") == "Initialized" && $0.string("status") == "True" }
        if !initializing || initialized {
            // Once initialized, only sidecar restarts still matter among init containers.
            s.restarts = sidecarRestarts
            s.lastRestart = lastSidecarRestart
            var hasRunning = false
            for c in pod.array("status", "containerStatuses").reversed() {
                s.restarts += c.int("restartCount")
                s.lastRestart = later(s.lastRestart, c.timestamp("lastState", "terminated", "finishedAt")?.date)
                let waitingReason = c.string("state", "waiting", "reason")
                let terminated = c["state", "terminated"]
                if !waitingReason.isEmpty {
                    s.reason = waitingReason
                } else if terminated.exists(), !terminated.string("reason").isEmpty {
                    s.reason = terminated.string("reason")
                } else if terminated.exists() {
                    s.reason = terminated.int("signal") != 0
                        ? "Signal:\(terminated.int("signal"))"
                        : "ExitCode:\(terminated.int("exitCode"))"
                } else if c.bool("ready"), c.exists("state", "running") {
                    hasRunning = true
                    s.ready += 1
                }
            }
            // A finished container beside a still-running one does not make the pod "Completed".
            if s.reason == "Completed", hasRunning {
                let podReady = conditions.contains { $0.string("type") == "Ready" && $0.string("status") == "True" }
                s.reason = podReady ? "Running" : "NotReady"
            }
        }

        if pod.isDeleting, statusReason == "NodeLost" {
            s.reason = "Unknown"
        } else if pod.isDeleting, phase != "Succeeded", phase != "Failed" {
            s.reason = "Terminating"
        }
        return s
    }

    private func readinessGates() -> String {
        let gates = pod.array("spec", "readinessGates")
        if gates.isEmpty { return "<none>" }
        let conditions = pod.array("status", "conditions")
        var satisfied = 0
        for gate in gates {
            let type = gate.string("conditionType")
            if let c = conditions.first(where: { $0.string("type") == type }), c.string("status") == "True" {
                satisfied += 1
            }
        }
        return "\(satisfied)/\(gates.count)"
    }

    private func later(_ a: Date?, _ b: Date?) -> Date? {
        guard let b else { return a }
        guard let a else { return b }
        return b > a ? b : a
    }
}
