import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct ImageLocalityTests {
    typealias F = BasicFixtures
    static let mb: Int64 = 1024 * 1024

    static func node(_ name: String, images: [String: ImageStateSummary]) -> NodeInfo {
        var n = F.node(name)
        n.imageStates = images
        return n
    }

    static func score(pod: PodInfo, node: NodeInfo, totalNodes: Int) -> Int64 {
        let others = (1..<max(totalNodes, 1)).map { F.node("other-\($0)") }
        let plugin = ImageLocality(handle: BasicFakeHandle(nodes: [node] + others))
        return plugin.score(CycleState(), pod, node).0
    }

    @Test(arguments: [
        // (image size MB, nodes having it, total nodes, expected)
        (Int64(500), 1, 2, Int64(23)),  // 250MB counted: 100 × (250-23) / (1000-23)
        (500, 2, 2, 48),                // present everywhere: full size, 100 × 477 / 977
        (40, 1, 2, 0),                  // 20MB counted, under the 23MB floor
        (3000, 1, 1, 100),              // capped at 1000MB per container
    ])
    func scoreScalesImageSizeBySpread(sizeMB: Int64, numNodes: Int, totalNodes: Int, expected: Int64) {
        let node = Self.node("n1", images: ["nginx:latest": ImageStateSummary(size: sizeMB * Self.mb, numNodes: numNodes)])
        let pod = F.pod(containers: [F.container(image: "nginx")])
        #expect(Self.score(pod: pod, node: node, totalNodes: totalNodes) == expected)
    }

    @Test func thresholdGrowsWithTheNumberOfContainers() {
        let node = Self.node("n1", images: ["app:v1": ImageStateSummary(size: 1000 * Self.mb, numNodes: 1),
                                            "busybox:latest": ImageStateSummary(size: 10 * Self.mb, numNodes: 1)])
        let one = F.pod(containers: [F.container(image: "app:v1")])
        #expect(Self.score(pod: one, node: node, totalNodes: 1) == 100)
        // Same image plus an init container: max threshold doubles. 100 × (1010-23) / (2000-23) = 49.
        let two = F.pod(containers: [F.container(image: "app:v1")], initContainers: [F.container(image: "busybox")])
        #expect(Self.score(pod: two, node: node, totalNodes: 1) == 49)
    }

    @Test func preScoreReadsTheClusterSizeOnceForTheCycle() {
        let image = ["nginx:latest": ImageStateSummary(size: 500 * Self.mb, numNodes: 1)]
        let nodes = [Self.node("n1", images: image), F.node("n2")]
        let plugin = ImageLocality(handle: BasicFakeHandle(nodes: nodes))
        let pod = F.pod(containers: [F.container(image: "nginx")])
        // Only n1 is scored, but the spread is over both nodes of the snapshot: 250MB → 23.
        #expect(F.scores(plugin, pod, [nodes[0]]) == [23])
    }

    @Test func nodeWithoutTheImageScoresZero() {
        let pod = F.pod(containers: [F.container(image: "nginx")])
        #expect(Self.score(pod: pod, node: Self.node("n1", images: [:]), totalNodes: 1) == 0)
    }

    @Test(arguments: [
        // (pod image, name the node reports)
        ("nginx", "nginx:latest"),
        ("nginx", "docker.io/library/nginx:latest"),
        ("nginx:1.25", "docker.io/library/nginx:1.25"),
        ("docker.io/library/nginx", "nginx:latest"),
        ("docker.io/me/app:2", "me/app:2"),
        ("me/app:2", "docker.io/me/app:2"),
        ("registry.example.com:5000/app", "registry.example.com:5000/app:latest"),
        ("nginx@sha256:abcd", "nginx@sha256:abcd"),
    ])
    func imageNamesAreNormalizedBeforeLookup(podImage: String, nodeName: String) {
        let node = Self.node("n1", images: [nodeName: ImageStateSummary(size: 500 * Self.mb, numNodes: 1)])
        #expect(Self.score(pod: F.pod(containers: [F.container(image: podImage)]), node: node, totalNodes: 1) == 48)
    }

    @Test(arguments: [
        ("nginx", "nginx:latest"),
        ("nginx:1", "nginx:1"),
        ("localhost:5000/app", "localhost:5000/app:latest"),
        ("localhost:5000/app:v2", "localhost:5000/app:v2"),
        ("app@sha256:ff", "app@sha256:ff"),
    ])
    func defaultTagIsLatest(name: String, tagged: String) {
        #expect(ImageName.withDefaultTag(name) == tagged)
    }

    @Test func privateRegistryImagesHaveNoDockerHubAlias() {
        #expect(ImageName.lookupForms("quay.io/org/app:1") == ["quay.io/org/app:1"])
        #expect(ImageName.lookupForms("localhost/app") == ["localhost/app:latest"])
    }
}
