import Foundation

/// Amounts as owners type them: "500", "1,200.50", "₹500", "rs.500", "2k", "1.5 lakh", "2 lakh 50 hazaar",
/// "paanch sau", "dedh hazaar", "saadhe teen hazaar", "five hundred", "two thousand five hundred".
/// Values are exact `Decimal`s: "1.5 lakh" is 150000, never a rounded binary fraction.
public enum KhataAmount {
    /// Small numbers written as words, English and Hindi (with the usual Roman spellings).
    static let units: [String: Decimal] = {
        var table: [String: Decimal] = [:]
        let spellings: [(Decimal, String)] = [
            (1, "one ek ik"), (2, "two do"), (3, "three teen tin"), (4, "four char chaar chār"),
            (5, "five paanch panch panc paach"), (6, "six chhe che chah chhah chheh"), (7, "seven saat sat"),
            (8, "eight aath ath"), (9, "nine nau no"), (10, "ten das dus"), (11, "eleven gyarah gyara gyaarah"),
            (12, "twelve barah bara baarah"), (13, "thirteen terah tera"), (14, "fourteen chaudah chauda"),
            (15, "fifteen pandrah pandra"), (16, "sixteen solah sola"), (17, "seventeen satrah satra"),
            (18, "eighteen atharah athara"), (19, "nineteen unnis unees"), (20, "twenty bees bis"),
            (25, "pachees pachis pachchees"), (30, "thirty tees tis"), (40, "forty fourty chaalis chalis"),
            (50, "fifty pachaas pachas"), (60, "sixty saath"), (70, "seventy sattar"), (75, "pachattar pachhattar"),
            (80, "eighty assi"), (90, "ninety nabbe nabbay"),
        ]
        for (value, words) in spellings {
            for word in words.split(separator: " ") { table[String(word)] = value }
        }
        return table
    }()

    /// Fractions that stand before a number: "dedh" 1.5, "dhai" 2.5, "sava" +¼, "saadhe" +½, "paune" −¼.
    enum Fraction {
        case fixed(Decimal), plusQuarter, plusHalf, minusQuarter
    }

    static let fractions: [String: Fraction] = [
        "dedh": .fixed(Decimal(string: "1.5") ?? 1), "derh": .fixed(Decimal(string: "1.5") ?? 1),
        "dhai": .fixed(Decimal(string: "2.5") ?? 2), "dhaai": .fixed(Decimal(string: "2.5") ?? 2),
        "adhai": .fixed(Decimal(string: "2.5") ?? 2), "sava": .plusQuarter, "savaa": .plusQuarter,
        "sawa": .plusQuarter, "saadhe": .plusHalf, "sadhe": .plusHalf, "saade": .plusHalf, "sade": .plusHalf,
        "paune": .minusQuarter, "pone": .minusQuarter, "paun": .minusQuarter, "pauney": .minusQuarter,
    ]

    /// Multipliers: "sau"/"hundred" scales the group being read; the larger ones close it.
    static let scales: [String: Decimal] = [
        "hundred": 100, "hundreds": 100, "sau": 100, "sow": 100,
        "thousand": 1000, "thousands": 1000, "hazaar": 1000, "hazar": 1000, "hajar": 1000, "hajaar": 1000,
        "hazzar": 1000, "k": 1000, "thousnd": 1000,
        "lakh": 100_000, "lakhs": 100_000, "lac": 100_000, "lacs": 100_000, "lak": 100_000, "laakh": 100_000,
        "crore": 10_000_000, "crores": 10_000_000, "cr": 10_000_000, "karod": 10_000_000, "karor": 10_000_000,
        "million": 1_000_000,
    ]

    /// Currency words around an amount; they mark a number as money.
    static let currencyWords: Set<String> = [
        "rs", "rs.", "inr", "₹", "rupees", "rupee", "rupaye", "rupaiye", "rupay", "rupiya", "rupya", "rupaiya",
        "rupe", "rupye", "bucks",
    ]

