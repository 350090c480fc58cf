/// The labels bills print, in the languages they are written in, each with what it says the value beside it is.
/// One entry per label; phrases are written as `TextLine.words` reads them (lower case, punctuation dropped:
/// "Sous-total" → "sous total", "Total (RM)" → "total rm", "Date d'émission" → "date d emission", accents dropped).
public enum LabelLexicon {
    /// What a label says about the value it stands beside.
    public enum Role: Sendable, Hashable {
        /// An amount, and which one.
        case amount(AmountRole)
        /// The bill's own date, named as such ("Invoice Date", "Factuurdatum").
        case issueDate
        /// A bare "Date": the bill's date unless something says otherwise.
        case date
        /// A date that is not the bill's: due, order, delivery, a billing period's ends.
        case otherDate
        /// Opens the buyer's block: names and numbers under it are the customer's.
        case buyer
        /// Stands before the seller's name.
        case seller
        /// Stands before the company that owns the business named above it ("Owned by", "A unit of").
        case owner
    }

    public enum Language: String, Sendable, CaseIterable {
        case english, hindi, malay, dutch, french, german, spanish
    }

    public struct Entry: Sendable, Hashable {
        public var phrase: String
        public var role: Role
        public var language: Language
    }

    /// Every label, each once.
    public static let entries: [Entry] = english + hindi + malay + dutch + french + german + spanish

    /// The phrases with `role`, for matching as consecutive words.
    static func phrases(_ role: Role) -> [String] {
        entries.filter { $0.role == role }.map(\.phrase)
    }

    private static func table(_ language: Language, _ rows: [(String, Role)]) -> [Entry] {
        rows.map { Entry(phrase: $0.0, role: $0.1, language: language) }
    }

