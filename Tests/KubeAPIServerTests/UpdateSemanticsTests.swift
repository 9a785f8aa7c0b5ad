import KubeAPIServer
import KubeMachinery
import Testing

@Suite("Update: generation, status subresource, no-op writes")
struct UpdateSemanticsTests {
    static let deployments = "/apis/apps/v1/namespaces/demo/deployments"
    static let configMaps = "/api/v1/namespaces/demo/configmaps"
    static let mergePatch = [("Content-Type", "application/merge-patch+json")]

    @Test func deploymentGenerationCountsSpecChangesOnly() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let created = await api.create(Self.deployments, Objects.deployment("web"))
            #expect(created[dotted: "metadata.generation"]?.intValue == 1)

            let labelled = await api.send(.PATCH, Self.deployments + "/web", body: ["metadata": ["labels": ["tier": "front"]]], headers: Self.mergePatch)
            #expect(labelled.status == .ok, "\(labelled.bodyString)")
            #expect(labelled.json[dotted: "metadata.generation"]?.intValue == 1, "a metadata change must not bump generation")

            let scaled = await api.send(.PATCH, Self.deployments + "/web", body: ["spec": ["replicas": 3]], headers: Self.mergePatch)
            #expect(scaled.json[dotted: "metadata.generation"]?.intValue == 2)

            let statusOnly = await api.send(.PATCH, Self.deployments + "/web/status", body: ["status": ["replicas": 3]], headers: Self.mergePatch)
            #expect(statusOnly.status == .ok, "\(statusOnly.bodyString)")
            #expect(statusOnly.json[dotted: "metadata.generation"]?.intValue == 2, "a status change must not bump generation")

            // A client cannot set generation itself.
            var put = scaled.json
            put.set(["metadata", "generation"], to: 40)
            put.set(["metadata", "resourceVersion"], to: nil)
            let overwritten = await api.send(.PUT, Self.deployments + "/web", body: put)
            #expect(overwritten.json[dotted: "metadata.generation"]?.intValue == 2)
        }
    }

    @Test func statusSubresourceIgnoresSpecAndMainResourceIgnoresStatus() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let created = await api.create(Self.deployments, Objects.deployment("web"))

            var viaStatus = created
            viaStatus.set(["spec", "replicas"], to: 9)
            viaStatus.set(["status", "replicas"], to: 2)
            let s = await api.send(.PUT, Self.deployments + "/web/status", body: viaStatus)
            #expect(s.status == .ok, "\(s.bodyString)")
            #expect(s.json[dotted: "spec.replicas"]?.intValue == 1, "status update must not change spec")
            #expect(s.json[dotted: "status.replicas"]?.intValue == 2)

            var viaMain = s.json
            viaMain.set(["status", "replicas"], to: 7)
            viaMain.set(["spec", "replicas"], to: 4)
            let m = await api.send(.PUT, Self.deployments + "/web", body: viaMain)
            #expect(m.status == .ok, "\(m.bodyString)")
            #expect(m.json[dotted: "status.replicas"]?.intValue == 2, "main update must not change status")
            #expect(m.json[dotted: "spec.replicas"]?.intValue == 4)

            let stored = await api.send(.GET, Self.deployments + "/web").json
            #expect(stored[dotted: "spec.replicas"]?.intValue == 4)
            #expect(stored[dotted: "status.replicas"]?.intValue == 2)
        }
    }

    @Test func noOpUpdateKeepsTheResourceVersion() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let created = await api.create(Self.configMaps, Objects.configMap("same"))
            let before = try? await api.store.currentRevision()
            let put = await api.send(.PUT, Self.configMaps + "/same", body: created)
            #expect(put.status == .ok)
            #expect(put.json.string("metadata.resourceVersion") == created.string("metadata.resourceVersion"))
            let patch = await api.send(.PATCH, Self.configMaps + "/same", body: ["data": ["k": "v"]], headers: Self.mergePatch)
            #expect(patch.json.string("metadata.resourceVersion") == created.string("metadata.resourceVersion"))
            let after = try? await api.store.currentRevision()
            #expect(before == after, "a no-op write must not touch the store")
        }
    }

    @Test func realUpdateAdvancesTheResourceVersionAndKeepsServerFields() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let created = await api.create(Self.configMaps, Objects.configMap("moving"))
            var changed = created
            changed.set(["data", "k"], to: "w")
            changed.set(["metadata", "uid"], to: "forged")
            changed.set(["metadata", "creationTimestamp"], to: "2000-01-01T00:00:00Z")
            let put = await api.send(.PUT, Self.configMaps + "/moving", body: changed)
            #expect(put.status == .ok, "\(put.bodyString)")
            let oldRV = Int64(created.string("metadata.resourceVersion") ?? "") ?? 0
            let newRV = Int64(put.json.string("metadata.resourceVersion") ?? "") ?? 0
            #expect(newRV > oldRV)
            #expect(put.json.string("metadata.uid") == created.string("metadata.uid"))
            #expect(put.json.string("metadata.creationTimestamp") == created.string("metadata.creationTimestamp"))
        }
    }

    @Test func updateWithoutAResourceVersionIsUnconditional() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            var cm = await api.create(Self.configMaps, Objects.configMap("blind"))
            cm.set(["metadata", "resourceVersion"], to: nil)
            cm.set(["data", "k"], to: "x")
            let put = await api.send(.PUT, Self.configMaps + "/blind", body: cm)
            #expect(put.status == .ok, "\(put.bodyString)")
            #expect(put.json.string("data.k") == "x")
        }
    }

    @Test func scaleSubresourceReadsAndWritesReplicas() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            await api.create(Self.deployments, Objects.deployment("web"))
            let scale = await api.send(.GET, Self.deployments + "/web/scale").json
            #expect(scale.string("kind") == "Scale")
            #expect(scale.string("apiVersion") == "autoscaling/v1")
            #expect(scale[dotted: "spec.replicas"]?.intValue == 1)
            let patched = await api.send(.PATCH, Self.deployments + "/web/scale", body: ["spec": ["replicas": 5]], headers: Self.mergePatch)
            #expect(patched.status == .ok, "\(patched.bodyString)")
            let d = await api.send(.GET, Self.deployments + "/web").json
            #expect(d[dotted: "spec.replicas"]?.intValue == 5)
        }
    }
}
