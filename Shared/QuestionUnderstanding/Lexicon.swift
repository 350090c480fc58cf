import FintrakCore

package enum TimeUnit: String, Hashable, Sendable {
    case day, week, month, quarter, year
}

/// What a word of a question means, whatever language or spelling it came in.
package enum Word: Hashable, Sendable {
    // Time.
    case this, last, ago, unit(TimeUnit), today, yesterday, dayBeforeYesterday, soFar, monthName(Int)
    case financialYear, quarter(Int), toDate
    /// "daily", "weekly", "monthly": a breakdown by that unit.
    case every(TimeUnit)
    // Ranges and linking words.
    case between, from, to, and, since, until, before, after, on, within, of, by, per, wise, or, versus, with, at
    /// Hinglish postpositions: "Reliance ko", "DMart se", "is mahine ka".
    case ko, se, ka, tak
    // What is asked.
    case how, much, many, kitna, kitne, total, count, number, times, average, median
    case largest, smallest, most, least, top, sabse, list, show, all, breakdown, compare, trend, spend, which, latest
    case spreadsheet
    // What it is about.
    case bill, payee, category, method, date, when, whereWord, tax, net, including
    case payment(PaymentMethod), bank, transfer, cardKind
    // Numbers written as words.
    case numberWord(Int)
    /// Other people's data, the database: the answer says it covers the sender's own books only.
    case others
    /// Khata words: another part of the service answers those.
    case ledger
    /// "should I", "suggest", "GST rate on rice": advice and tax rates, which the books do not hold.
    case advice
    /// "above", "upar"; "below", "neeche": an amount filter's comparison ("bills above 3000", "500 ke neeche").
    case above, below
    /// "teen hazaar", "5 lakh": a scale of an amount, which only an amount filter may hold ("10 hazar se upar").
    case amountScale
    /// Words that carry no meaning here ("please", "my", "bhai").
    case filler
}

extension Word {
    /// A word that asks something about the bills — a measure, a question word, what is counted — rather than one
    /// that only places it in time, links words or fills.
    package var asks: Bool {
        switch self {
        case .how, .much, .many, .kitna, .kitne, .total, .count, .times, .average, .median, .largest, .smallest,
             .most, .least, .top, .sabse, .list, .show, .breakdown, .compare, .versus, .trend, .spend, .which, .latest,
             .spreadsheet, .bill, .payee, .category, .method, .date, .when, .whereWord, .tax, .net, .wise, .per, .every:
            true
        default:
            false
        }
    }
}

