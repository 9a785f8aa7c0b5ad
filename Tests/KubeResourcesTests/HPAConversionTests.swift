import KubeMachinery
import KubeResources
import Testing

@Suite("HorizontalPodAutoscaler v1 ↔ v2 conversion")
struct HPAConversionTests {
    static let v1: JSONValue = [
        "apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler", "metadata": ["name": "h"],
        "spec": ["scaleTargetRef": ["kind": "Deployment", "name": "web"], "minReplicas": 1, "maxReplicas": 5,
                 "targetCPUUtilizationPercentage": 60],
        "status": ["currentReplicas": 2, "desiredReplicas": 3, "currentCPUUtilizationPercentage": 40],
    ]

    @Test("a v1 CPU target becomes a v2 Resource metric with Utilization target")
    func v1ToV2CPUTarget() {
        let v2 = HPAConversion.v1ToV2(Self.v1)
        #expect(v2["apiVersion"] == "autoscaling/v2")
        #expect(v2[path: ["spec", "metrics"]] == [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 60]]]])
        #expect(v2[path: ["spec", "targetCPUUtilizationPercentage"]] == nil)
        #expect(v2[path: ["status", "currentMetrics", ]]?.arrayValue?.first?[path: ["resource", "current", "averageUtilization"]] == 40)
    }

    @Test("v1 → v2 → v1 gives back the v1 object")
    func roundTrip() {
        #expect(HPAConversion.v2ToV1(HPAConversion.v1ToV2(Self.v1)) == Self.v1)
    }

    @Test("v2 metrics other than CPU utilization do not show in v1", arguments: [
        JSONValue.array([["type": "Pods", "pods": ["metric": ["name": "qps"], "target": ["type": "AverageValue", "averageValue": "10"]]]]),
        JSONValue.array([["type": "Resource", "resource": ["name": "memory", "target": ["type": "Utilization", "averageUtilization": 50]]]]),
    ])
    func nonCPUMetricsAreDropped(metrics: JSONValue) {
        let v2: JSONValue = ["apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "spec": ["maxReplicas": 3, "metrics": metrics]]
        let v1 = HPAConversion.v2ToV1(v2)
        #expect(v1[path: ["spec", "targetCPUUtilizationPercentage"]] == nil)
        #expect(v1[path: ["spec", "metrics"]] == nil)
        #expect(v1[path: ["spec", "maxReplicas"]] == 3)
    }
}
