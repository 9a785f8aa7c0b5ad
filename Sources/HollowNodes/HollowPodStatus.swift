import KubeMachinery

/// The pod status a kubelet reports once a pod's containers run, and once they have finished.
/// Hollow pods start instantly and never fail, so only these two transitions exist.
enum HollowPodStatus {
    static let runSecondsAnnotation = "hollow.bosun.dev/run-seconds"

    /// Status of a pod whose containers all run and are ready.
    static func running(_ pod: JSONValue, hostIP: String, podIP: String, now: String) -> JSONValue {
        let uid = pod[path: ["metadata", "uid"]]?.stringValue ?? ""
        let spec = pod["spec"] ?? .object([:])
        var status: JSONValue = [
            "phase": "Running",
            "hostIP": .string(hostIP), "hostIPs": [["ip": .string(hostIP)]],
            "podIP": .string(podIP), "podIPs": [["ip": .string(podIP)]],
            "startTime": .string(now),
            "conditions": .array(conditions(pod, ready: true, reason: nil, now: now)),
            "containerStatuses": .array(containers(spec, "containers").map { c in
                containerStatus(c, uid: uid, ready: true, state: ["running": ["startedAt": .string(now)]])
            }),
        ]
        let inits = containers(spec, "initContainers")
        if !inits.isEmpty {
            status["initContainerStatuses"] = .array(inits.map { c in
                containerStatus(c, uid: uid, ready: true, state: ["terminated": [
                    "exitCode": 0, "reason": "Completed", "startedAt": .string(now), "finishedAt": .string(now),
                    "containerID": .string(containerID(uid, c)),
                ]], started: false)
            })
        }
        if let q = pod[path: ["status", "qosClass"]] { status["qosClass"] = q }
        return status
    }

    /// Status of a pod whose containers all exited 0 (phase Succeeded), keeping its addresses.
    static func succeeded(_ pod: JSONValue, now: String) -> JSONValue {
        let uid = pod[path: ["metadata", "uid"]]?.stringValue ?? ""
        var status = pod["status"] ?? .object([:])
        let started = status["startTime"]?.stringValue ?? now
        status["phase"] = "Succeeded"
        status["conditions"] = .array(conditions(pod, ready: false, reason: "PodCompleted", now: now))
        status["containerStatuses"] = .array(containers(pod["spec"] ?? [:], "containers").map { c in
            containerStatus(c, uid: uid, ready: false, state: ["terminated": [
                "exitCode": 0, "reason": "Completed", "startedAt": .string(started), "finishedAt": .string(now),
                "containerID": .string(containerID(uid, c)),
            ]], started: false)
        })
        return status
    }

    /// Seconds after which the pod may complete: only for pods that would not be restarted.
    static func runSeconds(_ pod: JSONValue) -> Int? {
        guard let text = pod[path: ["metadata", "annotations", runSecondsAnnotation]]?.stringValue,
              let seconds = Int(text), seconds >= 0 else { return nil }
        let policy = pod[path: ["spec", "restartPolicy"]]?.stringValue ?? "Always"
        return policy == "Never" || policy == "OnFailure" ? seconds : nil
    }

    /// PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled, with the
    /// scheduler's PodScheduled transition time kept.
    static func conditions(_ pod: JSONValue, ready: Bool, reason: String?, now: String) -> [JSONValue] {
        let existing = pod[path: ["status", "conditions"]]?.arrayValue ?? []
        func condition(_ type: String, _ isTrue: Bool, reason: String? = nil) -> JSONValue {
            let status = isTrue ? "True" : "False"
            let old = existing.first { $0["type"]?.stringValue == type }
            let since = old?["status"]?.stringValue == status ? (old?["lastTransitionTime"] ?? .string(now)) : .string(now)
            var c: JSONValue = ["type": .string(type), "status": .string(status), "lastTransitionTime": since]
            if let reason { c["reason"] = .string(reason) }
            return c
        }
        return [
            condition("PodReadyToStartContainers", ready),
            condition("Initialized", true, reason: ready ? nil : reason),
            condition("Ready", ready, reason: ready ? nil : reason),
            condition("ContainersReady", ready, reason: ready ? nil : reason),
            condition("PodScheduled", true),
        ]
    }

    static func containers(_ spec: JSONValue, _ field: String) -> [JSONValue] {
        spec[field]?.arrayValue ?? []
    }

    static func containerStatus(_ c: JSONValue, uid: String, ready: Bool, state: JSONValue, started: Bool = true) -> JSONValue {
        let image = c["image"]?.stringValue ?? ""
        return [
            "name": c["name"] ?? "", "image": .string(image), "imageID": .string(imageID(image)),
            "containerID": .string(containerID(uid, c)), "ready": .bool(ready), "started": .bool(started),
            "restartCount": 0, "state": state, "lastState": [:],
        ]
    }

    static func containerID(_ uid: String, _ c: JSONValue) -> String {
        "hollow://\(uid)/\(c["name"]?.stringValue ?? "")"
    }

    /// A stable made-up digest reference for an image (what a runtime reports after pulling).
    static func imageID(_ image: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in image.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let repo = image.split(separator: "@").first.map { String($0.split(separator: ":").first ?? $0) } ?? image
        let word = String(h, radix: 16)
        let padded = String(repeating: "0", count: 16 - word.count) + word
        return "\(repo)@sha256:\(String(repeating: padded, count: 4))"
    }
}
