import BillReading
import FintrakCore
import FintrakHTTPClient
import Foundation

/// Reads a bill with a vision model behind any OpenAI-compatible chat-completions server: the image inline as a data
/// URL, the answer constrained by a JSON schema, and then checked like OCR output (amounts, dates, GSTIN check
/// character, tax below total). Anything wrong — an error, a timeout, an answer that does not hold up — throws, and
/// the caller reads the bill with OCR instead.
struct VisionModelReader: Sendable {
    let http: HTTPClient
    let settings: OpenAISettings

    enum Failure: Error, CustomStringConvertible {
        case status(Int, String)
        case invalidAnswer(String)

        var description: String {
            switch self {
            case .status(let code, let body): "chat completions answered \(code): \(body)"
            case .invalidAnswer(let reason): "unusable answer: \(reason)"
            }
        }
    }

    static let instructions = """
        You read photos of bills, receipts and invoices for an Indian small-business bookkeeping app. Answer only with \
        the JSON the schema describes. payee_name is the seller who issued the bill, never the buyer. invoice_date is \
        the bill's date (YYYY-MM-DD), never a due, order or meter-reading date; Indian bills write dates day first. \
        total_amount is the grand total payable after discounts and round-off (for utility bills the amount payable by \
        the due date), not a subtotal, savings or previous balance. tax_amount is the total GST or VAT printed \
        (CGST+SGST, IGST or VAT), null when none is printed. Amounts are plain decimal strings like "1530.00". \
        currency is an ISO 4217 code. payment_method only when the bill says how it was paid. gstin is the seller's. \
        confidence gives 0 to 1 for each of payee_name, invoice_date, total_amount and tax_amount. Set is_invoice to \
        false when the image is not a bill.
        """

