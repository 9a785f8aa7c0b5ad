import Foundation
import Testing
import X509

@testable import BosunServer

@Suite("ClusterPKI start-up: creation, reuse, damage")
struct PKIClusterTests {
    @Test func firstStartCreatesCAServingAndAdminFilesWithPrivateModes() throws {
        try withTemporaryDirectory { root in
            let tls = root.appendingPathComponent("data/tls")
            let pki = try ClusterPKI.loadOrCreate(directory: tls)
            let serving = try pki.ensureServingCertificate(names: defaultServingNames())
            let admin = try pki.ensureAdminClientCertificate()

            #expect(serving.outcome == .issued(reason: "not found"))
            #expect(admin.outcome == .issued(reason: "not found"))
            #expect(try posixMode(tls) == 0o700)
            for key in [pki.files.certificateAuthority.key, pki.files.serving.key, pki.files.adminClient.key] {
                #expect(try posixMode(key) == 0o600, "\(key.lastPathComponent)")
            }
            for cert in [pki.files.certificateAuthority.certificate, pki.files.serving.certificate,
                         pki.files.adminClient.certificate] {
                #expect(try posixMode(cert) == 0o644, "\(cert.lastPathComponent)")
            }
            #expect(tls.appendingPathComponent("ca.crt") == pki.files.certificateAuthority.certificate)
            #expect(tls.appendingPathComponent("client-admin.key") == pki.files.adminClient.key)
            // No temp files are left behind by the atomic writes.
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: tls.path).filter { $0.hasPrefix(".") }
            #expect(leftovers.isEmpty)
        }
    }

    @Test func generatedCAIsACriticalCAWithCertSigningUsageForAboutTenYears() throws {
        let now = Date()
        let ca = try CertificateAuthority.generate(now: now).certificate
        let extensions = ca.extensions
        #expect(try extensions.basicConstraints == .isCertificateAuthority(maxPathLength: nil))
        #expect(extensions[oid: .X509ExtensionID.basicConstraints]?.critical == true)
        let usage = try #require(try extensions.keyUsage)
        #expect(usage.keyCertSign && usage.cRLSign)
        #expect(ca.issuer == ca.subject)
        let years = ca.notValidAfter.timeIntervalSince(now) / (365 * 24 * 3600)
        #expect(years > 9.9 && years < 10.1)
        #expect(ca.publicKey.isValidSignature(ca.signature, for: ca))
    }

    @Test func secondStartReusesTheSameCAServingAndAdminCertificates() throws {
        try withTemporaryDirectory { tls in
            let first = try ClusterPKI.loadOrCreate(directory: tls)
            let firstServing = try first.ensureServingCertificate(names: defaultServingNames())
            let firstAdmin = try first.ensureAdminClientCertificate()

            let second = try ClusterPKI.loadOrCreate(directory: tls)
            let secondServing = try second.ensureServingCertificate(names: defaultServingNames())
            let secondAdmin = try second.ensureAdminClientCertificate()

            #expect(second.certificateAuthority.certificate == first.certificateAuthority.certificate)
            #expect(second.certificateAuthority.pair.privateKey == first.certificateAuthority.pair.privateKey)
            #expect(secondServing.outcome == .reused)
            #expect(secondServing.pair.certificate == firstServing.pair.certificate)
            #expect(secondAdmin.outcome == .reused)
            #expect(secondAdmin.pair.certificate.serialNumber == firstAdmin.pair.certificate.serialNumber)
        }
    }

    @Test func servingCertificateIsReissuedWhenARequestedNameIsMissing() throws {
        try withTemporaryDirectory { tls in
            let pki = try ClusterPKI.loadOrCreate(directory: tls)
            let original = try pki.ensureServingCertificate(names: defaultServingNames())

            let narrower = try ServingCertificateNames.apiServer(hostName: "node-1")
            #expect(try pki.ensureServingCertificate(names: narrower).outcome == .reused)

            let wider = try defaultServingNames(extraIPs: ["10.43.0.1", "192.168.1.20"])
            let reissued = try pki.ensureServingCertificate(names: wider)
            #expect(reissued.outcome == .issued(reason: "requested subject alternative names changed"))
            #expect(reissued.pair.certificate.serialNumber != original.pair.certificate.serialNumber)
            #expect(wider.isCovered(by: reissued.pair.certificate))
            // The new certificate is what is on disk now.
            let onDisk = try #require(try PEMFiles.readCertificate(at: pki.files.serving.certificate))
            #expect(onDisk == reissued.pair.certificate)
        }
    }

    @Test func servingCertificateIsReissuedWhenItExpiresWithinThirtyDays() throws {
        try withTemporaryDirectory { tls in
            let pki = try ClusterPKI.loadOrCreate(directory: tls)
            _ = try pki.ensureServingCertificate(names: defaultServingNames())
            let in340Days = Date().addingTimeInterval(340 * 24 * 3600)
            let in330Days = Date().addingTimeInterval(330 * 24 * 3600)
            #expect(try pki.ensureServingCertificate(names: defaultServingNames(), now: in330Days).outcome == .reused)
            let later = try pki.ensureServingCertificate(names: defaultServingNames(), now: in340Days)
            #expect(later.outcome == .issued(reason: "expired or expiring within 30 days"))
        }
    }

    @Test func leafSignedByAnotherCAIsReissued() throws {
        try withTemporaryDirectory { root in
            let a = root.appendingPathComponent("a"), b = root.appendingPathComponent("b")
            let pkiA = try ClusterPKI.loadOrCreate(directory: a)
            _ = try pkiA.ensureServingCertificate(names: defaultServingNames())
            let pkiB = try ClusterPKI.loadOrCreate(directory: b)
            for file in [pkiA.files.serving.certificate, pkiA.files.serving.key] {
                try FileManager.default.copyItem(at: file, to: b.appendingPathComponent(file.lastPathComponent))
            }
            let result = try pkiB.ensureServingCertificate(names: defaultServingNames())
            #expect(result.outcome == .issued(reason: "not signed by the cluster CA"))
            #expect(pkiB.certificateAuthority.signed(result.pair.certificate))
        }
    }

    @Test func corruptServingCertificateIsReplacedNotFatal() throws {
        try withTemporaryDirectory { tls in
            let pki = try ClusterPKI.loadOrCreate(directory: tls)
            _ = try pki.ensureServingCertificate(names: defaultServingNames())
            try "garbage".write(to: pki.files.serving.certificate, atomically: true, encoding: .utf8)
            let result = try pki.ensureServingCertificate(names: defaultServingNames())
            guard case .issued(let reason) = result.outcome else {
                Issue.record("expected reissue, got \(result.outcome)")
                return
            }
            #expect(reason.contains("serving-kube-apiserver.crt"))
        }
    }

    @Test func corruptCACertificateFailsNamingTheFileAndLeavesItUntouched() throws {
        try withTemporaryDirectory { tls in
            let pki = try ClusterPKI.loadOrCreate(directory: tls)
            let caPath = pki.files.certificateAuthority.certificate
            let damaged = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
            try damaged.write(to: caPath, atomically: true, encoding: .utf8)

            let error = #expect(throws: PKIError.self) { try ClusterPKI.loadOrCreate(directory: tls) }
            guard case .corruptFile(let path, _) = error else {
                Issue.record("expected corruptFile, got \(String(describing: error))")
                return
            }
            #expect(path == caPath.path)
            #expect(error?.description.contains("ca.crt") == true)
            #expect(try String(contentsOf: caPath, encoding: .utf8) == damaged)
        }
    }

    @Test func missingCAKeyFailsInsteadOfRegeneratingTheCA() throws {
        try withTemporaryDirectory { tls in
            let pki = try ClusterPKI.loadOrCreate(directory: tls)
            try FileManager.default.removeItem(at: pki.files.certificateAuthority.key)
            #expect(throws: PKIError.incompletePair(
                present: pki.files.certificateAuthority.certificate.path,
                missing: pki.files.certificateAuthority.key.path)
            ) { try ClusterPKI.loadOrCreate(directory: tls) }
        }
    }

    @Test func caKeyFromAnotherCAIsAKeyMismatch() throws {
        try withTemporaryDirectory { root in
            let a = try ClusterPKI.loadOrCreate(directory: root.appendingPathComponent("a"))
            let b = try ClusterPKI.loadOrCreate(directory: root.appendingPathComponent("b"))
            try FileManager.default.removeItem(at: b.files.certificateAuthority.key)
            try FileManager.default.copyItem(at: a.files.certificateAuthority.key, to: b.files.certificateAuthority.key)
            #expect(throws: PKIError.keyMismatch(
                certificatePath: b.files.certificateAuthority.certificate.path,
                keyPath: b.files.certificateAuthority.key.path)
            ) { try ClusterPKI.loadOrCreate(directory: b.files.directory) }
        }
    }
}
