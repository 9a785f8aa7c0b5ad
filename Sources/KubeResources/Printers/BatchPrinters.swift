import Foundation
import KubeMachinery

extension BuiltinPrinters {
    /// `kubectl get jobs`: NAME STATUS COMPLETIONS DURATION AGE (the STATUS column is upstream's
    /// since v1.30).
    public static let job = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Status", description: "Where the job stands: Running, Complete, Failed, Suspended, ..."),
            TableColumn("Completions", description: "Succeeded pods out of the completions wanted."),
            TableColumn("Duration", description: "Time the job ran, or has been running."),
            CommonColumns.age,
            CommonColumns.containers,
            CommonColumns.images,
            CommonColumns.selector(),
        ],
        cells: { object, now in
            let job = PrinterFields(object)
            let (names, images) = PrintFormat.containers(job["spec", "template", "spec"])
            return [
                .string(job.name),
                .string(jobStatus(job)),
                .string(jobCompletions(job)),
                .string(jobDuration(job, now: now)),
                .string(job.age(now)),
                .string(names), .string(images),
                .string(PrintFormat.labelSelector(job.value("spec", "selector"))),
            ]
        }
    )

    public static let cronJob = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Schedule", description: "The cron schedule."),
            TableColumn("Timezone", description: "The time zone the schedule is read in."),
            TableColumn("Suspend", type: "boolean", description: "Whether new runs are held back."),
            TableColumn("Active", type: "integer", description: "Jobs currently running."),
            TableColumn("Last Schedule", description: "Time since a job was last scheduled."),
            CommonColumns.age,
            CommonColumns.containers,
            CommonColumns.images,
            CommonColumns.selector(),
        ],
        cells: { object, now in
            let cj = PrinterFields(object)
            let template = cj["spec", "jobTemplate", "spec"]
            let (names, images) = PrintFormat.containers(template["template", "spec"])
            var lastSchedule = "<none>"
            if cj.exists("status", "lastScheduleTime") {
                lastSchedule = HumanDuration.since(cj.timestamp("status", "lastScheduleTime"), now: now)
            }
            return [
                .string(cj.name),
                .string(cj.string("spec", "schedule")),
                .string(cj.optionalString("spec", "timeZone") ?? "<none>"),
                .string(PrintFormat.boolPointer(cj.optionalBool("spec", "suspend"))),
                .int(cj.count("status", "active")),
                .string(lastSchedule),
                .string(cj.age(now)),
                .string(names), .string(images),
                .string(PrintFormat.labelSelector(template.value("selector"))),
            ]
        }
    )

    /// The first matching true condition wins, in upstream's order of precedence.
    static func jobStatus(_ job: PrinterFields) -> String {
        let conditions = job.array("status", "conditions")
        // Like upstream, only the first condition of a type counts.
        func isTrue(_ type: String) -> Bool {
            conditions.first { $0.string("type") == type }?.string("status") == "True"
        }
        if isTrue("Complete") { return "Complete" }
        if isTrue("Failed") { return "Failed" }
        if job.isDeleting { return "Terminating" }
        if isTrue("Suspended") { return "Suspended" }
        if isTrue("FailureTarget") { return "FailureTarget" }
        return "Running"
    }

    static func jobCompletions(_ job: PrinterFields) -> String {
        let succeeded = job.int("status", "succeeded")
        if let completions = job.optionalInt("spec", "completions") {
            return "\(succeeded)/\(completions)"
        }
        // A work-queue job (no completions) is done after one success, whatever its parallelism.
        let parallelism = job.optionalInt("spec", "parallelism") ?? 0
        return parallelism > 1 ? "\(succeeded)/1 of \(parallelism)" : "\(succeeded)/1"
    }

    static func jobDuration(_ job: PrinterFields, now: Date) -> String {
        guard let start = job.timestamp("status", "startTime")?.date else { return "" }
        let end = job.timestamp("status", "completionTime")?.date ?? now
        return HumanDuration.format(end.timeIntervalSince(start))
    }
}
