import KubeAPIServer
import KubeMachinery
import Testing

@Suite("Priority admission: spec.priority and preemptionPolicy come from the PriorityClass")
struct PodPriorityAdmissionTests {
    static let pods = "/api/v1/namespaces/demo/pods"
    static let classes = "/apis/scheduling.k8s.io/v1/priorityclasses"

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        /// PriorityClasses to create first: (name, value, globalDefault, preemptionPolicy).
        var classes: [(String, Int64, Bool, String?)]
        var className: String?
        var givenPriority: Int64?
        var expectCode: UInt
        var expectPriority: Int64?
        var expectPolicy: String?
        var expectClassName: String?
        var expectMessage: String?
    }

    static let cases: [Case] = [
        Case(description: "no class, no default: priority 0", classes: [], expectCode: 201, expectPriority: 0, expectPolicy: "PreemptLowerPriority"),
        Case(description: "named class sets the value", classes: [("high", 1000, false, nil)], className: "high",
             expectCode: 201, expectPriority: 1000, expectPolicy: "PreemptLowerPriority", expectClassName: "high"),
        Case(description: "class with preemptionPolicy Never", classes: [("polite", 50, false, "Never")], className: "polite",
             expectCode: 201, expectPriority: 50, expectPolicy: "Never"),
        Case(description: "global default applies to pods without a class", classes: [("low", 5, false, nil), ("dflt", 7, true, nil)],
             expectCode: 201, expectPriority: 7, expectClassName: "dflt"),
        Case(description: "built-in system-node-critical", classes: [], className: "system-node-critical",
             expectCode: 201, expectPriority: 2_000_001_000),
        Case(description: "unknown class is forbidden", classes: [], className: "nope", expectCode: 403,
             expectMessage: "no PriorityClass with name nope was found"),
        Case(description: "a client-set priority that disagrees is forbidden", classes: [("high", 1000, false, nil)], className: "high",
             givenPriority: 3, expectCode: 403,
             expectMessage: "the integer value of priority (3) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name"),
        Case(description: "a client-set priority that agrees is accepted", classes: [("high", 1000, false, nil)], className: "high",
             givenPriority: 1000, expectCode: 201, expectPriority: 1000),
    ]

    @Test(arguments: cases)
    func admission(_ c: Case) async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            for (name, value, isDefault, policy) in c.classes {
                var pc: JSONValue = ["apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass",
                                     "metadata": ["name": .string(name)], "value": .int(value), "globalDefault": .bool(isDefault)]
                if let policy { pc["preemptionPolicy"] = .string(policy) }
                await api.create(Self.classes, pc)
            }
            var pod = Objects.pod("p")
            if let n = c.className { pod.set(["spec", "priorityClassName"], to: .string(n)) }
            if let p = c.givenPriority { pod.set(["spec", "priority"], to: .int(p)) }
            let r = await api.send(.POST, Self.pods, body: pod)
            #expect(r.status.code == c.expectCode, "\(r.bodyString)")
            let body = r.json
            if let p = c.expectPriority { #expect(body[path: ["spec", "priority"]]?.intValue == p) }
            if let p = c.expectPolicy { #expect(body[path: ["spec", "preemptionPolicy"]]?.stringValue == p) }
            if let n = c.expectClassName { #expect(body[path: ["spec", "priorityClassName"]]?.stringValue == n) }
            if let m = c.expectMessage {
                #expect(body["message"]?.stringValue?.contains(m) == true, "\(r.bodyString)")
                #expect(body["reason"]?.stringValue == "Forbidden")
            }
        }
    }
}