    // English, as India, Malaysia and the rest of the world print it.
    private static let english = table(.english, [
        ("grand total", .amount(.payable)), ("net payable", .amount(.payable)), ("amount payable", .amount(.payable)),
        ("total payable", .amount(.payable)), ("payable amount", .amount(.payable)), ("net amount", .amount(.payable)),
        ("net amt", .amount(.payable)), ("amount due", .amount(.payable)), ("total due", .amount(.payable)),
        ("balance due", .amount(.payable)), ("total amount due", .amount(.payable)), ("bill amount", .amount(.payable)),
        ("bill amt", .amount(.payable)), ("invoice total", .amount(.payable)), ("invoice amount", .amount(.payable)),
        ("total amount", .amount(.payable)), ("total amt", .amount(.payable)), ("total incl", .amount(.payable)),
        ("total including", .amount(.payable)), ("total inclusive", .amount(.payable)), ("incl vat", .amount(.payable)),
        ("including vat", .amount(.payable)), ("incl tax", .amount(.payable)), ("incl gst", .amount(.payable)),
        ("inc vat", .amount(.payable)), ("inc gst", .amount(.payable)), ("including tax", .amount(.payable)),
        ("including gst", .amount(.payable)), ("incl taxes", .amount(.payable)), ("to pay", .amount(.payable)),
        ("net total", .amount(.payable)), ("net bill", .amount(.payable)), ("final amount", .amount(.payable)),
        ("amount to pay", .amount(.payable)), ("to be paid", .amount(.payable)), ("balance to pay", .amount(.payable)), ("payable", .amount(.payable)), ("total value", .amount(.payable)),
        ("total rs", .amount(.payable)), ("total inr", .amount(.payable)), 
        ("net value", .amount(.payable)), ("nett", .amount(.payable)), ("nett total", .amount(.payable)),
        ("rounded total", .amount(.payable)), ("total rounded", .amount(.payable)),
        ("total after rounding", .amount(.payable)), ("amount paid", .amount(.payable)),
        ("total paid", .amount(.payable)), ("paid amount", .amount(.payable)), ("total sales", .amount(.payable)),
        ("total", .amount(.total)), ("amount", .amount(.total)), ("amt", .amount(.total)),
        ("current charges", .amount(.currentCharges)), ("current bill amount", .amount(.currentCharges)),
        ("total current charges", .amount(.currentCharges)), ("current bill", .amount(.currentCharges)),
        ("sub total", .amount(.subtotal)), ("subtotal", .amount(.subtotal)), ("sub total net", .amount(.subtotal)),
        ("subtotal net", .amount(.subtotal)), ("taxable", .amount(.subtotal)), ("taxable value", .amount(.subtotal)),
        ("taxable amount", .amount(.subtotal)),
        ("total taxable", .amount(.subtotal)), ("total taxable value", .amount(.subtotal)),
        ("taxable amt", .amount(.subtotal)), ("food total", .amount(.subtotal)), ("item total", .amount(.subtotal)),
        ("items total", .amount(.subtotal)), ("gross amount", .amount(.subtotal)), ("gross amt", .amount(.subtotal)),
        ("gross total", .amount(.subtotal)), ("gross", .amount(.subtotal)), ("total before tax", .amount(.subtotal)),
        ("amount before tax", .amount(.subtotal)), ("basic amount", .amount(.subtotal)), ("total net", .amount(.subtotal)),
        ("total excl", .amount(.subtotal)), ("total excluding", .amount(.subtotal)), ("excl vat", .amount(.subtotal)),
        ("excl gst", .amount(.subtotal)), ("excl tax", .amount(.subtotal)), ("total excl gst", .amount(.subtotal)),
        ("total excl vat", .amount(.subtotal)), ("total excl tax", .amount(.subtotal)),
        ("total incl gst", .amount(.payable)), ("total incl vat", .amount(.payable)), ("total incl tax", .amount(.payable)),
        ("excluding gst", .amount(.subtotal)), ("excluding tax", .amount(.subtotal)), ("excluding vat", .amount(.subtotal)),
        ("exclusive of gst", .amount(.subtotal)), ("exclusive of tax", .amount(.subtotal)), ("excl of gst", .amount(.subtotal)),
("of gst", .amount(.payable)), ("of vat", .amount(.payable)),
        ("inclusive of gst", .amount(.payable)), ("inclusive gst", .amount(.payable)), ("incl of gst", .amount(.payable)),
        ("inclusive of tax", .amount(.payable)), ("inclusive of vat", .amount(.payable)), ("inclusive of taxes", .amount(.payable)),
        ("cgst", .amount(.tax("cgst"))), ("sgst", .amount(.tax("sgst"))), ("utgst", .amount(.tax("utgst"))),
        ("igst", .amount(.tax("igst"))), ("gst", .amount(.tax("gst"))), ("vat", .amount(.tax("vat"))),
        ("cess", .amount(.tax("cess"))), ("sales tax", .amount(.tax("tax"))), ("service tax", .amount(.tax("tax"))),
        ("tax", .amount(.tax("tax"))),
        ("total tax", .amount(.totalTax)), ("tax amount", .amount(.totalTax)), ("total gst", .amount(.totalTax)),
        ("gst amount", .amount(.totalTax)), ("total vat", .amount(.totalTax)), ("vat amount", .amount(.totalTax)),
        ("tax total", .amount(.totalTax)), ("gst total", .amount(.totalTax)), ("total tax amount", .amount(.totalTax)),
        ("service charge", .amount(.charge)), ("service charges", .amount(.charge)), ("service chg", .amount(.charge)),
        ("delivery charge", .amount(.charge)), ("delivery charges", .amount(.charge)), ("delivery fee", .amount(.charge)),
        ("packing", .amount(.charge)), ("packaging", .amount(.charge)), ("shipping", .amount(.charge)),
        ("freight", .amount(.charge)), ("handling", .amount(.charge)), ("convenience fee", .amount(.charge)),
        // A city's tax on a night's stay is a charge on the bill, not its GST/VAT.
        ("city tax", .amount(.charge)), ("tourist tax", .amount(.charge)),
        ("discount", .amount(.discount)), ("discounts", .amount(.discount)), ("disc", .amount(.discount)),
        ("coupon", .amount(.discount)), ("promo", .amount(.discount)), ("less", .amount(.discount)),
        ("round off", .amount(.roundOff)), ("rounded off", .amount(.roundOff)), ("rounding", .amount(.roundOff)),
        ("rounding off", .amount(.roundOff)), ("round", .amount(.roundOff)), ("r off", .amount(.roundOff)),
        ("roff", .amount(.roundOff)), ("rounding adj", .amount(.roundOff)), ("rounding adjustment", .amount(.roundOff)),
        ("previous balance", .amount(.other)), ("opening balance", .amount(.other)), ("closing balance", .amount(.other)),
        ("arrears", .amount(.other)), ("balance returned", .amount(.other)), ("change", .amount(.tendered(.change))),
        ("change due", .amount(.tendered(.change))), ("tendered", .amount(.tendered(.given))),
        ("cash", .amount(.tendered(.given))), ("cash tendered", .amount(.tendered(.given))), ("payment", .amount(.tendered(.given))), ("paid", .amount(.other)),
        ("received", .amount(.other)), ("payments received", .amount(.other)), ("last payment", .amount(.other)),
        ("after due date", .amount(.other)), ("late payment", .amount(.other)), ("late fee", .amount(.other)),
        ("saved", .amount(.other)), ("you save", .amount(.other)), ("savings", .amount(.other)), ("mrp", .amount(.other)),
        ("in words", .amount(.other)), ("rupees", .amount(.other)), ("qty", .amount(.other)), ("items", .amount(.other)), ("item s", .amount(.other)),
        ("quantity", .amount(.other)), ("rate", .amount(.other)), ("adjustments", .amount(.other)),
        ("total qty", .amount(.other)), ("total items", .amount(.other)), ("total quantity", .amount(.other)),
        ("total qty tender", .amount(.other)), ("no of items", .amount(.other)), ("item count", .amount(.other)),
        ("credit", .amount(.other)), ("credits", .amount(.other)), ("deposit", .amount(.other)),
        ("advance", .amount(.other)), ("balance", .amount(.other)), ("due date", .amount(.other)),
        ("unit price", .amount(.other)), ("price", .amount(.other)), ("pax", .amount(.other)), ("table", .amount(.other)),
        ("kot", .amount(.other)), ("points", .amount(.other)), ("wallet", .amount(.other)), ("card", .amount(.other)),
        ("upi", .amount(.other)), ("auth", .amount(.other)),
        ("date", .date), ("dated", .date), ("dt", .date), ("issued", .date), ("receipt date", .date),
        ("txn date", .date), ("transaction date", .date), ("tax point", .date),
        ("invoice date", .issueDate), ("bill date", .issueDate), ("date of issue", .issueDate), ("issue date", .issueDate),
        ("inv date", .issueDate), ("invoice dt", .issueDate), ("bill dt", .issueDate), ("date of invoice", .issueDate),
        ("due", .otherDate), ("pay by", .otherDate), ("payable by", .otherDate), ("period", .otherDate),
        ("order", .otherDate), ("po", .otherDate), ("delivery", .otherDate), ("dispatch", .otherDate),
        ("despatch", .otherDate), ("received", .otherDate), ("last", .otherDate), ("valid", .otherDate),
        ("expiry", .otherDate), ("exp", .otherDate), ("from", .otherDate), ("to", .otherDate), ("by", .otherDate),
        ("before", .otherDate), ("after", .otherDate), ("meter", .otherDate), ("reading", .otherDate), ("dob", .otherDate),
        ("birth", .otherDate), ("since", .otherDate), ("challan", .otherDate), ("lr", .otherDate), ("ref", .otherDate),
        ("ack", .otherDate), ("reverse", .otherDate), ("interest", .otherDate), ("next", .otherDate),
        ("upto", .otherDate), ("till", .otherDate), ("until", .otherDate), ("start", .otherDate), ("end", .otherDate),
        ("billing period", .otherDate), ("service period", .otherDate), ("check in", .otherDate),
        ("check out", .otherDate), ("arrival", .otherDate), ("departure", .otherDate),
        ("bill to", .buyer), ("billed to", .buyer), ("buyer", .buyer), ("invoice to", .buyer), ("sold to", .buyer),
        ("ship to", .buyer), ("shipped to", .buyer), ("consignee", .buyer), ("customer details", .buyer),
        ("customer name", .buyer), ("name address", .buyer), ("name & address", .buyer),
        ("details of receiver", .buyer), ("recipient", .buyer), ("party name", .buyer), ("m s", .buyer), ("ms", .buyer),
        ("customer", .buyer), ("guest", .buyer), ("guest name", .buyer), ("deliver to", .buyer),
        ("delivery address", .buyer), ("billing address", .buyer), ("shipping address", .buyer),
        ("sold by", .seller), ("seller name", .seller), ("seller", .seller), ("supplier name", .seller),
        ("supplier", .seller), ("vendor name", .seller), ("vendor", .seller),
        ("owned by", .owner), ("own by", .owner), ("operated by", .owner), ("a unit of", .owner),
        ("billing cycle", .otherDate), ("attn", .buyer), ("attention", .buyer),
    ])

