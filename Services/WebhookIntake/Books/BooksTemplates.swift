import Mustache

/// The books' pages as mustache templates (escaped by mustache: `{{…}}` is HTML-escaped, nothing uses `{{{…}}}`).
/// Kept in the executable rather than beside it, so the one binary is the whole site. Every page extends `layout`;
/// every form that changes something carries the session's CSRF token.
enum BooksTemplates {
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in all { try library.register(text, named: name) }
        return library
    }

    static let all: [(String, String)] = [
        ("layout", layout), ("message", message), ("login", login), ("bills", bills), ("bill", bill), ("khata", khata), ("party", party),
        ("questions", questions), ("export", export),
    ]

    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{{chrome.title}} · Fintrak</title>
        <link rel="stylesheet" href="/books/static/style.css">
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        {{#chrome.csrf}}
        <header>
        <nav aria-label="Sections">
        <a href="/books/bills"{{#chrome.onBills}} aria-current="page"{{/chrome.onBills}}>Bills</a>
        <a href="/books/khata"{{#chrome.onKhata}} aria-current="page"{{/chrome.onKhata}}>Khata</a>
        <a href="/books/questions"{{#chrome.onQuestions}} aria-current="page"{{/chrome.onQuestions}}>Questions</a>
        <a href="/books/export"{{#chrome.onExport}} aria-current="page"{{/chrome.onExport}}>Export</a>
        </nav>
        </header>
        {{/chrome.csrf}}
        <main id="main">
        <h1>{{chrome.title}}</h1>
        {{#chrome.notice}}<p class="notice" role="status">{{chrome.notice}}</p>{{/chrome.notice}}
        {{#chrome.problem}}<p class="problem" role="alert">{{chrome.problem}}</p>{{/chrome.problem}}
        {{$content}}{{/content}}
        </main>
        {{#chrome.csrf}}
        <footer>
        <form method="post" action="/books/logout" class="logout">
        <input type="hidden" name="csrf" value="{{chrome.csrf}}">
        <button type="submit">Log out</button>
        </form>
        </footer>
        {{/chrome.csrf}}
        </body>
        </html>
        """

    /// A page with only the title and a line: signed out, a link that no longer works, not found.
    static let message = """
        {{<layout}}{{$content}}<p>{{text}}</p>{{/content}}{{/layout}}
        """

    /// The login link's page: opening it changes nothing; the button signs in.
    static let login = """
        {{<layout}}{{$content}}
        <p>Open your Fintrak books in this browser. The link works once.</p>
        <form method="post" action="/books/login/{{token}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">Open my books</button>
        </form>
        {{/content}}{{/layout}}
        """

    static let bills = """
        {{<layout}}{{$content}}
        <form method="get" action="/books/bills" class="filters">
        <label for="month">Month</label>
        <input type="month" id="month" name="month" value="{{month}}" required>
        <label for="q">Payee</label>
        <input type="search" id="q" name="q" value="{{query}}" placeholder="e.g. Sharma" autocomplete="off">
        <button type="submit">Show</button>
        </form>
        <section class="totals" aria-label="Totals for {{monthLabel}}">
        <p><span>Bills</span> <strong id="bill-count">{{count}}</strong></p>
        <p><span>Tax</span> <strong id="sum-tax">{{tax}}</strong></p>
        <p><span>Total</span> <strong id="sum-total">{{total}}</strong></p>
        </section>
        {{#hasDoubtful}}<p class="notice">Bills with a field marked <b>?</b> were hard to read: check them first.</p>{{/hasDoubtful}}
        <ul class="bills">
        {{#bills}}
        <li class="{{#isDoubtful}}doubtful{{/isDoubtful}}"><a href="/books/bills/{{id}}" id="bill-{{id}}">
        <span class="payee">{{payee}}</span><span class="amount">{{total}}</span>
        <span class="meta">{{date}}{{#number}} · {{number}}{{/number}}{{#isDoubtful}} · <b>?</b> check {{doubtfulFields}}{{/isDoubtful}}</span>
        </a></li>
        {{/bills}}
        {{^bills}}<li class="empty">No bills {{#query}}from “{{query}}” {{/query}}in {{monthLabel}}.</li>{{/bills}}
        </ul>
        {{/content}}{{/layout}}
        """

    static let bill = """
        {{<layout}}{{$content}}
        <p><a href="/books/bills?month={{month}}">← Bills of {{monthLabel}}</a></p>
        {{#removedReason}}<p class="problem">This bill was {{removedReason}}: it no longer counts in your books.</p>{{/removedReason}}
        <div class="bill-detail">
        {{#original}}
        <figure class="original">
        {{#isImage}}<a href="{{url}}"><img src="{{url}}" alt="Photo of the bill from {{payee}}"></a>{{/isImage}}
        {{^isImage}}<a href="{{url}}">Open the original PDF</a>{{/isImage}}
        </figure>
        {{/original}}
        {{^original}}<p class="meta">No original file: this bill was imported or typed.</p>{{/original}}
        <section aria-label="Fields" class="fields">
        {{#fields}}
        <form method="post" action="/books/bills/{{billID}}/edit" class="field{{#isDoubtful}} doubtful{{/isDoubtful}}">
        <input type="hidden" name="csrf" value="{{chrome.csrf}}">
        <input type="hidden" name="field" value="{{name}}">
        <label for="field-{{name}}">{{label}}{{#isDoubtful}} <b class="flag">? check</b>{{/isDoubtful}}</label>
        <span class="edit">
        <input id="field-{{name}}" name="value" value="{{value}}" inputmode="{{inputMode}}" placeholder="{{example}}"{{#readOnly}} readonly{{/readOnly}}>
        {{^readOnly}}<button type="submit">Save</button>{{/readOnly}}
        </span>
        </form>
        {{/fields}}
        </section>
        </div>
        {{^removedReason}}
        <form method="post" action="/books/bills/{{id}}/remove" class="danger">
        <input type="hidden" name="csrf" value="{{chrome.csrf}}">
        <button type="submit" name="reason" value="duplicate">Mark as duplicate</button>
        <button type="submit" name="reason" value="removed">Remove this bill</button>
        </form>
        {{/removedReason}}
        <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <ol class="history">
        {{#history}}<li><time>{{when}}</time> {{text}}</li>{{/history}}
        </ol>
        </section>
        {{/content}}{{/layout}}
        """

    static let khata = """
        {{<layout}}{{$content}}
        <section class="totals" aria-label="Totals">
        <p><span>Owed to you</span> <strong>{{owedToYou}}</strong></p>
        <p><span>You owe</span> <strong>{{youOwe}}</strong></p>
        </section>
        <ul class="bills">
        {{#parties}}
        <li><a href="/books/khata/{{id}}"><span class="payee">{{name}}</span><span class="amount">{{balance}}</span>
        <span class="meta">{{side}}</span></a></li>
        {{/parties}}
        {{^parties}}<li class="empty">No khata yet. Write “Ramesh 500 udhaar” in the chat to start one.</li>{{/parties}}
        </ul>
        {{/content}}{{/layout}}
        """

    static let party = """
        {{<layout}}{{$content}}
        <p><a href="/books/khata">← All parties</a> · <a href="/books/khata/{{id}}/statement.pdf">Download statement (PDF)</a></p>
        <section class="totals" aria-label="Balance"><p><span>Balance</span> <strong id="party-balance">{{balance}}</strong></p></section>
        <form method="post" action="/books/khata/{{id}}/entries" class="entry">
        <input type="hidden" name="csrf" value="{{chrome.csrf}}">
        <input type="hidden" name="entry" value="{{entryID}}">
        <fieldset>
        <legend>Add an entry</legend>
        <label><input type="radio" name="direction" value="gave" checked> You gave (they owe you more)</label>
        <label><input type="radio" name="direction" value="got"> You got (they owe you less)</label>
        </fieldset>
        <label for="amount">Amount (₹)</label>
        <input id="amount" name="amount" inputmode="decimal" required placeholder="500">
        <label for="note">Note</label>
        <input id="note" name="note" maxlength="200" placeholder="optional">
        <button type="submit">Add entry</button>
        </form>
        <div class="table" role="region" aria-label="Entries" tabindex="0">
        <table>
        <thead><tr>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead>
        <tbody>
        {{#rows}}<tr>{{#.}}<td>{{.}}</td>{{/.}}</tr>{{/rows}}
        </tbody>
        </table>
        </div>
        <p class="meta">{{#footer}}{{.}}<br>{{/footer}}</p>
        {{/content}}{{/layout}}
        """

    static let questions = """
        {{<layout}}{{$content}}
        <ol class="questions">
        {{#questions}}
        <li><p class="asked"><time>{{when}}</time> {{question}}</p>
        <p class="{{#understood}}answered{{/understood}}{{^understood}}unanswered{{/understood}}">{{answer}}</p></li>
        {{/questions}}
        {{^questions}}<li class="empty">No questions yet. Ask one in the chat, like “how much did I spend last month?”</li>{{/questions}}
        </ol>
        {{/content}}{{/layout}}
        """

    static let export = """
        {{<layout}}{{$content}}
        <form method="get" action="/books/export/bills" class="filters">
        <h2>Bills</h2>
        <label for="from">From</label><input type="date" id="from" name="from" value="{{from}}" required>
        <label for="to">To</label><input type="date" id="to" name="to" value="{{to}}" required>
        <fieldset><legend>Format</legend>
        <label><input type="radio" name="format" value="xlsx" checked> Excel (.xlsx)</label>
        <label><input type="radio" name="format" value="csv"> CSV</label>
        </fieldset>
        <button type="submit">Download bills</button>
        </form>
        <form method="get" action="/books/export/gst" class="filters">
        <h2>GST summary</h2>
        <p class="meta">Per supplier GSTIN and GST rate: taxable value, CGST, SGST, IGST and total.</p>
        <label for="gst-from">From</label><input type="date" id="gst-from" name="from" value="{{gstFrom}}" required>
        <label for="gst-to">To</label><input type="date" id="gst-to" name="to" value="{{gstTo}}" required>
        <label for="state">Your state code (first two digits of your GSTIN)</label>
        <input id="state" name="state" inputmode="numeric" pattern="[0-9]{2}" maxlength="2" placeholder="{{stateGuess}}">
        <button type="submit">Download GST summary (.xlsx)</button>
        </form>
        {{/content}}{{/layout}}
        """
}
