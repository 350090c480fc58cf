import Foundation

/// The seller who issued the bill. Bills print it at the top (after titles like "TAX INVOICE", before the buyer's
/// "Bill To" block) and repeat it where payment or signature is asked for: "For Sharma Traders / Authorised Signatory",
/// "cheque in favour of 'SwiftLink Broadband Pvt Ltd'", "Account Name: …". A name found in both places is trusted.
struct PayeeFinder {
    let bill: BillText

    struct Candidate {
        var name: String
        var key: String
        var score: Double
        var repeated: Bool
        /// The line it was read from.
        var line = -1
    }

    static let titles = [
        "tax invoice", "invoice", "bill", "retail bill", "cash memo", "cash bill", "bill of supply", "receipt", "original",
        "duplicate", "triplicate", "for recipient", "for transporter", "duplicate for transporter", "original for recipient",
        "estimate", "quotation", "proforma", "proforma invoice", "statement", "credit note", "debit note", "customer copy",
        "merchant copy", "gst invoice", "sales invoice", "delivery challan", "challan", "welcome", "thank you", "bill cum",
        "invoice cum", "tax invoice cum bill of supply", "sale bill", "sales receipt", "payment receipt", "memo",
        // The same titles in the other languages bills come in.
        "rechnung", "quittung", "kassenbon", "facture", "recu", "ticket", "ticket de caisse", "factura", "recibo",
        "factura simplificada", "factuur", "kassabon", "resit", "invois", "invois cukai", "bijak", "kar bijak", "बिल", "बीजक",
        "कर बीजक", "रसीद", "folio", "guest folio", "nota", "guest bill", "atithi bill",
    ]

    /// Labels bills put before the seller's name.
    static let sellerLabels = LabelLexicon.phrases(.seller)
    /// Labels before the company that owns the business ("Owned by", "A unit of").
    static let ownerLabels = LabelLexicon.phrases(.owner)

    static let businessWords: Set<String> = [
        "pvt", "private", "ltd", "limited", "llp", "inc", "llc", "gmbh", "sarl", "sa", "ag", "bv", "fze", "fzco", "plc", "co",
        "corp", "corporation", "company", "traders", "trading", "enterprises", "enterprise", "industries", "store", "stores",
        "mart", "supermarket", "market", "bazaar", "emporium", "agency", "agencies", "associates", "distributors",
        "textiles", "hotel", "restaurant", "cafe", "lounge", "corner", "dhaba", "bakery", "bakers", "sweets",
        "pharmacy", "medical", "medicals", "chemist", "chemists", "hospital", "clinic", "electricals", "electronics",
        "hardware", "motors", "garage", "service", "services", "solutions", "consultants", "consulting", "advisors", "studio",
        "telecom", "telenet", "broadband", "fibernet", "networks", "communications", "foods", "agro", "steel", "paper",
        "seafood", "kitchen", "express", "needs", "provision", "provisions", "kirana", "fashion", "fashions", "jewellers",
        "opticals", "books", "stationers", "stationery", "supplies", "suppliers", "exports", "imports", "international",
        "group", "works", "udyog", "bhandar", "sons", "brothers", "bros", "centre", "center", "house", "shop", "mills",
        "pharma", "labs", "laboratories", "logistics", "transport", "travels", "tours", "hub", "point", "plaza",
        "mall", "hypermarket", "dairy", "petroleum", "fuels", "auto", "automobiles", "furniture", "tiles",
        // Legal forms and trade words of Malaysia, the Netherlands, France and Germany.
        "sdn", "bhd", "berhad", "perniagaan", "syarikat", "kedai", "restoran", "farmasi", "nv", "sas", "eurl", "kg",
        "ohg", "ug", "ev", "handel", "winkel", "boulangerie", "pharmacie", "apotheke", "backerei", "sl", "slu", "srl", "spa",
        "sociedad", "suministros", "ferreteria", "farmacia", "panaderia", "libreria", "tienda", "magasin", "bv", "vof",
        "stationery", "confectionery", "gallery", "grocer", "bookstore", "bookcentre", "electrical",
        "bistro", "bar", "grill", "diner", "canteen", "eatery", "pub", "brasserie", "boutique", "salon", "florist",
        "cafeteria", "pizzeria", "trattoria", "bakeries", "groceries", "minimarket", "superstore", "outlet",
    ]

