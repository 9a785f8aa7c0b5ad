import Foundation
import Testing
@testable import KubeResources
import KubeMachinery

@Suite("Pod printer")
struct PodPrinterTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var json: String
        var ready: String
        var status: String
        var restarts: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a running pod with both containers ready", json: """
            {"spec":{"containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}],
               "containerStatuses":[{"name":"a","ready":true,"restartCount":0,"state":{"running":{}}},
                                    {"name":"b","ready":true,"restartCount":0,"state":{"running":{}}}]}}
            """, ready: "2/2", status: "Running", restarts: "0"),
        Case(name: "a crash-looping container with 3 restarts, last 5 minutes ago", json: """
            {"spec":{"containers":[{"name":"app"}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"app","ready":false,"restartCount":3,
               "state":{"waiting":{"reason":"CrashLoopBackOff"}},
               "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"2024-06-01T11:55:00Z"}}}]}}
            """, ready: "0/1", status: "CrashLoopBackOff", restarts: "3 (5m ago)"),
        Case(name: "a pending pod creating its container", json: """
            {"spec":{"containers":[{"name":"app"}]},
             "status":{"phase":"Pending","containerStatuses":[{"name":"app","ready":false,"restartCount":0,
               "state":{"waiting":{"reason":"ContainerCreating"}}}]}}
            """, ready: "0/1", status: "ContainerCreating", restarts: "0"),
        Case(name: "a pod that ran to completion", json: """
            {"spec":{"containers":[{"name":"app"}]},
             "status":{"phase":"Succeeded","containerStatuses":[{"name":"app","ready":false,"restartCount":0,
               "state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}}
            """, ready: "0/1", status: "Completed", restarts: "0"),
        Case(name: "the first of two init containers still running", json: """
            {"spec":{"initContainers":[{"name":"i1"},{"name":"i2"}],"containers":[{"name":"app"}]},
             "status":{"phase":"Pending","initContainerStatuses":[
                 {"name":"i1","restartCount":0,"state":{"running":{}}},
                 {"name":"i2","restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}],
               "containerStatuses":[{"name":"app","restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]}}
            """, ready: "0/1", status: "Init:0/2", restarts: "0"),
        Case(name: "a crash-looping init container", json: """
            {"spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"app"}]},
             "status":{"phase":"Pending","initContainerStatuses":[
                 {"name":"i1","restartCount":2,"state":{"waiting":{"reason":"CrashLoopBackOff"}},
                  "lastState":{"terminated":{"exitCode":1,"finishedAt":"2024-06-01T11:59:00Z"}}}]}}
            """, ready: "0/1", status: "Init:CrashLoopBackOff", restarts: "2 (60s ago)"),
        Case(name: "an init container killed by a signal", json: """
            {"spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"app"}]},
             "status":{"phase":"Pending","initContainerStatuses":[
                 {"name":"i1","restartCount":0,"state":{"terminated":{"exitCode":137,"signal":9}}}]}}
            """, ready: "0/1", status: "Init:Signal:9", restarts: "0"),
        Case(name: "a container that exited non-zero without a reason", json: """
            {"spec":{"containers":[{"name":"app"}]},
             "status":{"phase":"Failed","containerStatuses":[{"name":"app","restartCount":0,
               "state":{"terminated":{"exitCode":2}}}]}}
            """, ready: "0/1", status: "ExitCode:2", restarts: "0"),
        Case(name: "a running sidecar counts toward ready and total", json: """
            {"spec":{"initContainers":[{"name":"proxy","restartPolicy":"Always"}],"containers":[{"name":"app"}]},
             "status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True"}],
               "initContainerStatuses":[{"name":"proxy","ready":true,"started":true,"restartCount":1,"state":{"running":{}}}],
               "containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}]}}
            """, ready: "2/2", status: "Running", restarts: "1"),
        Case(name: "a completed container beside a running one reads NotReady", json: """
            {"spec":{"containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Running","containerStatuses":[
                 {"name":"a","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
                 {"name":"b","ready":true,"restartCount":0,"state":{"running":{}}}]}}
            """, ready: "1/2", status: "NotReady", restarts: "0"),
        Case(name: "a running pod being deleted is Terminating", json: """
            {"metadata":{"deletionTimestamp":"2024-06-01T11:59:30Z"},"spec":{"containers":[{"name":"app"}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}]}}
            """, ready: "1/1", status: "Terminating", restarts: "0"),
        Case(name: "a pod on a lost node being deleted is Unknown", json: """
            {"metadata":{"deletionTimestamp":"2024-06-01T11:59:30Z"},"spec":{"containers":[{"name":"app"}]},
             "status":{"phase":"Running","reason":"NodeLost"}}
            """, ready: "0/1", status: "Unknown", restarts: "0"),
        Case(name: "an evicted pod shows the status reason", json: """
            {"spec":{"containers":[{"name":"app"}]},"status":{"phase":"Failed","reason":"Evicted"}}
            """, ready: "0/1", status: "Evicted", restarts: "0"),
        Case(name: "a pod held by scheduling gates", json: """
            {"spec":{"containers":[{"name":"app"}]},
             "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]}}
            """, ready: "0/1", status: "SchedulingGated", restarts: "0"),
    ]

    @Test(arguments: cases)
    func readyStatusAndRestarts(_ c: Case) {
        let r = printedRow(BuiltinPrinters.pod, parsedObject(c.json))
        #expect(r["Ready"] == .string(c.ready))
        #expect(r["Status"] == .string(c.status))
        #expect(r["Restarts"] == .string(c.restarts))
    }

    @Test func wideColumnsShowIPNodeAndReadinessGates() {
        let r = printedRow(BuiltinPrinters.pod, parsedObject("""
            {"metadata":{"name":"web-0","creationTimestamp":"2024-06-01T09:00:00Z"},
             "spec":{"nodeName":"n1","containers":[{"name":"app"}],
                     "readinessGates":[{"conditionType":"example.com/lb"},{"conditionType":"example.com/dns"}]},
             "status":{"phase":"Running","podIPs":[{"ip":"10.42.0.7"},{"ip":"fd00::7"}],
                       "conditions":[{"type":"example.com/lb","status":"True"},{"type":"example.com/dns","status":"False"}]}}
            """))
        #expect(r["Name"] == "web-0")
        #expect(r["Age"] == "3h")
        #expect(r["IP"] == "10.42.0.7")
        #expect(r["Node"] == "n1")
        #expect(r["Nominated Node"] == "<none>")
        #expect(r["Readiness Gates"] == "1/2")
    }

    @Test func unscheduledPodHasNoIPOrNode() {
        let r = printedRow(BuiltinPrinters.pod, parsedObject(#"{"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Pending"}}"#))
        #expect(r["Status"] == "Pending")
        #expect(r["IP"] == "<none>")
        #expect(r["Node"] == "<none>")
        #expect(r["Readiness Gates"] == "<none>")
    }

    @Test func columnsMatchUpstreamNamesAndPriorities() {
        let columns = BuiltinPrinters.pod.columns
        #expect(columns.map(\.name) == ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"])
        #expect(columns.map(\.priority) == [0, 0, 0, 0, 0, 1, 1, 1, 1])
        #expect(columns[0].format == "name")
    }
}
