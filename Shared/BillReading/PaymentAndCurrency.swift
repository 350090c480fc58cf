import FintrakCore
import Foundation

/// How the bill says it was (or is to be) paid. A method counts only where the bill says it was used — "Paid by
/// Card", "Payment Mode: Cheque", "UPI (PhonePe)", a masked card number — not in "ways to pay" lists or bank details.
public struct PaymentFinder {
    let bill: BillText

    /// Each method's words in the languages bills are written in (as `TextLine.words` reads them: lower case, accents
    /// dropped): English and Indian English, Hindi, Malay, Dutch, French, German, Spanish.
    public static let methods: [(method: PaymentMethod, phrases: [String])] = [
        (.upi, ["upi", "gpay", "google pay", "phonepe", "phone pe", "paytm", "bhim", "vpa", "upi ref", "amazon pay"]),
        (.card, ["card", "visa", "mastercard", "master card", "rupay", "amex", "maestro", "credit card", "debit card",
                 "contactless", "kad kredit", "kad debit",
                 "pin", "pinnen", "gepind", "pinpas", "pinbetaling", "bankpas", "betaalpas", "creditcard", "debitcard",
                 "contactloos",
                 "carte", "carte bancaire", "carte bleue", "cb", "carte de credit", "sans contact",
                 "karte", "ec", "ec karte", "girocard", "kreditkarte", "kartenzahlung", "kontaktlos",
                 "tarjeta"]),
        (.bankTransfer, ["neft", "rtgs", "imps", "bank transfer", "wire transfer", "sepa", "direct debit", "online transfer",
                         "net banking", "netbanking", "bank deposit",
                         "overschrijving", "bankoverschrijving", "overboeking", "overmaking", "overmaken", "over te maken", "incasso",
                         "geincasseerd",
                         "virement", "virement bancaire", "prelevement",
                         "uberweisung", "bankuberweisung", "lastschrift", "uberweisen",
                         "transferencia"]),
        (.cheque, ["cheque", "chq", "demand draft", "scheck", "cheque bancaire"]),
        (.cash, ["cash", "nakad", "naqad", "नकद", "tunai", "contant", "contanten", "especes", "bar", "barzahlung",
                 "bargeld", "efectivo"]),
    ]
    /// Short words that name a method only beside a payment word, or alone as the label of an amount paid ("Bar  20,00",
    /// "EC  12,50"): elsewhere they are a bar's name, an address's PIN code, a chocolate bar, initials.
    static let ambiguous: Set<String> = ["bar", "ec", "cb", "pin", "karte", "carte"]
    /// Words saying how the bill was (or is to be) paid: also "received" ("Received with thanks by UPI", "Betrag bar
    /// erhalten") and a request to pay it a certain way ("Please pay within 14 days by bank transfer", "Graag …
    /// overmaken op IBAN", "Bitte überweisen Sie …"): that names the method, where terms or bank details alone do not.
    static let paidContext = [
        "paid", "payment mode", "mode of payment", "payment method", "mode terms of payment", "terms of payment",
        "payment details", "payment type", "tender", "tendered", "paid by", "paid via", "pay by", "settled", "payment",
        "pay mode", "mop", "charged", "charged to", "received", "recd", "please pay", "kindly pay", "overmaken",
        "over te maken", "uberweisen", "erhalten",
        "ontvangen",
        // A direct debit announced: the amount "will be collected" from the customer's account.
        "collected", "debited", "geincasseerd", "preleve", "eingezogen", "abgebucht",
        "bhugtan", "bhugtaan", "भुगतान", "bayaran", "dibayar", "cara bayaran",
        "betaling", "betaald", "afgeschreven", "betaalwijze", "betaalmethode", "voldaan",
        "paiement", "paye", "regle", "debite", "reglement", "mode de paiement", "moyen de paiement", "mode de reglement",
        "zahlung", "bezahlt", "belastet", "zahlungsart", "zahlweise", "zahlungsweise", "gezahlt", "beglichen",
        "pago", "pagado", "forma de pago",
    ]
    static let notUsed = [
        "ways to pay", "at any", "in favour", "in favor", "upi id", "bank details", "account", "ifsc", "accepted",
        "we accept", "you can pay", "options", "register", "auto pay", "cash memo", "cashier", "on our app", "bounce",
        "a c", "scan", "scan to pay", "cash credit", "cashback", "cash back", "loyalty", "gift card",
        "fidelite", "carte fidelite", "klantenkaart", "kundenkarte", "bonuskarte", "cadeaukaart", "carte cadeau",
        "gutschein", "bon cadeau",
    ]

    func find() -> Reading<PaymentMethod>? {
        var best: (method: PaymentMethod, score: Double)?
        var skipUntil = -1
        for line in bill.lines {
            let words = line.words
            if words.contains(anyOf: ["ways to pay", "payment options", "how to pay"]) { skipUntil = line.index + 6 }
            guard line.index > skipUntil, !words.contains(anyOf: Self.notUsed) else { continue }
            let above = line.index > 0 ? bill.lines[line.index - 1] : nil
            let labelAbove = above.map { bill.isLabelOnly($0.index) && $0.words.contains(anyOf: Self.paidContext) } ?? false
            let paidHere = words.contains(anyOf: Self.paidContext) || labelAbove
            let paysAmount = bill.amounts[line.index].contains(where: \.isMoneyLike)
            let cellWords = line.cells.map { TextLine.words(of: $0).joined(separator: " ") }
            for (method, phrases) in Self.methods {
                let named = phrases.filter { phrase in
                    guard words.contains(anyOf: [phrase]) else { return false }
                    return !Self.ambiguous.contains(phrase) || paidHere || (paysAmount && cellWords.contains(phrase))
                }
                guard !named.isEmpty else { continue }
                var score = 0.0
                if paidHere {
                    score = 3
                } else if line.cells.contains(where: { cell in
                    let w = TextLine.words(of: cell)
                    return w.count <= 3 && w.contains(anyOf: named)
                }) {
                    score = 2
                }
                if score > (best?.score ?? 0) { best = (method, score) }
            }
            if Self.hasMaskedCardNumber(line.text), 2 > (best?.score ?? 0) { best = (.card, 2) }
        }
        guard let best else { return nil }
        return Reading(best.method, confidence: best.score >= 3 ? 0.85 : 0.65)
    }