    // Hindi, in Latin letters (as typed on Indian bills) and in Devanagari.
    private static let hindi = table(.hindi, [
        ("kul", .amount(.total)), ("kul rashi", .amount(.payable)), ("kul yog", .amount(.payable)),
        ("yog", .amount(.total)), ("rashi", .amount(.total)), ("kul deya", .amount(.payable)),
        ("deya rashi", .amount(.payable)), ("bhugtan rashi", .amount(.payable)),
        ("कुल", .amount(.total)), ("कुल राशि", .amount(.payable)), ("कुल योग", .amount(.payable)), ("योग", .amount(.total)),
        ("राशि", .amount(.total)), ("कुल देय", .amount(.payable)), ("देय राशि", .amount(.payable)),
        ("भुगतान राशि", .amount(.payable)), ("छूट", .amount(.discount)), ("कर", .amount(.tax("tax"))),
        ("dinank", .date), ("tithi", .date), ("दिनांक", .date), ("तिथि", .date), ("बिल दिनांक", .issueDate),
        ("kharidar", .buyer), ("grahak", .buyer), ("खरीदार", .buyer), ("ग्राहक", .buyer), ("ग्राहक का नाम", .buyer),
        ("कुल रकम", .amount(.payable)), ("रकम", .amount(.total)), ("कुल देय राशि", .amount(.payable)),
        ("जीएसटी", .amount(.tax("gst"))), ("चालान दिनांक", .issueDate), ("बीजक दिनांक", .issueDate),
        ("kul rakam", .amount(.payable)), ("rakam", .amount(.total)),
        ("उप योग", .amount(.subtotal)), ("कर योग्य राशि", .amount(.subtotal)), ("कुल कर", .amount(.totalTax)),
        ("सीजीएसटी", .amount(.tax("cgst"))), ("एसजीएसटी", .amount(.tax("sgst"))), ("आईजीएसटी", .amount(.tax("igst"))),
        ("नकद", .amount(.tendered(.given))), ("पूर्णांकन", .amount(.roundOff)), ("तारीख", .date), ("बिल तिथि", .issueDate),
        ("देय तिथि", .otherDate), ("अंतिम तिथि", .otherDate), ("क्रेता", .buyer), ("विक्रेता", .seller),
        ("up yog", .amount(.subtotal)), ("kul kar", .amount(.totalTax)), ("nakad", .amount(.tendered(.given))),
        ("aagman", .otherDate), ("prasthan", .otherDate), ("vikreta", .seller), ("atithi", .buyer),
    ])