/// The words Fintrak knows, in English and Hinglish with their common spellings, and spelling correction.
package enum Lexicon {
    /// Every spelling and what it means; a spelling appears once (a test checks).
    package static let entries: [(Word, String)] = {
        var entries: [(Word, String)] = [
            (.this, "this current curr is iss ye yeh yah isi chalu इस ये यह aa ess"),
            (.last, "last lst previous prev past guzra guzre guzri beeta beete beeti pichle pichla pichli pichhle pichhla pichhli picchle picchla pichley pichhley peechle pichale pichel पिछले पिछला पिछली magchya maagchya magcha magil"),
            (.ago, "ago back pehle pahle phle pehele पहले"),
            (.unit(.day), "day days din dino dinon दिन"),
            (.unit(.week), "week weeks wk wks hafta hafte hafton hapta hapte saptah हफ्ते हफ़्ते हफ्ता हफ़्ता सप्ताह"),
            (.unit(.month), "month months mnth mnths mth mths mahina mahine mahino mahinon mahinay mahene mahena mahiney महीने महीना महीनों mahinyat mahinyaat mahinyacha mahinyache mahinyachi"),
            (.unit(.quarter), "quarter quarters qtr"),
            (.unit(.year), "year years yr yrs saal sal saalon varsh baras साल वर्ष"),
            (.today, "today aaj aj tday tdy todays आज"),
            (.yesterday, "yesterday yday ystrday yesterdy yesturday kal कल"),
            (.dayBeforeYesterday, "parso parson"),
            (.soFar, "overall ever lifetime abtak"),
            (.financialYear, "fy fiscal financial"),
            (.toDate, "ytd mtd"),
            (.every(.day), "daily roz rozana everyday"),
            (.every(.week), "weekly"),
            (.every(.month), "monthly mahinewar"),
            (.every(.year), "yearly annual annually saalana"),
            (.between, "between beetween bw beech bich बीच"),
            (.from, "from frm"),
            (.to, "to till until untill upto thru through"),
            (.and, "and aur n और"),
            (.since, "since"),
            (.before, "before prior"),
            (.after, "after baad बाद"),
            (.on, "on"),
            (.within, "in during within mein me mai main for में ma madhe"),
            (.of, "of"),
            (.by, "by via using"),
            (.per, "per each every har harek pratyek"),
            (.wise, "wise wize vise"),
            (.or, "or ya या"),
            (.versus, "vs versus v vrs against"),
            (.with, "with"),
            (.at, "at pe par पर पे"),
            (.ko, "ko को"),
            (.se, "se से"),
            (.ka, "ka ki ke का की के da cha chya"),
            (.tak, "tak tk तक"),
            (.how, "how hw"),
            (.much, "much"),
            (.many, "many mny"),
            (.kitna, "kitna kitnaa kitana ketna kitnha kithna कितना kiti ketlo ketla ketli kinna"),
            (.kitne, "kitne kitney kitnay kitni कितने कितनी kinne"),
            (.total, "total totl sum summary altogether combined kul कुल"),
            (.count, "count"),
            (.number, "number no num"),
            (.times, "times baar bar dafa"),
            (.average, "average avg avrage averge mean ausat ausatan typical typically औसत"),
            (.median, "median middle"),
            (.largest, "largest biggest bigest highest higest maximum max costliest expensive mehenga mehnga mahanga bada badi bade बड़ा बड़े बड़ी"),
            (.smallest, "smallest smalest lowest minimum min cheapest cheap sasta sasti saste chhota chota choti chhoti छोटा छोटे छोटी"),
            (.most, "most zyada jyada zyaada jada jyaada zada adhik more busiest ज्यादा ज़्यादा अधिक"),
            (.least, "least fewest kam less कम"),
            (.top, "top leading"),
            (.latest, "latest recent recently newest"),
            (.sabse, "sabse sbse sabsay सबसे"),
            (.list, "list details detail itemise itemize itemised itemized statement entries"),
            (.show, "show display dikhao dikhaao dikha dikhana dikhaiye dikhado give send bhejo दिखाओ भेजो"),
            (.all, "all saare sare saara sara sab sabhi poora pura entire whole everything सारे सभी"),
            (.breakdown, "breakdown breakup split distribution categorise categorize classify"),
            (.compare, "compare compared comparing comparison tulna muqabla mukabla difference diff"),
            (.trend, "trend trends"),
            (.spend, "spend spent spending spends expense expenses expenditure expenditures kharcha kharch kharche kharchi karcha kharchaa kharchey kharchon pay paid paying payment payments diya diye di dete bought buy purchases outflow cost costs lagaya lage paisa paise rupees rupaye rupay rs inr amount amounts value went kharida kharidi kharide kharidari chukaya chukaye bhara bhari bhare bharna mangaya mangwaya manga udaya udaye खर्च खर्चा खर्चे दिया दिए भुगतान dala dalaya dalwaya bharwaya bharaya kharcho rupiya rupiye rupya"),
            (.which, "which what kaunsa konsa kaun kon kya kis kisme कौन कौनसा क्या"),
            (.spreadsheet, "excel xlsx spreadsheet sheet csv export download xls"),
            (.bill, "bill bills bil invoice invoices invoce invoic receipt receipts purchase transaction transactions txn txns entry parchi rasid raseed order orders बिल बिलों"),
            (.payee, "payee payees vendor vendors supplier suppliers merchant merchants seller sellers shop shops store stores dukaan dukan dukaanon dukano dukanon party parties company companies who whom kisko kise kisse brand brands दुकान distributor distributors stockist stockists wholesaler wholesalers dealer dealers agency agencies"),
            (.category, "category categories categry catagory type types head heads kind kinds"),
            (.method, "method methods mode modes"),
            (.date, "date dates"),
            (.when, "when kab"),
            (.whereWord, "where kahan kaha kidhar"),
            (.tax, "gst tax taxes cgst sgst igst vat itc जीएसटी टैक्स"),
            (.net, "net pretax excluding exclusive excl without bina बिना"),
            (.including, "including incl inclusive"),
            (.payment(.upi), "upi gpay googlepay phonepe paytm bhim"),
            (.payment(.cash), "cash nakad nagad naqad nakd नकद"),
            (.payment(.card), "card cards"),
            (.payment(.bankTransfer), "neft rtgs imps netbanking"),
            (.payment(.cheque), "cheque cheques chq chque"),
            (.bank, "bank"),
            (.transfer, "transfer transfers"),
            (.cardKind, "credit debit"),
            (.others, "everyone everyones everybody users user others other tenants tenant customers database db anyone anybody someone somebody"),
            (.ledger, "udhaar udhar udhari udhaari hisaab hisab khata khaata owe owes owed balance lena dena baki baaki lene dene उधार हिसाब बाकी बाक़ी"),
            (.above, "above over exceeding exceeds greater upar uppar oopar ooper ऊपर"),
            (.below, "below under beneath neeche niche nichhe नीचे"),
            (.advice, "should shall suggest recommend advice advise salah rate rates"),
            // Written out; "k" and "cr" only count right after a number (AmountParser).
            (.amountScale, AmountParser.scales.keys.filter { $0.count > 2 }.sorted().joined(separator: " ")),
            (.filler, """
                i my mine myself share provide requesting input zala jhala thayo hoya we our us you your yours did do does done doing have has had having am are was were be \
                been being the a an it its that there here tell let know please pls plz kindly can could would will \
                just so far now thanks thank hi hey hello bhai yaar ji sir madam boss bro dear maine mera meri mere mujhe \
                humne hum hamara hamare aap apna apne apni tum tera hai hain tha thi the hua hui hue hota hoti hote raha rahe \
                rahi kar kiya kiye kari karo karna batao bata bataiye bataye btao jaldi want need chahiye dekhna dekho check \
                get got about any some up out than then also only ab abhi aaye aaya aayi aye aya ho hona kuch koi le liya \
                liye lagi gaya gaye money time whose yet bhar bhaiya bhaiyya wale wala wali waale waala waali vale vala
                हुआ हुए हुई है हैं था थी थे मेरा मेरी मेरे आए आये आया किया किए किये बताओ बताइए मैंने मैने मुझे हो गया गए गये गई
                """),
        ]
        for (index, names) in [
            "january jan janvari जनवरी", "february feb farvari फरवरी फ़रवरी", "march mar मार्च", "april apr अप्रैल अप्रेल",
            "may मई", "june jun जून", "july jul julai जुलाई", "august aug agast अगस्त", "september sep sept sitambar सितंबर सितम्बर",
            "october oct aktubar अक्टूबर अक्तूबर", "november nov navambar नवंबर नवम्बर", "december dec disambar दिसंबर दिसम्बर",
        ].enumerated() {
            entries.append((.monthName(index + 1), names))
        }
        for (value, names) in [(1, "one ek"), (2, "two"), (3, "three teen"), (4, "four char chaar"), (5, "five paanch panch"),
                               (6, "six chhe"), (7, "seven saat"), (8, "eight aath"), (9, "nine nau"), (10, "ten das")] {
            entries.append((.numberWord(value), names))
        }
        return entries
    }()

    package static let words: [String: Word] = {
        var table: [String: Word] = [:]
        for (word, spellings) in entries {
            for spelling in spellings.split(whereSeparator: \.isWhitespace) { table[String(spelling)] = word }
        }
        return table
    }()

    /// Whether a normalised word is a month's name ("sep", "sitambar", "सितंबर").
    package static func isMonthName(_ word: String) -> Bool {
        if case .monthName = words[word] { return true }
        return false
    }

    /// Exact meaning of a normalised word, or the meaning of the one known word it is a likely misspelling of.
    package static func meaning(of text: String) -> Word? {
        if let word = words[text] { return word }
        return corrected(text).flatMap { words[$0] }
    }

    /// The known spelling nearest `text` when exactly one meaning is that near: one edit for words of four
    /// to seven letters, two for longer ones. Short words are too easily something else.
    package static func corrected(_ text: String) -> String? {
        let limit = allowedEdits(forLength: text.count)
        guard limit > 0, text.allSatisfy(\.isLetter) else { return nil }
        var best: (distance: Int, spelling: String, word: Word)?
        var ambiguous = false
        for (spelling, word) in words where abs(spelling.count - text.count) <= limit && spelling.count >= 4 {
            let distance = Fuzzy.distance(text, spelling, limit: limit)
            guard distance <= limit else { continue }
            if let current = best {
                if distance < current.distance {
                    best = (distance, spelling, word)
                    ambiguous = false
                } else if distance == current.distance, current.word != word {
                    // A filler word loses a tie: "mahne" is "mahine", not "maine".
                    if current.word == .filler {
                        best = (distance, spelling, word)
                    } else if word != .filler {
                        ambiguous = true
                    }
                }
            } else {
                best = (distance, spelling, word)
            }
        }
        return ambiguous ? nil : best?.spelling
    }

    /// "pichlemahine" → ("pichle", "mahine"): a word that is exactly two known words, neither a filler, split one
    /// way only. Nil when no split or more than one fits.
    package static func runTogether(_ text: String) -> (String, String)? {
        guard text.count >= 4 else { return nil }
        var found: (String, String)?
        for cut in 2...(text.count - 2) {
            let first = String(text.prefix(cut)), second = String(text.dropFirst(cut))
            guard let one = words[first], let two = words[second], one != .filler, two != .filler else { continue }
            if found != nil { return nil }
            found = (first, second)
        }
        return found
    }

    package static func allowedEdits(forLength length: Int) -> Int {
        switch length {
        case ..<4: 0
        case ..<8: 1
        default: 2
        }
    }
}

/// Edit distance with adjacent transpositions ("relaince" is one edit from "reliance").
package enum Fuzzy {
    package static func distance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let s = Array(a), t = Array(b)
        if s.isEmpty || t.isEmpty { return max(s.count, t.count) }
        if abs(s.count - t.count) > limit { return limit + 1 }
        var previous2 = [Int](repeating: 0, count: t.count + 1)
        var previous = Array(0...t.count)
        var current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[t.count]
    }
}