    /// "XXXX XXXX XXXX 3168", "**** 1234", "xxxxxx1234": a card number masked on the slip.
    static func hasMaskedCardNumber(_ text: String) -> Bool {
        // Every masked number has four masking characters in a row; most lines have none, and skip the pattern.
        var run = 0
        for byte in text.utf8 where run < 4 {
            run = byte == UInt8(ascii: "X") || byte == UInt8(ascii: "x") || byte == UInt8(ascii: "*") ? run + 1 : 0
        }
        guard run == 4 else { return false }
        let upper = text.uppercased()
        guard let range = upper.range(of: #"(?:[X*]{4}[ _-]?){2,3}[X*]{0,4}[ _-]?\d{4}\b|[X*]{6,12}\d{4}\b"#, options: .regularExpression)
        else { return false }
        return !upper[range].isEmpty
    }
}

/// The currency: signs and codes beside amounts, words ("Rupees"), and where the seller is (a GSTIN means India).
/// A rupee sign OCR reads as "€" now and then does not outvote a GST invoice.
struct CurrencyFinder {
    let bill: BillText

    static let words: [(phrase: String, code: String)] = [
        ("inr", "INR"), ("rs", "INR"), ("rupees", "INR"), ("rupee", "INR"), ("eur", "EUR"), ("euro", "EUR"),
        ("euros", "EUR"), ("usd", "USD"), ("dollars", "USD"), ("ils", "ILS"), ("nis", "ILS"), ("shekel", "ILS"),
        ("shekels", "ILS"), ("aed", "AED"), ("dirham", "AED"), ("dirhams", "AED"), ("gbp", "GBP"), ("pounds", "GBP"),
        ("sgd", "SGD"), ("chf", "CHF"), ("jpy", "JPY"), ("yen", "JPY"), ("rm", "MYR"), ("ringgit", "MYR"),
    ]
    static let signs: [Character: String] = ["₹": "INR", "€": "EUR", "$": "USD", "£": "GBP", "₪": "ILS", "¥": "JPY"]
    static let indianTax = ["gstin", "cgst", "sgst", "igst", "utgst", "hsn"]
    static let places: [(phrase: String, code: String)] = [
        ("india", "INR"), ("israel", "ILS"), ("tel aviv", "ILS"), ("germany", "EUR"), ("deutschland", "EUR"),
        ("france", "EUR"), ("italy", "EUR"), ("spain", "EUR"), ("netherlands", "EUR"), ("ireland", "EUR"),
        ("austria", "EUR"), ("belgium", "EUR"), ("portugal", "EUR"), ("finland", "EUR"), ("uae", "AED"),
        ("united arab emirates", "AED"), ("dubai", "AED"), ("united kingdom", "GBP"), ("london", "GBP"),
        ("usa", "USD"), ("united states", "USD"), ("singapore", "SGD"), ("switzerland", "CHF"), ("japan", "JPY"),
    ]
    static let dialCodes: [(prefix: String, code: String)] = [
        ("+91", "INR"), ("+972", "ILS"), ("+971", "AED"), ("+49", "EUR"), ("+33", "EUR"), ("+39", "EUR"), ("+34", "EUR"),
        ("+31", "EUR"), ("+353", "EUR"), ("+44", "GBP"), ("+65", "SGD"), ("+41", "CHF"),
    ]

    func find() -> Reading<String> {
        var votes: [String: Double] = [:]
        for line in bill.lines {
            for amount in bill.amounts[line.index] { if let code = amount.currency { votes[code, default: 0] += 1 } }
            for (phrase, code) in Self.words where line.words.contains(phrase: [phrase]) { votes[code, default: 0] += 2 }
            // Signs not already counted beside an amount ("Amount (₹)").
            for char in line.text { if let code = Self.signs[char] { votes[code, default: 0] += 0.5 } }
            guard !bill.buyerLines.contains(line.index) else { continue }
            for (phrase, code) in Self.places where line.words.contains(anyOf: [phrase]) { votes[code, default: 0] += 1.5 }
            let hasPlus = line.text.utf8.contains(UInt8(ascii: "+"))
            for (prefix, code) in Self.dialCodes where hasPlus && (line.text.contains(prefix + " ") || line.text.contains(prefix + "-")) {
                votes[code, default: 0] += 1.5
            }
        }
        let gst = Self.indianTax.filter { tax in bill.lines.contains { $0.words.contains(tax) } }.count
        votes["INR", default: 0] += 3 * Double(gst)
        let total = votes.values.reduce(0, +)
        guard let best = votes.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }), total > 0 else {
            return Reading("INR", confidence: 0.5)
        }
        return Reading(best.key, confidence: 0.4 + 0.55 * best.value / total)
    }
}