    private static let spanish = table(.spanish, [
        ("total a pagar", .amount(.payable)), ("importe total", .amount(.payable)), ("importe a pagar", .amount(.payable)),
        ("total factura", .amount(.payable)), ("total con iva", .amount(.payable)), ("total iva incluido", .amount(.payable)),
        ("iva incluido", .amount(.payable)), ("importe", .amount(.total)), ("base imponible", .amount(.subtotal)),
        ("total sin iva", .amount(.subtotal)), ("iva", .amount(.tax("vat"))), ("cuota iva", .amount(.totalTax)),
        ("total iva", .amount(.totalTax)), ("descuento", .amount(.discount)), ("gastos de envio", .amount(.charge)),
        ("cambio", .amount(.tendered(.change))), ("efectivo", .amount(.tendered(.given))),
        ("entregado", .amount(.tendered(.given))), ("fecha", .date), ("fecha de factura", .issueDate),
        ("fecha factura", .issueDate), ("fecha de emision", .issueDate), ("fecha de expedicion", .issueDate),
        ("vencimiento", .otherDate), ("fecha de vencimiento", .otherDate), ("fecha de pedido", .otherDate),
        ("fecha de entrega", .otherDate), ("periodo", .otherDate), ("cliente", .buyer), ("facturar a", .buyer),
        ("datos del cliente", .buyer), ("enviar a", .buyer),
    ])

