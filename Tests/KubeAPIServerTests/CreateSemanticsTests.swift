import Foundation
import KubeAPIServer
import KubeMachinery
import Testing

@Suite("Create: server-owned metadata, defaults, allocation, generateName, dryRun")
struct CreateSemanticsTests {
    static let pods = "/api/v1/namespaces/demo/pods"
    static let services = "/api/v1/namespaces/demo/services"
    static let configMaps = "/api/v1/namespaces/demo/configmaps"

    @Test func createFillsUIDCreationTimestampAndResourceVersion() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            var cm = Objects.configMap("filled")
            cm.set(["metadata", "uid"], to: "client-chosen")
            let created = await api.create(Self.configMaps, cm)
            let uid = created.string("metadata.uid") ?? ""
            #expect(uid != "client-chosen")
            #expect(UUID(uuidString: uid) != nil, "uid \(uid)")
            let ts = created.string("metadata.creationTimestamp") ?? ""
            #expect(ts.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/) != nil, "creationTimestamp \(ts)")
            let rv = created.string("metadata.resourceVersion") ?? ""
            #expect(Int64(rv).map { $0 > 0 } == true, "resourceVersion \(rv)")
            #expect(created.string("metadata.namespace") == "demo")
            #expect(created.string("kind") == "ConfigMap")
            #expect(created.string("apiVersion") == "v1")
            // A read returns what the create returned.
            let got = await api.send(.GET, Self.configMaps + "/filled").json
            #expect(got.string("metadata.uid") == uid)
            #expect(got.string("metadata.resourceVersion") == rv)
        }
    }

    @Test func podCreateAppliesUpstreamDefaults() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let pod = await api.create(Self.pods, Objects.pod("defaults"))
            #expect(pod.string("spec.restartPolicy") == "Always")
            #expect(pod.string("spec.dnsPolicy") == "ClusterFirst")
            #expect(pod.string("spec.schedulerName") == "default-scheduler")
            #expect(pod[dotted: "spec.terminationGracePeriodSeconds"]?.intValue == 30)
            #expect(pod.string("status.phase") == "Pending")
            let container = pod[dotted: "spec.containers"]?.arrayValue?.first
            #expect(container?.string("terminationMessagePath") == "/dev/termination-log")
            #expect(container?.string("terminationMessagePolicy") == "File")
        }
    }

    @Test(arguments: [
        ("nginx", "Always"),
        ("nginx:latest", "Always"),
        ("nginx:1.25", "IfNotPresent"),
        ("registry.example.com:5000/team/app", "Always"),
        ("registry.example.com:5000/team/app:v2", "IfNotPresent"),
        ("nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000", "IfNotPresent"),
    ])
    func imagePullPolicyDefaultsFromTheImageTag(image: String, policy: String) async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let pod = await api.create(Self.pods, Objects.pod("pull", image: image))
            #expect(pod[dotted: "spec.containers"]?.arrayValue?.first?.string("imagePullPolicy") == policy)
        }
    }

    @Test func explicitImagePullPolicyIsKept() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            var pod = Objects.pod("explicit", image: "nginx")
            pod.set(["spec", "containers"], to: [["name": "main", "image": "nginx", "imagePullPolicy": "Never"]])
            let created = await api.create(Self.pods, pod)
            #expect(created[dotted: "spec.containers"]?.arrayValue?.first?.string("imagePullPolicy") == "Never")
        }
    }

    @Test func serviceGetsAClusterIPFromTheServiceCIDR() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let a = await api.create(Self.services, Objects.service("alpha"))
            let b = await api.create(Self.services, Objects.service("beta"))
            for svc in [a, b] {
                let ip = svc.string("spec.clusterIP") ?? ""
                let octets = ip.split(separator: ".").compactMap { Int($0) }
                #expect(octets.count == 4 && octets[0] == 10 && octets[1] == 43, "clusterIP \(ip)")
                #expect(ip != "10.43.0.0" && ip != "10.43.255.255", "network or broadcast address \(ip)")
                #expect(svc[dotted: "spec.clusterIPs"] == .array([.string(ip)]))
                #expect(svc.string("spec.type") == "ClusterIP")
                #expect(svc.string("spec.sessionAffinity") == "None")
            }
            #expect(a.string("spec.clusterIP") != b.string("spec.clusterIP"))
        }
    }

    @Test func nodePortServiceGetsAPortInTheNodePortRange() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let svc = await api.create(Self.services, Objects.service("exposed", type: "NodePort"))
            let port = svc[dotted: "spec.ports"]?.arrayValue?.first?["nodePort"]?.intValue ?? 0
            #expect((30000...32767).contains(port), "nodePort \(port)")
            #expect(svc[dotted: "spec.ports"]?.arrayValue?.first?["targetPort"]?.intValue == 80)
        }
    }

    @Test func requestedClusterIPOutsideTheRangeIsInvalid() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            var svc = Objects.service("outside")
            svc.set(["spec", "clusterIP"], to: "192.168.1.1")
            let r = await api.send(.POST, Self.services, body: svc)
            expectStatus(r, ExpectedStatus(code: 422, reason: "Invalid", messageContains: "provided IP is not in the valid range"))
        }
    }

    @Test func generateNameAppendsAFiveCharacterSuffix() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let body: JSONValue = ["metadata": ["generateName": "web-"], "data": ["k": "v"]]
            let a = await api.create(Self.configMaps, body)
            let b = await api.create(Self.configMaps, body)
            for o in [a, b] {
                let name = o.string("metadata.name") ?? ""
                #expect(name.hasPrefix("web-") && name.count == 9, "generated name \(name)")
                #expect(o.string("metadata.generateName") == "web-")
            }
            #expect(a.string("metadata.name") != b.string("metadata.name"))
        }
    }

    @Test func dryRunCreateReturnsTheObjectButWritesNothing() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let before = try? await api.store.currentRevision()
            let r = await api.send(.POST, Self.configMaps + "?dryRun=All", body: Objects.configMap("phantom"))
            #expect(r.status == .created)
            #expect(r.json.string("metadata.name") == "phantom")
            #expect(r.json.string("metadata.uid") != nil)
            let after = try? await api.store.currentRevision()
            #expect(after == before)
            #expect(await api.send(.GET, Self.configMaps + "/phantom").status == .notFound)
        }
    }

    @Test func dryRunUpdateAndDeleteLeaveTheObjectAlone() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let created = await api.create(Self.configMaps, Objects.configMap("kept"))
            var changed = created
            changed.set(["data", "k"], to: "changed")
            let put = await api.send(.PUT, Self.configMaps + "/kept?dryRun=All", body: changed)
            #expect(put.status == .ok)
            #expect(put.json.string("data.k") == "changed")
            let del = await api.send(.DELETE, Self.configMaps + "/kept?dryRun=All", body: Objects.deleteOptions)
            #expect(del.status == .ok)
            let got = await api.send(.GET, Self.configMaps + "/kept").json
            #expect(got.string("data.k") == "v")
            #expect(got.string("metadata.resourceVersion") == created.string("metadata.resourceVersion"))
        }
    }

    @Test func dryRunServiceCreateDoesNotReserveItsClusterIP() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            var svc = Objects.service("pinned")
            svc.set(["spec", "clusterIP"], to: "10.43.7.7")
            let dry = await api.send(.POST, Self.services + "?dryRun=All", body: svc)
            #expect(dry.status == .created, "\(dry.bodyString)")
            let real = await api.send(.POST, Self.services, body: svc)
            #expect(real.status == .created, "\(real.bodyString)")
            #expect(real.json.string("spec.clusterIP") == "10.43.7.7")
        }
    }
}
