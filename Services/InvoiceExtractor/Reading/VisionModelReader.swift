import BillReading
import ChatModel
import FintrakCore
import Foundation

/// Reads a bill with a vision model behind any OpenAI-compatible chat-completions server: the image inline as a data
/// URL, the answer constrained by a JSON schema, and then checked like OCR output (amounts, dates, GSTIN check
/// character, tax below total). Anything wrong — an error, a timeout, an answer that does not hold up — throws, and
/// the caller reads the bill with OCR instead.
struct VisionModelReader: Sendable {
    let model: ChatModelClient

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
        let pictures = images.map { image in
            ChatMessage.Part.image(url: "data:\(image.kind.contentType);base64,\(image.data.base64EncodedString())")
        }
        let content = try await model.complete([
            ChatMessage(role: "system", content: .parts([.text(Self.instructions)])),
            ChatMessage(role: "user", content: .parts([.text("Read this bill.")] + pictures)),
        ], format: .jsonSchema(Self.schema))
        let answer: Answer
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            answer = try decoder.decode(Answer.self, from: Data(ChatModelClient.stripCodeFence(content).utf8))
        } catch {
            throw ChatModelError.invalidAnswer("not the schema's JSON: \(error)")
        }
        return try Self.validate(answer, reference: reference)
    }

    // MARK: Request

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
            throw ChatModelError.invalidAnswer("no positive total_amount")
        }
        extraction.total = Reading(total, confidence: sure(\.totalAmount))
        if let text = answer.taxAmount?.text, !text.isEmpty {
            guard let tax = answer.taxAmount?.value, tax >= 0, tax < total else {
                throw ChatModelError.invalidAnswer("tax_amount \(text) is not an amount below the total")
            }
            extraction.tax = Reading(tax, confidence: sure(\.taxAmount))
        }
        if let name = answer.payeeName?.trimmingCharacters(in: .whitespacesAndNewlines), (1...200).contains(name.count) {
            extraction.payee = Reading(name, confidence: sure(\.payeeName))
        }
        if let text = answer.invoiceDate {
            guard let day = CalendarDay(iso: text) ?? DateScanner.dates(in: text).first?.day else {
                throw ChatModelError.invalidAnswer("invoice_date \(text) is not a date")
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