    private static let malay = table(.malay, [
        ("jumlah", .amount(.total)), ("jumlah besar", .amount(.payable)), ("jumlah bersih", .amount(.payable)),
        ("jumlah keseluruhan", .amount(.payable)), ("jumlah perlu dibayar", .amount(.payable)),
        ("jumlah bayaran", .amount(.payable)), ("jumlah termasuk gst", .amount(.payable)),
        ("sub jumlah", .amount(.subtotal)), ("subjumlah", .amount(.subtotal)), ("jumlah sebelum gst", .amount(.subtotal)),
        ("cukai", .amount(.tax("tax"))), ("diskaun", .amount(.discount)), ("potongan", .amount(.discount)),
        ("pembundaran", .amount(.roundOff)), ("tunai", .amount(.tendered(.given))), ("baki", .amount(.tendered(.change))),
        ("wang baki", .amount(.tendered(.change))), ("kuantiti", .amount(.other)), ("harga", .amount(.other)),
        ("tarikh", .date), ("tarikh invois", .issueDate), ("pelanggan", .buyer),
        ("dimiliki oleh", .owner),
    ])

    private static let dutch = table(.dutch, [
        ("totaal", .amount(.total)), ("totaal te betalen", .amount(.payable)), ("te betalen", .amount(.payable)),
        ("totaalbedrag", .amount(.payable)), ("eindtotaal", .amount(.payable)), ("factuurbedrag", .amount(.payable)),
        ("totaal incl btw", .amount(.payable)), ("totaal inclusief btw", .amount(.payable)), ("bedrag", .amount(.total)),
        ("subtotaal", .amount(.subtotal)), ("totaal excl btw", .amount(.subtotal)),
        ("totaal exclusief btw", .amount(.subtotal)), ("btw", .amount(.tax("vat"))), ("btw bedrag", .amount(.totalTax)),
        ("totaal btw", .amount(.totalTax)), ("korting", .amount(.discount)), ("verzendkosten", .amount(.charge)),
        ("toeristenbelasting", .amount(.charge)),
        ("wisselgeld", .amount(.tendered(.change))), ("contant", .amount(.tendered(.given))),
        ("factuurdatum", .issueDate), ("datum", .date), ("vervaldatum", .otherDate), ("leverdatum", .otherDate),
        ("periode", .otherDate), ("besteldatum", .otherDate), ("factuuradres", .buyer), ("klant", .buyer),
        ("afleveradres", .buyer), ("te voldoen", .amount(.payable)), ("totaal bedrag", .amount(.payable)),
        ("incl btw", .amount(.payable)), ("excl btw", .amount(.subtotal)),
        ("factuur aan", .buyer), ("orderdatum", .otherDate), ("leveringsdatum", .otherDate),
        ("facturatieperiode", .otherDate),
        ("aankomst", .otherDate), ("vertrek", .otherDate), ("aankomstdatum", .otherDate), ("vertrekdatum", .otherDate),
        ("verkocht door", .seller), ("notadatum", .issueDate), ("te betalen voor", .otherDate), ("uiterlijk", .otherDate),
        ("factuurperiode", .otherDate),
    ])

