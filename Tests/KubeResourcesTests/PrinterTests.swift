import Foundation
import Testing
@testable import KubeResources
import KubeMachinery

/// The fixed "now" all printer cases are computed at: 2024-06-01T12:00:00Z.
let printNow = Date(timeIntervalSince1970: 1_717_243_200)

/// Cells of a printer keyed by column name, for assertions that read like kubectl output.
func printedRow(_ printer: TablePrinter, _ object: JSONValue, now: Date = printNow) -> [String: JSONValue] {
    let cells = printer.cells(object, now)
    #expect(cells.count == printer.columns.count)
    return Dictionary(uniqueKeysWithValues: zip(printer.columns.map(\.name), cells))
}

func parsedObject(_ json: String) -> JSONValue {
    (try? JSONValue.parse(json)) ?? .null
}

@Suite("HumanDuration and timestamps")
struct HumanDurationTests {
    @Test(arguments: [
        (0.0, "0s"), (5, "5s"), (-1.5, "0s"), (-3, "<invalid>"), (119, "119s"), (120, "2m"), (150, "2m30s"),
        (599, "9m59s"), (600, "10m"), (3 * 3600 - 1, "179m"), (3 * 3600, "3h"), (3 * 3600 + 600, "3h10m"),
        (8 * 3600, "8h"), (47 * 3600 + 3599, "47h"), (48 * 3600, "2d"), (5 * 86400, "5d"),
        (5 * 86400 + 7200, "5d2h"), (8 * 86400, "8d"), (729 * 86400, "729d"), (730 * 86400, "2y"),
        (775 * 86400, "2y45d"), (8 * 365 * 86400, "8y"), (10 * 365 * 86400 + 86400 * 100, "10y"),
    ] as [(Double, String)])
    func formatsLikeUpstream(seconds: Double, expected: String) {
        #expect(HumanDuration.format(seconds) == expected)
    }

    @Test func missingOrMalformedTimestampsAreUnknown() {
        #expect(HumanDuration.since(nil, now: printNow) == "<unknown>")
        #expect(JSONTimestamp(.string("yesterday")) == nil)
        #expect(JSONTimestamp(.int(5)) == nil)
    }

    @Test(arguments: [
        ("2024-06-01T12:00:00Z", 1_717_243_200.0),
        ("2024-06-01T11:59:59.5Z", 1_717_243_199.5),
        ("2024-06-01T14:00:00+02:00", 1_717_243_200.0),
        ("1970-01-01T00:00:00Z", 0),
        ("2000-02-29T00:00:00Z", 951_782_400),
    ] as [(String, Double)])
    func parsesRFC3339(text: String, epoch: Double) throws {
        let ts = try #require(JSONTimestamp(.string(text)))
        #expect(abs(ts.date.timeIntervalSince1970 - epoch) < 0.001)
    }
}

@Suite("Printers of services, config and cluster kinds")
struct PrinterTests {
    @Test func nodePortServiceShowsNodePortsAndNoExternalIP() {
        let r = printedRow(BuiltinPrinters.service, parsedObject("""
        {"metadata":{"name":"web","creationTimestamp":"2024-06-01T11:50:00Z"},
         "spec":{"type":"NodePort","clusterIP":"10.43.0.15","clusterIPs":["10.43.0.15"],
                 "ports":[{"port":80,"nodePort":30080,"protocol":"TCP"},{"port":53,"protocol":"UDP"}],
                 "selector":{"tier":"web","app":"shop"}}}
        """))
        #expect(r["Name"] == "web")
        #expect(r["Type"] == "NodePort")
        #expect(r["Cluster-IP"] == "10.43.0.15")
        #expect(r["External-IP"] == "<none>")
        #expect(r["Port(s)"] == "80:30080/TCP,53/UDP")
        #expect(r["Age"] == "10m")
        #expect(r["Selector"] == "app=shop,tier=web")
    }

