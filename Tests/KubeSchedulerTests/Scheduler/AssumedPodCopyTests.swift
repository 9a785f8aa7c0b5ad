import KubeAPI
import KubeMachinery
import Testing
@testable import KubeScheduler

/// The assumed pod is built by copying the decoded fields, not by decoding again: it must be
/// indistinguishable from decoding the pod with `spec.nodeName` set.
struct AssumedPodCopyTests {
    @Test func assumedCopyMatchesAFreshDecodeWithTheNodeNameSet() {
        let json: JSONValue = [
            "metadata": ["name": "web", "namespace": "prod", "uid": "u1", "labels": ["app": "web"]],
            "spec": [
                "priority": 7, "schedulerName": "custom",
                "containers": [["name": "c", "image": "nginx", "resources": ["requests": ["cpu": "250m", "memory": "64Mi"]],
                                "ports": [["containerPort": 80, "hostPort": 8080]]]],
                "tolerations": [["key": "k", "operator": "Exists"]],
                "affinity": ["podAntiAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": [
                    ["labelSelector": ["matchLabels": ["app": "web"]], "topologyKey": "kubernetes.io/hostname"]]]],
            ],
        ]
        let original = PodInfo(json: json)
        let assumed = Scheduler.assumedCopy(of: original, nodeName: "node-3")
        var expectedJSON = json
        expectedJSON.set(["spec", "nodeName"], to: "node-3")
        let decoded = PodInfo(json: expectedJSON)

        #expect(assumed.nodeName == "node-3")
        #expect(assumed.pod.json == decoded.pod.json)
        #expect(original.nodeName.isEmpty, "the queued pod is left as it was")
        #expect(assumed.key == decoded.key && assumed.uid == decoded.uid && assumed.queueKey == decoded.queueKey)
        #expect(assumed.requests == decoded.requests && assumed.nonZeroRequests == decoded.nonZeroRequests)
        #expect(assumed.priority == decoded.priority && assumed.schedulerName == decoded.schedulerName)
        #expect(assumed.hostPorts == decoded.hostPorts && assumed.images == decoded.images)
        #expect(assumed.requiredAntiAffinityTerms.count == decoded.requiredAntiAffinityTerms.count)
        #expect(assumed.hasRequiredAntiAffinity && assumed.tolerations.count == 1)
    }
}