    /// A digit string: "1,200.50", "₹500", "rs500", "500rs", "500/-", "2k", "2.5k", "1.5l", "3cr".
    /// Returns the value and the scale word glued to it, if any ("2k" → 2, "k").
    static func digits(_ token: String) -> (value: Decimal, glued: String?, money: Bool)? {
        var text = Substring(token)
        var money = false
        for prefix in ["₹", "rs.", "rs", "inr"] where text.hasPrefix(prefix) {
            text = text.dropFirst(prefix.count)
            money = true
            break
        }
        if text.hasSuffix("/-") {
            text = text.dropLast(2)
            money = true
        }
        for suffix in ["rs", "₹"] where text.hasSuffix(suffix) && text.count > suffix.count {
            text = text.dropLast(suffix.count)
            money = true
        }
        let number = text.prefix { $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }
        guard let first = number.first, first.isNumber else { return nil }
        let rest = String(text.dropFirst(number.count))
        let cleaned = number.reversed().drop { $0 == "." || $0 == "," }.reversed()
        guard let value = Decimal(amountText: String(cleaned)) else { return nil }
        if rest.isEmpty { return (value, nil, money) }
        guard scales[rest] != nil || rest == "l" else { return nil }
        if rest == "l" { return (value, "lakh", money) }
        return (value, rest, money)
    }

    /// Number words that are also everyday words ("do" is "give", "saath" is "with"): numbers only when a
    /// scale follows ("do sau", "saath hazaar").
    static let ambiguousUnits: Set<String> = ["do", "no", "tin", "sat", "bis", "tis", "ik", "ek", "saath", "char", "che"]

    /// Reads the amount that starts at `start` in `words`: its value, how many words it took, and whether
    /// something in it said "money" (a currency mark or a scale such as "hazaar").
    public static func read(_ words: [String], from start: Int) -> (value: Decimal, count: Int, money: Bool)? {
        var total: Decimal = 0       // closed groups: thousands, lakhs, crores
        var hundreds: Decimal = 0    // "paanch sau" in "do hazaar paanch sau"
        var current: Decimal = 0     // the number being read
        var pending: Fraction?
        var sawNumber = false, money = false, afterScale = false
        var index = start

        func apply(_ scale: Decimal) {
            var base = current == 0 && hundreds == 0 ? 1 : current
            if let fraction = pending {
                switch fraction {
                case .fixed(let value): base = current == 0 ? value : current * value
                case .plusQuarter: base += Decimal(25) / 100
                case .plusHalf: base += Decimal(5) / 10
                case .minusQuarter: base -= Decimal(25) / 100
                }
                pending = nil
            }
            if scale == 100 {
                hundreds += base * 100
            } else {
                total += (hundreds + (current == 0 && hundreds != 0 ? 0 : base)) * scale
                hundreds = 0
            }
            current = 0
            sawNumber = true
            money = true
            afterScale = true
        }

        while index < words.count {
            let word = words[index]
            let next = index + 1 < words.count ? words[index + 1] : nil
            if currencyWords.contains(word) {
                money = true
                index += 1
                if sawNumber { break }    // "500 rupees": the amount ends with its currency
                continue
            }
            if let parsed = digits(word) {
                if sawNumber && !afterScale { break }     // "2 500": two numbers, not one
                current += parsed.value
                sawNumber = true
                money = money || parsed.money
                afterScale = false
                index += 1
                if let glued = parsed.glued, let scale = scales[glued] { apply(scale) }
                continue
            }
            if let fraction = fractions[word], !sawNumber || afterScale {
                pending = fraction
                if case .fixed(let value) = fraction {
                    if next.flatMap({ scales[$0] }) == nil {
                        current += value    // "dedh" alone is 1.5
                        pending = nil
                    }
                    sawNumber = true    // "sava" and "saadhe" wait for their number: "saadhe teen"
                }
                afterScale = false
                index += 1
                continue
            }
            if let unit = units[word], !sawNumber || afterScale || (current >= 20 && current < 100 && unit < 10) {
                if ambiguousUnits.contains(word), next.flatMap({ scales[$0] }) == nil { break }
                current += unit
                sawNumber = true
                afterScale = false
                index += 1
                continue
            }
            if let scale = scales[word], sawNumber || pending != nil, word != "k" || !afterScale {
                index += 1
                apply(scale)
                continue
            }
            break
        }
        if let fraction = pending, case .fixed(let value) = fraction { current += value }
        let value = total + hundreds + current
        guard sawNumber, value > 0 else { return nil }
        return (value, index - start, money)
    }
}
