import Foundation

/// Why a kubeconfig could not be read back.
public enum KubeconfigReadError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingField(String)
    case invalidBase64(field: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingField(let field): return "kubeconfig has no \(field)"
        case .invalidBase64(let field): return "kubeconfig \(field) is not valid base64 text"
        case .unreadable(let path, let reason): return "cannot read kubeconfig \(path): \(reason)"
        }
    }
}

extension Kubeconfig {
    /// Reads back the fields of a kubeconfig in the shape `Kubeconfig.render()` writes (and the
    /// common single-cluster shape kubectl writes). It is not a YAML parser: it finds the first
    /// `server`, `certificate-authority-data`, `client-certificate-data` and `client-key-data`
    /// keys, which is all `bosun` tooling and tests need.
    public init(parsing yaml: String) throws {
        var values: [String: String] = [:]
        let wanted: Set = ["server", "certificate-authority-data", "client-certificate-data", "client-key-data"]
        for rawLine in yaml.split(whereSeparator: \.isNewline) {
            var line = Substring(rawLine).drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("- ") { line = line.dropFirst(2).drop { $0 == " " } }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            guard wanted.contains(key), values[key] == nil else { continue }
            let rest = line[line.index(after: colon)...]
            values[key] = KubeconfigScalar.decode(rest)
        }
        func required(_ key: String) throws -> String {
            guard let value = values[key], !value.isEmpty else { throw KubeconfigReadError.missingField(key) }
            return value
        }
        func decoded(_ key: String) throws -> String {
            let encoded = try required(key)
            guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8) else {
                throw KubeconfigReadError.invalidBase64(field: key)
            }
            return text
        }
        self.init(
            server: try required("server"),
            certificateAuthorityPEM: try decoded("certificate-authority-data"),
            clientCertificatePEM: try decoded("client-certificate-data"),
            clientKeyPEM: try decoded("client-key-data"))
    }

    public static func read(from url: URL) throws -> Kubeconfig {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw KubeconfigReadError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try Kubeconfig(parsing: text)
    }
}

/// The little YAML scalar handling the kubeconfig needs: plain when safe, double-quoted otherwise.
enum KubeconfigScalar {
    private static let plainSafe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:/.-_[]%@+=~")

    static func encode(_ value: String) -> String {
        let needsQuotes = value.isEmpty || !value.allSatisfy { plainSafe.contains($0) }
            || value.first == "[" || value.hasSuffix(":")
        guard needsQuotes else { return value }
        var escaped = ""
        for character in value {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
    }

    /// Decodes a scalar value after its key's colon: plain (trailing ` #` comment removed),
    /// single-quoted or double-quoted.
    static func decode(_ raw: Substring) -> String {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("\""), text.count >= 2, let end = closingDoubleQuote(in: text) {
            return unescapeDoubleQuoted(String(text[text.index(after: text.startIndex)..<end]))
        }
        if text.hasPrefix("'"), text.count >= 2, text.hasSuffix("'") {
            return String(text.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        if let comment = text.range(of: " #") {
            return String(text[..<comment.lowerBound]).trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    private static func closingDoubleQuote(in text: String) -> String.Index? {
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" {
                index = text.index(after: index)
                if index < text.endIndex { index = text.index(after: index) }
                continue
            }
            if character == "\"" { return index }
            index = text.index(after: index)
        }
        return nil
    }

    private static func unescapeDoubleQuoted(_ body: String) -> String {
        var result = ""
        var escaping = false
        for character in body {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