    private static let french = table(.french, [
        ("total ttc", .amount(.payable)), ("montant ttc", .amount(.payable)), ("net a payer", .amount(.payable)),
        ("somme a payer", .amount(.payable)), ("montant a payer", .amount(.payable)), ("total a payer", .amount(.payable)),
        ("a payer", .amount(.payable)), ("montant total", .amount(.payable)), ("total facture", .amount(.payable)),
        ("montant", .amount(.total)), ("total ht", .amount(.subtotal)), ("montant ht", .amount(.subtotal)),
        ("sous total", .amount(.subtotal)), ("tva", .amount(.tax("vat"))), ("total tva", .amount(.totalTax)),
        ("montant tva", .amount(.totalTax)), ("remise", .amount(.discount)), ("frais de port", .amount(.charge)),
        ("taxe de sejour", .amount(.charge)),
        ("frais de livraison", .amount(.charge)), ("rendu", .amount(.tendered(.change))),
        ("monnaie rendue", .amount(.tendered(.change))), ("especes", .amount(.tendered(.given))),
        ("date de facture", .issueDate), ("date de facturation", .issueDate), ("date d emission", .issueDate),
        ("date de la facture", .issueDate), ("echeance", .otherDate), ("date d echeance", .otherDate),
        ("date de livraison", .otherDate), ("date de commande", .otherDate),
        ("facture a", .buyer), ("adresse de facturation", .buyer), ("livre a", .buyer), ("client", .buyer),
        ("destinataire", .buyer), ("reste a payer", .amount(.payable)), ("a regler", .amount(.payable)), ("total net a payer", .amount(.payable)),
        ("total general", .amount(.payable)), ("acompte", .amount(.other)), ("deja regle", .amount(.other)),
        ("escompte", .amount(.discount)), ("date de vente", .date), ("adresse de livraison", .buyer),
        ("montant du", .amount(.payable)), ("arrivee", .otherDate), ("depart", .otherDate),
        ("date d arrivee", .otherDate), ("date de depart", .otherDate), ("periode de facturation", .otherDate),
        ("vendu par", .seller), ("a regler avant", .otherDate), ("payable avant", .otherDate),
    ])

    private static let german = table(.german, [
        ("gesamtbetrag", .amount(.payable)), ("gesamtsumme", .amount(.payable)), ("endsumme", .amount(.payable)),
        ("zu zahlen", .amount(.payable)), ("zahlbetrag", .amount(.payable)), ("rechnungsbetrag", .amount(.payable)),
        ("bruttobetrag", .amount(.payable)), ("gesamt brutto", .amount(.payable)), ("summe", .amount(.total)),
        ("gesamt", .amount(.total)), ("zwischensumme", .amount(.subtotal)), ("nettobetrag", .amount(.subtotal)),
        ("gesamt netto", .amount(.subtotal)), ("netto", .amount(.subtotal)), ("mwst", .amount(.tax("vat"))),
        ("ust", .amount(.tax("vat"))), ("mehrwertsteuer", .amount(.tax("vat"))), ("umsatzsteuer", .amount(.tax("vat"))),
        ("rabatt", .amount(.discount)), ("versandkosten", .amount(.charge)),
        ("kurtaxe", .amount(.charge)), ("ruckgeld", .amount(.tendered(.change))),
        ("wechselgeld", .amount(.tendered(.change))), ("gegeben", .amount(.tendered(.given))),
        ("rechnungsdatum", .issueDate), ("fallig", .otherDate), ("falligkeitsdatum", .otherDate),
        ("lieferdatum", .otherDate), ("leistungszeitraum", .otherDate), ("zeitraum", .otherDate),
        ("bestelldatum", .otherDate), ("zahlbar bis", .otherDate), ("rechnungsempfanger", .buyer), ("kunde", .buyer),
        ("lieferadresse", .buyer), ("empfanger", .buyer), ("rechnungsadresse", .buyer),
        ("inkl mwst", .amount(.payable)), ("zu zahlender betrag", .amount(.payable)), ("endbetrag", .amount(.payable)), ("bruttosumme", .amount(.payable)), ("summe brutto", .amount(.payable)),
        ("betrag", .amount(.total)), ("nettosumme", .amount(.subtotal)), ("summe netto", .amount(.subtotal)),
        ("zzgl mwst", .amount(.tax("vat"))), ("steuer", .amount(.tax("tax"))), ("skonto", .amount(.discount)),
        ("zuruck", .amount(.tendered(.change))), ("leistungsdatum", .otherDate),
        ("datum der rechnung", .issueDate), ("ausstellungsdatum", .issueDate),
        ("rechnung an", .buyer), ("abrechnungszeitraum", .otherDate),
        ("falliger betrag", .amount(.payable)), ("anreise", .otherDate), ("abreise", .otherDate), ("gast", .buyer),
        ("verkauft von", .seller), ("zahlungsziel", .otherDate), ("auftragsdatum", .otherDate),
    ])
}
