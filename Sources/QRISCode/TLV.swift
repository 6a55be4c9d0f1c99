/// One EMVCo tag-length-value data object: a two-digit tag and its value.
///
/// The length is not stored: it is the value's length in characters (Unicode scalars), written as two decimal
/// digits, so a value holds at most 99 characters.
public struct TLVElement: Sendable, Hashable {
    /// Two decimal digits, `"00"` to `"99"`.
    public var tag: String
    /// The value as written.
    public var value: String

    /// An element; the tag must be two digits and the value at most 99 characters (``TLV/encode(_:)`` checks).
    public init(_ tag: String, _ value: String) {
        self.tag = tag
        self.value = value
    }
}

/// Reading and writing lists of EMVCo data objects (the payload itself and the templates nested in it).
public enum TLV {
    /// Most characters a value may hold (two length digits).
    public static let maximumValueLength = 99

    /// The elements of `text` in order.
    /// - Parameters:
    ///   - text: the data objects, back to back.
    ///   - template: the enclosing tag for problems (`"62"`), `nil` at the top level.
    /// - Throws: ``QRISProblem`` naming where the text stops being tag-length-value.
    public static func decode(_ text: String, template: String? = nil) throws(QRISProblem) -> [TLVElement] {
        let scalars = Array(text.unicodeScalars)
        var elements: [TLVElement] = []
        var index = 0
        while index < scalars.count {
            guard index + 4 <= scalars.count else {
                throw QRISProblem(.malformed, tag: template,
                    "\(where_(template)) ends with \(scalars.count - index) stray character(s) at offset \(index): a data object needs a 2-digit tag and a 2-digit length")
            }
            let tag = String(String.UnicodeScalarView(scalars[index..<index + 2]))
            let lengthText = String(String.UnicodeScalarView(scalars[index + 2..<index + 4]))
            guard tag.utf8.allSatisfy(isDigit) else {
                throw QRISProblem(.malformed, tag: template, "\(where_(template)): tag \"\(tag)\" at offset \(index) is not two digits")
            }
            guard lengthText.utf8.allSatisfy(isDigit), let length = Int(lengthText) else {
                throw QRISProblem(.malformed, tag: qualified(template, tag),
                    "\(where_(template)): tag \(tag) at offset \(index) has length \"\(lengthText)\", not two digits")
            }
            let start = index + 4
            guard start + length <= scalars.count else {
                throw QRISProblem(.malformed, tag: qualified(template, tag),
                    "\(where_(template)): tag \(tag) at offset \(index) says \(length) characters but only \(scalars.count - start) remain")
            }
            elements.append(TLVElement(tag, String(String.UnicodeScalarView(scalars[start..<start + length]))))
            index = start + length
        }
        return elements
    }

    /// The text of `elements`, each as tag, two-digit length and value.
    /// - Throws: ``QRISProblem`` for a tag that is not two digits or a value longer than 99 characters.
    public static func encode(_ elements: [TLVElement], template: String? = nil) throws(QRISProblem) -> String {
        var text = ""
        for element in elements {
            guard element.tag.utf8.count == 2, element.tag.utf8.allSatisfy(isDigit) else {
                throw QRISProblem(.invalidValue, tag: template, "tag \"\(element.tag)\" is not two digits")
            }
            let length = element.value.unicodeScalars.count
            guard length <= maximumValueLength else {
                throw QRISProblem(.invalidValue, tag: qualified(template, element.tag),
                    "tag \(qualified(template, element.tag)) holds \(length) characters; at most \(maximumValueLength) fit")
            }
            text += element.tag + (length < 10 ? "0" : "") + String(length) + element.value
        }
        return text
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    static func qualified(_ template: String?, _ tag: String) -> String {
        template.map { "\($0).\(tag)" } ?? tag
    }

    private static func where_(_ template: String?) -> String {
        template.map { "template \($0)" } ?? "the payload"
    }
}
