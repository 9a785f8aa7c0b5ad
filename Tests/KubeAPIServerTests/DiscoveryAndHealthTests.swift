import KubeAPIServer
import KubeMachinery
import Testing

@Suite("Discovery, version, health and metrics endpoints")
struct DiscoveryAndHealthTests {
    @Test func legacyCoreDiscoveryListsV1() async {
        await withAPIServer { api in
            let r = await api.send(.GET, "/api")
            #expect(r.status == .ok)
            #expect(r.json.string("kind") == "APIVersions")
            #expect(r.json["versions"] == ["v1"])
        }
    }

    @Test func legacyGroupDiscoveryListsAppsWithItsPreferredVersion() async {
        await withAPIServer { api in
            let r = await api.send(.GET, "/apis")
            #expect(r.json.string("kind") == "APIGroupList")
            let groups = r.json["groups"]?.arrayValue ?? []
            let apps = groups.first { $0.string("name") == "apps" }
            #expect(apps?.string("preferredVersion.groupVersion") == "apps/v1")
            #expect(!groups.contains { $0.string("name") == "" }, "the core group is not listed under /apis")
        }
    }

    @Test func coreResourceListHasPodsWithSubresourcesAndShortNames() async {
        await withAPIServer { api in
            let list = await api.send(.GET, "/api/v1").json
            #expect(list.string("kind") == "APIResourceList")
            #expect(list.string("groupVersion") == "v1")
            let resources = list["resources"]?.arrayValue ?? []
            let pods = resources.first { $0.string("name") == "pods" }
            #expect(pods?.string("kind") == "Pod")
            #expect(pods?["namespaced"] == true)
            #expect(pods?["shortNames"] == ["po"])
            #expect(resources.contains { $0.string("name") == "pods/status" })
            let namespaces = resources.first { $0.string("name") == "namespaces" }
            #expect(namespaces?["namespaced"] == false)
        }
    }

    @Test func groupVersionResourceListForApps() async {
        await withAPIServer { api in
            let list = await api.send(.GET, "/apis/apps/v1").json
            #expect(list.string("groupVersion") == "apps/v1")
            let scale = (list["resources"]?.arrayValue ?? []).first { $0.string("name") == "deployments/scale" }
            #expect(scale?.string("kind") == "Scale")
            #expect(scale?.string("group") == "autoscaling")
            #expect(await api.send(.GET, "/apis/apps/v9").status == .notFound)
        }
    }

    @Test(arguments: ["v2", "v2beta1"])
    func aggregatedDiscoveryAnswersInTheRequestedVersion(version: String) async {
        await withAPIServer { api in
            let accept = "application/json;g=apidiscovery.k8s.io;v=\(version);as=APIGroupDiscoveryList,application/json"
            let r = await api.send(.GET, "/apis", headers: [("Accept", accept)])
            #expect(r.status == .ok)
            #expect(r.headers["Content-Type"].first == "application/json;g=apidiscovery.k8s.io;v=\(version);as=APIGroupDiscoveryList")
            #expect(r.json.string("kind") == "APIGroupDiscoveryList")
            #expect(r.json.string("apiVersion") == "apidiscovery.k8s.io/\(version)")
            let apps = (r.json["items"]?.arrayValue ?? []).first { $0.string("metadata.name") == "apps" }
            let v1 = apps?["versions"]?.arrayValue?.first
            #expect(v1?.string("version") == "v1")
            let deployments = (v1?["resources"]?.arrayValue ?? []).first { $0.string("resource") == "deployments" }
            #expect(deployments?.string("scope") == "Namespaced")
            #expect(deployments?.string("responseKind.kind") == "Deployment")

            let core = await api.send(.GET, "/api", headers: [("Accept", accept)])
            #expect(core.json.string("kind") == "APIGroupDiscoveryList")
            let coreResources = core.json["items"]?.arrayValue?.first?["versions"]?.arrayValue?.first?["resources"]?.arrayValue ?? []
            #expect(coreResources.contains { $0.string("resource") == "pods" })
        }
    }

    @Test func versionReportsMajorMinorAndGitVersion() async {
        await withAPIServer { api in
            let v = await api.send(.GET, "/version").json
            #expect(v.string("major") == "1")
            #expect(v.string("minor") != nil)
            #expect(v.string("gitVersion")?.hasPrefix("v1.") == true)
            #expect(v.string("platform") != nil)
        }
    }

    @Test(arguments: ["/healthz", "/livez", "/readyz"])
    func healthEndpointsAnswerOKWithoutAUser(path: String) async {
        await withAPIServer { api in
            let r = await api.send(.GET, path, user: nil)
            #expect(r.status == .ok)
            #expect(r.bodyString == "ok")
        }
    }

    @Test func readyzVerboseListsEachCheck() async {
        await withAPIServer { api in
            let r = await api.send(.GET, "/readyz?verbose", user: nil)
            #expect(r.status == .ok)
            let lines = r.bodyString.split(separator: "\n").map(String.init)
            #expect(lines.contains("[+]ping ok"))
            #expect(lines.contains("[+]etcd ok"))
            #expect(lines.contains("[+]informer-sync ok"))
            #expect(lines.last == "readyz check passed")
        }
    }

    @Test func namedHealthCheckAndUnknownCheck() async {
        await withAPIServer { api in
            #expect(await api.send(.GET, "/livez/ping", user: nil).bodyString == "ok")
            #expect(await api.send(.GET, "/readyz/nonexistent", user: nil).status == .notFound)
        }
    }

    @Test func metricsCountRequestsByVerbResourceAndCode() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            await api.send(.GET, "/api/v1/namespaces/demo/configmaps/missing")
            let r = await api.send(.GET, "/metrics")
            #expect(r.status == .ok)
            #expect(r.headers["Content-Type"].first?.hasPrefix("text/plain") == true)
            let text = r.bodyString
            #expect(text.contains("# TYPE apiserver_request_total counter"))
            #expect(text.contains(#"apiserver_request_total{verb="create",resource="namespaces",code="201"} 1"#))
            #expect(text.contains(#"apiserver_request_total{verb="get",resource="configmaps",code="404"} 1"#))
        }
    }

    @Test func metricsAndDiscoveryNeedAUser() async {
        await withAPIServer { api in
            for path in ["/metrics", "/api", "/apis", "/version"] {
                let r = await api.send(.GET, path, user: nil)
                expectStatus(r, ExpectedStatus(code: 401, reason: "Unauthorized"))
            }
        }
    }

    @Test func unauthenticatedRequestsPassWhenAuthenticationIsNotRequired() async {
        var config = APIServer.Config()
        config.requireAuthentication = false
        await withAPIServer(config: config) { api in
            #expect(await api.send(.GET, "/api/v1/namespaces", user: nil).status == .ok)
        }
    }

    @Test func unknownNonResourcePathIs404() async {
        await withAPIServer { api in
            expectStatus(await api.send(.GET, "/nowhere"), ExpectedStatus(code: 404, reason: "NotFound"))
        }
    }
}
