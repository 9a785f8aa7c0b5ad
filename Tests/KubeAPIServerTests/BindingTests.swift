import KubeAPIServer
import KubeMachinery
import NIOHTTP1
import Testing

/// `pods/binding`: how a scheduler assigns a pod to a node, with upstream's refusals.
@Suite struct BindingTests {
    static func binding(_ pod: String, node: String?, kind: String? = "Node", uid: String? = nil,
                        annotations: [String: String] = [:]) -> JSONValue {
        var meta: JSONValue = ["name": .string(pod)]
        if let uid { meta["uid"] = .string(uid) }
        if !annotations.isEmpty { meta["annotations"] = .object(annotations.mapValues { .string($0) }) }
        var target: JSONValue = ["apiVersion": "v1"]
        if let kind { target["kind"] = .string(kind) }
        if let node { target["name"] = .string(node) }
        return ["apiVersion": "v1", "kind": "Binding", "metadata": meta, "target": target]
    }

    static let bindingPath = "/api/v1/namespaces/default/pods/web/binding"

    @Test func bindingSetsNodeMergesAnnotationsAndMarksThePodScheduled() async {
        await withAPIServer { api in
            await api.createNamespace("default")
            var pod = Objects.pod("web")
            pod.set(["metadata", "annotations"], to: ["keep": "me"])
            let created = await api.create("/api/v1/namespaces/default/pods", pod)
            let r = await api.send(.POST, Self.bindingPath, body: Self.binding("web", node: "node-1", uid: created.string("metadata.uid"),
                                                                               annotations: ["scheduler.example/why": "fits"]))
            #expect(r.status == .created, "\(r.bodyString)")
            #expect(r.json.string("kind") == "Status")
            #expect(r.json.string("status") == "Success")
            #expect(r.json["code"]?.intValue == 201)

            // Read-your-writes: the GET right after sees the bound pod.
            let got = await api.send(.GET, "/api/v1/namespaces/default/pods/web").json
            #expect(got.string("spec.nodeName") == "node-1")
            #expect(got.string("metadata.annotations.keep") == "me")
            #expect(got[path: ["metadata", "annotations", "scheduler.example/why"]]?.stringValue == "fits")
            let scheduled = got[dotted: "status.conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "PodScheduled" }
            #expect(scheduled?["status"]?.stringValue == "True")
            #expect(scheduled?["lastTransitionTime"]?.stringValue?.isEmpty == false)
            #expect(got.string("metadata.resourceVersion") != created.string("metadata.resourceVersion"))
        }
    }

    @Test func bindingReplacesAnUnschedulableConditionAndItsReason() async {
        await withAPIServer { api in
            await api.createNamespace("default")
            await api.create("/api/v1/namespaces/default/pods", Objects.pod("web"))
            let status: JSONValue = ["status": ["conditions": [[
                "type": "PodScheduled", "status": "False", "reason": "Unschedulable", "message": "0/3 nodes are available",
                "lastTransitionTime": "2024-01-01T00:00:00Z",
            ]]]]
            let patched = await api.send(.PATCH, "/api/v1/namespaces/default/pods/web/status", body: status,
                                         headers: [("Content-Type", "application/merge-patch+json")])
            #expect(patched.status == .ok, "\(patched.bodyString)")
            let r = await api.send(.POST, Self.bindingPath, body: Self.binding("web", node: "node-1"))
            #expect(r.status == .created, "\(r.bodyString)")
            let conditions = await api.send(.GET, "/api/v1/namespaces/default/pods/web").json[dotted: "status.conditions"]?.arrayValue ?? []
            let scheduled = conditions.filter { $0["type"]?.stringValue == "PodScheduled" }
            #expect(scheduled.count == 1)
            #expect(scheduled.first?["status"]?.stringValue == "True")
            #expect(scheduled.first?["reason"] == nil)
            #expect(scheduled.first?["lastTransitionTime"]?.stringValue != "2024-01-01T00:00:00Z")
        }
    }

    /// A refused binding: what the pod looks like first, the binding sent, and the Status expected.
    struct Refusal: Sendable, CustomStringConvertible {
        var description: String
        var setup: Setup = .plainPod
        var body: JSONValue
        var path: String = BindingTests.bindingPath
        var expected: ExpectedStatus

        enum Setup: Sendable { case noPod, plainPod, boundPod, terminatingPod, gatedPod }
    }

    static let refusals: [Refusal] = [
        Refusal(description: "a binding without a target node name is invalid",
                body: binding("web", node: nil),
                expected: ExpectedStatus(code: 422, reason: "Invalid", message: "Binding \"web\" is invalid: target.name: Required value")),
        Refusal(description: "a binding to something other than a Node is invalid",
                body: binding("web", node: "node-1", kind: "Pod"),
                expected: ExpectedStatus(code: 422, reason: "Invalid",
                                         message: "Binding \"web\" is invalid: target.kind: Unsupported value: \"Pod\": supported values: \"Node\", \"<empty>\"")),
        Refusal(description: "a node name no node can have is invalid",
                body: binding("web", node: "Node_1"),
                expected: ExpectedStatus(code: 422, reason: "Invalid", messageContains: "target.name: Invalid value: \"Node_1\"")),
        Refusal(description: "the name in the body must be the pod's in the URL",
                body: binding("other", node: "node-1"),
                expected: ExpectedStatus(code: 400, reason: "BadRequest", message: "name in URL does not match name in Binding object")),
        Refusal(description: "a body of another kind is refused",
                body: ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "web"], "target": ["name": "node-1"]],
                expected: ExpectedStatus(code: 400, reason: "BadRequest", messageContains: "(Pod) does not match")),
        Refusal(description: "binding a pod that does not exist is NotFound for pods",
                setup: .noPod, body: binding("web", node: "node-1"),
                expected: ExpectedStatus(code: 404, reason: "NotFound", message: "pods \"web\" not found")),
        Refusal(description: "a uid naming another pod conflicts",
                body: binding("web", node: "node-1", uid: "00000000-0000-0000-0000-000000000000"),
                expected: ExpectedStatus(code: 409, reason: "Conflict", messageContains: "Precondition failed: UID in precondition: 00000000-0000-0000-0000-000000000000")),
        Refusal(description: "a pod already on a node cannot be bound again",
                setup: .boundPod, body: binding("web", node: "node-2"),
                expected: ExpectedStatus(code: 409, reason: "Conflict",
                                         message: "Operation cannot be fulfilled on pods/binding \"web\": pod web is already assigned to node \"node-1\"")),
        Refusal(description: "a terminating pod cannot be bound",
                setup: .terminatingPod, body: binding("web", node: "node-1"),
                expected: ExpectedStatus(code: 409, reason: "Conflict",
                                         message: "Operation cannot be fulfilled on pods/binding \"web\": pod web is being deleted, cannot be assigned to a host")),
        Refusal(description: "a pod with scheduling gates cannot be bound",
                setup: .gatedPod, body: binding("web", node: "node-1"),
                expected: ExpectedStatus(code: 409, reason: "Conflict", messageContains: "pod web has non-empty .spec.schedulingGates")),
    ]

    @Test(arguments: refusals)
    func refusedBindingsLeaveThePodAsItWas(_ c: Refusal) async {
        await withAPIServer { api in
            await api.createNamespace("default")
            var pod = Objects.pod("web")
            switch c.setup {
            case .noPod: break
            case .plainPod: await api.create("/api/v1/namespaces/default/pods", pod)
            case .boundPod: await api.create("/api/v1/namespaces/default/pods", Objects.pod("web", nodeName: "node-1"))
            case .gatedPod:
                pod.set(["spec", "schedulingGates"], to: [["name": "example.com/wait"]])
                await api.create("/api/v1/namespaces/default/pods", pod)
            case .terminatingPod:
                // A finalizer keeps the unbound pod (which would otherwise go at once) terminating.
                pod.set(["metadata", "finalizers"], to: ["example.com/hold"])
                await api.create("/api/v1/namespaces/default/pods", pod)
                let d = await api.send(.DELETE, "/api/v1/namespaces/default/pods/web", body: Objects.deleteOptions)
                #expect(d.status == .ok, "\(d.bodyString)")
            }
            let before = await api.send(.GET, "/api/v1/namespaces/default/pods/web").json
            let r = await api.send(.POST, c.path, body: c.body)
            expectStatus(r, c.expected)
            let after = await api.send(.GET, "/api/v1/namespaces/default/pods/web").json
            #expect(after.string("metadata.resourceVersion") == before.string("metadata.resourceVersion"))
        }
    }

    @Test func dryRunAnswersSuccessWithoutBindingThePod() async {
        await withAPIServer { api in
            await api.createNamespace("default")
            await api.create("/api/v1/namespaces/default/pods", Objects.pod("web"))
            let r = await api.send(.POST, Self.bindingPath + "?dryRun=All", body: Self.binding("web", node: "node-1"))
            #expect(r.status == .created, "\(r.bodyString)")
            #expect(r.json.string("status") == "Success")
            let got = await api.send(.GET, "/api/v1/namespaces/default/pods/web").json
            #expect(got.string("spec.nodeName") == nil)
            // A real binding afterwards still succeeds: the dry run reserved nothing.
            let real = await api.send(.POST, Self.bindingPath, body: Self.binding("web", node: "node-2"))
            #expect(real.status == .created)
        }
    }

    @Test func theBindingsCollectionBindsThePodNamedInTheBody() async {
        await withAPIServer { api in
            await api.createNamespace("default")
            await api.create("/api/v1/namespaces/default/pods", Objects.pod("web"))
            let r = await api.send(.POST, "/api/v1/namespaces/default/bindings", body: Self.binding("web", node: "node-3"))
            #expect(r.status == .created, "\(r.bodyString)")
            #expect(await api.send(.GET, "/api/v1/namespaces/default/pods/web").json.string("spec.nodeName") == "node-3")
        }
    }

    @Test func onlyCreateIsAllowedOnTheBindingSubresource() async {
        await withAPIServer { api in
            await api.createNamespace("default")
            await api.create("/api/v1/namespaces/default/pods", Objects.pod("web"))
            let r = await api.send(.GET, Self.bindingPath)
            #expect(r.status == .methodNotAllowed)
        }
    }

    @Test func concurrentBindingsOfOnePodLetExactlyOneWin() async {
        await withAPIServer { api in
            await api.createNamespace("default")
            await api.create("/api/v1/namespaces/default/pods", Objects.pod("web"))
            let codes = await withTaskGroup(of: UInt.self) { group in
                for i in 0..<8 {
                    group.addTask { await api.send(.POST, Self.bindingPath, body: Self.binding("web", node: "node-\(i)")).status.code }
                }
                var out: [UInt] = []
                for await c in group { out.append(c) }
                return out
            }
            #expect(codes.filter { $0 == 201 }.count == 1)
            #expect(codes.filter { $0 == 409 }.count == 7)
        }
    }

    @Test func discoveryAdvertisesPodsBindingWithCreateOnly() async {
        await withAPIServer { api in
            await api.createNamespace("default")
            let list = await api.send(.GET, "/api/v1").json["resources"]?.arrayValue ?? []
            let entry = list.first { $0["name"]?.stringValue == "pods/binding" }
            #expect(entry?["kind"]?.stringValue == "Binding")
            #expect(entry?["verbs"] == ["create"])
            #expect(list.contains { $0["name"]?.stringValue == "bindings" })
            let aggregated = await api.send(.GET, "/api", headers: [("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")]).json
            let resources = aggregated[path: ["items"]]?.arrayValue?.first?["versions"]?.arrayValue?.first?["resources"]?.arrayValue ?? []
            let pods = resources.first { $0["resource"]?.stringValue == "pods" }
            let sub = pods?["subresources"]?.arrayValue?.first { $0["subresource"]?.stringValue == "binding" }
            #expect(sub?[path: ["responseKind", "kind"]]?.stringValue == "Binding")
            #expect(sub?["verbs"] == ["create"])
        }
    }
}