    @Test(arguments: [
        (#"{"spec":{"type":"LoadBalancer","clusterIPs":["10.0.0.1"]}}"#, "<pending>"),
        (#"{"spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.9"},{"hostname":"lb.example"}]}}}"#,
         "203.0.113.9,lb.example"),
        (#"{"spec":{"type":"LoadBalancer","externalIPs":["198.51.100.1"]},"status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.9"}]}}}"#,
         "203.0.113.9,198.51.100.1"),
        (#"{"spec":{"type":"ClusterIP","externalIPs":["198.51.100.1","198.51.100.2"]}}"#, "198.51.100.1,198.51.100.2"),
        (#"{"spec":{"type":"ExternalName","externalName":"db.example.com"}}"#, "db.example.com"),
    ])
    func serviceExternalIPFollowsTheType(json: String, expected: String) {
        #expect(printedRow(BuiltinPrinters.service, parsedObject(json))["External-IP"] == .string(expected))
    }

    @Test func serviceWithoutPortsOrClusterIPsPrintsNone() {
        let r = printedRow(BuiltinPrinters.service, parsedObject(#"{"metadata":{"name":"x"},"spec":{"type":"ClusterIP"}}"#))
        #expect(r["Port(s)"] == "<none>")
        #expect(r["Cluster-IP"] == "<none>")
        #expect(r["Age"] == "<unknown>")
        #expect(r["Selector"] == "<none>")
    }

    @Test func namespaceShowsPhase() {
        let r = printedRow(BuiltinPrinters.namespace, parsedObject(#"{"metadata":{"name":"dev","creationTimestamp":"2024-05-27T12:00:00Z"},"status":{"phase":"Active"}}"#))
        #expect(r == ["Name": "dev", "Status": "Active", "Age": "5d"])
    }

    @Test func configMapCountsTextAndBinaryKeys() {
        let r = printedRow(BuiltinPrinters.configMap, parsedObject(#"{"metadata":{"name":"c"},"data":{"a":"1","b":"2"},"binaryData":{"c":"AA=="}}"#))
        #expect(r["Data"] == .int(3))
    }

    @Test func secretShowsTypeAndKeyCount() {
        let r = printedRow(BuiltinPrinters.secret, parsedObject(#"{"metadata":{"name":"tls"},"type":"kubernetes.io/tls","data":{"tls.crt":"","tls.key":""}}"#))
        #expect(r["Type"] == "kubernetes.io/tls")
        #expect(r["Data"] == .int(2))
    }

    @Test func nodeShowsReadinessRolesAndWideInfo() {
        let r = printedRow(BuiltinPrinters.node, parsedObject("""
        {"metadata":{"name":"n1","creationTimestamp":"2024-05-01T12:00:00Z",
            "labels":{"node-role.kubernetes.io/control-plane":"","node-role.kubernetes.io/master":"","kubernetes.io/role":"etcd"}},
         "spec":{"unschedulable":true},
         "status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"False"}],
            "addresses":[{"type":"Hostname","address":"n1"},{"type":"InternalIP","address":"192.168.1.10"}],
            "nodeInfo":{"kubeletVersion":"v1.31.0","osImage":"Debian GNU/Linux 12","kernelVersion":"6.1.0",
                        "containerRuntimeVersion":"containerd://1.7.20"}}}
        """))
        #expect(r["Status"] == "NotReady,SchedulingDisabled")
        #expect(r["Roles"] == "control-plane,etcd,master")
        #expect(r["Age"] == "31d")
        #expect(r["Version"] == "v1.31.0")
        #expect(r["Internal-IP"] == "192.168.1.10")
        #expect(r["External-IP"] == "<none>")
        #expect(r["Container-Runtime"] == "containerd://1.7.20")
    }

    @Test func nodeWithoutReadyConditionIsUnknown() {
        let r = printedRow(BuiltinPrinters.node, parsedObject(#"{"metadata":{"name":"n"}}"#))
        #expect(r["Status"] == "Unknown")
        #expect(r["Roles"] == "<none>")
        #expect(r["OS-Image"] == "<unknown>")
    }

    @Test func endpointsListThreeAddressesThenCountTheRest() {
        let r = printedRow(BuiltinPrinters.endpoints, parsedObject("""
        {"metadata":{"name":"web"},"subsets":[
          {"addresses":[{"ip":"10.1.0.1"},{"ip":"10.1.0.2"}],"ports":[{"port":8080},{"port":9090}]},
          {"addresses":[{"ip":"fd00::1"}]}]}
        """))
        #expect(r["Endpoints"] == "10.1.0.1:8080,10.1.0.2:8080,10.1.0.1:9090 + 2 more...")
        #expect(printedRow(BuiltinPrinters.endpoints, parsedObject(#"{"metadata":{"name":"e"}}"#))["Endpoints"] == "<none>")
        let v6 = printedRow(BuiltinPrinters.endpoints, parsedObject(#"{"subsets":[{"addresses":[{"ip":"fd00::1"}],"ports":[{"port":80}]}]}"#))
        #expect(v6["Endpoints"] == "[fd00::1]:80")
    }

    @Test func endpointSliceShowsPortsAndAddresses() {
        let r = printedRow(BuiltinPrinters.endpointSlice, parsedObject("""
        {"metadata":{"name":"web-abc"},"addressType":"IPv4","ports":[{"name":"http","port":80},{"name":"named"}],
         "endpoints":[{"addresses":["10.1.0.1"]},{"addresses":["10.1.0.2"]}]}
        """))
        #expect(r["AddressType"] == "IPv4")
        #expect(r["Ports"] == "80,named")
        #expect(r["Endpoints"] == "10.1.0.1,10.1.0.2")
        #expect(printedRow(BuiltinPrinters.endpointSlice, parsedObject("{}"))["Endpoints"] == "<unset>")
    }

    @Test(arguments: [
        (#"{"spec":{"rules":[{"host":"a"},{"host":"b"}]}}"#, "a,b", "80"),
        (#"{"spec":{"rules":[{}],"tls":[{"hosts":["a"]}]}}"#, "*", "80, 443"),
        (#"{"spec":{"rules":[{"host":"a"},{"host":"b"},{"host":"c"},{"host":"d"},{"host":"e"}]}}"#, "a,b,c + 2 more...", "80"),
        (#"{"spec":{"rules":[{"host":"a"},{},{"host":"b"},{"host":"c"}]}}"#, "a,b,c", "80"),
    ])
    func ingressHostsAndPorts(json: String, hosts: String, ports: String) {
        let r = printedRow(BuiltinPrinters.ingress, parsedObject(json))
        #expect(r["Hosts"] == .string(hosts))
        #expect(r["Ports"] == .string(ports))
        #expect(r["Class"] == "<none>")
    }

    @Test func resourceQuotaSplitsRequestsFromLimits() {
        let r = printedRow(BuiltinPrinters.resourceQuota, parsedObject("""
        {"metadata":{"name":"q"},"status":{"hard":{"pods":"10","limits.cpu":"4","requests.memory":"1Gi","limits":"3"},
                                           "used":{"pods":"2","limits.cpu":"500m"}}}
        """))
        #expect(r["Request"] == "limits: 0/3, pods: 2/10, requests.memory: 0/1Gi")
        #expect(r["Limit"] == "limits.cpu: 500m/4")
    }

    @Test func persistentVolumeAndClaimPrintBindingDetails() {
        let pv = printedRow(BuiltinPrinters.persistentVolume, parsedObject("""
        {"metadata":{"name":"pv1","deletionTimestamp":"2024-06-01T11:00:00Z"},
         "spec":{"capacity":{"storage":"5Gi"},"accessModes":["ReadWriteMany","ReadWriteOnce"],
                 "persistentVolumeReclaimPolicy":"Retain","claimRef":{"namespace":"dev","name":"data"},
                 "storageClassName":"local","volumeMode":"Filesystem"},
         "status":{"phase":"Bound"}}
        """))
        #expect(pv["Capacity"] == "5Gi")
        #expect(pv["Access Modes"] == "RWO,RWX")
        #expect(pv["Status"] == "Terminating")
        #expect(pv["Claim"] == "dev/data")
        #expect(pv["StorageClass"] == "local")
        #expect(pv["VolumeAttributesClass"] == "<unset>")
        #expect(pv["VolumeMode"] == "Filesystem")

        let pending = printedRow(BuiltinPrinters.persistentVolumeClaim, parsedObject(#"{"metadata":{"name":"data"},"spec":{"resources":{"requests":{"storage":"1Gi"}}},"status":{"phase":"Pending"}}"#))
        #expect(pending["Status"] == "Pending")
        #expect(pending["Capacity"] == "")
        #expect(pending["Access Modes"] == "")
        let bound = printedRow(BuiltinPrinters.persistentVolumeClaim, parsedObject(#"{"metadata":{"name":"data"},"spec":{"volumeName":"pv1"},"status":{"phase":"Bound","capacity":{"storage":"5Gi"},"accessModes":["ReadWriteOnce"]}}"#))
        #expect(bound["Capacity"] == "5Gi")
        #expect(bound["Access Modes"] == "RWO")
    }

    @Test func defaultStorageClassIsMarked() {
        let r = printedRow(BuiltinPrinters.storageClass, parsedObject("""
        {"metadata":{"name":"local-path","annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},
         "provisioner":"rancher.io/local-path","volumeBindingMode":"WaitForFirstConsumer"}
        """))
        #expect(r["Name"] == "local-path (default)")
        #expect(r["ReclaimPolicy"] == "Delete")
        #expect(r["VolumeBindingMode"] == "WaitForFirstConsumer")
        #expect(r["AllowVolumeExpansion"] == false)
    }

    @Test func roleBindingListsSubjectsByKind() {
        let r = printedRow(BuiltinPrinters.roleBinding, parsedObject("""
        {"metadata":{"name":"rb"},"roleRef":{"kind":"ClusterRole","name":"view"},
         "subjects":[{"kind":"User","name":"alice"},{"kind":"Group","name":"devs"},
                     {"kind":"ServiceAccount","name":"ci","namespace":"build"},{"kind":"User","name":"bob"}]}
        """))
        #expect(r["Role"] == "ClusterRole/view")
        #expect(r["Users"] == "alice, bob")
        #expect(r["Groups"] == "devs")
        #expect(r["ServiceAccounts"] == "build:ci")
    }

    @Test func rolesAndLimitRangesUseTheDefaultTable() {
        for kind in ["Role", "ClusterRole"] {
            #expect(BuiltinPrinters.printer(group: "rbac.authorization.k8s.io", kind: kind).columns.map(\.name) == ["Name", "Created At"])
        }
        #expect(BuiltinPrinters.printer(group: "", kind: "LimitRange").columns.map(\.name) == ["Name", "Created At"])
    }

    @Test func leaseAndPriorityClassAndNetworkPolicy() {
        #expect(printedRow(BuiltinPrinters.lease, parsedObject(#"{"metadata":{"name":"l"},"spec":{"holderIdentity":"node-1"}}"#))["Holder"] == "node-1")
        let pc = printedRow(BuiltinPrinters.priorityClass, parsedObject(#"{"metadata":{"name":"high"},"value":1000,"globalDefault":true,"preemptionPolicy":"Never"}"#))
        #expect(pc["Value"] == .int(1000))
        #expect(pc["Global-Default"] == true)
        #expect(pc["PreemptionPolicy"] == "Never")
        let np = printedRow(BuiltinPrinters.networkPolicy, parsedObject(#"{"metadata":{"name":"deny"},"spec":{"podSelector":{}}}"#))
        #expect(np["Pod-Selector"] == "<none>")
        let np2 = printedRow(BuiltinPrinters.networkPolicy, parsedObject(#"{"spec":{"podSelector":{"matchLabels":{"app":"db"},"matchExpressions":[{"key":"env","operator":"In","values":["prod","dev"]},{"key":"canary","operator":"DoesNotExist"}]}}}"#))
        // Requirements sort by key, whatever their operator.
        #expect(np2["Pod-Selector"] == "app=db,!canary,env in (dev,prod)")
    }

    @Test func serviceAccountCountsSecrets() {
        #expect(printedRow(BuiltinPrinters.serviceAccount, parsedObject(#"{"metadata":{"name":"default"}}"#))["Secrets"] == .int(0))
    }
}