    static let contactWords: Set<String> = [
        "gstin", "gst", "fssai", "cin", "pan", "tel", "ph", "phone", "mob", "mobile", "email", "e", "mail", "www", "com",
        "regd", "office", "contact", "fax", "website", "web", "lic", "tin", "uin", "trn", "vat", "state", "code", "invoice",
        "date", "bill", "no", "time", "cashier", "counter", "table", "server", "waiter", "whatsapp", "customer", "care",
    ]

    static let addressWords: Set<String> = [
        "road", "rd", "street", "st", "floor", "nagar", "sector", "plot", "near", "opp", "behind", "marg", "chowk", "lane",
        "building", "bldg", "society", "colony", "apartment", "apartments", "gala", "village", "taluka", "dist", "district",
        "highway", "cross", "main", "block", "phase", "tower", "wing", "flat", "ground", "first", "second", "estate",
        "arcade", "complex", "salai", "gali", "mohalla", "post",
        // Malay, Dutch, French and German street and district words.
        "jalan", "jln", "lorong", "persiaran", "taman", "tmn", "lot", "kawasan", "perindustrian", "bandar", "kampung",
        "kg", "seksyen", "straat", "laan", "weg", "plein", "gracht", "kade", "rue", "avenue", "boulevard", "bd",
        "chemin", "allee", "quai", "impasse", "cedex", "strasse", "str", "platz", "gasse", "ring", "damm",
    ]

    /// Words that open an address line and never a name.
    static let streetStarts: Set<String> = [
        "jalan", "jln", "lorong", "persiaran", "taman", "tmn", "lot", "kawasan", "bandar", "seksyen", "plot", "rue",
        "avenue", "boulevard", "chemin", "allee", "quai", "impasse",
    ]

    /// Words of a bill's furniture, never of a business name.
    static let furnitureWords: Set<String> = [
        "signature", "signatory", "authorised", "authorized", "conditions", "terms", "declaration", "jurisdiction",
        "stockist", "subject", "receiver", "receivers", "description", "particulars", "summary", "details", "amount",
        "total", "payment", "thank", "thanks", "visit", "again",
    ]

    static let taglineStarts = [
        "suppliers of", "dealers in", "deals in", "dealer in", "manufacturers of", "wholesale", "authorised", "authorized",
        "specialist", "specialists", "since", "an iso", "quality", "all kinds", "faster", "postpaid", "prepaid",
        "deals", "stockist", "importers", "exporters of",
    ]

    func find() -> Reading<String>? {
        let candidates = merge(headerCandidates() + contextCandidates())
        guard let best = candidates.max(by: { ($0.score, $0.key.count) < ($1.score, $1.key.count) }) else { return nil }
        var confidence = 0.45
        if best.repeated { confidence += 0.3 }
        if Self.hasBusinessWord(best.key) { confidence += 0.15 }
        if best.score >= 6 { confidence += 0.1 }
        return Reading(Self.display(best.name), confidence: confidence)
    }

    // MARK: Candidates