    func read(images: [MediaFile], reference: CalendarDay) async throws -> InvoiceExtraction {
        var request = try HTTPRequest.json("\(settings.baseURL)/chat/completions", body(images))
        if let key = settings.apiKey { request.headers.append(("Authorization", "Bearer \(key)")) }
        request.timeout = settings.timeout
        request.maxResponseBytes = 1024 * 1024
        let response = try await http.send(request)
        guard response.status == 200 else {
            throw Failure.status(response.status, String(decoding: response.body.prefix(300), as: UTF8.self))
        }
        struct Completion: Decodable {
            struct Choice: Decodable {
                struct Message: Decodable { var content: String? }
                var message: Message
            }
            var choices: [Choice]
        }
        guard let completion = try? JSONDecoder().decode(Completion.self, from: response.body),
              let content = completion.choices.first?.message.content else {
            throw Failure.invalidAnswer("no message content")
        }
        let answer: Answer
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            answer = try decoder.decode(Answer.self, from: Data(Self.stripCodeFence(content).utf8))
        } catch {
            throw Failure.invalidAnswer("not the schema's JSON: \(error)")
        }
        return try Self.validate(answer, reference: reference)
    }

    /// Some servers wrap JSON in a Markdown fence even when asked not to.
    static func stripCodeFence(_ text: String) -> String {
        var lines = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.first?.hasPrefix("```") == true, lines.last?.hasPrefix("```") == true, lines.count >= 2 {
            lines = Array(lines.dropFirst().dropLast())
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Request

    private struct Body: Encodable {
        struct Message: Encodable {
            var role: String
            var content: [Part]
        }
        struct Part: Encodable {
            var type: String
            var text: String?
            var imageURL: ImageURL?

            enum CodingKeys: String, CodingKey {
                case type, text
                case imageURL = "image_url"
            }
        }
        struct ImageURL: Encodable { var url: String }
        struct ResponseFormat: Encodable {
            var type = "json_schema"
            var jsonSchema: JSONValue

            enum CodingKeys: String, CodingKey {
                case type
                case jsonSchema = "json_schema"
            }
        }
        var model: String
        var temperature = 0
        var messages: [Message]
        var responseFormat: ResponseFormat

        enum CodingKeys: String, CodingKey {
            case model, temperature, messages
            case responseFormat = "response_format"
        }
    }

    private func body(_ images: [MediaFile]) -> Body {
        let pictures = images.map { image in
            Body.Part(type: "image_url", imageURL: .init(url: "data:\(image.kind.contentType);base64,\(image.data.base64EncodedString())"))
        }
        return Body(
            model: settings.model,
            messages: [
                .init(role: "system", content: [.init(type: "text", text: Self.instructions)]),
                .init(role: "user", content: [.init(type: "text", text: "Read this bill.")] + pictures),
            ],
            responseFormat: .init(jsonSchema: Self.schema))
    }

    static let schema: JSONValue = {
        let text: JSONValue = ["type": ["string", "null"]]
        let confidence: JSONValue = ["type": ["number", "null"]]
        return [
            "name": "bill",
            "strict": true,
            "schema": [
                "type": "object",
                "additionalProperties": false,
                "required": ["is_invoice", "payee_name", "invoice_number", "invoice_date", "total_amount", "tax_amount",
                             "currency", "payment_method", "gstin", "confidence"],
                "properties": [
                    "is_invoice": ["type": "boolean"],
                    "payee_name": text, "invoice_number": text, "invoice_date": text, "total_amount": text,
                    "tax_amount": text, "currency": text, "gstin": text,
                    "payment_method": ["type": ["string", "null"],
                                       "enum": .array(PaymentMethod.allCases.map { .string($0.rawValue) } + [.null])],
                    "confidence": [
                        "type": "object",
                        "additionalProperties": false,
                        "required": ["payee_name", "invoice_date", "total_amount", "tax_amount"],
                        "properties": ["payee_name": confidence, "invoice_date": confidence,
                                       "total_amount": confidence, "tax_amount": confidence],
                    ],
                ],
            ],
        ]
    }()

    // MARK: Answer

    /// The schema's fields (snake_case on the wire).
    struct Answer: Decodable {
        struct Confidence: Decodable {
            var payeeName: Double?
            var invoiceDate: Double?
            var totalAmount: Double?
            var taxAmount: Double?
        }
        var isInvoice: Bool
        var payeeName: String?
        var invoiceNumber: String?
        var invoiceDate: String?
        var totalAmount: Amount?
        var taxAmount: Amount?
        var currency: String?
        var paymentMethod: String?
        var gstin: String?
        var confidence: Confidence?
    }

    /// An amount as a decimal string ("1,530.00", "₹1530") or, from a lax server, a JSON number.
    struct Amount: Decodable {
        var text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let string = try? container.decode(String.self) {
                text = string
            } else {
                text = "\(try container.decode(Decimal.self))"
            }
        }

        var value: Decimal? {
            AmountScanner.amounts(in: text).first { !$0.isPercentage }.map(\.value)
        }
    }

    /// The model's answer held to the same standards as OCR: a positive total, a real date, a valid GSTIN or none.
    static func validate(_ answer: Answer, reference: CalendarDay) throws -> InvoiceExtraction {
        func sure(_ field: KeyPath<Answer.Confidence, Double?>) -> Double { answer.confidence?[keyPath: field] ?? 0.8 }
        var extraction = InvoiceExtraction(
            payee: nil, invoiceNumber: nil, invoiceDate: nil, total: nil, tax: Reading(nil, confidence: 0.8),
            currency: Reading("INR", confidence: 0.5), paymentMethod: nil, gstin: nil, lineItems: [])
        guard answer.isInvoice else { return extraction }
        guard let total = answer.totalAmount?.value, total > 0, total < 1_000_000_000_000 else {
            throw Failure.invalidAnswer("no positive total_amount")
        }
        extraction.total = Reading(total, confidence: sure(\.totalAmount))
        if let text = answer.taxAmount?.text, !text.isEmpty {
            guard let tax = answer.taxAmount?.value, tax >= 0, tax < total else {
                throw Failure.invalidAnswer("tax_amount \(text) is not an amount below the total")
            }
            extraction.tax = Reading(tax, confidence: sure(\.taxAmount))
        }
        if let name = answer.payeeName?.trimmingCharacters(in: .whitespacesAndNewlines), (1...200).contains(name.count) {
            extraction.payee = Reading(name, confidence: sure(\.payeeName))
        }
        if let text = answer.invoiceDate {
            guard let day = CalendarDay(iso: text) ?? DateScanner.dates(in: text).first?.day else {
                throw Failure.invalidAnswer("invoice_date \(text) is not a date")
            }
            // A bill dated well after it was received is a misreading, as with OCR.
            let plausible = day <= reference.adding(days: 7) && day.year >= 2000
            extraction.invoiceDate = Reading(day, confidence: plausible ? sure(\.invoiceDate) : 0.2)
        }
        if let number = answer.invoiceNumber?.trimmingCharacters(in: .whitespaces), (1...100).contains(number.count) {
            extraction.invoiceNumber = Reading(number, confidence: 0.8)
        }
        if let code = answer.currency?.uppercased(), code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) {
            extraction.currency = Reading(code, confidence: 0.85)
        }
        extraction.paymentMethod = answer.paymentMethod.flatMap(PaymentMethod.init(rawValue:)).map { Reading($0, confidence: 0.8) }
        if let gstin = answer.gstin?.uppercased().filter({ !$0.isWhitespace }), GSTIN.isValid(gstin) {
            extraction.gstin = Reading(gstin, confidence: 0.9)
        }
        return extraction
    }
}

/// A JSON value for request bodies whose shape is data (a JSON schema).
enum JSONValue: Encodable, Sendable, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral {
    case string(String), bool(Bool), array([JSONValue]), object([(String, JSONValue)]), null

    init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }

    private struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let value):
            var c = encoder.singleValueContainer()
            try c.encode(value)
        case .bool(let value):
            var c = encoder.singleValueContainer()
            try c.encode(value)
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .array(let values):
            var c = encoder.unkeyedContainer()
            for value in values { try c.encode(value) }
        case .object(let pairs):
            var c = encoder.container(keyedBy: Name.self)
            for (key, value) in pairs { try c.encode(value, forKey: Name(stringValue: key)) }
        }
    }
}
