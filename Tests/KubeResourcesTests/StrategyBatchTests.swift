import Foundation
import Testing
import KubeMachinery
@testable import KubeResources

@Suite struct StrategyBatchTests {
    static func job(_ spec: String, uid: String = "u-1") -> JSONValue {
        StrategyTest.json(#"{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi","namespace":"default","uid":""# + uid + #""},"spec":"# + spec + "}")
    }
    static let template = #"{"spec":{"restartPolicy":"Never","containers":[{"name":"pi","image":"perl:5"}]}}"#

    @Test func jobDefaultsAndGeneratedSelector() {
        let (out, errs) = StrategyTest.create(JobStrategy(), Self.job(#"{"template":"# + Self.template + "}"))
        #expect(errs.isEmpty)
        var spec = out["spec"]
        spec?["template"] = nil
        #expect(spec == StrategyTest.json(#"""
            {"backoffLimit":6,"completionMode":"NonIndexed","completions":1,"manualSelector":false,"parallelism":1,
             "podReplacementPolicy":"TerminatingOrFailed","suspend":false,
             "selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"u-1"}}}
            """#))
        let labels: JSONValue = ["batch.kubernetes.io/controller-uid": "u-1", "controller-uid": "u-1",
                                 "batch.kubernetes.io/job-name": "pi", "job-name": "pi"]
        #expect(out[path: ["spec", "template", "metadata", "labels"]] == labels)
        #expect(out[path: ["metadata", "labels"]] == labels)
    }

    @Test(arguments: [
        (#"{"parallelism":3}"#, nil as Int64?, 3 as Int64),
        (#"{"completions":5}"#, 5, 1),
        (#"{"parallelism":2,"completions":4}"#, 4, 2),
    ])
    func completionsDefaultOnlyWhenNeitherIsSet(extra: String, completions: Int64?, parallelism: Int64) {
        var j = Self.job(extra)
        JobStrategy().applyDefaults(&j)
        #expect(j[path: ["spec", "completions"]]?.intValue == completions)
        #expect(j[path: ["spec", "parallelism"]]?.intValue == parallelism)
    }

    @Test(arguments: [
        (#"{"template":{"spec":{"containers":[{"name":"pi","image":"perl"}]}}}"#,
         [#"spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never""#]),
        (#"{"backoffLimit":-1,"template":"# + template + "}", ["spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0"]),
        (#"{"completionMode":"Indexed","parallelism":2,"template":"# + template + "}", ["spec.completions: Required value: when completion mode is Indexed"]),
        (#"{"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"other"}},"template":"# + template + "}",
         [#"spec.selector: Invalid value: &v1.LabelSelector{MatchLabels:map[string]string{"batch.kubernetes.io/controller-uid":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated"#,
          #"spec.template.metadata.labels: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"u-1", "batch.kubernetes.io/job-name":"pi", "controller-uid":"u-1", "job-name":"pi"}: `selector` does not match template `labels`"#]),
    ] as [(String, [String])])
    func jobValidationErrors(spec: String, expected: [String]) {
        let (_, errs) = StrategyTest.create(JobStrategy(), Self.job(spec))
        #expect(StrategyTest.messages(errs) == expected)
    }

    @Test func manualSelectorSkipsGeneration() {
        let j = Self.job(#"{"manualSelector":true,"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"restartPolicy":"Never","containers":[{"name":"pi","image":"perl"}]}}}"#)
        let (out, errs) = StrategyTest.create(JobStrategy(), j)
        #expect(errs.isEmpty)
        #expect(out[path: ["spec", "selector"]] == ["matchLabels": ["a": "b"]])
    }

    @Test func jobTemplateIsImmutableUnlessSuspended() {
        let (old, _) = StrategyTest.create(JobStrategy(), Self.job(#"{"template":"# + Self.template + "}"))
        var new = old
        new.set(["spec", "template", "spec", "containers"], to: [["name": "pi", "image": "perl:6"]])
        #expect(StrategyTest.messages(StrategyTest.update(JobStrategy(), new, old: old)) == ["spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable"])
        var suspendedOld = old
        suspendedOld.set(["spec", "suspend"], to: true)
        var placed = suspendedOld
        placed.set(["spec", "template", "spec", "nodeSelector"], to: ["zone": "a"])
        #expect(StrategyTest.update(JobStrategy(), placed, old: suspendedOld).isEmpty)
        var grown = old
        grown.set(["spec", "completions"], to: 3)
        #expect(StrategyTest.messages(StrategyTest.update(JobStrategy(), grown, old: old)) == ["spec.completions: Invalid value: 3: field is immutable"])
    }

    static func cronJob(_ schedule: String) -> JSONValue {
        StrategyTest.json(#"{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"c","namespace":"default"},"spec":{"schedule":""# + schedule
            + #"","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure","containers":[{"name":"c","image":"busybox"}]}}}}}}"#)
    }

    @Test func cronJobDefaults() {
        let (out, errs) = StrategyTest.create(CronJobStrategy(), Self.cronJob("*/5 * * * *"))
        #expect(errs.isEmpty)
        #expect(out[path: ["spec", "concurrencyPolicy"]] == "Allow")
        #expect(out[path: ["spec", "suspend"]] == false)
        #expect(out[path: ["spec", "successfulJobsHistoryLimit"]] == 3)
        #expect(out[path: ["spec", "failedJobsHistoryLimit"]] == 1)
        #expect(out[path: ["spec", "jobTemplate", "spec", "template", "spec", "dnsPolicy"]] == "ClusterFirst")
        #expect(out[path: ["spec", "jobTemplate", "spec", "backoffLimit"]] == nil)
    }

    @Test(arguments: [
        ("@hourly", nil as String?), ("0 0 * * MON-FRI", nil), ("@every 1h30m", nil), ("0,30 9-17/2 1 JAN *", nil),
        ("* * * *", "expected exactly 5 fields, found 4: [* * * *]"),
        ("@fortnightly", "unrecognized descriptor: @fortnightly"),
        ("70 * * * *", "end of range (70) above maximum (59): 70"),
        ("x * * * *", #"failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax"#),
        ("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"),
    ])
    func cronSchedulesParseLikeUpstream(schedule: String, error: String?) {
        let errs = CronJobStrategy().validate({ var c = Self.cronJob(schedule); CronJobStrategy().applyDefaults(&c); return c }())
        if let error {
            #expect(StrategyTest.messages(errs) == [#"spec.schedule: Invalid value: ""# + schedule + #"": "# + error])
        } else {
            #expect(errs.isEmpty)
        }
    }

    @Test func missingScheduleIsRequired() {
        var c = Self.cronJob("")
        CronJobStrategy().applyDefaults(&c)
        #expect(StrategyTest.messages(CronJobStrategy().validate(c)) == ["spec.schedule: Required value"])
    }

    @Test func nextRunFollowsTheSchedule() throws {
        let s = try CronSchedule(parsing: "30 2 * * *")
        let start = Date(timeIntervalSince1970: 0)  // 1970-01-01 00:00 UTC
        #expect(s.next(after: start) == Date(timeIntervalSince1970: 2 * 3600 + 30 * 60))
        let weekly = try CronSchedule(parsing: "@weekly")  // Sundays at 00:00; 1970-01-04 was a Sunday.
        #expect(weekly.next(after: start) == Date(timeIntervalSince1970: 3 * 86400))
    }
}
