import Foundation
import Testing
@testable import KubeResources
import KubeMachinery

@Suite("Workload, batch, event and autoscaling printers")
struct WorkloadPrinterTests {
    @Test func deploymentShowsReadyOverDesiredAndWideTemplate() {
        let r = printedRow(BuiltinPrinters.deployment, parsedObject("""
        {"metadata":{"name":"web","creationTimestamp":"2024-06-01T11:57:30Z"},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"},{"name":"log","image":"busybox"}]}}},
         "status":{"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}
        """))
        #expect(r["Ready"] == "2/3")
        #expect(r["Up-to-date"] == .int(3))
        #expect(r["Available"] == .int(2))
        #expect(r["Age"] == "2m30s")
        #expect(r["Containers"] == "nginx,log")
        #expect(r["Images"] == "nginx:1.27,busybox")
        #expect(r["Selector"] == "app=web")
        #expect(BuiltinPrinters.deployment.columns.map(\.name) == ["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"])
    }

    @Test func replicaSetAndReplicationControllerShowCounts() {
        let rs = printedRow(BuiltinPrinters.replicaSet, parsedObject(#"{"metadata":{"name":"web-1"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}}},"status":{"replicas":2,"readyReplicas":1}}"#))
        #expect(rs["Desired"] == .int(2) && rs["Current"] == .int(2) && rs["Ready"] == .int(1))
        #expect(rs["Selector"] == "app=web")
        let rc = printedRow(BuiltinPrinters.replicationController, parsedObject(#"{"metadata":{"name":"old"},"spec":{"replicas":1,"selector":{"app":"old"}}}"#))
        #expect(rc["Selector"] == "app=old")
        #expect(rc["Current"] == .int(0))
    }

    @Test func daemonSetAndStatefulSet() {
        let ds = printedRow(BuiltinPrinters.daemonSet, parsedObject("""
        {"metadata":{"name":"agent"},"spec":{"template":{"spec":{"nodeSelector":{"kubernetes.io/os":"linux"}}}},
         "status":{"desiredNumberScheduled":3,"currentNumberScheduled":3,"numberReady":2,"updatedNumberScheduled":3,"numberAvailable":2}}
        """))
        #expect(ds["Desired"] == .int(3) && ds["Ready"] == .int(2) && ds["Available"] == .int(2))
        #expect(ds["Node Selector"] == "kubernetes.io/os=linux")
        #expect(ds["Selector"] == "<none>")
        let sts = printedRow(BuiltinPrinters.statefulSet, parsedObject(#"{"metadata":{"name":"db"},"spec":{"replicas":3},"status":{"readyReplicas":1}}"#))
        #expect(sts["Ready"] == "1/3")
    }

    @Test func controllerRevisionNamesItsOwner() {
        let r = printedRow(BuiltinPrinters.controllerRevision, parsedObject("""
        {"metadata":{"name":"agent-6b9f","ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"agent","controller":true}]},
         "revision":4}
        """))
        #expect(r["Controller"] == "daemonset.apps/agent")
        #expect(r["Revision"] == .int(4))
    }

    @Test func completedJobShowsCompleteAndItsDuration() {
        let r = printedRow(BuiltinPrinters.job, parsedObject("""
        {"metadata":{"name":"pi","creationTimestamp":"2024-06-01T11:00:00Z"},
         "spec":{"completions":1,"parallelism":1,"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"abc"}},
                 "template":{"spec":{"containers":[{"name":"pi","image":"perl:5.34"}]}}},
         "status":{"succeeded":1,"startTime":"2024-06-01T11:00:01Z","completionTime":"2024-06-01T11:00:38Z",
                   "conditions":[{"type":"SuccessCriteriaMet","status":"True"},{"type":"Complete","status":"True"}]}}
        """))
        #expect(r["Status"] == "Complete")
        #expect(r["Completions"] == "1/1")
        #expect(r["Duration"] == "37s")
        #expect(r["Age"] == "60m")
        #expect(r["Selector"] == "batch.kubernetes.io/controller-uid=abc")
    }

    @Test(arguments: [
        (#"{"spec":{"parallelism":3},"status":{"succeeded":1,"startTime":"2024-06-01T11:58:00Z"}}"#, "Running", "1/1 of 3", "2m"),
        (#"{"spec":{"completions":5},"status":{"failed":6,"conditions":[{"type":"Failed","status":"True"}]}}"#, "Failed", "0/5", ""),
        (#"{"spec":{},"status":{"conditions":[{"type":"Suspended","status":"True"}]}}"#, "Suspended", "0/1", ""),
        (#"{"metadata":{"deletionTimestamp":"2024-06-01T11:00:00Z"},"spec":{}}"#, "Terminating", "0/1", ""),
    ])
    func jobStatusCompletionsAndDuration(json: String, status: String, completions: String, duration: String) {
        let r = printedRow(BuiltinPrinters.job, parsedObject(json))
        #expect(r["Status"] == .string(status))
        #expect(r["Completions"] == .string(completions))
        #expect(r["Duration"] == .string(duration))
    }

    @Test func cronJobShowsScheduleAndLastRun() {
        let r = printedRow(BuiltinPrinters.cronJob, parsedObject("""
        {"metadata":{"name":"backup"},"spec":{"schedule":"*/5 * * * *","suspend":false,
           "jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"restic"}]}}}}},
         "status":{"active":[{"name":"backup-1"}],"lastScheduleTime":"2024-06-01T11:55:00Z"}}
        """))
        #expect(r["Schedule"] == "*/5 * * * *")
        #expect(r["Timezone"] == "<none>")
        #expect(r["Suspend"] == "False")
        #expect(r["Active"] == .int(1))
        #expect(r["Last Schedule"] == "5m")
        #expect(r["Images"] == "restic")
        let fresh = printedRow(BuiltinPrinters.cronJob, parsedObject(#"{"spec":{"schedule":"@daily","timeZone":"Etc/UTC"}}"#))
        #expect(fresh["Last Schedule"] == "<none>")
        #expect(fresh["Suspend"] == "<unset>")
        #expect(fresh["Timezone"] == "Etc/UTC")
    }

    @Test func coreEventPrintsObjectSourceAndCount() {
        let r = printedRow(BuiltinPrinters.event, parsedObject("""
        {"apiVersion":"v1","metadata":{"name":"web-0.17d"},"type":"Warning","reason":"BackOff",
         "involvedObject":{"kind":"Pod","name":"web-0","fieldPath":"spec.containers{app}"},
         "source":{"component":"kubelet","host":"n1"},"message":"Back-off restarting failed container\\n",
         "firstTimestamp":"2024-06-01T11:00:00Z","lastTimestamp":"2024-06-01T11:59:00Z","count":12}
        """))
        #expect(r["Last Seen"] == "60s")
        #expect(r["Object"] == "pod/web-0")
        #expect(r["Subobject"] == "spec.containers{app}")
        #expect(r["Source"] == "kubelet, n1")
        #expect(r["Message"] == "Back-off restarting failed container")
        #expect(r["First Seen"] == "60m")
        #expect(r["Count"] == .int(12))
        #expect(r["Name"] == "web-0.17d")
        #expect(BuiltinPrinters.event.columns.first?.name == "Last Seen")
    }

    @Test func eventsAPIEventReadsRenamedFieldsAndSeries() {
        let r = printedRow(BuiltinPrinters.event, parsedObject("""
        {"apiVersion":"events.k8s.io/v1","metadata":{"name":"e"},"type":"Normal","reason":"Scheduled",
         "regarding":{"kind":"Pod","name":"web-1"},"note":"Assigned to n2","reportingController":"default-scheduler",
         "eventTime":"2024-06-01T11:50:00.123456Z","series":{"count":4,"lastObservedTime":"2024-06-01T11:59:50.000000Z"}}
        """))
        #expect(r["Object"] == "pod/web-1")
        #expect(r["Message"] == "Assigned to n2")
        #expect(r["Source"] == "default-scheduler")
        // 9m59.877s: durations truncate, they do not round.
        #expect(r["First Seen"] == "9m59s")
        #expect(r["Last Seen"] == "10s")
        #expect(r["Count"] == .int(4))
    }

    @Test func singletonEventCountsOne() {
        let r = printedRow(BuiltinPrinters.event, parsedObject(#"{"apiVersion":"v1","involvedObject":{"kind":"Node"},"eventTime":"2024-06-01T11:59:00.000000Z"}"#))
        #expect(r["Count"] == .int(1))
        #expect(r["Object"] == "node")
        #expect(r["Last Seen"] == "60s")
    }

    @Test func hpaV2ShowsCurrentOverTargetForResourceMetrics() {
        let r = printedRow(BuiltinPrinters.horizontalPodAutoscaler, parsedObject("""
        {"apiVersion":"autoscaling/v2","metadata":{"name":"web"},
         "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"minReplicas":2,"maxReplicas":10,
           "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}},
                      {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"500Mi"}}},
                      {"type":"Pods","pods":{"metric":{"name":"qps"},"target":{"type":"AverageValue","averageValue":"10"}}}]},
         "status":{"currentReplicas":3,"currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":45}}}]}}
        """))
        #expect(r["Reference"] == "Deployment/web")
        #expect(r["Targets"] == "cpu: 45%/80%, memory: <unknown>/500Mi + 1 more...")
        #expect(r["MinPods"] == "2")
        #expect(r["MaxPods"] == .int(10))
        #expect(r["Replicas"] == .int(3))
    }

    @Test func hpaV1ReadsCPUPercentageFields() {
        let r = printedRow(BuiltinPrinters.horizontalPodAutoscaler, parsedObject("""
        {"apiVersion":"autoscaling/v1","metadata":{"name":"web"},
         "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":5,"targetCPUUtilizationPercentage":50},
         "status":{"currentReplicas":1}}
        """))
        #expect(r["Targets"] == "cpu: <unknown>/50%")
        #expect(r["MinPods"] == "<unset>")
        let none = printedRow(BuiltinPrinters.horizontalPodAutoscaler, parsedObject(#"{"apiVersion":"autoscaling/v2","spec":{"maxReplicas":1}}"#))
        #expect(none["Targets"] == "<none>")
    }

    @Test(arguments: [
        (#"{"spec":{"minAvailable":2}}"#, "2", "N/A"),
        (#"{"spec":{"maxUnavailable":"25%"}}"#, "N/A", "25%"),
    ])
    func podDisruptionBudgetShowsIntOrPercent(json: String, min: String, max: String) {
        let r = printedRow(BuiltinPrinters.podDisruptionBudget, parsedObject(json))
        #expect(r["Min Available"] == .string(min))
        #expect(r["Max Unavailable"] == .string(max))
        #expect(r["Allowed Disruptions"] == .int(0))
    }

    @Test func podTemplateShowsContainersAndLabels() {
        let r = printedRow(BuiltinPrinters.podTemplate, parsedObject(#"{"metadata":{"name":"t"},"template":{"metadata":{"labels":{"b":"2","a":"1"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}"#))
        #expect(r["Containers"] == "c")
        #expect(r["Pod Labels"] == "a=1,b=2")
    }
}
