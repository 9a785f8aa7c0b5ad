import Foundation
import KubeMachinery

/// CronJobs (batch/v1).
public struct CronJobStrategy: ResourceStrategy {
    public init() {}

    public func applyDefaults(_ object: inout JSONValue) {
        object.editField("spec", create: true) { spec in
            spec.defaultField("concurrencyPolicy", to: "Allow")
            spec.defaultField("suspend", to: false)
            spec.defaultField("successfulJobsHistoryLimit", to: 3)
            spec.defaultField("failedJobsHistoryLimit", to: 1)
            // Only the pod template inside is defaulted; Job-level defaults apply to each Job made from it.
            spec.editField("jobTemplate") { jt in jt.editField("spec") { PodTemplateRules.applyDefaults(&$0) } }
        }
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        let spec = object["spec"] ?? .object([:])
        let p = FieldPath("spec")
        var errs: [FieldError] = []
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        // Job names get an 11-character suffix and must stay within 63 characters.
        if name.count > 52 {
            errs.append(FieldErr.invalid(FieldPath("metadata.name"), .string(name), "must be no more than 52 characters"))
        }
        errs += Self.schedule(spec, p)
        switch spec.string("concurrencyPolicy") {
        case "Allow", "Forbid", "Replace": break
        case "": errs.append(FieldErr.required(p.child("concurrencyPolicy")))
        case let v: errs.append(FieldErr.notSupported(p.child("concurrencyPolicy"), .string(v), ["Allow", "Forbid", "Replace"]))
        }
        for f in ["startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit"] {
            errs += FieldCheck.nonNegative(spec[f], p.child(f))
        }
        let jt = p.child("jobTemplate")
        errs += JobStrategy.validateSpec(spec[path: ["jobTemplate", "spec"]] ?? .object([:]), jt.child("spec"), isTemplate: true)
        return errs
    }

    static func schedule(_ spec: JSONValue, _ p: FieldPath) -> [FieldError] {
        let schedule = spec.string("schedule")
        let sp = p.child("schedule")
        if schedule.isEmpty { return [FieldErr.required(sp)] }
        if schedule.contains("TZ") {
            return [FieldErr.invalid(sp, .string(schedule), "cannot use TZ or CRON_TZ in schedule, use timeZone field instead")]
        }
        do {
            _ = try CronSchedule(parsing: schedule)
        } catch {
            return [FieldErr.invalid(sp, .string(schedule), error.description)]
        }
        if let tz = spec["timeZone"]?.stringValue {
            if tz == "Local" {
                return [FieldErr.invalid(p.child("timeZone"), .string(tz), "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones")]
            }
            if TimeZone(identifier: tz) == nil {
                return [FieldErr.invalid(p.child("timeZone"), .string(tz), "unknown time zone \(tz)")]
            }
        }
        return []
    }
}
