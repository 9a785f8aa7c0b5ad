import KubeAPI
import KubeClient
import KubeMachinery
import Testing
@testable import KubeControllers

/// The Deployment controller against a real in-process API server, with the ReplicaSet
/// controller making pods and hollow nodes making them Running and Ready.
@Suite(.serialized)
struct DeploymentRolloutTests {
    @Test func aNewDeploymentGetsOneReplicaSetWithReadyPodsAndCompleteConditions() async throws {
        try await ControllerTestCluster.with(nodes: 2) { cluster in
            try await cluster.run(DeploymentController.self, ReplicaSetController.self)
            var d = DeploymentFixture.deployment("web", replicas: 4)
            d.annotations = [RevisionAnnotations.changeCause: "first release"]
            _ = try await cluster.client.create(d)
            #expect(await eventually { try await cluster.rolloutComplete("web") })

            let sets = try await cluster.replicaSets(of: "web")
            try #require(sets.count == 1)
            let rs = sets[0]
            let hash = try #require(rs.object.labels[PodTemplateHash.labelKey])
            #expect(rs.name == "web-\(hash)")
            #expect(rs.object.json["spec"]?["selector"]?["matchLabels"]?[PodTemplateHash.labelKey]?.stringValue == hash)
            #expect(rs.template["metadata"]?["labels"]?[PodTemplateHash.labelKey]?.stringValue == hash)
            #expect(rs.annotations[RevisionAnnotations.revision] == "1")
            #expect(rs.annotations[RevisionAnnotations.desiredReplicas] == "4")
            #expect(rs.annotations[RevisionAnnotations.maxReplicas] == "5")
            #expect(rs.annotations[RevisionAnnotations.changeCause] == "first release")
            let pods = try await cluster.pods(selector: "app=web")
            #expect(pods.count == 4 && pods.allSatisfy { $0.isReady && $0.labels[PodTemplateHash.labelKey] == hash })

            let dep = try await cluster.deployment("web")
            #expect(dep.annotations[RevisionAnnotations.revision] == "1")
            let status = DeploymentRolloutStatus(json: dep.json["status"])
            #expect(status.readyReplicas == 4 && status.unavailableReplicas == 0)
            let available = try #require(status.conditions.condition("Available"))
            #expect(available.status == "True" && available.reason == "MinimumReplicasAvailable")
            #expect(available.message == "Deployment has minimum availability.")
            let progressing = try #require(status.conditions.condition("Progressing"))
            #expect(progressing.status == "True")
            #expect(progressing.message == "ReplicaSet \"\(rs.name)\" has successfully progressed.")
            #expect(await eventually {
                try await cluster.events(reason: "ScalingReplicaSet").contains {
                    $0.json["message"]?.stringValue == "Scaled up replica set \(rs.name) from 0 to 4"
                }
            })
        }
    }

    @Test func aRollingUpdateNeverDropsBelowTheUnavailabilityBudget() async throws {
        try await ControllerTestCluster.with(nodes: 2) { cluster in
            try await cluster.run(DeploymentController.self, ReplicaSetController.self)
            let strategy = DeploymentFixture.rolling(maxSurge: 2, maxUnavailable: 1)
            _ = try await cluster.client.create(DeploymentFixture.deployment("web", replicas: 4, strategy: strategy))
            #expect(await eventually { try await cluster.rolloutComplete("web") })
            let first = try await cluster.replicaSets(of: "web")[0]

            let sampler = try await PodWatchSampler.start(cluster, app: "web")
            let sizes = try await ReplicaSetWatchSampler.start(cluster, app: "web")
            try await cluster.patchDeployment("web", DeploymentFixture.imagePatch("nginx:1.26"))
            #expect(await eventually(timeout: .seconds(30)) {
                try await cluster.deployment("web").generation > 1 ? try await cluster.rolloutComplete("web") : false
            })

            let sets = try await cluster.replicaSets(of: "web")
            #expect(sets.count == 2)
            let old = try #require(sets.first { $0.uid == first.uid })
            let new = try #require(sets.first { $0.uid != first.uid })
            #expect(old.replicas == 0)
            #expect(new.replicas == 4 && new.annotations[RevisionAnnotations.revision] == "2")
            #expect(try await cluster.deployment("web").annotations[RevisionAnnotations.revision] == "2")
            // Old pods go away asynchronously; wait for the last before reading the samples.
            #expect(await eventually { try await cluster.pods(selector: "app=web").count == 4 })
            let seen = sampler.snapshot
            #expect(seen.events > 8)
            #expect(seen.minReady >= 3, "available pods fell to \(seen.minReady), below replicas - maxUnavailable")
            #expect(sizes.maxTotal == 6, "ReplicaSets were sized for \(sizes.maxTotal) pods; the surge allows 6")
            #expect(await eventually {
                try await cluster.events(reason: "ScalingReplicaSet").contains {
                    $0.json["message"]?.stringValue?.hasPrefix("Scaled down replica set \(first.name) from 4 to") == true
                }
            })
        }
    }

    @Test func recreateNeverRunsOldAndNewPodsAtOnce() async throws {
        try await ControllerTestCluster.with(nodes: 2) { cluster in
            try await cluster.run(DeploymentController.self, ReplicaSetController.self)
            _ = try await cluster.client.create(DeploymentFixture.deployment("db", replicas: 3, strategy: ["type": "Recreate"]))
            #expect(await eventually { try await cluster.rolloutComplete("db") })

            let sampler = try await PodWatchSampler.start(cluster, app: "db")
            try await cluster.patchDeployment("db", DeploymentFixture.imagePatch("postgres:17"))
            #expect(await eventually(timeout: .seconds(30)) {
                try await cluster.deployment("db").generation > 1 ? try await cluster.rolloutComplete("db") : false
            })
            let seen = sampler.snapshot
            #expect(seen.minReady == 0, "Recreate goes through zero pods")
            #expect(seen.templatesAtOnce == 1, "pods of the old and the new template existed together")
            let sets = try await cluster.replicaSets(of: "db")
            #expect(sets.map(\.replicas).sorted() == [0, 3])
        }
    }

    @Test func reapplyingAnOldTemplateReusesItsReplicaSetAsTheNextRevision() async throws {
        try await ControllerTestCluster.with(nodes: 2) { cluster in
            try await cluster.run(DeploymentController.self, ReplicaSetController.self)
            _ = try await cluster.client.create(DeploymentFixture.deployment("web", replicas: 2))
            #expect(await eventually { try await cluster.rolloutComplete("web") })
            let first = try await cluster.replicaSets(of: "web")[0]

            try await cluster.patchDeployment("web", DeploymentFixture.imagePatch("nginx:1.26"))
            #expect(await eventually { try await cluster.deployment("web").generation == 2 })
            #expect(await eventually(timeout: .seconds(30)) { try await cluster.rolloutComplete("web") })
            // What `kubectl rollout undo` does: put revision 1's template back.
            try await cluster.patchDeployment("web", DeploymentFixture.imagePatch("nginx:1.25"))
            #expect(await eventually { try await cluster.deployment("web").generation == 3 })
            #expect(await eventually(timeout: .seconds(30)) { try await cluster.rolloutComplete("web") })

            let sets = try await cluster.replicaSets(of: "web")
            #expect(sets.count == 2)
            let reused = try #require(sets.first { $0.uid == first.uid })
            #expect(reused.replicas == 2)
            #expect(reused.annotations[RevisionAnnotations.revision] == "3")
            #expect(reused.annotations[RevisionAnnotations.revisionHistory] == "1")
            let other = try #require(sets.first { $0.uid != first.uid })
            #expect(other.replicas == 0 && other.annotations[RevisionAnnotations.revision] == "2")
            #expect(try await cluster.deployment("web").annotations[RevisionAnnotations.revision] == "3")
        }
    }

    @Test func aPausedDeploymentScalesButDoesNotRollUntilResumed() async throws {
        try await ControllerTestCluster.with(nodes: 2) { cluster in
            try await cluster.run(DeploymentController.self, ReplicaSetController.self)
            _ = try await cluster.client.create(DeploymentFixture.deployment("web", replicas: 2))
            #expect(await eventually { try await cluster.rolloutComplete("web") })

            try await cluster.patchDeployment("web", ["spec": ["paused": true]], .merge)
            #expect(await eventually {
                let status = DeploymentRolloutStatus(json: try await cluster.deployment("web").json["status"])
                guard let p = status.conditions.condition("Progressing") else { return false }
                return p.reason == "DeploymentPaused" && p.status == "Unknown" && p.message == "Deployment is paused"
            })
            try await cluster.patchDeployment("web", DeploymentFixture.imagePatch("nginx:1.26"))
            try await cluster.patchDeployment("web", ["spec": ["replicas": 3]], .merge)
            #expect(await eventually { try await cluster.pods(selector: "app=web").filter(\.isReady).count == 3 })
            #expect(await holds(for: .milliseconds(500)) { try await cluster.replicaSets(of: "web").count == 1 })
            #expect(try await cluster.replicaSets(of: "web")[0].replicas == 3)

            try await cluster.patchDeployment("web", ["spec": ["paused": false]], .merge)
            #expect(await eventually(timeout: .seconds(30)) {
                try await cluster.replicaSets(of: "web").count == 2 ? try await cluster.rolloutComplete("web") : false
            })
        }
    }

    @Test func oldReplicaSetsBeyondTheHistoryLimitAreDeleted() async throws {
        try await ControllerTestCluster.with(nodes: 2) { cluster in
            try await cluster.run(DeploymentController.self, ReplicaSetController.self)
            _ = try await cluster.client.create(DeploymentFixture.deployment("web", replicas: 1, extraSpec: ["revisionHistoryLimit": 1]))
            #expect(await eventually { try await cluster.rolloutComplete("web") })
            for (generation, tag) in [(2, "1.26"), (3, "1.27"), (4, "1.28")] {
                try await cluster.patchDeployment("web", DeploymentFixture.imagePatch("nginx:\(tag)"))
                #expect(await eventually { try await cluster.deployment("web").generation == Int64(generation) })
                #expect(await eventually(timeout: .seconds(30)) { try await cluster.rolloutComplete("web") })
            }
            #expect(await eventually {
                try await cluster.replicaSets(of: "web").map(\.revision).sorted() == [3, 4]
            })
        }
    }

    @Test func aRolloutThatCannotProgressReportsTheDeadline() async throws {
        // No nodes: pods stay Pending, so the rollout stalls.
        try await ControllerTestCluster.with(nodes: 0) { cluster in
            try await cluster.run(DeploymentController.self, ReplicaSetController.self)
            _ = try await cluster.client.create(DeploymentFixture.deployment("stuck", replicas: 2, extraSpec: ["progressDeadlineSeconds": 1]))
            #expect(await eventually(timeout: .seconds(20)) {
                let status = DeploymentRolloutStatus(json: try await cluster.deployment("stuck").json["status"])
                return status.conditions.condition("Progressing")?.reason == "ProgressDeadlineExceeded"
            })
            let sets = try await cluster.replicaSets(of: "stuck")
            let status = DeploymentRolloutStatus(json: try await cluster.deployment("stuck").json["status"])
            let progressing = try #require(status.conditions.condition("Progressing"))
            #expect(progressing.status == "False")
            #expect(progressing.message == "ReplicaSet \"\(sets.first?.name ?? "")\" has timed out progressing.")
            let available = try #require(status.conditions.condition("Available"))
            #expect(available.status == "False" && available.reason == "MinimumReplicasUnavailable")
        }
    }

    @Test func aNameTakenByAnotherReplicaSetBumpsTheCollisionCount() async throws {
        try await ControllerTestCluster.with(nodes: 1) { cluster in
            try await cluster.run(DeploymentController.self, ReplicaSetController.self)
            // Paused, the controller creates no ReplicaSet: we can take its name first.
            let created = try await cluster.client.create(
                DeploymentFixture.deployment("web", replicas: 1, extraSpec: ["paused": true]))
            let template = RolloutDeployment(created).template
            let taken = "web-\(PodTemplateHash.compute(template: template, collisionCount: nil))"
            var squatter = ReplicaSet(namespace: "default", name: taken)
            squatter.labels = ["app": "other"]
            squatter.spec = ["replicas": 0, "selector": ["matchLabels": ["app": "other"]],
                             "template": ["metadata": ["labels": ["app": "other"]],
                                          "spec": ["containers": [["name": "c", "image": "busybox"]]]]]
            _ = try await cluster.client.create(squatter)

            try await cluster.patchDeployment("web", ["spec": ["paused": false]], .merge)
            #expect(await eventually(timeout: .seconds(20)) { try await cluster.rolloutComplete("web") })
            let status = DeploymentRolloutStatus(json: try await cluster.deployment("web").json["status"])
            #expect(status.collisionCount == 1)
            let sets = try await cluster.replicaSets(of: "web")
            #expect(sets.map(\.name) == ["web-\(PodTemplateHash.compute(template: template, collisionCount: 1))"])
        }
    }
}