    /// The first few name-like lines of the bill, before the buyer's block and the item table. The issuer heads the
    /// page: a name under the bill's first date, when one stood above it, is more likely the addressee's. A registered
    /// name (one with a legal form) straight under the first name outranks that trading name, since the company is who
    /// issued the bill (further down, past the address, it is a name among others); a line of trade words alone
    /// ("BISTRO & CAFE") describes the name above it.
    func headerCandidates() -> [Candidate] {
        var out: [Candidate] = []
        var pastTitle = false, pastDate = false
        let head = Array(bill.lines.prefix(18))
        for (position, line) in head.enumerated() {
            if bill.buyerLines.contains(line.index) { break }
            if bill.amounts[line.index].filter(\.isMoneyLike).count >= 2 { break }
            for (k, (cell, range)) in zip(line.cells, line.cellRanges).enumerated().prefix(2)
            where !bill.isBuyerCell(line: line.index, range: range) {
                // A title beside the name ("NOTA        Hotel Visser B.V.") is no part of it: the name is the next cell.
                if k == 0, line.cells.count > 1, Self.isTitle(TextLine.words(of: cell)) { continue }
                if Self.isInvocation(cell) { continue }
                // "Arrival        8 September 2026": a word with a date in the next cell labels that date.
                if k + 1 < line.cells.count, bill.dates[line.index].contains(where: { line.cellRanges[k + 1].contains($0.start) }) {
                    continue
                }
                let cell = Self.spacedOutName(line, from: k)
                let words = TextLine.words(of: cell)
                // The owner named in the seller's block is the company that issued the bill; under the title, an
                // owner is one name among others.
                let owner = Self.after(labels: Self.ownerLabels, in: cell, words: words)
                if owner != nil, pastTitle { continue }
                let unlabelled = Self.after(labels: Self.sellerLabels, in: cell, words: words) ?? owner ?? cell
                guard var name = Self.cleanName(unlabelled), Self.looksLikeName(name) else { continue }
                if !out.isEmpty, Self.isTradeWordsOnly(Self.key(name)) {
                    // It says the name above it is a business's.
                    if let last = out.indices.last, position > 0, out[last].line == head[position - 1].index,
                       !Self.hasBusinessWord(out[last].key) {
                        out[last].score += 3
                    }
                    break
                }
                if position + 1 < head.count, let end = Self.wrappedLegalForm(head[position + 1]) {
                    name = Self.cleanName(name + " " + end) ?? name
                } else if let rest = Self.runOn(of: name, in: head[(position + 1)...]) {
                    name = Self.cleanName(name + " " + rest) ?? name
                }
                let rank = Double(out.count)
                var score = max(0, 3 - rank)
                if Self.hasBusinessWord(Self.key(name)) { score += 3 }
                // The seller's name block: the first name and the lines straight under it, before its address.
                let inNameBlock = out.last.map { position > 0 && $0.line == head[position - 1].index } ?? true
                if LegalForm.marks(name), inNameBlock { score += 2 }
                if Self.isCapitalised(name) { score += 1 }
                if owner != nil { score += 3 }
                if pastDate, !out.isEmpty { score -= 3 }
                out.append(Candidate(name: name, key: Self.key(name), score: score, repeated: false, line: line.index))
                break
            }
            if Self.isTitle(line.words) { pastTitle = true }
            if !bill.dates[line.index].isEmpty { pastDate = true }
            if out.count >= 4 { break }
        }
        return out
    }

    static let joiningWords: Set<String> = ["and", "&", "und", "en", "et", "y", "dan"]

    /// The cell `start` of `line` with the single words after it that large type spaced out ("THREE     STOOGES"):
    /// words of letters only, none a title or a label; the cell after a joining word; and a name's end with its legal
    /// form after a first word ("Hotel     Visser B.V.").
    static func spacedOutName(_ line: TextLine, from start: Int = 0) -> String {
        guard line.cells.indices.contains(start) else { return "" }
        var name = line.cells[start]
        for cell in line.cells.dropFirst(start + 1) {
            // "Verma and      Sons Traders": a name that ends on a joining word goes on in the next cell.
            if let last = name.split(separator: " ").last?.lowercased(), joiningWords.contains(last) {
                name += " " + cell
                continue
            }
            if !name.contains(" "), name.allSatisfy(\.isLetter), !LegalForm.marks(name), LegalForm.marks(cell),
               !cell.contains(where: \.isNumber) {
                name += " " + cell
                break
            }
            let words = TextLine.words(of: cell)
            guard words.count == 1, let word = words.first, word.count >= 2, word.allSatisfy(\.isLetter),
                  cell.allSatisfy({ $0.isLetter || $0 == "." || $0 == "&" }), !contactWords.contains(word),
                  !isTitle(words), LabelLexicon.entries.allSatisfy({ $0.phrase != word }) else { break }
            name += " " + cell
        }
        return name
    }

    /// The end of a name wrapped onto the next line: a legal form alone, perhaps after a branch in brackets
    /// ("(SEMENYIH) SDN BHD" under "PASAR RAYA MEGA MAJU").
    static func wrappedLegalForm(_ line: TextLine) -> String? {
        guard let cell = line.cells.first else { return nil }
        // (The regular expression is compiled on each call: only cells with a bracket need it.)
        let outsideBrackets = cell.contains("(")
            ? cell.replacingOccurrences(of: #"\([^()]*\)"#, with: " ", options: .regularExpression) : cell
        return LegalForm.isWholeLine(TextLine.words(of: LegalForm.repaired(outsideBrackets))) ? cell : nil
    }

    /// The rest of a registered name printed over two or three lines, up to the line that ends in its legal form: a
    /// bracket opened on one line and closed on the next ("HARDWARE ENTERPRISE (SETIA" / "ALAM) SDN BHD"), or a
    /// name of two or three capitalised plain words that says nothing of a trade over "STATIONERY SDN BHD". A trading
    /// name with a trade word or of one word ("LOTUS NOODLE BAR", "MOONRAKER") stands on its own above its owner's
    /// name, and lower-case logo debris ("os tr") is no part of a name.
    static func runOn(of name: String, in following: ArraySlice<TextLine>) -> String? {
        guard !LegalForm.marks(name) else { return nil }
        func opensBracket(_ text: String) -> Bool { text.filter { $0 == "(" }.count > text.filter { $0 == ")" }.count }
        var parts: [String] = []
        for line in following.prefix(2) {
            guard let cell = line.cells.first else { return nil }
            let part = LegalForm.cutAfter(LegalForm.repaired(cell)).trimmingCharacters(in: .whitespaces)
            let words = TextLine.words(of: part)
            guard !words.isEmpty, !part.contains(where: \.isNumber), !isTitle(words),
                  !words.contains(where: { addressWords.contains($0) || contactWords.contains($0) }) else { return nil }
            parts.append(part)
            guard LegalForm.marks(part) else { continue }
            let bracketSpansLines = ([name] + parts.dropLast()).contains(where: opensBracket)
            let plainWords = parts.count == 1 && (2...3).contains(TextLine.words(of: name).count) && !hasBusinessWord(key(name))
                && name.allSatisfy { $0.isLetter || $0 == " " } && isCapitalised(name)
            return bracketSpansLines || plainWords ? parts.joined(separator: " ") : nil
        }
        return nil
    }

    /// "|| Shri Ganeshay Namah ||", "॥ Jai Mata Di ॥": a blessing printed above the shop's name, between double bars
    /// or ending in "namah", is no name.
    static func isInvocation(_ cell: String) -> Bool {
        let text = cell.trimmingCharacters(in: .whitespaces)
        let bars = ["||", "॥", "।।"]
        if bars.contains(where: { text.hasPrefix($0) }) && bars.contains(where: { text.hasSuffix($0) }) { return true }
        return ["namah", "namaha", "namaskar"].contains(TextLine.words(of: text).last ?? "")
    }

    /// A document title, alone or run on ("TAX INVOICE", "Tax Invoice / Adjustment Note").
    static func isTitle(_ words: [String]) -> Bool {
        let joined = words.joined(separator: " ")
        return titles.contains(joined) || titles.contains { joined.hasPrefix($0 + " ") && $0.count > 8 }
    }

    /// A line of trade words only ("Bistro & Cafe", "Restaurant and Bar"): what the business is, not its name.
    static func isTradeWordsOnly(_ key: String) -> Bool {
        let words = key.split(separator: " ").map(String.init)
        return !LegalForm.marks(key) && words.allSatisfy { businessWords.contains($0) || $0 == "&" || $0 == "and" }
    }

    /// Where bills repeat the seller's name: signatures, cheque and account instructions, footers.
    func contextCandidates() -> [Candidate] {
        var out: [Candidate] = []
        for line in bill.lines {
            let nearSignature = bill.lines[max(0, line.index - 3)..<min(bill.lines.count, line.index + 4)]
                .contains { $0.words.contains("signatory") || $0.words.contains("signature") }
            for cell in line.cells {
                let words = TextLine.words(of: cell)
                let lower = cell.lowercased()
                var name: String?
                var score = 0.0
                if let range = lower.range(of: "in favour of") ?? lower.range(of: "in favor of") ?? lower.range(of: "payable to") {
                    name = String(cell[range.upperBound...])
                    score = 5
                } else if let r = Self.after(labels: Self.sellerLabels, in: cell, words: words) {
                    name = r
                    score = 5
                } else if let r = Self.after(labels: ["account name", "a c name", "a c holder s name", "account holder",
                                                      "beneficiary name", "beneficiary"], in: cell, words: words) {
                    name = r
                    score = 4
                } else if words.first == "for", words.count >= 2, words.count <= 8, !bill.buyerLines.contains(line.index) {
                    // "For Verma Traders - Authorised Signatory": the name ends at the dash.
                    let rest = String(cell.drop { $0 != " " }).components(separatedBy: " - ")[0]
                    if nearSignature || Self.hasBusinessWord(Self.key(rest)) {
                        name = rest
                        score = 4
                    }
                } else if let r = Self.after(labels: ["thank you for shopping at", "thank you for shopping with",
                                                      "thanks for shopping at", "thank you for visiting"], in: cell, words: words) {
                    name = r
                    score = 4
                }
                if let raw = name, let clean = Self.cleanName(raw), Self.looksLikeName(clean) {
                    if Self.hasBusinessWord(Self.key(clean)) { score += 2 }
                    out.append(Candidate(name: clean, key: Self.key(clean), score: score, repeated: true))
                }
            }
            out += registeredNameCandidates(line)
            // A footer "Name - address - phone" line: the first part, when it is a business name. At the top of the
            // page it is the sender's line over a window envelope's address (the addressee's name comes under it
            // without a heading), which names the seller more surely.
            let parts = line.text.components(separatedBy: " - ")
            if parts.count >= 3, let clean = Self.cleanName(parts[0]), Self.looksLikeName(clean),
               Self.hasBusinessWord(Self.key(clean)) {
                out.append(Candidate(name: clean, key: Self.key(clean), score: line.index < 6 ? 4 : 2, repeated: true))
            }
        }
        return out
    }

    /// Words of the small print that identifies the issuing company: its trade register, VAT and tax numbers, bank
    /// account and managing director ("KvK", "SIRET", "RCS", "Amtsgericht … HRB", "USt-IdNr.", "IBAN", "CIN", "PAN").
    static let registrationMarks = [
        "kvk", "kvk nr", "btw nummer", "btw nr", "btw id", "siret", "siren", "rcs", "tva intracommunautaire", "n tva",
        "hrb", "hra", "amtsgericht", "handelsregister", "registergericht", "ust idnr", "ust id", "steuernummer",
        "geschaftsfuhrer", "iban", "bic", "swift", "vat reg", "vat registration", "vat no", "registered in",
        "registered office", "company no", "company number", "company registration", "cin", "pan", "gstin",
    ]

    /// The line of small print naming the company with its registration or bank details ("Nordlicht Software GmbH ·
    /// Amtsgericht Hamburg HRB 123456 · USt-IdNr. DE…", or a column of them): the registered name there is the
    /// seller's, since a business prints its own legal details, never its customer's. A bill that shows only a brand
    /// word at the top names its seller fully there.
    func registeredNameCandidates(_ line: TextLine) -> [Candidate] {
        guard !bill.buyerLines.contains(line.index), line.words.contains(anyOf: Self.registrationMarks) else { return [] }
        var out: [Candidate] = []
        for (cell, range) in zip(line.cells, line.cellRanges) where !bill.isBuyerCell(line: line.index, range: range) {
            for part in cell.components(separatedBy: Self.smallPrintSeparators) {
                let words = TextLine.words(of: part)
                // "Bank: Volksbank eG", "Geschäftsführer: …": a labelled field, not the name.
                guard !part.contains(":"), !words.contains(where: { Self.bankWords.contains($0) }),
                      let clean = Self.cleanName(part), Self.looksLikeName(clean) else { continue }
                let key = Self.key(clean)
                let registered = LegalForm.marks(clean)
                guard registered || Self.hasBusinessWord(key) else { continue }
                out.append(Candidate(name: clean, key: key, score: registered ? 6 : 4, repeated: true, line: line.index))
            }
        }
        return out
    }

    /// How small print strings its fields together on one line.
    static let smallPrintSeparators = CharacterSet(charactersIn: "·•|")
    static let bankWords: Set<String> = ["bank", "banque", "sparkasse", "volksbank", "raiffeisenbank", "bankverbindung"]

    /// Candidates naming the same business (one garbled or cut by OCR) pool their evidence under the fullest spelling.
    func merge(_ candidates: [Candidate]) -> [Candidate] {
        var merged: [Candidate] = []
        for candidate in candidates {
            if let i = merged.firstIndex(where: { Self.sameName($0.key, candidate.key) }) {
                var m = merged[i]
                m.score += candidate.score
                m.repeated = m.repeated || candidate.repeated
                // Keep the fuller spelling; between equals, the one that is not all capitals reads better.
                if candidate.key.count > m.key.count
                    || (candidate.key.count == m.key.count && Self.isAllCaps(m.name) && !Self.isAllCaps(candidate.name)) {
                    m.name = candidate.name
                    m.key = candidate.key
                }
                merged[i] = m
            } else {
                merged.append(candidate)
            }
        }
        return merged
    }

    // MARK: Name shape

    /// The text after the first of `labels` that starts the cell ("Account Name: Sharma Traders").
    static func after(labels: [String], in cell: String, words: [String]) -> String? {
        for label in labels {
            let phrase = label.split(separator: " ").map(String.init)
            guard words.starts(with: phrase), let rest = TextLine.text(after: phrase, in: cell) else { continue }
            // "Vikreta / Sold By:": the same label again in a second language.
            if rest.hasPrefix("/") {
                let second = String(rest.dropFirst())
                if let again = after(labels: labels, in: second, words: TextLine.words(of: second)) { return again }
            }
            return rest
        }
        return nil
    }

    /// Trims quotes, stray OCR marks and document titles around a name; "M/s." before it.
    static func cleanName(_ raw: String) -> String? {
        var text = withoutRegistrationNumber(LegalForm.cutAfter(LegalForm.repaired(raw)))
            .trimmingCharacters(in: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "&.()")).inverted)
        for prefix in ["m/s.", "m/s", "ms."] where text.lowercased().hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        var words = text.split(separator: " ").map(String.init)
        // "Bharat Telenet Limited Tax Invoice": a title run on at the end ("Guest Bill / Folio": titles only, no name).
        func tail(_ n: Int) -> String { TextLine.words(of: words.suffix(n).joined(separator: " ")).joined(separator: " ") }
        while let n = (1...3).reversed().first(where: { words.count >= $0 && titles.contains(tail($0)) }) {
            words.removeLast(n)
        }
        let joined = words.joined(separator: " ")
        text = joined.trimmingCharacters(in: CharacterSet(charactersIn: " .,-:;'\""))
        // "S.L.", "B.V.", "S.A.": a dotted legal form keeps its last dot.
        if joined.hasPrefix(text + "."), text.range(of: #"(^|\s)([A-Za-z]\.)+[A-Za-z]$"#, options: .regularExpression) != nil {
            text += "."
        }
        // A bracket closed but never opened is OCR or quoting debris ("Limited')").
        while text.hasSuffix(")"), text.filter({ $0 == ")" }).count > text.filter({ $0 == "(" }).count {
            text = String(text.dropLast()).trimmingCharacters(in: CharacterSet(charactersIn: " .,-:;'\""))
        }
        return text.isEmpty ? nil : text
    }

    /// "SPEED MART S/B (519537-X)", "GARDENIA BAKERIES (KL) SDN BHD (139386 X)": a company's registration number in
    /// brackets after its name is not part of the name (OCR reads a bracket as a brace or a square bracket).
    static func withoutRegistrationNumber(_ text: String) -> String {
        guard text.contains(where: { "([{".contains($0) }),
              let range = text.range(of: #"\s*[(\[{][^(){}\[\]]*\d{4,}[^(){}\[\]]*[)\]}]?\s*$"#, options: .regularExpression)
        else { return text }
        return String(text[..<range.lowerBound])
    }

    static func looksLikeName(_ name: String) -> Bool {
        let words = TextLine.words(of: name)
        let letters = name.filter(\.isLetter).count
        let digits = name.filter(\.isNumber).count
        let legal = LegalForm.marks(name)
        guard letters >= 4, digits <= 2, (1...8).contains(words.count), !name.contains("@") else { return false }
        // "TABLE : BAR 7": a field and its numbered value.
        if let colon = name.firstIndex(of: ":"), name[colon...].contains(where: \.isNumber) { return false }
        if words.count == 1 && words[0].count <= 3 { return false }   // logo initials ("GT", "AL")
        let joined = words.joined(separator: " ")
        if isTitle(words) { return false }
        if taglineStarts.contains(where: { joined.hasPrefix($0) }) { return false }
        if words.contains(where: { furnitureWords.contains($0) }) { return false }
        if isFieldLabel(words) { return false }
        // "Shop No. 7, Gandhi Market", "Unit Nr 4": a numbered shop, unit or plot is an address.
        if zip(words, words.dropFirst()).contains(where: { labelEnds.contains($0.0) && $0.1.first?.isNumber == true }) {
            return false
        }
        if words.contains(where: { contactWords.contains($0) }) && !hasBusinessWord(joined) { return false }
        if words.contains(where: { addressWords.contains($0) }) && (digits > 0 || name.contains(",")) { return false }
        // "Jalan Pusat Perniagaan", "Taman Berkeley", "Rue de la Paix": a line that opens with a street word.
        if let first = words.first, streetStarts.contains(first), !legal, !hasBusinessWord(joined) { return false }
        if name.contains(",") && !hasBusinessWord(joined) { return false }
        // A sentence ("Thank you for dining with us") is mostly lower-case words.
        let lowerWords = name.split(separator: " ").filter { $0.first?.isLowercase == true && $0.count > 2 }
        return lowerWords.count * 2 < words.count
    }

    /// Words that say a registration number follows ("Co. Reg. No.", "Registration No", "ROC").
    static let registrationWords: Set<String> = ["reg", "regn", "registration", "registered", "coreg", "roc", "brn", "ssm"]
    /// Words that end a field's label, the value still to come ("Company No :", "GST ID", "Tax Number").
    static let labelEnds: Set<String> = ["no", "nr", "number", "id", "n"]

    /// "Company No : 123-P", "CO REG NO", "(CO.REG. 86521-A)", "Registration Number": the label of a registration
    /// number printed under a name, never a name itself, whatever OCR leaves of the number after it.
    static func isFieldLabel(_ words: [String]) -> Bool {
        guard let last = words.last else { return false }
        return words.contains { registrationWords.contains($0) } || (words.count <= 3 && labelEnds.contains(last))
    }

    /// All-capitals names are shown in title case ("SUNRISE STEEL CORPORATION" → "Sunrise Steel Corporation").
    static func display(_ name: String) -> String {
        guard isAllCaps(name) else { return name }
        return name.split(separator: " ").map { word -> String in
            let lower = word.lowercased()
            if let fixed = legalForms[lower] { return fixed }
            if word.contains(where: \.isNumber) { return String(word) }
            // "(KL)" → "(Kl)": the first letter, after any bracket or quote.
            guard let first = lower.firstIndex(where: \.isLetter) else { return lower }
            return lower[..<first] + lower[first...].prefix(1).uppercased() + lower[lower.index(after: first)...]
        }.joined(separator: " ")
    }

    static let legalForms = [
        "gmbh": "GmbH", "llp": "LLP", "llc": "LLC", "fze": "FZE", "fzco": "FZCO", "plc": "PLC", "sarl": "SARL",
        "ag": "AG", "bv": "BV", "(opc)": "(OPC)",
    ]

    static func key(_ name: String) -> String {
        TextLine.words(of: name).joined(separator: " ")
    }

    static func hasBusinessWord(_ key: String) -> Bool {
        key.split(separator: " ").contains { businessWords.contains(String($0)) }
    }

    static func isCapitalised(_ name: String) -> Bool {
        name.split(separator: " ").allSatisfy { $0.first.map { !$0.isLetter || $0.isUppercase } ?? true }
    }

    static func isAllCaps(_ name: String) -> Bool {
        let letters = name.filter(\.isLetter)
        return !letters.isEmpty && letters.allSatisfy(\.isUppercase)
    }

    /// One key inside the other (a cut-off logo: "nk broadband pvt ltd"), or a few letters apart (OCR slips).
    static func sameName(_ a: String, _ b: String) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        if short.count >= 6, long.contains(short) { return true }
        return editDistance(a, b) * 5 <= max(a.count, b.count)
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}
